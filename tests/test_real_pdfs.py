"""Real government PDFs (not our report type) parse without a crash, in bounded time.

They live in ../shared/real-pdfs/ and are never copied into the project; without that
folder these tests are skipped.
"""

import time
from itertools import groupby

import pytest

import reportparse
from conftest import ROOT
from reportparse.read.pdf import read_pdf
from reportparse.records import ReportError

REAL = ROOT.parent / "shared" / "real-pdfs"
FILES = sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
SECONDS = 30  # generous: the slowest (177 pages) takes about 5 s here

pytestmark = pytest.mark.skipif(not FILES, reason=f"{REAL} is not here")

# Tables a reader counted in the PDFs: one long table stitched across all its pages.
ONE_TABLE = {
    "mhlw_kinkyuhinin_iryokikan_tokyo_000791218",  # 18 pages, header repeated
    "mhlw_kinkyuhinin_iryokikan_yamanashi_000605690",
    "nagasaki_covid_hassei_jirei_R030116",  # 65 pages
    "yamaguchi_covid_kanja_jokyo_ichiranhyo",  # 40 pages, title repeated on every page
    "gunma_covid_kanja_R0203",
    "niigata_city_covid_kanja_R0301",  # 7 pages, a 調査中 box laid over page 1
}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_parses_in_bounded_time_with_tables_in_order(path):
    start = time.perf_counter()
    try:
        report = reportparse.parse(path)
    except ReportError as error:  # a named error is an acceptable outcome
        assert error.code in {"encrypted", "no_text_layer", "corrupt", "no_report_found"}
        return
    finally:
        assert time.perf_counter() - start < SECONDS
    numbers = [no for no, _ in groupby(c.table_no for c in report.table_records)]
    assert numbers and numbers == sorted(set(numbers)), numbers
    assert all(c.source_page >= 1 and c.source_line >= 1 for c in report.table_records)
    if path.stem in ONE_TABLE:
        assert report.n_tables == 1


def test_two_tables_side_by_side_stay_apart():
    report = reportparse.parse(REAL / "okazaki_city_covid_kanja_R030116.pdf")
    first_page = sorted({c.table_no for c in report.table_records if c.source_page == 1})
    assert len(first_page) == 2
    for table_no in first_page:
        rows = {c.row_no for c in report.table_records if c.table_no == table_no}
        assert len(rows) > 10


def test_nearest_caption_becomes_the_title():
    report = reportparse.parse(REAL / "gunma_covid_kanja_R0203.pdf")
    assert {c.table_title for c in report.table_records} == {
        "県内における新型コロナウイルス感染症発生状況(令和2年3月)"}


def _lines(stem, engine="pymupdf"):
    path = REAL / f"{stem}.pdf"
    return read_pdf(path.read_bytes(), path.name, engine).lines


@pytest.mark.parametrize("stem", ["niigata_city_covid_kanja_R0301", "tokyo_covid_besshi_R020412",
                                  "mhlw_kinkyuhinin_iryokikan_yamanashi_000605690",
                                  "gunma_covid_kanja_R0203"])
def test_both_engines_give_the_same_lines(stem):
    assert _lines(stem, "pymupdf") == _lines(stem, "pdfplumber")


def test_a_box_over_a_column_neither_splits_the_table_nor_stops_it_at_the_page_break():
    lines = _lines("niigata_city_covid_kanja_R0301")
    rows = [line for line in lines if line.grid is not None]
    assert {line.grid for line in rows} == {rows[0].grid}
    assert {line.page for line in rows} == set(range(1, 8))
    assert {len(line.cells) for line in rows} == {9}
    assert rows[0].cells == ("No", "判明日", "年代", "性別", "居住地", "職業", "渡航歴", "その他", "濃厚接触者数")
    assert [(line.text, line.page) for line in lines if line.grid is None][-1] == ("調査中", 1)


def test_a_table_with_a_thick_border_keeps_its_header_and_first_column():
    lines = _lines("tokyo_covid_besshi_R020412")
    listing = [line for line in lines if line.grid is not None and line.page >= 2]
    assert listing[0].cells[:3] == ("No", "リリース日", "居住地")
    assert [line.cells[0] for line in listing[1:]] == [str(n) for n in range(1908, 2074)]
    assert {line.grid for line in listing} == {listing[0].grid}
    after = lines[lines.index(listing[-1]) + 1]
    assert (after.text, after.grid) == ("居住地、属性、渡航歴、接触歴等は、現在、調査中です。", None)


def test_a_header_cell_spanning_all_columns_is_text_then_fillers():
    rows = [line.cells for line in _lines("mhlw_kinkyuhinin_iryokikan_yamanashi_000605690")
            if line.grid is not None]
    assert rows[0] == ("基本情報",) + ("",) * 7
    assert rows[1][:3] == ("施設名", "郵便番号", "住所") and len(rows[1]) == 8
    assert {len(row) for row in rows} == {8}
