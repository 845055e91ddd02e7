"""Running SQL that a user typed or pasted, on a guarded connection.

The connection (``connect.connect_read_only``) is where the safety lies:
DuckDB itself refuses writes, file and network access, extensions and
configuration changes. This module only runs the SQL and turns DuckDB's
answer into one line that says whether the query was refused (it tried
something a read-only query may not do) or simply failed (a typo, a missing
column).
"""

from __future__ import annotations

import duckdb
import polars as pl

from warehouse.guards import first_line

_REFUSALS = (
    "file system operations are disabled",
    "disabled through configuration",
    "disabled by configuration",
    "attached in read-only mode",
    "the configuration has been locked",
    "read-only mode",
)


class QueryRefused(Exception):
    """A query DuckDB would not run; the message is one line."""


def is_refusal(exc: duckdb.Error) -> bool:
    text = str(exc)
    return isinstance(exc, duckdb.PermissionException) or any(s in text for s in _REFUSALS)


def run_query(conn: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame | None:
    """The result of ``sql`` as a Polars frame, or None for a statement without one."""
    try:
        relation = conn.sql(sql)
        return None if relation is None else relation.pl()
    except duckdb.Error as exc:
        kind = "query refused (read-only: no writes, files, network or settings)" if is_refusal(exc) else "query failed"
        raise QueryRefused(f"{kind}: {first_line(exc)}") from exc
