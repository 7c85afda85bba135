"""Batches through the command line: 1,000 text reports and 100 PDFs, --jobs 1 and 2.

Run: ``make bench-batch`` (or ``python benchmarks/bench_batch.py [--texts N] [--pdfs N]``).

Copies of the corpus reports are made in a temporary folder; each batch runs as a user runs
it (``reportparse parse FOLDER -o OUT --force``) and is timed from start to exit, so the
figures include start-up, workers, writing and the commit. Peak RSS is that of the largest
process (the parent or one worker). The --jobs 1 run of each batch is the baseline that
the speed-up is measured against, in the same run.
Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _batch(folder: Path, sources: list[Path], count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        source = sources[number % len(sources)]
        shutil.copy(source, folder / f"{number:05}{source.suffix}")
    return folder


def _run(folder: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one ``reportparse parse`` run in a fresh process."""
    out = folder.parent / f"out-{folder.name}-{jobs}"
    code = ("import resource, sys, time; from reportparse.cli import main; start = time.perf_counter(); "
            f"status = main(['parse', {str(folder)!r}, '-o', {str(out)!r}, '-q', '--force', "
            f"'--jobs', '{jobs}']); "
            "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
            "workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
            "print(time.perf_counter() - start, max(own, workers) / 1024); sys.exit(status)")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    total = time.perf_counter() - started
    _, peak = map(float, done.stdout.split())
    return total, peak


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--texts", type=int, default=1000)
    options.add_argument("--pdfs", type=int, default=100)
    args = options.parse_args()
    print(f"{os.cpu_count()} cores; each batch parsed from scratch (--force)")
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        batches = [("text", _batch(root / "text", sorted(CORPUS.glob("*.txt")), args.texts)),
                   ("PDF", _batch(root / "pdf", sorted(CORPUS.glob("*.pdf")), args.pdfs))]
        for kind, folder in batches:
            count = len(list(folder.iterdir()))
            baseline = None
            for jobs in (1, 2):
                seconds, peak = _run(folder, jobs)
                baseline = baseline or seconds
                print(f"{count:5} {kind:4} reports, --jobs {jobs}: {seconds:6.1f} s, "
                      f"{count / seconds:6.1f} reports/s, speed-up {baseline / seconds:4.2f}x, "
                      f"peak RSS {peak:5.0f} MB")


if __name__ == "__main__":
    main()
