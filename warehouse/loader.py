"""Write one extraction run into the warehouse, all or nothing.

Extraction stages each batch's frames as Parquet files (one file per frame and
batch, each following its contract in ``schemas.frames``). ``load_run`` then
opens the warehouse (creating and migrating it if needed), and in ONE
transaction:

1. reads the staged files into temporary tables and checks them against the
   contracts (exact column names and types), refusing duplicate doc_ids or
   event_ids and events whose document is not staged;
2. classifies every staged document against the warehouse by doc_id:
   * new       -- not in the warehouse: inserted with its events and rejected events;
   * changed   -- content_sha256 or extractor_version differ: the old document
                  row and ALL its old events and rejected_events are deleted,
                  then the staged ones inserted;
   * unchanged -- same content_sha256 and extractor_version: skipped entirely,
                  together with its staged events and rejected events. A rerun
                  over the same input therefore adds or changes nothing in
                  documents, events or rejected_events (a run skips such
                  documents before parsing: ``warehouse.known``); with
                  ``force`` no document is unchanged, all are replaced;
3. appends the run's ingest_errors and validation_results (per-run logs: a
   rerun appends its own rows);
4. inserts the runs row (status 'completed') with the loader's counts;
5. calls ``before_commit(conn)`` if given, then COMMITs.

Any exception rolls the transaction back and is re-raised, and a process killed
before COMMIT leaves the file exactly as it was (DuckDB's WAL only replays
committed transactions). The file is held only for the duration of the load.

Every write is set-based SQL over the staged Parquet (``INSERT ... BY NAME
SELECT``); values only ever reach SQL as parameters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Callable

import duckdb

from warehouse.connect import WRITE_WAIT_SECONDS, connect_read_write
from warehouse.contracts import TABLE_CONTRACTS, duckdb_columns
from warehouse.migrate import migrate

RUN_COLUMNS: tuple[str, ...] = tuple(TABLE_CONTRACTS["runs"])

# A failed run is logged if the warehouse is free; it is not worth waiting for.
FAILED_RUN_WAIT_SECONDS = 2.0

# Columns of the runs row that the loader always sets itself; values for them
# in StagedRun.run are ignored (overwritten).
LOADER_RUN_FIELDS: frozenset[str] = frozenset(
    {"finished_at", "status", "documents_loaded", "events", "rejected", "ingest_errors"}
    # documents_unchanged: the loader adds the documents it found unchanged to the run's own count
)

# (StagedRun attribute, warehouse table) in load order.
_STAGED_KINDS: tuple[tuple[str, str], ...] = (
    ("documents", "documents"),
    ("events", "events"),
    ("rejected", "rejected_events"),
    ("ingest_errors", "ingest_errors"),
    ("validation", "validation_results"),
)


@dataclass
class StagedRun:
    """One run's staged output, ready to load.

    ``run`` is the RUNS row as far as extraction knows it: ``run_id`` is
    required; ``started_at`` (an aware datetime; naive ones are taken as UTC),
    ``inputs`` (a JSON string, or a list of paths which is JSON-encoded),
    ``documents`` (documents read; defaults to the number of staged document
    rows), ``sentences``, ``seconds`` (defaults to finished_at - started_at),
    ``extractor_version`` and ``model`` are optional and NULL when absent.
    The loader always sets ``finished_at`` (now), ``status`` ('completed'),
    ``documents_loaded``, ``events``, ``rejected`` and ``ingest_errors`` from
    what it actually wrote; values given for those are ignored. Keys that are
    not RUNS columns are an error.

    The lists name Parquet files following DOCUMENTS, EVENTS, REJECTED_EVENTS,
    INGEST_ERRORS and VALIDATION_RESULTS respectively; any list may be empty.
    """

    run: dict[str, Any]
    documents: list[Path] = field(default_factory=list)
    events: list[Path] = field(default_factory=list)
    rejected: list[Path] = field(default_factory=list)
    ingest_errors: list[Path] = field(default_factory=list)
    validation: list[Path] = field(default_factory=list)


@dataclass
class LoadStats:
    documents_loaded: int  # new or changed documents written
    documents_unchanged: int  # staged documents skipped as unchanged
    events: int  # events inserted
    rejected: int  # rejected events inserted
    ingest_errors: int  # ingest error rows appended


class StagingError(ValueError):
    """The staged files do not match the contracts or contradict each other."""


def _utc(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise StagingError(f"run timestamps must be datetimes, got {value!r}")
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def _check_run(run: dict[str, Any]) -> None:
    unknown = set(run) - set(RUN_COLUMNS)
    if unknown:
        raise StagingError(f"run has keys that are not RUNS columns: {sorted(unknown)}")
    if not run.get("run_id"):
        raise StagingError("run needs a run_id")


def _run_row(run: dict[str, Any], overrides: dict[str, Any]) -> list[Any]:
    row = {name: run.get(name) for name in RUN_COLUMNS}
    row.update(overrides)
    row["started_at"] = _utc(row["started_at"])
    row["finished_at"] = _utc(row["finished_at"])
    if isinstance(row["inputs"], (list, tuple)):
        row["inputs"] = json.dumps([str(p) for p in row["inputs"]])
    if row["seconds"] is None and row["started_at"] is not None:
        row["seconds"] = (row["finished_at"] - row["started_at"]).total_seconds()
    return [row[name] for name in RUN_COLUMNS]


def _insert_run(conn: duckdb.DuckDBPyConnection, values: list[Any]) -> None:
    columns = ", ".join(RUN_COLUMNS)
    placeholders = ", ".join(f"${i}" for i in range(1, len(RUN_COLUMNS) + 1))
    conn.execute(f"INSERT INTO runs ({columns}) VALUES ({placeholders})", values)


def _stage(conn: duckdb.DuckDBPyConnection, table: str, files: list[Path], run_id: str) -> None:
    """Read ``files`` into TEMP table stg_<table> and check it against the contract.

    Every row is stamped with the loading run's id: batches staged by an
    earlier run that could not load them are loaded by a later one.
    """
    staging = f"stg_{table}"
    if files:
        conn.execute(
            f"CREATE TEMP TABLE {staging} AS SELECT * FROM "
            "read_parquet($1, hive_partitioning = false, union_by_name = true)",
            [[str(Path(p)) for p in files]],
        )
    else:
        conn.execute(f"CREATE TEMP TABLE {staging} AS SELECT * FROM main.{table} LIMIT 0")
    got = [
        (name, dtype)
        for name, dtype, *_ in conn.execute(f"DESCRIBE {staging}").fetchall()
    ]
    expected = duckdb_columns(TABLE_CONTRACTS[table])
    if sorted(got) != sorted(expected):
        missing = sorted(set(expected) - set(got))
        extra = sorted(set(got) - set(expected))
        raise StagingError(
            f"staged {table} do not follow the contract: "
            f"expected but missing or mistyped {missing}, unexpected {extra}"
        )
    if files and "run_id" in TABLE_CONTRACTS[table]:
        conn.execute(f"UPDATE {staging} SET run_id = $1", [run_id])


def _fail_if_any(conn: duckdb.DuckDBPyConnection, sql: str, message: str) -> None:
    rows = conn.execute(sql).fetchall()
    if rows:
        raise StagingError(f"{message}: {', '.join(str(r[0]) for r in rows)}")


def _validate_staging(conn: duckdb.DuckDBPyConnection) -> None:
    _fail_if_any(
        conn,
        "SELECT doc_id FROM stg_documents WHERE doc_id IS NULL "
        "UNION ALL SELECT event_id FROM stg_events WHERE event_id IS NULL LIMIT 1",
        "staged documents/events with a NULL key",
    )
    _fail_if_any(
        conn,
        "SELECT doc_id FROM stg_documents GROUP BY doc_id HAVING count(*) > 1 "
        "ORDER BY doc_id LIMIT 10",
        "doc_id staged more than once",
    )
    _fail_if_any(
        conn,
        "SELECT event_id FROM stg_events GROUP BY event_id HAVING count(*) > 1 "
        "ORDER BY event_id LIMIT 10",
        "event_id staged more than once",
    )
    for table in ("stg_events", "stg_rejected_events"):
        _fail_if_any(
            conn,
            f"SELECT DISTINCT coalesce(doc_id, 'NULL') FROM {table} "
            "WHERE doc_id IS NULL OR doc_id NOT IN (SELECT doc_id FROM stg_documents) "
            "ORDER BY 1 LIMIT 10",
            f"{table[4:]} staged for documents that are not staged",
        )


def _count(conn: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def _load(conn: duckdb.DuckDBPyConnection, staged: StagedRun, force: bool = False) -> tuple[LoadStats, int]:
    for attribute, table in _STAGED_KINDS:
        _stage(conn, table, list(getattr(staged, attribute)), staged.run["run_id"])
    _validate_staging(conn)

    conn.execute(
        """
        CREATE TEMP TABLE stg_doc_status AS
        SELECT
            s.doc_id,
            CASE
                WHEN d.doc_id IS NULL THEN 'new'
                WHEN NOT $1
                 AND d.content_sha256 IS NOT DISTINCT FROM s.content_sha256
                 AND d.extractor_version IS NOT DISTINCT FROM s.extractor_version
                THEN 'unchanged'
                ELSE 'changed'
            END AS status
        FROM stg_documents AS s
        LEFT JOIN main.documents AS d ON d.doc_id = s.doc_id
        """,
        [force],
    )
    to_write = "SELECT doc_id FROM stg_doc_status WHERE status <> 'unchanged'"
    changed = "SELECT doc_id FROM stg_doc_status WHERE status = 'changed'"

    # A changed document takes all its old rows with it.
    conn.execute(f"DELETE FROM main.events WHERE doc_id IN ({changed})")
    conn.execute(f"DELETE FROM main.rejected_events WHERE doc_id IN ({changed})")
    conn.execute(f"DELETE FROM main.documents WHERE doc_id IN ({changed})")

    documents_loaded = _count(
        conn,
        f"INSERT INTO main.documents BY NAME "
        f"SELECT * FROM stg_documents WHERE doc_id IN ({to_write})",
    )
    events = _count(
        conn,
        f"INSERT INTO main.events BY NAME "
        f"SELECT * FROM stg_events WHERE doc_id IN ({to_write})",
    )
    rejected = _count(
        conn,
        f"INSERT INTO main.rejected_events BY NAME "
        f"SELECT * FROM stg_rejected_events WHERE doc_id IN ({to_write})",
    )
    ingest_errors = _count(
        conn, "INSERT INTO main.ingest_errors BY NAME SELECT * FROM stg_ingest_errors"
    )
    conn.execute("INSERT INTO main.validation_results BY NAME SELECT * FROM stg_validation_results")

    staged_documents = _count(conn, "SELECT count(*) FROM stg_documents")
    stats = LoadStats(
        documents_loaded=documents_loaded,
        documents_unchanged=staged_documents - documents_loaded,
        events=events,
        rejected=rejected,
        ingest_errors=ingest_errors,
    )
    return stats, staged_documents


def _rollback(conn: duckdb.DuckDBPyConnection) -> None:
    try:
        conn.execute("ROLLBACK")
    except duckdb.Error:
        pass  # no transaction left to roll back; the original error matters


@contextmanager
def _transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All or nothing: commit when the block ends, roll back on any error or interrupt."""
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


def load_run(
    warehouse: Path,
    staged: StagedRun,
    before_commit: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
    *,
    wait_seconds: float = WRITE_WAIT_SECONDS,
    on_wait: Callable[[str | None], None] | None = None,
    force: bool = False,
) -> LoadStats:
    """Load one staged run into ``warehouse`` in a single transaction (see module doc).

    Creates and migrates the warehouse first if needed (raising WarehouseTooNew
    for a file from a newer Dotterel). Raises StagingError for staged files
    that break the contracts; every error rolls the load back completely.
    While another process holds the file, waits up to ``wait_seconds``
    (calling ``on_wait`` once with the holder), then raises WarehouseLocked.
    """
    _check_run(staged.run)
    conn = connect_read_write(warehouse, wait_seconds=wait_seconds, on_wait=on_wait)
    try:
        migrate(conn)
        with _transaction(conn):
            stats, staged_documents = _load(conn, staged, force)
            documents_read = staged.run.get("documents")
            row = _run_row(
                staged.run,
                {
                    "finished_at": datetime.now(timezone.utc),
                    "status": "completed",
                    "documents": staged_documents if documents_read is None else documents_read,
                    "documents_loaded": stats.documents_loaded,
                    # skipped before parsing (counted by the run) + found unchanged here
                    "documents_unchanged": (staged.run.get("documents_unchanged") or 0)
                    + stats.documents_unchanged,
                    "events": stats.events,
                    "rejected": stats.rejected,
                    "ingest_errors": stats.ingest_errors,
                },
            )
            _insert_run(conn, row)
            if before_commit is not None:
                before_commit(conn)
    finally:
        conn.close()
    return stats


def record_failed_run(
    warehouse: Path,
    run: dict[str, Any],
    error: str,
    *,
    wait_seconds: float = FAILED_RUN_WAIT_SECONDS,
) -> None:
    """Log a run that failed before loading: a runs row with status 'failed' and its error.

    Counts of written rows are 0; ``documents``, ``sentences`` and the other
    fields come from ``run`` as in StagedRun.run. One small transaction. Waits
    only briefly for a lock (WarehouseLocked after ``wait_seconds``): a run
    that already failed must not hang on its way out.
    """
    _check_run(run)
    conn = connect_read_write(warehouse, wait_seconds=wait_seconds)
    try:
        migrate(conn)
        with _transaction(conn):
            row = _run_row(
                run,
                {
                    "finished_at": datetime.now(timezone.utc),
                    "status": "failed",
                    "documents_loaded": 0,
                    "events": 0,
                    "rejected": 0,
                    "ingest_errors": run.get("ingest_errors") or 0,
                    "error": error,
                },
            )
            _insert_run(conn, row)
    finally:
        conn.close()
