"""Many inputs in, one set of CSVs out: finding inputs, naming them, parsing, writing.

One bad input never stops a batch: it becomes an ``InputError`` row of errors.csv and the
other inputs are still parsed and written.
"""

from __future__ import annotations

import glob
import json
import sys
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .output import OUTPUT_NAMES, columns, rows
from .pipeline import parse
from .records import Report, ReportError
from .tokens import dictionary_info
from .writers import csv_bytes, write_files

REPORT_SUFFIXES = (".pdf", ".txt")
ERROR_COLUMNS = ("source_path", "error", "message")


@dataclass(frozen=True)
class InputError:
    source_path: str
    error: str
    message: str


@dataclass(frozen=True)
class Job:
    path: Path
    report_id: str
    engine: str
    source_path: str | None = None  # as shown in reports.csv; default: the path as given


def expand_inputs(inputs: list[str]) -> tuple[list[Path], list[InputError]]:
    """Files as given, folders searched recursively for .pdf/.txt, globs expanded.

    Folder and glob matches are sorted so that a run does not depend on the order on disk.
    """
    found: list[Path] = []
    missing: list[InputError] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
        elif path.is_file():
            found.append(path)
        elif glob.has_magic(given):
            matches = sorted(Path(p) for p in glob.glob(given, recursive=True))
            found += [p for p in matches if p.is_file()]
            if not matches:
                missing.append(InputError(given, "not_found", f"{given}: no file matches"))
        else:
            missing.append(InputError(given, "not_found", f"{given}: no such file or folder"))
    return list(dict.fromkeys(found)), missing


def report_ids(paths: list[Path]) -> list[str]:
    """File names without extension; a repeated name gets ``-2``, ``-3`` … in input order."""
    seen: Counter[str] = Counter()
    ids = []
    for path in paths:
        seen[path.stem] += 1
        ids.append(path.stem if seen[path.stem] == 1 else f"{path.stem}-{seen[path.stem]}")
    return ids


def run_job(job: Job) -> Report | InputError:
    """Parse one input; every failure becomes an ``InputError`` naming the file."""
    try:
        return parse(job.path, engine=job.engine, report_id=job.report_id,
                     source_path=job.source_path)
    except ReportError as error:
        return InputError(str(job.path), error.code, error.message)
    except Exception as error:  # a bug of ours must not take the batch down
        return InputError(str(job.path), "internal_error",
                          f"{job.path}: {type(error).__name__}: {error}")


def parse_many(paths: list[Path], engine: str, jobs: int = 1,
               progress: Callable[[int, int, Path], None] | None = None
               ) -> tuple[list[Report], list[InputError]]:
    """Parse ``paths`` (in parallel when ``jobs`` > 1); results keep the input order."""
    work = [Job(path, report_id, engine) for path, report_id in zip(paths, report_ids(paths))]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(run_job, work))
    else:
        results = []
        for number, job in enumerate(work, start=1):
            if progress:
                progress(number, len(work), job.path)
            results.append(run_job(job))
    reports = [result for result in results if isinstance(result, Report)]
    errors = [result for result in results if isinstance(result, InputError)]
    return reports, errors


def output_files(out: Path, reports: list[Report], errors: list[InputError],
                 encoding: str = "utf-8-sig") -> dict[Path, bytes]:
    """The contents of every output file of a run, keyed by path, ready to write."""
    files = {out / f"{name}.csv": csv_bytes(columns(name), rows(reports, name), encoding)
             for name in OUTPUT_NAMES}
    files[out / "errors.csv"] = csv_bytes(
        ERROR_COLUMNS, [(e.source_path, e.error, e.message) for e in errors], encoding)
    metadata = {"parser_version": __version__, "tokenizer": dictionary_info(),
                "encoding": encoding, "reports": len(reports), "errors": len(errors)}
    files[out / "metadata.json"] = (json.dumps(metadata, ensure_ascii=False, indent=2)
                                    + "\n").encode("utf-8")
    return files


def write_outputs(out: Path, reports: list[Report], errors: list[InputError],
                  encoding: str = "utf-8-sig") -> None:
    """Write reports.csv … checks.csv, errors.csv and metadata.json into ``out``."""
    write_files(output_files(out, reports, errors, encoding))


def tty_progress(number: int, total: int, path: Path) -> None:
    """A one-line progress counter on a terminal; nothing when stderr is redirected."""
    if sys.stderr.isatty() and total > 1:
        end = "\n" if number == total else ""
        print(f"\r[{number}/{total}] {path.name[:60]:<60}", end=end, file=sys.stderr, flush=True)
