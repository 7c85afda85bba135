"""Running a task over many inputs in worker processes that cannot take the batch down.

Each worker is a long-lived process that handles one input at a time. A worker that
crashes (a segfault in a PDF library, the memory limit hit) or runs past the time limit is
killed and replaced, and that input gets a ``Failure``; the other inputs go on. Results
come back as they finish, each with the index of its input.

Workers ignore Ctrl-C: the parent decides when to stop, and ``close`` kills them all.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

DEFAULT_TIMEOUT = 300.0  # seconds per input: the 177-page real PDF takes about 5
DEFAULT_MEMORY_MB = 2048  # address space per worker; a normal parse stays under 400

# fork: a worker starts with the parent's modules already loaded (``warm_up`` adds its own).
# (Any: typeshed's BaseContext lacks the Process of the concrete contexts)
_CONTEXT: Any = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")


@dataclass(frozen=True)
class Failure:
    """Why a worker gave no result: ``timeout`` or ``internal_error``."""

    code: str
    message: str


def _address_space() -> int:
    """Bytes of address space this process holds (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 0


def _serve(connection: Connection, task: Callable[[Any], Any], memory_mb: int | None,
           warm_up: Callable[[], None] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if memory_mb:
        # on top of what the fork inherits: a parent that reserved address space (pyarrow's
        # allocator reserves 1 GB on first use) must not leave its workers none to parse in
        limit = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if warm_up:
        try:
            warm_up()
        except Exception:  # the task meets the same failure, and reports it for its input
            pass
    while True:
        try:
            work = connection.recv()
        except EOFError:
            return
        try:
            connection.send(task(work))
        except MemoryError:
            connection.send(Failure("internal_error", "out of memory (the worker memory limit)"))
        except Exception as error:  # a bug in the task (the result would not send): say which
            connection.send(Failure("internal_error", f"{type(error).__name__}: {error}"))


@dataclass
class _Worker:
    process: Any
    connection: Connection
    index: int | None = None
    deadline: float = 0.0


class WorkerPool:
    """``workers`` processes running ``task``; a time limit per input, a memory limit each.

    ``warm_up`` runs in each process as it starts, while the parent gets the inputs ready
    (loading the modules ``task`` needs); what is left of it counts toward the first input's
    time limit, as an import on first use would.
    """

    def __init__(self, task: Callable[[Any], Any], workers: int, timeout: float,
                 memory_mb: int | None = None, warm_up: Callable[[], None] | None = None):
        self._task, self._timeout, self._memory_mb = task, timeout, memory_mb
        self._warm_up = warm_up
        self._workers = [self._start() for _ in range(workers)]

    def _start(self) -> _Worker:
        parent_end, child_end = _CONTEXT.Pipe()
        process = _CONTEXT.Process(target=_serve, daemon=True,
                                   args=(child_end, self._task, self._memory_mb, self._warm_up))
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.connection.close()
        self._workers[self._workers.index(worker)] = self._start()

    def map(self, inputs: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        """Yield ``(index, result or Failure)`` for every input, in the order they finish."""
        waiting = deque(range(len(inputs)))
        busy: list[_Worker] = []
        while waiting or busy:
            for worker in self._workers:
                if waiting and worker.index is None:
                    worker.index, worker.deadline = waiting.popleft(), time.monotonic() + self._timeout
                    worker.connection.send(inputs[worker.index])
                    busy.append(worker)
            soonest = min(w.deadline for w in busy) - time.monotonic()
            ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy],
                         timeout=max(soonest, 0))
            for worker in list(busy):
                outcome = self._outcome(worker, ready)
                if outcome is not None and worker.index is not None:
                    busy.remove(worker)
                    index, worker.index = worker.index, None
                    yield index, outcome

    def _outcome(self, worker: _Worker, ready: list) -> Any | None:
        if worker.connection in ready:
            try:
                return worker.connection.recv()
            except (EOFError, OSError):
                pass  # the worker died while sending: fall through to the sentinel
        if worker.connection in ready or worker.process.sentinel in ready:
            worker.process.join()
            code = worker.process.exitcode
            self._replace(worker)
            return Failure("internal_error", f"the worker parsing it died (exit code {code})")
        if time.monotonic() >= worker.deadline:
            self._replace(worker)
            return Failure("timeout", f"no result after {self._timeout:g} s (--timeout)")
        return None

    def close(self) -> None:
        for worker in self._workers:
            worker.process.kill()
            worker.process.join()
            worker.connection.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
