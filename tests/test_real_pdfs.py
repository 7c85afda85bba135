"""Real government PDFs (not our report type) parse without a crash, in bounded time.

They live in ../shared/real-pdfs/ and are never copied into the project; without that
folder these tests are skipped.
"""

import time
from itertools import groupby

import pytest

import reportparse
from conftest import ROOT
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
