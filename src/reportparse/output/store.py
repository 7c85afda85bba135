"""OUT, the output folder: its layout, its cache, the dataset it holds, and the commit.

Every writer of files (``parse``, ``golden``, ``compare``) goes through this module.

* OUT is a *dataset*: the reports of every run into it, one per report_id. A run adds or
  replaces its reports and keeps the others; ``replace`` rebuilds OUT from the run alone;
  a run that parsed nothing changes nothing. Rows are ordered by report_id and errors by
  source path, so the same set of reports gives the same bytes whatever the order of the
  runs that led to it.
* Every parsed input leaves its CSV rows, encoded, in ``OUT/.reportparse/cache/<key>.rows``
  (``cache.py``: versioned and checked; an entry that fails a check is not used, the input
  is parsed again). The key covers the input's sha256, the parser version, the engine, its
  report_id and the path shown, so a re-run skips an input only when none of these changed.
  ``OUT/.reportparse/manifest.json`` indexes the dataset: its reports (with their cache
  keys) and its errors. The CSVs are rebuilt from the cache at every commit, by copying each
  report's rows (``DatasetWriter``, while the run's other inputs are still being parsed).
* ``_dataset_files`` is the one place where the other files of OUT are produced; an extra
  output format is one more call there.
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
from typing import BinaryIO

from .. import __version__
from . import cache
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
        """The input cached under ``key`` (its rows stay on disk), or None: parse it again."""
        unpacked = self._trusted(key)
        if unpacked is None:
            return None
        try:
            about = unpacked.about
            return Rendered(about["source_path"], _summary(about["summary"]), {})
        except (KeyError, TypeError):
            return None  # a well-formed entry of a summary with other fields: foreign

    def remember(self, key: str, rendered: Rendered) -> None:
        """Cache ``rendered``'s rows under ``key`` (renamed into place: a worker killed while
        writing leaves no entry)."""
        about = {"source_path": rendered.source_path, "summary": asdict(rendered.summary)}
        rows = {name: rendered.fragments[name].encode("utf-8") for name in OUTPUT_NAMES}
        write_files({self._path(key): cache.pack(key, about, rows)})

    def rows(self, entry: Entry) -> dict[str, memoryview]:
        """The cached UTF-8 rows of ``entry``, each output's; a StoreError when unusable."""
        unpacked = self._trusted(entry.key)
        if unpacked is None:
            raise StoreError(f"{self.out}/{STATE}/cache lacks the rows of {entry.report_id} "
                             f"(missing or damaged); give --replace to rebuild {self.out}/ "
                             "from this run's inputs")
        return unpacked.rows

    def check_cached(self, entries: Iterable[Entry]) -> None:
        """Fail (StoreError) before any work if the cache has no rows for some of ``entries``."""
        missing = [e.report_id for e in entries
                   if not (self._path(e.key).is_file() or self._legacy_path(e.key).is_file())]
        if missing:
            raise StoreError(f"{self.out}/{STATE}/cache lacks the rows of {', '.join(missing)}; "
                             f"give --replace to rebuild {self.out}/ from this run's inputs")

    def drop_unused(self, dataset: Dataset) -> None:
        """Remove every cache file but the entries of ``dataset`` (temporary files of a killed
        worker and entries of the older format included)."""
        keep = {f"{entry.key}{cache.SUFFIX}" for entry in dataset.entries}
        for path in self.cache.glob("*"):
            if path.name not in keep:
                path.unlink(missing_ok=True)

    def _path(self, key: str) -> Path:
        return self.cache / f"{key}{cache.SUFFIX}"

    def _legacy_path(self, key: str) -> Path:
        return self.cache / f"{key}.json.gz"

    def _trusted(self, key: str) -> cache.Unpacked | None:
        """The entry cached under ``key`` when every check passes, else None."""
        try:
            data = self._path(key).read_bytes()
        except FileNotFoundError:
            return self._migrated(key)
        except OSError:
            return None
        unpacked = cache.unpack(key, data)
        if unpacked is None or tuple(unpacked.rows) != OUTPUT_NAMES:
            return None
        return unpacked

    def _migrated(self, key: str) -> cache.Unpacked | None:
        """An entry of the gzipped-JSON cache that OUT folders held before issue 13,
        rewritten in the current format; None when there is none (or it is unreadable)."""
        try:
            data = json.loads(gzip.decompress(self._legacy_path(key).read_bytes()))
            rendered = Rendered(data["source_path"], _summary(data["summary"]),
                                data["fragments"])
            self.remember(key, rendered)
        except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError):
            return None
        return self._trusted(key)

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


def _summary(data: dict) -> Summary:
    return Summary(**{**data, "failed": [tuple(failed) for failed in data["failed"]]})


class DatasetWriter:
    """OUT's files for the ``earlier`` dataset plus this run's reports, written as they come.

    The CSVs are written into a staging folder in report_id order: a report's rows go in as
    soon as every report_id before it is settled (parsed, failed, or not in this run), so
    the parent writes while the workers still parse and little is left for the end. Jobs
    handed out in report_id order keep the reports waiting for their turn few; waiting
    costs nothing anyway, as their rows stay in the cache on disk.

    ``commit`` moves every file into OUT at once. Leaving the ``with`` block without it
    (nothing parsed, an error, Ctrl-C) removes the staging folder: OUT stays as it was.
    """

    def __init__(self, folder: OutputFolder, earlier: Dataset, coming: Iterable[str],
                 encoding: str):
        self._folder, self._earlier, self._encoding = folder, earlier, encoding
        self._previous = {entry.report_id: entry for entry in earlier.entries}
        self._coming = set(coming)
        self._order = sorted(self._previous.keys() | self._coming)
        self._written = 0  # reports of _order done
        self._settled: dict[str, Entry | None] = {}
        self._staging = Staging(folder.out)
        self._files: dict[str, BinaryIO] = {}

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        self._close()
        self._staging.discard()  # after a commit there is nothing left to discard

    def settle(self, report_id: str, entry: Entry | None) -> None:
        """This run's outcome for ``report_id``: its entry, or None when its input failed
        (the earlier report of that report_id, if any, then stays)."""
        self._settled[report_id] = entry
        while self._written < len(self._order):
            report_id = self._order[self._written]
            if report_id in self._coming and report_id not in self._settled:
                return  # its turn, but its input is still being parsed
            entry = self._settled.get(report_id) or self._previous.get(report_id)
            if entry:
                self._write_rows(entry)
            self._written += 1

    def commit(self, errors: Iterable[InputError], formats: tuple[str, ...] = ()) -> Dataset:
        """Move the dataset into OUT, every file at once; drop the cache it no longer uses."""
        unsettled = self._coming - self._settled.keys()
        if unsettled:
            raise ValueError(f"commit before every report is settled: {sorted(unsettled)}")
        parsed = [entry for entry in self._settled.values() if entry]
        dataset = self._earlier.merged(parsed, errors)
        self._csv_files()  # a dataset of no report still has its CSVs, header only
        self._close()
        _dataset_files(self._staging.path, dataset, self._encoding, formats)
        self._staging.publish()
        self._folder.drop_unused(dataset)
        return dataset

    def _write_rows(self, entry: Entry) -> None:
        rows = self._folder.rows(entry)
        for name, file in self._csv_files().items():
            file.write(_in_encoding(rows[name], name, self._encoding))
            file.flush()  # each report on disk once written; a buffer only delays small ones

    def _csv_files(self) -> dict[str, BinaryIO]:
        if not self._files:
            for name in OUTPUT_NAMES:
                self._files[name] = open(self._staging.path / f"{name}.csv", "wb")
                self._files[name].write(csv_header(name, self._encoding))
        return self._files

    def _close(self) -> None:
        for file in self._files.values():
            file.close()


def _in_encoding(rows: memoryview, name: str, encoding: str) -> bytes | memoryview:
    """Cached rows (UTF-8) in ``encoding``: as they are for UTF-8, with or without BOM."""
    if encoding in ("utf-8", "utf-8-sig"):
        return rows
    return encode(str(rows, "utf-8"), encoding, f"{name}.csv", opens_file=False)


def _dataset_files(staging: Path, dataset: Dataset, encoding: str,
                   formats: tuple[str, ...] = ()) -> None:
    """Every file of OUT but the CSVs of the reports (``DatasetWriter``'s), written into
    ``staging``: the one place to add a file. ``formats`` beyond csv (xlsx, sqlite,
    parquet) are made from the staged CSVs."""
    from ..tokens import dictionary_info  # MeCab's bindings: only a commit needs them here

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

    All or nothing: an exception inside ``write`` leaves ``target`` as it was.
    """
    staging = Staging(target)
    try:
        write(staging.path)
        staging.publish()
    finally:
        staging.discard()


class Staging:
    """A folder inside ``target`` whose files go into ``target`` all at once, or never.

    It is made on first use, so that a run that writes nothing leaves no trace; staging
    folders that a killed run left behind are removed then.
    """

    def __init__(self, target: Path):
        self.target = target
        self._path: Path | None = None

    @property
    def path(self) -> Path:
        if self._path is None:
            self.target.mkdir(parents=True, exist_ok=True)
            for stale in self.target.glob(".staging-*"):
                shutil.rmtree(stale, ignore_errors=True)
            self._path = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.target))
        return self._path

    def publish(self) -> None:
        """Every staged file, on disk, renamed into ``target`` with Ctrl-C and SIGTERM held
        back: ``target`` holds its previous files or all of the new ones, never a mix."""
        names = [p.relative_to(self.path) for p in sorted(self.path.rglob("*")) if p.is_file()]
        for name in names:
            with open(self.path / name, "rb") as file:
                os.fsync(file.fileno())
        with _signals_held_back():
            for name in names:
                (self.target / name).parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.path / name, self.target / name)
            shutil.rmtree(self.path, ignore_errors=True)
            self._path = None

    def discard(self) -> None:
        """Remove the staging folder and what it holds (nothing once published)."""
        if self._path is not None:
            with _signals_held_back():
                shutil.rmtree(self._path, ignore_errors=True)
                self._path = None


@contextmanager
def _signals_held_back() -> Iterator[None]:
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_BACK)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)

