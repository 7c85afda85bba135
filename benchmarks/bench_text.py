"""Throughput of the text pipeline against its near-limit, on the seed, in one run.

Run: ``make bench`` (or ``python benchmarks/bench_text.py [--repeat N] [REPORT ...]``).

The pipeline is what a batch worker does for one text report: parse it and format the
CSV lines of every output (``batch.run.render``). The near-limit is the part of that work
no implementation can skip, measured on the same report in the same process:
* read the file, decode it (UTF-8, else the encoding the reader detects) and NFKC-normalise
  the text;
* one MeCab pass over every incident description and cause, printing the four fields
  tokens.csv keeps;
* ``csv.writer`` writing the same rows (every output) into memory.
Prints each part, their sum, the pipeline and its ratio to the sum. One core, in-process.
Each REPORT given (``../shared/real-reports/*.txt``) gets a line of its own after the seed's:
its pipeline, its parse and its near-limit, measured the same way.
Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import csv
import io
import time
import unicodedata
from pathlib import Path

from reportparse.batch.run import Job, render, run_job
from reportparse.output.rows import OUTPUT_NAMES, rows
from reportparse.read.text import decode
from reportparse.tokens import _tagger

SEED = Path(__file__).resolve().parents[1] / "corpus" / "nerima_r3.txt"


def _per_report(run, repeat: int) -> float:
    """CPU seconds per call: the best of five rounds of ``repeat // 5`` calls (after a warm-up).

    CPU time of this process, not wall time, so that other work on the machine disturbs
    the figures less.
    """
    run()  # warm up: dictionary load, regex compilation
    rounds = max(repeat // 5, 1)
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for _ in range(rounds):
            run()
        best = min(best, (time.process_time() - start) / rounds)
    return best


def _line(label: str, seconds: float, note: str = "") -> str:
    return f"{label:34} {seconds * 1000:6.2f} ms  {1 / seconds:7.1f} /s{note}"


def near_limit(path: Path, repeat: int) -> dict[str, float]:
    """Seconds per report of each unavoidable part of parsing ``path`` and writing its rows."""
    report = run_job(Job(path, path.stem, "pymupdf"))
    texts = [text for incident in report.incident_records
             for text in (incident.description, incident.cause)]
    output_rows = [rows([report], name) for name in OUTPUT_NAMES]
    tagger = _tagger()

    def read_decode_nfkc() -> None:
        unicodedata.normalize("NFKC", decode(path.read_bytes(), path.name))

    def mecab() -> None:
        for text in texts:
            tagger.parse(text)

    def csv_writer() -> None:
        for table in output_rows:
            csv.writer(io.StringIO(), lineterminator="\n").writerows(table)

    return {"read + decode + NFKC": _per_report(read_decode_nfkc, repeat),
            "MeCab, four fields": _per_report(mecab, repeat),
            "csv.writer, same rows": _per_report(csv_writer, repeat)}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=300)
    options.add_argument("reports", nargs="*", type=Path, metavar="REPORT")
    arguments = options.parse_args()
    repeat = arguments.repeat

    job = Job(SEED, SEED.stem, "pymupdf")
    report = run_job(job)
    parts = near_limit(SEED, repeat)
    limit = sum(parts.values())
    pipeline = _per_report(lambda: render(job), repeat)
    parse_only = _per_report(lambda: run_job(job), repeat)

    print(f"seed: {SEED.name}, {len(report.incident_records)} incidents, "
          f"{len(report.token_records)} tokens, best of 5 x {max(repeat // 5, 1)}, one core")
    for label, seconds in parts.items():
        print(_line(f"  {label}", seconds))
    print(_line("near-limit (sum of the above)", limit))
    print(_line("pipeline: parse + CSV formatting", pipeline, f"  ratio {pipeline / limit:.2f}x"))
    print(_line("  of which parse", parse_only, f"  ratio {parse_only / limit:.2f}x"))
    for path in arguments.reports:
        print(_report_line(path, repeat))


def _report_line(path: Path, repeat: int) -> str:
    """One report's pipeline, parse and near-limit, in ms per report."""
    job = Job(path, path.stem, "pymupdf")
    limit = sum(near_limit(path, repeat).values())
    pipeline = _per_report(lambda: render(job), repeat)
    parse_only = _per_report(lambda: run_job(job), repeat)
    return (f"{path.name[:36]:36} pipeline {pipeline * 1000:5.2f} ms (parse {parse_only * 1000:5.2f}),"
            f" near-limit {limit * 1000:5.2f} ms, ratio {pipeline / limit:.2f}x")


if __name__ == "__main__":
    main()
