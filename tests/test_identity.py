"""Municipality and fiscal year, from wherever a report states them."""

import pytest

from reportparse.extract.identity import municipality, stated_fiscal_year
from reportparse.records import Line


def _lines(*texts: str) -> list[Line]:
    return [Line((text,), 1, number) for number, text in enumerate(texts, start=1)]


@pytest.mark.parametrize("texts, expected", [
    (("東京都台東区", "区が保有している情報"), "台東区"),  # a page header: the ward, not 東京都
    (("「中野区区政情報の公開に関する条例」により運営",), "中野区"),
    (("練馬区個人情報保護条例における令和3年度の",), "練馬区"),
    (("東京都の個人情報保護制度の運用状況",), "東京都"),  # a prefecture's own report
    (("(尾道市個人情報保護条例(以下「条例」といいます。)第8条)",), "尾道市"),
    (("区民の皆さんへ", "地区の集会所で", "市区町村長が"), ""),  # no name: nothing guessed
    (("東村山市情報公開条例第6条", "請求者は東村山市内の団体", "東村山市長"), "東村山市"),
    (("平成21年度鹿児島県の情報公開・個人情報保護制度の運用状況",), "鹿児島県"),  # not 年度鹿児島県
    (("第103回宮崎県公文書開示審査会(議事録)",), "宮崎県"),  # not 回宮崎県
    (("港区は、平成29年8月28日、請求書3,067件を誤って廃棄していたことが判明しました。",), "港区"),
    (("青森県は29日、情報公開制度に基づく2019年度の行政文書の開示状況を発表した。",), "青森県"),
    (("1.平成23年第二回練馬区議会定例会提出予定議案について",), "練馬区"),  # not 第二回練馬区
    (("東京都台東区は9月13日、個人情報を記載した住民異動届等を紛失したと発表した。",), "台東区"),
    (("東京都板橋区において、区民の個人情報含む書類の紛失など3件の事故が発生していた。",), "板橋区"),
    (("各区は、それぞれ", "地区は、", "申請を受けた市町村は、障害者の"), ""),
    (("前市長の目玉政策だった予算", "函館市がまとめた2010年度の利用状況"), "函館市"),  # not 前市
    (("その千代田区の平成28年度の情報公開制度の運用状況",), "千代田区"),
    (("神奈川県における情報公開制度の運用状況",), "神奈川県"),
    (("港区における公開されるものの写しの交付数",), ""),  # a place compared, not the publisher
    (("中野区と委託契約を締結している団体が、書類を中野区へ提出しようとした。", "中野区北部の区有施設"),
     "中野区"),  # mentioned throughout, never as the publisher
    (("港区では三七八件、町田市では二八件", "港区の交付数", "町田市のそれは", "港区が多い"), ""),  # two compared
    (("鎌ケ谷市情報公開条例を公布し",), "鎌ケ谷市"),  # ケ inside a name
    (("奈良県が運用する情報公開制度で",), "奈良県"),
    (("昭和58年に神奈川県の機関の公文書の公開に関する条例を",), "神奈川県"),
    (("さいたま市 令和4年度 情報公開制度運用状況",), "さいたま市"),  # a kana name, a year between
    (("情報公開制度の運用状況(令和4年度) - 船橋市ホームページ",), "船橋市"),  # the site's title
    (("ホーム > 市政 > 情報公開 > 令和4年度情報公開の実施状況 北九州市",), "北九州市"),  # a breadcrumb trail
    (("緑と水の公園都市 三鷹市", "このページは広報のバックナンバーです。"), "三鷹市"),  # a header after a slogan
    (("東京都は2016年度の情報公開制度の運用状況をまとめた",), "東京都"),
    (("尾道市に個人情報が保管されている人は",), "尾道市"),
    (("〒191−8686日野市役所1階市民相談窓口",), "日野市"),  # 8686日 is no day: 日 opens the name
])
def test_municipality(texts, expected):
    assert municipality(_lines(*texts)) == expected


@pytest.mark.parametrize("texts, start_year", [
    (("令和5年度の情報公開制度の運用状況を紹介します",), 2023),
    (("運用状況", "対象期間 令和4年4月1日~令和5年3月31日"), 2022),
    (("19年度の請求は5件", "平成20年3月31日現在"), 2007),  # era from the page
    (("令和元年度",), 2019),
    (("22年度 情報公開、個人情報保護制度の状況",), 2010),  # no era on the page: 平成, not 昭和 or 令和
    (("58年度の運用状況",), 1983),
    (("(1)公文書公開請求件数等の推移(平成30年度~令和4年度)",), 2022),  # a range: its last year
    (("令和3年度から令和5年度までの状況",), 2023),
    (("更新日:2022年6月27日",), None),  # a date is no fiscal year
    (("2006年度分8,109件、2005年度分7,590件",), None),  # years of data, not of the report
    (("個人情報を含む令和5年度の文書の一部を誤って滅失した", "令和6年度の運用状況"), 2024),
    (("令和3年度中に受け付けた開示請求は5件",), 2021),  # during the report's year
    (("平成25年度の公文書開示制度の運用状況", "平成26年度の開示請求の状況"), 2013),
    (("令和5年度の文書開示の状況",), 2023),
    (("市が1991年度から施行している制度に基づく請求", "平成14年度の状況"), 2002),  # a start
    (("市が1991年度から施行している制度に基づく02年度の請求は60人", "1998年度769件、99年度2390件"),
     2002),  # two digits on a page of Western years; 1998年度769件 is data
    (("不服申し立てが増えたのは2011年度。", "2012年度の答申は6件"), 2012),  # when it happened
    (("平成12年度から新たな情報公開条例を", "施行いたしました。"), None),  # when a law began
    (("令和5年度版 情報公開制度運用状況報告書(令和4年度実績)",), 2022),  # an edition's year
    (("情報公開制度の運用状況について(令和4年度分)",), 2022),
    (("令和5年度 公表 情報公開制度の運用状況(対象期間:令和4年4月1日~令和5年3月31日)",), 2022),
    (("区では、昭和61年に条例を制定し", "4年度情報公開制度の運用状況"), None),  # not 昭和4年度
    (("事務処理誤り等の状況", "令和5年10月21日~令和5年11月20日報告分 11件"), 2023),  # within one year
    (("令和5年10月21日~令和6年5月20日報告分",), None),  # over two: not one year's
    (("平成30年度から令和4年度までの状況",), 2022),  # a range is no start
    (("請求が最も多かったのは、平成25年度で", "平成26年度の運用状況"), 2014),
])
def test_stated_fiscal_year(texts, start_year):
    found = stated_fiscal_year(_lines(*texts))
    assert (found.start_year if found else None) == start_year


def test_a_town_written_after_its_prefecture_and_district():
    assert municipality(_lines("長野県下伊那郡阿智村", "村の情報公開制度")) == "阿智村"


def test_a_fiscal_year_written_in_western_years():
    assert stated_fiscal_year(_lines("2021年度 情報公開制度の運用状況")).start_year == 2021


def test_an_era_less_year_two_eras_could_hold_is_left_unread():
    assert stated_fiscal_year(_lines("5年度の運用状況")) is None  # 平成5年度 or 令和5年度
