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
from fileio.resources import as_paths, load_resources
from flows.artifacts import failed_run_line, publish_artifacts, run_line
from flows.failures import settle_failed_run
from flows.lifecycle import lock_notice
from flows.publish import DEFAULT_KEEP_DATA_DOCS, publish_outputs
from flows.staging import StagedBatch, StagingArea, area_key, batch_fingerprint, writing
from schemas.frames import INGEST_ERRORS, conform
from transforms.batch import process_batch
from transforms.documents import Document, IngestError
from warehouse.reasons import top_reasons

DEFAULT_BATCH_SIZE = 128
DEFAULT_LOCK_TIMEOUT = 60.0


@dataclass
class BatchSummary:
    """What a batch task reports back: counts and staged file paths, never frames."""

    batch: int
    documents: int
    sentences: int
    events: int
    rejected: int
    files: dict[str, Path] = field(default_factory=dict)
    gx_result: object | None = None
    errors: list[IngestError] = field(default_factory=list)


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

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def new_run_id() -> str:
    """Sortable by start time, unique across concurrent runs."""
    return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


@task(name="extract-validate-stage", cache_policy=NO_CACHE)
def extract_batch(
    batch_no: int,
    documents: list[Document],
    run_id: str,
    staging: Path,
    model: str | None,
    actor_files: tuple[Path, ...],
    verb_files: tuple[Path, ...] = (),
    governor_files: tuple[Path, ...] = (),
    composition_files: tuple[Path, ...] = (),
) -> BatchSummary:
    """Parse, code and validate one batch, and stage its frames as Parquet."""
    from schemas.expectations import CodeTables, validate_events

    res = load_resources(model, actor_files, verb_files, governor_files, composition_files)
    frames = process_batch(documents, res, run_id)
    doc_lengths = {d.doc_id: len(d.text) for d in documents}
    outcome = validate_events(frames.events, doc_lengths, CodeTables.of(res.cameo), run_id, batch_no)
    files = {}
    for name, frame in (
        ("documents", frames.documents),
        ("events", outcome.valid),
        ("rejected", outcome.rejected),
        ("validation", outcome.results),
    ):
        path = staging / f"{name}.parquet"
        with writing(path):
            frame.write_parquet(path)
        files[name] = path
    get_run_logger().info(
        "batch %d: %d documents, %d sentences, %d events valid, %d rejected, %d documents skipped",
        batch_no, frames.documents.height, frames.sentences, outcome.valid.height, outcome.rejected.height,
        len(frames.errors),
    )
    return BatchSummary(
        batch=batch_no,
        documents=frames.documents.height,
        sentences=frames.sentences,
        events=outcome.valid.height,
        rejected=outcome.rejected.height,
        files=files,
        gx_result=outcome.gx_result,
        errors=frames.errors,
    )


@task(name="load-warehouse", cache_policy=NO_CACHE)
def load_warehouse(warehouse: Path, staged, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> object:
    from warehouse.loader import load_run

    stats = load_run(warehouse, staged, wait_seconds=lock_timeout, on_wait=lock_notice(warehouse, lock_timeout))
    get_run_logger().info(
        "loaded %s in one transaction: %d documents new or changed, %d unchanged, %d events, "
        "%d rejected rows, %d ingest errors",
        warehouse, stats.documents_loaded, stats.documents_unchanged, stats.events, stats.rejected,
        stats.ingest_errors,
    )
    return stats


def stage_batch(
    area: StagingArea,
    batch_no: int,
    batch: list[Document],
    run_id: str,
    model: str | None,
    *dictionaries: tuple[Path, ...],
) -> BatchSummary:
    """A batch staged earlier from exactly these documents, or a freshly extracted one.

    `dictionaries` are the user files, in `extract_batch`'s order (actors, verbs,
    governors, compositions).
    """
    fingerprint = batch_fingerprint(batch)
    earlier = area.finished_batch(batch_no, fingerprint)
    if earlier is not None:
        return BatchSummary(
            batch=batch_no, **earlier.counts, files=earlier.files,
            errors=[IngestError(*error) for error in earlier.errors],
        )
    work = area.work_dir(batch_no)
    summary = extract_batch(batch_no, batch, run_id, work, model, *dictionaries)
    counts = {k: getattr(summary, k) for k in ("documents", "sentences", "events", "rejected")}
    errors = [(e.source_path, e.record, e.error) for e in summary.errors]
    summary.files = area.commit_batch(work, StagedBatch(batch_no, fingerprint, counts, errors)).files
    return summary


@task(name="write-data-docs", cache_policy=NO_CACHE)
def data_docs(outcomes: list, directory: Path, run_id: str) -> Path | None:
    from schemas.expectations import write_data_docs

    return write_data_docs(outcomes, directory, run_id)


@task(name="write-report", cache_policy=NO_CACHE)
def report(warehouse: Path, out_dir: Path, data_docs_dir: Path | None = None) -> Path:
    from warehouse.reporting import write_report

    return write_report(warehouse, out_dir, data_docs_dir=data_docs_dir)


def batches(reader: DocumentReader, size: int, errors: list[IngestError]) -> Iterator[list[Document]]:
    """Group documents into batches; ingest errors are set aside as they stream past."""
    batch: list[Document] = []
    for item in reader:
        if isinstance(item, IngestError):
            errors.append(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Progress:
    """A rich progress bar on a terminal, silence elsewhere (CI, cron, pipes)."""

    def __init__(self, enabled: bool):
        self.bar = None
        if enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn

            self.bar = RichProgress(
                TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
                TextColumn("docs"), TimeElapsedColumn(), transient=True,
            )
            self.task = self.bar.add_task("extract", total=None)
            self.bar.start()

    def advance(self, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, n)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@flow(name="dotterel-extract", log_prints=False, validate_parameters=False)
def extract_flow(
    inputs: list[str],
    warehouse: str = "warehouse/dotterel.duckdb",
    model: str | None = None,
    actor_files: list[str] | None = None,
    verb_files: list[str] | None = None,
    governor_files: list[str] | None = None,
    composition_files: list[str] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    data_docs_dir: str | None = None,
    show_progress: bool = False,
    report_dir: str | None = None,
    keep_data_docs: int = DEFAULT_KEEP_DATA_DOCS,
    announce: bool = False,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> dict:
    """Read the inputs, code their events, validate, and load the warehouse in one transaction.

    After the commit, the run's Data Docs and report are written; their failure
    is a warning in the summary, never a failed run. ``announce`` prints one
    line per run (for `dotterel serve`).
    """
    from warehouse.guards import check_writable
    from warehouse.loader import StagedRun

    started = time.perf_counter()
    started_at = datetime.now(timezone.utc)
    run_id = new_run_id()
    warehouse_path = Path(warehouse)
    check_writable(warehouse_path, lock_timeout=lock_timeout, on_wait=lock_notice(warehouse_path, lock_timeout))
    docs_dir = Path(data_docs_dir) if data_docs_dir else warehouse_path.parent / "data_docs"
    reader = DocumentReader([Path(p) for p in inputs])
    dictionaries = (as_paths(actor_files), as_paths(verb_files), as_paths(governor_files), as_paths(composition_files))
    res = load_resources(model, *dictionaries)
    run = {
        "run_id": run_id,
        "started_at": started_at,
        "inputs": json.dumps([str(p) for p in inputs]),
        "extractor_version": res.extractor_version,
        "model": res.model_label,
    }
    errors: list[IngestError] = []
    summaries: list[BatchSummary] = []
    area: StagingArea | None = None
    loading = loaded = False
    progress = Progress(show_progress)
    try:
        area = StagingArea.open(area_key(inputs, res.extractor_version, res.model_label, batch_size))
        for batch_no, batch in enumerate(batches(reader, batch_size, errors)):
            summary = stage_batch(area, batch_no, batch, run_id, model, *dictionaries)
            errors.extend(summary.errors)
            summaries.append(summary)
            progress.advance(len(batch))
        progress.stop()
        area.drop_batches_from(len(summaries))
        error_path = area.path / "ingest_errors.parquet"
        with writing(error_path):
            conform(
                [{"run_id": run_id, "source_path": e.source_path, "record": e.record, "error": e.error} for e in errors],
                INGEST_ERRORS,
            ).write_parquet(error_path)
        totals = {
            "documents": sum(s.documents for s in summaries),
            "sentences": sum(s.sentences for s in summaries),
            "events": sum(s.events for s in summaries),
            "rejected": sum(s.rejected for s in summaries),
            "ingest_errors": len(errors),
        }
        run.update(totals)
        run["seconds"] = time.perf_counter() - started
        staged = StagedRun(
            run=run,
            documents=[s.files["documents"] for s in summaries],
            events=[s.files["events"] for s in summaries],
            rejected=[s.files["rejected"] for s in summaries],
            ingest_errors=[error_path],
            validation=[s.files["validation"] for s in summaries],
        )
        loading = True
        stats = load_warehouse(warehouse_path, staged, lock_timeout)
        loaded = True
        area.remove()
    except BaseException as exc:
        progress.stop()
        if announce:
            print(failed_run_line(run_id, exc), flush=True)
        run["seconds"] = time.perf_counter() - started
        if not loaded:
            instead = settle_failed_run(exc, area, loading, warehouse_path, run)
            if instead is not None:
                raise instead from exc
        raise
    published = publish_outputs(
        run_id=run_id,
        warehouse=warehouse_path,
        gx_results=[s.gx_result for s in summaries if s.gx_result is not None],
        data_docs_dir=docs_dir,
        keep_data_docs=keep_data_docs,
        report_dir=Path(report_dir) if report_dir else None,
        write_data_docs=data_docs,
        write_report=report,
        logger=get_run_logger(),
    )
    summary = RunSummary(
        run_id=run_id,
        status="completed",
        documents=totals["documents"],
        documents_loaded=stats.documents_loaded,
        documents_unchanged=stats.documents_unchanged,
        sentences=totals["sentences"],
        events=totals["events"],
        events_loaded=stats.events,
        rejected=totals["rejected"],
        ingest_errors=totals["ingest_errors"],
        seconds=round(time.perf_counter() - started, 2),
        warehouse=str(warehouse_path),
        model=res.model_label,
        data_docs=published.data_docs,
        ingest_error_reasons=top_reasons([e.error for e in errors], limit=None),
        report=published.report,
        warnings=published.warnings,
        batches_resumed=len(area.resumed),
    ).as_dict()
    try:
        publish_artifacts(summary)
    except Exception as exc:  # the UI's view of the run is not worth failing a committed run
        summary["warnings"].append(f"Prefect artifacts not written: {type(exc).__name__}: {exc}")
    if announce:
        print(run_line(summary), flush=True)
    return summary


def run_pipeline(inputs: Sequence[str | Path], **options) -> dict:
    """Run the flow in-process (ephemeral Prefect unless PREFECT_API_URL is set)."""
    from flows.lifecycle import supervise_ephemeral_server

    supervise_ephemeral_server()
    return extract_flow(inputs=[str(p) for p in inputs], **options)
