"""Incidents printed as labelled prose (round-3 real pages: 個別公表 notices and numbered blocks)."""

LABELLED = """令和5年度 個人情報の漏えい等事案の公表
1 住民票の写しの誤交付(令和5年6月12日)
概要:窓口で住民票の写しを別人に交付した(1名分)。
原因:交付時の本人確認が不十分であったため。
再発防止策:交付時に氏名と生年月日を読み上げて確認する。
所管課:市民課
2 通知書の誤送付(令和5年9月4日)
概要:国民健康保険税の納税通知書を別人に送付した(2名分)。
原因:同上
再発防止策:封入作業を二人で行う。
所管課:保険年金課
"""


def test_numbered_blocks_of_labelled_lines_are_an_incident_list(parse_bytes):
    report = parse_bytes(LABELLED.encode())
    assert [(i.no, i.category, i.occurred, i.description, i.affected_count, i.affected_unit,
             i.cause, i.cause_as_printed, i.measures, i.departments)
            for i in report.incident_records] == [
        (1, "誤交付", "2023-06-12", "窓口で住民票の写しを別人に交付した(1名分)。", 1, "名",
         "交付時の本人確認が不十分であったため。", "交付時の本人確認が不十分であったため。",
         "交付時に氏名と生年月日を読み上げて確認する。", "市民課"),
        (2, "誤送付", "2023-09-04", "国民健康保険税の納税通知書を別人に送付した(2名分)。", 2, "名",
         "交付時の本人確認が不十分であったため。", "同上", "封入作業を二人で行う。", "保険年金課")]
    assert report.metric_records == []  # (1名分) is the incident's affected count, no key figure
    assert [c.status for c in report.check_records if c.check.startswith("incident")] == ["ok"]


def test_one_incident_under_headings_of_its_own(parse_bytes):
    text = ("平成29年度 認可外保育施設に対するメールアドレスの誤送信\n1 要旨\n"
            "平成29年8月21日、変更後の様式をメールにより送信する際、全ての受信者のメールアドレスが表示される形で送信した。\n"
            "2 送信先\n認可外保育施設113箇所に送信した。\n3 県の対応\nメール受信者に謝罪し、削除を依頼した。\n"
            "4 再発防止\nBCCで送信する。\n")
    report = parse_bytes(text.encode())
    incident, = report.incident_records
    assert (incident.occurred, incident.measures) == ("2017-08-21", "メール受信者に謝罪し、削除を依頼した。 BCCで送信する。")
    assert [(m.metric, m.value) for m in report.metric_records] == [("認可外保育施設", 113)]


def test_figures_under_a_heading_of_counts_and_a_timeline_stay_what_they_are(parse_bytes):
    text = ("令和2年度 個人情報の紛失について\n1 概要\n特殊取扱郵便物1通を紛失した。\n2 紛失に至る経緯\n"
            "日時\t経緯\n令和2年10月31日\t宿直員が郵便物を収受した。\n令和2年11月2日\t郵便物を振り分けた。\n"
            "3 内容及び件数\n誤送付したもの 30件\n4 原因\n確認が不十分であったため。\n")
    report = parse_bytes(text.encode())
    assert [i.description for i in report.incident_records] == ["特殊取扱郵便物1通を紛失した。"]
    assert [(c.check, c.actual) for c in report.check_records if c.status == "failed"] == [
        ("metric_named", "30件"), ("date_readable", "")]  # the figure stays prose; no date printed
    assert {c.row_label for c in report.table_records} == {"令和2年10月31日", "令和2年11月2日"}


def test_a_notice_told_under_plain_headings_its_kind_from_the_title_its_date_from_the_story(parse_bytes):
    text = ("個人情報を含む文書の誤送付について(建築住宅課)\n1経緯\n令和3年(2021年)4月13日(火曜日)\n"
            "- 職員が、市営住宅の利用者2名に対して、案内文書を送付した。\n2原因\n封入時の確認が不十分であったため。\n"
            "3再発防止策\n封入作業を二人で行う。\n")
    incident, = parse_bytes(text.encode()).incident_records
    assert (incident.category, incident.occurred, incident.cause, incident.measures) == (
        "誤送付", "2021-04-13", "封入時の確認が不十分であったため。", "封入作業を二人で行う。")


def test_a_date_under_a_heading_of_its_own_dates_the_notice(parse_bytes):
    text = ("メールアドレスの誤送信\n1 要旨\n様式をメールで送信する際、受信者のメールアドレスが表示される形で送信した。\n"
            "2 誤送信の概要\n(1) 送信日時\n平成29年8月21日(月)午後3時37分\n3 再発防止\nBCCで送信する。\n")
    incident, = parse_bytes(text.encode()).incident_records
    assert (incident.category, incident.occurred, incident.occurred_label) == (
        "誤送信", "2017-08-21", "平成29年8月21日(月)")


def test_a_notice_titled_by_its_kind_with_what_happened_and_when_but_no_cause_yet(parse_bytes):
    text = ("個人情報を含む書類の紛失について\n\n更新日:2025年12月25日\n\n1 事故の概要\n\n"
            "委託先の事業者が、預かった月次報告書を紛失した。\n\n2 発覚時期\n\n令和7年11月25日(火曜)\n\n"
            "5 経緯\n\n11月19日 担当者が書類を確認したところ、9月分の報告書が未着であることが判明。\n")
    report = parse_bytes(text.encode())
    incident, = report.incident_records
    assert (incident.category, incident.occurred) == ("紛失", "2025-11-25")
    assert incident.description == (  # what happened first, then the story kept with it
        "委託先の事業者が、預かった月次報告書を紛失した。 11月19日 担当者が書類を確認したところ、"
        "9月分の報告書が未着であることが判明。")
    assert report.fiscal_year == 2025


def test_minutes_with_a_date_and_the_contents_of_the_meeting_are_no_incident(parse_bytes):
    text = ("第103回宮崎県公文書開示審査会\n1 日時\n平成25年2月5日(火)\n2 主な議事内容\n"
            "平成23年度の公文書開示制度の運用状況について報告を行なった。開示請求の件数は9,593件。\n")
    report = parse_bytes(text.encode())
    assert report.incident_records == []
    assert [(m.metric, m.value) for m in report.metric_records] == [("開示請求の件数", 9593)]


def test_a_notice_is_of_the_fiscal_year_its_incident_happened_in_not_of_the_papers_lost(parse_bytes):
    text = ("個人情報が記載された文書の紛失について\n"
            "本市において、令和5年度の母子栄養事業(8教室・講座)の申込者の文書を紛失していたことが判明しました。\n"
            "経緯\n令和6年10月15日、令和5年度の文書一式が見当たらないことが発覚しました。\n"
            "原因\n保管場所の確認が不十分であったため。\n再発防止策\n保管場所を定期的に点検します。\n")
    report = parse_bytes(text.encode())
    assert (report.fiscal_year, report.fiscal_year_label) == (2024, "令和6年度")
    assert [i.occurred for i in report.incident_records] == ["2024-10-15"]
    assert {c.status for c in report.check_records if c.check == "date_in_fiscal_year"} == {"ok"}


def test_a_yearly_list_in_blocks_keeps_its_own_year(parse_bytes):
    report = parse_bytes(LABELLED.encode())
    assert report.fiscal_year == 2023  # its incidents happened in it: nothing to move
