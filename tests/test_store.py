"""OUT is a dataset: runs add to it, a run that parsed nothing changes nothing."""

import json
import os
import shutil
import stat

import pandas as pd
import pytest

from conftest import ROOT
from reportparse.cli import main
from reportparse.output.rows import OUTPUT_NAMES, columns

CORPUS = ROOT / "corpus"
R2, R3, R4 = (str(CORPUS / f"nerima_r{n}.txt") for n in (2, 3, 4))


def snapshot(out):
    """Every file of OUT, hidden ones included, with its bytes."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def report_ids(out):
    return pd.read_csv(out / "reports.csv", encoding="utf-8-sig")["report_id"].tolist()


def parse(*args):
    return main(["parse", *map(str, args), "-q"])


@pytest.fixture
def two_years(tmp_path):
    out = tmp_path / "out"
    assert parse(R2, R3, "-o", out) == 0
    return out


def test_a_typo_run_leaves_out_byte_identical(two_years, capsys):
    before = snapshot(two_years)
    assert main(["parse", str(CORPUS / "nerima_r3.tx"), "-o", str(two_years)]) == 1
    assert snapshot(two_years) == before
    assert f"0 report(s) parsed, 1 error(s); {two_years}/ is unchanged" in capsys.readouterr().out


def test_a_failed_run_leaves_out_byte_identical(two_years, tmp_path):
    before = snapshot(two_years)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "letter.txt").write_text("拝啓\n", encoding="utf-8")
    assert parse(tmp_path / "empty.txt", tmp_path / "letter.txt", "-o", two_years,
                 "--replace") == 1
    assert snapshot(two_years) == before


def test_adding_a_year_keeps_the_earlier_ones(two_years):
    assert parse(R4, "-o", two_years) == 0
    assert report_ids(two_years) == ["nerima_r2", "nerima_r3", "nerima_r4"]
    incidents = pd.read_csv(two_years / "incidents.csv", encoding="utf-8-sig")
    assert incidents.groupby("report_id").size().to_dict() == {
        "nerima_r2": 27, "nerima_r3": 28, "nerima_r4": 28}


def test_the_same_set_gives_the_same_bytes_whatever_the_order_of_runs(tmp_path):
    orders = {"together": [[R2, R3, R4]], "backwards": [[R4], [R3], [R2]],
              "mixed": [[R3, R4], [R2, R3]]}
    for name, runs in orders.items():
        for inputs in runs:
            assert parse(*inputs, "-o", tmp_path / name) == 0
    together = snapshot(tmp_path / "together")
    assert snapshot(tmp_path / "backwards") == together == snapshot(tmp_path / "mixed")


def test_a_report_id_parsed_again_replaces_its_rows(two_years, tmp_path):
    changed = tmp_path / "nerima_r3.txt"
    changed.write_text(open(R3, encoding="utf-8").read().replace("区民\t74\t250", "区民\t74\t251"),
                       encoding="utf-8")
    assert parse(changed, "-o", two_years) == 0
    assert report_ids(two_years) == ["nerima_r2", "nerima_r3"]
    reports = pd.read_csv(two_years / "reports.csv", encoding="utf-8-sig")
    assert reports.set_index("report_id").loc["nerima_r3", "source_path"] == str(changed)
    tables = pd.read_csv(two_years / "tables.csv", encoding="utf-8-sig")
    assert 251 in tables.query("report_id == 'nerima_r3'")["value_num"].tolist()
    assert len(list((two_years / ".reportparse" / "cache").iterdir())) == 2


def test_replace_rebuilds_out_from_this_run(two_years, tmp_path):
    assert parse(R4, "-o", two_years, "--replace") == 0
    assert report_ids(two_years) == ["nerima_r4"]
    assert parse(R4, "-o", tmp_path / "fresh") == 0
    assert snapshot(two_years) == snapshot(tmp_path / "fresh")


def test_errors_stay_until_their_input_parses(two_years, tmp_path):
    broken = tmp_path / "nerima_r4.txt"
    broken.write_bytes(b"")
    assert parse(broken, R4, "-o", two_years) == 1
    errors = pd.read_csv(two_years / "errors.csv", encoding="utf-8-sig")
    assert errors[["source_path", "error"]].values.tolist() == [[str(broken), "unreadable_text"]]
    assert parse(R2, "-o", two_years) == 0  # another input: the error stays listed
    assert len(pd.read_csv(two_years / "errors.csv", encoding="utf-8-sig")) == 1
    shutil.copy(R4, broken)
    assert parse(broken, "-o", two_years) == 0  # it parses now: its error goes
    assert pd.read_csv(two_years / "errors.csv", encoding="utf-8-sig").empty


def test_a_lost_cache_is_a_clear_error_and_out_stays(two_years, capsys):
    shutil.rmtree(two_years / ".reportparse" / "cache")
    before = snapshot(two_years)
    assert parse(R4, "-o", two_years) == 1
    assert "lacks the rows of nerima_r2, nerima_r3" in capsys.readouterr().err
    assert {k: v for k, v in snapshot(two_years).items() if "cache" not in k} == before
    assert parse(R4, "-o", two_years, "--replace") == 0


def test_files_are_written_with_the_ordinary_mode(two_years):
    umask = os.umask(0)
    os.umask(umask)
    for path in [p for p in two_years.iterdir() if p.is_file()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path


def test_datapackage_describes_every_csv_with_its_header(two_years):
    package = json.loads((two_years / "datapackage.json").read_text("utf-8"))
    names = [resource["name"] for resource in package["resources"]]
    assert names == [*OUTPUT_NAMES, "errors"]
    for resource in package["resources"]:
        header = (two_years / resource["path"]).read_text("utf-8-sig").splitlines()[0]
        assert [field["name"] for field in resource["schema"]["fields"]] == header.split(",")
        assert all(field["description"] for field in resource["schema"]["fields"]), resource["name"]
    assert [f["name"] for f in package["resources"][1]["schema"]["fields"]] == list(columns("tables"))


def test_pandas_reads_every_numeric_column_as_numbers(two_years):
    package = json.loads((two_years / "datapackage.json").read_text("utf-8"))
    for resource in package["resources"]:
        frame = pd.read_csv(two_years / resource["path"], encoding="utf-8-sig")
        for field in resource["schema"]["fields"]:
            column = frame[field["name"]]
            if field["type"] in ("integer", "number"):
                assert pd.api.types.is_numeric_dtype(column), (resource["name"], field["name"])
            if field["type"] == "boolean" and len(column):
                assert pd.api.types.is_bool_dtype(column), (resource["name"], field["name"])
