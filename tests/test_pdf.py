"""PDF reports: both engines, against each other and against the text of the same report."""

import dataclasses
import shutil

import pytest

import reportparse
from conftest import ROOT
from reportparse.cli import main
from reportparse.records import ReportError

PDFS = sorted((ROOT / "corpus").glob("*.pdf"))
DATA = ROOT / "tests" / "data"
ENGINES = ("pymupdf", "pdfplumber")


@pytest.fixture(scope="module")
def parsed():
    return {(pdf.stem, engine): reportparse.parse(pdf, engine=engine)
            for pdf in PDFS for engine in ENGINES}


def test_corpus_has_the_two_rendered_pdfs():
    assert [p.name for p in PDFS] == ["nerima_r3_landscape.pdf", "nerima_r3_word.pdf"]


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_both_engines_write_identical_csvs(pdf, tmp_path):
    for engine in ENGINES:
        assert main(["parse", str(pdf), "-o", str(tmp_path / engine), "-q", "--engine", engine]) == 0
    for name in ("incidents", "tables", "metrics", "tokens"):
        assert (tmp_path / "pymupdf" / f"{name}.csv").read_bytes() == (
            tmp_path / "pdfplumber" / f"{name}.csv").read_bytes(), name


def _without_position(record):
    return dataclasses.replace(record, source_page=0, source_line=0)


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_reads_as_the_text_does(pdf, engine, parsed, seed_report):
    """Every value equals the hand-checked text, except the 紛失 (8) heading the PDFs restore."""
    report = parsed[(pdf.stem, engine)]
    assert [_without_position(c) for c in report.table_records] == [
        _without_position(c) for c in seed_report.table_records]
    assert [_without_position(m) for m in report.metric_records] == [
        _without_position(m) for m in seed_report.metric_records]
    restored = {no: dataclasses.replace(i, category="紛失", category_declared=8)
                for no, i in enumerate(seed_report.incident_records, start=1) if 9 <= no <= 16}
    expected = [restored.get(i.no, i) for i in seed_report.incident_records]
    assert [_without_position(i) for i in report.incident_records] == [
        _without_position(i) for i in expected]
    assert report.token_records == seed_report.token_records
    assert (report.fiscal_year, report.municipality, report.source_format) == (2021, "練馬区", "pdf")


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_restored_heading_makes_every_declared_count_pass(pdf, parsed):
    report = parsed[(pdf.stem, "pymupdf")]
    declared = [(c.location, c.status) for c in report.check_records if c.check == "declared_count"]
    assert ("表6 紛失 (No 9-16)", "ok") in declared
    assert ("表6 誤廃棄 (No 8)", "ok") in declared
    assert report.n_checks_failed == 0


def test_source_pages_follow_the_pdf(parsed):
    word = parsed[("nerima_r3_word", "pymupdf")]
    pages = {i.no: i.source_page for i in word.incident_records}
    # 表6 runs over pages 2-4; row 6 starts on page 2 and ends on page 3 (the split row)
    assert (pages[1], pages[6], pages[7], pages[28]) == (2, 2, 3, 4)
    assert all(r.source_page >= 1 and r.source_line >= 1
               for r in word.table_records + word.metric_records + word.incident_records)
    landscape = parsed[("nerima_r3_landscape", "pymupdf")]
    assert sorted({i.source_page for i in landscape.incident_records}) == [3, 4, 5]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "name, code",
    [("encrypted.pdf", "encrypted"), ("scanned.pdf", "no_text_layer"), ("truncated.pdf", "corrupt")],
)
def test_broken_pdfs_get_named_errors(name, code, engine):
    with pytest.raises(ReportError) as caught:
        reportparse.parse(DATA / name, engine=engine)
    assert caught.value.code == code
    assert name in caught.value.message


@pytest.mark.parametrize("engine", ENGINES)
def test_garbage_with_a_pdf_name_is_corrupt(engine, tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(ReportError) as caught:
        reportparse.parse(path, engine=engine)
    assert caught.value.code == "corrupt"


def test_one_bad_pdf_does_not_stop_the_batch(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    for source in [DATA / "encrypted.pdf", DATA / "scanned.pdf", DATA / "truncated.pdf", PDFS[0]]:
        shutil.copy(source, batch / source.name)
    assert main(["parse", str(batch), "-o", str(tmp_path / "out"), "-q"]) == 1
    errors = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig")
    assert "encrypted.pdf,encrypted," in errors and "scanned.pdf,no_text_layer," in errors
    assert "truncated.pdf,corrupt," in errors
    reports = (tmp_path / "out" / "reports.csv").read_text(encoding="utf-8-sig")
    assert "nerima_r3_landscape," in reports
