"""The output folder of ``parse``: a cache of each input's rows, and an all-or-nothing commit.

* Every parsed input leaves its CSV rows in ``OUT/.reportparse/cache/<key>.json.gz``; the key
  covers the input's sha256, the parser version, the engine, its report_id and the path
  shown, so a re-run skips an input only when none of these changed. ``manifest.json``
  beside the cache lists every input of the last run in order, for people to read.
* ``commit`` writes the new files into a staging folder inside OUT, then renames them into
  place with Ctrl-C and SIGTERM held back, so OUT holds either the previous run's files or
  all of the new run's — never a half-written CSV or a mix of two runs (a signal arriving
  meanwhile takes effect right after). Only SIGKILL or a power cut can land in the few
  renames.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .writers import write_files

STATE = ".reportparse"
_HELD_BACK = {signal.SIGINT, signal.SIGTERM}


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


def cache_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


class OutputFolder:
    """``OUT``: its cache of rendered inputs and the commit of a run's files."""

    def __init__(self, out: Path):
        self.out = out
        self.cache = out / STATE / "cache"

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
        self.cache.mkdir(parents=True, exist_ok=True)
        data = gzip.compress(json.dumps(asdict(rendered), ensure_ascii=False).encode(),
                             compresslevel=1, mtime=0)  # fast: this is a cache, not an archive
        write_files({self.cache / f"{key}.json.gz": data})

    def commit(self, write: Callable[[Path], None], keep: set[str]) -> None:
        """Replace OUT's files with those ``write`` puts into the folder it is given.

        An error while writing (an encoding problem) leaves OUT untouched. Cache entries
        not in ``keep`` are dropped afterwards.
        """
        self.out.mkdir(parents=True, exist_ok=True)
        for stale in self.out.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.out))
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
                (self.out / name).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / name, self.out / name)
            shutil.rmtree(staging, ignore_errors=True)
        for entry in self.cache.glob("*.json.gz"):
            if entry.name.removesuffix(".json.gz") not in keep:
                entry.unlink()


@contextmanager
def _signals_held_back() -> Iterator[None]:
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_BACK)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
