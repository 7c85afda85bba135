"""The synthetic saved web page of the 令和3年度 report, end to end, against its text copy."""

import csv
import dataclasses
import importlib.util
import io
import shutil
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportparse
from conftest import ROOT
from reportparse.cli import main
from reportparse.pipeline import build_report
from reportparse.read.html import read_html
from reportparse.records import ReportError

PAGES = ROOT / "corpus"
PAGE = PAGES / "nerima_r3_web.html"
COPY = PAGES / "nerima_r3_web_copy.txt"
TWO_ROW_HEADER_TABLE = 7


@pytest.fixture(scope="module")
def page():
    return reportparse.parse(PAGE)


@pytest.fixture(scope="module")
def copy():
    return reportparse.parse(COPY)


def _without_position(records):
    return [dataclasses.replace(r, source_page=0, source_line=0) for r in records]


def _cells(report, *, two_row_header: bool):
    return _without_position(c for c in report.table_records
                             if (c.table_no == TWO_ROW_HEADER_TABLE) == two_row_header)


def _read_csv(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_the_generator_makes_the_committed_files(monkeypatch):
    spec = importlib.util.spec_from_file_location("make_html", ROOT / "tools" / "make_html.py")
    make_html = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_html", make_html)  # dataclasses look it up
    spec.loader.exec_module(make_html)
    blocks = make_html.blocks_of((ROOT / "corpus" / "nerima_r3.txt").read_text(encoding="utf-8"))
    assert make_html.page_html(blocks).encode("cp932", "xmlcharrefreplace") == PAGE.read_bytes()
    assert make_html.text_copy(blocks) == COPY.read_text(encoding="utf-8")


def test_the_page_is_shift_jis_with_chrome_around_the_report():
    data = PAGE.read_bytes()
    assert b"charset=Shift_JIS" in data and b"&#40784;" in data  # 齐 has no Shift_JIS code
    text = data.decode("cp932")
    for chrome in ("gnavi", "pankuzu", "sidebar", "footer", "<script", "<noscript", "sr-only"):
        assert chrome in text


def test_the_page_parses_end_to_end_from_the_command_line(tmp_path):
    assert main(["parse", str(PAGE), "-o", str(tmp_path), "-q"]) == 0
    (report,) = _read_csv(tmp_path / "reports.csv")
    assert {k: report[k] for k in ("report_id", "source_format", "engine", "pages", "municipality",
                                   "fiscal_year", "fiscal_year_label", "n_metrics", "n_incidents",
                                   "n_checks_failed")} == {
        "report_id": "nerima_r3_web", "source_format": "html", "engine": "html", "pages": "1",
        "municipality": "練馬区", "fiscal_year": "2021", "fiscal_year_label": "令和3年度",
        "n_metrics": "9", "n_incidents": "28", "n_checks_failed": "1"}
    tables = _read_csv(tmp_path / "tables.csv")
    kept = [row for row in tables if row["table_no"] == "2" and row["row_label"] == "全部開示"]
    assert [(r["row_group"], r["column"], r["unit"], r["value_num"], r["source_line"])
            for r in kept] == [("開示請求", "件数", "件", "191", "46")]  # line 46 of the page
    incidents = {row["no"]: row for row in _read_csv(tmp_path / "incidents.csv")}
    assert {k: incidents["23"][k] for k in ("category", "category_declared", "occurred", "actor",
                                            "actor_detail", "affected_label", "cause",
                                            "departments", "source_line")} == {
        "category": "誤送信", "category_declared": "8", "occurred": "2022-03",
        "actor": "委託事業者", "actor_detail": "区内病院", "affected_label": "26名分",
        "cause": "メール送信時の内容確認が不十分であったため", "departments": "住民接種担当課",
        "source_line": "131"}
    assert "一齐送信" in incidents["21"]["description"]  # the character reference, read


def test_chrome_of_the_page_reaches_no_output(page):
    read = " ".join(c.value for c in page.table_records) + " ".join(
        m.sentence for m in page.metric_records)
    for chrome in ("くらし・手続き", "トップページ", "関連情報", "03-3993-1111", "ここから本文", "999"):
        assert chrome not in read


def test_single_header_tables_metrics_and_incidents_match_the_text_copy(page, copy):
    assert _cells(page, two_row_header=False) == _cells(copy, two_row_header=False)
    assert len(_cells(page, two_row_header=False)) == 28
    assert _without_position(page.metric_records) == _without_position(copy.metric_records)
    assert _without_position(page.incident_records) == _without_position(copy.incident_records)
    assert page.token_records == copy.token_records
    assert (page.municipality, page.fiscal_year, page.fiscal_year_label) == (
        copy.municipality, copy.fiscal_year, copy.fiscal_year_label)
    assert [(c.check, c.status, c.location) for c in page.check_records] == [
        (c.check, c.status, c.location) for c in copy.check_records]


def test_the_page_reads_as_the_seed_does(page, seed_report):
    """The page holds the seed's report (plus 表7): every value the same, quirks included."""
    assert _cells(page, two_row_header=False) == _without_position(seed_report.table_records)
    assert _without_position(page.metric_records) == _without_position(seed_report.metric_records)
    assert _without_position(page.incident_records) == _without_position(
        seed_report.incident_records)


def test_two_row_header_table_matches_the_text_copy(page, copy):
    cells = _cells(page, two_row_header=True)
    assert cells == _cells(copy, two_row_header=True)
    assert len(cells) == 25  # 4 機関 and the unlabelled total, 5 figures each
    assert not {c.value for c in cells} & {"新規(B)", "廃止(C)", "変更(D)", ""}


def test_folders_are_searched_for_web_pages(tmp_path):
    inputs = tmp_path / "saved"
    inputs.mkdir()
    shutil.copy(PAGE, inputs / "nerima_r3_web.htm")
    shutil.copy(PAGE, inputs / "sniffed.txt")  # a page saved under a .txt name
    assert main(["parse", str(inputs), "-o", str(tmp_path / "out"), "-q"]) == 0
    reports = _read_csv(tmp_path / "out" / "reports.csv")
    assert [(r["report_id"], r["source_format"], r["n_incidents"]) for r in reports] == [
        ("nerima_r3_web", "html", "28"), ("sniffed", "html", "28")]


_CELL = st.tuples(st.sampled_from(["", "表1 件数", "合 計", "種別", "内容", "12", "1,576",
                                   "令和3年11月17日", "誤送付 (2)", "【4年1月】 本文(1名分)", "<b>x</b>"]),
                  st.integers(0, 3), st.integers(0, 3))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELL, max_size=6), max_size=8), st.booleans())
def test_random_tables_go_through_the_whole_pipeline(rows, caption):
    """Any table a page may hold ends in a report or in a documented, named error."""
    body = "".join("<tr>" + "".join(f'<td rowspan="{r}" colspan="{c}">{text}</td>'
                                    for text, r, c in row) + "</tr>" for row in rows)
    html = (f"<html><body><h1>練馬区 令和3年度</h1><table>"
            f"{'<caption>表1 状況</caption>' if caption else ''}{body}</table></body></html>")
    try:
        build_report(read_html(html.encode("utf-8"), "t.html"), report_id="t",
                     source_path="t.html", source_sha256="")
    except ReportError as error:
        assert error.code in {"no_report_found", "malformed_table"}
        assert "t.html" in error.message
