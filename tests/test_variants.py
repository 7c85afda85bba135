"""Variants of the seed made here — other encodings, spacing, digits, eras — read the same."""

import dataclasses
import re

import pytest

FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")


def _records(report):
    return (report.table_records, report.metric_records, report.incident_records,
            report.check_records, report.token_records,
            (report.fiscal_year, report.fiscal_year_label, report.municipality))


@pytest.fixture(scope="module")
def legacy_text(seed_text):
    # 齐 (incidents 21-22) exists in neither cp932 nor EUC-JP.
    return seed_text.replace("齐", "斉")


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp", "utf-8-sig"])
def test_other_encodings(encoding, legacy_text, parse_bytes):
    expected = parse_bytes(legacy_text.encode("utf-8"), "utf8.txt")
    assert _records(parse_bytes(legacy_text.encode(encoding), "legacy.txt")) == _records(expected)


@pytest.mark.parametrize("separator", ["  ", "   ", "\u3000\u3000", " \u3000"])
def test_spaces_instead_of_tabs(separator, seed_text, seed_report, parse_bytes):
    variant = parse_bytes(seed_text.replace("\t", separator).encode())
    assert _records(variant) == _records(seed_report)


def test_crlf_line_endings(seed_text, seed_report, parse_bytes):
    assert _records(parse_bytes(seed_text.replace("\n", "\r\n").encode())) == _records(seed_report)


def test_full_width_digits(seed_text, seed_report, parse_bytes):
    variant = seed_text.translate(FULL_WIDTH)
    assert "令和３年度" in variant and "１，７１０，６３４人" in variant
    assert _records(parse_bytes(variant.encode())) == _records(seed_report)


def test_kanji_numerals_in_dates(seed_text, seed_report, parse_bytes):
    variant = parse_bytes(seed_text.replace("令和3年11月17日", "令和三年十一月十七日").encode())
    cell = [c for c in variant.table_records if c.column == "点検実施日"][0]
    assert (cell.value, cell.value_date) == ("令和三年十一月十七日", "2021-11-17")


def _shift_to_heisei_30(text: str) -> str:
    """The seed as if it were the 平成30年度 report: every year three earlier."""
    text = text.replace("令和3年度", "平成30年度").replace("令和4年3月末", "平成31年3月末")
    text = text.replace("令和3年11月17日", "平成30年11月17日").replace("令和4年3月29日", "平成31年3月29日")
    return re.sub(r"【([34])年", lambda m: f"【{int(m[1]) + 27}年", text)


def _years_earlier(value, years=3):
    if isinstance(value, str) and re.fullmatch(r"20\d\d(-\d\d){0,2}", value):
        return f"{int(value[:4]) - years}{value[4:]}"
    return value


def test_another_era(seed_text, seed_report, parse_bytes):
    variant = parse_bytes(_shift_to_heisei_30(seed_text).encode())
    assert (variant.fiscal_year, variant.fiscal_year_label) == (2018, "平成30年度")
    assert [i.occurred for i in variant.incident_records] == [
        _years_earlier(i.occurred) for i in seed_report.incident_records]
    assert variant.incident_records[0].occurred_label == "31年1月"
    assert [m.as_of for m in variant.metric_records] == [
        _years_earlier(m.as_of) for m in seed_report.metric_records]
    assert [c.value_date for c in variant.table_records] == [
        _years_earlier(c.value_date) for c in seed_report.table_records]
    assert {i.fiscal_year for i in variant.incident_records} == {2018}

    def same(incident):
        return dataclasses.replace(incident, fiscal_year=None, occurred=None, occurred_label="")

    assert [same(i) for i in variant.incident_records] == [same(i) for i in seed_report.incident_records]
    assert [c.status for c in variant.check_records] == [c.status for c in seed_report.check_records]


def test_fiscal_year_spanning_an_era_change(seed_text, parse_bytes):
    """令和元年度 began in 平成31年4月: 【31年4月】 is 2019-04 and 【元年5月】 2019-05."""
    text = seed_text.replace("令和3年度", "令和元年度")
    text = text.replace("【3年4月】", "【31年4月】").replace("【3年5月】", "【元年5月】")
    text = re.sub(r"【4年(\d+)月】", r"【2年\1月】", text)
    text = re.sub(r"【3年(\d+)月】", r"【元年\1月】", text)
    report = parse_bytes(text.encode())
    occurred = {i.no: i.occurred for i in report.incident_records}
    assert report.fiscal_year == 2019
    assert (occurred[9], occurred[2], occurred[8], occurred[1], occurred[7]) == (
        "2019-04", "2019-05", "2019-07", "2020-01", "2020-03")
    assert {c.status for c in report.check_records if c.check == "date_in_fiscal_year"} == {"ok"}
