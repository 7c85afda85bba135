from pathlib import Path

import pytest

import reportparse

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "nerima_r3.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_report() -> reportparse.Report:
    return reportparse.parse(SEED)


@pytest.fixture
def parse_bytes(tmp_path):
    """Parse report bytes written to a file of the given name."""

    def parse(data: bytes, name: str = "report.txt") -> reportparse.Report:
        path = tmp_path / name
        path.write_bytes(data)
        return reportparse.parse(path)

    return parse
