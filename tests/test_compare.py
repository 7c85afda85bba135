"""`reportparse compare`: every change planted in corpus/nerima_r2.txt and nerima_r4.txt is
found, and nothing else (tools/make_years.py and corpus/README.md list the plants)."""

import csv
import io
import json
import stat
import struct
import subprocess
import sys
import warnings
from decimal import Decimal
from functools import cache

import pandas as pd
import pytest

from conftest import ROOT
from reportparse.compare import CompareError, Key, compare, output_files, write
from reportparse.compare import diff as diff_module
from reportparse.compare import load as load_module
from reportparse.compare.charts import _incidents_by_category, charts

CORPUS = ROOT / "corpus"
R2, R3, R4 = (CORPUS / f"nerima_r{n}.txt" for n in (2, 3, 4))


def reportparse(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "reportparse", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def read_csv(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.fixture(scope="module", autouse=True)
def parse_each_report_once():
    """compare() parses its report files; parsing is pure, so one parse per file will do."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load_module, "parse", cache(load_module.parse))
        yield


@pytest.fixture(scope="module")
def comparison():
    return compare([R2, R3, R4])


@pytest.fixture(scope="module")
def out(tmp_path_factory, comparison):
    folder = tmp_path_factory.mktemp("compare")
    write(comparison, folder)
    return folder


@pytest.fixture(scope="module")
def changes(out):
    return read_csv(out / "changes.csv")


KEY = ("kind", "title", "group", "label", "column", "unit")
T1, T2, T3 = "自己情報の開示等請求状況", "開示等請求処理状況", "諾否の決定に要した期間"
S1 = "自己情報の開示等請求の処理状況"
DATE4 = ("table", "全項目再評価(1事務)", "", "予防接種に関する事務", "点検実施日", "")
DATE5 = ("table", "重点項目再評価(1事務)", "", "健康増進法に基づく健康増進事業に関する事務",
         "点検実施日", "")
REVIEW = "審査請求の状況"


def count(kind, label):
    return (kind, "", "", label, "count", "")


# Every row of changes.csv whose status is not `unchanged`, by hand from tools/make_years.py:
# key + from_year -> (from_value, to_value, status).
PLANTED = {
    # 令和2年度 -> 令和3年度
    (("table", T1, "", "区民", "請求者数", "人"), "2020"): ("70", "74", "changed"),
    (("table", T1, "", "区民", "件数", "件"), "2020"): ("240", "250", "changed"),
    (("table", T1, "", "合計", "請求者数", "人"), "2020"): ("104", "108", "changed"),
    (("table", T1, "", "合計", "件数", "件"), "2020"): ("325", "335", "changed"),
    (("table", T2, "開示請求", "全部開示", "件数", "件"), "2020"): ("181", "191", "changed"),
    (("table", T2, "", "合計", "件数", "件"), "2020"): ("325", "335", "changed"),
    (("table", T3, "", "2週間までに決定したもの", "件数", "件"), "2020"): ("188", "198", "changed"),
    (("table", T3, "", "合計", "件数", "件"), "2020"): ("325", "335", "changed"),
    (DATE4, "2020"): ("2020-11-17", "2021-11-17", "changed"),
    (DATE5, "2020"): ("2021-03-29", "2022-03-29", "changed"),
    (("metric", S1, "", "自己情報の開示等請求件数", "", "件"), "2020"): ("325", "335", "changed"),
    (("metric", S1, "", "請求者", "", "人"), "2020"): ("104", "108", "changed"),
    (("metric", "業務の登録の状況", "", "登録数", "", "件"), "2020"): ("485", "498", "changed"),
    (("metric", "目的外利用および外部提供の状況", "", "目的外利用の延べ人数", "", "人"), "2020"):
        ("1652310", "1710634", "changed"),
    (("metric", "区の電子計算組織と区以外の電子計算組織との結合状況", "", "結合件数", "", "件"),
     "2020"): ("74", "77", "changed"),
    # incident 24 (誤送信, the office itself, 教育指導課 教育施策課, 40名分) is not in 令和2年度
    (count("incidents_by_category", "誤送信"), "2020"): ("7", "8", "changed"),
    (count("incidents_by_actor", "区(直接)"), "2020"): ("15", "16", "changed"),
    (count("incidents_by_department", "教育指導課"), "2020"): ("3", "4", "changed"),
    (count("incidents_by_department", "教育施策課"), "2020"): ("1", "2", "changed"),
    (("affected_total", "", "", "名", "affected", "名"), "2020"): ("188", "228", "changed"),
    (count("cause_term", "メール"), "2020"): ("7", "8", "changed"),
    (count("cause_term", "送信"), "2020"): ("7", "8", "changed"),
    (count("cause_term", "内容"), "2020"): ("9", "10", "changed"),
    (count("cause_term", "確認"), "2020"): ("10", "11", "changed"),
    # 令和3年度 -> 令和4年度
    (("table", T1, "", "区民", "請求者数", "人"), "2021"): ("74", "80", "changed"),
    (("table", T1, "", "区民", "件数", "件"), "2021"): ("250", "262", "changed"),
    (("table", T1, "", "合計", "請求者数", "人"), "2021"): ("108", "114", "changed"),
    (("table", T1, "", "合計", "件数", "件"), "2021"): ("335", "347", "changed"),
    (("table", T2, "開示請求", "全部開示", "件数", "件"), "2021"): ("191", "203", "changed"),
    (("table", T2, "", "合計", "件数", "件"), "2021"): ("335", "347", "changed"),
    (("table", REVIEW, "", "非開示", "審査請求", "件"), "2021"): ("", "1", "added"),
    (("table", REVIEW, "", "目的外利用の中止", "審査請求", "件"), "2021"): ("", "1", "added"),
    (("table", REVIEW, "", "外部提供の中止", "審査請求", "件"), "2021"): ("", "1", "added"),
    (("table", REVIEW, "", "合計", "審査請求", "件"), "2021"): ("", "3", "added"),
    (("table", T3, "", "2週間までに決定したもの", "件数", "件"), "2021"): ("198", "210", "changed"),
    (("table", T3, "", "合計", "件数", "件"), "2021"): ("335", "347", "changed"),
    (DATE4, "2021"): ("2021-11-17", "2022-11-17", "changed"),
    (DATE5, "2021"): ("2022-03-29", "2023-03-29", "changed"),
    (("metric", S1, "", "自己情報の開示等請求件数", "", "件"), "2021"): ("335", "347", "changed"),
    (("metric", S1, "", "請求者", "", "人"), "2021"): ("108", "114", "changed"),
    (("metric", "業務の登録の状況", "", "登録数", "", "件"), "2021"): ("498", "505", "changed"),
    (("metric", "業務の委託の状況", "", "外部委託の業務数", "", "件"), "2021"): ("617", "630", "changed"),
    (("metric", "目的外利用および外部提供の状況", "", "外部提供の延べ人数", "", "人"), "2021"):
        ("398074", "401250", "changed"),
    # その他 (the office itself, 教育指導課, 36名分) gone; 盗難 (委託事業者, 介護保険課, 3名分) new:
    # counted from an incident list, they are 0 where the list has none
    (count("incidents_by_category", "その他"), "2021"): ("1", "0", "changed"),
    (count("incidents_by_category", "盗難"), "2021"): ("0", "1", "changed"),
    (count("incidents_by_actor", "区(直接)"), "2021"): ("16", "15", "changed"),
    (count("incidents_by_actor", "委託事業者"), "2021"): ("6", "7", "changed"),
    (count("incidents_by_department", "教育指導課"), "2021"): ("4", "3", "changed"),
    (count("incidents_by_department", "介護保険課"), "2021"): ("2", "3", "changed"),
    (("affected_total", "", "", "名", "affected", "名"), "2021"): ("228", "195", "changed"),
    (count("cause_term", "管理"), "2021"): ("10", "11", "changed"),
}


def _key(row):
    return tuple(row[column] for column in KEY)


def test_every_planted_change_is_found_and_nothing_else(changes):
    found = {(_key(row), row["from_year"]): (row["from_value"] or row["from_text"],
                                             row["to_value"] or row["to_text"], row["status"])
             for row in changes if row["status"] != "unchanged"}
    assert found == PLANTED
    assert {row["to_year"] for row in changes if row["from_year"] == "2020"} == {"2021"}
    assert {row["to_year"] for row in changes if row["from_year"] == "2021"} == {"2022"}


def test_a_changed_number_with_delta_and_percentage(changes):
    rows = {(_key(row), row["from_year"]): row for row in changes}
    registered = rows[(("metric", "業務の登録の状況", "", "登録数", "", "件"), "2021")]
    assert [registered[c] for c in ("from_value", "to_value", "delta", "pct_change", "status")] \
        == ["498", "505", "7", "1.4", "changed"]
    direct = rows[(count("incidents_by_actor", "区(直接)"), "2021")]
    assert (direct["delta"], direct["pct_change"]) == ("-1", "-6.3")  # 1/16 = 6.25%, half up
    theft = rows[(count("incidents_by_category", "盗難"), "2021")]
    assert (theft["delta"], theft["pct_change"]) == ("1", "")  # no percentage of 0
    date = rows[(DATE4, "2021")]
    assert [date[c] for c in ("from_value", "to_value", "delta", "pct_change")] == [""] * 4
    assert (date["from_text"], date["to_text"]) == ("2021-11-17", "2022-11-17")  # as text


def test_the_renumbered_table_aligns_by_title(changes):
    # 諾否の決定に要した期間 is 表3 in 令和3年度 and 表4 in 令和4年度: its 7 rows are matched.
    rows = [row for row in changes if row["title"] == T3 and row["from_year"] == "2021"]
    assert len(rows) == 7
    assert {row["status"] for row in rows} == {"changed", "unchanged"}


def test_typesetting_alone_is_not_a_change(changes):
    rows = {(_key(row), row["from_year"]): row["status"] for row in changes}
    # 令和4年度 prints １週間 (full-width), 合計 for 合 計, 誤送信（８）, and the heading of
    # section 5 spaced out; 令和2年度 prints 区分 and 合計 in 表1.
    assert rows[(("table", T3, "", "1週間までに決定したもの", "件数", "件"), "2021")] == "unchanged"
    assert rows[(("metric", "目的外利用および外部提供の状況", "", "目的外利用の延べ人数", "", "人"),
                 "2021")] == "unchanged"
    assert rows[(count("incidents_by_category", "誤送信"), "2021")] == "unchanged"
    assert rows[(("table", T1, "", "区民以外", "件数", "件"), "2020")] == "unchanged"


def test_trend_has_one_column_per_fiscal_year(out):
    text = (out / "trend.csv").read_text(encoding="utf-8-sig")
    header = "kind,title,group,label,column,unit,check_failed_in,fy2020,fy2021,fy2022"
    assert text.splitlines()[0] == header
    assert "metric,業務の登録の状況,,登録数,,件,,485,498,505\n" in text
    assert "incidents_by_category,,,その他,count,,,1,1,0\n" in text
    assert "incidents_by_category,,,盗難,count,,,0,0,1\n" in text
    assert "table,審査請求の状況,,合計,審査請求,件,,,,3\n" in text  # not printed before
    assert "incidents_by_actor,,,区(直接),count,,,15,16,15\n" in text
    assert "点検実施日" not in text  # dates are text: trend_text.csv
    dates = (out / "trend_text.csv").read_text(encoding="utf-8-sig")
    assert dates.splitlines()[0] == header
    assert f"{','.join(DATE4)},,2020-11-17,2021-11-17,2022-11-17\n" in dates


def test_every_numeric_column_reads_as_numbers(out):
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert [r["name"] for r in package["resources"]] == ["changes", "trend", "trend_text"]
    for resource in package["resources"]:
        frame = pd.read_csv(out / resource["path"], encoding="utf-8-sig")
        assert list(frame.columns) == [f["name"] for f in resource["schema"]["fields"]]
        for field in resource["schema"]["fields"]:
            if field["type"] in ("integer", "number"):
                assert pd.api.types.is_numeric_dtype(frame[field["name"]]), field["name"]
            if field["type"] == "boolean":
                assert pd.api.types.is_bool_dtype(frame[field["name"]]), field["name"]


def test_figures_from_failed_checks_are_marked_everywhere(out, comparison, changes):
    # every year declares 誤廃棄 (1) over 9 rows: its count is flagged, the others are not
    flagged = {(row["label"], row["from_year"]) for row in changes if row["check_failed"] == "true"}
    assert flagged == {("誤廃棄", "2020"), ("誤廃棄", "2021")}
    trend = read_csv(out / "trend.csv")
    marked = {row["label"]: row["check_failed_in"] for row in trend if row["check_failed_in"]}
    assert marked == {"誤廃棄": "令和2年度;令和3年度;令和4年度"}
    bars = [patch for patch in _incidents_by_category(comparison).axes[0].patches
            if patch.get_hatch()]
    assert [bar.get_height() for bar in bars] == [9, 9, 9]
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    assert "令和3年度 (FY2021): " in summary and "(1 failed check(s): (!) marks their figures)" in summary


def test_a_changed_figure_whose_check_failed_is_marked_in_the_summary(tmp_path):
    wrong = tmp_path / "nerima_r3.txt"  # 区民 251: the 合計 row no longer adds up
    wrong.write_text(R3.read_text(encoding="utf-8").replace("区民\t74\t250", "区民\t74\t251"),
                     encoding="utf-8")
    summary = compare([R2, wrong]).summary
    assert "  - 表 自己情報の開示等請求状況 / 区民 / 件数: 240 → 251 件 (+11, +4.6%) (!)" in summary
    assert "  - 自己情報の開示等請求の処理状況 / 請求者: 104 → 108 人 (+4, +3.8%)" in summary


def test_summary_puts_the_news_first_in_words(out):
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    later = summary.split("令和3年度 → 令和4年度: ")[1].splitlines()
    assert later[0] == "23 changed, 4 added, 0 removed, 57 unchanged"
    assert later[1:5] == [
        "  - 表 審査請求の状況: a new table in 令和4年度 (4 figures)",
        "  - incidents of type 盗難: 0 → 1 (+1)",
        "  - incidents of type その他: 1 → 0 (-1, -100%)",
        "  - people affected by the incidents: 228 → 195 (-33, -14.5%)",
    ]
    assert ("目的外利用および外部提供の状況 / 目的外利用の延べ人数: 1,652,310 → 1,710,634 人 "
            "(+58,324, +3.5%)") in summary


def test_a_report_compared_with_itself_has_no_change(tmp_path):
    comparison = compare([R3, R3])
    assert comparison.years == (2021,) and comparison.changes == ()
    assert "One fiscal year only (令和3年度): no change." in comparison.summary
    write(comparison, tmp_path)
    assert read_csv(tmp_path / "changes.csv") == []


def test_input_order_does_not_change_a_byte(tmp_path):
    one = output_files(compare([R2, R3, R4]))
    two = output_files(compare([R4, R2, R3, R4]))  # and a repeat counts once
    del one["summary.txt"], two["summary.txt"]  # it names the repeat
    assert one == two


def test_charts_are_real_pngs(out):
    for name in ("incidents_by_category.png", "key_metrics.png"):
        data = (out / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
        assert width >= 800 and height >= 500 and len(data) > 20_000, name


def test_chart_labels_have_every_glyph(comparison):
    # matplotlib warns "Glyph … missing from font(s)" where it would draw an empty box
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert set(charts(comparison)) == {"incidents_by_category.png", "key_metrics.png"}


def test_a_report_without_a_fiscal_year_is_an_error(tmp_path):
    undated = tmp_path / "undated.txt"
    undated.write_text(R3.read_text(encoding="utf-8").replace("令和3年度", "本年度"),
                       encoding="utf-8")
    with pytest.raises(CompareError, match="no fiscal year .*undated.txt"):
        compare([R3, undated])


def test_a_folder_must_be_an_output_of_parse(tmp_path):
    with pytest.raises(CompareError, match="no reports.csv"):
        compare([tmp_path])
    with pytest.raises(CompareError, match="missing.txt: no such file"):
        compare([R3, tmp_path / "missing.txt"])


def test_repeated_keys_in_one_report_are_both_kept():
    report = load_module.Loaded("x", "0", "練馬区", 2021, "令和3年度", tables=(
        {"table_title": "表", "row_group": "", "row_label": "計", "column": "件数", "unit": "件",
         "value": "1", "value_num": "1", "value_date": ""},
        {"table_title": "表", "row_group": "", "row_label": "計", "column": "件数", "unit": "件",
         "value": "2", "value_num": "2", "value_date": ""},
    ), metrics=(), incidents=(), tokens=())
    figures = diff_module._figures(report, [])
    assert {key.label: value for key, value in figures[2021].items()} == {
        "計": Decimal(1), "計 #2": Decimal(2)}


def test_labels_with_fiscal_years_line_up_across_years_and_table_rows_give_their_years(
        tmp_path):
    real = ROOT.parent / "shared" / "real-reports"
    if not real.is_dir():
        pytest.skip("../shared/real-reports is absent")
    comparison = compare([real / "nakano_h30_kojinjoho_unei.txt",
                          real / "nakano_r4_kojinjoho_unei.txt"])
    assert comparison.years == (2018, 2022)
    rows = {row.key: row.values for row in comparison.trend}
    kucho = Key("table", "個人情報収集事務登録等状況", "", "区長", "前年度末の登録数(A)", "件")
    assert rows[kucho] == (Decimal(913), Decimal(952))
    new = Key("table", "個人情報収集事務登録等状況", "", "区長", "当年度内の登録 / 新規(B)", "件")
    assert rows[new] == (Decimal(31), Decimal(24))
    shared = Key("metric", "情報公開制度", label="全部公開", unit="件")
    assert rows[shared] == (Decimal(563), Decimal(563))
    # one report over 23 fiscal years: each row is its own year
    history = compare([real / "higashimurayama_h11_r3_johokokai_unyo.txt"])
    assert history.years == tuple(range(2008, 2022))
    rows = {row.key: row.values for row in history.trend}
    total = Key("table", "請求件数と決定内容の内訳", "", "当年度", "請求件数(所管課別)", "件")
    assert rows[total][:2] == (Decimal(151), Decimal(98)) and rows[total][-1] == Decimal(82)
    assert history.labels[0] == "平成20年度" and history.labels[-1] == "令和3年度"


# --- the command line, as a user drives it ------------------------------------------------


def test_cli_compares_three_years(tmp_path):
    result = reportparse("compare", R3, R4, R2, "-o", tmp_path / "cmp")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("練馬区: 3 fiscal year(s)\n")
    assert "令和2年度 → 令和3年度: 24 changed, 0 added, 0 removed, 56 unchanged" in result.stdout
    assert "incidents of type 盗難: 0 → 1 (+1)" in result.stdout
    names = {path.name for path in (tmp_path / "cmp").iterdir()}
    assert {"changes.csv", "trend.csv", "summary.txt", "incidents_by_category.png",
            "key_metrics.png"} <= names
    assert (tmp_path / "cmp" / "summary.txt").read_text(encoding="utf-8") in result.stdout


def test_cli_an_out_folder_gives_the_same_changes_as_the_reports(tmp_path, out):
    parsed = reportparse("parse", R2, R3, R4, "-o", tmp_path / "parsed", "-q")
    assert parsed.returncode == 0, parsed.stderr
    result = reportparse("compare", tmp_path / "parsed", "-o", tmp_path / "cmp")
    assert result.returncode == 0, result.stderr
    for name in ("changes.csv", "trend.csv", "trend_text.csv"):
        assert (tmp_path / "cmp" / name).read_bytes() == (out / name).read_bytes(), name


def test_cli_refuses_two_municipalities(tmp_path):
    other = tmp_path / "suginami_r4.txt"
    other.write_text(R4.read_text(encoding="utf-8").replace("練馬区", "杉並区"), encoding="utf-8")
    result = reportparse("compare", R3, other, "-o", tmp_path / "cmp")
    assert result.returncode == 1
    assert "more than one municipality" in result.stderr
    assert "練馬区" in result.stderr and "杉並区" in result.stderr
    assert "nerima_r3.txt" in result.stderr and "suginami_r4.txt" in result.stderr
    assert not (tmp_path / "cmp").exists()  # nothing written


def test_cli_refuses_two_reports_of_one_fiscal_year(tmp_path):
    corrected = tmp_path / "nerima_r3_corrected.txt"
    corrected.write_text(R3.read_text(encoding="utf-8").replace("区民\t74\t250", "区民\t74\t251"),
                         encoding="utf-8")
    result = reportparse("compare", R3, corrected, "-o", tmp_path / "cmp")
    assert result.returncode == 1
    assert "2 different reports of 令和3年度 (FY2021)" in result.stderr
    assert "nerima_r3.txt" in result.stderr and "nerima_r3_corrected.txt" in result.stderr
    assert not (tmp_path / "cmp").exists()


def test_cli_an_output_that_cannot_be_written_is_a_usage_error(tmp_path):
    (tmp_path / "file").write_text("x")
    for out in (tmp_path / "file", tmp_path / "file" / "cmp"):
        result = reportparse("compare", R2, R3, "-o", out)
        assert result.returncode == 2
        assert result.stderr.startswith(f"reportparse: cannot write to {out}/: ")
        assert "Traceback" not in result.stderr


def test_cli_files_have_the_modes_of_parse(tmp_path):
    assert reportparse("compare", R2, R3, "-o", tmp_path / "cmp").returncode == 0
    assert reportparse("parse", R2, "-o", tmp_path / "out", "-q").returncode == 0
    modes = {oct(stat.S_IMODE(p.stat().st_mode)) for folder in ("cmp", "out")
             for p in (tmp_path / folder).iterdir() if p.is_file()}
    assert len(modes) == 1 and modes != {"0o600"}


def test_cli_usage_and_help():
    assert reportparse("compare").returncode == 2
    result = reportparse("compare", "--help")
    assert result.returncode == 0 and "examples:" in result.stdout
