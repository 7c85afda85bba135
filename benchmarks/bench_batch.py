"""Batches through the command line: 1,000 text reports and 100 PDFs, --jobs 1 and 2.

Run: ``make bench-batch`` (or ``python benchmarks/bench_batch.py [--texts N] [--pdfs N]``).

Copies of the corpus reports are made in a temporary folder; each batch runs as a user runs
it (``reportparse parse FOLDER -o OUT --force``) and is timed from start to exit, so the
figures include start-up, workers, writing and the commit. Peak RSS is that of the largest
process (the parent or one worker). The --jobs 1 run of each batch is the baseline that
the speed-up is measured against, in the same run.

Near-limits, measured in the same run: the start-up of a bare Python process (against
``reportparse --version``, the command line alone, and ``import reportparse.pipeline``,
what a worker loads before its first report), and for each batch
that start-up plus N reports times the near-limit of one report (``bench_text`` for text:
read + decode + NFKC, MeCab, csv.writer; for PDF, PyMuPDF's bare extraction as in
``bench_pdf``), divided by the number of workers.
Each line ends with the CPU seconds other processes took during that run: on a shared
machine, a line is a measurement only when that is near 0.
Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
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


def _busy() -> float:
    """CPU seconds the whole machine has spent busy so far (0 where /proc is not there)."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(field) for field in stat.readline().split()[1:]]
    except OSError:
        return 0.0
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # not idle, not iowait


def _run(folder: Path, jobs: int, force: bool = True) -> tuple[float, float, float, float]:
    """Seconds, CPU seconds (all processes), peak RSS (MB) of one ``reportparse parse`` run,
    and CPU seconds that other processes took meanwhile (a wall-clock figure is only worth
    something when they are near 0); without ``force``, into the OUT of the run of the
    same ``jobs`` before it."""
    out = folder.parent / f"out-{folder.name}-{jobs}"
    code = ("import resource, sys; from reportparse.cli import main; "
            f"status = main(['parse', {str(folder)!r}, '-o', {str(out)!r}, '-q', "
            f"'--jobs', '{jobs}'{', ' + repr('--force') if force else ''}]); "
            "own, workers = (resource.getrusage(who) for who in "
            "(resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)); "
            "cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime; "
            "print(cpu, max(own.ru_maxrss, workers.ru_maxrss) / 1024); sys.exit(status)")
    started, busy = time.perf_counter(), _busy()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    total = time.perf_counter() - started
    cpu, peak = map(float, done.stdout.split())
    return total, cpu, peak, max(_busy() - busy - cpu, 0.0)


def _start_up(arguments: list[str]) -> float:
    """Seconds from start to exit of ``python ARGUMENTS``: the median of seven runs."""
    times = []
    for _ in range(7):
        started = time.perf_counter()
        subprocess.run([sys.executable, *arguments], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _near_limits() -> dict[str, float]:
    """CPU seconds per report of the near-limit of a text report and of a corpus PDF.

    Measured in a child process: a parent that had imported the pipeline would pass its
    memory on to the batches' processes, whose peak RSS counts it (fork, then exec).
    """
    code = ("import time; from bench_pdf import _pymupdf_extraction; "
            "from bench_text import SEED, near_limit; "
            f"pdfs = {[str(p) for p in sorted(CORPUS.glob('*.pdf'))]!r}; "
            "_pymupdf_extraction(pdfs, ''); times = []\n"
            "for _ in range(3):\n"
            "    start = time.process_time(); _pymupdf_extraction(pdfs, '')\n"
            "    times.append(time.process_time() - start)\n"
            "print(sum(near_limit(SEED, 100).values()), min(times) / len(pdfs))")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent,
                          capture_output=True, text=True, check=True)
    text, pdf = map(float, done.stdout.split())
    return {"text": text, "PDF": pdf}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--texts", type=int, default=1000)
    options.add_argument("--pdfs", type=int, default=100)
    args = options.parse_args()
    bare = _start_up(["-c", "pass"])
    started = _start_up(["-m", "reportparse", "--version"])
    pipeline = _start_up(["-c", "import reportparse.pipeline"])
    per_report = _near_limits()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          "each batch parsed from scratch (--force), then once more from the cache")
    print(f"start-up: bare Python {bare:.3f} s (near-limit), reportparse --version "
          f"{started:.3f} s (ratio {started / bare:.1f}x), with the parsing pipeline "
          f"{pipeline:.3f} s")
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        batches = [("text", _batch(root / "text", sorted(CORPUS.glob("*.txt")), args.texts)),
                   ("PDF", _batch(root / "pdf", sorted(CORPUS.glob("*.pdf")), args.pdfs))]
        for kind, folder in batches:
            count = len(list(folder.iterdir()))
            if not count:  # --texts 0 or --pdfs 0: the other batch alone
                continue
            baseline = None
            for jobs in (1, 2):
                seconds, cpu, peak, others = _run(folder, jobs)
                baseline = baseline or seconds
                limit = bare + count * per_report[kind] / jobs
                print(f"{count:5} {kind:4} reports, --jobs {jobs}: {seconds:6.1f} s, "
                      f"{count / seconds:6.1f} reports/s, speed-up {baseline / seconds:4.2f}x, "
                      f"CPU {cpu:5.1f} s, peak RSS {peak:4.0f} MB; near-limit {limit:4.1f} s, "
                      f"ratio {seconds / limit:4.2f}x; other processes' CPU {others:4.1f} s")
            seconds, cpu, peak, others = _run(folder, 2, force=False)
            print(f"{count:5} {kind:4} reports, re-run, every input unchanged: {seconds:6.2f} s "
                  f"(the cache: nothing parsed), CPU {cpu:5.2f} s; other processes' CPU "
                  f"{others:4.1f} s")

if __name__ == "__main__":
    main()
