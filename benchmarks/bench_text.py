"""Throughput of the text pipeline: the seed parsed in-process many times.

Run: ``make bench`` (or ``python benchmarks/bench_text.py [--repeat N]``).

Prints reports per second for the whole pipeline (read, structure, validate, tokenise),
and, measured in the same run as baselines, the time of the two parts that bound it:
fugashi (MeCab) alone tagging the same incident texts, and the pipeline without
tokenisation.
Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import reportparse
from reportparse import pipeline
from reportparse.tokens import _tagger

SEED = Path(__file__).resolve().parents[1] / "corpus" / "nerima_r3.txt"


def _per_report(run, repeat: int) -> float:
    run()  # warm up: dictionary load, regex compilation
    start = time.perf_counter()
    for _ in range(repeat):
        run()
    return (time.perf_counter() - start) / repeat


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=300)
    repeat = options.parse_args().repeat

    report = reportparse.parse(SEED)
    texts = [i.description for i in report.incident_records] + [i.cause for i in report.incident_records]
    tagger = _tagger()

    def fugashi_only() -> None:
        for text in texts:
            tagger.parse(text)

    full = _per_report(lambda: reportparse.parse(SEED), repeat)
    bare = _per_report(fugashi_only, repeat)
    original = pipeline.incident_tokens
    pipeline.incident_tokens = lambda incidents: []
    try:
        untokenised = _per_report(lambda: reportparse.parse(SEED), repeat)
    finally:
        pipeline.incident_tokens = original

    print(f"seed: {SEED.name}, {len(report.incident_records)} incidents, "
          f"{len(report.token_records)} tokens, {repeat} repeats, one core")
    print(f"full pipeline            {1 / full:8.1f} reports/s  ({full * 1000:6.2f} ms/report)")
    print(f"  without tokenisation   {1 / untokenised:8.1f} reports/s  ({untokenised * 1000:6.2f} ms)")
    print(f"  fugashi alone (baseline){1 / bare:7.1f} texts-sets/s ({bare * 1000:6.2f} ms)")
    print(f"ratio full / fugashi-alone: {full / bare:.2f}x")


if __name__ == "__main__":
    main()
