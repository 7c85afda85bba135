"""Every incident of the seed, checked field by field against the printed 表6."""

import pytest

from reportparse.extract.incidents import departments

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
