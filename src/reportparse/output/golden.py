"""Golden files: the hand-checked expected output of every corpus report.

``golden/<report_id>/<output>.csv`` holds what ``parse`` writes for ``corpus/<file>`` alone
(``store.report_files``, the same bytes as OUT's CSVs of a dataset of that report).
``check`` parses the corpus afresh and compares byte for byte, printing a unified diff of
every file that drifted; ``update`` rewrites the golden files through ``store.commit``
(read the diff first: a golden value changes only when the new value is the right one).
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from ..batch.run import Job, expand_inputs, render, report_ids
from .store import InputError, commit_files, report_files

GOLDEN_OUTPUTS = ("reports", "tables", "metrics", "incidents", "tokens", "checks")
_DIFF_LINES = 40


def render_corpus(corpus: Path, engine: str = "pymupdf"
                  ) -> tuple[dict[str, bytes], list[InputError]]:
    """``{report_id/output.csv: bytes}`` for each corpus report, and the inputs that failed."""
    paths, errors = expand_inputs([str(corpus)])
    files: dict[str, bytes] = {}
    for path, report_id in zip(paths, report_ids(paths)):
        shown = (Path(corpus.name) / path.relative_to(corpus)).as_posix()
        result = render(Job(path, report_id, engine, source_path=shown))
        if isinstance(result, InputError):
            errors.append(result)
            continue
        files.update({f"{report_id}/{name}": data
                      for name, data in report_files(result, GOLDEN_OUTPUTS).items()})
    return files, errors


def _diff(expected: bytes | None, actual: bytes | None, label: str) -> list[str]:
    before = expected.decode("utf-8-sig").splitlines() if expected is not None else []
    after = actual.decode("utf-8-sig").splitlines() if actual is not None else []
    lines = list(difflib.unified_diff(before, after, f"golden/{label}", f"now/{label}",
                                      lineterm="", n=1))
    if len(lines) > _DIFF_LINES:
        lines = lines[:_DIFF_LINES] + [f"... {len(lines) - _DIFF_LINES} more diff lines"]
    return lines


def _golden_files(golden: Path) -> dict[str, bytes]:
    return {f"{folder.name}/{output}.csv": (folder / f"{output}.csv").read_bytes()
            for folder in golden.iterdir() if folder.is_dir()
            for output in GOLDEN_OUTPUTS if (folder / f"{output}.csv").is_file()}


def check(corpus: Path, golden: Path, engine: str = "pymupdf") -> list[str]:
    """Lines describing every difference between the corpus output and ``golden``."""
    fresh, errors = render_corpus(corpus, engine)
    problems = [f"{e.source_path}: {e.error}: {e.message}" for e in errors]
    expected = _golden_files(golden)
    report_ids = sorted({label.split("/")[0] for label in fresh.keys() | expected.keys()})
    for report_id in report_ids:
        for output in GOLDEN_OUTPUTS:
            label = f"{report_id}/{output}.csv"
            if expected.get(label) != fresh.get(label):
                problems += (_diff(expected.get(label), fresh.get(label), label)
                             or [f"{label}: differs"])
    return problems


def update(corpus: Path, golden: Path, engine: str = "pymupdf") -> list[InputError]:
    """Replace each report folder of ``golden`` with the current output of the corpus.

    Report folders whose corpus file is gone are removed; other files (a README) stay.
    """
    fresh, errors = render_corpus(corpus, engine)
    kept = {label.split("/")[0] for label in fresh}
    if golden.is_dir():
        for old in golden.iterdir():
            if old.is_dir() and old.name not in kept:
                shutil.rmtree(old)
    commit_files(golden, fresh)
    return errors
