"""The cache of rendered inputs (``OUT/.reportparse/cache/<key>.rows``) and the streamed commit.

A re-run reuses an entry only when every check passes; a damaged or foreign entry is
parsed again, and OUT is the same with or without the cache. The commit writes each
report's rows as it arrives, in report_id order, and an interrupted run leaves OUT as it was.
"""

import gzip
import json
import shutil
from dataclasses import asdict

import pytest

from conftest import ROOT
from reportparse.batch.run import Job, render, run_batch
from reportparse.cli import main
from reportparse.output import cache
from reportparse.output.rows import OUTPUT_NAMES
from reportparse.output.store import STATE, Dataset, DatasetWriter, Entry, OutputFolder

CORPUS = ROOT / "corpus"
R2, R3, R4 = (CORPUS / f"nerima_r{n}.txt" for n in (2, 3, 4))


def snapshot(out, cached=True):
    """Every file of OUT, hidden ones included, with its bytes (the cache's only if asked)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and (cached or "cache" not in p.parts)}


def entries(out):
    return sorted((out / STATE / "cache").iterdir())


def entry_of(out, report_id):
    """The cache file of ``report_id``, as OUT's manifest names it."""
    manifest = json.loads((out / STATE / "manifest.json").read_text("utf-8"))
    [key] = [e["key"] for e in manifest["reports"] if e["report_id"] == report_id]
    return out / STATE / "cache" / f"{key}{cache.SUFFIX}"


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for source in (R2, R3):
        shutil.copy(source, folder)
    return folder


@pytest.fixture
def fresh(inputs, tmp_path):
    """OUT of the inputs parsed from scratch, without a cache to start from."""
    out = tmp_path / "fresh"
    assert run_batch([str(inputs)], out).reused == 0
    return snapshot(out, cached=False)


def test_a_rerun_reuses_every_entry_and_writes_the_same_bytes(inputs, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["parse", str(inputs), "-o", str(out)]) == 0
    before = snapshot(out)
    assert [p.suffix for p in entries(out)] == [".rows", ".rows"]
    assert main(["parse", str(inputs), "-o", str(out)]) == 0
    assert f"2 report(s) parsed (2 unchanged, reused from {out}/)" in capsys.readouterr().out
    assert snapshot(out) == before


def _truncated(data):
    return data[:-100]


def _a_figure_changed(data):
    # same length, a plausible number: only the CRC can tell
    assert b",191,191," in data
    return data.replace(b",191,191,", b",999,999,", 1)


def _an_older_format(data):
    return data.replace(cache.FORMAT, b"reportparse-rows 0\n", 1)


def _a_header_of_garbage(data):
    return cache.FORMAT + b"{not json\n" + data.split(b"\n", 2)[2]


def _rows_of_another_report(data, other):
    return other


@pytest.mark.parametrize("damage", [_truncated, _a_figure_changed, _an_older_format,
                                    _a_header_of_garbage, _rows_of_another_report, bytes.strip])
def test_a_damaged_or_foreign_entry_is_parsed_again(inputs, fresh, tmp_path, damage):
    out = tmp_path / "out"
    run_batch([str(inputs)], out)
    r2_entry, r3_entry = entry_of(out, "nerima_r2"), entry_of(out, "nerima_r3")
    if damage is _rows_of_another_report:  # r2's entry, copied under r3's key
        r3_entry.write_bytes(damage(r3_entry.read_bytes(), r2_entry.read_bytes()))
    else:
        r3_entry.write_bytes(damage(r3_entry.read_bytes()))
    again = run_batch([str(inputs)], out)
    assert again.reused == 1  # r2's entry only
    assert snapshot(out, cached=False) == fresh
    assert b",999,999," not in (out / "tables.csv").read_bytes()
    assert run_batch([str(inputs)], out).reused == 2  # the entry was written anew


def test_out_is_the_same_with_and_without_the_cache_when_adding_to_a_dataset(tmp_path):
    cached, forced = tmp_path / "cached", tmp_path / "forced"
    for out in (cached, forced):
        assert main(["parse", str(R2), str(R4), "-o", str(out), "-q"]) == 0
    assert main(["parse", str(R2), str(R3), "-o", str(cached), "-q"]) == 0  # r2 reused
    assert main(["parse", str(R2), str(R3), "-o", str(forced), "-q", "--force"]) == 0
    assert snapshot(cached) == snapshot(forced)


def test_an_entry_of_the_older_gzipped_json_cache_is_rewritten_and_used(tmp_path):
    out = tmp_path / "out"
    assert main(["parse", str(R2), "-o", str(out), "-q"]) == 0
    before = snapshot(out, cached=False)
    [entry] = entries(out)
    key = entry.name.removesuffix(".rows")
    rendered = render(Job(R2, "nerima_r2", "pymupdf"))
    entry.unlink()  # as the cache of an earlier version held it:
    (out / STATE / "cache" / f"{key}.json.gz").write_bytes(
        gzip.compress(json.dumps(asdict(rendered), ensure_ascii=False).encode()))
    assert main(["parse", str(R4), "-o", str(out), "-q"]) == 0
    assert main(["parse", str(R4), "-o", str(tmp_path / "r4"), "-q"]) == 0
    assert [p.suffix for p in entries(out)] == [".rows", ".rows"]
    assert main(["parse", str(R2), "-o", str(out), "-q", "--replace"]) == 0
    assert snapshot(out, cached=False) == before


def test_a_damaged_entry_of_an_earlier_run_is_a_clear_error_and_out_stays(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["parse", str(R2), "-o", str(out), "-q"]) == 0
    [entry] = entries(out)
    entry.write_bytes(entry.read_bytes()[:-1])
    before = snapshot(out, cached=False)
    assert main(["parse", str(R3), "-o", str(out), "-q"]) == 1
    error = capsys.readouterr().err
    assert f"{out}/{STATE}/cache lacks the rows of nerima_r2 (missing or damaged)" in error
    assert "--replace" in error and f"{out}/ is unchanged" in error
    assert snapshot(out, cached=False) == before
    assert not list(out.glob(".staging-*"))


def test_an_interrupted_run_leaves_out_as_it_was(inputs, tmp_path):
    out = tmp_path / "out"
    assert main(["parse", str(R4), "-o", str(out), "-q"]) == 0
    before = snapshot(out, cached=False)
    done = []

    def interrupt_after_the_first():
        done.append(1)
        if len(done) == 2:  # one report's rows already staged
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch([str(inputs)], out, on_done=interrupt_after_the_first)
    assert snapshot(out, cached=False) == before
    assert not list(out.glob(".staging-*"))


def _entry(folder, source, report_id):
    rendered = render(Job(source, report_id, "pymupdf"))
    folder.remember(report_id, rendered)  # the report_id as the key: enough here
    return Entry(report_id, str(source), report_id, "pymupdf")


def staged_ids(out, name="reports"):
    """The report_ids of the rows staged so far for ``name``.csv (none: nothing staged)."""
    staged = list(out.glob(f".staging-*/{name}.csv"))
    lines = staged[0].read_text("utf-8-sig").splitlines()[1:] if staged else []
    return [line.split(",")[0] for line in lines]


def test_rows_are_staged_as_reports_settle_in_report_id_order(tmp_path):
    folder = OutputFolder(tmp_path / "out")
    a, b, c, d = (_entry(folder, source, name)
                  for source, name in ((R2, "a"), (R3, "b"), (R4, "c"), (R2, "d")))
    earlier = Dataset((b, d))  # from an earlier run; a, c and e come now
    with DatasetWriter(folder, earlier, ["a", "c", "e"], "utf-8-sig") as writer:
        writer.settle("c", c)
        assert staged_ids(folder.out) == []  # a comes first, and is still being parsed
        writer.settle("a", a)
        assert staged_ids(folder.out) == ["a", "b", "c", "d"]  # e is still being parsed
        writer.settle("e", None)  # e failed
        dataset = writer.commit([])
    assert [e.report_id for e in dataset.entries] == ["a", "b", "c", "d"]
    assert not list(folder.out.glob(".staging-*"))
    reports = (folder.out / "reports.csv").read_text("utf-8-sig").splitlines()
    assert [line.split(",")[:2] for line in reports[1:]] == [
        ["a", str(R2)], ["b", str(R3)], ["c", str(R4)], ["d", str(R2)]]
    for name in OUTPUT_NAMES:
        ids = [line.split(",")[0] for line in
               (folder.out / f"{name}.csv").read_text("utf-8-sig").splitlines()[1:]]
        assert ids == sorted(ids) and set(ids) <= {"a", "b", "c", "d"}, name


@pytest.mark.parametrize("damage", [
    lambda data: data[:-1], lambda data: data + b"x", lambda data: data[:10],
    lambda data: data.replace(b'"key": "k"', b'"key": "j"'),
    lambda data: data.replace(b'"crc32": ', b'"crc32": 1'),
    lambda data: data.replace(b'[["reports", 4]', b'[["reports", -4]'),
    lambda data: b"", lambda data: cache.FORMAT])
def test_unpack_trusts_no_entry_that_fails_a_check(damage):
    data = cache.pack("k", {"n": 1}, {"reports": b"a,1\n", "tables": b"a,2\nb,3\n"})
    unpacked = cache.unpack("k", data)
    assert unpacked.about == {"n": 1}
    assert {name: bytes(rows) for name, rows in unpacked.rows.items()} == {
        "reports": b"a,1\n", "tables": b"a,2\nb,3\n"}
    assert damage(data) != data
    assert cache.unpack("k", damage(data)) is None


def test_a_cache_entry_holds_the_rows_as_out_holds_them(tmp_path):
    out = tmp_path / "out"
    assert main(["parse", str(R3), "-o", str(out), "-q"]) == 0
    [entry] = entries(out)
    unpacked = cache.unpack(entry.name.removesuffix(".rows"), entry.read_bytes())
    assert tuple(unpacked.rows) == OUTPUT_NAMES
    for name in OUTPUT_NAMES:
        header, rows = (out / f"{name}.csv").read_bytes().split(b"\n", 1)
        assert bytes(unpacked.rows[name]) == rows, name


def test_rows_cached_by_other_parser_code_are_not_reused(inputs, tmp_path, monkeypatch):
    """The same version number with changed source (a development install) parses again."""
    from reportparse.batch import run

    out = tmp_path / "out"
    first = run_batch([str(inputs)], out)
    assert first.reused == 0
    assert run_batch([str(inputs)], out).reused == len(first.summaries) == 2
    monkeypatch.setattr(run, "_code_digest", lambda: "other parser code")
    assert run_batch([str(inputs)], out).reused == 0
