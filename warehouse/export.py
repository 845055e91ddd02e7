"""Export the warehouse for people and tools that do not open it directly.

``export_warehouse(warehouse, out_dir)`` writes, from one consistent read-only
view of the warehouse:

* ``out_dir/<name>.parquet`` for every table and view (zstd), except
* ``out_dir/events/`` -- the events table as one Parquet file per month of
  event_date, ``events/YYYY-MM.parquet`` (rows sorted by event_date, event_id),
  and ``events/undated.parquet`` for events without a date. The files hold
  exactly the warehouse columns; the month is in the file name only, not in
  Hive-style ``year=/month=`` folders, so readers infer no partition columns:
  ``pandas.read_parquet(out_dir / "events")``, ``polars.read_parquet(out_dir /
  "events" / "*.parquet")`` and DuckDB's ``read_parquet('events/*.parquet')``
  all read it with ordinary dtypes, undated events included (Hive partitions
  came back as pandas Categoricals, and a NULL partition could not be read by
  pandas at all). Filters on event_date still skip files through the Parquet
  statistics.
* ``out_dir/dotterel_v1.duckdb`` -- a copy of the whole warehouse (tables with
  their keys, views, schema_version) in DuckDB's v1.5.0 storage format, which
  DuckDB 1.5 and later 1.x releases can open; the warehouse itself uses the
  2.x format, which 1.x cannot read.

Nothing is ever visible half-written: each file is written under a temporary
name inside ``out_dir/.tmp-*`` and moved into place with ``os.replace``
(atomic within one file system). A directory (``events/``) cannot be replaced
atomically while it has contents, so the old one is first renamed aside and
then the new one renamed in; in between ``events/`` is briefly missing, but
never partial. Each file is replaced atomically, the set of files is not: a
reader that opens several files during a re-export may mix old and new ones.
A crashed export can leave an ``out_dir/.tmp-*`` directory behind; it is safe
to delete, and globs should name ``events/**/*.parquet`` rather than
``**/*.parquet`` so they never pick up temporaries. The warehouse is attached
READ_ONLY, so the export cannot change it and can run beside other readers.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse.connect import READ_WAIT_SECONDS, retry_on_lock

# Relative to the current working directory, like connect.DEFAULT_WAREHOUSE.
DEFAULT_EXPORT_DIR = Path("warehouse/export")
SNAPSHOT_NAME = "dotterel_v1.duckdb"
# DuckDB storage format of the snapshot; 'v1.5.0' is readable by DuckDB >= 1.5.
SNAPSHOT_STORAGE_VERSION = "v1.5.0"
MONTHLY_TABLE = "events"


@dataclass
class ExportResult:
    out_dir: Path
    parquet: dict[str, Path] = field(default_factory=dict)  # relation -> file or directory
    rows: dict[str, int] = field(default_factory=dict)  # relation -> rows exported
    snapshot: Path | None = None


def _quote(identifier: str) -> str:
    """A double-quoted SQL identifier (names come from the warehouse catalog)."""
    return '"' + identifier.replace('"', '""') + '"'


def _relations(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """``[(name, 'table' | 'view'), ...]`` of the warehouse's main schema."""
    return conn.execute(
        """
        SELECT table_name, 'table' FROM duckdb_tables()
        WHERE database_name = 'wh' AND schema_name = 'main'
        UNION ALL
        SELECT view_name, 'view' FROM duckdb_views()
        WHERE database_name = 'wh' AND schema_name = 'main' AND NOT internal
        ORDER BY 2, 1
        """
    ).fetchall()


def _replace_dir(new: Path, final: Path, scratch: Path) -> None:
    """Move directory ``new`` to ``final``, replacing an existing one."""
    if final.exists():
        aside = Path(tempfile.mkdtemp(prefix=".old-", dir=scratch))
        os.replace(final, aside / final.name)
    os.replace(new, final)


def _write_monthly(conn: duckdb.DuckDBPyConnection, source: str, target: Path) -> None:
    """``target/YYYY-MM.parquet`` per month of event_date, ``target/undated.parquet`` for NULL dates."""
    target.mkdir()
    months = conn.execute(
        f"SELECT DISTINCT CAST(date_trunc('month', event_date) AS DATE) AS m FROM {source} ORDER BY m NULLS LAST"
    ).fetchall()
    for (month,) in months:
        if month is None:
            where, params, name = "event_date IS NULL", [], "undated"
        else:
            where, params, name = (
                "event_date >= $2 AND event_date < $2 + INTERVAL 1 MONTH", [month], f"{month:%Y-%m}"
            )
        conn.execute(
            f"COPY (SELECT * FROM {source} WHERE {where} ORDER BY event_date, event_id) TO $1 "
            "(FORMAT parquet, COMPRESSION zstd)",
            [str(target / f"{name}.parquet"), *params],
        )


def export_warehouse(
    warehouse: Path, out_dir: Path, *, wait_seconds: float = READ_WAIT_SECONDS
) -> ExportResult:
    """Write Parquet of every table and view plus a DuckDB 1.x snapshot into ``out_dir``."""
    warehouse = Path(warehouse).resolve()
    if not warehouse.is_file():
        raise FileNotFoundError(f"no Dotterel warehouse at {warehouse}")
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".tmp-", dir=out_dir))
    result = ExportResult(out_dir=out_dir)
    conn = duckdb.connect()  # in memory; the warehouse is attached read-only
    try:
        retry_on_lock(
            lambda: conn.execute("ATTACH $1 AS wh (READ_ONLY)", [str(warehouse)]),
            wait_seconds,
            path=warehouse,
        )
        # While attached, this process holds a read lock on the file, so no
        # loader can commit in between: every file below shows the same state.
        staged: list[tuple[Path, Path]] = []
        for name, kind in _relations(conn):
            source = f"wh.main.{_quote(name)}"
            result.rows[name] = int(conn.execute(f"SELECT count(*) FROM {source}").fetchone()[0])
            if name == MONTHLY_TABLE and kind == "table":
                target = scratch / name
                _write_monthly(conn, source, target)
                staged.append((target, out_dir / name))
            else:
                target = scratch / f"{name}.parquet"
                conn.execute(
                    f"COPY (SELECT * FROM {source}) TO $1 (FORMAT parquet, COMPRESSION zstd)",
                    [str(target)],
                )
                staged.append((target, out_dir / f"{name}.parquet"))

        snapshot_tmp = scratch / SNAPSHOT_NAME
        conn.execute(
            f"ATTACH $1 AS snap (STORAGE_VERSION '{SNAPSHOT_STORAGE_VERSION}')",
            [str(snapshot_tmp)],
        )
        conn.execute("COPY FROM DATABASE wh TO snap")
        conn.execute("CHECKPOINT snap")
        conn.execute("DETACH snap")
        conn.execute("DETACH wh")
        wal = snapshot_tmp.with_name(snapshot_tmp.name + ".wal")
        if wal.exists():  # never ship a snapshot whose data still sits in a WAL
            raise RuntimeError(f"snapshot left a write-ahead log behind: {wal}")
        staged.append((snapshot_tmp, out_dir / SNAPSHOT_NAME))

        for new, final in staged:
            if new.is_dir():
                _replace_dir(new, final, scratch)
            else:
                os.replace(new, final)
            if final.name == SNAPSHOT_NAME:
                result.snapshot = final
            else:
                result.parquet[final.name.removesuffix(".parquet")] = final
    finally:
        conn.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return result
