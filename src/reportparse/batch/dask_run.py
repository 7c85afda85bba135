"""Parsing a batch on a Dask distributed cluster: ``reportparse parse … --dask-scheduler ADDRESS``.

The per-file work is the local workers' (``run.render``: parse and format the rows of one
input), mapped over the cluster; the rows come back to this machine, which caches them and
writes OUT exactly as a local run does, so OUT is the same byte for byte.

* Each input is read here and sent with its job: the cluster's machines need not see this
  machine's files, and an input this machine cannot read gets the local error, worded the
  same. At most two inputs per cluster thread are in flight, so memory here stays bounded.
* On a Dask worker each input runs in a ``WorkerPool`` process of its own (one per worker
  thread, kept between inputs), so ``--timeout``, ``--max-memory`` and a crash cost that
  input only, exactly as with local workers.

Needs the ``dask`` extra: ``pip install 'reportparse[dask]'``.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..output.store import Rendered
from .run import InputError, Job, render
from .workers import Failure, WorkerPool

CONNECT_TIMEOUT = "10s"
_IN_FLIGHT_PER_THREAD = 2


class ClusterError(Exception):
    """The cluster cannot be used: dask is not installed, or the scheduler cannot be reached."""


def _render_copy(sent: tuple[Job, bytes]) -> Rendered | InputError:
    """In a pool process: render the input from the bytes sent, as if read from its path."""
    job, data = sent
    with tempfile.TemporaryDirectory(prefix="reportparse-") as folder:
        copy = Path(folder) / job.path.name
        copy.write_bytes(data)
        return render(replace(job, path=copy, source_path=job.shown))


_pools = threading.local()


def _pool(timeout: float, memory_mb: int | None) -> WorkerPool:
    """This Dask worker thread's pool of one process, started on first use."""
    if getattr(_pools, "limits", None) != (timeout, memory_mb):
        if getattr(_pools, "pool", None):
            _pools.pool.close()
        # Dask starts its workers as daemonic processes, and multiprocessing refuses them
        # children lest they be orphaned. A pool process ends by itself when its pipe to
        # this process closes (workers._serve), so it cannot be orphaned for long.
        multiprocessing.current_process()._config["daemon"] = False  # type: ignore[attr-defined]
        _pools.pool, _pools.limits = WorkerPool(_render_copy, 1, timeout, memory_mb), (timeout, memory_mb)
    return _pools.pool


def _on_worker(job: Job, data: bytes, timeout: float,
               memory_mb: int | None) -> Rendered | InputError | Failure:
    """The Dask task: one input through this thread's pool process, with its limits."""
    [(_, outcome)] = _pool(timeout, memory_mb).map([(job, data)])
    return outcome


def _client(address: str):
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("--dask-scheduler needs the dask extra: "
                           "pip install 'reportparse[dask]'") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError, TypeError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None


def cluster_results(address: str, jobs: list[Job], timeout: float, memory_mb: int | None
                    ) -> Iterator[tuple[int, Rendered | InputError | Failure]]:
    """Yield ``(index, result)`` for every job, in the order they finish on the cluster."""
    from distributed import as_completed

    with _client(address) as client:
        threads = sum(client.nthreads().values())
        if not threads:  # its tasks would wait forever: no time limit runs before a worker
            raise ClusterError(f"the Dask cluster at {address} has no workers")
        limit = _IN_FLIGHT_PER_THREAD * threads
        waiting, running = deque(enumerate(jobs)), as_completed()
        positions: dict[Any, int] = {}
        while waiting or positions:
            while waiting and len(positions) < limit:
                index, job = waiting.popleft()
                try:
                    data = job.path.read_bytes()
                except OSError:
                    yield index, render(job)  # fails reading too, and says why as locally
                    continue
                future = client.submit(_on_worker, job, data, timeout, memory_mb, pure=False)
                positions[future] = index
                running.add(future)
            if positions:
                future = next(running)
                yield positions.pop(future), _result(future)


def _result(future) -> Rendered | InputError | Failure:
    try:
        return future.result()
    except Exception as error:  # the Dask worker itself died or lost the task
        return Failure("internal_error", f"the Dask task failed: {type(error).__name__}: {error}")
