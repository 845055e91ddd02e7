"""The Prefect flow: documents -> sentences -> events -> checks -> warehouse.

Tasks stay thin: the work lives in `transforms`, `schemas` and `warehouse`.
Each batch task parses, codes and validates a batch of documents and stages
its frames as Parquet; one load task then writes everything in a single DuckDB
transaction, so the warehouse file is held only while loading and a failed or
killed run leaves it as it was.

The warehouse is checked before any parsing, and a lock held by another
process is waited for (up to ``lock_timeout``) both then and before the load.
If the load still cannot start, the staged batches are kept (``flows.staging``)
and the next run of the same inputs loads them without parsing again.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from fileio.inputs import DocumentReader
from flows.artifacts import failed_run_line, publish_artifacts, run_line
from flows.extraction import ExtractedBatch, ResourceArgs, extract_to_staging
from flows.failures import settle_failed_run
from flows.lifecycle import lock_notice
from flows import prescan
from flows.progress import Progress, count_documents
from flows.publish import DEFAULT_KEEP_DATA_DOCS, publish_outputs
from flows.runners import api_for_workers, batch_runner, dask_address_from, dask_slots, in_flight, staged_batches
from flows.staging import StagedBatch, StagingArea, area_key, batch_fingerprint, writing
from flows.validation import ChunkValidator
from flows.workers import default_workers, shared_pool, stop_shared_pool
from schemas.frames import INGEST_ERRORS, conform
from transforms.documents import Document, IngestError
from transforms.sizing import DEFAULT_BATCH_CHARS, char_batches
from warehouse.reasons import top_reasons

DEFAULT_BATCH_SIZE = 1000  # documents per batch at most; characters decide first
DEFAULT_LOCK_TIMEOUT = 60.0


@dataclass
class RunSummary:
    run_id: str
    status: str
    documents: int
    documents_loaded: int
    documents_unchanged: int
    sentences: int
    events: int
    events_loaded: int
    rejected: int
    ingest_errors: int
    seconds: float
    warehouse: str
    model: str
    data_docs: str | None
    ingest_error_reasons: list[tuple[str, int]] = field(default_factory=list)
    report: str | None = None
    warnings: list[str] = field(default_factory=list)
    batches_resumed: int = 0
    documents_skipped: int = 0  # unchanged, dropped before parsing
    workers: int = 1
    worker_peak_rss_mb: float | None = None
    worker_processes: int = 0  # distinct processes that parsed this run's batches
    batch_workers: list[str] = field(default_factory=list)  # host:pid of each, sorted

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def new_run_id() -> str:
    """Sortable by start time, unique across concurrent runs."""
    return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


@task(name="extract-stage", cache_policy=NO_CACHE)
def extract_batch(
    batch_no: int, documents: list[Document], run_id: str, staging: Path, resources: ResourceArgs, local_pool: bool
) -> ExtractedBatch:
    """Parse and code one batch and stage it: in a worker of this machine's pool, or here (a Dask worker)."""
    pool = shared_pool_if(local_pool, resources)
    if pool is not None:
        result = pool.submit(extract_to_staging, batch_no, documents, run_id, staging, resources).result()
    else:
        result = extract_to_staging(batch_no, documents, run_id, staging, resources)
    get_run_logger().info(
        "batch %d: %d documents, %d sentences, %d events, %d documents skipped (worker %s)",
        batch_no, result.documents, result.sentences, result.events, len(result.errors), result.worker,
    )
    return result


def shared_pool_if(local: bool, resources: ResourceArgs):
    from flows.workers import current_pool

    pool = current_pool() if local else None
    return pool if pool is not None and pool.resources == resources else None


@task(name="load-warehouse", cache_policy=NO_CACHE)
def load_warehouse(
    warehouse: Path, staged, lock_timeout: float = DEFAULT_LOCK_TIMEOUT, force: bool = False
) -> object:
    from warehouse.loader import load_run

    stats = load_run(
        warehouse, staged, wait_seconds=lock_timeout, on_wait=lock_notice(warehouse, lock_timeout), force=force
    )
    get_run_logger().info(
        "loaded %s in one transaction: %d documents new or changed, %d unchanged, %d events, "
        "%d rejected rows, %d ingest errors",
        warehouse, stats.documents_loaded, stats.documents_unchanged, stats.events, stats.rejected,
        stats.ingest_errors,
    )
    return stats


@task(name="write-data-docs", cache_policy=NO_CACHE)
def data_docs(outcomes: list, directory: Path, run_id: str) -> Path | None:
    from schemas.expectations import write_data_docs

    return write_data_docs(outcomes, directory, run_id)


@task(name="write-report", cache_policy=NO_CACHE)
def report(warehouse: Path, out_dir: Path, data_docs_dir: Path | None = None) -> Path:
    from warehouse.reporting import write_report

    return write_report(warehouse, out_dir, data_docs_dir=data_docs_dir)


def unchanged_filter(known: dict[str, str], skipped: list[int]):
    """Drop documents the warehouse holds with the same text and extractor version (counted in ``skipped``)."""

    def keep(item: Document | IngestError) -> bool:
        if isinstance(item, Document) and known.get(item.doc_id) == item.content_sha256:
            skipped[0] += 1
            return False
        return True

    return keep


def batches(
    items, batch_chars: int, batch_size: int, errors: list[IngestError]
) -> Iterator[list[Document]]:
    """Group documents into batches of about ``batch_chars`` characters; ingest errors set aside."""

    def documents():
        for item in items:
            if isinstance(item, IngestError):
                errors.append(item)
            else:
                yield item

    return char_batches(documents(), batch_chars, lambda d: len(d.text), max_items=batch_size)


@flow(name="dotterel-extract", log_prints=False, validate_parameters=False)
def extract_flow(
    inputs: list[str],
    warehouse: str = "warehouse/dotterel.duckdb",
    model: str | None = None,
    actor_files: list[str] | None = None,
    verb_files: list[str] | None = None,
    governor_files: list[str] | None = None,
    composition_files: list[str] | None = None,
    batch_chars: int = DEFAULT_BATCH_CHARS,
    batch_size: int = DEFAULT_BATCH_SIZE,
    data_docs_dir: str | None = None,
    show_progress: bool = False,
    report_dir: str | None = None,
    keep_data_docs: int = DEFAULT_KEEP_DATA_DOCS,
    announce: bool = False,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    workers: int | None = None,
    dask_address: str | None = None,
    force: bool = False,
) -> dict:
    """Read the inputs, code their events, validate, and load the warehouse in one transaction.

    Documents the warehouse already holds unchanged (same text, same
    extractor version) are skipped before parsing unless ``force``. Batches
    are parsed by ``workers`` processes of this machine, or on the Dask
    cluster at ``dask_address``. After the commit, the run's Data Docs and
    report are written; their failure is a warning in the summary, never a
    failed run. ``announce`` prints one line per run (for `dotterel serve`).
    """
    from transforms.codes import cameo_table
    from transforms.nlp import model_identity
    from warehouse.guards import check_writable
    from warehouse.known import coded_documents
    from warehouse.loader import StagedRun

    started = time.perf_counter()
    started_at = datetime.now(timezone.utc)
    run_id = new_run_id()
    warehouse_path = Path(warehouse)
    resources = ResourceArgs.of(model, actor_files, verb_files, governor_files, composition_files)
    version = resources.version
    scan = prescan.take(inputs, warehouse_path, version, force)
    known = scan.known_documents() if scan is not None else None  # its read-only look has ended
    check_writable(warehouse_path, lock_timeout=lock_timeout, on_wait=lock_notice(warehouse_path, lock_timeout))
    docs_dir = Path(data_docs_dir) if data_docs_dir else warehouse_path.parent / "data_docs"
    reader = DocumentReader([Path(p) for p in inputs])
    dask_address = dask_address_from(dask_address)
    workers = default_workers() if workers is None else workers
    local_pool = dask_address is None and workers > 0
    label = model_identity(model)
    run = {
        "run_id": run_id,
        "started_at": started_at,
        "inputs": json.dumps([str(p) for p in inputs]),
        "extractor_version": version,
        "model": label,
    }
    errors: list[IngestError] = []
    staged_list: list[StagedBatch] = []
    skipped = [0]
    area: StagingArea | None = None
    loading = loaded = False
    progress = Progress(show_progress, count_documents(reader.inputs) if show_progress else None)
    try:
        if known is None:
            known = {} if force else coded_documents(warehouse_path, version)
        area = StagingArea.open(
            area_key(inputs, version, label, {"chars": batch_chars, "documents": batch_size, "force": force})
        )
        validator = ChunkValidator(area.path / "validated", run_id, cameo_table())
        documents = filter(unchanged_filter(known, skipped), reader)
        runner = batch_runner(workers, dask_address)
        with api_for_workers(dask_address), runner:
            limit = in_flight(workers) if dask_address is None else 2 * dask_slots(runner)

            def submit(batch_no: int, batch: list[Document], work: Path):
                validator.warm_up()  # there is something to validate
                if local_pool:
                    shared_pool(workers, resources)  # started already, unless no prescan saw this work
                return runner.submit(
                    extract_batch,
                    parameters={"batch_no": batch_no, "documents": batch, "run_id": run_id, "staging": work,
                                "resources": resources, "local_pool": local_pool},
                )

            try:
                done = skipped[0]
                for staged, size in staged_batches(area, batches(documents, batch_chars, batch_size, errors), submit, limit):
                    errors.extend(IngestError(*e) for e in staged.errors)
                    staged_list.append(staged)
                    validator.add(staged.files["documents"], staged.files["events"], staged.counts["events"])
                    progress.advance(size + skipped[0] - done)
                    done = skipped[0]
            except BaseException:
                if local_pool:
                    stop_shared_pool()  # workers still parsing are not waited for
                raise
        del known
        validator.flush()
        progress.stop()
        area.drop_batches_from(len(staged_list))
        error_path = area.path / "ingest_errors.parquet"
        with writing(error_path):
            conform(
                [{"run_id": run_id, "source_path": e.source_path, "record": e.record, "error": e.error} for e in errors],
                INGEST_ERRORS,
            ).write_parquet(error_path)
        totals = {
            "documents": sum(s.counts["documents"] for s in staged_list) + skipped[0],
            "sentences": sum(s.counts["sentences"] for s in staged_list),
            "events": validator.valid,
            "rejected": validator.rejected,
            "ingest_errors": len(errors),
        }
        run.update(totals)
        run["documents_unchanged"] = skipped[0]
        run["seconds"] = time.perf_counter() - started
        staged = StagedRun(
            run=run,
            documents=[s.files["documents"] for s in staged_list],
            events=validator.files("events"),
            rejected=validator.files("rejected"),
            ingest_errors=[error_path],
            validation=validator.files("validation"),
        )
        loading = True
        stats = load_warehouse(warehouse_path, staged, lock_timeout, force)
        loaded = True
        area.remove()
    except BaseException as exc:
        progress.stop()
        if announce:
            print(failed_run_line(run_id, exc), flush=True)
        run["seconds"] = time.perf_counter() - started
        run["documents_unchanged"] = skipped[0]
        if not loaded:
            instead = settle_failed_run(exc, area, loading, warehouse_path, run)
            if instead is not None:
                raise instead from exc
        raise
    published = publish_outputs(
        run_id=run_id,
        warehouse=warehouse_path,
        gx_results=[c.gx_result for c in validator.chunks if c.gx_result is not None],
        data_docs_dir=docs_dir,
        keep_data_docs=keep_data_docs,
        report_dir=Path(report_dir) if report_dir else None,
        write_data_docs=data_docs,
        write_report=report,
        logger=get_run_logger(),
    )
    rss = [s.peak_rss_mb for s in staged_list if s.peak_rss_mb]
    summary = RunSummary(
        run_id=run_id,
        status="completed",
        documents=totals["documents"],
        documents_loaded=stats.documents_loaded,
        documents_unchanged=stats.documents_unchanged + skipped[0],
        sentences=totals["sentences"],
        events=totals["events"],
        events_loaded=stats.events,
        rejected=totals["rejected"],
        ingest_errors=totals["ingest_errors"],
        seconds=round(time.perf_counter() - started, 2),
        warehouse=str(warehouse_path),
        model=label,
        data_docs=published.data_docs,
        ingest_error_reasons=top_reasons([e.error for e in errors], limit=None),
        report=published.report,
        warnings=published.warnings,
        batches_resumed=len(area.resumed),
        documents_skipped=skipped[0],
        workers=workers if dask_address is None else 0,
        worker_peak_rss_mb=round(max(rss), 1) if rss else None,
        worker_processes=len({s.worker for s in staged_list if s.worker}),
        batch_workers=sorted({s.worker for s in staged_list if s.worker}),
    ).as_dict()
    try:
        publish_artifacts(summary)
    except Exception as exc:  # the UI's view of the run is not worth failing a committed run
        summary["warnings"].append(f"Prefect artifacts not written: {type(exc).__name__}: {exc}")
    if announce:
        print(run_line(summary), flush=True)
    return summary


def run_pipeline(inputs: Sequence[str | Path], **options) -> dict:
    """Run the flow in-process (ephemeral Prefect unless PREFECT_API_URL is set).

    Prefect's ephemeral server and the parse workers are started first
    (``flows.early_server``, ``prepare_run``), so they start and load at once.
    """
    from flows import early_server
    from flows.lifecycle import ephemeral_without_heartbeats, supervise_ephemeral_server

    early_server.start_early()  # first: its imports overlap ours and the workers' loading
    inputs = [str(p) for p in inputs]
    try:
        supervise_ephemeral_server()  # (imports Prefect's server module: a second)
        prepare_run(inputs, options)
    except BaseException:
        early_server.discard()
        raise
    early_server.hand_over()
    with ephemeral_without_heartbeats():
        return extract_flow(inputs=inputs, **options)


def prepare_run(inputs: list[str], options: dict) -> None:
    """Before Prefect starts: read what the warehouse holds and start the parse workers if there is work."""
    workers = options.get("workers")
    workers = default_workers() if workers is None else workers
    resources = ResourceArgs.of(
        options.get("model"),
        *(options.get(k) for k in ("actor_files", "verb_files", "governor_files", "composition_files")),
    )
    local = workers > 0 and dask_address_from(options.get("dask_address")) is None

    def on_work() -> None:
        if local:
            shared_pool(workers, resources)
        from flows.validation import warm_up_gx

        warm_up_gx()  # GX's import (seconds) overlaps Prefect's start too

    warehouse = options.get("warehouse") or "warehouse/dotterel.duckdb"
    prescan.start(inputs, warehouse, resources.version, bool(options.get("force")), on_work)
