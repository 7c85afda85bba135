"""Batches on a Dask distributed cluster: the same OUT as local workers, the same failures."""

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
from reportparse.batch import dask_run
from reportparse.batch.run import run_batch
from reportparse.cli import main

distributed = pytest.importorskip("distributed")

OUT_FILES = ["reports.csv", "tables.csv", "metrics.csv", "incidents.csv", "tokens.csv",
             "checks.csv", "errors.csv", "metadata.json"]


def _parse(*arguments):
    return subprocess.run([sys.executable, "-m", "reportparse", "parse", *map(str, arguments)],
                          cwd=ROOT, capture_output=True, text=True)


def test_a_dask_cluster_writes_the_same_out_as_local_workers(tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(ROOT / "corpus", inputs, ignore=shutil.ignore_patterns("*.md"))
    (inputs / "empty.txt").write_bytes(b"")
    missing = tmp_path / "missing.txt"
    local = _parse(inputs, missing, "-o", tmp_path / "local", "--jobs", "2")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        remote = _parse(inputs, missing, "-o", tmp_path / "dask",
                        "--dask-scheduler", cluster.scheduler_address)
    assert (remote.returncode, remote.stdout.replace("/dask/", "/local/"), remote.stderr) == (
        local.returncode, local.stdout, local.stderr)
    reports = len([p for p in inputs.iterdir() if p.suffix in (".txt", ".pdf", ".html")]) - 1
    assert f"{reports} report(s) parsed, 2 error(s)" in remote.stdout
    for name in OUT_FILES:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_on_dask_a_hanging_or_crashing_input_costs_that_file_only(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(SEED, inputs / name)
    real_parse = pipeline.parse

    def parse(path, **options):  # runs in the pool process, forked from this one
        if path.read_bytes() != SEED.read_bytes():
            raise AssertionError("the bytes sent are not the input's")
        if options["report_id"] == "b":
            time.sleep(60)
        if options["report_id"] == "c":
            faulthandler.disable()  # pytest's dump of the dying process is noise here
            os.kill(os.getpid(), signal.SIGSEGV)
        return real_parse(path, **options)

    monkeypatch.setattr(pipeline, "parse", parse)
    started = time.monotonic()
    # threads of this process as the cluster's workers, so that they see the patch; the time
    # limit leaves a busy machine room to fork the dying worker (2 s was missed under load)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=3, processes=False,
                                  dashboard_address=":0") as cluster:
        outcome = run_batch([str(inputs)], tmp_path / "out", timeout=5,
                            scheduler=cluster.scheduler_address)
    assert [s.report_id for s in outcome.summaries] == ["a"]
    assert [(e.error, e.message) for e in outcome.errors] == [
        ("timeout", f"{inputs / 'b.txt'}: no result after 5 s (--timeout)"),
        ("internal_error", f"{inputs / 'c.txt'}: the worker parsing it died (exit code -11)")]
    assert time.monotonic() - started < 30
    assert (tmp_path / "out" / "incidents.csv").read_text(encoding="utf-8-sig").count("\na,") == 28


def test_an_unreachable_scheduler_is_a_usage_error_and_out_is_unchanged(tmp_path, monkeypatch,
                                                                        capsys):
    monkeypatch.setattr(dask_run, "CONNECT_TIMEOUT", "1s")
    status = main(["parse", str(SEED), "-o", str(tmp_path / "out"),
                   "--dask-scheduler", "tcp://127.0.0.1:9"])
    assert status == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
    assert not (tmp_path / "out" / "reports.csv").exists()


def test_a_cluster_without_workers_is_a_usage_error(tmp_path, capsys):
    with distributed.LocalCluster(n_workers=0, processes=False,
                                  dashboard_address=":0") as cluster:
        status = main(["parse", str(SEED), "-o", str(tmp_path / "out"),
                       "--dask-scheduler", cluster.scheduler_address])
    assert status == 2
    assert "has no workers" in capsys.readouterr().err
