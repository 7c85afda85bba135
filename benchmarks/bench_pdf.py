"""The PDF pipeline against the bare extraction of the same PDFs.

Run: ``make bench-pdf`` (or ``python benchmarks/bench_pdf.py [--repeat N] [PDF ...]``).

Each side runs in a child process of its own, so that its peak memory (max RSS) is its own:
* baseline: ``pdfplumber`` ``page.extract_tables()`` on every page, nothing else;
* PyMuPDF alone: ``rawdict`` text and ``get_drawings()`` of every page, what the reader
  asks PyMuPDF for; the PDF reader (``read_pdf``: glyphs, rules, grids, cells, lines) is
  measured against it;
* reportparse: the full pipeline (read, layout, structure, validate, tokenise) with the
  default engine, PyMuPDF, and with pdfplumber.
Prints seconds per pass (best of N), the ratio to the baseline, and peak RSS.
Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _pipeline(paths: list[str], engine: str) -> None:
    import reportparse

    for path in paths:
        reportparse.parse(path, engine=engine)


def _extract_tables(paths: list[str], _engine: str) -> None:
    import pdfplumber

    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()


def _pymupdf_alone(paths: list[str], _engine: str) -> None:
    import pymupdf

    flags = pymupdf.TEXTFLAGS_RAWDICT | pymupdf.TEXT_INHIBIT_SPACES
    for path in paths:
        with pymupdf.open(path) as document:
            for page in document:
                page.get_text("rawdict", flags=flags)
                page.get_drawings()


def _read(paths: list[str], engine: str) -> None:
    from reportparse.read.pdf import read_pdf

    for path in paths:
        read_pdf(Path(path).read_bytes(), path, engine)


def _measure(target, paths, engine, repeat, results) -> None:
    target(paths[:1], engine)  # warm up imports, dictionary, fonts
    best = min(_timed(target, paths, engine) for _ in range(repeat))
    results.put((best, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def _timed(target, paths, engine) -> float:
    start = time.perf_counter()
    target(paths, engine)
    return time.perf_counter() - start


def run(target, paths, engine, repeat) -> tuple[float, float]:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=_measure, args=(target, paths, engine, repeat, results))
    child.start()
    outcome = results.get()
    child.join()
    return outcome


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("pdfs", nargs="*", type=Path)
    options.add_argument("--repeat", type=int, default=3)
    args = options.parse_args()
    paths = [str(p) for p in (args.pdfs or sorted(CORPUS.glob("*.pdf")))]

    base_time, base_rss = run(_extract_tables, paths, "", args.repeat)
    print(f"{len(paths)} PDF(s), best of {args.repeat}, one process each")
    print(f"{'pdfplumber extract_tables (baseline)':40} {base_time:7.3f} s  ratio 1.00  "
          f"peak RSS {base_rss:6.0f} MB")
    bare_time, bare_rss = run(_pymupdf_alone, paths, "", args.repeat)
    read_time, read_rss = run(_read, paths, "pymupdf", args.repeat)
    print(f"{'PyMuPDF rawdict + get_drawings':40} {bare_time:7.3f} s  "
          f"ratio {bare_time / base_time:4.2f}  peak RSS {bare_rss:6.0f} MB")
    print(f"{'reportparse read_pdf, pymupdf':40} {read_time:7.3f} s  "
          f"ratio {read_time / base_time:4.2f}  peak RSS {read_rss:6.0f} MB  "
          f"({read_time / bare_time:4.2f} x PyMuPDF alone)")
    for engine in ("pymupdf", "pdfplumber"):
        seconds, rss = run(_pipeline, paths, engine, args.repeat)
        print(f"{'reportparse full pipeline, ' + engine:40} {seconds:7.3f} s  "
              f"ratio {seconds / base_time:4.2f}  peak RSS {rss:6.0f} MB")


if __name__ == "__main__":
    main()
