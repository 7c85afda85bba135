"""The nine real pages of ../shared/real-reports, read as a new user would.

Every expected value here was read by eye against the page. The pages stay in ../shared (never
copied into the repository); these tests skip when the folder is absent.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import reportparse

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-reports"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-reports is absent")


@cache
def _report(stem: str) -> reportparse.Report:
    return reportparse.parse(REAL / f"{stem}.txt")


def _metrics(stem: str) -> list[tuple]:
    return [(m.section_title, m.metric, m.kind, m.value, m.unit)
            for m in _report(stem).metric_records]


def _row(stem: str, table_no: int, label: str) -> list[tuple]:
    return [(c.column_group, c.column, c.unit, c.value_num)
            for c in _report(stem).table_records if c.table_no == table_no and c.row_label == label]


def _failed(stem: str) -> list[tuple]:
    return [(c.check, c.location) for c in _report(stem).check_records if c.status == "failed"]


@pytest.mark.parametrize("stem, municipality, fiscal_year", [
    ("chuo_h29_koukai_kojinjoho_jisshi", "中央区", 2017),
    ("higashimurayama_h11_r3_johokokai_unyo", "東村山市", 2021),
    ("kurashiki_h15_kojinjoho_unyo", "", 2003),  # the page never names 倉敷市
    ("matsudo_r3_kobunsho_kokai", "", 2021),  # nor 松戸市
    ("mitaka_r5_johokokai_unyo", "", 2023),  # nor 三鷹市
    ("nakano_h30_kojinjoho_unei", "中野区", 2018),
    ("nakano_r4_kojinjoho_unei", "中野区", 2022),
    ("onomichi_h28_kojinjoho_unyo", "尾道市", 2016),  # the latest period its tables cover
    ("taito_r3_koho_unyo", "台東区", 2021),
])
def test_identity(stem, municipality, fiscal_year):
    report = _report(stem)
    assert (report.municipality, report.fiscal_year) == (municipality, fiscal_year)


def test_chuo_percentages_and_quoted_items():
    assert _metrics("chuo_h29_koukai_kojinjoho_jisshi") == [
        ("情報公開制度", "件数(計)", "count", 1843, "件"),
        ("情報公開制度", "一般診療所台帳、歯科診療所台帳関連", "count", 529, "件"),
        ("情報公開制度", "解体工事事前周知届出など", "count", 524, "件"),
        ("情報公開制度", "食品関係営業者台帳ファイル関連", "count", 381, "件"),
        ("情報公開制度", "美容所施設一覧関連", "count", 267, "件"),
        ("情報公開制度", "開示", "count", 1465, "件"),
        ("情報公開制度", "開示", "share", 79.5, "%"),
        ("情報公開制度", "一部開示", "count", 289, "件"),
        ("情報公開制度", "一部開示", "share", 15.7, "%"),
        ("情報公開制度", "非開示", "count", 87, "件"),
        ("情報公開制度", "非開示", "share", 4.7, "%"),
        ("情報公開制度", "存否応答拒否", "count", 2, "件"),
        ("情報公開制度", "存否応答拒否", "share", 0.1, "%"),
    ]


def test_taito_colon_figures_under_bullet_headings():
    assert _metrics("taito_r3_koho_unyo") == [
        ("情報公開制度", "情報公開請求", "count", 88, "件"),
        ("情報公開制度", "公開", "count", 33, "件"),
        ("情報公開制度", "部分公開", "count", 35, "件"),
        ("情報公開制度", "非公開", "count", 3, "件"),
        ("情報公開制度", "情報不存在", "count", 13, "件"),
        ("情報公開制度", "取り下げ", "count", 2, "件"),
        ("情報公開制度", "却下", "count", 2, "件"),
        ("業務の登録状況", "業務登録件数", "count", 401, "件"),
    ]


def test_nakano_enumerations_and_a_figure_restated():
    assert _metrics("nakano_h30_kojinjoho_unei") == [
        ("情報公開制度", "情報公開請求の件数", "count", 648, "件"),
        ("情報公開制度", "全部公開", "count", 563, "件"),
        ("情報公開制度", "一部公開", "count", 41, "件"),
        ("情報公開制度", "非公開", "count", 43, "件"),  # restated in 非公開43件のうち…: once
        ("情報公開制度", "却下", "count", 1, "件"),
        ("情報公開制度", "文書不存在", "count", 38, "件"),
        ("個人情報保護制度", "自己情報開示請求", "count", 109, "件"),
        ("個人情報保護制度", "全部開示", "count", 68, "件"),
        ("個人情報保護制度", "部分開示", "count", 20, "件"),
        ("個人情報保護制度", "不開示", "count", 21, "件"),
    ]
    assert ("個人情報保護制度", "訂正等の請求", "count", 11, "件") in _metrics(
        "nakano_r4_kojinjoho_unei")


def test_kurashiki_prose_written_with_commas():
    assert _metrics("kurashiki_h15_kojinjoho_unyo") == [
        ("自己情報開示等請求件数及び開示等の決定状況", "開示等請求", "count", 42, "件"),
        ("自己情報開示等請求件数及び開示等の決定状況", "全部開示", "count", 21, "件"),
        ("自己情報開示等請求件数及び開示等の決定状況", "部分開示", "count", 2, "件"),
        ("自己情報開示等請求件数及び開示等の決定状況", "不開示", "count", 19, "件"),
        ("自己情報開示等請求件数及び開示等の決定状況", "部分開示(うち)", "count", 1, "件"),
        ("自己情報開示等請求件数及び開示等の決定状況", "不開示(うち)", "count", 19, "件"),
    ]


def test_kurashiki_rows_that_lost_their_cells_are_failed_checks_not_guesses():
    report = _report("kurashiki_h15_kojinjoho_unyo")
    assert report.table_records == []
    assert _failed("kurashiki_h15_kojinjoho_unyo") == [
        ("row_width", "表1 13 (line 12)"), ("row_width", "表1 14 (line 13)"),
        ("row_width", "表1 15 (line 14)"), ("row_width", "表2 市長 (line 25)"),
        ("row_width", "表2 教育委員会 (line 26)"), ("row_width", "表3 文書不存在 (line 40)"),
    ]


def test_nakano_two_row_header_unit_line_and_unlabelled_total():
    stem = "nakano_r4_kojinjoho_unei"
    assert {c.table_title for c in _report(stem).table_records} == {"個人情報収集事務登録等状況"}
    assert _row(stem, 1, "区長") == [
        ("", "令和3年度末の登録数(A)", "件", 952), ("令和4年度内の登録", "新規(B)", "件", 24),
        ("令和4年度内の登録", "廃止(C)", "件", 1), ("令和4年度内の登録", "変更(D)", "件", 55),
        ("", "令和4年度末の登録数(A+B-C)", "件", 975)]
    total = [c for c in _report(stem).table_records if c.is_total]
    assert [(c.row_label, c.value_num) for c in total] == [
        ("", 1576), ("", 25), ("", 2), ("", 58), ("", 1599)]
    checks = [c for c in _report(stem).check_records if c.check == "total"]
    assert len(checks) == 5 and all(c.status == "ok" for c in checks)
    assert len(_report(stem).table_records) == 25


def test_matsudo_spans_at_the_end_bracketed_counts_and_pairs():
    stem = "matsudo_r3_kobunsho_kokai"
    assert _row(stem, 1, "市長") == [
        ("", "請求件数", "", 916), ("", "請求件数(括弧内)", "", 21),
        ("決定内容等", "開示", "", 505), ("決定内容等", "開示(括弧内)", "", 2),
        ("決定内容等", "一部開示", "", 349), ("決定内容等", "一部開示(括弧内)", "", 19),
        ("決定内容等", "非開示", "", 11), ("決定内容等", "文書不存在", "", 33),
        ("決定内容等", "請求取下げ", "", 15)]
    assert _row(stem, 1, "合計")[0] == ("", "請求件数", "", 1087)
    assert all(c.status == "ok" for c in _report(stem).check_records if c.check == "total")
    assert [(c.row_label, c.column, c.value_num) for c in _report(stem).table_records
            if c.table_no == 2] == [
        ("前年度からの継続案件", "審査会への諮問件数", 67),
        ("審査会より答申", "審査請求の処理状況", 9),
        ("令和3年度の案件", "審査会への諮問件数", 8)]
    assert _metrics(stem) == [("", "処理中の請求", "count", 3, "件")]


def test_mitaka_tables_numbered_in_prose_and_one_without_row_labels():
    records = _report("mitaka_r5_johokokai_unyo").table_records
    assert {(c.table_no, c.table_title) for c in records} == {
        (1, "情報公開請求者の内訳"), (2, "部門別決定件数とその処理状況")}
    assert [(c.row_label, c.column_no, c.column, c.value_num) for c in records
            if c.table_no == 1] == [
        ("", 1, "請求件数", 142), ("", 2, "市民", 42), ("", 3, "市内法人・団体", 53),
        ("", 4, "市外在住者", 18), ("", 5, "市外法人・団体", 29)]
    assert _row("mitaka_r5_johokokai_unyo", 2, "合計")[0] == ("", "決定件数", "", 210)
    assert len(records) == 5 + 7 * 7


def test_onomichi_negative_changes_and_rows_that_are_dates_or_periods():
    records = _report("onomichi_h28_kojinjoho_unyo").table_records
    assert [(c.fiscal_year, c.row_label, c.column, c.unit, c.value_num) for c in records
            if c.table_no == 1] == [
        (2014, "平成27年3月31日", "個人情報ファイル届出件数", "件", 3451),
        (2014, "平成27年3月31日", "対前年増減", "件", -46),
        (2015, "平成28年3月31日", "個人情報ファイル届出件数", "件", 3182),
        (2015, "平成28年3月31日", "対前年増減", "件", -269),
        (2016, "平成29年3月31日", "個人情報ファイル届出件数", "件", 3143),
        (2016, "平成29年3月31日", "対前年増減", "件", -39)]
    assert {c.table_title for c in records} == {"個人情報ファイル届出状況", "目的外利用等の状況"}
    assert [(c.fiscal_year, c.value_num) for c in records if c.column == "外部提供の件数"] == [
        (2014, 49), (2015, 49), (2016, 51)]


def test_higashimurayama_one_table_over_23_years_with_broken_rows():
    stem = "higashimurayama_h11_r3_johokokai_unyo"
    records = _report(stem).table_records
    years = sorted({c.fiscal_year for c in records})
    assert years == list(range(2008, 2022))  # 平成20年度–令和3年度; older rows lack a value
    # 平成29年度 was printed over six lines (68件 / 20 43 0 2 1 / 1 / (注2) / 1)
    assert [(c.column, c.value) for c in records if c.row_label == "平成29年度"] == [
        ("請求件数(所管課別)", "68件"), ("全部公開", "20"), ("部分公開", "43"),
        ("非公開(注1)", "0"), ("文書不存在", "2"), ("存否応答拒否", "1"), ("却下", "1(注2)"),
        ("情報提供等による取下げ", "1")]
    note = [c for c in records if c.row_label == "平成25年度" and c.column_no == 9]
    assert note[0].value.startswith("1件 (下記の運用状況報告書37ページのNo.37")
    assert {c.column_group for c in records if c.column_no in range(2, 9)} == {
        "決定内容の内訳(件数)"}
    failed = _failed(stem)
    assert [location for _, location in failed] == [
        f"表1 平成{year}年度 (line {line})" for year, line in
        [(19, 73), (18, 74), (17, 75), (16, 76), (15, 77), (14, 82), (13, 83), (12, 84), (11, 85)]]
