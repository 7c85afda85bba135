"""Golden files: the hand-checked expected output of every corpus report.

``golden/<report_id>/<output>.csv`` holds what ``parse`` writes for ``corpus/<file>`` alone.
``check`` parses the corpus afresh and compares byte for byte, printing a unified diff of
every file that drifted; ``update`` rewrites the golden files (read the diff first: a golden
value changes only when the new value is the right one).
"""

from __future__ import annotations

import difflib
import filecmp
import shutil
import tempfile
from pathlib import Path

from ..batch.run import InputError, Job, expand_inputs, render, report_ids
from .rows import columns
from .writers import csv_bytes, encode, write_files

GOLDEN_OUTPUTS = ("reports", "tables", "metrics", "incidents", "tokens", "checks")
_DIFF_LINES = 40


def render_corpus(corpus: Path, target: Path, engine: str = "pymupdf") -> list[InputError]:
    """Write the output of each corpus report into ``target/<report_id>/``."""
    paths, errors = expand_inputs([str(corpus)])
    for path, report_id in zip(paths, report_ids(paths)):
        shown = (Path(corpus.name) / path.relative_to(corpus)).as_posix()
        result = render(Job(path, report_id, engine, source_path=shown))
        if isinstance(result, InputError):
            errors.append(result)
            continue
        write_files({target / report_id / f"{name}.csv":
                     csv_bytes(columns(name), [])
                     + encode(result.fragments[name], "utf-8-sig", opens_file=False)
                     for name in GOLDEN_OUTPUTS})
    return errors


def _diff(expected: Path, actual: Path, label: str) -> list[str]:
    before = expected.read_text(encoding="utf-8-sig").splitlines() if expected.exists() else []
    after = actual.read_text(encoding="utf-8-sig").splitlines() if actual.exists() else []
    lines = list(difflib.unified_diff(before, after, f"golden/{label}", f"now/{label}",
                                      lineterm="", n=1))
    if len(lines) > _DIFF_LINES:
        lines = lines[:_DIFF_LINES] + [f"... {len(lines) - _DIFF_LINES} more diff lines"]
    return lines


def check(corpus: Path, golden: Path, engine: str = "pymupdf") -> list[str]:
    """Lines describing every difference between the corpus output and ``golden``."""
    with tempfile.TemporaryDirectory() as temporary:
        fresh = Path(temporary)
        problems = [f"{e.source_path}: {e.error}: {e.message}"
                    for e in render_corpus(corpus, fresh, engine)]
        names = sorted({p.name for p in fresh.iterdir()} | {p.name for p in golden.iterdir()
                                                             if p.is_dir()})
        for report_id in names:
            for output in GOLDEN_OUTPUTS:
                label = f"{report_id}/{output}.csv"
                expected, actual = golden / label, fresh / label
                if not (expected.exists() and actual.exists()
                        and filecmp.cmp(expected, actual, shallow=False)):
                    problems += _diff(expected, actual, label) or [f"{label}: differs"]
    return problems


def update(corpus: Path, golden: Path, engine: str = "pymupdf") -> list[InputError]:
    """Replace each report folder of ``golden`` with the current output of the corpus.

    Report folders whose corpus file is gone are removed; other files (a README) stay.
    """
    with tempfile.TemporaryDirectory() as temporary:
        fresh = Path(temporary)
        errors = render_corpus(corpus, fresh, engine)
        golden.mkdir(parents=True, exist_ok=True)
        for old in [p for p in golden.iterdir() if p.is_dir()]:
            shutil.rmtree(old)
        for new in fresh.iterdir():
            shutil.copytree(new, golden / new.name)
    return errors
