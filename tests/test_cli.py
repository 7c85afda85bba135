"""The command line, driven as a user drives it."""

import csv
import io
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SEED
from reportparse.cli import main
from reportparse.output.rows import OUTPUT_NAMES, columns


def reportparse(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "reportparse", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def read_csv(path, encoding="utf-8-sig"):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding=encoding))))


def test_parse_writes_every_csv_with_the_spec_columns(tmp_path):
    result = reportparse("parse", SEED, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "1 report(s) parsed, 0 error(s)" in result.stdout
    assert "nerima_r3: 練馬区 令和3年度, 5 tables (28 cells), 9 metrics, 28 incidents" in result.stdout
    for name in OUTPUT_NAMES + ("errors",):
        data = (tmp_path / "out" / f"{name}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name  # utf-8-sig for Excel
    for name in OUTPUT_NAMES:
        header = next(csv.reader(io.StringIO((tmp_path / "out" / f"{name}.csv").read_text("utf-8-sig"))))
        assert tuple(header) == columns(name)
    assert read_csv(tmp_path / "out" / "errors.csv") == []


def test_spec_worked_examples_in_the_csv(tmp_path):
    assert main(["parse", str(SEED), "-o", str(tmp_path), "-q"]) == 0
    incidents = {row["no"]: row for row in read_csv(tmp_path / "incidents.csv")}
    assert {k: incidents["23"][k] for k in (
        "category", "category_declared", "occurred", "occurred_label", "actor", "actor_detail",
        "affected_count", "affected_unit", "affected_label", "cause_as_printed", "cause",
        "departments")} == {
        "category": "誤送信", "category_declared": "8", "occurred": "2022-03",
        "occurred_label": "4年3月", "actor": "委託事業者", "actor_detail": "区内病院",
        "affected_count": "26", "affected_unit": "名", "affected_label": "26名分",
        "cause_as_printed": "同上", "cause": "メール送信時の内容確認が不十分であったため",
        "departments": "住民接種担当課"}
    assert incidents["14"]["departments"] == "石神井保健相談所;大泉保健健康相談所"
    tables = read_csv(tmp_path / "tables.csv")
    total = [r for r in tables if r["table_no"] == "2" and r["row_label"] == "合計"][0]
    assert (total["row_group"], total["value_num"], total["is_total"]) == ("", "335", "true")
    metric = [r for r in read_csv(tmp_path / "metrics.csv") if r["section_no"] == "5"][0]
    assert (metric["value"], metric["unit"], metric["as_of"]) == ("1710634", "人", "")
    report = read_csv(tmp_path / "reports.csv")[0]
    assert (report["fiscal_year"], report["fiscal_year_label"], report["n_checks_failed"]) == (
        "2021", "令和3年度", "1")


def test_bad_inputs_are_listed_and_the_rest_is_written(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "good.txt")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (inputs / "letter.txt").write_text("拝啓 時下ますますご清栄のこととお慶び申し上げます。\n", encoding="utf-8")
    (inputs / "title.txt").write_text(  # a report's opening, cut before its figures
        "情報公開・個人情報保護制度の内容と令和3年度実施・運用状況\n\n市が持っている情報は、市民の共有の財産です。\n",
        encoding="utf-8")
    result = reportparse("parse", inputs, "-o", tmp_path / "out")
    assert result.returncode == 1
    errors = {row["source_path"].rsplit("/", 1)[-1]: row for row in read_csv(tmp_path / "out" / "errors.csv")}
    assert {name: row["error"] for name, row in errors.items()} == {
        "binary.txt": "unreadable_text", "empty.txt": "unreadable_text", "letter.txt": "no_report_found"}
    for name, row in errors.items():
        assert name in row["message"]  # every message names its file
    reports = {r["report_id"]: r for r in read_csv(tmp_path / "out" / "reports.csv")}
    assert list(reports) == ["good", "title"]
    assert (reports["title"]["fiscal_year"], reports["title"]["n_metrics"]) == ("2021", "0")
    assert [(c["report_id"], c["check"]) for c in read_csv(tmp_path / "out" / "checks.csv")
            if c["status"] == "failed" and c["report_id"] == "title"] == [("title", "figures_found")]
    assert "error: no_report_found" in result.stderr


def test_missing_input_is_an_error_row(tmp_path):
    assert main(["parse", str(SEED), str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o"), "-q"]) == 1
    assert [r["error"] for r in read_csv(tmp_path / "o" / "errors.csv")] == ["not_found"]


def test_same_stem_twice_gets_unique_ids(tmp_path):
    (tmp_path / "a").mkdir()
    shutil.copy(SEED, tmp_path / "a" / "nerima_r3.txt")
    assert main(["parse", str(SEED), str(tmp_path / "a" / "nerima_r3.txt"), "-o", str(tmp_path / "o"), "-q"]) == 0
    assert [r["report_id"] for r in read_csv(tmp_path / "o" / "reports.csv")] == ["nerima_r3", "nerima_r3-2"]
    ids = {r["report_id"] for r in read_csv(tmp_path / "o" / "incidents.csv")}
    assert ids == {"nerima_r3", "nerima_r3-2"}


def test_jobs_give_the_same_bytes(tmp_path):
    inputs = [str(SEED)] * 3
    assert main(["parse", *inputs, "-o", str(tmp_path / "one"), "-q"]) == 0
    assert main(["parse", *inputs, "-o", str(tmp_path / "two"), "-q", "--jobs", "2"]) == 0
    for name in OUTPUT_NAMES:
        assert (tmp_path / "one" / f"{name}.csv").read_bytes() == (tmp_path / "two" / f"{name}.csv").read_bytes()


def test_encoding_option(tmp_path, seed_text):
    source = tmp_path / "r.txt"
    source.write_text(seed_text.replace("齐", "斉"), encoding="utf-8")
    assert main(["parse", str(source), "-o", str(tmp_path / "o"), "-q", "--encoding", "cp932"]) == 0
    rows = read_csv(tmp_path / "o" / "incidents.csv", encoding="cp932")
    assert rows[22]["actor_detail"] == "区内病院"


def test_encoding_that_cannot_hold_the_text_fails_loudly(tmp_path, capsys):
    assert main(["parse", str(SEED), "-o", str(tmp_path / "o"), "-q", "--encoding", "cp932"]) == 1
    err = capsys.readouterr().err
    assert "'齐'" in err and "cp932" in err
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [".reportparse"]  # no output file


@pytest.mark.parametrize("args", [["parse"], ["parse", "x", "--jobs", "0"], ["parse", "x", "--engine", "ocr"], ["frobnicate"]])
def test_usage_errors_exit_2(args):
    assert reportparse(*args).returncode == 2


@pytest.mark.parametrize("command", ["parse", "golden", "compare"])
def test_help_shows_examples(command):
    result = reportparse(command, "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout and f"reportparse {command}" in result.stdout


def test_top_level_help_shows_examples_and_the_schema():
    result = reportparse("--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout and "reportparse parse corpus/ -o out/" in result.stdout
    assert "docs/schema.md" in result.stdout


@pytest.mark.parametrize("value, message", [("x", "'x' is not a whole number"),
                                            ("0", "'0': must be 1 or more")])
def test_a_bad_number_says_what_is_wrong(value, message):
    result = reportparse("parse", "x", "--jobs", value)
    assert result.returncode == 2
    assert f"argument --jobs: {message}" in result.stderr and "_positive" not in result.stderr


def test_a_large_batch_has_a_short_summary(tmp_path):
    for i in range(25):
        shutil.copy(SEED, tmp_path / f"r{i:02}.txt")
    result = reportparse("parse", tmp_path, "-o", tmp_path / "out", "--jobs", "2")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("25 report(s) parsed, 0 error(s)")
    assert len(lines) == 1 + 20 * 2 + 1  # each shown report has its failed check under it
    assert lines[-1] == (f"  … and 5 more report(s) in {tmp_path / 'out'}/reports.csv "
                         f"(5 of them with failed checks, in {tmp_path / 'out'}/checks.csv)")


def test_golden_check_passes_on_the_committed_corpus():
    result = reportparse("golden", "check")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "matches" in result.stdout


def test_golden_check_shows_a_diff_on_drift(tmp_path):
    shutil.copytree(ROOT / "golden", tmp_path / "golden")
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    text = (tmp_path / "corpus" / "nerima_r3.txt").read_text(encoding="utf-8")
    (tmp_path / "corpus" / "nerima_r3.txt").write_text(text.replace("区民\t74\t250", "区民\t74\t251"), encoding="utf-8")
    result = reportparse("golden", "check", cwd=tmp_path)
    assert result.returncode == 1
    assert "-nerima_r3,2021,1,自己情報の開示等請求状況,1,,区民,2,,件数,件,250,250," in result.stdout
    assert "+nerima_r3,2021,1,自己情報の開示等請求状況,1,,区民,2,,件数,件,251,251," in result.stdout


def test_a_folder_without_reports_is_an_error_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["parse", str(tmp_path / "empty"), "-o", str(tmp_path / "o")]) == 1
    captured = capsys.readouterr()
    assert "error: not_found:" in captured.err and "no .pdf, .txt or .html file" in captured.err
    assert f"{tmp_path / 'o'}/ is unchanged" in captured.out
    assert not (tmp_path / "o").exists()


def test_an_output_folder_that_cannot_be_written_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "file").write_text("not a folder")
    assert main(["parse", str(SEED), "-o", str(tmp_path / "file" / "out"), "-q"]) == 2
    assert "cannot write to" in capsys.readouterr().err


def test_a_terminal_shows_a_progress_bar_and_quiet_or_a_pipe_none(tmp_path, capsys, monkeypatch):
    inputs = [str(ROOT / "corpus" / name) for name in ("nerima_r2.txt", "nerima_r3.txt")]
    assert main(["parse", *inputs, "-o", str(tmp_path / "piped")]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["parse", *inputs, "-o", str(tmp_path / "quiet"), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["parse", *inputs, "-o", str(tmp_path / "shown")]) == 0
    assert "2/2" in capsys.readouterr().err
