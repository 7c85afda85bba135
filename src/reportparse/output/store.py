"""OUT, the output folder: its layout, its cache, the dataset it holds, and the commit.

Every writer of files (``parse``, ``golden``, ``compare``) goes through this module.

* OUT is a *dataset*: the reports of every run into it, one per report_id. A run adds or
  replaces its reports and keeps the others; ``replace`` rebuilds OUT from the run alone;
  a run that parsed nothing changes nothing. Rows are ordered by report_id and errors by
  source path, so the same set of reports gives the same bytes whatever the order of the
  runs that led to it.
* Every parsed input leaves its CSV rows in ``OUT/.reportparse/cache/<key>.json.gz``; the
  key covers the input's sha256, the parser version, the engine, its report_id and the path
  shown, so a re-run skips an input only when none of these changed.
  ``OUT/.reportparse/manifest.json`` indexes the dataset: its reports (with their cache
  keys) and its errors. The CSVs are rebuilt from the cache at every commit.
* ``dataset_files`` is the one place where every file of OUT is produced from the rows; an
  extra output format is one more call there.
* A commit writes the new files into a staging folder inside the target, then renames them
  into place with Ctrl-C and SIGTERM held back, so the target holds either its previous
  files or all of the new ones — never a half-written CSV or a mix of two runs (a signal
  arriving meanwhile takes effect right after). Files get the ordinary mode (0644 under the
  usual umask), whoever writes them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import __version__
from ..tokens import dictionary_info
from .formats import write_formats
from .rows import OUTPUT_NAMES, columns
from .schema import ERROR_COLUMNS, datapackage
from .writers import csv_text, encode, write_files

STATE = ".reportparse"
MANIFEST = "manifest.json"
_HELD_BACK = {signal.SIGINT, signal.SIGTERM}


class StoreError(ValueError):
    """OUT cannot be updated as asked; the message names the folder and what to do."""


@dataclass(frozen=True)
class InputError:
    """An input that gave no report: one row of errors.csv."""

    source_path: str
    error: str
    message: str


@dataclass(frozen=True)
class Summary:
    """What the terminal summary says of one report."""

    report_id: str
    municipality: str
    fiscal_year_label: str
    n_tables: int
    n_cells: int
    n_metrics: int
    n_incidents: int
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # check, location, message


@dataclass(frozen=True)
class Rendered:
    """One parsed input as CSV rows (no headers), ready to be joined into the outputs."""

    source_path: str
    summary: Summary
    fragments: dict[str, str]  # output name -> CSV lines


@dataclass(frozen=True)
class Entry:
    """One report of the dataset: where its rows are cached."""

    report_id: str
    source_path: str
    key: str
    engine: str


@dataclass(frozen=True)
class Dataset:
    """What OUT holds: reports ordered by report_id, errors ordered by source path."""

    entries: tuple[Entry, ...] = ()
    errors: tuple[InputError, ...] = ()

    def merged(self, entries: Iterable[Entry], errors: Iterable[InputError]) -> Dataset:
        """This dataset with a run's reports and errors added, replacing those they name.

        A report replaces the one of its report_id; an error replaces the earlier error of
        its source path, and a report parsed now clears the earlier error of its path.
        """
        reports = {entry.report_id: entry for entry in self.entries}
        reports.update({entry.report_id: entry for entry in entries})
        parsed = {entry.source_path for entry in reports.values()}
        failed = {error.source_path: error for error in self.errors
                  if error.source_path not in parsed}
        failed.update({error.source_path: error for error in errors})
        return Dataset(tuple(reports[k] for k in sorted(reports)),
                       tuple(failed[k] for k in sorted(failed)))


def cache_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def csv_header(name: str, encoding: str) -> bytes:
    """The first line of output ``name`` (with the BOM of utf-8-sig)."""
    return encode(csv_text([columns(name)]), encoding, f"{name}.csv")


def csv_rows(name: str, rendered: Rendered, encoding: str) -> bytes:
    """One report's rows of output ``name``, to follow the header."""
    return encode(rendered.fragments[name], encoding, f"{name}.csv", opens_file=False)


def report_files(rendered: Rendered, names: Iterable[str],
                 encoding: str = "utf-8-sig") -> dict[str, bytes]:
    """The CSVs of one report alone, as OUT would hold them for it (the golden files)."""
    return {f"{name}.csv": csv_header(name, encoding) + csv_rows(name, rendered, encoding)
            for name in names}


class OutputFolder:
    """``OUT``: its cache of rendered inputs, its dataset and the commit of its files."""

    def __init__(self, out: Path):
        self.out = out
        self.cache = out / STATE / "cache"

    def check_writable(self) -> None:
        """Fail before any work (OSError) if OUT cannot be written; create nothing."""
        existing = next(p for p in (self.out, *self.out.parents) if p.exists())
        if not existing.is_dir():
            raise NotADirectoryError(20, "not a folder", str(existing))
        if not os.access(existing, os.W_OK | os.X_OK):
            raise PermissionError(13, "permission denied", str(existing))

    def cached(self, key: str) -> Rendered | None:
        path = self.cache / f"{key}.json.gz"
        try:
            data = json.loads(gzip.decompress(path.read_bytes()))
        except (OSError, ValueError, EOFError):
            return None  # absent, or unreadable: parse the input again
        summary = Summary(**{**data["summary"],
                             "failed": [tuple(f) for f in data["summary"]["failed"]]})
        return Rendered(data["source_path"], summary, data["fragments"])

    def remember(self, key: str, rendered: Rendered) -> None:
        data = gzip.compress(json.dumps(asdict(rendered), ensure_ascii=False).encode(),
                             compresslevel=1, mtime=0)  # fast: this is a cache, not an archive
        write_files({self.cache / f"{key}.json.gz": data})

    def dataset(self) -> Dataset:
        """The dataset OUT holds now (empty for a new folder)."""
        path = self.out / STATE / MANIFEST
        try:
            index = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return Dataset()
        except (OSError, ValueError) as error:
            raise StoreError(f"{path} cannot be read ({error}); give --replace to rebuild "
                             f"{self.out}/ from this run's inputs") from None
        if isinstance(index, list):  # written by 0.1.0 before OUT was a dataset
            index = {"reports": [{**entry, "engine": ""} for entry in index], "errors": []}
        return Dataset(tuple(Entry(**entry) for entry in index["reports"]),
                       tuple(InputError(**error) for error in index["errors"]))

    def commit(self, dataset: Dataset, encoding: str, formats: tuple[str, ...] = ()) -> None:
        """Make OUT hold ``dataset``: every file rebuilt together, unused cache dropped.

        An error while writing (a character the encoding lacks, a cache entry gone) leaves
        OUT untouched.
        """
        missing = [e.report_id for e in dataset.entries
                   if not (self.cache / f"{e.key}.json.gz").is_file()]
        if missing:
            raise StoreError(f"{self.out}/{STATE}/cache lacks the rows of {', '.join(missing)}; "
                             f"give --replace to rebuild {self.out}/ from this run's inputs")
        commit(self.out, lambda staging: dataset_files(staging, dataset, self._rendered,
                                                       encoding, formats))
        keep = {entry.key for entry in dataset.entries}
        for entry in self.cache.glob("*.json.gz"):
            if entry.name.removesuffix(".json.gz") not in keep:
                entry.unlink()

    def _rendered(self, entry: Entry) -> Rendered:
        rendered = self.cached(entry.key)
        if rendered is None:
            raise StoreError(f"{self.cache}/{entry.key}.json.gz cannot be read")
        return rendered


def dataset_files(staging: Path, dataset: Dataset, rendered: Callable[[Entry], Rendered],
                  encoding: str, formats: tuple[str, ...] = ()) -> None:
    """Every file of OUT for ``dataset``, written into ``staging``: the one place to add a
    format. ``rendered(entry)`` gives an entry's rows (each read from the cache on call);
    ``formats`` beyond csv (xlsx, sqlite, parquet) are made from the staged CSVs."""
    _write_csvs(staging, dataset, rendered, encoding)
    errors = [(e.source_path, e.error, e.message) for e in dataset.errors]
    _write(staging / "errors.csv",
           encode(csv_text([ERROR_COLUMNS]) + csv_text(errors), encoding, "errors.csv"))
    metadata = {"parser_version": __version__, "tokenizer": dictionary_info(),
                "engines": sorted({e.engine for e in dataset.entries} - {""}),
                "encoding": encoding,
                "reports": len(dataset.entries), "errors": len(dataset.errors)}
    _write(staging / "metadata.json", _json(metadata))
    _write(staging / "datapackage.json", datapackage([*OUTPUT_NAMES, "errors"], encoding))
    write_formats(staging, formats, (*OUTPUT_NAMES, "errors"), encoding)
    index = {"reports": [asdict(e) for e in dataset.entries],
             "errors": [asdict(e) for e in dataset.errors]}
    _write(staging / STATE / MANIFEST, _json(index))


def _write_csvs(staging: Path, dataset: Dataset, rendered: Callable[[Entry], Rendered],
                encoding: str) -> None:
    """The CSVs of OUTPUT_NAMES, streamed: one report's rows in memory at a time."""
    files = {name: open(staging / f"{name}.csv", "wb") for name in OUTPUT_NAMES}
    try:
        for name, file in files.items():
            file.write(csv_header(name, encoding))
        for entry in dataset.entries:
            report = rendered(entry)
            for name, file in files.items():
                file.write(csv_rows(name, report, encoding))
    finally:
        for file in files.values():
            file.close()


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as file:  # open(), not mkstemp: the umask's mode, as any file
        file.write(data)


def commit_files(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (names relative to ``target``) into ``target`` all at once."""

    def write(staging: Path) -> None:
        for name, data in files.items():
            _write(staging / name, data)

    commit(target, write)


def commit(target: Path, write: Callable[[Path], None]) -> None:
    """Put the files that ``write`` writes into the folder it is given into ``target``.

    All or nothing: an exception inside ``write`` leaves ``target`` as it was. Staging
    folders that a killed run left behind are removed first.
    """
    target.mkdir(parents=True, exist_ok=True)
    for stale in target.glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target))
    try:
        write(staging)
        names = [p.relative_to(staging) for p in sorted(staging.rglob("*")) if p.is_file()]
        for name in names:
            with open(staging / name, "rb") as file:
                os.fsync(file.fileno())
    except BaseException:
        with _signals_held_back():
            shutil.rmtree(staging, ignore_errors=True)
        raise
    with _signals_held_back():
        for name in names:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, target / name)
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _signals_held_back() -> Iterator[None]:
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_BACK)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)

