from reportparse.extract.structure import outline
from reportparse.read.text import read_text


def _outline(text: str):
    return outline(read_text(text.encode(), "t.txt"))


def test_seed_sections_and_tables(seed_text):
    found = _outline(seed_text)
    assert [(s.no, s.title) for s in found.sections] == [
        (None, "個人情報保護制度の運用状況"),  # the ○ bullet heading over the whole report
        (1, "自己情報の開示等請求の処理状況"),
        (2, "業務の登録の状況"),
        (3, "個人情報ファイルの登録の状況"),
        (4, "業務の委託の状況"),
        (5, "目的外利用および外部提供の状況"),
        (6, "区の電子計算組織と区以外の電子計算組織との結合状況"),
        (7, "特定個人情報保護評価における第三者点検の実施状況"),
        (8, "個人情報に係る事務処理ミス"),
    ]
    assert [(g.no, g.title, g.section.no, len(g.rows)) for g in found.grids] == [
        (1, "自己情報の開示等請求状況", 1, 3),
        (2, "開示等請求処理状況", 1, 14),
        (3, "諾否の決定に要した期間", 1, 7),
        (4, "全項目再評価(1事務)", 7, 1),
        (5, "重点項目再評価(1事務)", 7, 1),
        (6, "個人情報に係る事務処理ミス", 8, 28),
    ]


def test_incident_header_gets_its_blank_corner(seed_text):
    grid = _outline(seed_text).grids[-1]
    assert grid.header == ("", "種別", "内容", "原因", "所管")


def test_blank_line_inside_a_table_does_not_end_it():
    found = _outline("表1 t\n区分\t件数\na\t1\n\nb\t2\n合計\t3\n\n次の段落。\n")
    assert [row.cells[0] for row in found.grids[0].rows] == ["a", "b", "合計"]
    assert [p.line.text for p in found.paragraphs] == ["次の段落。"]


def test_one_cell_line_between_rows_is_a_group_heading():
    found = _outline("表2 t\n区分  件数 (件)\n開示請求\n全部開示  191\n部分開示  116\n")
    assert [row.cells for row in found.grids[0].rows] == [
        ("開示請求",), ("全部開示", "191"), ("部分開示", "116")]


def test_note_after_a_page_gap_ends_the_table(seed_text):
    found = _outline(seed_text)
    notes = [p.line.text for p in found.paragraphs if p.line.text.startswith("※")]
    assert notes == ["※ 訂正請求および削除請求については請求実績なし"]


def test_numbered_rows_are_not_sections():
    found = _outline("1 はじめに\n\n表1 t\nNo\t件数\n2\t5\n3\t6\n")
    assert [s.no for s in found.sections] == [1]
    assert len(found.grids[0].rows) == 2


def test_a_sentence_broken_at_a_line_end_is_one_paragraph():
    found = _outline("2 登録\n\n登録数は287\n件である。委託は、\n617件である。\n\n次の段落。\n")
    assert [p.line.text for p in found.paragraphs] == [
        "登録数は287件である。委託は、617件である。", "次の段落。"]


def test_a_sentence_does_not_go_on_across_a_heading():
    found = _outline("情報公開制度\n取り下げ6件、却下0\n\n業務の登録状況\n業務登録件数 371\n")
    assert [(p.section.title, p.line.text) for p in found.paragraphs] == [
        ("情報公開制度", "取り下げ6件、却下0"), ("業務の登録状況", "業務登録件数 371")]


def test_a_numbered_sentence_is_no_heading_but_a_note_with_a_full_stop_may_be_in_one():
    found = _outline("平成24年度の運用状況\n    1. 開示請求の件数は8,383件で、前年度と比較して1,210件の減。(約13%減)\n"
                     "2 届出状況(尾道市個人情報保護条例(以下「条例」といいます。)第8条)\n本文。\n")
    assert [s.title for s in found.sections] == ["届出状況"]
    assert found.paragraphs[1].line.text.startswith("1. 開示請求の件数は8,383件で")


def test_headings_of_every_style():
    text = ("■情報公開制度\n本文。\n1.請求の状況\n本文。\n(1)内訳\n本文。\n◇業務の登録\n本文。\n"
            "目的外利用\n\n本文。\nできる場合:\n(1)本人の同意があるとき\n")
    assert [(s.no, s.title) for s in _outline(text).sections] == [
        (None, "情報公開制度"), (1, "請求の状況"), (1, "内訳"), (None, "業務の登録"),
        (None, "目的外利用")]


def test_circled_numbers_open_headings():
    text = "①開示請求の状況\n請求は5件でした。\n②審査請求の状況\n2週間までに決定したもの\n"
    assert [(s.no, s.title) for s in _outline(text).sections] == [
        (1, "開示請求の状況"), (2, "審査請求の状況")]


def test_a_line_opening_with_a_count_is_no_heading():
    text = "経緯\n2法人から削除した旨の連絡あり、2法人以外への情報流出はないことを確認\n"
    assert [(s.no, s.title) for s in _outline(text).sections] == [(None, "経緯")]


def test_prose_split_by_a_run_of_spaces_stays_prose():
    text = ("1 状況\n\n令和3年度の開示請求は5件でした。  また、審査請求は2件でした。\n"
            "全部開示が3件でした。  不開示は2件でした。\n")
    found = _outline(text)
    assert found.grids == ()
    assert [p.line.text for p in found.paragraphs][0].startswith("令和3年度の開示請求は5件")


def test_a_number_set_apart_from_its_sentence_by_spaces_is_one_line():
    text = ("1 情報公開制度\n\n"
            " (1)  請求件数は2,445件で、前年度比413件の減少となった。\n"
            " (2)  対象公文書数は20,868件であった。\n"
            "ア  開示請求の状況\n")
    found = _outline(text)
    assert found.grids == ()
    assert [p.line.text for p in found.paragraphs] == [
        "(1) 請求件数は2,445件で、前年度比413件の減少となった。",
        "(2) 対象公文書数は20,868件であった。"]
    assert [s.title for s in found.sections] == ["情報公開制度", "開示請求の状況"]


def test_numbered_rows_with_values_stay_a_table():
    found = _outline("区分  件数\n(1)  開示  5\n(2)  不開示  2\n")
    assert [row.cells for row in found.grids[0].rows] == [("(1)", "開示", "5"), ("(2)", "不開示", "2")]


def test_a_pages_update_date_is_no_table_title():
    found = _outline("情報公開制度運用状況\n\n更新日 : 2020年1月8日\n\n年度\t請求件数\n平成元年度\t12\n平成2年度\t17\n")
    assert found.grids[0].title == "情報公開制度運用状況"


def test_a_sentence_pointing_at_several_tables_numbers_the_first_that_follows():
    text = ("1 請求の状況\n\n令和6年度の運用状況は表3から表8までのとおりです。\n"
            "請求の種類\t保有個人情報\n開示\t55\n訂正\t1\n\n請求の種類\t承諾\n開示\t36\n訂正\t1\n")
    found = _outline(text)
    assert [(grid.no, grid.title) for grid in found.grids] == [(3, "請求の状況"), (4, "請求の状況")]


def test_a_title_line_ending_with_the_tables_total_keeps_only_the_title():
    found = _outline("情報の開示請求件数(実施機関別)…計55件\n実施機関の区分\t件数\n市長\t40件\n計\t40件\n")
    assert found.grids[0].title == "情報の開示請求件数(実施機関別)"


def test_a_sentence_introducing_the_table_below_titles_it():
    found = _outline("市政情報の開示請求件数と処理状況は次のとおりです。\n実施機関\t請求\n市長\t120\n議会\t1\n")
    assert found.grids[0].title == "市政情報の開示請求件数と処理状況"


def test_a_note_mark_alone_after_a_whole_row_ends_the_table():
    found = _outline("区分\t件数\n全部公開\t51\n取下げ\t2\n※1\n1件の請求に複数の決定を行う場合があります。\n")
    assert [row.cells for row in found.grids[0].rows] == [("全部公開", "51"), ("取下げ", "2")]


def test_a_note_mark_inside_a_row_broken_over_lines_stays_with_its_values():
    found = _outline("年度\t請求\t開示\t不開示\n令和3年度\t5\t3\t2\n令和2年度\n6\n4 1\n(注2)\n1\n")
    assert found.grids[0].rows[-1].cells == ("令和2年度", "6", "4", "1(注2)", "1")


def test_a_numbered_heading_or_a_blank_cornered_header_after_data_starts_a_new_table():
    text = ("年度\t請求者数\t請求件数\n14\t1,316\t6,257\n15\t1,561\t5,349\n  (1) 前年度との比較\n"
            "\t15年度\t14年度\t増減\n請求者数\t1,561人\t1,316人\t245人\n")
    found = _outline(text)
    assert [(grid.title, grid.header) for grid in found.grids][1] == (
        "前年度との比較", ("", "15年度", "14年度", "増減"))
    assert len(found.grids[0].rows) == 2


def test_long_bulleted_lines_under_a_row_do_not_end_its_table():
    from reportparse.extract.structure import outline
    from reportparse.read.text import read_text

    text = ("実施機関\t申出件数\t主な申出内容\n町長\t8件\n住民活動推進課\t7件\n"
            "- 市民活動保険契約取扱終了の案内通知に添付の「コミュニティ活動総合保険」案内パンフレット\n"
            "- 栄町住民活動補償制度取扱要綱\n住民課\t1件\n- 住居表示台帳(区域指定)\n合計\t16件\n")
    grid, = outline(read_text(text.encode(), "t.txt")).grids
    assert [row.cells[0] for row in grid.rows if len(row.cells) > 1] == ["町長", "住民活動推進課", "住民課", "合計"]
