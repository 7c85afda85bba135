"""Incident lists: every incident of the seed field by field against the printed 表6, then
lists of other shapes (renamed and reordered columns, heading rows, wrapped rows, date
columns, several lists, malformed rows) from the seed and the synthetic corpus."""

import csv
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reportparse
from reportparse.extract.incidents import (
    _NUMBER,
    _number,
    category,
    columns,
    departments,
    incident_list,
    is_incident_grid,
)
from reportparse.extract.structure import Grid
from reportparse.records import Line
from reportparse.values.dates import FiscalYear

MAIL = "メール送信時の内容確認が不十分であったため"
FILES = "文書の管理体制が不十分であったため"
DOUBLE_NEGLECTED = "送付文書のダブルチェックを怠ったため"
DOUBLE_LACKING = "送付文書のダブルチェックが不十分であったため"

# no: category, declared, occurred, actor, actor_detail, count, unit, label, cause, departments
EXPECTED = {
    1: ("誤交付", 1, "2022-01", "", "", 2, "名", "2名分", "帳票出力および交付の際の確認が不十分であったため", "区民事務所担当課"),
    2: ("誤送付", 6, "2021-05", "", "", 2, "名", "2名分", DOUBLE_NEGLECTED, "生活衛生課"),
    3: ("誤送付", 6, "2021-08", "委託事業者", "", 1, "名", "1名分", DOUBLE_NEGLECTED, "国保年金課"),
    4: ("誤送付", 6, "2021-09", "", "", 2, "名", "2名分", DOUBLE_LACKING, "学務課"),
    5: ("誤送付", 6, "2021-11", "", "", 1, "名", "1名分", DOUBLE_LACKING, "子育て支援課"),
    6: ("誤送付", 6, "2021-11", "指定管理者", "", 1, "名", "1名分", DOUBLE_NEGLECTED, "障害者施策推進課"),
    7: ("誤送付", 6, "2022-03", "", "", 4, "名", "4名分", "送付物の内容確認が不十分であったため", "みどり推進課"),
    8: ("誤廃棄", 1, "2021-07", "", "", 8, "名", "8名分", FILES, "教育指導課"),
    9: ("誤廃棄", 1, "2021-04", "", "", 1, "件", "1件", FILES, "介護保険課"),
    10: ("誤廃棄", 1, "2021-05", "委託事業者", "", 1, "名", "1名分", FILES, "障害者サービス調整担当課"),
    11: ("誤廃棄", 1, "2021-08", "指定管理者", "", 1, "名", "1名分", FILES, "光が丘図書館"),
    12: ("誤廃棄", 1, "2021-11", "", "", 1, "名", "1名分", FILES, "保育課"),
    13: ("誤廃棄", 1, "2021-12", "指定管理者", "", 12, "名", "12名分", FILES, "地域振興課"),
    14: ("誤廃棄", 1, "2021-12", "委託事業者", "", 28, "件", "発信履歴28件", "携帯電話の管理体制が不十分であったため", "石神井保健相談所;大泉保健健康相談所"),
    15: ("誤廃棄", 1, "2022-02", "", "", 1, "名", "1名分", FILES, "子育て支援課"),
    16: ("誤廃棄", 1, "2022-03", "", "", 1, "名", "1名分", FILES, "介護保険課"),
    17: ("誤送信", 8, "2021-08", "", "", 1, "名", "1名分", MAIL, "保健予防課"),
    18: ("誤送信", 8, "2021-10", "指定管理者", "", 1, "名", "1名分", MAIL, "文化・生涯学習課"),
    19: ("誤送信", 8, "2021-11", "委託事業者", "", 1, "名", "1名分", MAIL, "みどり推進課"),
    20: ("誤送信", 8, "2022-01", "委託事業者", "", 1, "名", "1名分", MAIL, "練馬子ども家庭支援センター"),
    21: ("誤送信", 8, "2022-03", "指定管理者", "", 24, "名", "24名分", MAIL, "清掃リサイクル課"),
    22: ("誤送信", 8, "2022-03", "指定管理者", "", 40, "名", "40名分", MAIL, "障害者施策推進課"),
    23: ("誤送信", 8, "2022-03", "委託事業者", "区内病院", 26, "名", "26名分", MAIL, "住民接種担当課"),
    24: ("誤送信", 8, "2022-03", "", "", 40, "名", "40名分", "メール運用に関するルールを順守せず、" + MAIL, "教育指導課;教育施策課"),
    25: ("漏えい", 3, "2021-05", "", "", 1, "件", "1件", "職員の技術的な知識が不足していたため", "子育て支援課"),
    26: ("漏えい", 3, "2021-09", "", "", 14, "名", "14名分", "職員の技術的な知識が不足していたため", "教育施策課"),
    27: ("漏えい", 3, "2022-03", "", "", 6, "名", "6名分", "文書の管理体制および配付文書の内容確認が不十分であったため", "教育指導課"),
    28: ("その他", 1, "2021-11", "", "", 36, "名", "36名分", "リーフレット内の「SNSのパスワード」の取扱いについて、教職員間での周知が不十分であったため", "教育指導課"),
}


def test_all_28_incidents(seed_report):
    got = {
        i.no: (i.category, i.category_declared, i.occurred, i.actor, i.actor_detail,
               i.affected_count, i.affected_unit, i.affected_label, i.cause, i.departments)
        for i in seed_report.incident_records
    }
    assert got == EXPECTED


def test_spec_worked_example_23(seed_report):
    incident = seed_report.incident_records[22]
    assert incident.no == 23
    assert incident.occurred_label == "4年3月"
    assert incident.cause_as_printed == "同上"
    assert incident.cause == MAIL
    assert incident.description == (
        "(委託事業者(区内病院))ワクチン接種予約者に予約日時の変更をメールで依頼する際、"
        "同報者のメールアドレスをBCCに設定すべきところ、TOに設定、送信したため、"
        "他の予約者のメールアドレスが漏えい (26名分)")


def test_description_drops_date_marker_and_markup_only(seed_report):
    first = seed_report.incident_records[0]
    assert first.description == (
        "区民事務所の窓口において、電子証明書の新規発行手続終了後に交付する「電子証明書」"
        "の写しを別人に交付(2名分)")
    assert all("<p>" not in i.description and "【" not in i.description
               for i in seed_report.incident_records)


def test_only_the_last_parenthesis_is_the_count(seed_report):
    twenty = seed_report.incident_records[19]
    assert twenty.description.endswith("漏えい(誤送信)(1名分)")
    assert (twenty.affected_count, twenty.affected_label) == (1, "1名分")


def test_causes_as_printed(seed_report):
    printed = [i.cause_as_printed for i in seed_report.incident_records]
    assert printed.count("同上") == 13  # grep -c "\t同上\t" corpus/nerima_r3.txt
    assert printed[26] == "文書の管理体制および配付文書の内容確認が不十分であったため"  # <p> removed


def test_source_lines(seed_report):
    assert [i.source_line for i in seed_report.incident_records][:4] == [90, 91, 92, 94]
    assert seed_report.incident_records[-1].source_line == 121


@pytest.mark.parametrize(
    "printed, joined",
    [("保健予防課 住民接種担当課", "保健予防課;住民接種担当課"), ("教育指導課", "教育指導課"),
     ("区民事務所 担当課", "区民事務所担当課"), ("", "")],
)
def test_departments(printed, joined):
    assert departments(printed) == joined


# --- lists of other shapes (issue 10) ------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED_HEADER = "\t種別\t内容\t原因\t所管\n"
FY2021 = FiscalYear(2021, "令和3年度")


def _list_lines(text: str) -> tuple[int, int]:
    """First and last line index (0-based) of the seed's incident rows."""
    lines = text.split("\n")
    start = lines.index(SEED_HEADER.rstrip("\n")) + 1
    end = max(i for i, line in enumerate(lines) if line.startswith("28\t"))
    return start, end


def _same_records(report, seed_report):
    assert report.incident_records == seed_report.incident_records
    assert report.table_records == seed_report.table_records
    assert report.metric_records == seed_report.metric_records


def test_seed_with_renamed_columns_gives_every_incident(seed_text, seed_report, parse_bytes):
    """The issue's first failure: 区分 / 事案の概要 / 原因 / 担当課 found 0 incidents."""
    renamed = seed_text.replace(SEED_HEADER, "\t区分\t事案の概要\t原因\t担当課\n")
    assert renamed != seed_text
    report = parse_bytes(renamed.encode())
    assert len(report.incident_records) == 28
    _same_records(report, seed_report)


def test_seed_with_columns_in_another_order(seed_text, seed_report, parse_bytes):
    """所管 before 原因, and 内容 last: every field still lands in its column."""
    lines = seed_text.split("\n")
    start, end = _list_lines(seed_text)
    for index in [start - 1, *range(start, end + 1)]:
        cells = lines[index].split("\t")
        if len(cells) == 5:
            no, kind, content, cause, department = cells
            lines[index] = "\t".join([no, kind, department, cause, content])
    report = parse_bytes("\n".join(lines).encode())
    _same_records(report, seed_report)


@pytest.mark.parametrize("wrapped", ["\n\t\t（2名分）\t", "\n（2名分）"],
                         ids=["leading-empty-cells", "one-cell-line"])
def test_seed_with_a_wrapped_description(seed_text, seed_report, parse_bytes, wrapped):
    """The issue's second failure: a 内容 cell wrapped onto a second line lost the report."""
    row = "の写しを別人に交付（2名分）\t帳票出力"
    assert row in seed_text
    text = seed_text.replace(row, "の写しを別人に交付\t帳票出力")
    first_row_end = text.index("\n", text.index("の写しを別人に交付\t帳票出力"))
    text = text[:first_row_end] + wrapped + text[first_row_end:]
    report = parse_bytes(text.encode())
    shifted = [dataclasses.replace(i, source_line=i.source_line + (i.no > 1))
               for i in seed_report.incident_records]
    assert report.incident_records == shifted
    assert report.incident_records[0].affected_label == "2名分"
    assert report.table_records == seed_report.table_records


def test_a_row_without_its_number_costs_that_row_only(seed_text, seed_report, parse_bytes):
    text = seed_text.replace("\n9\t\t【3年4月】", "\n\t\t【3年4月】")
    report = parse_bytes(text.encode())
    assert [i.no for i in report.incident_records] == [n for n in range(1, 29) if n != 9]
    assert report.table_records == seed_report.table_records
    assert report.metric_records == seed_report.metric_records
    failed = {c.check: c for c in report.check_records if c.status == "failed"}
    assert failed["incident_row"].location == "表6 line 99"
    assert failed["incident_row"].message.startswith("line 99: a row with no incident number")
    assert "missing 9" in failed["incident_numbering"].message
    # 10 prints 同上 under the unread row 9: what it repeats is unknown, so it stays empty
    ten = report.incident_records[8]
    assert (ten.no, ten.cause_as_printed, ten.cause) == (10, "同上", "")


# Every incident of each synthetic report, read by eye from tools/make_incident_lists.py.
# no: category, declared, occurred, occurred_label, actor, actor_detail, count, unit, label,
#     cause, measures, departments
CHECKED_BY_EYE = {
    "synthetic_incidents_grouped": {
        1: ("誤送付", 3, "2022-04", "4年4月", "", "", 2, "名", "2名分",
            "封入時の確認が不十分であったため", "封入時に二人で確認する", "こども家庭課"),
        2: ("誤送付", 3, "2022-06", "4年6月", "委託事業者", "", 1, "名", "1名分",
            "封入時の確認が不十分であったため", "封入時に二人で確認する", "介護保険課"),
        3: ("誤送付", 3, "2022-09", "4年9月", "", "", 3, "名", "3名分",
            "住所データ更新の確認が不十分であったため", "更新手順を見直し、研修を実施する",
            "健康推進課;保健予防課"),
        4: ("紛失", 2, "2022-11", "4年11月", "", "", 1, "件", "1件",
            "文書の管理体制が不十分であったため", "保管場所を定める", "中央図書館"),
        5: ("紛失", 2, "2023-02", "5年2月", "指定管理者", "架空市スポーツ協会", 12, "名", "12名分",
            "文書の管理体制が不十分であったため", "受付簿で管理する", "スポーツ振興課"),
        6: ("誤送信", 1, "2023-03", "5年3月", "", "", 45, "名", "45名分",
            "メール送信時の確認が不十分であったため", "送信前に複数人で確認する", "生涯学習課"),
    },
    "synthetic_incidents_headings": {
        1: ("誤送付", 2, "2021-04-12", "令和3年4月12日", "", "", 1, "件", "1",
            "宛名の確認を怠ったため", "発送前に宛名を読み合わせる", "住民課"),
        2: ("誤送付", 2, "2021-07-05", "3年7月5日", "", "", 2, "件", "2",
            "封入作業の確認が不十分であったため", "封入作業を二人で行う", "保険年金課"),
        3: ("紛失", 2, "2021-09-30", "9月30日", "", "", 1, "件", "1件",
            "書類の受渡し記録がなかったため", "受渡し簿を作成する", "福祉課"),
        4: ("紛失", 2, "2022-01-18", "令和4年1月18日(火)", "", "", 35, "人", "35人",
            "私物の記録媒体を使用していたため", "記録媒体の持出しを禁止する", "学校教育課"),
        5: ("誤送信", 2, "2022-03-03", "令和4年3月3日", "", "", None, "", "不明",
            "番号の確認が不十分であったため", "短縮登録した番号を使う", "産業振興課;総務課"),
    },
}


def _fields(incident):
    return (incident.category, incident.category_declared, incident.occurred,
            incident.occurred_label, incident.actor, incident.actor_detail,
            incident.affected_count, incident.affected_unit, incident.affected_label,
            incident.cause, incident.measures, incident.departments)


@pytest.mark.parametrize("report_id", sorted(CHECKED_BY_EYE))
def test_synthetic_lists_field_by_field(report_id):
    report = reportparse.parse(CORPUS / f"{report_id}.txt")
    assert {i.no: _fields(i) for i in report.incident_records} == CHECKED_BY_EYE[report_id]


def test_wrapped_cells_are_joined_in_every_column():
    report = reportparse.parse(CORPUS / "synthetic_incidents_grouped.txt")
    three, five = report.incident_records[2], report.incident_records[4]
    assert three.description == "健診結果を郵送する際、住所データの更新漏れにより旧住所へ送付(3名分)"
    assert five.description.endswith("受付後に紛失し、所在が不明となった(12名分)")
    assert (three.source_line, five.source_line) == (24, 27)  # the line the row starts on
    headings = reportparse.parse(CORPUS / "synthetic_incidents_headings.txt")
    assert headings.incident_records[0].description == "住民票の写しを請求者以外の者に郵送した"


def test_heading_rows_declare_counts_and_are_checked():
    report = reportparse.parse(CORPUS / "synthetic_incidents_headings.txt")
    declared = [(c.location, c.status) for c in report.check_records if c.check == "declared_count"]
    assert declared == [("表1 誤送付 (No 1-2)", "ok"), ("表1 紛失 (No 3-4)", "ok"),
                        ("表1 誤送信 (No 5)", "failed")]


def test_two_lists_one_per_fiscal_year_each_keep_their_table():
    report = reportparse.parse(CORPUS / "synthetic_incidents_two_years.txt")
    assert report.fiscal_year == 2020
    got = [(i.fiscal_year, i.no, i.category, i.occurred, i.occurred_label)
           for i in report.incident_records]
    assert got == [
        (2019, 1, "誤送付", "2019-04-25", "平成31年4月25日"),
        (2019, 2, "紛失", "2019-05-20", "元年5月20日"),  # 令和元年: the era changed in May
        (2019, 3, "誤送付", "2019-12-02", "令和元年12月2日"),
        (2019, 4, "誤交付", "2020-03-10", "2年3月10日"),
        (2020, 1, "誤送信", "2020-04-08", "2年4月8日"),
        (2020, 2, "誤送付", "2020-10-01", "令和2年10月1日"),
        (2020, 3, "紛失", "2021-02-15", "3年2月15日"),
    ]
    numbering = [(c.table_no, c.status) for c in report.check_records
                 if c.check == "incident_numbering"]
    assert numbering == [(1, "ok"), (2, "ok")]
    inside = {(c.table_no, c.message.rsplit("(", 1)[1]) for c in report.check_records
              if c.check == "date_in_fiscal_year"}
    assert inside == {(1, "inside 令和元年度)"), (2, "inside 令和2年度)")}
    assert report.incident_records[2].cause == "書類の管理が不十分であったため"  # 同上 in 表1
    assert report.incident_records[5].measures == "送信前に上司が確認する"  # 同上 in 表2


def test_malformed_rows_are_named_in_checks_csv_and_the_rest_is_written(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "reportparse", "parse",
         str(CORPUS / "synthetic_incidents_malformed.txt"), "-o", str(out), "-q"],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    read = lambda name: list(csv.DictReader(  # noqa: E731
        (out / f"{name}.csv").open(encoding="utf-8-sig")))
    assert read("errors") == []
    assert [row["no"] for row in read("incidents")] == ["1", "2", "2", "6", "5"]
    assert [row["value"] for row in read("tables")] == ["9", "3", "12"]
    assert [row["value"] for row in read("metrics")] == ["12"]
    failed = [(row["check"], row["location"], row["message"]) for row in read("checks")
              if row["status"] == "failed"]
    assert failed == [
        ("incident_row", "表2 line 22", "line 22: incident 4 has no description (内容): "
                                        "4 | 紛失 (2) |  | 文書の管理が不十分であったため | 住民課"),
        ("incident_row", "表2 line 23", "line 23: a row with no incident number:  |  | "
                                        "【4年9月】 申請書を紛失(1件) | 同上 | 保険年金課"),
        ("declared_count", "表2 紛失 (No 6)", "紛失 declares 2; the list has 1 row under it (No 6)"),
        ("incident_numbering", "表2", "incident numbers do not run 1..N: missing 3, 4; "
                                      "repeated 2; out of order: 5 after 6"),
        ("date_readable", "表2 No 6", "incident 6: '4年13月': there is no month 13"),
    ]


def test_a_list_without_a_caption():
    report = reportparse.parse(ROOT / "tests" / "data" / "incidents_uncaptioned.txt")
    assert [(i.no, i.category, i.occurred, i.departments) for i in report.incident_records] == [
        (1, "誤送付", "2022-08", "税務課"), (2, "紛失", "2022-12", "住民課")]


# --- the parts, on grids built here ---------------------------------------------------------


def _grid(header: tuple[str, ...], *rows: tuple[str, ...], title: str = "") -> Grid:
    lines = tuple(Line(cells=row, page=1, line=number) for number, row in enumerate(rows, 2))
    return Grid(None, 1, title, header, lines)


@pytest.mark.parametrize("header, meanings", [
    (("No", "事故の種類", "発生年月日", "事案の概要", "発生原因", "今後の対策", "担当部署", "影響件数"),
     ["no", "category", "occurred", "description", "cause", "measures", "departments", "counts"]),
    (("番号", "分類", "判明日", "事故の内容", "原因", "改善策", "部署名", "人数(人)"),
     ["no", "category", "occurred", "description", "cause", "measures", "departments", "counts"]),
    (("No.", "種 別", "発生時期", "漏えい等の内容", "原因及び再発防止策", "所管課名"),
     ["no", "category", "occurred", "description", "measures", "departments"]),
    (("№", "事故区分", "発生(判明)日", "事故等の内容", "原因等", "対応状況", "担当", "漏えい件数"),
     ["no", "category", "occurred", "description", "cause", "measures", "departments", "counts"]),
])
def test_columns_are_recognised_by_meaning(header, meanings):
    found = columns(_grid(header, ("1",) + ("x",) * (len(header) - 1))).positions
    assert sorted(found, key=lambda m: found[m]) == meanings


@pytest.mark.parametrize("header, listed", [
    (("", "種別", "内容", "原因", "所管"), True),
    (("事案の概要", "発生日"), True),
    (("概要", "対応状況"), True),
    (("区分", "件数(件)"), False),                          # a table of counts
    (("区分", "決定内容の内訳", "件数"), False),             # decisions on requests
    (("年度", "請求件数(所管課別)", "決定内容の内訳(件数)"), False),
    (("内容", "件数"), False),                               # a description alone
    (("区分", "相談内容", "件数"), False),                   # undated: a table of requests
    (("事務の名称", "目的・内容", "所管課"), False),          # undated: a register of work
])
def test_an_incident_list_needs_a_description_and_one_more_meaning(header, listed):
    assert is_incident_grid(_grid(header, ("1",) * len(header))) is listed


@pytest.mark.parametrize("description, listed", [
    ("【4年1月】 通知書を誤送付", True), ("令和4年1月12日に名簿を紛失", True),
    ("R4.1.12 名簿を紛失", True), ("住民票の写しの交付に関する相談", False),
])
def test_a_category_or_department_list_needs_dated_descriptions(description, listed):
    grid = _grid(("区分", "内容", "担当課"), ("誤送付", description, "総務課"),
                 ("紛失", description, "税務課"))
    assert is_incident_grid(grid) is listed


@pytest.mark.parametrize("printed, read", [
    ("誤送付 (6)", ("誤送付", 6)), ("誤送付(6件)", ("誤送付", 6)), ("誤送付 6件", ("誤送付", 6)),
    ("【誤送付】", ("誤送付", None)), ("■誤送付(6件)", ("誤送付", 6)), ("<誤送付>", ("誤送付", None)),
    ("誤 送付", ("誤送付", None)), ("その他 (1)", ("その他", 1)),
])
def test_category_as_printed(printed, read):
    assert category(printed) == read


@pytest.mark.parametrize("line", ["を紛失(1件)", "(2名分)", "第三者に送信した"])
def test_wrapped_text_is_no_heading(line):
    grid = _grid(("No", "区分", "内容", "原因"),
                 ("1", "誤送付", "通知書を送付", "確認不足"), (line,), ("2", "", "別の通知書", "同上"))
    found = incident_list(grid, FY2021)
    assert [i.category for i in found.incidents] == ["誤送付", "誤送付"]
    assert found.incidents[0].description == "通知書を送付" + line


@pytest.mark.parametrize("printed, occurred", [
    ("令和4年1月12日", "2022-01-12"), ("4年1月12日", "2022-01-12"), ("4年1月", "2022-01"),
    ("1月12日", "2022-01-12"), ("5月", "2021-05"), ("R4.1.12", "2022-01-12"),
    ("2022年1月12日", "2022-01-12"), ("令和4年1月12日(水)", "2022-01-12"),
    ("令和4年2月30日", None), ("不明", None),
])
def test_dates_in_a_date_column(printed, occurred):
    grid = _grid(("No", "発生日", "内容", "所管"), ("1", printed, "通知書を誤送付", "総務課"))
    incident = incident_list(grid, FY2021).incidents[0]
    assert (incident.occurred, incident.occurred_label) == (occurred, printed)


@pytest.mark.parametrize("content, occurred, description", [
    ("【4年1月】 通知書を誤送付", "2022-01", "通知書を誤送付"),
    ("通知書を誤送付(令和4年1月12日)", "2022-01-12", "通知書を誤送付"),
    ("(4年1月12日)通知書を誤送付", "2022-01-12", "通知書を誤送付"),
    ("令和4年1月12日、通知書を誤送付", "2022-01-12", "令和4年1月12日、通知書を誤送付"),
    ("通知書(令和3年度分)を誤送付", None, "通知書(令和3年度分)を誤送付"),
    ("通知書を誤送付(令和4年1月12日発送分)", None, "通知書を誤送付(令和4年1月12日発送分)"),
])
def test_dates_in_the_description(content, occurred, description):
    grid = _grid(("No", "種別", "内容"), ("1", "誤送付", content))
    incident = incident_list(grid, FY2021).incidents[0]
    assert (incident.occurred, incident.description) == (occurred, description)


def test_a_list_across_the_era_change_reads_each_month_in_its_era():
    grid = _grid(("No", "種別", "内容"), ("1", "紛失", "【31年4月】 申請書を紛失"),
                 ("2", "紛失", "【元年5月】 名簿を紛失"), ("3", "紛失", "【2年3月】 台帳を紛失"),
                 title="令和元年度 事故の一覧")
    found = incident_list(grid, FY2021)  # the title's 令和元年度 wins over the report's year
    assert found.fiscal_year == FiscalYear(2019, "令和元年度")
    assert [i.occurred for i in found.incidents] == ["2019-04", "2019-05", "2020-03"]


def test_a_row_with_more_cells_than_columns_is_unread():
    grid = _grid(("No", "種別", "内容", "所管"), ("1", "誤送付", "通知書を誤送付", "総務課"),
                 ("2", "", "案内を誤送付", "税務課", "余分", "余分"), ("3", "", "名簿を誤送付", "福祉課"))
    found = incident_list(grid, FY2021)
    assert [i.no for i in found.incidents] == [1, 3]
    assert [(row.line, row.problem) for row in found.unread] == [
        (3, "6 cells for the list's 4 columns: 2 |  | 案内を誤送付 | 税務課 | 余分 | 余分")]


def test_counts_column_and_per_row_categories_without_counts():
    grid = _grid(("No", "区分", "内容", "影響人数"), ("1", "誤送付", "通知書を誤送付(2名分)", "3"),
                 ("2", "紛失", "名簿を紛失", ""))
    one, two = incident_list(grid, FY2021).incidents
    # the counts column wins over the description's parenthesis; the header names the unit
    assert (one.affected_count, one.affected_unit, one.affected_label) == (3, "人", "3")
    assert (two.category, two.category_declared, two.affected_count) == ("紛失", None, None)


def test_a_list_without_a_no_column():
    grid = _grid(("区分", "内容", "原因"), ("誤送付", "【3年5月】 通知書を誤送付", "確認不足"),
                 ("", "の続き", ""), ("紛失", "【3年6月】 名簿を紛失", "管理不足"))
    found = incident_list(grid, FY2021)
    assert [(i.no, i.category, i.description) for i in found.incidents] == [
        (None, "誤送付", "通知書を誤送付の続き"), (None, "紛失", "名簿を紛失")]


def test_text_wrapped_from_an_unread_row_is_not_joined_to_the_incident_above():
    grid = _grid(("No", "種別", "内容", "所管"), ("1", "誤送付", "【3年5月】 通知書を誤送付", "総務課"),
                 ("", "", "【3年6月】 案内を誤送付", "税務課"), ("", "", "(続き)"),
                 ("3", "", "【3年7月】 名簿を誤送付", "福祉課"))
    found = incident_list(grid, FY2021)
    assert [i.description for i in found.incidents] == ["通知書を誤送付", "名簿を誤送付"]
    assert [(row.line, row.problem.split(":")[0]) for row in found.unread] == [
        (3, "a row with no incident number"), (4, "text that continues no readable incident")]


@pytest.mark.parametrize("engine", ["pymupdf", "pdfplumber"])
def test_the_same_list_as_a_pdf_gives_the_same_incidents(engine):
    """tests/data/incidents_headings.pdf renders the 架空町 text as a ruled list on A5 pages:
    内容 cells wrapped over three lines, heading rows spanning the table, the header repeated
    on page 2 right above the heading 誤送信(2件)."""
    pdf = reportparse.parse(ROOT / "tests" / "data" / "incidents_headings.pdf", engine)
    text = reportparse.parse(CORPUS / "synthetic_incidents_headings.txt")
    where = lambda i: dataclasses.replace(i, source_page=0, source_line=0)  # noqa: E731
    assert [where(i) for i in pdf.incident_records] == [where(i) for i in text.incident_records]
    assert [i.source_page for i in pdf.incident_records] == [1, 1, 1, 1, 2]
    assert [(c.check, c.status) for c in pdf.check_records] == [
        (c.check, c.status) for c in text.check_records]


def test_a_continuation_whose_cells_lost_their_columns_is_named(parse_bytes):
    """Copied with spaces, a wrapped line loses its leading empty cells: its text cannot be
    placed, so the line is a failed check that says the incident above may be incomplete."""
    text = (CORPUS / "synthetic_incidents_grouped.txt").read_text(encoding="utf-8")
    report = parse_bytes(text.replace("\t", "  ").encode())
    unread = [c for c in report.check_records if c.check == "incident_row"]
    assert [(c.location, c.message[:60]) for c in unread] == [
        ("表2 line 25", "line 25: it continues incident 3, but its 3 cells cannot be ")]
    assert "(incident 3 may be incomplete)" in unread[0].message
    assert len(report.incident_records) == 6
    # the wrapped line 28 is a single cell: it is still joined to incident 5
    assert report.incident_records[4].description.endswith("所在が不明となった(12名分)")


def test_a_date_column_wins_and_the_marker_still_leaves_the_description():
    grid = _grid(("No", "発生日", "内容"), ("1", "令和4年1月12日", "【4年1月】 通知書を誤送付"),
                 ("2", "", "【4年2月】 名簿を紛失"))
    one, two = incident_list(grid, FY2021).incidents
    assert (one.occurred, one.occurred_label, one.description) == (
        "2022-01-12", "令和4年1月12日", "通知書を誤送付")
    assert (two.occurred, two.occurred_label, two.description) == ("2022-02", "4年2月", "名簿を紛失")


def test_two_lists_of_one_year_in_separate_tables(parse_bytes):
    """漏えい and 誤送付 printed as two tables of their own, each numbered from 1."""
    text = "\n".join([
        "架空市個人情報保護制度の運用状況(令和4年度)", "", "1 個人情報の漏えい等", "",
        "表1 漏えい事案", "",
        "No\t発生日\t概要\t原因\t担当課",
        "1\t令和4年5月2日\t名簿をホームページに誤掲載(30名分)\t確認不足のため\t広報課",
        "2\t令和4年8月9日\t申請書を紛失(1件)\t管理不足のため\t税務課", "",
        "表2 誤送付事案", "",
        "No\t概要\t原因\t担当課\t件数",
        "1\t【4年6月】 通知書を別人に送付\t確認不足のため\t福祉課\t2", ""])
    report = parse_bytes(text.encode())
    got = [(i.no, i.occurred, i.affected_count, i.departments) for i in report.incident_records]
    assert got == [(1, "2022-05-02", 30, "広報課"), (2, "2022-08-09", 1, "税務課"),
                   (1, "2022-06", 2, "福祉課")]
    numbering = [(c.location, c.status) for c in report.check_records
                 if c.check == "incident_numbering"]
    assert numbering == [("表1", "ok"), ("表2", "ok")]
    assert report.table_records == []  # both tables are incident lists, not data tables


@given(st.text(alphabet="0123456789٣ ()．.Nno²", max_size=7))
def test_a_no_cell_of_digits_alone_reads_as_the_pattern_reads_it(cell):
    """``_number`` reads a cell of digits without the pattern; every cell reads the same."""
    match = _NUMBER.fullmatch(cell.strip())
    assert _number(cell) == (int(match["no"]) if match else None)
