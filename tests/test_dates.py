"""Tests for reportparse.dates: one test per rule, tables of real values, and properties."""

from __future__ import annotations

import datetime
import doctest
import re
import time
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from reportparse.values.dates import (
    DateError,
    FiscalYear,
    JapaneseDate,
    find_dates,
    find_fiscal_year,
    find_period,
    fiscal_year_in,
    named_fiscal_year,
    parse_date,
    parse_numeral,
    period_fiscal_year,
    relative_fiscal_year,
    relative_label,
)

R3 = FiscalYear(2021, "令和3年度")
R4 = FiscalYear(2022, "令和4年度")
R1 = FiscalYear(2019, "令和元年度")
H30 = FiscalYear(2018, "平成30年度")
REAL_REPORTS = ROOT.parent / "shared" / "real-reports"


def raises_naming(text: str):
    """pytest.raises(DateError) whose message must name ``text``."""
    return pytest.raises(DateError, match=re.escape(text))


# --- the records ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "iso"),
    [
        (JapaneseDate(2021, 11, 17, "令和3年11月17日"), "2021-11-17"),
        (JapaneseDate(2022, 1, None, "4年1月"), "2022-01"),
        (JapaneseDate(2021, None, None, "令和3年"), "2021"),
        (JapaneseDate(987, 6, 5, "x"), "0987-06-05"),
    ],
)
def test_iso_has_the_precision_of_the_date(date, iso):
    assert date.iso == iso


def test_japanese_date_refuses_impossible_values():
    with raises_naming("bad"):
        JapaneseDate(2021, 2, 29, "bad")
    with pytest.raises(DateError):
        JapaneseDate(2021, 13, None, "bad")
    with pytest.raises(DateError):
        JapaneseDate(2021, None, 1, "bad")


def test_fiscal_year_runs_from_april_to_march():
    assert R3.first_day == datetime.date(2021, 4, 1)
    assert R3.last_day == datetime.date(2022, 3, 31)


@pytest.mark.parametrize(
    ("date", "inside"),
    [
        (JapaneseDate(2021, 4, 1, ""), True),
        (JapaneseDate(2022, 3, 31, ""), True),
        (JapaneseDate(2021, 3, 31, ""), False),
        (JapaneseDate(2022, 4, 1, ""), False),
        (JapaneseDate(2021, 4, None, ""), True),
        (JapaneseDate(2022, 3, None, ""), True),
        (JapaneseDate(2021, 3, None, ""), False),
        (JapaneseDate(2022, 4, None, ""), False),
        (JapaneseDate(2021, None, None, ""), False),  # a calendar year straddles two fiscal years
    ],
)
def test_fiscal_year_contains_at_the_precision_of_the_date(date, inside):
    assert R3.contains(date) is inside


# --- rule 2: numerals -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3),
        ("３", 3),
        ("12", 12),
        ("0", 0),
        ("三", 3),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十九", 29),
        ("三十", 30),
        ("三十一", 31),
        ("百", 100),
        ("百二十", 120),
        ("二千二十一", 2021),
        ("〇", 0),
        ("一〇", 10),
        ("二〇二一", 2021),
        ("元", 1),
        (" 3 ", 3),
    ],
)
def test_parse_numeral_values(text, value):
    assert parse_numeral(text) == value


@pytest.mark.parametrize("text", ["", "a", "3a", "1.5", "-1", "十十", "三〇十", "万", "元年", "三 十", "12345"])
def test_parse_numeral_rejects_anything_else(text):
    with raises_naming(repr(text)):
        parse_numeral(text)


@pytest.mark.parametrize(
    "text",
    ["令和3年11月17日", "令和３年１１月１７日", "令和三年十一月十七日", "令和 3 年 11 月 17 日", "令和3 年11 月17 日"],
)
def test_numerals_may_be_ascii_full_width_kanji_or_spaced(text):
    date = parse_date(text)
    assert date.iso == "2021-11-17"
    assert date.label == unicodedata.normalize("NFKC", text)


# --- rule 1: eras -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("明治元年10月23日", "1868-10-23"),
        ("明治45年7月29日", "1912-07-29"),
        ("大正元年7月30日", "1912-07-30"),
        ("大正15年12月24日", "1926-12-24"),
        ("昭和元年12月25日", "1926-12-25"),
        ("昭和64年1月7日", "1989-01-07"),
        ("平成元年1月8日", "1989-01-08"),
        ("平成30年4月1日", "2018-04-01"),
        ("平成31年4月30日", "2019-04-30"),
        ("令和元年5月1日", "2019-05-01"),
        ("令和3年11月17日", "2021-11-17"),
        ("令和4年3月29日", "2022-03-29"),
    ],
)
def test_era_year_arithmetic(text, iso):
    assert parse_date(text).iso == iso


@pytest.mark.parametrize(
    "text",
    [
        "平成31年4月",
        "令和元年5月",
        "昭和64年1月",
        "大正元年7月",
        "明治45年7月",
        "大正15年12月",
        "昭和元年12月",
        "平成元年1月",
        "平成31年",
        "令和元年",
    ],
)
def test_a_date_partly_inside_its_era_is_possible(text):
    assert parse_date(text).label == text


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("平成31年5月1日", "after 平成 ended on 2019-04-30"),
        ("平成31年5月", "after 平成 ended"),
        ("平成32年1月", "after 平成 ended"),
        ("平成32年", "after 平成 ended"),
        ("令和元年4月30日", "before 令和 began on 2019-05-01"),
        ("令和元年4月", "before 令和 began"),
        ("昭和64年1月8日", "after 昭和 ended on 1989-01-07"),
        ("昭和64年2月", "after 昭和 ended"),
        ("平成元年1月7日", "before 平成 began"),
        ("大正元年7月29日", "before 大正 began"),
        ("明治45年7月30日", "after 明治 ended"),
        ("昭和元年12月24日", "before 昭和 began"),
        ("令和0年5月1日", "令和 has no year 0"),
        ("令和〇年5月1日", "令和 has no year 0"),
    ],
)
def test_a_date_wholly_outside_its_era_is_impossible(text, why):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert text in str(error.value)
    assert why in str(error.value)


# --- rule 3: calendar validity ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["令和3年2月29日", "令和3年4月31日", "令和3年13月", "令和3年0月", "令和3年1月0日", "令和3年1月32日", "明治33年2月29日"],
)
def test_impossible_month_or_day_raises(text):
    with raises_naming(text):
        parse_date(text)


def test_impossible_day_in_an_ended_era_raises():
    with raises_naming("平成32年2月30日"):
        parse_date("平成32年2月30日")


@pytest.mark.parametrize(("text", "iso"), [("令和2年2月29日", "2020-02-29"), ("平成12年2月29日", "2000-02-29")])
def test_leap_days(text, iso):
    assert parse_date(text).iso == iso


# --- rule 4: 末 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("令和4年3月末", "2022-03-31"),
        ("令和4年2月末", "2022-02-28"),
        ("令和2年2月末", "2020-02-29"),
        ("令和3年4月末", "2021-04-30"),
        ("令和4年3月末日", "2022-03-31"),
    ],
)
def test_month_end_is_the_last_day_of_the_month(text, iso):
    date = parse_date(text)
    assert (date.iso, date.label) == (iso, text)


def test_month_end_inside_running_text():
    text = "令和4年3月末現在の登録数は498件である。令和4年2月末日までに"
    assert [(d.iso, d.label) for d in find_dates(text)] == [
        ("2022-03-31", "令和4年3月末"),
        ("2022-02-28", "令和4年2月末日"),
    ]


def test_month_end_is_checked_against_the_era():
    assert parse_date("平成31年4月末").iso == "2019-04-30"
    with raises_naming("昭和64年1月末"):
        parse_date("昭和64年1月末")


# --- rule 5: fiscal years ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start_year", "label"),
    [
        ("練馬区個人情報保護条例における令和3年度の個人情報保護制度", 2021, "令和3年度"),
        ("令和元年度", 2019, "令和元年度"),
        ("平成30年度の実績", 2018, "平成30年度"),
        ("平成31年度", 2019, "平成31年度"),
        ("令和三年度", 2021, "令和三年度"),
        ("令和３年度", 2021, "令和3年度"),
        ("令和 3 年度", 2021, "令和 3 年度"),
        ("2021年度", 2021, "2021年度"),
        ("3年度と令和4年度", 2022, "令和4年度"),
        ("令和3年度から令和5年度まで", 2021, "令和3年度"),
    ],
)
def test_find_fiscal_year(text, start_year, label):
    assert find_fiscal_year(text) == FiscalYear(start_year, label)


@pytest.mark.parametrize("text", ["", "令和3年4月1日", "3年度", "年度末", "令和3年 度"])
def test_find_fiscal_year_none_when_absent(text):
    assert find_fiscal_year(text) is None


@pytest.mark.parametrize("text", ["平成32年度", "昭和64年度", "令和0年度"])
def test_find_fiscal_year_outside_its_era_raises(text):
    with raises_naming(text):
        find_fiscal_year(f"本書は{text}の報告")


def test_a_fiscal_year_is_not_a_date():
    assert find_dates("令和3年度の目的外利用の延べ人数", R3) == []
    assert find_dates("令和3年の改正") == []  # a bare year is a period too
    with pytest.raises(DateError, match="令和3年度.*fiscal year"):
        parse_date("令和3年度")


# --- rule 6: era-less dates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "label"),
    [
        ("4年1月", "2022-01", "4年1月"),
        ("【4年1月】", "2022-01", "4年1月"),
        ("【 3年12月 】", "2021-12", "3年12月"),
        ("3年4月", "2021-04", "3年4月"),
        ("4年3月29日", "2022-03-29", "4年3月29日"),
        ("4年3月末", "2022-03-31", "4年3月末"),
        ("三年十二月", "2021-12", "三年十二月"),
    ],
)
def test_era_less_dates_take_the_era_of_the_fiscal_year(text, iso, label):
    date = parse_date(text, R3)
    assert (date.iso, date.label) == (iso, label)


@pytest.mark.parametrize(
    ("text", "iso"),
    [("31年4月", "2019-04"), ("元年5月", "2019-05"), ("元年12月", "2019-12"), ("2年3月", "2020-03"), ("31年4月30日", "2019-04-30")],
)
def test_era_less_dates_in_a_fiscal_year_spanning_an_era_change(text, iso):
    assert parse_date(text, R1).iso == iso


def test_era_less_date_outside_the_fiscal_year_uses_the_era_of_its_last_day():
    assert parse_date("5年4月", R3).iso == "2023-04"  # 令和5; the validator reports it
    assert parse_date("2年3月", R3).iso == "2020-03"
    assert parse_date("30年4月", FiscalYear(2018, "平成30年度")).iso == "2018-04"
    assert parse_date("元年5月", FiscalYear(2018, "平成30年度")).iso == "1989-05"


def test_era_less_date_falls_back_to_the_era_of_the_first_day():
    # 令和元年4月 never existed, so 令和元年度 reads 元年4月 in 平成, its first day's era.
    assert parse_date("元年4月", R1).iso == "1989-04"


def test_era_less_impossible_date_raises():
    with raises_naming("3年2月29日"):
        parse_date("3年2月29日", R3)
    with raises_naming("3年13月"):
        parse_date("3年13月", R3)


def test_era_less_date_without_a_fiscal_year_raises():
    with pytest.raises(DateError, match="4年1月.*no era"):
        parse_date("【4年1月】")


def test_era_less_bare_year_is_not_a_date():
    with raises_naming("3年"):
        parse_date("3年", R3)


def test_find_dates_reads_era_less_dates_only_with_a_fiscal_year():
    text = "(1)\t【4年1月】\t(6)\t【3年5月】"
    assert find_dates(text) == []
    assert [(d.iso, d.label) for d in find_dates(text, R3)] == [("2022-01", "4年1月"), ("2021-05", "3年5月")]


# --- rule 7: abbreviated forms ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("R3.1.16", "2021-01-16"),
        ("H30.4.1", "2018-04-01"),
        ("R3.1", "2021-01"),
        ("r3.1.16", "2021-01-16"),
        ("h30.4.1", "2018-04-01"),
        ("R3/1/16", "2021-01-16"),
        ("Ｒ３．１．１６", "2021-01-16"),
        ("S64.1.7", "1989-01-07"),
        ("T15.12.24", "1926-12-24"),
        ("M45.7.29", "1912-07-29"),
        ("R元.5.1", "2019-05-01"),
        ("【R3.1】", "2021-01"),
    ],
)
def test_abbreviated_dates(text, iso):
    assert parse_date(text).iso == iso


@pytest.mark.parametrize("text", ["H31.5.1", "R1.4.30", "S64.1.8", "R3.2.29", "R3.13"])
def test_abbreviated_dates_are_checked_like_others(text):
    with raises_naming(text):
        parse_date(text)


@pytest.mark.parametrize(
    "text",
    ["BR3.1.16x", "OR3.1", "R3.1.16x", "R3.1x", "XR3.1.16", "9R3.1", "R3.1.16.5", "R3.1/16", "R3", "R3.", "R123.1.1"],
)
def test_abbreviated_dates_are_not_read_out_of_longer_tokens(text):
    assert find_dates(text) == []
    with pytest.raises(DateError):
        parse_date(text)


def test_abbreviated_dates_in_running_text():
    text = "(R3.1.16 受付)、H30.4.1改正、型番OR3.1、R3.1。"
    assert [d.label for d in find_dates(text)] == ["R3.1.16", "H30.4.1", "R3.1"]


# --- rule 8: Western dates --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2021年4月1日", "2021-04-01"),
        ("2021年4月", "2021-04"),
        ("2021年", "2021"),
        ("2021/4/1", "2021-04-01"),
        ("2021/04/01", "2021-04-01"),
        ("２０２１年４月１日", "2021-04-01"),
        ("二〇二一年四月一日", "2021-04-01"),
        ("2022年3月末", "2022-03-31"),
        ("1900年3月1日", "1900-03-01"),
    ],
)
def test_western_dates(text, iso):
    assert parse_date(text).iso == iso


@pytest.mark.parametrize("text", ["2021年2月29日", "2021/2/29", "2021年13月", "2021/13/1", "1900年2月29日"])
def test_western_dates_are_checked(text):
    with raises_naming(text):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "start_year", "label"),
    [
        ("令和4(2022)年度の情報公開制度", 2022, "令和4(2022)年度"),
        ("令和元(2019)年度から", 2019, "令和元(2019)年度"),
        ("2022(令和4)年度の運用状況", 2022, "2022(令和4)年度"),
        ("平成30(2018)年度", 2018, "平成30(2018)年度"),
    ],
)
def test_a_year_glossed_in_the_other_calendar_is_one_fiscal_year(text, start_year, label):
    assert find_fiscal_year(text) == FiscalYear(start_year, label)


def test_an_era_less_year_glossed_in_western_years_needs_no_era():
    assert fiscal_year_in("4(2022)年度の件数") == FiscalYear(2022, "4(2022)年度")
    assert parse_date("令和4(2022)年6月28日").iso == "2022-06-28"
    assert parse_date("令和3年(2021年)4月13日(火曜日)").iso == "2021-04-13"  # glossed after 年


@pytest.mark.parametrize("text", ["令和4(2021)年度", "2022(令和3)年度", "令和4(2021)年6月1日",
                                  "令和3年(2020年)4月13日"])
def test_a_gloss_naming_another_year_is_an_error(text):
    with raises_naming(text):
        find_fiscal_year(text) if "日" not in text else parse_date(text)


def test_western_dates_in_running_text():
    text = "受付 2021/4/1、施行 2021年10月1日、番号 12021/4/1、12021年4月"
    assert [d.iso for d in find_dates(text)] == ["2021-04-01", "2021-10-01"]


# --- parse_date and find_dates in general -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "令和", "令和3年11月17日(水", "令和3年11月17日 令和3年11月18日", "11月17日", "abc", "335", "3月末"],
)
def test_parse_date_needs_exactly_one_date(text):
    with raises_naming(repr(text)):
        parse_date(text)


def test_find_dates_in_the_nerima_report():
    text = (
        "令和4年3月末現在の登録数は498件である。\n"
        "予防接種に関する事務\t保健予防課 住民接種担当課\t令和3年11月17日\n"
        "○○に関する事務\t健康推進課\t令和4年3月29日\n"
        "1)</p>\t<p>【3年11月】\n"
    )
    fiscal_year = find_fiscal_year("練馬区個人情報保護条例における令和3年度の個人情報保護制度")
    assert [(d.iso, d.label) for d in find_dates(text, fiscal_year)] == [
        ("2022-03-31", "令和4年3月末"),
        ("2021-11-17", "令和3年11月17日"),
        ("2022-03-29", "令和4年3月29日"),
        ("2021-11", "3年11月"),
    ]


def test_find_dates_raises_on_an_impossible_date():
    with raises_naming("平成31年5月1日"):
        find_dates("施行日は平成31年5月1日である。")


def test_find_dates_does_not_split_numbers():
    assert find_dates("計12345年4月、第一二三四五年四月", R3) == []


# --- rule 10: more printed forms -------------------------------------------------------

# Weekdays checked by hand against a calendar: 2021-07-18 was a Sunday, 2021-11-17 a
# Wednesday, 2021-07-22 (海の日) a Thursday, 2023-03-31 a Friday.


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("令和3.7.18", "2021-07-18"),
        ("令和3/7/18", "2021-07-18"),
        ("令和 3.7.18", "2021-07-18"),
        ("令和元.5.1", "2019-05-01"),
        ("令和3.7", "2021-07"),
        ("R3年7月18日", "2021-07-18"),
        ("r3年7月18日", "2021-07-18"),
        ("H27年5月", "2015-05"),
        ("R元年5月1日", "2019-05-01"),
        ("H27-5-1", "2015-05-01"),
        ("H27.5.1", "2015-05-01"),
        ("令和3-7-18", "2021-07-18"),
        ("Ｈ２７－５－１", "2015-05-01"),
        ("令和 3 年 7 月 18 日", "2021-07-18"),
        ("令和3年 7月", "2021-07"),
        ("令和３年　７月　１８日", "2021-07-18"),
    ],
)
def test_more_printed_forms(text, iso):
    assert parse_date(text).iso == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("令和3年7月18日(日)", "2021-07-18"),
        ("令和3年7月18日（日）", "2021-07-18"),
        ("令和3年7月18日 (日)", "2021-07-18"),
        ("令和3年7月18日(日曜日)", "2021-07-18"),
        ("令和3年7月18日(日曜)", "2021-07-18"),
        ("令和3年11月17日(水)", "2021-11-17"),
        ("令和3年7月22日(木・祝)", "2021-07-22"),
        ("令和3年7月22日(祝)", "2021-07-22"),
        ("R3.7.18(日)", "2021-07-18"),
        ("2021/7/18(日)", "2021-07-18"),
        ("令和5年3月末(金)", "2023-03-31"),
        ("令和4年度末(金)", "2023-03-31"),
    ],
)
def test_a_printed_weekday_that_agrees_with_the_date(text, iso):
    date = parse_date(text)
    assert (date.iso, date.label) == (iso, unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize(
    ("text", "iso", "actual", "printed"),
    [
        ("令和3年7月18日(月)", "2021-07-18", "日", "月"),
        ("R3.7.18(土)", "2021-07-18", "日", "土"),
        ("令和3年11月17日(木曜日)", "2021-11-17", "水", "木"),
        ("令和5年3月末(木)", "2023-03-31", "金", "木"),
    ],
)
def test_a_printed_weekday_that_disagrees_raises_naming_both(text, iso, actual, printed):
    with pytest.raises(DateError) as error:
        parse_date(text)
    message = str(error.value)
    assert text in message and iso in message
    assert f"{actual}曜日" in message and f"{printed}曜日" in message


def test_a_weekday_is_checked_in_running_text_and_kept_in_the_label():
    text = "説明会は令和3年7月18日(日)、令和3年7月22日(木・祝)に開催"
    assert [(d.iso, d.label) for d in find_dates(text)] == [
        ("2021-07-18", "令和3年7月18日(日)"),
        ("2021-07-22", "令和3年7月22日(木・祝)"),
    ]
    with raises_naming("令和3年7月19日(日)"):
        find_dates("説明会は令和3年7月19日(日)に開催")


def test_an_era_less_date_is_resolved_before_its_weekday_is_checked():
    assert parse_date("3年7月18日(日)", R3).iso == "2021-07-18"
    with raises_naming("4年7月18日(日)"):
        parse_date("4年7月18日(日)", R3)  # 令和4年 would be a Monday


def test_a_weekday_needs_a_day():
    with pytest.raises(DateError, match="令和3年7月.*without a day"):
        parse_date("令和3年7月(日)")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("令和3年12月晦日", "2021-12-31"),
        ("令和4年2月晦日", "2022-02-28"),
        ("令和2年2月晦日", "2020-02-29"),
        ("令和4年2月末日", "2022-02-28"),
        ("令和4年4月朔日", "2022-04-01"),
        ("令和四年四月朔日", "2022-04-01"),
        ("4年4月朔日", "2022-04-01"),
    ],
)
def test_first_and_last_day_words(text, iso):
    assert parse_date(text, R4).iso == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("令和4年度末", "2023-03-31"),
        ("令和4年度末日", "2023-03-31"),
        ("令和元年度末", "2020-03-31"),
        ("平成30年度末", "2019-03-31"),
        ("平成31年度末", "2020-03-31"),  # 平成31年度 is a real fiscal year: it began in 平成
        ("令和 4 年度末", "2023-03-31"),
        ("R4年度末", "2023-03-31"),
        ("2022年度末", "2023-03-31"),
        ("令和4年度末時点", "2023-03-31"),
        ("令和4年度末現在", "2023-03-31"),
        ("令和4年3月末現在", "2022-03-31"),
        ("令和4年4月1日 時点", "2022-04-01"),
        ("【令和4年度末】", "2023-03-31"),
    ],
)
def test_end_of_a_fiscal_year_and_as_of(text, iso):
    assert parse_date(text).iso == iso


def test_end_of_a_fiscal_year_is_parsed_but_not_found_in_running_text():
    assert parse_date("3年度末", R4).iso == "2022-03-31"
    # A heading 令和3年度末の登録数 names a fiscal year's figure; the structure stage takes a
    # row where find_dates finds a date for a data row.
    assert find_dates("令和3年度末の登録数(A)\t令和4年度内の登録", R4) == []
    assert find_dates("令和4年度末時点の登録数は1,599件、3年度末は1,576件", R4) == []
    with raises_naming("3年度末(金)"):
        parse_date("3年度末(金)", R4)  # 2022-03-31 was a Thursday


@pytest.mark.parametrize("text", ["平成32年度末", "昭和64年度末", "令和0年度末"])
def test_end_of_a_fiscal_year_outside_its_era_raises(text):
    with raises_naming(text):
        parse_date(text)


@pytest.mark.parametrize(
    "text",
    ["H27-5", "XH27-5-1", "H27-5-1x", "H27-5-1-2", "H27-5/1", "OR3年7月18日"],
)
def test_dash_dates_need_a_day_and_era_letters_stand_alone(text):
    assert find_dates(text) == []
    with pytest.raises(DateError):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "start_year", "label"),
    [("R3年度の件数", 2021, "R3年度"), ("H2021年度", 2021, "2021年度"), ("FY R4年度", 2022, "R4年度")],
)
def test_find_fiscal_year_reads_era_letters(text, start_year, label):
    assert find_fiscal_year(text) == FiscalYear(start_year, label)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("H32.1.1", "after 平成 ended on 2019-04-30"),
        ("平成32年", "after 平成 ended on 2019-04-30"),
        ("R3年2月30日", "2021-02 has no day 30"),
        ("令和3.2.30", "2021-02 has no day 30"),
        ("R3-2-30", "2021-02 has no day 30"),
        ("令和3年2月30日(火)", "2021-02 has no day 30"),  # the day is checked before its weekday
        ("令和3年7月18日(土)", "2021-07-18 is a 日曜日, not a 土曜日"),
        ("令和元年4月朔日", "before 令和 began on 2019-05-01"),
    ],
)
def test_impossible_dates_in_the_new_forms_say_why(text, why):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert str(error.value).startswith(repr(text))
    assert why in str(error.value)


# --- rule 11: periods -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "令和4年4月1日~令和5年3月31日",
        "令和4年4月1日〜令和5年3月31日",
        "令和4年4月1日～令和5年3月31日",
        "令和4年4月1日 ~ 令和5年3月31日",
        "令和4年4月1日から令和5年3月31日まで",
        "令和4年4月1日から令和5年3月31日",
        "令和4年4月1日より令和5年3月31日まで",
        "令和4年4月1日~5年3月31日",
        "令和4年4月1日から5年3月31日まで",
        "令和4年4月~令和5年3月",
        "令和4年4月朔日から令和5年3月晦日まで",
        "R4.4.1~R5.3.31",
        "令和4年4月1日(金)~令和5年3月31日(金)",
        "2022/4/1~2023/3/31",
        "対象期間:令和4年4月1日~令和5年3月31日(1年間)",
    ],
)
def test_a_whole_april_to_march_period_is_one_fiscal_year(text):
    assert period_fiscal_year(text) == FiscalYear(2022, "令和4年度")


def test_a_period_records_its_dates_and_label():
    period = find_period("本市では令和4年4月1日から5年3月31日までの件数を")
    assert (period.first.iso, period.last.iso) == ("2022-04-01", "2023-03-31")
    assert (period.first_day, period.last_day) == (datetime.date(2022, 4, 1), datetime.date(2023, 3, 31))
    assert period.label == "令和4年4月1日から5年3月31日まで"
    assert period.fiscal_years == (FiscalYear(2022, "令和4年度"),)


def test_an_era_less_end_takes_the_first_era_that_does_not_end_before_the_start():
    period = find_period("平成31年4月1日~2年3月31日")  # 平成2年 is 1990: 令和2年
    assert period.last.iso == "2020-03-31"
    assert period_fiscal_year("平成31年4月1日~2年3月31日") == FiscalYear(2019, "令和元年度")


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("令和4年4月1日~令和4年9月30日", [2022]),
        ("令和4年1月1日~令和4年12月31日", [2021, 2022]),
        ("令和3年4月1日~令和5年3月31日", [2021, 2022]),
        ("令和4年4月2日~令和5年3月31日", [2022]),
        ("令和4年4月1日~令和5年4月1日", [2022, 2023]),
    ],
)
def test_a_period_that_is_not_one_whole_fiscal_year(text, years):
    assert period_fiscal_year(text) is None
    assert [fy.start_year for fy in find_period(text).fiscal_years] == years


def test_era_less_periods_need_a_fiscal_year():
    assert find_period("4年4月1日~5年3月31日") is None
    assert period_fiscal_year("4年4月1日~5年3月31日", R3) == FiscalYear(2022, "令和4年度")


@pytest.mark.parametrize("text", ["", "令和4年4月1日", "令和4年4月1日から", "令和4年~令和5年", "令和4年度~令和5年度", "4月1日~3月31日"])
def test_no_period(text):
    assert find_period(text) is None
    assert period_fiscal_year(text) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("令和5年4月1日~令和4年3月31日", "before it begins"),
        ("令和4年4月1日~令和5年2月30日", "has no day 30"),
        ("平成31年5月1日~令和2年3月31日", "after 平成 ended"),
        ("令和4年4月1日(月)~令和5年3月31日", "not a 月曜日"),
    ],
)
def test_an_impossible_period_raises(text, why):
    with pytest.raises(DateError, match=why):
        find_period(text)


# Read by eye from ../shared/real-reports (never copied into the repository).
needs_real_reports = pytest.mark.skipif(not REAL_REPORTS.is_dir(), reason=f"{REAL_REPORTS} is not here")


@needs_real_reports
def test_periods_of_the_onomichi_report():
    lines = (REAL_REPORTS / "onomichi_h28_kojinjoho_unyo.txt").read_text(encoding="utf-8").splitlines()
    periods = [period_fiscal_year(line) for line in lines if find_period(line)]
    assert periods == [FiscalYear(2014, "平成26年度"), FiscalYear(2015, "平成27年度"), FiscalYear(2016, "平成28年度")]


@needs_real_reports
def test_the_partial_first_year_of_the_kurashiki_report():
    text = (REAL_REPORTS / "kurashiki_h15_kojinjoho_unyo.txt").read_text(encoding="utf-8")
    period = find_period(text)
    assert period.label == "(平成12年10月1日)から平成13年3月末まで"
    assert (period.first.iso, period.last.iso) == ("2000-10-01", "2001-03-31")
    assert period.fiscal_years == (FiscalYear(2000, "平成12年度"),)
    assert period_fiscal_year(text) is None  # half a year: the ordinance began in October


# --- rule 12: era-less fiscal years -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "era", "start_year"),
    [
        ("19年度", "平成", 2007),
        ("19年度", "H", 2007),
        ("12年度の件数", "平成", 2000),
        ("１２年度", "平成", 2000),
        ("元年度", "令和", 2019),
        ("31年度", "平成", 2019),
        ("3年度", "令和", 2021),
        ("63年度", "昭和", 1988),
    ],
)
def test_fiscal_year_in_with_an_era(text, era, start_year):
    fiscal_year = fiscal_year_in(text, era=era)
    assert fiscal_year.start_year == start_year
    assert fiscal_year.label == unicodedata.normalize("NFKC", text).removesuffix("の件数")


@pytest.mark.parametrize(
    ("text", "start_year"),
    [
        ("平成19年4月1日施行。19年度の実績", 2007),
        ("H19.4.1から。12年度以降", 2000),
        ("平成30年度末の登録数 30年度内の登録", 2018),
        ("令和3年4月1日から 3年度の件数", 2021),
        ("昭和63年度 30年度", 1988),  # the first fiscal year is taken, as find_fiscal_year does
    ],
)
def test_fiscal_year_in_takes_the_era_from_the_text(text, start_year):
    assert fiscal_year_in(text).start_year == start_year


def test_fiscal_year_in_reads_the_era_given_before_the_text():
    assert fiscal_year_in("令和3年4月1日 19年度", era="平成").start_year == 2007


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("19年度", "eras named: none"),
        ("平成19年4月1日、令和3年4月1日。19年度", "eras named: 平成, 令和"),
        ("平成32年度", "after 平成 ended"),
    ],
)
def test_fiscal_year_in_raises_when_the_era_is_not_settled(text, why):
    with pytest.raises(DateError, match=why):
        fiscal_year_in(text)


def test_fiscal_year_in_refuses_an_unknown_era():
    with pytest.raises(DateError, match="'X' is not an era"):
        fiscal_year_in("19年度", era="X")


def test_fiscal_year_in_is_find_fiscal_year_when_eras_are_printed():
    for text in ["令和3年度", "平成30年度の実績", "2021年度", "R4年度", "", "令和3年4月1日"]:
        assert fiscal_year_in(text) == find_fiscal_year(text)


@pytest.mark.parametrize(
    ("start_year", "label"),
    [(2022, "令和4年度"), (2019, "令和元年度"), (2018, "平成30年度"), (1989, "平成元年度"), (1988, "昭和63年度"), (1867, "1867年度")],
)
def test_named_fiscal_year(start_year, label):
    assert named_fiscal_year(start_year) == FiscalYear(start_year, label)


# --- rule 13: relative fiscal years -----------------------------------------------------


@pytest.mark.parametrize(
    ("label", "start_year"),
    [
        ("前年度", 2021),
        ("昨年度", 2021),
        ("自己情報開示請求(昨年度)は129件", 2021),
        ("本年度", 2022),
        ("当年度", 2022),
        ("今年度", 2022),
        ("翌年度", 2023),
        ("次年度", 2023),
        ("前々年度", 2020),
        ("一昨年度", 2020),  # not 昨年度
        ("再来年度", 2024),  # not 来年度
        ("3年度前", 2019),
        ("2年度後", 2024),
        ("前年度からの継続案件", 2021),
    ],
)
def test_relative_fiscal_year(label, start_year):
    assert relative_fiscal_year(label, R4) == named_fiscal_year(start_year)


@pytest.mark.parametrize("label", ["", "令和3年度", "年度", "3年度前半", "前年比"])
def test_relative_fiscal_year_none_without_a_relative_word(label):
    assert relative_fiscal_year(label, R4) is None


@pytest.mark.parametrize(
    ("label", "fiscal_year", "relative"),
    [
        ("令和3年度末の登録数(A)", R4, "前年度末の登録数(A)"),
        ("令和4年度内の登録", R4, "当年度内の登録"),
        ("令和4年度末の登録数(A+B-C)", R4, "当年度末の登録数(A+B-C)"),
        ("平成29年度末の登録数(A)", H30, "前年度末の登録数(A)"),
        ("平成30年度内の登録", H30, "当年度内の登録"),
        ("令和2年度", R4, "前々年度"),
        ("令和5年度", R4, "翌年度"),
        ("令和元年度", R4, "3年度前"),
        ("平成31年度", R4, "3年度前"),
        ("令和6年度", R4, "2年度後"),
        ("2021年度", R4, "前年度"),
        ("R3年度", R4, "前年度"),
        ("令和３年度末", R4, "前年度末"),
        ("令和3年度から令和5年度まで", R4, "前年度から翌年度まで"),
        ("本年度と昨年度の比較", R4, "当年度と前年度の比較"),
        ("3年度", R4, "前年度"),
        ("30年度", R4, "4年度前"),  # 平成30年度: 令和30年度 is further away
        ("元年度", R4, "3年度前"),
        ("30年度", R1, "前年度"),
        ("令和2年度前半", R4, "前々年度前半"),
        ("登録数(A)", R4, "登録数(A)"),
    ],
)
def test_relative_label(label, fiscal_year, relative):
    assert relative_label(label, fiscal_year) == relative


def test_relative_label_raises_on_an_impossible_or_unsettled_fiscal_year():
    with raises_naming("平成32年度"):
        relative_label("平成32年度末の登録数", R4)
    with pytest.raises(DateError, match="16年度.*2004.*2034"):
        relative_label("16年度", R1)  # 平成16年度 and 令和16年度 are both 15 years away


@needs_real_reports
def test_relative_labels_of_the_nakano_reports_four_years_apart_are_equal():
    headers = {}
    for name, fiscal_year in [("nakano_h30_kojinjoho_unei.txt", H30), ("nakano_r4_kojinjoho_unei.txt", R4)]:
        text = (REAL_REPORTS / name).read_text(encoding="utf-8")
        assert find_fiscal_year(text) == fiscal_year
        header = next(line for line in text.splitlines() if line.startswith("実施機関\t"))
        headers[name] = [relative_label(cell, fiscal_year) for cell in header.split("\t") if cell]
    assert headers["nakano_h30_kojinjoho_unei.txt"] == [
        "実施機関", "前年度末の登録数(A)", "当年度内の登録", "当年度末の登録数(A+B-C)"
    ]
    assert headers["nakano_r4_kojinjoho_unei.txt"] == headers["nakano_h30_kojinjoho_unei.txt"]


# --- rule 9: performance ----------------------------------------------------------------


def test_many_cells_are_fast():
    cells = ["令和3年11月17日", "【4年1月】", "1,710,634", "保健予防課 住民接種担当課", "R3.1.16"] * 4000
    started = time.perf_counter()
    for cell in cells:
        find_dates(cell, R3)
    assert time.perf_counter() - started < 5


# --- properties -------------------------------------------------------------------------

# Independent of the module: (year 1, first day, last day) of each era.
ERA_TABLE = {
    "明治": (1868, datetime.date(1868, 1, 1), datetime.date(1912, 7, 29)),
    "大正": (1912, datetime.date(1912, 7, 30), datetime.date(1926, 12, 24)),
    "昭和": (1926, datetime.date(1926, 12, 25), datetime.date(1989, 1, 7)),
    "平成": (1989, datetime.date(1989, 1, 8), datetime.date(2019, 4, 30)),
    "令和": (2019, datetime.date(2019, 5, 1), datetime.date.max),
}
KANJI = "〇一二三四五六七八九"


def kanji(n: int) -> str:
    tens, ones = divmod(n, 10)
    if tens == 0:
        return KANJI[ones]
    return ("" if tens == 1 else KANJI[tens]) + "十" + (KANJI[ones] if ones else "")


def expected(era: str, n: int, month: int, day: int | None) -> tuple[int, int, int | None] | None:
    """(year, month, day) the text should give, or None when it is impossible."""
    first_year, began, ended = ERA_TABLE[era]
    year = first_year + n - 1
    try:
        if day is None:
            first = datetime.date(year, month, 1)
            last = (datetime.date(year + month // 12, month % 12 + 1, 1)) - datetime.timedelta(1)
        else:
            first = last = datetime.date(year, month, day)
    except ValueError:
        return None
    if n < 1 or last < began or first > ended:
        return None
    return year, month, day


@given(
    era=st.sampled_from(sorted(ERA_TABLE)),
    n=st.integers(0, 70),
    month=st.integers(0, 13),
    day=st.none() | st.integers(0, 32),
    style=st.sampled_from(["ascii", "full-width", "kanji", "spaced"]),
)
def test_property_parse_date_agrees_with_the_calendar(era, n, month, day, style):
    numbers = [n, month] + ([] if day is None else [day])
    if style == "kanji":
        parts = [kanji(x) for x in numbers]
    elif style == "full-width":
        parts = [str(x).translate(str.maketrans("0123456789", "０１２３４５６７８９")) for x in numbers]
    else:
        parts = [str(x) for x in numbers]
    sep = " " if style == "spaced" else ""
    text = era + sep + sep.join(f"{part}{sep}{unit}" for part, unit in zip(parts, "年月日"))
    want = expected(era, n, month, day)
    if want is None:
        with pytest.raises(DateError):
            parse_date(text)
    else:
        date = parse_date(text)
        assert (date.year, date.month, date.day) == want


@given(text=st.text(), with_fiscal_year=st.booleans())
def test_property_find_dates_on_any_text_raises_only_date_error(text, with_fiscal_year):
    try:
        find_dates(text, R3 if with_fiscal_year else None)
    except DateError:
        pass


@given(text=st.text(alphabet="令和平成昭和年月日末度元〇一二三十百千RHrs.//0123456789【】 ３"), with_fiscal_year=st.booleans())
def test_property_find_dates_on_date_like_text_raises_only_date_error(text, with_fiscal_year):
    fiscal_year = R1 if with_fiscal_year else None
    try:
        dates = find_dates(text, fiscal_year)
    except DateError:
        return
    for date in dates:
        assert parse_date(date.label, fiscal_year) == date


@given(text=st.text())
def test_property_parse_date_and_find_fiscal_year_raise_only_date_error(text):
    for function in (parse_date, find_fiscal_year, parse_numeral):
        try:
            function(text)
        except DateError:
            pass


def era_date_label(day: datetime.date) -> str:
    """``令和3年7月18日`` for ``day``, from the test's own era table."""
    era, (first_year, _, _) = next((era, row) for era, row in ERA_TABLE.items() if row[1] <= day <= row[2])
    return f"{era}{day.year - first_year + 1}年{day.month}月{day.day}日"


def era_fiscal_year_label(start_year: int) -> str:
    """``令和4年度``: in the latest era whose year 1 it is not before, from the test's own era table."""
    era, (first_year, _, _) = max(
        ((era, row) for era, row in ERA_TABLE.items() if row[0] <= start_year), key=lambda item: item[1][0]
    )
    year = start_year - first_year + 1
    return f"{era}{'元' if year == 1 else year}年度"


days = st.dates(datetime.date(1989, 1, 8), datetime.date(2099, 12, 31))


@given(day=days, shift=st.integers(0, 6))
def test_property_a_printed_weekday_is_checked(day, shift):
    printed = "月火水木金土日"[(day.weekday() + shift) % 7]
    text = f"{era_date_label(day)}({printed})"
    if shift == 0:
        assert parse_date(text) == JapaneseDate(day.year, day.month, day.day, text)
    else:
        with pytest.raises(DateError) as error:
            parse_date(text)
        assert f"{'月火水木金土日'[day.weekday()]}曜日" in str(error.value)
        assert f"{printed}曜日" in str(error.value)


@given(start_year=st.integers(1989, 2098))
def test_property_end_of_a_fiscal_year(start_year):
    label = era_fiscal_year_label(start_year)
    assert parse_date(f"{label}末").iso == f"{start_year + 1}-03-31"
    assert parse_date(f"{start_year}年度末").iso == f"{start_year + 1}-03-31"


@given(start_year=st.integers(1989, 2097), first_shift=st.integers(-3, 3), last_shift=st.integers(-3, 3))
def test_property_a_period_is_a_fiscal_year_only_when_it_is_april_to_march(start_year, first_shift, last_shift):
    first = datetime.date(start_year, 4, 1) + datetime.timedelta(first_shift)
    last = datetime.date(start_year + 1, 3, 31) + datetime.timedelta(last_shift)
    text = f"{era_date_label(first)}~{era_date_label(last)}"
    whole = first_shift == last_shift == 0
    assert period_fiscal_year(text) == (FiscalYear(start_year, era_fiscal_year_label(start_year)) if whole else None)
    period = find_period(text)
    assert (period.first_day, period.last_day) == (first, last)
    assert [fy.start_year for fy in period.fiscal_years] == list(
        range(start_year - (first_shift < 0), start_year + 1 + (last_shift > 0))
    )


@given(report=st.integers(1990, 2090), distance=st.integers(-12, 12), suffix=st.sampled_from(["末の登録数(A)", "内の登録", ""]))
def test_property_relative_label_depends_only_on_the_distance(report, distance, suffix):
    fiscal_year = FiscalYear(report, era_fiscal_year_label(report))
    label = f"{era_fiscal_year_label(report + distance)}{suffix}"
    relative = relative_label(label, fiscal_year)
    assert relative == relative_label(f"{era_fiscal_year_label(2022 + distance)}{suffix}", R4)
    assert relative == relative_label(f"{report + distance}年度{suffix}", fiscal_year)
    assert relative_label(relative, fiscal_year) == relative
    assert relative_fiscal_year(relative, fiscal_year).start_year == report + distance


@given(
    text=st.text(alphabet="令和平成年月日末度元三十R H.-/~〜から0123456789()（）月水日曜祝・朔晦前翌当現在時点"),
    with_fiscal_year=st.booleans(),
)
def test_property_the_new_functions_on_date_like_text_raise_only_date_error(text, with_fiscal_year):
    fiscal_year = R1 if with_fiscal_year else None
    try:
        dates = find_dates(text, fiscal_year)
    except DateError:
        dates = []
    for date in dates:
        assert parse_date(date.label, fiscal_year) == date
    for function in (lambda: find_period(text, fiscal_year), lambda: period_fiscal_year(text, fiscal_year),
                     lambda: fiscal_year_in(text), lambda: relative_label(text, R1),
                     lambda: relative_fiscal_year(text, R1)):
        try:
            function()
        except DateError:
            pass


def test_the_readme_examples_of_dates_are_true():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Japanese dates"):]
    example = section[section.index("```python\n") + len("```python\n"):section.index("\n```\n")] + "\n"
    parser = doctest.DocTestParser()
    test = parser.get_doctest(example, {}, "README.md: Japanese dates", "README.md", 0)
    runner = doctest.DocTestRunner()
    runner.run(test)
    assert runner.summarize(verbose=False) == doctest.TestResults(failed=0, attempted=10)


def test_find_dates_gives_each_caller_its_own_list():
    # find_dates is cached: a caller that changes its list must not change the next caller's
    fiscal_year = find_fiscal_year("令和3年度")
    first = find_dates("令和4年3月末現在", fiscal_year)
    first.clear()
    assert [date.iso for date in find_dates("令和4年3月末現在", fiscal_year)] == ["2022-03-31"]
