"""Hostile input: random text and bytes, mutated reports and PDFs, huge files, formulas."""

import csv
import datetime
import io
import random
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEED
from reportparse.batch.run import run_batch
from reportparse.pipeline import build_report
from reportparse.read.text import read_text
from reportparse.records import ReportError

SEED_BYTES = SEED.read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_text(data: bytes):
    """The whole text pipeline on bytes; None when it ends in a documented error."""
    try:
        return build_report(read_text(data, "x.txt"), report_id="x", source_path="x.txt",
                            source_sha256="")
    except ReportError as error:
        assert error.code in {"unreadable_text", "no_report_found", "malformed_table"}
        assert "x.txt" in error.message
        return None


def _dates_are_valid(report) -> None:
    for incident in report.incident_records:
        if incident.occurred:
            datetime.date.fromisoformat(incident.occurred + "-01")
    for cell in report.table_records:
        if cell.value_date:
            datetime.date.fromisoformat(cell.value_date)
    for metric in report.metric_records:
        if metric.as_of:
            datetime.date.fromisoformat(metric.as_of)


@FAST
@given(st.text())
def test_random_text(text):
    report = _parse_text(text.encode("utf-8"))
    if report:
        _dates_are_valid(report)


@FAST
@given(st.binary())
def test_random_bytes(data):
    _parse_text(data)


@st.composite
def mutated_seed(draw):
    lines = SEED_TEXT.split("\n")
    for _ in range(draw(st.integers(1, 8))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "edit", "tab"]))
        if action == "delete":
            lines.pop(index)
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "edit" and lines[index]:
            at = draw(st.integers(0, len(lines[index]) - 1))
            lines[index] = lines[index][:at] + draw(st.text(max_size=5)) + lines[index][at + 1:]
        elif action == "tab":
            lines[index] = lines[index].replace("\t", draw(st.sampled_from(["", "\t\t", "  "])), 1)
        if not lines:
            lines = [""]
    return "\n".join(lines)


@FAST
@given(mutated_seed())
def test_mutated_seed(text):
    report = _parse_text(text.encode("utf-8"))
    if report:
        _dates_are_valid(report)
        assert all(c.status in ("ok", "failed") for c in report.check_records)


def test_mutated_pdfs_give_output_or_a_named_error_in_bounded_time(tmp_path):
    rng = random.Random(20211)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for source in sorted((ROOT / "corpus").glob("nerima_*.pdf")):
        data = source.read_bytes()
        for copy in range(6):
            mutated = bytearray(data)
            for _ in range(rng.choice([1, 10, 100])):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            (inputs / f"{source.stem}-{copy}.pdf").write_bytes(bytes(mutated))
    outcome = run_batch([str(inputs)], tmp_path / "out", jobs=2, timeout=60)
    assert len(outcome.summaries) + len(outcome.errors) == 12
    assert {e.error for e in outcome.errors} <= {"corrupt", "no_text_layer", "no_report_found",
                                                  "encrypted", "malformed_table"}


def _peak_mb(code: str) -> float:
    """Peak RSS of a fresh Python process running ``code``, or of its largest child."""
    report = ("import resource; print(max(resource.getrusage(who).ru_maxrss for who in "
              "(resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))")
    done = subprocess.run([sys.executable, "-c", f"{code}\n{report}"], check=True, cwd=ROOT,
                          capture_output=True, text=True)
    return int(done.stdout.split()[-1]) / 1024


def _distinct_incidents(count: int) -> str:
    """The seed with its incident list run on to ``count`` rows, no two texts alike.

    Each description and cause gets a word of the seed and the row number, so no
    tokenisation is shared between rows (repeated rows would hide the memory it takes).
    """
    lines = SEED_TEXT.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("1\t誤交付"))
    rows = [line.split("\t")[1:] for line in lines[start:] if line[:1].isdigit()]
    words = sorted(set(re.findall(r"[\u4e00-\u9fff]{2,}", SEED_TEXT)))
    rng = random.Random(13)
    parts = ["\n".join(lines[:start])]
    for number in range(1, count + 1):
        category, text, cause, department = rows[(number - 1) % len(rows)]
        text = text.replace("】 ", f"】 {rng.choice(words)}{number}の", 1)
        parts.append(f"\n{number}\t{category}\t{text}\t{rng.choice(words)}{number}の{cause}"
                     f"\t{department}")
    return "".join(parts)


@pytest.fixture(scope="module")
def big_report(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_text(_distinct_incidents(42_000), encoding="utf-8")
    assert path.stat().st_size > 13 * 1000 * 1000  # 13.6 MB
    return path


def test_a_13_mb_report_of_distinct_incidents_is_parsed_and_formatted_in_bounded_memory(big_report):
    """What a worker does with it: parse, and format the CSV lines of every output."""
    peak = _peak_mb(
        "from pathlib import Path; from reportparse.batch.run import Job, render; "
        f"r = render(Job(Path({str(big_report)!r}), 'big', 'pymupdf')); "
        "assert r.summary.n_incidents == 42000, r; "
        "assert r.fragments['tokens'].count('\\n') > 2_000_000")
    assert peak < 1000, f"{peak:.0f} MB"  # 756 MB here; 2,368 MB when every word was a Token


def test_a_13_mb_report_of_distinct_incidents_parses_under_the_default_memory_limit(
        big_report, tmp_path):
    result = subprocess.run([sys.executable, "-m", "reportparse", "parse", str(big_report),
                             "-o", str(tmp_path / "out"), "-q"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "out" / "incidents.csv", encoding="utf-8-sig") as file:
        assert sum(1 for _ in file) == 42_001


def test_a_long_pdf_stays_in_bounded_memory(tmp_path):
    import pymupdf

    long_pdf = tmp_path / "long.pdf"
    source = pymupdf.open(ROOT / "corpus" / "nerima_r3_word.pdf")
    document = pymupdf.open()
    for _ in range(50):
        document.insert_pdf(source)
    document.save(long_pdf)
    assert document.page_count == 200
    peak = _peak_mb(f"import reportparse; r = reportparse.parse({str(long_pdf)!r}); "
                    "assert r.pages == 200; "
                    "assert sum(c.table_no == 1 and c.is_total for c in r.table_records) == 100")
    assert peak < 800, f"{peak:.0f} MB"  # about 190 MB here


def test_formula_cells_are_neutralised_in_every_csv_and_numbers_are_not(tmp_path):
    text = SEED_TEXT.replace("区民以外\t34\t85", "=HYPERLINK(\"http://x\")\t34\t85")
    text = text.replace("【3年5月】 ボランティア", "【3年5月】 +cmd|' /C calc'!A0 ボランティア")
    text = text.replace("送付文書のダブルチェックを怠ったため\t生活衛生課", "@SUM(A1:A9)\t-生活衛生課")
    text = text.replace("区民\t74\t250", "区民\t-5\t250")
    (tmp_path / "evil.txt").write_text(text, encoding="utf-8")
    run_batch([str(tmp_path / "evil.txt")], tmp_path / "out")
    cells = []
    for name in ("reports", "tables", "metrics", "incidents", "tokens", "checks"):
        rows = csv.reader(io.StringIO((tmp_path / "out" / f"{name}.csv").read_text(encoding="utf-8-sig")))
        cells += [cell for row in rows for cell in row]
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@") and len(c) > 1]
    assert dangerous and all(c.lstrip("-").replace(",", "").isdigit() for c in dangerous), dangerous
    assert "'=HYPERLINK(\"http://x\")" in cells and "'@SUM(A1:A9)" in cells and "'-生活衛生課" in cells
    assert "-5" in cells and "1,710,634" not in cells and "1710634" in cells
