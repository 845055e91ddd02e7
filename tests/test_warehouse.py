"""Warehouse: DDL vs contracts, migrations, the transactional loader, the views."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import polars as pl
import pytest

from schemas.frames import (
    DOCUMENTS,
    EVENTS,
    INGEST_ERRORS,
    REJECTED_EVENTS,
    VALIDATION_RESULTS,
    conform,
)
from warehouse.connect import connect_read_only, connect_read_write
from warehouse.contracts import TABLE_CONTRACTS, duckdb_columns
from warehouse.loader import LoadStats, StagedRun, StagingError, load_run, record_failed_run
from warehouse.migrate import (
    MIGRATIONS_DIR,
    MigrationError,
    WarehouseTooNew,
    available_migrations,
    current_version,
    latest_version,
    migrate,
)

REPO = Path(__file__).resolve().parents[1]
DATA_TABLES = ("documents", "events", "rejected_events", "ingest_errors", "validation_results")
VIEWS = ("event_mentions", "dyad_daily", "events_gdelt", "mentions_gdelt", "actor_network", "country_month")


# --------------------------------------------------------------------------- helpers


def doc(doc_id: str, *, text: str | None = None, **fields) -> dict:
    text = text if text is not None else f"Text of {doc_id}."
    row = {
        "doc_id": doc_id,
        "source_path": f"corpus/{doc_id}.txt",
        "title": f"Title {doc_id}",
        "source": "AP",
        "url": f"https://example.org/{doc_id}",
        "published_date": date(2024, 1, 1),
        "published_date_origin": "metadata",
        "text": text,
        "content_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "metadata": "{}",
        "extractor_version": "1.0.0",
        "run_id": "r1",
    }
    row.update(fields)
    return row


def event(event_id: str, doc_id: str, **fields) -> dict:
    row = {
        "event_id": event_id,
        "doc_id": doc_id,
        "sentence_index": 0,
        "sentence_text": "Russia attacked Ukraine.",
        "source_text": "Russia",
        "source_code": "RUS",
        "source_country": "RUS",
        "action_text": "attacked",
        "action_lemma": "attack",
        "target_text": "Ukraine",
        "target_code": "UKR",
        "target_country": "UKR",
        "cameo_code": "190",
        "cameo_root": "19",
        "plover_type": "ASSAULT",
        "quad_class": 4,
        "goldstein": -10.0,
        "polarity": "positive",
        "modality": "asserted",
        "event_date": date(2024, 1, 1),
        "event_date_origin": "published",
        "event_date_precision": "day",
        "confidence": 0.9,
        "source_start": 0,
        "source_end": 6,
        "action_start": 7,
        "action_end": 15,
        "target_start": 16,
        "target_end": 23,
        "extractor_version": "1.0.0",
        "model": "en_core_web_sm-3.8.0",
        "run_id": "r1",
    }
    row.update(fields)
    return row


def write_frame(path: Path, rows: list[dict], schema: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    conform(rows, schema).write_parquet(path)
    return path


def stage(
    tmp_path: Path,
    run_id: str,
    docs: list[dict],
    events: list[dict] = (),
    rejected: list[dict] = (),
    ingest_errors: list[dict] = (),
    validation: list[dict] = (),
    *,
    batches: int = 1,
) -> StagedRun:
    """Stage rows as parquet the way extraction does: one file per frame and batch."""
    root = tmp_path / "staging" / run_id

    def files(kind: str, rows: list[dict], schema: dict) -> list[Path]:
        rows = list(rows)
        if not rows:
            return []
        chunks = [rows[i::batches] for i in range(batches)]
        return [
            write_frame(root / f"batch-{i}" / f"{kind}.parquet", chunk, schema)
            for i, chunk in enumerate(chunks)
            if chunk
        ]

    return StagedRun(
        run={
            "run_id": run_id,
            "started_at": datetime.now(timezone.utc),
            "inputs": json.dumps(["corpus/"]),
            "sentences": 10,
            "extractor_version": "1.0.0",
            "model": "en_core_web_sm-3.8.0",
        },
        documents=files("documents", docs, DOCUMENTS),
        events=files("events", events, EVENTS),
        rejected=files("rejected", rejected, REJECTED_EVENTS),
        ingest_errors=files("ingest_errors", ingest_errors, INGEST_ERRORS),
        validation=files("validation", validation, VALIDATION_RESULTS),
    )


def rejected(event_id: str, doc_id: str, **fields) -> dict:
    return {**event(event_id, doc_id, **fields), "failed_expectations": "quad_class_in_set"}


def ingest_error(run_id: str = "r1") -> dict:
    return {"run_id": run_id, "source_path": "corpus/bad.jsonl", "record": "3", "error": "bad JSON"}


def validation_row(run_id: str = "r1") -> dict:
    return {
        "run_id": run_id,
        "batch": 0,
        "expectation": "expect_column_values_to_not_be_null",
        "column_name": "event_id",
        "success": True,
        "element_count": 3,
        "unexpected_count": 0,
        "details": "{}",
    }


def digest(conn: duckdb.DuckDBPyConnection, table: str) -> tuple[int, str | None]:
    """Row count and an order-independent checksum of a table's full content."""
    return conn.execute(
        f"SELECT count(*), md5(string_agg(CAST(t AS VARCHAR), chr(10) "
        f"ORDER BY CAST(t AS VARCHAR))) FROM {table} AS t"
    ).fetchone()


def state(path: Path) -> dict[str, tuple[int, str | None]]:
    conn = connect_read_only(path)
    try:
        return {t: digest(conn, t) for t in (*DATA_TABLES, "runs", "schema_version")}
    finally:
        conn.close()


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    conn = connect_read_only(path)
    try:
        return conn.execute(sql, params or []).fetchall()
    finally:
        conn.close()


def two_doc_run(tmp_path: Path, run_id: str = "r1") -> StagedRun:
    return stage(
        tmp_path,
        run_id,
        docs=[doc("d1", run_id=run_id), doc("d2", source="Reuters", run_id=run_id)],
        events=[
            event("e1", "d1", run_id=run_id),
            event("e2", "d1", sentence_index=4, run_id=run_id),
            event("e3", "d2", run_id=run_id),
        ],
        rejected=[rejected("x1", "d1", quad_class=9, run_id=run_id)],
        ingest_errors=[ingest_error(run_id)],
        validation=[validation_row(run_id)],
        batches=2,
    )


# --------------------------------------------------------------------------- DDL


def test_tables_match_frame_contracts():
    conn = duckdb.connect()
    assert migrate(conn) == latest_version()
    for table, contract in TABLE_CONTRACTS.items():
        got = conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position",
            [table],
        ).fetchall()
        assert got == duckdb_columns(contract), table
    assert conn.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = 'schema_version' ORDER BY ordinal_position"
    ).fetchall() == [
        ("version", "INTEGER"),
        ("applied_at", "TIMESTAMP WITH TIME ZONE"),
        ("description", "VARCHAR"),
    ]


def test_contract_type_mapping():
    assert duckdb_columns(
        {"a": pl.Utf8, "b": pl.Int32, "c": pl.Int8, "d": pl.Int64, "e": pl.Float64,
         "f": pl.Date, "g": pl.Datetime("us", "UTC"), "h": pl.Boolean}
    ) == [("a", "VARCHAR"), ("b", "INTEGER"), ("c", "TINYINT"), ("d", "BIGINT"),
          ("e", "DOUBLE"), ("f", "DATE"), ("g", "TIMESTAMP WITH TIME ZONE"), ("h", "BOOLEAN")]


def test_every_view_exists_after_migrating():
    conn = duckdb.connect()
    migrate(conn)
    names = {r[0] for r in conn.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert set(VIEWS) <= names
    for view in VIEWS:
        conn.execute(f"SELECT * FROM {view}").fetchall()  # binds and runs on empty tables


# --------------------------------------------------------------------------- migrations


def test_old_warehouse_is_upgraded_in_place(tmp_path):
    path = tmp_path / "w.duckdb"
    conn = duckdb.connect(str(path))
    assert migrate(conn, target=1) == 1
    conn.execute("INSERT INTO documents (doc_id, content_sha256) VALUES ('old', 'abc')")
    assert conn.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'dyad_daily'").fetchone()[0] == 0
    conn.close()

    load_run(path, two_doc_run(tmp_path))  # the loader opens with the current code

    assert query(path, "SELECT max(version) FROM schema_version") == [(latest_version(),)]
    assert query(path, "SELECT version, description FROM schema_version ORDER BY 1") == [
        (m.version, m.description) for m in available_migrations()
    ]
    assert query(path, "SELECT doc_id FROM documents ORDER BY 1") == [("d1",), ("d2",), ("old",)]
    assert query(path, "SELECT count(*) FROM dyad_daily") == [(1,)]


def test_migrate_is_a_no_op_when_current(tmp_path):
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert migrate(conn) == latest_version()
    before = conn.execute("SELECT * FROM schema_version ORDER BY version").fetchall()
    assert migrate(conn) == latest_version()
    assert conn.execute("SELECT * FROM schema_version ORDER BY version").fetchall() == before


def test_newer_warehouse_is_refused(tmp_path):
    path = tmp_path / "w.duckdb"
    conn = duckdb.connect(str(path))
    migrate(conn)
    conn.execute("INSERT INTO schema_version VALUES (99, now(), 'from the future')")
    conn.close()
    before = state(path)

    conn = duckdb.connect(str(path))
    with pytest.raises(WarehouseTooNew) as excinfo:
        migrate(conn)
    conn.close()
    assert str(excinfo.value) == (
        f"warehouse schema v99 is newer than this Dotterel (v{latest_version()}); upgrade Dotterel"
    )
    with pytest.raises(WarehouseTooNew):
        load_run(path, two_doc_run(tmp_path))
    with pytest.raises(WarehouseTooNew):
        record_failed_run(path, {"run_id": "rf"}, "boom")
    assert state(path) == before


def test_failing_migration_leaves_the_old_version(tmp_path):
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    for m in available_migrations():
        (migrations / m.path.name).write_text(m.sql())
    (migrations / f"{latest_version() + 1:04d}_broken.sql").write_text(
        "CREATE TABLE half_done (a INTEGER);\nINSERT INTO half_done VALUES (1);\n"
        "SELECT * FROM no_such_table;\n"
    )
    path = tmp_path / "w.duckdb"
    conn = duckdb.connect(str(path))
    migrate(conn, target=1, migrations_dir=migrations)
    conn.close()

    conn = duckdb.connect(str(path))
    with pytest.raises(MigrationError, match="broken.sql failed, warehouse left at schema v1"):
        migrate(conn, migrations_dir=migrations)
    conn.close()

    conn = duckdb.connect(str(path))
    assert current_version(conn) == 1
    names = {r[0] for r in conn.execute(
        "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views()"
    ).fetchall()}
    assert "half_done" not in names and "dyad_daily" not in names  # 0002 rolled back too
    conn.close()


def test_migration_files_are_numbered_without_gaps(tmp_path):
    assert [m.version for m in available_migrations()] == list(
        range(1, len(list(MIGRATIONS_DIR.glob("*.sql"))) + 1)
    )
    (tmp_path / "0001_a.sql").write_text("SELECT 1;")
    (tmp_path / "0003_c.sql").write_text("SELECT 1;")
    with pytest.raises(ValueError, match="without gaps"):
        available_migrations(tmp_path)


# --------------------------------------------------------------------------- loader


def test_first_load(tmp_path):
    path = tmp_path / "wh" / "w.duckdb"  # directory created on demand
    staged = two_doc_run(tmp_path)
    stats = load_run(path, staged)

    assert stats == LoadStats(documents_loaded=2, documents_unchanged=0, events=3, rejected=1, ingest_errors=1)
    assert query(path, "SELECT event_id FROM events ORDER BY 1") == [("e1",), ("e2",), ("e3",)]
    assert query(path, "SELECT count(*) FROM rejected_events") == [(1,)]
    assert query(path, "SELECT count(*) FROM validation_results") == [(1,)]
    # types survive the trip: dates, tinyint, text codes with leading zeros
    assert query(path, "SELECT event_date, quad_class, cameo_code FROM events WHERE event_id = 'e1'") == [
        (date(2024, 1, 1), 4, "190")
    ]
    (run,) = query(
        path,
        "SELECT run_id, status, documents, documents_loaded, sentences, events, rejected, "
        "ingest_errors, extractor_version, finished_at >= started_at, seconds >= 0, inputs FROM runs",
    )
    assert run == ("r1", "completed", 2, 2, 10, 3, 1, 1, "1.0.0", True, True, '["corpus/"]')


def test_rerun_over_the_same_input_changes_nothing(tmp_path):
    path = tmp_path / "w.duckdb"
    load_run(path, two_doc_run(tmp_path, "r1"))
    before = state(path)

    rerun = two_doc_run(tmp_path, "r1")
    rerun.run["run_id"] = "r2"
    stats = load_run(path, rerun)

    assert stats == LoadStats(documents_loaded=0, documents_unchanged=2, events=0, rejected=0, ingest_errors=1)
    after = state(path)
    for table in ("documents", "events", "rejected_events"):
        assert after[table] == before[table], table
    assert after["ingest_errors"][0] == 2  # per-run logs are appended
    assert after["validation_results"][0] == 2
    assert query(path, "SELECT run_id, documents_loaded, events FROM runs ORDER BY run_id") == [
        ("r1", 2, 3),
        ("r2", 0, 0),
    ]


def test_changed_document_replaces_all_its_rows(tmp_path):
    path = tmp_path / "w.duckdb"
    load_run(path, two_doc_run(tmp_path, "r1"))

    staged = stage(
        tmp_path,
        "r2",
        docs=[
            doc("d1", text="Rewritten text of d1.", run_id="r2"),  # new sha
            doc("d2", source="Reuters", run_id="r2"),  # unchanged
            doc("d3", run_id="r2"),  # new
        ],
        events=[
            event("e1", "d1", cameo_code="173", cameo_root="17", quad_class=4, run_id="r2"),
            event("e4", "d1", run_id="r2"),
            event("e3", "d2", goldstein=99.0, run_id="r2"),  # ignored: d2 is unchanged
            event("e9", "d2", run_id="r2"),  # ignored too
            event("e5", "d3", run_id="r2"),
        ],
    )
    stats = load_run(path, staged)

    assert stats == LoadStats(documents_loaded=2, documents_unchanged=1, events=3, rejected=0, ingest_errors=0)
    assert query(path, "SELECT event_id, doc_id, cameo_code, goldstein, run_id FROM events ORDER BY 1") == [
        ("e1", "d1", "173", -10.0, "r2"),
        ("e3", "d2", "190", -10.0, "r1"),
        ("e4", "d1", "190", -10.0, "r2"),
        ("e5", "d3", "190", -10.0, "r2"),
    ]
    assert query(path, "SELECT count(*) FROM rejected_events WHERE doc_id = 'd1'") == [(0,)]
    assert query(path, "SELECT doc_id, run_id FROM documents ORDER BY 1") == [
        ("d1", "r2"),
        ("d2", "r1"),
        ("d3", "r2"),
    ]


def test_new_extractor_version_counts_as_a_change(tmp_path):
    path = tmp_path / "w.duckdb"
    load_run(path, two_doc_run(tmp_path, "r1"))
    staged = stage(
        tmp_path,
        "r2",
        docs=[doc("d1", extractor_version="1.1.0", run_id="r2")],
        events=[event("e1", "d1", extractor_version="1.1.0", run_id="r2")],
    )
    stats = load_run(path, staged)
    assert (stats.documents_loaded, stats.documents_unchanged, stats.events) == (1, 0, 1)
    assert query(path, "SELECT event_id, extractor_version FROM events WHERE doc_id = 'd1'") == [
        ("e1", "1.1.0")
    ]


def test_empty_run_loads_only_a_runs_row(tmp_path):
    path = tmp_path / "w.duckdb"
    stats = load_run(path, StagedRun(run={"run_id": "empty"}))
    assert stats == LoadStats(0, 0, 0, 0, 0)
    assert query(path, "SELECT run_id, status, documents, events FROM runs") == [("empty", "completed", 0, 0)]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda t: stage(t, "r2", [doc("d9")], [event("e9", "nowhere")]), "not staged"),
        (lambda t: stage(t, "r2", [doc("d9"), doc("d9")], batches=2), "doc_id staged more than once"),
        (
            lambda t: stage(t, "r2", [doc("d9")], [event("e9", "d9"), event("e9", "d9")], batches=2),
            "event_id staged more than once",
        ),
    ],
)
def test_inconsistent_staging_is_refused(tmp_path, make, message):
    path = tmp_path / "w.duckdb"
    load_run(path, two_doc_run(tmp_path))
    before = state(path)
    with pytest.raises(StagingError, match=message):
        load_run(path, make(tmp_path))
    assert state(path) == before


def test_staged_file_that_breaks_the_contract_is_refused(tmp_path):
    path = tmp_path / "w.duckdb"
    load_run(path, two_doc_run(tmp_path))
    before = state(path)
    staged = stage(tmp_path, "r2", [doc("d9")], [event("e9", "d9")])
    bad = tmp_path / "bad_events.parquet"
    conform([event("e9", "d9")], EVENTS).with_columns(pl.col("quad_class").cast(pl.Int64)).write_parquet(bad)
    staged.events = [bad]
    with pytest.raises(StagingError, match="quad_class"):
        load_run(path, staged)
    staged.events = []
    staged.run["surprise"] = 1
    with pytest.raises(StagingError, match="surprise"):
        load_run(path, staged)
    assert state(path) == before


def test_error_before_commit_rolls_everything_back(tmp_path):
    path = tmp_path / "w.duckdb"
    load_run(path, two_doc_run(tmp_path))
    before = state(path)

    def explode(conn):
        # the transaction really holds the new rows at this point
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        raise RuntimeError("boom")

    staged = stage(tmp_path, "r2", [doc("d1", text="changed"), doc("d3")], [event("e7", "d3")])
    with pytest.raises(RuntimeError, match="boom"):
        load_run(path, staged, before_commit=explode)
    assert state(path) == before


_KILL_SCRIPT = textwrap.dedent(
    """
    import os, pickle, signal, sys
    from warehouse.loader import load_run

    with open(sys.argv[2], "rb") as fh:
        staged = pickle.load(fh)

    def die(conn):
        os.kill(os.getpid(), signal.SIGKILL)

    load_run(sys.argv[1], staged, before_commit=die)
    raise SystemExit("load_run returned although the process should have been killed")
    """
)


def run_killed_load(tmp_path: Path, path: Path, staged: StagedRun) -> subprocess.CompletedProcess:
    import pickle

    pickled = tmp_path / f"{staged.run['run_id']}.pickle"
    pickled.write_bytes(pickle.dumps(staged))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-c", _KILL_SCRIPT, str(path), str(pickled)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_killed_load_leaves_the_warehouse_as_before(tmp_path):
    path = tmp_path / "w.duckdb"
    load_run(path, two_doc_run(tmp_path))
    before = state(path)

    staged = stage(
        tmp_path,
        "r2",
        docs=[doc("d1", text="changed", run_id="r2"), doc("d3", run_id="r2")],
        events=[event("e1", "d1", goldstein=1.0, run_id="r2"), event("e7", "d3", run_id="r2")],
        ingest_errors=[ingest_error("r2")],
    )
    proc = run_killed_load(tmp_path, path, staged)
    assert proc.returncode == -signal.SIGKILL, proc.stderr

    assert state(path) == before
    # and the same load succeeds afterwards
    stats = load_run(path, staged)
    assert (stats.documents_loaded, stats.events) == (2, 2)


def test_killed_large_load_leaves_the_warehouse_as_before(tmp_path):
    """Big enough for DuckDB to write uncommitted row groups into the file itself."""
    path = tmp_path / "w.duckdb"
    load_run(path, two_doc_run(tmp_path))
    before = state(path)

    n = 150_000
    root = tmp_path / "big"
    root.mkdir()
    docs_file = write_frame(root / "documents.parquet", [doc("big", run_id="big")], DOCUMENTS)
    template = conform([event("x", "big", run_id="big")], EVENTS)
    events = (
        template.join(pl.DataFrame({"i": pl.int_range(n, eager=True, dtype=pl.Int32)}), how="cross")
        .with_columns(event_id=pl.format("big-{}", pl.col("i")), sentence_index=pl.col("i"))
        .select(list(EVENTS))
    )
    events.write_parquet(root / "events.parquet")
    staged = StagedRun(run={"run_id": "big"}, documents=[docs_file], events=[root / "events.parquet"])

    proc = run_killed_load(tmp_path, path, staged)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert state(path) == before


def test_record_failed_run(tmp_path):
    path = tmp_path / "w.duckdb"
    started = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    record_failed_run(path, {"run_id": "rf", "started_at": started, "inputs": ["a.jsonl"]}, "spaCy model missing")
    assert query(
        path,
        "SELECT run_id, status, started_at, inputs, documents_loaded, events, ingest_errors, error FROM runs",
    ) == [("rf", "failed", started, '["a.jsonl"]', 0, 0, 0, "spaCy model missing")]
    assert query(path, "SELECT count(*) FROM ingest_errors") == [(0,)]


# --------------------------------------------------------------------------- connections


def test_connect_read_only_missing_file(tmp_path):
    missing = tmp_path / "nope" / "dotterel.duckdb"
    with pytest.raises(FileNotFoundError, match=str(missing)):
        connect_read_only(missing)
    assert not missing.exists()


def test_read_only_connection_refuses_writes(tmp_path):
    path = tmp_path / "w.duckdb"
    load_run(path, two_doc_run(tmp_path))
    conn = connect_read_only(path)
    with pytest.raises(duckdb.Error):
        conn.execute("DELETE FROM events")
    conn.close()
    assert query(path, "SELECT count(*) FROM events") == [(3,)]


def test_reader_waits_for_the_loader_lock(tmp_path):
    path = tmp_path / "w.duckdb"
    load_run(path, two_doc_run(tmp_path))
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); time.sleep(1.5)",
         str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(duckdb.IOException, match="lock"):
            connect_read_only(path, wait_seconds=0)
        started = time.monotonic()
        conn = connect_read_only(path, wait_seconds=30)
        assert time.monotonic() - started < 30
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (2,)
        conn.close()
    finally:
        holder.wait(timeout=30)


def test_connect_read_write_creates_directories(tmp_path):
    conn = connect_read_write(tmp_path / "a" / "b" / "w.duckdb")
    conn.close()
    assert (tmp_path / "a" / "b" / "w.duckdb").is_file()


# --------------------------------------------------------------------------- views


def _gdelt_id(event_date: str, source: str, target: str, cameo: str) -> int:
    return int(hashlib.md5(f"{event_date}|{source}|{target}|{cameo}".encode()).hexdigest()[:15], 16)


@pytest.fixture
def view_warehouse(tmp_path) -> Path:
    """Hand-built events whose aggregates are worked out in the tests below.

    Dyad A (2024-01-01 RUS->UKR 190) is reported 6 times in 5 documents by 4
    publishers: d1 (AP, twice), d2 (Reuters), d3 (AP again), d4 and d5 (no
    publisher: one each). Dyad B (2024-02-15 USA->CHN 040) once in d2; dyad C
    (no date, USA->CHN 173) once in d4; dyad D (2024-01-20 UKRGOV->UKRMIL 111,
    domestic) once in d5. Two rows with an uncoded actor are left out.
    """
    docs = [
        doc("d1", source="AP", url="https://ap/1", published_date=date(2024, 1, 2)),
        doc("d2", source="Reuters", url="https://reuters/2", published_date=date(2024, 1, 1)),
        doc("d3", source="AP", url="https://ap/3", published_date=None),
        doc("d4", source=None, url=None, published_date=date(2023, 12, 31)),
        doc("d5", source=None, url="https://blog/5", published_date=date(2024, 1, 3)),
    ]
    kyiv = {"location_name": "Kyiv", "location_type": "city", "location_country": "UKR",
            "latitude": 50.45, "longitude": 30.52}
    donetsk = {"location_name": "Donetsk Oblast", "location_type": "region", "location_country": "UKR",
               "latitude": 48.0, "longitude": 37.8}
    events = [
        # dyad A
        event("a1", "d1", sentence_index=5, **kyiv),
        event("a2", "d1", sentence_index=6, **kyiv),
        event("a3", "d2", sentence_index=4, source_text="Moscow", **donetsk),
        event("a4", "d3", sentence_index=2, source_text="Russian forces"),
        event("a5", "d4", sentence_index=9, source_text="Moscow"),
        event("a6", "d5", sentence_index=10, goldstein=-9.5, plover_type="COERCE"),  # minority coding
        # dyad B
        event("b1", "d2", sentence_index=7, source_text="Washington", source_code="USA", source_country="USA",
              target_text="Beijing", target_code="CHN", target_country="CHN", source_sector=None,
              cameo_code="040", cameo_root="04", plover_type="CONSULT", quad_class=1, goldstein=1.0,
              event_date=date(2024, 2, 15), location_name="China", location_type="country",
              location_country="CHN", latitude=35.0, longitude=103.0),
        # dyad C: no date
        event("c1", "d4", sentence_index=0, source_text="Washington", source_code="USA", source_country="USA",
              target_text="Beijing", target_code="CHN", target_country="CHN", cameo_code="173",
              cameo_root="17", plover_type="COERCE", quad_class=4, goldstein=-5.0, event_date=None),
        # dyad D: domestic
        event("d1x", "d5", sentence_index=1, source_text="the government", source_code="UKRGOV",
              source_country="UKR", source_sector="GOV", target_text="the army", target_code="UKRMIL",
              target_country="UKR", target_sector="MIL", cameo_code="111", cameo_root="11",
              plover_type="DISAPPROVE", quad_class=3, goldstein=-2.0, event_date=date(2024, 1, 20)),
        # uncoded actors: excluded from every view
        event("u1", "d1", source_code=None),
        event("u2", "d2", target_code=None),
    ]
    path = tmp_path / "views.duckdb"
    load_run(path, stage(tmp_path, "r1", docs, events))
    return path


def test_dyad_daily_deduplicates_across_documents_and_sources(view_warehouse):
    rows = query(
        view_warehouse,
        "SELECT event_date, source_code, target_code, cameo_code, num_mentions, num_documents, num_sources, "
        "cameo_root, quad_class, goldstein, plover_type, source_country, target_country "
        "FROM dyad_daily ORDER BY event_date NULLS LAST, source_code",
    )
    assert rows == [
        (date(2024, 1, 1), "RUS", "UKR", "190", 6, 5, 4, "19", 4, -10.0, "ASSAULT", "RUS", "UKR"),
        (date(2024, 1, 20), "UKRGOV", "UKRMIL", "111", 1, 1, 1, "11", 3, -2.0, "DISAPPROVE", "UKR", "UKR"),
        (date(2024, 2, 15), "USA", "CHN", "040", 1, 1, 1, "04", 1, 1.0, "CONSULT", "USA", "CHN"),
        (None, "USA", "CHN", "173", 1, 1, 1, "17", 4, -5.0, "COERCE", "USA", "CHN"),
    ]


def test_events_gdelt_values(view_warehouse):
    """The GDELT columns that carry Dotterel's values; tests/test_gdelt.py checks names and types."""
    conn = connect_read_only(view_warehouse)
    try:
        (loaded,) = conn.execute(
            "SELECT CAST(strftime(timezone('UTC', finished_at), '%Y%m%d%H%M%S') AS BIGINT) FROM runs"
        ).fetchone()
        rows = {
            r[0]: r
            for r in conn.execute(
                'SELECT "EventCode", "GlobalEventID", "SQLDATE", "MonthYear", "Year", "FractionDate", '
                '"Actor1Name", "Actor2Name", "Actor1Type1Code", "Actor2Type1Code", "IsRootEvent", '
                '"EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", '
                '"NumSources", "NumArticles", "AvgTone", "ActionGeo_Type", "ActionGeo_FullName", '
                '"ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "DATEADDED", "SOURCEURL", '
                '"SQLDATE_Origin", "ActionGeo_ADM1Code", "ActionGeo_FeatureID", '
                '"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_Lat", '
                '"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode" '
                "FROM events_gdelt"
            ).fetchall()
        }
    finally:
        conn.close()
    assert len(rows) == 4  # one per dyad_daily row
    assert rows["190"][:27] == (
        "190", _gdelt_id("2024-01-01", "RUS", "UKR", "190"), 20240101, 202401, 2024, 2024.0027,
        "Russia", "Ukraine", None, None,
        1,  # a4 is sentence 2 of d3
        "190", "19", 4, -10.0, 6, 4, 5, None,
        4, "Kyiv", "UP", 50.45, 30.52,  # Kyiv twice beats Donetsk once; FIPS UP is Ukraine
        loaded, "https://reuters/2",  # d2 is the earliest dated document with a url
        "event",
    )
    assert rows["190"][27:29] == (None, None)  # below country level: no ADM1 code or feature id
    assert rows["190"][29:] == (1, "Russia", "RS", 55.75204, 1, "Ukraine", "UP")
    assert rows["040"][1:6] == (_gdelt_id("2024-02-15", "USA", "CHN", "040"), 20240215, 202402, 2024,
                                round(2024 + (30 + 15) / 365, 4))
    assert rows["040"][10] == 0  # sentence 7 only
    assert rows["040"][19:22] == (1, "China", "CH")  # a country, FIPS CH
    assert rows["040"][27:29] == ("CH", "CH")  # GDELT writes the country code at country level
    # Undated: SQLDATE falls back to the published date of its document (d4, 2023-12-31).
    assert rows["173"][1:6] == (_gdelt_id("", "USA", "CHN", "173"), 20231231, 202312, 2023,
                                round(2023 + (11 * 30 + 31) / 365, 4))
    assert rows["173"][26] == "published"
    assert rows["173"][19:24] == (0, None, None, None, None)  # no location
    assert rows["173"][25] is None  # d4 has no url
    assert rows["111"][8:10] == ("GOV", "MIL")
    assert rows["111"][19] == 0


def test_events_gdelt_dateadded_is_the_first_load(view_warehouse, tmp_path):
    (first,) = query(
        view_warehouse,
        "SELECT CAST(strftime(timezone('UTC', finished_at), '%Y%m%d%H%M%S') AS BIGINT) FROM runs",
    )[0]
    time.sleep(1.1)
    later = stage(tmp_path, "r2", [doc("d6", source="BBC", run_id="r2")], [event("a7", "d6", run_id="r2")])
    load_run(view_warehouse, later)
    assert query(
        view_warehouse, 'SELECT "NumMentions", "NumSources", "DATEADDED" FROM events_gdelt WHERE "EventCode" = \'190\''
    ) == [(7, 5, first)]


def test_actor_network(view_warehouse):
    rows = query(
        view_warehouse,
        "SELECT source_code, target_code, num_events, num_mentions, num_documents, cooperation, conflict, "
        "mean_goldstein, weight FROM actor_network ORDER BY source_code",
    )
    assert rows == [
        ("RUS", "UKR", 1, 6, 5, 0, 1, -10.0, -1.0),
        ("UKRGOV", "UKRMIL", 1, 1, 1, 0, 1, -2.0, -1.0),
        ("USA", "CHN", 2, 2, 2, 1, 1, -2.0, 0.0),
    ]


def test_country_month(view_warehouse):
    rows = query(
        view_warehouse,
        "SELECT country, role, month, quad_class, num_events, num_mentions FROM country_month "
        "ORDER BY country, role, month, quad_class",
    )
    jan, feb = date(2024, 1, 1), date(2024, 2, 1)
    assert rows == [
        ("CHN", "target", feb, 1, 1, 1),
        ("RUS", "source", jan, 4, 1, 6),
        ("UKR", "source", jan, 3, 1, 1),
        ("UKR", "target", jan, 3, 1, 1),
        ("UKR", "target", jan, 4, 1, 6),
        ("USA", "source", feb, 1, 1, 1),
    ]


MISSING_TARGET = {f"target_{c}": None for c in ("text", "code", "country", "sector", "start", "end")}
MISSING_SOURCE = {f"source_{c}": None for c in ("text", "code", "country", "sector", "start", "end")}


@pytest.fixture
def one_sided_warehouse(tmp_path) -> Path:
    """One-sided events (issue #10): a resignation reported in two documents (no
    target), a killing with no named agent (no source), a two-sided attack beside
    them, and a named but uncoded target, which stays out of the views."""
    docs = [doc("d1", source="AP"), doc("d2", source="Reuters")]
    resigned = dict(MISSING_TARGET, source_text="the prime minister", source_code="LKAGOV", source_country="LKA",
                    source_sector="GOV", action_text="resigned", cameo_code="0831", cameo_root="08",
                    plover_type="CONCEDE", quad_class=2, goldstein=5.0)
    killed = dict(MISSING_SOURCE, target_text="policemen", target_code="MLICOP", target_country="MLI",
                  target_sector="COP", action_text="killed", action_start=20, action_end=26)
    events = [
        event("r1", "d1", **resigned),
        event("r2", "d2", sentence_index=3, **resigned),
        event("k1", "d1", sentence_index=1, **killed),
        event("a1", "d2", sentence_index=1),
        event("u1", "d2", sentence_index=2, target_code=None, target_country=None),  # named, uncoded
    ]
    path = tmp_path / "one_sided.duckdb"
    load_run(path, stage(tmp_path, "r1", docs, events))
    return path


def test_one_sided_events_in_the_views(one_sided_warehouse):
    path = one_sided_warehouse
    rows = query(path, "SELECT source_code, target_code, cameo_code, num_mentions, num_documents, num_sources "
                       "FROM dyad_daily ORDER BY cameo_code, source_code NULLS LAST")
    assert rows == [
        ("LKAGOV", None, "0831", 2, 2, 2),
        ("RUS", "UKR", "190", 1, 1, 1),
        (None, "MLICOP", "190", 1, 1, 1),
    ]
    gdelt = query(path, 'SELECT "EventCode", "GlobalEventID", "Actor1Code", "Actor1Name", "Actor1Geo_Type", '
                        '"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Geo_Type", "NumMentions" '
                        'FROM events_gdelt ORDER BY "EventCode", "Actor1Code" NULLS LAST')
    assert gdelt == [
        ("0831", _gdelt_id("2024-01-01", "LKAGOV", "", "0831"), "LKAGOV", "the prime minister", 1,
         None, None, None, 0, 2),
        ("190", _gdelt_id("2024-01-01", "RUS", "UKR", "190"), "RUS", "Russia", 1, "UKR", "Ukraine", "UKR", 1, 1),
        ("190", _gdelt_id("2024-01-01", "", "MLICOP", "190"), None, None, 0, "MLICOP", "policemen", "MLI", 1, 1),
    ]
    offsets = query(path, 'SELECT "Actor1CharOffset", "Actor2CharOffset" FROM mentions_gdelt '
                          'ORDER BY "Actor1CharOffset", "Actor2CharOffset"')
    assert offsets == [(-1, 16), (0, -1), (0, -1), (0, 16)]
    # country_month: each one-sided event once, for the role it has
    assert query(path, "SELECT country, role, num_events, num_mentions FROM country_month "
                       "ORDER BY country, role") == [
        ("LKA", "source", 1, 2), ("MLI", "target", 1, 1), ("RUS", "source", 1, 1), ("UKR", "target", 1, 1),
    ]
    # actor_network: an edge needs two ends
    assert query(path, "SELECT source_code, target_code, num_events FROM actor_network") == [("RUS", "UKR", 1)]
