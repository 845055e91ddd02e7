"""Where a run's batch tasks run, and how many are in flight at once.

* On one machine (the default) batch tasks are threads of the flow
  (``ThreadPoolTaskRunner``), each handing its batch to a parse worker of
  ``flows.workers`` (``--workers N``, default one per core), or parsing in
  the run's own process with ``--workers 0``.
* With ``--dask ADDRESS`` (or ``DOTTEREL_DASK_ADDRESS``) they are Prefect
  tasks on a Dask distributed cluster, through prefect-dask's
  ``DaskTaskRunner``; every Dask worker loads the model and dictionaries
  once (``load_resources`` is memoised per process) and keeps them.

Either way one process, the run's own, stages, validates and loads.
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from flows.extraction import ExtractedBatch
from flows.staging import StagedBatch, StagingArea, batch_fingerprint
from transforms.documents import Document

DASK_ENV = "DOTTEREL_DASK_ADDRESS"


def dask_address_from(option: str | None) -> str | None:
    return option or os.environ.get(DASK_ENV) or None


def batch_runner(workers: int, dask_address: str | None):
    """The Prefect task runner for a run's batch tasks (entered by the flow)."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=in_flight(workers))


def api_for_workers(dask_address: str | None) -> contextlib.AbstractContextManager:
    """Settings under which batch tasks submitted to Dask find this run's Prefect API.

    A Dask worker runs each task through Prefect's task engine, which reports
    to the Prefect API. With a server of the user's own (PREFECT_API_URL) the
    workers use that; with the run's ephemeral server, its URL is handed to
    them (a worker that found no URL would start a server of its own and
    write to the same state database). Remote workers need a server they can
    reach: set PREFECT_API_URL (README, "Clusters").
    """
    if not dask_address:
        return contextlib.nullcontext()
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.lifecycle import uses_ephemeral_server

    if not uses_ephemeral_server():
        return contextlib.nullcontext()
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer._instances.get(None)
    if server is None or server.server_process is None:
        return contextlib.nullcontext()
    return temporary_settings(updates={PREFECT_API_URL: server.api_url})


def in_flight(workers: int) -> int:
    """Batches submitted at once: one parsing and one waiting per worker, so no worker idles.

    With no workers (``--workers 0``) one batch at a time: they would share one spaCy pipeline.
    """
    return 2 * workers if workers > 0 else 1


def dask_slots(runner: Any) -> int:
    """Worker threads of the cluster a DaskTaskRunner is connected to."""
    client = getattr(runner, "_client", None)
    try:
        return max(sum(client.nthreads().values()), 1)
    except Exception:  # noqa: BLE001 - an unknown cluster gets a modest default
        return 2


def staged_batches(
    area: StagingArea,
    batches: Iterable[list[Document]],
    submit: Callable[[int, list[Document], Path], Any],
    limit: int,
) -> Iterator[tuple[StagedBatch, int]]:
    """(staged batch, documents in it) for every batch, at most ``limit`` extracting at once.

    A batch staged earlier from exactly these documents is reused as it is;
    the others are submitted (``submit`` returns a future of an
    ExtractedBatch) and committed to the staging area as they finish, oldest
    first.
    """
    pending: deque = deque()
    for batch_no, batch in enumerate(batches):
        fingerprint = batch_fingerprint(batch)
        earlier = area.finished_batch(batch_no, fingerprint)
        if earlier is not None:
            yield earlier, len(batch)
            continue
        work = area.work_dir(batch_no)
        pending.append((batch_no, fingerprint, work, len(batch), submit(batch_no, batch, work)))
        while len(pending) >= limit:
            yield _commit(area, *pending.popleft())
    while pending:
        yield _commit(area, *pending.popleft())


def _commit(area: StagingArea, batch_no: int, fingerprint: str, work: Path, size: int, future: Any) -> tuple[StagedBatch, int]:
    result: ExtractedBatch = future.result()
    if result.payload:
        result.materialise(work)
    counts = {"documents": result.documents, "sentences": result.sentences, "events": result.events}
    errors = [(e.source_path, e.record, e.error) for e in result.errors]
    staged = area.commit_batch(work, StagedBatch(batch_no, fingerprint, counts, errors))
    staged.peak_rss_mb, staged.worker = result.peak_rss_mb, result.worker
    return staged, size
