import pytest

from reportparse.extract.structure import outline
from reportparse.extract.tables import split_unit, table_cells
from reportparse.read.text import read_text
from reportparse.values.dates import find_fiscal_year


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


# --- layouts of other municipalities (issue: tables of any report) -----------------------

def _table(parse_bytes, text: str):
    report = parse_bytes(text.encode())
    return report, [(c.table_no, c.table_title, c.row_label, c.column_no, c.column_group,
                     c.column, c.unit, c.value_num, c.is_total) for c in report.table_records]


@pytest.mark.parametrize("caption, no, title", [
    ("第3表 請求の状況", 3, "請求の状況"), ("<第3表>請求の状況", 3, "請求の状況"),
    ("【表3】請求の状況", 3, "請求の状況"), ("請求の状況(表3)", 3, "請求の状況"),
    ("表③ 請求の状況", 3, "請求の状況"), ("請求の状況", 1, "請求の状況"),
])
def test_caption_styles(parse_bytes, caption, no, title):
    _, cells = _table(parse_bytes, f"令和3年度の状況\n{caption}\n区分\t件数\n区民\t5\n区外\t2\n")
    assert {(c[0], c[1]) for c in cells} == {(no, title)}


def test_unit_line_and_a_note_between_caption_and_table(parse_bytes):
    text = "令和3年度\n表1 状況\n(単位:件)\n※ 年度末現在\n区分\t登録数(A)\t件数 (人)\nア\t3\t4\n"
    _, cells = _table(parse_bytes, text)
    assert [(c[5], c[6], c[7]) for c in cells] == [("登録数(A)", "件", 3), ("件数", "人", 4)]


def test_a_numbered_table_whose_second_column_is_dates_keeps_them_as_values(parse_bytes):
    text = "令和4年度\n表3 答申の状況\n番号\t諮問日\t件名\n1\tR3.11.5\t工事関係文書の部分公開決定\n"
    report = parse_bytes(text.encode())
    assert [(c.row_label, c.column, c.value_date) for c in report.table_records] == [
        ("", "番号", None), ("", "諮問日", "2021-11-05"), ("", "件名", None)]


def test_one_list_printed_in_two_blocks_side_by_side(parse_bytes):
    text = ("令和4年度\n表1 決定の内訳\n区分\t件数\t区分\t件数\n公開\t33\t審査請求\t2\n"
            "部分公開\t35\t答申\t1\n非公開\t2\t\t\n")
    report, cells = _table(parse_bytes, text)
    assert [(c[2], c[5], c[7]) for c in cells] == [
        ("公開", "件数", 33), ("部分公開", "件数", 35), ("非公開", "件数", 2), ("審査請求", "件数", 2),
        ("答申", "件数", 1)]
    assert not [c for c in report.check_records if c.status == "failed"]


def test_a_rank_first_table_is_labelled_by_its_second_column(parse_bytes):
    text = ("平成27年度\n表2 内容別の決定状況(上位5位)\n順位\t請求内容\t決定件数(件)\t所管局\n"
            "1\t工事設計書\t5,195\t建設局 ほか\n2\t食品営業許可台帳\t390\t福祉保健局\n")
    _, cells = _table(parse_bytes, text)
    assert [(c[2], c[3], c[5], c[7]) for c in cells] == [
        ("工事設計書", 1, "順位", 1), ("工事設計書", 2, "決定件数", 5195), ("工事設計書", 3, "所管局", None),
        ("食品営業許可台帳", 1, "順位", 2), ("食品営業許可台帳", 2, "決定件数", 390),
        ("食品営業許可台帳", 3, "所管局", None)]


def test_three_header_rows_and_fillers_at_the_end_of_a_row(parse_bytes):
    text = ("令和3年度\n表1 t\n機関\t合計\t内訳\t\t\n\t\t開示\t非開示\t\n\t\t\t\t\n"
            "市長\t10\t7\t3\n議会\t2\t1\t1\n")
    _, cells = _table(parse_bytes, text)
    assert [(c[2], c[3], c[4], c[5], c[7]) for c in cells][:3] == [
        ("市長", 1, "", "合計", 10), ("市長", 2, "内訳", "開示", 7), ("市長", 3, "内訳", "非開示", 3)]
    text = "令和3年度\n表1 t\n機関\t合計\t内訳\n開示\t非開示\n市長\t10\t7\t3\n"
    _, cells = _table(parse_bytes, text)
    assert [(c[4], c[5], c[7]) for c in cells] == [
        ("", "合計", 10), ("内訳", "開示", 7), ("内訳", "非開示", 3)]


def test_no_row_labels_no_header_negatives_brackets_and_unlabelled_total(parse_bytes):
    _, cells = _table(parse_bytes, "令和3年度\n表1 t\n142\t42\t53\n130\t40\t50\n")
    assert [(c[2], c[3], c[5], c[7]) for c in cells][:3] == [
        ("", 1, "", 142), ("", 2, "", 42), ("", 3, "", 53)]
    text = "令和3年度\n表2 t\n区分\t件数\t増減\nア\t916(21)\t△46\nイ\t4\t▲4\n\t920(21)\t△50\n"
    _, cells = _table(parse_bytes, text)
    assert [(c[2], c[5], c[7], c[8]) for c in cells] == [
        ("ア", "件数", 916, False), ("ア", "件数(括弧内)", 21, False), ("ア", "増減", -46, False),
        ("イ", "件数", 4, False), ("イ", "増減", -4, False),
        ("", "件数", 920, True), ("", "件数(括弧内)", 21, True), ("", "増減", -50, True)]


def test_years_as_columns_take_the_reports_era_and_rows_as_years(parse_bytes):
    report = parse_bytes("平成15年度の状況\n表1 t\n条項\t13年度\t14年度\n第1号\t2\t3\n".encode())
    assert [(c.column, c.fiscal_year, c.value_num) for c in report.table_records] == [
        ("13年度", 2001, 2), ("14年度", 2002, 3)]
    report = parse_bytes("表1 t\n年度\t件数\n令和元年度\t5\n令和2年度\t6\n".encode())
    assert [(c.row_label, c.fiscal_year) for c in report.table_records] == [
        ("令和元年度", 2019), ("令和2年度", 2020)]
    assert report.fiscal_year == 2020  # no year in the prose: the latest the table covers


def test_lost_cells_and_unreadable_numbers_are_failed_checks_not_guesses(parse_bytes):
    report = parse_bytes("令和3年度\n表1 t\n区分\tA\tB\tC\nア\t1\t2\t3\nイ\t4\t6\nウ\t1,2345\t1\t1\n".encode())
    assert [c.row_label for c in report.table_records if c.column == "A"] == ["ア", "ウ"]
    failed = {(c.check, c.location) for c in report.check_records if c.status == "failed"}
    assert failed == {("row_width", "表1 イ (line 5)"), ("value_readable", "表1 ウ / A")}


def test_a_unit_set_in_a_cell_beside_the_caption_or_title(parse_bytes):
    text = ("令和3年度\n\n表1 開示請求の状況\t\t(単位:件)\n区分\t件数\n区民\t5\n区外\t2\n\n"
            "個人情報の登録状況\t単位:人\n区分\t人数\nア\t3\nイ\t4\n")
    _, cells = _table(parse_bytes, text)
    assert [(c[0], c[1], c[2], c[5], c[6], c[7]) for c in cells] == [
        (1, "開示請求の状況", "区民", "件数", "件", 5), (1, "開示請求の状況", "区外", "件数", "件", 2),
        (2, "個人情報の登録状況", "ア", "人数", "人", 3), (2, "個人情報の登録状況", "イ", "人数", "人", 4)]


def test_western_years_heading_the_columns_are_a_header(parse_bytes):
    _, cells = _table(parse_bytes, "令和3年度\n表1 推移\n区分\t2021\t2022\n請求\t5\t7\n")
    assert [(c[2], c[5], c[7]) for c in cells] == [("請求", "2021", 5), ("請求", "2022", 7)]


def test_a_second_label_column_under_a_merged_first_one(parse_bytes):
    text = ("令和3年度\n表1 処理状況\n区分\t内訳\t件数 (件)\n開示請求\t全部開示\t191\n\t部分開示\t116\n"
            "訂正請求\t応じる\t2\n\t応じられない\t1\n合計\t\t310\n")
    report = parse_bytes(text.encode())
    assert [(c.row_group, c.row_label, c.column, c.value_num, c.is_total)
            for c in report.table_records] == [
        ("開示請求", "全部開示", "件数", 191, False), ("開示請求", "部分開示", "件数", 116, False),
        ("訂正請求", "応じる", "件数", 2, False), ("訂正請求", "応じられない", "件数", 1, False),
        ("", "合計", "件数", 310, True)]
    assert [c.status for c in report.check_records if c.check == "total"] == ["ok"]


def test_a_header_row_of_units_gives_each_column_its_unit(parse_bytes):
    text = "令和3年度\n表1 請求状況\n区分\t請求件数\t請求者数\n\t(件)\t(人)\n区民\t250\t74\n区民以外\t85\t34\n"
    _, cells = _table(parse_bytes, text)
    assert [(c[2], c[4], c[5], c[6], c[7]) for c in cells] == [
        ("区民", "", "請求件数", "件", 250), ("区民", "", "請求者数", "人", 74),
        ("区民以外", "", "請求件数", "件", 85), ("区民以外", "", "請求者数", "人", 34)]


def test_a_unit_in_the_last_cell_of_the_header(parse_bytes):
    text = "令和3年度\n表1 請求状況\n区分\t請求件数\t取下げ\t(単位:件)\n区民\t250\t4\n区民以外\t85\t1\n"
    _, cells = _table(parse_bytes, text)
    assert [(c[2], c[3], c[5], c[6], c[7]) for c in cells] == [
        ("区民", 1, "請求件数", "件", 250), ("区民", 2, "取下げ", "件", 4),
        ("区民以外", 1, "請求件数", "件", 85), ("区民以外", 2, "取下げ", "件", 1)]


def _read_grids(text: str):
    found = outline(read_text(text.encode(), "t.txt"))
    return [table_cells(grid, None) for grid in found.grids]


def test_a_lower_header_row_sits_under_the_span_whose_fillers_were_dropped():
    # the upper row's trailing fillers are lost in the copy; one row carries an extra group label
    text = ("実施機関\t請求件数\t処理状況\t\t\t\n開示\t一部開示\t不開示\tその他\n"
            "知事\t総務部\t25\t4\t10\t8\t3\n企画部\t2\t0\t1\t1\t0\n小計\t27\t4\t11\t9\t3\n議会\t5\t3\t2\t0\t0\n")
    read, = _read_grids(text)
    assert read.checks == []
    got = {(c.row_group, c.row_label, c.column_group, c.column): c.value for c in read.cells}
    assert got[("知事", "総務部", "", "請求件数")] == "25"
    assert got[("知事", "企画部", "処理状況", "その他")] == "0"
    assert got[("", "小計", "処理状況", "開示")] == "4"
    assert got[("", "議会", "処理状況", "一部開示")] == "2"


def test_an_indented_label_under_a_merged_cell_is_the_rows_label():
    text = ("実施機関\t請求件数\t開示\t不開示\n知事\t12\t7\t5\n\t総務部\t10\t6\t4\n企画部\t2\t1\t1\n")
    read, = _read_grids(text)
    assert read.checks == []
    assert [(c.row_label, c.column, c.value) for c in read.cells if c.column == "請求件数"] == [
        ("知事", "請求件数", "12"), ("総務部", "請求件数", "10"), ("企画部", "請求件数", "2")]


def test_a_lower_header_row_printed_from_the_left_goes_under_the_span_whose_fillers_were_kept():
    text = ("年度\t請求件数\t処理内容\t\t\t開示率\n開示\t一部開示\t不開示\n"
            "令和5年度\t64\t39\t34\t0\t100%\n令和4年度(参考)\t82\t39\t33\t10\t100%\n")
    read, = _read_grids(text)
    assert read.checks == []
    got = {(c.fiscal_year, c.column_group, c.column): c.value for c in read.cells}
    assert got[(2023, "処理内容", "開示")] == "39"
    assert got[(2023, "処理内容", "不開示")] == "0"
    assert got[(2023, "", "開示率")] == "100%"
    assert got[(2022, "処理内容", "一部開示")] == "33"  # 令和4年度(参考) is 令和4年度


def test_leaves_go_under_the_group_heading_when_the_copy_lost_every_filler():
    # 処理中 and 取下げ head one column each; 決定内容 heads the four leaves
    text = ("実施機関\t請求\t決定内容\t取下げ\t処理中\t\t\t\n開示\t一部開示\t不開示\t不存在\t\t\t\t\n"
            "市長\t120\t40\t76\t0\t32\t1\t8\n議会\t3\t1\t1\t0\t1\t0\t0\n")
    read, = _read_grids(text)
    got = {(c.row_label, c.column_group, c.column): c.value for c in read.cells}
    assert got[("市長", "決定内容", "開示")] == "40" and got[("市長", "決定内容", "不存在")] == "32"
    assert got[("市長", "", "取下げ")] == "1" and got[("市長", "", "処理中")] == "8"


def test_two_spans_whose_fillers_were_kept_share_the_lower_row_in_order():
    text = ("年度\t請求件数\t\t内訳\t\t\t開示率(%)\n請求数\t対象行政文書\tA全部開示\tB一部開示\tC不開示\n"
            "平成元年度\t12\t12\t7\t0\t2\t77.8\n平成2年度\t17\t17\t6\t4\t5\t66.7\n")
    read, = _read_grids(text)
    got = {(c.fiscal_year, c.column_group, c.column): c.value for c in read.cells}
    assert got[(1989, "請求件数", "対象行政文書")] == "12"
    assert got[(1990, "内訳", "B一部開示")] == "4"
    assert got[(1990, "", "開示率")] == "66.7"


def test_a_header_row_after_a_blank_line_starts_a_table_of_its_own():
    text = ("請求の種類\t保有個人情報\t特定個人情報\n開示\t55\t0\n訂正\t1\t0\n\n"
            "請求の種類\t承諾\t一部承諾\t不承諾\n開示\t36\t16\t13\n訂正\t1\t0\t0\n")
    first, second = _read_grids(text)
    assert (first.checks, second.checks) == ([], [])
    assert [c.value for c in second.cells if c.row_label == "開示"] == ["36", "16", "13"]


def test_a_title_line_after_a_total_heads_the_next_table():
    text = "実施機関の区分\t件数\n市長\t40件\n計\t40件\n開示請求に対する決定の状況\n開示\t39件\n部分開示\t1件\n"
    found = outline(read_text(text.encode(), "t.txt"))
    assert [grid.title for grid in found.grids][1] == "開示請求に対する決定の状況"
    assert [row.cells[0] for row in found.grids[1].rows] == ["開示", "部分開示"]


def test_in_a_table_of_years_a_row_over_several_years_has_no_single_year():
    report_year = find_fiscal_year("平成16年度")
    found = outline(read_text(
        "年度\t請求件数\n58~13\t57,787件\n14\t6,257\n(参考) 16年度\t6,953\n計\t76,346\n".encode(), "t.txt"))
    read = table_cells(found.grids[0], report_year)
    assert [(c.row_label, c.fiscal_year) for c in read.cells] == [
        ("58~13", None), ("14", 2002), ("(参考) 16年度", 2004), ("計", None)]


def test_a_table_headed_期間_whose_rows_are_no_years_keeps_the_report_year():
    found = outline(read_text("期間\t件数\n1週間まで\t20\n2週間まで\t188\n".encode(), "t.txt"))
    read = table_cells(found.grids[0], find_fiscal_year("令和3年度"))
    assert {c.fiscal_year for c in read.cells} == {2021}


def test_values_under_no_readable_column_name_are_a_failed_check():
    text = "(単位:件)\n年度 総計\n開示 一部\n訂正\n平成29年度\t2,703\t2,701\t884\t1,538\n平成28年度\t2,464\t2,463\t916\t1,348\n"
    read, = _read_grids(text)
    assert [check.check for check in read.checks] == ["columns_named"]
    assert [cell.value for cell in read.cells][:2] == ["2,703", "2,701"]  # written, by position


def test_three_header_rows_printed_from_the_left_go_under_their_spans():
    text = ("実施機関\t事務登録総数\t事務区分及び件数\t\t\t\n全庁共通事務\t出先機関共通事務\t所属固有事務\t\n"
            "本庁\t出先機関\n総務部\t103\t15\t14\t51\t23\n企画部\t42\t1\t0\t31\t10\n")
    read, = _read_grids(text)
    assert read.checks == []
    assert [(c.column_group, c.column, c.value) for c in read.cells if c.row_label == "総務部"] == [
        ("", "事務登録総数", "103"), ("事務区分及び件数", "全庁共通事務", "15"),
        ("事務区分及び件数", "出先機関共通事務", "14"),
        ("事務区分及び件数 / 所属固有事務", "本庁", "51"),
        ("事務区分及び件数 / 所属固有事務", "出先機関", "23")]


def test_a_span_named_as_a_category_holds_the_rows_below_not_the_last_upper_cell():
    text = ("公開申出件数\t処理区分\t取下げ\t\t\t\t\n公開\t部分公開\t申出拒否\t\t\t\t\n"
            "不回答\t不存在\tその他\t\t\t\t\n32件\t6件\t19件\t0件\t7件\t0件\t0件\n")
    read, = _read_grids(text)
    assert [(c.column_group, c.column, c.value) for c in read.cells] == [
        ("", "公開申出件数", "32件"), ("処理区分", "公開", "6件"), ("処理区分", "部分公開", "19件"),
        ("処理区分 / 申出拒否", "不回答", "0件"), ("処理区分 / 申出拒否", "不存在", "7件"),
        ("処理区分 / 申出拒否", "その他", "0件"), ("", "取下げ", "0件")]


def test_a_last_row_of_sums_whose_empty_label_was_dropped_is_the_total():
    text = "年度\t請求者数\t請求件数\n13\t906\t4,808\n14\t1,316\t6,257\n15\t1,561\t5,349\n3,783\t16,414\n"
    read, = _read_grids(text)
    assert read.checks == []
    assert [(c.row_label, c.value, c.is_total) for c in read.cells][-2:] == [
        ("", "3,783", True), ("", "16,414", True)]


def test_a_counter_printed_in_a_columns_first_row_only_is_the_columns_unit():
    text = "年度\t請求者数\t請求件数\n13\t906人\t4,808件\n14\t1,316\t6,257\n15\t1,561\t5,349\n"
    read, = _read_grids(text)
    assert {(c.column, c.unit) for c in read.cells} == {("請求者数", "人"), ("請求件数", "件")}
    mixed, = _read_grids("区分\t数\nア\t906人\nイ\t4件\nウ\t5\n")
    assert [c.unit for c in mixed.cells] == ["人", "件", ""]  # two counters: the column has none


def test_a_lone_line_inside_a_numbered_run_is_the_wrapped_end_of_the_row_above():
    text = ("\t請求内容\t件数(件)\t所管局\n1\t生活安全相談関係\t547\t警視庁\n"
            "2\t診療情報関係\t490\t病院経営本部\n福祉保健局\n3\t110番処理関係\t264\t警視庁\n")
    read, = _read_grids(text)
    assert read.checks == []
    assert [(c.row_group, c.row_label, c.value) for c in read.cells if c.column == "所管局"] == [
        ("", "1", "警視庁"), ("", "2", "病院経営本部 福祉保健局"), ("", "3", "警視庁")]
    grouped, = _read_grids("\t件数\n開示請求\n1\t5\n2\t3\n訂正請求\n1\t0\n")
    assert [c.row_group for c in grouped.cells] == ["開示請求", "開示請求", "訂正請求"]


def test_rows_grouped_under_a_year_carry_it_and_each_years_total_checks_its_own_rows(parse_bytes):
    text = ("平成14年度の状況\n(表1) 最近2年間の処理件数\n\t受付件数\t全部公開\t公開率\n"
            "平成13年度\t請求\t68\t26\t92.5%\n申出\t182\t28\t99.4%\n合計\t250\t54\t97.5%\n"
            "平成14年度\t請求\t175\t72\t87.4%\n申出\t329\t136\t99.1%\n合計\t504\t208\t95.0%\n")
    report = parse_bytes(text.encode())
    years = [(c.fiscal_year, c.row_label, c.value) for c in report.table_records if c.column == "受付件数"]
    assert years == [(2001, "請求", "68"), (2001, "申出", "182"), (2001, "合計", "250"),
                     (2002, "請求", "175"), (2002, "申出", "329"), (2002, "合計", "504")]
    totals = [(c.status, c.expected) for c in report.check_records if c.check == "total"]
    assert totals == [("ok", "250"), ("ok", "54"), ("ok", "504"), ("ok", "208")]  # no 率 summed


def test_a_first_column_of_counts_of_legal_persons_is_no_row_label():
    read, = _read_grids("法人数\t対象者数\t発生日\n58法人\t387名\t令和6年4月5日\n")
    assert [(c.row_label, c.column, c.unit, c.value_num) for c in read.cells][:2] == [
        ("", "法人数", "法人", 58), ("", "対象者数", "名", 387)]


def test_an_unheaded_last_column_of_row_sums_is_written_without_a_name():
    text = ("\t開示\t部分開示\t不開示\n請求\t2,281\t16,653\t255\t19,189\n申出\t0\t0\t0\t0\n"
            "合計\t2,281\t16,653\t255\t19,189\n")
    read, = _read_grids(text)
    assert read.checks == []
    assert [(c.column_no, c.column, c.value) for c in read.cells if c.row_label == "請求"] == [
        (1, "開示", "2,281"), (2, "部分開示", "16,653"), (3, "不開示", "255"), (4, "", "19,189")]
    wrong, = _read_grids(text.replace("19,189\n申出", "19,000\n申出"))  # not the sums: still lost
    assert {c.check for c in wrong.checks} == {"row_width"}


def test_a_row_short_only_of_its_trailing_text_cells_is_read():
    text = ("実施機関\t申出件数\t主な申出内容\n町長\t8件\n総務課\t1件\t・計画書\n"
            "住民活動推進課\t7件\t・見積依頼書\n")
    read, = _read_grids(text)
    assert read.checks == []
    assert [(c.row_label, c.column, c.value) for c in read.cells][:2] == [
        ("町長", "申出件数", "8件"), ("総務課", "申出件数", "1件")]
    shifted, = _read_grids("区分\t件数\t内容\t人数\nア\t3\t・文書\t2\nイ\t5\t1\n")
    assert [c.check for c in shifted.checks] == ["row_width"]  # a middle cell lost: not placed


def test_row_labels_printed_once_over_two_merged_cells_head_the_rows_below():
    text = ("処分区分\t2018年度\t2017年度\n処理済\t開示決定等の措置済\t全部開示\t0\t2\n"
            "部分開示\t10\t12\n合計\t10\t14\n")
    read, = _read_grids(text)
    assert [check.status for check in read.checks] == []
    assert [(c.row_group, c.row_label, c.value) for c in read.cells][:3] == [
        ("処理済 / 開示決定等の措置済", "全部開示", "0"), ("処理済 / 開示決定等の措置済", "全部開示", "2"),
        ("処理済 / 開示決定等の措置済", "部分開示", "10")]


def test_a_short_last_row_that_is_not_the_sums_stays_a_failed_check():
    read, = _read_grids("年度\t請求者数\t請求件数\n13\t906\t4,808\n14\t1,316\t6,257\n15\t1,561\t5,349\n3,000\t16,414\n")
    assert [check.check for check in read.checks] == ["row_width"]


def test_a_subtotal_printed_before_its_parts_is_a_total_and_the_grand_total_checks_the_parts():
    from reportparse.validate import check_totals

    text = ("実施機関\t登録数\n知事(計)\t145\n総務部\t103\n企画部\t42\n議会\t7\n合計\t152\n")
    read, = _read_grids(text)
    assert [(c.row_label, c.is_total) for c in read.cells] == [
        ("知事(計)", True), ("総務部", False), ("企画部", False), ("議会", False), ("合計", True)]
    assert [(c.location, c.status) for c in check_totals(read.cells)] == [("表1 合計 / 登録数", "ok")]


def test_spans_with_a_total_of_their_own_first_are_laid_out_the_one_way_the_sums_allow():
    # 開示計 heads its total and four leaves; the copy kept one filler per span, not four
    text = ("年度\t総計\t開示計\t\t訂正計\t\t停止計\t\n"
            "開示\t一部開示\t非開示\t不存在\t訂正\t一部訂正\t非訂正\t停止\t一部停止\t非停止\n"
            "令和4年度\t120\t112\t30\t70\t2\t10\t5\t4\t0\t1\t3\t0\t0\t3\n"
            "令和3年度\t99\t90\t20\t60\t4\t6\t6\t1\t0\t5\t3\t0\t0\t3\n")
    read, = _read_grids(text)
    assert read.checks == []
    row = [(c.column_group, c.column, c.value) for c in read.cells if c.row_label == "令和4年度"]
    assert row == [
        ("", "総計", "120"), ("", "開示計", "112"), ("開示計", "開示", "30"),
        ("開示計", "一部開示", "70"), ("開示計", "非開示", "2"), ("開示計", "不存在", "10"),
        ("", "訂正計", "5"), ("訂正計", "訂正", "4"), ("訂正計", "一部訂正", "0"),
        ("訂正計", "非訂正", "1"), ("", "停止計", "3"), ("停止計", "停止", "0"),
        ("停止計", "一部停止", "0"), ("停止計", "非停止", "3")]


def test_a_span_whose_total_comes_last_and_a_share_in_brackets_after_each_count():
    text = ("情報区分\t公開状況\t\t\t\n公開\t部分公開\t非公開\n"
            "町政情報\t21件\t19件\t3件\t43件\n自己情報\t2件\t6件\t2件\t10件\n")
    read, = _read_grids(text)
    assert read.checks == []
    assert [(c.column_group, c.column, c.value_num) for c in read.cells if c.row_label == "自己情報"] == [
        ("公開状況", "公開", 2), ("公開状況", "部分公開", 6), ("公開状況", "非公開", 2), ("", "公開状況", 10)]


def test_spans_whose_own_columns_the_sums_do_not_confirm_stay_a_failed_check():
    text = ("\t行政機関\t法人等\n開示\t不開示\t開示\t不開示\n"
            "平成17年度\t100\t90(90.0)\t9(9.0)\t30\t20\t10\n")
    read, = _read_grids(text)
    assert read.cells == [] and [check.check for check in read.checks] == ["row_width"]
    fixed = text.replace("90(90.0)\t9(9.0)", "90(90.0)\t10(10.0)")
    read, = _read_grids(fixed)
    assert [(c.column_group, c.column, c.value) for c in read.cells if c.column_no < 4] == [
        ("", "行政機関", "100"), ("行政機関", "開示", "90(90.0)"), ("行政機関", "開示(括弧内)", "90.0"),
        ("行政機関", "不開示", "10(10.0)"), ("行政機関", "不開示(括弧内)", "10.0")]


@pytest.mark.parametrize("corner", ["", "\t"])
def test_a_body_row_of_names_splits_each_year_column_and_rows_of_values_alone_carry_the_label_above(corner):
    text = ("年度\t平成29年度\t平成30年度\n請求等件数\t69\t71\n"
            f"{corner}請求\t申出\t請求\t申出\n{corner}37\t32\t42\t29\n"
            "決定の状況\t公開\t30\t27\t40\t24\n部分公開\t7\t5\t2\t5\n")
    read, = _read_grids(text)
    assert read.checks == []
    got = [(c.fiscal_year, c.row_group, c.row_label, c.column_no, c.column_group, c.column, c.value)
           for c in read.cells]
    assert got[:6] == [
        (2017, "", "請求等件数", 1, "", "平成29年度", "69"),
        (2018, "", "請求等件数", 3, "", "平成30年度", "71"),
        (2017, "", "請求等件数", 1, "平成29年度", "請求", "37"),
        (2017, "", "請求等件数", 2, "平成29年度", "申出", "32"),
        (2018, "", "請求等件数", 3, "平成30年度", "請求", "42"),
        (2018, "", "請求等件数", 4, "平成30年度", "申出", "29")]
    assert got[-1] == (2018, "決定の状況", "部分公開", 4, "平成30年度", "申出", "5")


def test_a_two_column_table_of_texts_is_not_split():
    read, = _read_grids("担当課\t請求内容\n市民課\t住民票の写し\n課税課\t課税台帳\n")
    assert [(c.row_label, c.value) for c in read.cells] == [
        ("市民課", "住民票の写し"), ("課税課", "課税台帳")]


def test_bulleted_lines_under_a_row_are_its_text_cell_never_a_heading_of_the_rows_below():
    text = ("実施機関\t申出件数\t主な申出内容\n町長\t8件\t\n住民活動推進課\t7件\n"
            "- 補償制度取扱要綱\n- 保険金支払案内\n住民課\t1件\n- 住居表示台帳\n合計\t16件\n")
    read, = _read_grids(text)
    assert read.checks == []
    assert [(c.row_group, c.row_label, c.column, c.value) for c in read.cells] == [
        ("", "町長", "申出件数", "8件"),
        ("", "住民活動推進課", "申出件数", "7件"),
        ("", "住民活動推進課", "主な申出内容", "補償制度取扱要綱 / 保険金支払案内"),
        ("", "住民課", "申出件数", "1件"), ("", "住民課", "主な申出内容", "住居表示台帳"),
        ("", "合計", "申出件数", "16件")]


def test_a_bracketed_prefix_two_rows_share_is_their_group_and_a_label_ending_in_合計_a_total():
    text = ("実施機関\t合計件数\t全部開示\n市長 合計\t58\t22\n(市長) 市長公室\t11\t1\n"
            "(市長) 総務部\t47\t21\n(参考) 議会\t5\t3\n")
    read, = _read_grids(text)
    assert [(c.row_group, c.row_label, c.is_total) for c in read.cells if c.column == "合計件数"] == [
        ("", "市長合計", True), ("市長", "市長公室", False), ("市長", "総務部", False),
        ("", "(参考) 議会", False)]  # one row's bracket is a qualifier, no group


def test_rows_heading_groups_with_their_sums_are_subtotals_when_the_grand_total_sums_the_heads():
    from reportparse.validate import check_totals

    text = ("実施機関\t申出件数\n町長\t8件\n総務課\t5件\n住民課\t3件\n教育委員会\t4件\n学校教育課\t4件\n"
            "合計\t12件\n")
    read, = _read_grids(text)
    assert [(c.row_group, c.row_label, c.is_total) for c in read.cells] == [
        ("", "町長", True), ("町長", "総務課", False), ("町長", "住民課", False),
        ("", "教育委員会", True), ("教育委員会", "学校教育課", False), ("", "合計", True)]
    assert {(c.location, c.status) for c in check_totals(read.cells)} == {
        ("表1 町長 / 申出件数", "ok"), ("表1 教育委員会 / 申出件数", "ok"), ("表1 合計 / 申出件数", "ok")}


def test_rows_that_sum_to_no_head_stay_as_printed_and_the_total_fails():
    from reportparse.validate import check_totals

    read, = _read_grids("実施機関\t件数\n市長\t8件\n総務課\t5件\n住民課\t2件\n合計\t8件\n")
    assert not any(c.is_total for c in read.cells[:-1])
    assert [c.status for c in check_totals(read.cells)] == ["failed"]


@pytest.mark.parametrize("corner", ["年度", "期  間"])
def test_rows_that_are_western_years_or_periods_under_a_justified_year_heading_carry_their_year(corner):
    rows = ("2009\t457\t9\n2010\t531\t7\n" if corner == "年度" else
            "令和4年4月1日~令和5年3月31日\t68\t0\n令和5年4月1日~令和6年3月31日\t72\t1\n")
    read, = _read_grids(f"{corner}\t請求\t苦情申出\n{rows}")
    assert [c.fiscal_year for c in read.cells] == (
        [2009, 2009, 2010, 2010] if corner == "年度" else [2022, 2022, 2023, 2023])


def test_era_less_years_before_the_reports_era_began(parse_bytes):
    report = parse_bytes("令和元年度の運用状況\n表2 推移\n年度\t請求件数\n29\t60\n30\t70\n元\t80\n".encode())
    assert [(c.row_label, c.fiscal_year) for c in report.table_records] == [
        ("29", 2017), ("30", 2018), ("元", 2019)]  # 平成29, 平成30: not the report's 2019


def test_years_written_with_an_era_letter_or_without_nendo_carry_their_year():
    read, = _read_grids("年度\t請求件数\nH30\t120\nR元\t130\n令和2\t140\n")
    assert [c.fiscal_year for c in read.cells] == [2018, 2019, 2020]
    read, = _read_grids("区分\tH30\tR1\tR2\n請求\t120\t130\t140\n")
    assert [c.fiscal_year for c in read.cells] == [2018, 2019, 2020]


def test_columns_under_a_year_span_carry_its_year():
    read, = _read_grids("区分\t令和3年度\t\t令和4年度\t\n\t件数\t構成比\t件数\t構成比\n全部開示\t70\t66.7%\t80\t66.7%\n")
    assert [(c.column_group, c.column, c.fiscal_year) for c in read.cells] == [
        ("令和3年度", "件数", 2021), ("令和3年度", "構成比", 2021), ("令和4年度", "件数", 2022),
        ("令和4年度", "構成比", 2022)]


def test_this_and_last_years_columns_carry_their_years(parse_bytes):
    report = parse_bytes("令和4年度の状況\n表1 請求件数\n区分\t本年度\t前年度\t増減\n公文書\t120\t105\t15\n".encode())
    assert [(c.column, c.fiscal_year) for c in report.table_records] == [
        ("本年度", 2022), ("前年度", 2021), ("増減", 2022)]


def test_a_label_run_into_its_first_value_is_a_failed_check_and_a_year_label_is_split_off():
    read, = _read_grids("実施機関\t開示\t不開示\n市長部局\t30\t2\n健康福祉部1026\t2\n議会\t4\t1\n")
    assert [c.row_label for c in read.cells] == ["市長部局", "市長部局", "議会", "議会"]
    assert [check.check for check in read.checks] == ["cells_separated"]
    read, = _read_grids("年度\t公文書\t個人情報\t計\n令和5年度812\t540\t1,352\n令和6年度782\t557\t1,339\n")
    assert [(c.fiscal_year, c.column, c.value) for c in read.cells][:3] == [
        (2023, "公文書", "812"), (2023, "個人情報", "540"), (2023, "計", "1,352")]


def test_a_search_for_spans_that_runs_out_of_its_budget_guesses_nothing(monkeypatch):
    from reportparse.extract import headers

    text = ("年度\t総計\t開示計\t\t訂正計\t\n開示\t一部開示\t非開示\t訂正\t非訂正\n"
            "令和4年度\t20\t12\t5\t6\t1\t8\t3\t5\n")
    read, = _read_grids(text)
    assert [c.column for c in read.cells][:3] == ["総計", "開示計", "開示"]  # found within budget
    monkeypatch.setattr(headers, "_SEARCH_BUDGET", 3)
    read, = _read_grids(text)
    assert read.cells == [] and [check.check for check in read.checks] == ["row_width"]
