import pytest

from reportparse.extract.tables import split_unit


def _cells(report, table_no):
    return [c for c in report.table_records if c.table_no == table_no]


@pytest.mark.parametrize(
    "heading, split",
    [("件数 (件)", ("件数", "件")), ("件数(件)", ("件数", "件")), ("請求者数 (人)", ("請求者数", "人")),
     ("点検実施日", ("点検実施日", "")), ("所管課名", ("所管課名", ""))],
)
def test_split_unit(heading, split):
    assert split_unit(heading) == split


def test_table1_every_cell(seed_report):
    got = [(c.row_no, c.row_group, c.row_label, c.column, c.unit, c.value, c.value_num, c.is_total)
           for c in _cells(seed_report, 1)]
    assert got == [
        (1, "", "区民", "請求者数", "人", "74", 74, False),
        (1, "", "区民", "件数", "件", "250", 250, False),
        (2, "", "区民以外", "請求者数", "人", "34", 34, False),
        (2, "", "区民以外", "件数", "件", "85", 85, False),
        (3, "", "合計", "請求者数", "人", "108", 108, True),
        (3, "", "合計", "件数", "件", "335", 335, True),
    ]


def test_table2_groups_and_total(seed_report):
    got = [(c.row_group, c.row_label, c.value_num, c.is_total) for c in _cells(seed_report, 2)]
    assert got == [
        ("開示請求", "全部開示", 191, False),
        ("開示請求", "部分開示", 116, False),
        ("開示請求", "非開示", 1, False),
        ("開示請求", "不存在", 20, False),
        ("開示請求", "存否応答拒否", 1, False),
        ("開示請求", "取下げ", 4, False),
        ("目的外利用中止請求", "応じる", 0, False),
        ("目的外利用中止請求", "応じられない", 1, False),
        ("外部提供中止請求", "応じる", 0, False),
        ("外部提供中止請求", "応じられない", 1, False),
        ("", "合計", 335, True),  # a total row ends the group above it
    ]
    first = _cells(seed_report, 2)[0]
    assert (first.table_title, first.column, first.unit, first.value) == (
        "開示等請求処理状況", "件数", "件", "191")


def test_table3_full_width_parenthesis_unit(seed_report):
    cells = _cells(seed_report, 3)
    assert {(c.column, c.unit) for c in cells} == {("件数", "件")}
    assert [c.value_num for c in cells] == [20, 198, 113, 0, 0, 4, 335]
    assert cells[-1].is_total and cells[-1].row_label == "合計"


def test_table4_and_5_dates_and_departments(seed_report):
    four = {c.column: c for c in _cells(seed_report, 4)}
    assert four["点検実施日"].row_label == "予防接種に関する事務"
    assert four["点検実施日"].value == "令和3年11月17日"
    assert four["点検実施日"].value_date == "2021-11-17"
    assert four["所管課名"].value == "保健予防課 住民接種担当課"
    assert four["所管課名"].value_num is None and four["所管課名"].value_date is None
    five = {c.column: c for c in _cells(seed_report, 5)}
    assert five["点検実施日"].value_date == "2022-03-29"
    assert five["所管課名"].value == "健康推進課"


def test_source_lines_point_at_the_printed_row(seed_report):
    total = [c for c in _cells(seed_report, 2) if c.is_total][0]
    assert (total.source_page, total.source_line) == (1, 34)
