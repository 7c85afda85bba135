"""Records are read-only: the type checker refuses a stage that changes one."""

import textwrap
from pathlib import Path

import pytest


def test_assigning_a_record_field_is_a_type_error(tmp_path, monkeypatch):
    api = pytest.importorskip("mypy.api")
    monkeypatch.setenv("MYPYPATH", str(Path(__file__).resolve().parents[1] / "src"))
    stage = tmp_path / "stage.py"
    stage.write_text(textwrap.dedent("""
        from reportparse.records import Check, Incident, Line, Metric, TableCell

        def stage(line: Line, cell: TableCell, metric: Metric, incident: Incident,
                  check: Check) -> None:
            line.page = 2
            cell.value = "1"
            metric.value = 1
            incident.no = 1
            check.status = "ok"
            print(line.page, cell.value)  # reading is fine
    """))
    out, _, status = api.run([str(stage), "--no-incremental", "--cache-dir", str(tmp_path)])
    assert status == 1
    for field in ("page", "value", "no", "status"):
        assert f'Property "{field}" defined in' in out and "is read-only" in out, out
    assert out.count("is read-only") == 5, out

