"""The validator on the seed, and on copies of it with a planted inconsistency."""

from dataclasses import replace

from reportparse.validate import GRAND_TOTALS, _counts_the_same, _number_text, check_prose


def _checks(report, name):
    return [c for c in report.check_records if c.check == name]


def test_seed_totals_all_pass(seed_report):
    totals = _checks(seed_report, "total")
    assert [(c.location, c.status, c.expected, c.actual) for c in totals] == [
        ("表1 合計 / 請求者数", "ok", "108", "108"),
        ("表1 合計 / 件数", "ok", "335", "335"),
        ("表2 合計 / 件数", "ok", "335", "335"),
        ("表3 合計 / 件数", "ok", "335", "335"),
    ]


def test_seed_prose_matches_tables(seed_report):
    prose = _checks(seed_report, "prose_matches_table")
    assert {(c.table_no, c.expected, c.status) for c in prose} == {
        (1, "335", "ok"), (2, "335", "ok"), (3, "335", "ok"), (1, "108", "ok")}


def test_seed_only_failure_is_the_lost_heading(seed_report):
    failed = [c for c in seed_report.check_records if c.status == "failed"]
    assert [(c.check, c.table_no, c.location, c.expected, c.actual) for c in failed] == [
        ("declared_count", 6, "表6 誤廃棄 (No 8-16)", "1", "9")]
    # the printed label is kept, not "corrected"
    assert {i.category for i in seed_report.incident_records[7:16]} == {"誤廃棄"}
    assert {i.category_declared for i in seed_report.incident_records[7:16]} == {1}


def test_seed_numbering_and_dates(seed_report):
    numbering = _checks(seed_report, "incident_numbering")
    assert [(c.status, c.actual) for c in numbering] == [("ok", "1..28")]
    dates = _checks(seed_report, "date_in_fiscal_year")
    assert len(dates) == 28 and {c.status for c in dates} == {"ok"}


def test_wrong_total_is_reported_and_kept(seed_text, parse_bytes):
    report = parse_bytes(seed_text.replace("合 計\t108\t335", "合 計\t108\t336").encode())
    failed = [c for c in report.check_records if c.status == "failed"]
    assert ("total", "表1 合計 / 件数", "336", "335") in [
        (c.check, c.location, c.expected, c.actual) for c in failed]
    assert ("prose_matches_table", "335", "336") in [
        (c.check, c.expected, c.actual) for c in failed]
    total = [c for c in report.table_records if c.table_no == 1 and c.is_total]
    assert [c.value_num for c in total] == [108, 336]


def test_date_outside_the_fiscal_year_and_impossible_date(seed_text, parse_bytes):
    text = seed_text.replace("【3年5月】 ボランティア", "【3年3月】 ボランティア")
    text = text.replace("令和3年11月17日", "令和3年2月30日")
    report = parse_bytes(text.encode())
    failed = {(c.check, c.location): c for c in report.check_records if c.status == "failed"}
    outside = failed[("date_in_fiscal_year", "表6 No 2")]
    assert outside.actual == "2021-03" and outside.expected == "2021-04..2022-03"
    impossible = failed[("date_readable", "表4 予防接種に関する事務 / 点検実施日")]
    assert impossible.actual == "令和3年2月30日"
    assert "令和3年2月30日" in impossible.message
    cell = [c for c in report.table_records if c.column == "点検実施日"][0]
    assert (cell.value, cell.value_date) == ("令和3年2月30日", None)


def test_numbering_gap_is_reported(seed_text, parse_bytes):
    report = parse_bytes(seed_text.replace("\n7\t\t【4年3月】", "\n70\t\t【4年3月】").encode())
    numbering = _checks(report, "incident_numbering")[0]
    assert numbering.status == "failed"
    assert numbering.actual.startswith("1,2,3,4,5,6,70,8")


def test_prose_checks_are_every_pair_of_figure_and_total_that_counts_the_same(seed_report):
    """check_prose is indexed; its checks are still those of comparing every figure with
    every cell, in the same order, on a report of many tables spread over sections."""
    cells = [replace(cell, table_no=cell.table_no + 10 * copy,
                     unit=cell.unit if copy % 3 else "人")
             for copy in range(12) for cell in seed_report.table_records]
    sections = {cell.table_no: (None if cell.table_no % 7 == 0 else cell.table_no % 4)
                for cell in cells}
    figures = [replace(metric, section_no=section)
               for section in (0, 1, 2, 3) for metric in seed_report.metric_records]
    pairs = [(metric, cell) for metric in figures for cell in cells
             if cell.is_total and cell.row_label in GRAND_TOTALS | {"計"}
             and sections.get(cell.table_no) == metric.section_no
             and _counts_the_same(metric, cell)]
    checks = check_prose(figures, cells, sections)
    assert len(checks) == len(pairs) > 40
    assert [(c.table_no, c.expected, c.actual) for c in checks] == [
        (cell.table_no, _number_text(metric.value), _number_text(cell.value_num))
        for metric, cell in pairs]


def test_a_prose_figure_is_checked_against_the_one_cell_bearing_its_name(parse_bytes):
    text = ("令和5年度\n\n1 状況\n\n全部開示が120件、部分開示が61件でした。\n\n表1 推移\n"
            "年度\t全部開示\t部分開示\n令和4年度\t100\t50\n令和5年度\t120\t60\n")
    report = parse_bytes(text.encode())
    checks = [(c.status, c.expected, c.actual) for c in report.check_records
              if c.check == "prose_matches_table"]
    assert checks == [("ok", "120", "120"), ("failed", "61", "60")]


def test_a_caption_with_no_table_read_under_it_is_a_failed_check(parse_bytes):
    text = ("令和5年度の運用状況\n\n請求者の内訳は表2のとおりです。\n\n表2 請求者の内訳(件数)\n\n"
            "左右にフリックすると表がスライドします。\n\n表3 決定の状況\n区分\t件数\n公開\t5\n")
    report = parse_bytes(text.encode())
    failed = [(c.check, c.actual) for c in report.check_records if c.status == "failed"]
    assert failed == [("table_read", "表2 請求者の内訳(件数)")]
    assert [(c.table_no, c.value) for c in report.table_records] == [(3, "5")]


def test_a_page_whose_only_figures_have_no_name_is_written_with_its_failed_checks(parse_bytes):
    report = parse_bytes("平成29年度の状況\n\n平成29年度は、6人のかたから申出がありました。\n".encode())
    assert report.metric_records == []
    assert [(c.check, c.actual) for c in report.check_records if c.status == "failed"] == [
        ("metric_named", "6人")]


def test_a_figure_of_one_year_is_not_checked_against_a_total_over_several(parse_bytes):
    text = ("平成16年度\n\n1 請求状況\n\nなお、請求件数の過去最多は、平成7年度の10,492件です。\n"
            "年度\t請求者数\t請求件数\n14\t1,316人\t6,257件\n15\t1,561\t5,349\n16\t1,356\t6,953\n"
            "計\t4,233\t18,559\n")
    report = parse_bytes(text.encode())
    assert [m.fiscal_year for m in report.metric_records] == [1995]
    assert not [c for c in report.check_records if c.check == "prose_matches_table"]
    assert [c.status for c in report.check_records if c.check == "total"] == ["ok", "ok"]


def test_rows_whose_cells_ran_together_are_a_failed_check_and_the_report_is_still_written(parse_bytes):
    text = "令和5年度の運用状況\n\n表3 実施機関別決定の内訳\n実施機関公開部分公開非公開\n市長1200\n土木部133190030155\n"
    report = parse_bytes(text.encode())
    failed = [c for c in report.check_records if c.status == "failed"]
    assert [(c.check, c.actual) for c in failed] == [
        ("cells_separated", "市長1200"), ("cells_separated", "土木部133190030155"),
        ("table_read", "表3 実施機関別決定の内訳")]
    assert report.table_records == [] and report.fiscal_year == 2023


def test_label_and_count_rows_and_rows_of_digits_alone_are_rows_run_together(parse_bytes):
    text = ("令和3年度の状況\n\n開示請求は107件でした。\n\n年度請求件数全部開示部分開示\n"
            "304483183823184\n\n請求内容件数\n訴訟関係1\n秘書関係6\n人事関係4\n\n"
            "実施機関件数項目別件数\n市長51新規31\n変更8\n\n資料1\n\n1月2032\n2月20218\n")
    report = parse_bytes(text.encode())
    assert [c.actual for c in report.check_records if c.check == "cells_separated"] == [
        "304483183823184", "訴訟関係1", "秘書関係6", "人事関係4", "市長51新規31", "変更8", "1月2032",
        "2月20218"]  # 資料1 alone is a heading; 秘書関係6 / 人事関係4 are not one sentence


def test_a_total_does_not_sum_the_parts_and_restated_rows(parse_bytes):
    text = ("令和4年度の状況\n\n表1 実施機関別請求件数\n実施機関\t請求件数\n知事\t100\nうち本庁\t60\n"
            "教育委員会\t20\n(再掲)電子申請\t30\n合計\t120\n")
    report = parse_bytes(text.encode())
    assert [(c.status, c.actual) for c in report.check_records if c.check == "total"] == [("ok", "120")]


def test_a_row_of_counted_cells_run_together_is_no_key_figure(parse_bytes):
    text = ("令和5年度の状況\n\n報告分は11件でした。\n\n分類2の内訳\n誤送付3件2件5件\n誤交付2件\n\n2件\nその他\n\n"
            "5件2件7件\n")
    report = parse_bytes(text.encode())
    assert [(m.metric, m.value) for m in report.metric_records] == [("報告分", 11)]
    assert [c.actual for c in report.check_records if c.status == "failed"] == [
        "誤送付3件2件5件", "誤交付2件", "2件", "5件2件7件"]  # lone counts among them are cells too


def test_a_phone_number_or_a_year_is_not_a_row_run_together(parse_bytes):
    text = ("令和5年度の運用状況\n\n開示請求は5件でした。\n電話:0184-24-3321\n情報公開総合窓口Tel.内線2214\n"
            "令和5年度2024\n")
    report = parse_bytes(text.encode())
    assert [c.actual for c in report.check_records if c.check == "cells_separated"] == ["令和5年度2024"]
