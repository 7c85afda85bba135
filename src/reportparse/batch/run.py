"""Many inputs in, one dataset out: finding inputs, naming them, parsing, committing.

* One bad input never stops a batch: it becomes an ``InputError`` row of errors.csv.
* The run's reports join the dataset in OUT (``store``): added, or replacing those of
  their report_id; ``replace`` rebuilds OUT from the run alone; a run that parsed nothing
  leaves OUT as it was.
* Inputs are parsed in worker processes (``workers.WorkerPool``): a crash, a hang past
  ``timeout`` or a memory blow-up costs that input only (``internal_error``, ``timeout``).
  With ``scheduler``, the same work runs on a Dask distributed cluster (``dask_run``).
  Workers load the pipeline as they start (this process never does) and leave each
  input's formatted rows in OUT's cache; only a summary comes back.
* A re-run skips inputs already parsed into OUT with the same content and parser version
  (``store.OutputFolder``), unless ``force``; the files come out the same either way.
* The commit is streamed (``store.DatasetWriter``): inputs go out in report_id order, and
  each report's rows are copied from the cache into the new CSVs as soon as the reports
  before it are settled; OUT itself changes at the end, all at once.
* Output is deterministic: rows are ordered by report_id, whatever the number of workers,
  the order in which they finish or the order of the runs.

``run_job`` is the pure per-file function (path in, ``Report`` out) that any process pool —
``concurrent.futures``, multiprocessing, Dask — can map over files.
"""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Callable, Generator, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import __version__
from ..output.formats import DEFAULT as DEFAULT_FORMATS
from ..output.formats import remove_others
from ..output.rows import OUTPUT_NAMES, csv_lines
from ..output.store import (
    Dataset,
    DatasetWriter,
    Entry,
    InputError,
    OutputFolder,
    Rendered,
    Summary,
    cache_key,
)
from ..records import Report, ReportError
from .workers import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Failure, WorkerPool

REPORT_SUFFIXES = (".pdf", ".txt", ".html", ".htm")


@dataclass(frozen=True)
class Job:
    path: Path
    report_id: str
    engine: str
    source_path: str | None = None  # as shown in reports.csv; default: the path as given

    @property
    def shown(self) -> str:
        return self.source_path or str(self.path)


def expand_inputs(inputs: list[str]) -> tuple[list[Path], list[InputError]]:
    """Files as given, folders searched recursively for .pdf/.txt/.html/.htm, globs expanded.

    Folder and glob matches are sorted so that a run does not depend on the order on disk.
    """
    found: list[Path] = []
    missing: list[InputError] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
            found += inside
            if not inside:
                missing.append(InputError(given, "not_found",
                                          f"{given}: no .pdf, .txt or .html file in this folder"))
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
    seen: dict[str, int] = {}
    ids = []
    for path in paths:
        seen[path.stem] = seen.get(path.stem, 0) + 1
        ids.append(path.stem if seen[path.stem] == 1 else f"{path.stem}-{seen[path.stem]}")
    return ids


def run_job(job: Job) -> Report | InputError:
    """Parse one input; every failure becomes an ``InputError`` naming the file."""
    from .. import pipeline  # here: a batch's parent never loads it (``_load_pipeline``)

    try:
        return pipeline.parse(job.path, engine=job.engine, report_id=job.report_id,
                              source_path=job.source_path)
    except ReportError as error:
        return InputError(job.shown, error.code, error.message)
    except Exception as error:  # a bug of ours must not take the batch down
        return InputError(job.shown, "internal_error",
                          f"{job.shown}: {type(error).__name__}: {error}")


def summary(report: Report) -> Summary:
    return Summary(
        report.report_id, report.municipality, report.fiscal_year_label, report.n_tables,
        len(report.table_records), len(report.metric_records), len(report.incident_records),
        [(c.check, c.location, c.message) for c in report.check_records if c.status == "failed"],
    )


def render(job: Job) -> Rendered | InputError:
    """Parse one input and format its rows of every output (done in the worker)."""
    result = run_job(job)
    if isinstance(result, InputError):
        return result
    fragments = {name: csv_lines(result, name) for name in OUTPUT_NAMES}
    return Rendered(job.shown, summary(result), fragments)


@dataclass
class Outcome:
    """The reports and errors of a run, in input order, and how many came from the cache."""

    summaries: list[Summary]
    errors: list[InputError]
    reused: int = 0
    committed: bool = True  # False: nothing parsed, OUT left as it was


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _key(job: Job) -> str:
    try:
        content = _sha256(job.path)
    except OSError:
        content = "unreadable"  # the parser will say why; never matches a real digest
    return cache_key(content, __version__, _code_digest(), job.engine, job.report_id, job.shown)


@cache
def _code_digest() -> str:
    """A digest of the parser's own source: rows cached by other code, even under the same
    version number (a development install), are never reused."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class _Task:
    """What a worker needs: the job, and where to leave its rows."""

    job: Job
    key: str
    out: Path


def _keep(task: _Task, result: Rendered | InputError | Failure) -> Rendered | InputError | Failure:
    """Cache the rows of a rendered input; only its summary goes on."""
    if not isinstance(result, Rendered):
        return result
    OutputFolder(task.out).remember(task.key, result)
    return Rendered(result.source_path, result.summary, {})


def _parse_and_keep(task: _Task) -> Rendered | InputError | Failure:
    """In a worker: parse, format and cache one input; send back only its summary.

    The rows go to the cache on disk from here, so the parent never holds them.
    """
    return _keep(task, render(task.job))


def _load_pipeline() -> None:
    """A worker's first step: load the parsing pipeline (most of its start-up)."""
    from .. import pipeline  # noqa: F401


def _results(tasks: list[_Task], pool: WorkerPool | None, scheduler: str | None,
             timeout: float, memory_mb: int | None
             ) -> Iterator[tuple[int, Rendered | InputError | Failure]]:
    """``(position, result)`` of each task as it finishes, on a Dask cluster or else ``pool``."""
    if scheduler:
        from .dask_run import cluster_results  # dask is an optional extra

        jobs = [task.job for task in tasks]
        for position, result in cluster_results(scheduler, jobs, timeout, memory_mb):
            yield position, _keep(tasks[position], result)  # the rows came back to this machine
        return
    assert pool is not None, "local workers start with the first input to parse"
    yield from pool.map(tasks)


def _parsed(jobs: list[Job], folder: OutputFolder, force: bool, workers: int, timeout: float,
            memory_mb: int | None, scheduler: str | None
            ) -> Generator[tuple[int, str, Rendered | InputError, bool], None, None]:
    """Each job's cache key, its result and whether it came from the cache, as they are ready.

    Local workers start at the first input to parse, before the others are hashed and
    looked up in the cache, so that they load the pipeline meanwhile.
    """
    keys: list[str] = []
    todo: list[int] = []
    with ExitStack() as running:
        pool = None
        for index, job in enumerate(jobs):
            keys.append(_key(job))
            cached = None if force else folder.cached(keys[index])
            if cached:
                yield index, keys[index], cached, True
                continue
            if pool is None and not scheduler:
                pool = running.enter_context(WorkerPool(
                    _parse_and_keep, min(workers, len(jobs) - index), timeout, memory_mb,
                    warm_up=_load_pipeline))
            todo.append(index)
        if not todo:
            return
        todo.sort(key=lambda index: jobs[index].report_id)  # the order DatasetWriter writes
        tasks = [_Task(jobs[index], keys[index], folder.out) for index in todo]
        for position, result in _results(tasks, pool, scheduler, timeout, memory_mb):
            index = todo[position]
            if isinstance(result, Failure):
                result = InputError(jobs[index].shown, result.code,
                                    f"{jobs[index].shown}: {result.message}")
            yield index, keys[index], result, False


def run_batch(inputs: list[str], out: Path, *, engine: str = "pymupdf", jobs: int = 1,
              encoding: str = "utf-8-sig", force: bool = False, replace: bool = False,
              formats: tuple[str, ...] = DEFAULT_FORMATS,
              timeout: float = DEFAULT_TIMEOUT, memory_mb: int | None = DEFAULT_MEMORY_MB,
              scheduler: str | None = None,
              on_total: Callable[[int], None] = lambda total: None,
              on_done: Callable[[], None] = lambda: None) -> Outcome:
    """Parse ``inputs`` into the dataset of ``out``; see the module docstring for the rules."""
    paths, missing = expand_inputs(inputs)
    work = [Job(path, report_id, engine) for path, report_id in zip(paths, report_ids(paths))]
    on_total(len(work))
    folder = OutputFolder(out)
    folder.check_writable()  # fail here, before any work
    earlier = Dataset() if replace else folder.dataset()  # an unreadable index fails here
    coming = {job.report_id for job in work}
    folder.check_cached(e for e in earlier.entries if e.report_id not in coming)
    results: dict[int, Entry | InputError] = {}
    summaries: dict[int, Summary] = {}
    reused = 0
    parsed = _parsed(work, folder, force, jobs, timeout, memory_mb, scheduler)
    with closing(parsed), DatasetWriter(folder, earlier, coming, encoding) as writer:
        for index, key, result, from_cache in parsed:
            reused += from_cache
            if isinstance(result, InputError):
                results[index] = result
                writer.settle(work[index].report_id, None)
            else:
                entry = Entry(work[index].report_id, result.source_path, key, engine)
                results[index], summaries[index] = entry, result.summary
                writer.settle(entry.report_id, entry)
            on_done()
        ordered = [results[index] for index in range(len(work))]
        errors = missing + [r for r in ordered if isinstance(r, InputError)]
        committed = any(isinstance(r, Entry) for r in ordered)
        if committed:  # a run that parsed nothing changes nothing
            remove_others(out, formats)
            writer.commit(errors, formats)
    return Outcome([summaries[index] for index in sorted(summaries)], errors, reused,
                   committed)
