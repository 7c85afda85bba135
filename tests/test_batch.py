"""Batches: isolation, time limits, resume, determinism, interruption."""

import faulthandler
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SEED
from reportparse import pipeline
from reportparse.batch.run import run_batch
from reportparse.batch.workers import Failure, WorkerPool
from reportparse.output.rows import OUTPUT_NAMES

CSVS = [f"{name}.csv" for name in OUTPUT_NAMES] + ["errors.csv"]


def contents(out):
    return {name: (out / name).read_bytes() for name in CSVS + ["metadata.json"]}


def _task(kind):
    if kind == "crash":
        faulthandler.disable()  # pytest's dump of the dying worker is noise here
        os.kill(os.getpid(), signal.SIGSEGV)
    if kind == "hang":
        time.sleep(60)
    if kind == "memory":
        return len(bytearray(3 * 1024**3))  # 3 GB against a 1 GB limit
    if kind == "raise":
        raise UnicodeEncodeError("utf-8", "\udcad", 0, 1, "surrogates not allowed")
    return kind.upper()


def test_worker_pool_survives_crash_hang_and_memory_blowup():
    started = time.monotonic()
    with WorkerPool(_task, workers=2, timeout=3, memory_mb=1024) as pool:
        results = dict(pool.map(["a", "crash", "hang", "memory", "b"]))
    assert results[0] == "A" and results[4] == "B"
    assert results[1] == Failure("internal_error", "the worker parsing it died (exit code -11)")
    assert results[2] == Failure("timeout", "no result after 3 s (--timeout)")
    assert results[3].code == "internal_error" and "memory" in results[3].message
    assert time.monotonic() - started < 20


def test_a_task_that_raises_is_a_named_failure_and_the_worker_goes_on():
    with WorkerPool(_task, workers=1, timeout=10) as pool:
        results = dict(pool.map(["raise", "a"]))
    assert results == {0: Failure("internal_error", "UnicodeEncodeError: 'utf-8' codec can't "
                                  "encode character '\\udcad' in position 0: surrogates not allowed"),
                       1: "A"}


@pytest.fixture
def folder(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("b.txt", "a.txt", "c.txt"):
        shutil.copy(SEED, inputs / name)
    return inputs


def test_a_hanging_input_times_out_and_the_rest_is_written(folder, tmp_path, monkeypatch):
    real_parse = pipeline.parse

    def parse(path, **options):
        if path.name == "b.txt":
            time.sleep(60)
        return real_parse(path, **options)

    monkeypatch.setattr(pipeline, "parse", parse)  # workers are forked: they see the patch
    outcome = run_batch([str(folder)], tmp_path / "out", timeout=2)
    assert [s.report_id for s in outcome.summaries] == ["a", "c"]
    assert [(e.error, e.source_path) for e in outcome.errors] == [("timeout", str(folder / "b.txt"))]
    assert "no result after 2 s" in outcome.errors[0].message


def test_a_crashing_parser_is_an_internal_error(folder, tmp_path, monkeypatch):
    def parse(path, **options):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "parse", parse)
    outcome = run_batch([str(folder / "a.txt")], tmp_path / "out")
    assert [(e.error, e.message) for e in outcome.errors] == [
        ("internal_error", f"{folder / 'a.txt'}: RuntimeError: boom")]


def test_resume_skips_unchanged_inputs_and_writes_the_same_bytes(folder, tmp_path):
    out = tmp_path / "out"
    first = run_batch([str(folder)], out)
    assert first.reused == 0
    before = contents(out)
    again = run_batch([str(folder)], out)
    assert again.reused == 3 and contents(out) == before
    (folder / "c.txt").write_text(SEED.read_text(encoding="utf-8").replace("区民\t74\t250", "区民\t74\t251"),
                                  encoding="utf-8")
    changed = run_batch([str(folder)], out)
    assert changed.reused == 2
    forced = run_batch([str(folder)], tmp_path / "forced", force=True)
    assert forced.reused == 0
    assert contents(out) == contents(tmp_path / "forced") != before


def test_replace_drops_inputs_no_longer_given(folder, tmp_path):
    out = tmp_path / "out"
    run_batch([str(folder)], out)
    run_batch([str(folder / "a.txt")], out)
    assert (out / "reports.csv").read_text(encoding="utf-8-sig").count("\n") == 4
    run_batch([str(folder / "a.txt")], out, replace=True)
    assert (out / "reports.csv").read_text(encoding="utf-8-sig").count("\n") == 2
    assert len(list((out / ".reportparse" / "cache").iterdir())) == 1


def _parse_here(cwd, *args):
    return subprocess.run([sys.executable, "-m", "reportparse", "parse", ".", "-o", "../out",
                           "-q", *args], cwd=cwd, capture_output=True, text=True)


def test_same_bytes_whatever_the_jobs_and_the_order_on_disk(tmp_path):
    names = [f"r{i}.txt" for i in range(6)]
    for label, order in (("forward", names), ("backward", names[::-1])):
        (tmp_path / label / "in").mkdir(parents=True)
        for name in order:  # created in another order: another order in the directory
            shutil.copy(SEED, tmp_path / label / "in" / name)
    assert _parse_here(tmp_path / "forward" / "in", "--jobs", "1").returncode == 0
    assert _parse_here(tmp_path / "backward" / "in", "--jobs", "2").returncode == 0
    assert contents(tmp_path / "forward" / "out") == contents(tmp_path / "backward" / "out")


def test_file_names_with_spaces_japanese_and_quotes(tmp_path):
    name = "練馬区 報告 'R3' \"最終\".txt"
    shutil.copy(SEED, tmp_path / name)
    outcome = run_batch([str(tmp_path / name)], tmp_path / "out")
    assert [s.report_id for s in outcome.summaries] == ["練馬区 報告 'R3' \"最終\""]
    reports = (tmp_path / "out" / "reports.csv").read_text(encoding="utf-8-sig")
    assert '"練馬区 報告 \'R3\' ""最終"""' in reports  # CSV-quoted, opens as the name


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_leaves_the_old_output_or_the_new_one(tmp_path, signum):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(40):
        shutil.copy(SEED, inputs / f"r{i:02}.txt")
    out, complete = tmp_path / "out", tmp_path / "complete"
    run_batch([str(inputs / "r00.txt")], out)  # the "previous run": one report
    before = contents(out)
    run_batch([str(inputs)], complete, force=True)
    after = contents(complete)
    for delay in (0.5, 1.0, 1.5, 2.0, 3.0, 4.0):
        shutil.rmtree(out / ".reportparse" / "cache", ignore_errors=True)  # every try parses again
        run = subprocess.Popen([sys.executable, "-m", "reportparse", "parse", str(inputs), "-o",
                                str(out), "-q", "--jobs", "2"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        run.send_signal(signum)
        run.wait(timeout=60)
        state = contents(out)
        assert state in (before, after), f"mixed output after {delay} s"
        assert not list(out.glob(".staging-*"))
        if state == after:
            break  # the run finished before the signal: nothing more to learn
