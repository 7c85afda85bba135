import pytest

from reportparse.extract.metrics import metrics
from reportparse.extract.structure import outline
from reportparse.read.text import read_text
from reportparse.values.dates import find_fiscal_year


def test_every_key_figure_of_sections_1_to_6(seed_report):
    got = [(m.section_no, m.metric, m.value, m.unit, m.as_of) for m in seed_report.metric_records]
    assert got == [
        (1, "自己情報の開示等請求件数", 335, "件", None),
        (1, "請求者", 108, "人", None),
        (1, "審査請求(計)", 3, "件", None),  # 各1件 is per item and not a key figure
        (2, "登録数", 498, "件", "2022-03-31"),
        (3, "登録数", 287, "件", "2022-03-31"),
        (4, "外部委託の業務数", 617, "件", "2022-03-31"),
        (5, "目的外利用の延べ人数", 1710634, "人", None),  # 令和3年度 is a period, not a date
        (5, "外部提供の延べ人数", 398074, "人", None),
        (6, "結合件数", 77, "件", "2022-03-31"),
    ]


def test_spec_worked_example(seed_report):
    two = seed_report.metric_records[3]
    assert (two.section_no, two.section_title, two.value, two.unit, two.as_of) == (
        2, "業務の登録の状況", 498, "件", "2022-03-31")
    assert two.sentence == "令和4年3月末現在の登録数は498件である。"
    assert (two.source_page, two.source_line) == (1, 51)


def _figures(text: str):
    found = outline(read_text(text.encode(), "t.txt"))
    fiscal_year = find_fiscal_year(text)
    return [(m.metric, m.value, m.unit, m.as_of)
            for p in found.paragraphs for m in metrics(p, fiscal_year).metrics]


def test_same_wording_in_another_year_gives_the_same_metric():
    text = "令和5年度の状況\n\n2 業務の登録の状況\n\n令和6年3月末現在の登録数は510件である。\n"
    assert _figures(text) == [("登録数", 510, "件", "2024-03-31")]


def test_prose_before_the_first_heading_and_any_counter_are_read_but_dates_are_not():
    text = "令和3年度に発生したミスは5件である。\n\n1 概要\n\n会議は3回開いた。令和3年4月1日に施行した。\n"
    assert _figures(text) == [("ミス", 5, "件", None), ("会議", 3, "回", None)]


def test_an_approximate_figure_keeps_its_name():
    assert _figures("1 状況\n\n開示請求は約1,000件であった。\n") == [("開示請求", 1000, "件", None)]


def test_a_change_and_the_level_it_reaches_take_the_sentence_topic():
    text = "1 状況\n\n開示請求は、前年度と比べて12件増加し、135件となった。\n"
    assert _figures(text) == [("開示請求", 12, "件", None), ("開示請求", 135, "件", None)]


def test_a_difference_written_多い_is_a_change_and_the_level_keeps_the_subject():
    text = "1 状況\n\n開示請求件数は、前年度より15件多い120件でした。審査請求は3件少なく、2件でした。\n"
    found = outline(read_text(text.encode(), "t.txt"))
    got = [(m.metric, m.kind, m.value) for p in found.paragraphs
           for m in metrics(p, None).metrics]
    assert got == [("開示請求件数", "change", 15), ("開示請求件数", "count", 120),
                   ("審査請求", "change", -3), ("審査請求", "count", 2)]


def test_an_ordinal_is_no_figure():
    assert _figures("1 審議会\n\n第3回審議会で、諮問は4件でした。\n") == [("諮問", 4, "件", None)]


def test_a_figure_for_the_year_before_is_the_same_metric_a_year_earlier():
    text = "令和5年度\n\n1 状況\n\n全部開示が100件(前年度95件)、不開示は3件でした。\n"
    found = outline(read_text(text.encode(), "t.txt"))
    got = [(m.metric, m.value, m.fiscal_year) for p in found.paragraphs
           for m in metrics(p, find_fiscal_year(text)).metrics]
    assert got == [("全部開示", 100, 2023), ("全部開示", 95, 2022), ("不開示", 3, 2023)]


def test_a_change_compared_with_the_year_before_is_named_after_its_subject():
    text = ("1 状況\n\n (1)  受付件数は2,445件で、前年度比413件(14.5%)の減少となった。"
            "対象公文書数は905件で、前年比11件の増加であった。\n")
    found = outline(read_text(text.encode(), "t.txt"))
    got = [(m.metric, m.kind, m.value, m.unit) for p in found.paragraphs
           for m in metrics(p, None).metrics]
    assert got == [("受付件数", "count", 2445, "件"), ("受付件数", "change", -413, "件"),
                   ("受付件数", "change", -14.5, "%"), ("対象公文書数", "count", 905, "件"),
                   ("対象公文書数", "change", 11, "件")]


def test_a_part_of_the_figure_before_is_that_figure_うち():
    text = "1 状況\n\n開示決定した対象公文書20,868件のうち、17,198件(82.4%)が提供されたものである。\n"
    assert _figures(text) == [("対象公文書", 20868, "件", None), ("対象公文書(うち)", 17198, "件", None),
                              ("対象公文書(うち)", 82.4, "%", None)]


def test_a_figure_printed_alone_under_its_heading_is_named_by_the_heading():
    text = "1 情報公開条例の運用状況\n\n(1)公文書の開示の請求件数\n\n502件\n"
    assert _figures(text) == [("公文書の開示の請求件数", 502, "件", None)]


def test_a_figure_before_the_noun_it_counts_is_named_by_that_noun():
    text = "1 状況\n\n令和5年度は、64件の開示請求があり、1件の請求に対して複数の決定をしたため、89件の処理を行いました。\n"
    assert _figures(text) == [("開示請求", 64, "件", None), ("処理", 89, "件", None)]


def test_one_request_giving_several_decisions_is_no_figure():
    found = outline(read_text("1 状況\n\n※1件の請求で決定が複数となる場合があります。1件の請求に複数の決定を行います。\n".encode(), "t.txt"))
    reads = [metrics(p, None) for p in found.paragraphs]
    assert [m for r in reads for m in r.metrics] == [] and [c for r in reads for c in r.checks] == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("令和6年度は、20件の申立てがあり、31件の裁決を行いました。",
     [("申立て", 20, "件", None), ("裁決", 31, "件", None)]),
    ("開示請求(情報公開条例の適用を受ける公文書が対象)は65件でした。", [("開示請求", 65, "件", None)]),
    ("公文書の開示請求(申出)件数は、延べ4,877件でした。", [("公文書の開示請求(申出)件数", 4877, "件", None)]),
    ("開示請求(義務的開示)によるものが266件、区長の事務に関するものが187件でした。",
     [("開示請求(義務的開示)", 266, "件", None), ("区長の事務", 187, "件", None)]),
    ("業務委託に関する文書16件でした。", [("業務委託に関する文書", 16, "件", None)]),
    ("生活安全相談関係1,054件及び診療情報関係493件でした。",
     [("生活安全相談関係", 1054, "件", None), ("診療情報関係", 493, "件", None)]),
    ("区内法人・在勤者211名でした。", [("区内法人・在勤者", 211, "名", None)]),
    ("請求件数の過去最多は、平成7年度\nの10,492件です。", [("請求件数の過去最多", 10492, "件", None)]),
])
def test_names_from_real_sentences(sentence, expected):
    assert _figures(f"1 状況\n\n{sentence}\n") == expected


def test_two_years_compared_in_one_sentence_each_give_their_year():
    text = "1 状況\n\n決定件数が、令和3年度の3,547件に対して、令和4年度は3,555件であり、前年度と比べて8件増加した。\n"
    found = outline(read_text(text.encode(), "t.txt"))
    got = [(m.metric, m.kind, m.value, m.fiscal_year) for p in found.paragraphs
           for m in metrics(p, None).metrics]
    assert got == [("決定件数", "count", 3547, 2021), ("決定件数", "count", 3555, 2022),
                   ("決定件数", "change", 8, 2022)]


def test_a_total_of_unnamed_things_is_a_failed_check():
    found = outline(read_text("1 状況\n\n開示請求は65件、任意開示申出は12件で、合わせて77件でした。\n".encode(), "t.txt"))
    read = metrics(found.paragraphs[0], None)
    assert [m.value for m in read.metrics] == [65, 12] and [c.actual for c in read.checks] == ["77件"]


def test_a_bracketed_figure_of_an_item_too_long_to_name_is_a_failed_check_not_the_item_before():
    sentence = ("理由は、法人の権利を害するおそれのある情報(128件)、事務等の公正もしくは円滑な遂行に"
                "いちじるしい支障が生ずるおそれのある情報(145件)などです。")
    read = metrics(outline(read_text(f"1 状況\n\n{sentence}\n".encode(), "t.txt")).paragraphs[0], None)
    assert [(m.metric, m.value) for m in read.metrics] == [("法人の権利を害するおそれのある情報", 128)]
    assert [c.actual for c in read.checks] == ["145件"]


def test_the_first_clause_subject_that_names_something_is_the_topic():
    text = "1 状況\n\n実施機関別では、警視総監における決定件数が、令和3年度の2,243件に対して、令和4年度は2,026件で、217件減少した。\n"
    assert [name for name, *_ in _figures(text)] == ["決定件数"] * 3


@pytest.mark.parametrize(("sentence", "expected"), [
    ("このうち開示請求によるものが266件、残り4,611件は情報提供申出(任意的公開)によるものです。",
     [("開示請求", 266, "件", None), ("情報提供申出(任意的公開)", 4611, "件", None)]),
    ("土木部が保有する土木関係文書について開示を求めるものが80件で最多です。",
     [("土木関係文書", 80, "件", None)]),
    ("決定は、44・6%が部分公開です。", [("決定", 44.6, "%", None)]),  # ・ as the point before %
])
def test_more_names_from_real_sentences(sentence, expected):
    assert _figures(f"1 状況\n\n{sentence}\n") == expected


def _figures_with_years(text: str):
    found = outline(read_text(text.encode(), "t.txt"))
    year = find_fiscal_year(text)
    return [(m.metric, m.kind, m.value, m.fiscal_year) for p in found.paragraphs
            for m in metrics(p, year).metrics]


def test_a_year_named_later_in_the_sentence_or_as_a_start_is_not_a_figures_year():
    assert _figures_with_years(
        "平成21年度 公文書開示制度の運用状況\n\n設計書の請求は平成20年度から増加しており、請求件数は7,383件であった。\n"
    ) == [("請求件数", "count", 7383, 2009)]
    assert _figures_with_years(
        "平成29年度の状況\n\n開示決定等の件数は2,701件で、実施機関別では、警視総監における決定件数が、"
        "平成28年度の1,224件に対して、平成29年度は1,462件であった。\n"
    ) == [("開示決定等の件数", "count", 2701, 2017), ("決定件数", "count", 1224, 2016),
          ("決定件数", "count", 1462, 2017)]


def test_the_year_a_sentence_opens_with_goes_on_into_the_next_not_a_figures_own_year():
    assert _figures_with_years(
        "平成16年度の状況\n\n平成17年度(4月~9月)の開示請求は、対前年比76件減の126件であった。"
        "県内85件、県外41件であった。\n"
    ) == [("開示請求", "change", -76, 2005), ("開示請求", "count", 126, 2005), ("県内", "count", 85, 2005),
          ("県外", "count", 41, 2005)]
    assert [(name, year) for name, _, _, year in _figures_with_years(
        "令和4年度の状況\n\n令和3年度は98件であった。うち県内は60件であった。\n")] == [
        ("うち県内", 2021)]  # a year as the sentence's topic goes on (98 alone has no name)
    assert _figures_with_years(
        "2012年度の状況\n\nこれまでの最多は07年度の5074件だった。他に総務部が319件だった。\n"
    ) == [("これまでの最多", "count", 5074, 2007), ("他に総務部", "count", 319, 2012)]


def test_a_part_after_a_figure_and_a_copula_and_a_whole_that_includes_a_figure():
    got = _figures("2019年度の状況\n不開示となったのは103件で、うち99件は行政文書を保有していないことが理由だった。"
                   "部分開示が908件、不存在68件を含む非開示は96件だった。\n")
    assert [(name, value) for name, value, _, _ in got] == [
        ("不開示", 103), ("部分開示", 908), ("不存在", 68), ("非開示", 96)]  # 99: a part (flagged)


def test_a_part_after_a_figure_that_there_was():
    got = _figures("令和4年度の状況\n審査請求は2件あり、うち1件について答申を受けた。\n")
    assert [(name, value) for name, value, _, _ in got] == [("審査請求", 2), ("審査請求(うち)", 1)]


def test_a_figure_whose_noun_was_cut_off_with_the_page_is_a_failed_check():
    read = metrics(outline(read_text(
        "令和3年度\n\n令和3年度は、84件の開示請求があり、1件の請求に対して複数の決定をしたため、107件の\n".encode(),
        "t.txt")).paragraphs[-1], None)
    assert [(m.metric, m.value) for m in read.metrics] == [("開示請求", 84)]
    assert [c.actual for c in read.checks] == ["107件"]


def test_a_figure_compared_with_is_of_its_own_year_and_the_change_of_the_clauses():
    assert _figures_with_years(
        "令和4年度の状況\n\n令和4年度の開示請求件数は120件で、令和3年度の105件と比べて15件増加した。\n") == [
        ("開示請求件数", "count", 120, 2022), ("開示請求件数", "count", 105, 2021),
        ("開示請求件数", "change", 15, 2022)]


def test_bulleted_key_figures_after_a_leader_and_a_signed_change(parse_bytes):
    report = parse_bytes("令和5年度の運用状況\n\n■情報公開制度\n◇公開請求件数…88件(前年度75件)\n"
                         "◇公開決定の内訳 公開33件、部分公開35件\n開示請求 88件 (対前年度比 +13件)\n".encode())
    assert [(m.section_title, m.metric, m.kind, m.value, m.fiscal_year) for m in report.metric_records] == [
        ("情報公開制度", "公開請求件数", "count", 88, 2023), ("情報公開制度", "公開請求件数", "count", 75, 2022),
        ("情報公開制度", "公開", "count", 33, 2023), ("情報公開制度", "部分公開", "count", 35, 2023),
        ("情報公開制度", "開示請求", "count", 88, 2023), ("情報公開制度", "開示請求", "change", 13, 2023)]


def test_a_total_after_an_enumeration_is_the_topics_and_dou_repeats_last_years_bracket():
    assert _figures_with_years(
        "令和4年度の状況\n\n開示請求は、区長が120件、教育委員会が30件、合計150件であった。"
        "決定の内訳は、全部開示が100件(前年度90件)、部分開示が40件(同35件)であった。\n") == [
        ("区長", "count", 120, 2022), ("教育委員会", "count", 30, 2022), ("開示請求(計)", "count", 150, 2022),
        ("全部開示", "count", 100, 2022), ("全部開示", "count", 90, 2021), ("部分開示", "count", 40, 2022),
        ("部分開示", "count", 35, 2021)]


def test_a_subject_counted_two_ways_names_each_way():
    got = _figures("令和4年度の状況\n請求者数は実人数で45人、延べ人数で150人であった。\n")
    assert [(name, value) for name, value, _, _ in got] == [("実人数", 45), ("延べ人数", 150)]


def test_last_years_level_in_brackets_after_the_year():
    assert _figures_with_years("令和元年度の状況\n\n請求件数は、前年度(105件)より15件多い120件でした。\n") == [
        ("請求件数", "count", 105, 2018), ("請求件数", "change", 15, 2019), ("請求件数", "count", 120, 2019)]


def test_last_years_level_as_the_first_figure_of_a_sentence():
    assert _figures_with_years("2019年度の状況\n\n同様の請求は前年度の15件から10倍超の199件だった。\n") == [
        ("同様の請求", "count", 15, 2018), ("同様の請求", "count", 199, 2019)]


def test_hundreds_of_millions_are_one_figure():
    got = _figures("令和4年度の状況\n\n補助金の過払いは約5億1000万円でした。損害額は5億円でした。\n")
    assert [(name, value, unit) for name, value, unit, _ in got] == [
        ("補助金の過払い", 510_000_000, "円"), ("損害額", 500_000_000, "円")]
    got = _figures("令和4年度の状況\n\n被害額は約1億2千万円、過払いは3億4,500万円に上った。\n")
    assert [(name, value) for name, value, _, _ in got] == [("被害額", 120_000_000), ("過払い", 345_000_000)]


def test_where_each_figure_of_a_list_is_but_not_where_the_subjects_went():
    got = _figures("平成20年度の状況\n\n請求件数は3,385件で、県土整備部出先に約2千4百件、農政水産部出先に約900件などとなっている。"
                   "個人情報開示請求は、市長部局宛に10件ありました。\n")
    assert [(name, value) for name, value, _, _ in got] == [
        ("請求件数", 3385), ("県土整備部出先", 2400), ("農政水産部出先", 900), ("個人情報開示請求", 10)]


def test_a_measure_in_a_breakdown_sentence_is_the_members_not_the_wholes():
    assert _figures_with_years(
        "平成27年度の状況\n\n開示決定等の件数は10,441件で、前年度と概ね同水準です。"
        "実施機関別では、水道局が平成27年4月から工事設計書の情報提供を開始したことに伴い、"
        "開示決定等の件数は平成26年度より483件と大幅に減少して1,060件であった。\n"
    ) == [("開示決定等の件数", "count", 10441, 2015), ("水道局の開示決定等の件数", "change", -483, 2015),
          ("水道局の開示決定等の件数", "count", 1060, 2015)]


def test_the_owner_of_a_figure_listed_after_another_with_to():
    got = _figures("1 状況\n\n区民課は、住民異動届の8世帯と高齢受給者証再交付申請書の1名について説明する。\n")
    assert [(name, value, unit) for name, value, unit, _ in got] == [
        ("住民異動届", 8, "世帯"), ("高齢受給者証再交付申請書", 1, "名")]


def test_whose_figure_it_is_and_a_share_of_the_whole_named_by_its_subject():
    assert _figures_with_years(
        "平成29年度の状況\n\n請求件数が最も多いのは、市長の726件で、次いで上下水道事業管理者の114件です。"
        "請求者は県内が7,646名、県外が186名で県内が全体の98%であった。\n"
    ) == [("市長", "count", 726, 2017), ("上下水道事業管理者", "count", 114, 2017),
          ("県内", "count", 7646, 2017), ("県外", "count", 186, 2017), ("県内", "share", 98, 2017)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("主な開示請求の内訳は,市街地再開発事業関係書類(65件),道路位置図・平面図等書類(40件)などです。",
     [("市街地再開発事業関係書類", 65, "件", None), ("道路位置図・平面図等書類", 40, "件", None)]),
    ("不開示理由の内訳は、個人情報が103件、法人情報(事業活動情報)が46件、法人情報(任意提供情報)が1件となった。",
     [("個人情報", 103, "件", None), ("法人情報(事業活動情報)", 46, "件", None),
      ("法人情報(任意提供情報)", 1, "件", None)]),  # qualifiers, not glosses
    ("不開示理由の内訳は、法令秘情報(1号)2件、個人情報(2号)94件、任意提供情報(4号)2件となった。",
     [("法令秘情報(1号)", 2, "件", None), ("個人情報(2号)", 94, "件", None),
      ("任意提供情報(4号)", 2, "件", None)]),
    ("任意開示申出(合併前の旧市町村の公文書公開条例、情報公開条例施行前に作成した公文書が対象)は2件でした。",
     [("任意開示申出", 2, "件", None)]),
    ("一部公開とした理由(複数の理由がある場合があります。)は、個人の利益を害するおそれのある情報(282件)です。",
     [("個人の利益を害するおそれのある情報", 282, "件", None)]),
    ("工事設計書2,142件(全体の28.2%)、消防用設備設置届349件(同4.6%)が上位",
     [("工事設計書", 2142, "件", None), ("工事設計書", 28.2, "%", None),
      ("消防用設備設置届", 349, "件", None), ("消防用設備設置届", 4.6, "%", None)]),
    ("最も多いのは、市長(市長部局)の726件でした。", [("市長(市長部局)", 726, "件", None)]),
])
def test_enumerated_items_are_named_by_the_item(sentence, expected):
    assert _figures(f"1 状況\n\n{sentence}\n") == expected


def test_a_figure_before_から_and_another_is_the_year_before():
    assert _figures_with_years(
        "平成16年度の状況\n\n平成16年度の請求者数(延べ)は、824人から559人と32%の減となっています。\n"
    ) == [("請求者数(延べ)", "count", 824, 2003), ("請求者数(延べ)", "count", 559, 2004),
          ("請求者数(延べ)", "change", -32, 2004)]


def test_a_change_after_a_comparison_with_the_year_before_keeps_its_subject():
    assert _figures("1 状況\n\n決定件数は2,094件で、前年度と概ね同水準(10.3%増加)でした。\n") == [
        ("決定件数", 2094, "件", None), ("決定件数", 10.3, "%", None)]


def test_a_figure_spaced_from_its_counter_as_a_pdf_text_layer_prints_it():
    assert _figures_with_years(
        "平成16年度の状況\n\n15年度と比較して、土木部(335 件→192 件、143 件の減、用地買収に関するもの等)。\n"
    ) == [("土木部", "count", 335, 2003), ("土木部", "count", 192, 2004),
          ("土木部", "change", -143, 2004)]
    # a counter that starts a longer word is no counter: 1 課題, 2 回答
    assert _figures("1 状況\n\n1 課題は2 回答のとおりである。\n") == []


def test_a_letter_spaced_number_is_not_read_as_its_last_digit():
    assert _figures("1 状況\n\n1 6 年 度 の 延 べ 数 は 5 5 9 人 で あ る 。\n") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("開示請求は3万5千件であった。", [("開示請求", 35000, "件", None)]),
    ("開示請求の件数は9,593件で、前年度と比較して約5百件の増。",
     [("開示請求の件数", 9593, "件", None), ("開示請求の件数", 500, "件", None)]),
    ("登録は1万2,345件、経費は5千円であった。", [("登録", 12345, "件", None), ("経費", 5, "千円", None)]),
])
def test_figures_with_kanji_powers_of_ten(sentence, expected):
    assert _figures(f"1 状況\n\n{sentence}\n") == expected


def test_the_first_figure_takes_the_nearest_subject_and_no_year_from_a_gloss():
    text = ("令和5年度の状況\n\n一方、「情報提供サービス」(平成29年度開始)が浸透し、利用は年々増えており、"
            "公文書開示と情報提供サービスとの合計は、近年1万1千件前後で推移している。\n")
    assert _figures_with_years(text) == [("公文書開示と情報提供サービスとの合計", "count", 11000, 2023)]


def test_a_change_compared_with_an_unnamed_figure_has_no_name():
    found = outline(read_text("1 状況\n\n前年度に比べ約5百件の増となった。\n".encode(), "t.txt"))
    read = metrics(found.paragraphs[0], None)
    assert read.metrics == [] and [c.actual for c in read.checks] == ["約5百件の増"]


def test_a_per_item_phrase_and_a_pointer_word_name_no_figure():
    text = ("開示決定等の件数\n注:この表は、受け付けた開示請求1件毎のまたは他の機関から移送された"
            "事案1件ごとの処理状況を分類したものです。\n平成30年度の開示請求は25件でした。\n")
    assert _figures(text) == [("開示請求", 25, "件", None)]
    found = outline(read_text("1 経緯\n\n当該2法人に対し削除を依頼した。\n".encode(), "t.txt"))
    read = metrics(found.paragraphs[0], None)
    assert read.metrics == [] and [c.actual for c in read.checks] == ["2法人"]


def test_a_years_part_inside_brackets_is_unnamed_not_the_figure_before():
    text = "1 内容\n\n支払調書の作成漏れが30件(令和5年 4件、令和4年 4件)あった。\n"
    read = metrics(outline(read_text(text.encode(), "t.txt")).paragraphs[0], None)
    assert [(m.metric, m.value) for m in read.metrics] == [("支払調書の作成漏れ", 30)]
    assert [c.actual for c in read.checks] == ["4件", "4件"]


def test_a_bracketed_うち_is_a_part_of_the_figure_before_unless_words_after_it_say_what():
    assert _figures("1 内容\n\n法人不利益情報は35件(うち3件)。\n") == [
        ("法人不利益情報", 35, "件", None), ("法人不利益情報(うち)", 3, "件", None)]
    text = "1 内容\n\nうち法人不利益情報は35件(うち3件は個人情報と重複)。\n"
    read = metrics(outline(read_text(text.encode(), "t.txt")).paragraphs[0], None)
    assert [m.value for m in read.metrics] == [35] and [c.actual for c in read.checks] == ["3件"]


def test_a_bracketed_figure_after_words_it_cannot_be_named_by_is_not_the_subjects():
    text = "1 内容\n\n相談センター職員が、依頼を受け作成した文書(※)(1名)について誤送付した。\n"
    read = metrics(outline(read_text(text.encode(), "t.txt")).paragraphs[0], None)
    assert read.metrics == [] and [c.actual for c in read.checks] == ["1名"]


def test_a_year_inside_an_items_name_is_that_items_alone():
    assert _figures_with_years(
        "2007年度の報告\n\n内訳は、2006年度分8,109件、2005年度分7,590件、異動履歴5,463件となっております。\n"
    ) == [("2006年度分", "count", 8109, 2006), ("2005年度分", "count", 7590, 2005),
          ("異動履歴", "count", 5463, 2007)]


def test_counts_in_kanji_numerals_and_per_item_それぞれ():
    text = ("令和五年度の状況\n\n請求に対する開示決定等二十一件のうち、開示が八件、不開示がゼロ件でございます。"
            "公用車に関するものがそれぞれ六件、同一件名の文書が一件でした。\n")
    assert _figures_with_years(text) == [
        ("開示決定等", "count", 21, 2023), ("開示", "count", 8, 2023), ("不開示", "count", 0, 2023),
        ("同一件名の文書", "count", 1, 2023)]


def test_figures_addressed_to_each_office_and_the_noun_after_a_total():
    assert _figures_with_years(
        "平成29年度の状況\n\n平成29年度は、町長に対して8件、教育委員会に対して19件、合わせて27件の公開の申出が"
        "ありました。18件の自己に関する個人情報の開示請求がありました。\n"
    ) == [("町長", "count", 8, 2017), ("教育委員会", "count", 19, 2017),
          ("公開の申出", "count", 27, 2017), ("個人情報の開示請求", "count", 18, 2017)]


def test_a_change_against_a_named_year_is_this_years_change():
    assert _figures_with_years(
        "平成24年度 運用状況\n\n1 処理状況\n\n処理件数は19,494件であり、平成23年度と比べて7,856件増加している。\n"
    ) == [("処理件数", "count", 19494, 2012), ("処理件数", "change", 7856, 2012)]


@pytest.mark.parametrize("sentence, expected", [
    ("請求件数は1万3175件でした。", [("請求件数", 13175)]),  # 万 is a power of ten, not a break
    ("平成28年度の情報公開請求は4千303件", [("情報公開請求", 4303)]),
    ("全部開示の1万8271件のうち、1万5616件が新制度。", [("全部開示", 18271), ("全部開示(うち)", 15616)]),
])
def test_digits_after_man_and_sen_are_the_lower_places_of_one_number(sentence, expected):
    assert [(name, value) for name, value, _, _ in _figures(f"令和2年度の状況\n{sentence}\n")] == expected


@pytest.mark.parametrize("sentence, expected", [
    # what the figure counts follows it; who holds or does it comes before
    ("府の行政機関が保有する文書に関し、1,296件(うち取下げ249件)の公開請求がありました。",
     [("公開請求", 1296), ("うち取下げ", 249)]),
    ("各実施法人は72件の決定を行いました。", [("決定", 72)]),
    ("実施機関が21件の不服申立てに対する決定又は裁決を行いました。", [("決定又は裁決", 21)]),
    # a cause or an alternative qualifies the noun: without it, it names a bigger quantity
    ("このうち公開又は部分公開の決定が1,508件、不存在による非公開の決定が201件です。",
     [("公開又は部分公開の決定", 1508), ("不存在による非公開の決定", 201)]),
    # 前年度比 names no quantity: the change and the level are the subject's
    ("開示請求件数は前年度比57件(2・1%)増の2830件だった。",
     [("開示請求件数", 57), ("開示請求件数", 2.1), ("開示請求件数", 2830)]),
    ("府の文書に関し、1,708件(うち取下げ167件)の公開請求がありました(前年度比34.1%増)。",
     [("公開請求", 1708), ("うち取下げ", 167), ("公開請求", 34.1)]),
    # quoted items before their figures, the figure itself perhaps quoted
    ("「建築計画概要書」が「6,334件」が最も多く、次いで「医療保護入院に関する文書」の1,803件。",
     [("建築計画概要書", 6334), ("医療保護入院に関する文書", 1803)]),
    ("2010年度は2,391人の請求人数で7,695件の請求件数となり、「請求者数は前年度比11%減」の状況。",
     [("請求人数", 2391), ("請求件数", 7695), ("請求者数", -11)]),
    ("「公文書の写しの交付」関係が313件", [("「公文書の写しの交付」関係", 313)]),
    ("全面公開されたのは、請求全体の42・6%に当たる2356件で、続いて教育委員会が5件。",
     [("全面公開", 42.6), ("全面公開", 2356), ("教育委員会", 5)]),
])
def test_the_name_is_the_counted_noun_with_its_qualifiers(sentence, expected):
    assert [(name, value) for name, value, _, _ in _figures(f"令和2年度の状況\n{sentence}\n")] == expected


@pytest.mark.parametrize("sentence", [
    "実施機関が1,044件の決定を行っており(1件の請求について項目別に分割して決定が行われる場合がある)。",
    "総数は、請求1件で複数の公文書の請求があるため、表1の件数とは一致しない。",
])
def test_one_as_a_unit_of_account_is_no_figure(sentence):
    assert [value for _, value, _, _ in _figures(f"令和2年度の状況\n{sentence}\n")] in ([1044], [])


def test_five_items_a_council_answered_are_a_figure():
    assert [(name, value) for name, value, _, _ in _figures(
        "令和2年度の状況\n5件の諮問事項に対し答申した。\n")] == [("諮問事項", 5)]


@pytest.mark.parametrize("text, expected", [
    # era-less years in the report's era, or its century (never before the first reports)
    ("平成23年度の運用状況\n同一の方の請求は22年度51件、23年度12件となっています。\n", [(51, 2010), (12, 2011)]),
    ("2012年度の請求件数\nこれまでの最多は07年度の5074件だった。\n", [(5074, 2007)]),
    ("2012年度の状況\n請求人数と件数は、07年度147人2287件、08年度92人2821件。\n",
     [(147, 2007), (2287, 2007), (92, 2008), (2821, 2008)]),
    # 前年度の, a year written right before a figure it belongs to alone
    ("2010年度の状況\n関係文書は117件と、前年度の626件から大きく減少している。\n", [(117, 2010), (626, 2009)]),
    ("平成27年度の状況\n開示請求は8件で、26年度の18件から10件減った。\n", [(8, 2015), (18, 2014), (-10, 2015)]),
    ("2004年度の状況\n利用件数も3618件と01年度(7615件)の半数以下、コピーは8349件。\n",
     [(3618, 2004), (7615, 2001), (8349, 2004)]),
])
def test_years_written_without_their_era_or_relative_to_the_report(text, expected):
    assert [(value, year) for _, _, value, year in _figures_with_years(text)] == expected


def test_a_share_then_its_count_in_brackets_and_a_per_year_enumeration_after_a_lead_in():
    assert [(name, value) for name, value, _, _ in _figures(
        "令和6年度の状況\n請求方法は、インターネットによるものが最も多く62%(799件)を占めました。\n")] == [
        ("インターネット", 62), ("インターネット", 799)]
    assert [(name, value, year) for name, _, value, year in _figures_with_years(
        "2004年度の状況\n過去4年間の請求件数をみると、1998年度769件、99年度2390件、01年度6882件。\n")] == [
        ("請求件数", 769, 1998), ("請求件数", 2390, 1999), ("請求件数", 6882, 2001)]


def test_an_era_less_year_that_cannot_be_read_leaves_the_figure_without_a_year():
    # 99年度 after a 1998 report cannot be 2099 nor, unread, take the year of the clause before
    assert [(value, year) for _, _, value, year in _figures_with_years(
        "1998年度の状況\n請求件数は1998年度769件、99年度2390件。\n")] == [(769, 1998), (2390, None)]


@pytest.mark.parametrize("sentence, expected", [
    ("公開請求のうち、取下げを除く1,047件に対し、1,449件の決定を行いました。",
     [("公開請求(取下げを除く)", 1047), ("決定", 1449)]),
    ("過年度の諮問事案も含め、16件の処理(答申15件)が行われました。", [("処理", 16), ("答申", 15)]),
    ("氏名が41件(187人分)、住所が12件(59人分)。", [("氏名", 41), ("氏名", 187), ("住所", 12), ("住所", 59)]),
])
def test_a_whole_less_a_part_a_bracket_inside_the_counted_noun_and_a_count_of_persons_behind_one_of_cases(
        sentence, expected):
    assert [(name, value) for name, value, _, _ in _figures(f"平成30年度の状況\n{sentence}\n")] == expected


def test_a_month_end_without_its_year_is_as_of_that_month_in_the_year_the_sentence_names():
    got = _figures("平成25年度の状況\n平成26年度の開示請求の状況(12月末現在)は、請求件数が4,630件。\n"
                   "登録件数は20件(3月末現在)です。\n")
    assert [(name, as_of) for name, _, _, as_of in got] == [
        ("請求件数", "2014-12-31"), ("登録件数", "2014-03-31")]


@pytest.mark.parametrize("sentence, expected", [
    # a change against last year is this year's; a level of last year is last year's
    ("請求件数は、910件で、前年度の22.3%減となりました。", [(910, 2017), (-22.3, 2017)]),
    ("関係文書は117件と、前年度の626件から減少した。", [(117, 2017), (626, 2016)]),
    # ``29年度比`` names no quantity: the change and the level are the subject's
    ("決定件数は28年度比3%増の1万771件と増加した。", [(3, 2017), (10771, 2017)]),
])
def test_a_change_against_last_year_is_this_years(sentence, expected):
    got = _figures_with_years(f"平成29年度の状況\n{sentence}\n")
    assert [(value, year) for _, _, value, year in got] == expected
    assert {name for name, _, _, _ in got} <= {"請求件数", "関係文書", "決定件数"}


def test_a_sum_of_things_named_before_is_no_figure_of_the_last_of_them():
    got = _figures("平成29年度の状況\n公開の請求は327件、申出は20件、合計で347件でした。\n")
    assert [(name, value) for name, value, _, _ in got] == [("公開の請求", 327), ("申出", 20)]


def test_era_less_calendar_years_listed_before_their_figures():
    got = _figures_with_years("平成29年度の状況\n過去の開示件数は、27年が12件、28年が7件でした。保存期間10年の文書が5件。\n")
    assert [(value, year) for _, _, value, year in got] == [(12, 2015), (7, 2016), (5, 2017)]


def test_a_figure_alone_under_its_heading_with_a_note_in_brackets():
    got = _figures("平成28年度の状況\n▽情報公開請求\n 41件(請求取下1件を含む)\n")
    assert [(name, value) for name, value, _, _ in got] == [("情報公開請求", 41), ("請求取下", 1)]


def test_このうち_is_a_part_of_the_figure_before_never_a_name():
    got = _figures("平成20年度の状況\n実施機関が1,044件の決定を行っており、このうち886件が公開又は部分公開の決定となっています。\n")
    assert [(name, value) for name, value, _, _ in got] == [("決定", 1044), ("決定(うち)", 886)]


@pytest.mark.parametrize("sentence", [
    "写しの交付はカラー1枚につき30円、白黒1枚につき10円です。",  # a price per sheet
    "それ以外の方は1件当たり300円です。",
    "昨年度は1件の請求で大量の公文書を対象とした。",  # one, as a unit of account
    "取り下げ6件、却下0業務登録件数 371。",  # 業務 opens a word: 0 has no counter
    "決定期間を2カ月延長したものは6件です。",  # a duration in prose (a table cell may print one)
])
def test_prices_units_of_account_and_counters_that_open_a_word_are_no_key_figures(sentence):
    assert [(name, value) for name, value, _, _ in _figures(f"令和5年度の状況\n{sentence}\n")
            if value != 6] == []


def test_a_counter_before_分_still_counts():
    assert [(value, unit) for _, value, unit, _ in _figures(
        "令和6年度の状況\n契約書の法人印鑑の印影が27件(21法人分)。\n")] == [(27, "件"), (21, "法人")]


def test_a_counter_that_opens_a_word_of_the_next_line_run_in_is_no_counter():
    assert _figures("令和3年度の状況\n秘書関係6人事関係4。\n") == []


def test_a_subject_ending_in_等_keeps_the_items_listed_before_it():
    got = _figures("令和2年度の状況\n主なものは、都市整備部が保有する建築計画概要書、都市計画決定図書の関係文書等が7,413件でした。\n"
                   "また、開示請求、訂正請求が5件でした。\n")
    assert [(name, value) for name, value, _, _ in got] == [
        ("建築計画概要書、都市計画決定図書の関係文書等", 7413), ("訂正請求", 5)]  # 開示請求、 unread


def test_a_figure_said_to_have_fallen_by_after_what_it_compares_with_is_a_change():
    got = _figures("平成27年度の状況\n開示決定等の件数は平成26年度より483件と大幅に減少して1,060件であった。\n"
                   "請求件数は1,060件と増加した。\n")
    assert [(name, value) for name, value, _, _ in got] == [
        ("開示決定等の件数", -483), ("開示決定等の件数", 1060), ("請求件数", 1060)]


@pytest.mark.parametrize("sentence, expected", [
    # a year behind a clause that turns (…だったが、) is no year of what follows
    ("請求数は01年度の4割程度にとどまったが、4年前からは2000件の増加となっている。", [("請求数", 2000, 2002)]),
    # what was done, as the topic, names the figure; what a request came to stays in the name
    ("対象の情報が全面公開されたのは、請求全体の42・6%に当たる2356件。",
     [("全面公開", 42.6, 2002), ("全面公開", 2356, 2002)]),
    ("請求のうち、公開された公文書は1万1098件。", [("公開された公文書", 11098, 2002)]),
])
def test_clause_turns_done_topics_and_outcomes(sentence, expected):
    got = _figures_with_years(f"2002年度の状況\n{sentence}\n")
    assert [(name, value, year) for name, _, value, year in got] == expected


def test_a_table_flattened_into_bracketed_labels_and_numbers_is_read_under_its_title():
    text = ("平成26年度の運用状況\n運用状況は表1の通りです。 ●平成26年度 行政情報公開請求の状況(表1) "
            "[請求手続件数]49 [決定件数※]58 "
            "○決定内容 [全部公開]24 ●保有個人情報開示請求などの状況(表2) [請求手続件数]21\n")
    found = outline(read_text(text.encode(), "t.txt"))
    got = [(m.section_title, m.metric, m.value, m.unit) for p in found.paragraphs
           for m in metrics(p, find_fiscal_year(text)).metrics]
    assert got == [
        ("平成26年度 行政情報公開請求の状況(表1)", "請求手続件数", 49, ""),
        ("平成26年度 行政情報公開請求の状況(表1)", "決定件数", 58, ""),
        ("平成26年度 行政情報公開請求の状況(表1)", "全部公開", 24, ""),
        ("保有個人情報開示請求などの状況(表2)", "請求手続件数", 21, "")]


def test_a_figure_after_のうち_and_more_words_is_a_part_of_the_figure_before():
    got = _figures("平成24年度の状況\n請求と申出は合計347件のうち、おおよそ1割強、43件が受領されないままです。\n")
    assert [(name, value) for name, value, _, _ in got] == [("請求と申出(計)", 347), ("請求と申出(うち)", 43)]
