"""Numbered SQL migrations for the Dotterel warehouse.

Migrations are the files ``warehouse/migrations/NNNN_description.sql``, numbered
1, 2, 3, ... without gaps. The version of a warehouse is the highest version
recorded in its ``schema_version`` table (0 for an empty file).

``migrate(conn)`` applies every pending file in order inside ONE transaction,
recording a ``schema_version`` row for each: either the warehouse ends at the
latest version or, if any statement fails, it stays exactly at the version it
had. A warehouse written by a newer Dotterel (version above the latest file
this code knows) is refused with ``WarehouseTooNew`` before anything is
touched, because this code cannot know what the newer schema means.

Never edit a migration that has been released; add the next number instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_SCHEMA_VERSION_DDL = """
CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    applied_at  TIMESTAMPTZ NOT NULL,
    description VARCHAR
)
"""


class WarehouseTooNew(RuntimeError):
    """The warehouse was migrated by a newer Dotterel than this one."""

    def __init__(self, warehouse_version: int, code_version: int):
        self.warehouse_version = warehouse_version
        self.code_version = code_version
        super().__init__(
            f"warehouse schema v{warehouse_version} is newer than this Dotterel "
            f"(v{code_version}); upgrade Dotterel"
        )


class MigrationError(RuntimeError):
    """A migration file failed; the warehouse was left at its previous version."""


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def available_migrations(migrations_dir: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migration files in order; raises ValueError on a gap or a stray name."""
    found: list[Migration] = []
    for path in sorted(Path(migrations_dir).glob("*.sql")):
        match = _FILE_NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file name must look like 0001_name.sql: {path}")
        found.append(Migration(int(match.group(1)), match.group(2).replace("_", " "), path))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise ValueError(
                f"migrations must be numbered 1, 2, 3, ... without gaps or repeats; "
                f"expected {expected:04d}, found {migration.path.name}"
            )
    return found


def latest_version(migrations_dir: Path = MIGRATIONS_DIR) -> int:
    """The schema version this code produces."""
    migrations = available_migrations(migrations_dir)
    return migrations[-1].version if migrations else 0


def current_version(conn: duckdb.DuckDBPyConnection) -> int:
    """The warehouse's schema version (0 when it has no schema_version table)."""
    exists = conn.execute(
        "SELECT count(*) FROM duckdb_tables() "
        "WHERE database_name = current_database() AND schema_name = 'main' "
        "AND table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    (version,) = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(version)


def check_version(
    conn: duckdb.DuckDBPyConnection, migrations_dir: Path = MIGRATIONS_DIR
) -> tuple[int, int]:
    """``(warehouse version, code version)``; raises WarehouseTooNew if the file is ahead."""
    have = current_version(conn)
    latest = latest_version(migrations_dir)
    if have > latest:
        raise WarehouseTooNew(have, latest)
    return have, latest


def migrate(
    conn: duckdb.DuckDBPyConnection,
    *,
    target: int | None = None,
    migrations_dir: Path = MIGRATIONS_DIR,
) -> int:
    """Bring the warehouse up to ``target`` (default: the latest) and return its version.

    All pending migrations run in one transaction with their schema_version
    rows; on any error the transaction is rolled back and MigrationError is
    raised (chained to the DuckDB error), leaving the previous version intact.
    Must not be called inside an open transaction.
    """
    have, latest = check_version(conn, migrations_dir)
    goal = latest if target is None else target
    if not 0 <= goal <= latest:
        raise ValueError(f"target version must be between 0 and {latest}, got {goal}")
    pending = [m for m in available_migrations(migrations_dir) if have < m.version <= goal]
    if not pending:
        return have

    conn.execute("BEGIN TRANSACTION")
    current: Migration | None = None
    try:
        conn.execute(_SCHEMA_VERSION_DDL)
        for current in pending:
            conn.execute(current.sql())
            conn.execute(
                "INSERT INTO schema_version (version, applied_at, description) "
                "VALUES ($1, now(), $2)",
                [current.version, current.description],
            )
        conn.execute("COMMIT")
    except BaseException as exc:
        conn.execute("ROLLBACK")
        if isinstance(exc, duckdb.Error) and current is not None:
            raise MigrationError(
                f"migration {current.path.name} failed, warehouse left at schema v{have}: {exc}"
            ) from exc
        raise
    return pending[-1].version
