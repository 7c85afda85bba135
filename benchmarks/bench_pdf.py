"""The PDF pipeline against its near-limit, PyMuPDF's bare extraction, on the same PDFs.

Run: ``make bench-pdf`` (or ``python benchmarks/bench_pdf.py [--repeat N] [PDF ...]``).

Each side runs in a child process of its own, so that its peak memory (max RSS) is its own:
* near-limit: PyMuPDF ``page.get_text("rawdict")`` and ``page.get_drawings()`` on every
  page, nothing else: the glyphs and ruling lines the pipeline starts from;
* reportparse: the PDF reader alone (``read_pdf`` with PyMuPDF: glyphs, rules, grids,
  cells, lines), then the full pipeline (read, layout, structure, validate, tokenise) with
  the default engine, PyMuPDF, and with pdfplumber;
* for reference: ``pdfplumber`` ``page.extract_tables()`` on every page.
Prints CPU seconds per pass (best of N), the ratio to the near-limit, and peak RSS.
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


def _pymupdf_extraction(paths: list[str], _engine: str) -> None:
    import pymupdf

    for path in paths:
        with pymupdf.open(path) as document:
            for page in document:
                page.get_text("rawdict")
                page.get_drawings()


def _read(paths: list[str], engine: str) -> None:
    from reportparse.read.pdf import read_pdf

    for path in paths:
        read_pdf(Path(path).read_bytes(), path, engine)


def _extract_tables(paths: list[str], _engine: str) -> None:
    import pdfplumber

    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()


def _measure(target, paths, engine, repeat, results) -> None:
    target(paths[:1], engine)  # warm up imports, dictionary, fonts
    best = min(_timed(target, paths, engine) for _ in range(repeat))
    results.put((best, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def _timed(target, paths, engine) -> float:
    start = time.process_time()  # CPU time: less disturbed by other work on the machine
    target(paths, engine)
    return time.process_time() - start


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

    sides = [("PyMuPDF rawdict + get_drawings (near-limit)", _pymupdf_extraction, ""),
             ("reportparse read_pdf, pymupdf", _read, "pymupdf"),
             ("reportparse full pipeline, pymupdf", _pipeline, "pymupdf"),
             ("reportparse full pipeline, pdfplumber", _pipeline, "pdfplumber"),
             ("pdfplumber extract_tables (reference)", _extract_tables, "")]
    print(f"{len(paths)} PDF(s), best of {args.repeat}, one process each")
    limit = None
    for label, target, engine in sides:
        seconds, rss = run(target, paths, engine, args.repeat)
        limit = limit or seconds
        print(f"{label:44} {seconds:7.3f} s  ratio {seconds / limit:5.2f}  "
              f"peak RSS {rss:6.0f} MB")

if __name__ == "__main__":
    main()
