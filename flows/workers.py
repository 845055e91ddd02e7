"""The parse workers of one machine: processes that load the model once and parse batches.

Why our own process pool rather than Prefect's ``ProcessPoolTaskRunner``
(measured, README "Workers"): that runner starts each worker with a full
Prefect client, which on this project's 2-core machine took about 10 s before
the first of eight trivial tasks returned and touched Prefect's state database
from every worker ("database is locked"), then cost about 0.1 s per task.
Here the batch *tasks* stay Prefect tasks (threads of the flow, visible in
the UI with their logs), and each hands its batch to a worker of this pool:
plain processes that import spaCy and our transforms only, load the model
and dictionaries once (the initializer) and keep them for every batch.

The workers are started with ``spawn`` (no copy of the parent's threads or
locks: Prefect's, DuckDB's and Polars' thread pools are not fork-safe), as
early as possible, so they load while Prefect's server starts.

A worker never outlives its run: a watchdog thread waits on the parent's PID
(as ``flows.server_child`` does for Prefect's server) and exits the worker
when the parent is gone, even after ``kill -9``. Ctrl-C reaches the whole
process group; workers ignore it and the run stops them.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable

from flows.extraction import ResourceArgs

_POOL: "WorkerPool | None" = None
_POOL_LOCK = threading.Lock()


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        return max(os.cpu_count() or 1, 1)


def _watch_parent(parent: int) -> None:
    from flows.server_child import wait_for_exit

    wait_for_exit(parent)
    os._exit(1)


def _start_worker(parent: int, resources: ResourceArgs) -> None:
    """Initializer: die with the parent, leave signals to it, load everything once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watchdog", daemon=True).start()
    resources.load()


def _ready() -> int:
    return os.getpid()


class WorkerPool:
    """``workers`` processes holding the model and dictionaries of ``resources``."""

    def __init__(self, workers: int, resources: ResourceArgs):
        self.workers = workers
        self.resources = resources
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(), resources),
        )
        # Start every worker now (spawn starts them on demand), so they load
        # the model while the caller does something else.
        self._warming = [self._executor.submit(_ready) for _ in range(workers)]

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        return self._executor.submit(fn, *args, **kwargs)

    def pids(self) -> list[int]:
        return [f.result() for f in self._warming]

    def shutdown(self) -> None:
        """Stop the workers at once (a run that failed does not wait for their batches)."""
        processes = list(getattr(self._executor, "_processes", {}).values())
        self._executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)


def shared_pool(workers: int, resources: ResourceArgs) -> WorkerPool:
    """This process's pool for ``workers`` and ``resources``, started on first use."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is not None and (_POOL.workers, _POOL.resources) != (workers, resources):
            _POOL.shutdown()
            _POOL = None
        if _POOL is None:
            _POOL = WorkerPool(workers, resources)
        return _POOL


def current_pool() -> WorkerPool | None:
    return _POOL


def stop_shared_pool() -> None:
    global _POOL
    with _POOL_LOCK:
        if _POOL is not None:
            _POOL.shutdown()
            _POOL = None
