"""Damaged input is never silently wrong: right, a named error, or a failed check."""

import importlib.util
import subprocess
import sys

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEED
from reportparse import ReportError, parse
from reportparse.batch.run import run_batch
from reportparse.pipeline import build_report
from reportparse.read.layout import Char, glyph_runs
from reportparse.read.pdf import _cleaned_runs, _warning_lines
from reportparse.read.text import read_text

NAMED = {"corrupt", "no_text_layer", "no_report_found", "encrypted", "malformed_table"}
COMPARED = ("tables", "metrics", "incidents", "tokens", "checks")


def _generator():
    spec = importlib.util.spec_from_file_location("make_damaged_pdfs",
                                                  ROOT / "tools" / "make_damaged_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(path, report_id):
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    frame = frame[frame["report_id"] == report_id].drop(columns="report_id")
    if "check" in frame:
        frame = frame[frame["check"] != "damaged"]
    return frame.reset_index(drop=True)


def _verdicts(out):
    """report_id -> right, flagged (a failed damaged check) or WRONG; errors by their code."""
    verdicts = {}
    checks = pd.read_csv(out / "checks.csv", encoding="utf-8-sig", dtype=str)
    flagged = set(checks.query("check == 'damaged' and status == 'failed'")["report_id"])
    for report_id in pd.read_csv(out / "reports.csv", encoding="utf-8-sig")["report_id"]:
        golden = ROOT / "golden" / report_id.rsplit("-", 1)[0]
        same = all(_rows(out / f"{name}.csv", report_id).equals(
            _rows(golden / f"{name}.csv", golden.name)) for name in COMPARED)
        verdicts[report_id] = "flagged" if report_id in flagged else "right" if same else "WRONG"
    for error in pd.read_csv(out / "errors.csv", encoding="utf-8-sig").itertuples():
        verdicts[error.source_path.rsplit("/", 1)[-1].removesuffix(".pdf")] = error.error
    return verdicts


def test_byte_flipped_pdfs_are_right_a_named_error_or_flagged_and_mupdf_is_quiet(tmp_path):
    copies = _generator().damaged_copies(tmp_path / "in", copies=40, seed=11)
    assert len(copies) == 40
    done = subprocess.run([sys.executable, "-m", "reportparse", "parse", str(tmp_path / "in"),
                           "-o", str(tmp_path / "out"), "-q", "--jobs", "2"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.stdout == ""  # nothing from MuPDF, which used to print 120 lines here
    assert "MuPDF" not in done.stderr
    verdicts = _verdicts(tmp_path / "out")
    assert len(verdicts) == 40
    assert {v for v in verdicts.values()} <= {"right", "flagged"} | NAMED, verdicts
    assert list(verdicts.values()).count("flagged") >= 20  # the damage is seen, not guessed


def test_a_damaged_pdf_says_what_was_repaired_and_what_the_other_engine_reads(tmp_path):
    data = bytearray((ROOT / "corpus" / "nerima_r3_word.pdf").read_bytes())
    data[len(data) // 3] ^= 0xFF  # inside a compressed page stream
    (tmp_path / "damaged.pdf").write_bytes(bytes(data))
    report = parse(tmp_path / "damaged.pdf")
    damaged = report.checks.query("check == 'damaged'")
    assert damaged["status"].tolist() == ["failed"]
    message = damaged["message"].iloc[0]
    assert message.startswith("damaged PDF: pdfplumber reads ")
    assert "MuPDF: " in message


def test_a_warning_quoting_broken_bytes_no_longer_kills_the_worker(tmp_path):
    # copy 2 of seed 12: MuPDF's warning quotes a byte as a lone surrogate, which used to
    # fail the cache write in the worker (internal_error) while parse() said nothing
    damaged = _generator().damaged_copies(tmp_path / "in", copies=3, seed=12)[2]
    outcome = run_batch([str(damaged)], tmp_path / "out")
    assert outcome.errors == [] and outcome.summaries[0].n_incidents == 0
    failed = {check: message for check, _, message in outcome.summaries[0].failed}
    assert set(failed) <= {"damaged", "columns_named"}  # its table's header is lost too
    message = failed["damaged"]
    assert message.startswith("damaged PDF: pdfplumber cannot read it (corrupt); MuPDF: ")
    assert "\ufffd" in message


def test_the_intact_corpus_pdfs_have_no_damaged_check():
    for path in sorted((ROOT / "corpus").glob("*.pdf")):
        assert "damaged" not in set(parse(path).checks["check"]), path


def test_unwritable_characters_are_replaced_and_counted():
    notes = []
    runs = _cleaned_runs(glyph_runs([Char("\udcad", 0, 1, 1, 1), Char("区", 1, 2, 1, 1),
                                     Char("\x07", 2, 3, 1, 1)]), notes, 4)
    assert [r.texts for r in runs] == [("\ufffd", "区", "\ufffd")]  # one run, cleaned
    assert notes == ["page 4: 2 unreadable character(s) replaced with U+FFFD"]
    assert _warning_lines("unknown keyword: '\udcad'\n... repeated 2 times...") == [
        "unknown keyword: '\ufffd'"]
    for line in _warning_lines("unknown keyword: '\udcad'"):
        line.encode("utf-8")


# --- impossible years and dates in the header ----------------------------------------

SEED_TEXT = SEED.read_text(encoding="utf-8")
ERAS = ["明治", "大正", "昭和", "平成", "令和", ""]
NUMERALS = st.one_of(st.integers(0, 120).map(str),
                     st.integers(0, 120).map(lambda n: str(n).translate(str.maketrans(
                         "0123456789", "０１２３４５６７８９"))),
                     st.sampled_from(["元", "三", "十二", "三十二", "百"]))


def test_heisei_32_is_a_failed_check_not_a_bug():
    report = build_report(read_text(SEED_TEXT.replace("令和3年度", "平成32年度").encode(), "h.txt"),
                          report_id="h", source_path="h.txt", source_sha256="")
    failed = report.checks.query("status == 'failed'")
    assert report.fiscal_year is None
    assert "fiscal_year_readable" in set(failed["check"])
    assert "平成32年度" in failed.query("check == 'fiscal_year_readable'")["message"].iloc[0]
    assert len(report.incident_records) == 28  # the data is still written, as printed


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(era=st.sampled_from(ERAS), year=NUMERALS, month=NUMERALS, day=NUMERALS,
       fiscal=st.booleans())
def test_any_year_or_date_in_the_header_is_data_a_named_error_or_a_failed_check(
        era, year, month, day, fiscal):
    written = f"{era}{year}年度" if fiscal else f"{era}{year}年{month}月{day}日"
    text = SEED_TEXT.replace("令和3年度", written, 1).replace("【4年1月】", f"【{year}年{month}月】")
    try:
        report = build_report(read_text(text.encode(), "x.txt"), report_id="x",
                              source_path="x.txt", source_sha256="")
    except ReportError as error:
        assert error.code in NAMED | {"unreadable_text"}
        return
    assert all(c.status in ("ok", "failed") for c in report.check_records)
    if report.fiscal_year is not None:
        assert 1 <= report.fiscal_year <= 9998
