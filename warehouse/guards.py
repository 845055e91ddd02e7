"""Checks every command makes on the warehouse before doing any work.

A run must not parse for minutes and only then find that ``--warehouse``
points at a text file, a read-only disk or a warehouse from a newer Dotterel;
a query must not run against one either. These checks open the file the way
the command will (read-write for a run, read-only under the query guards for
the rest), and fail with a one-line ``WarehouseUnusable`` or
``WarehouseTooNew``. A lock held by another process is waited for, up to the
command's lock timeout, and then reported as ``WarehouseLocked``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import duckdb

from warehouse.connect import WarehouseLocked, connect_read_only, connect_read_write
from warehouse.migrate import check_version, migrate

__all__ = ["WarehouseUnusable", "WarehouseLocked", "check_readable", "check_writable", "first_line"]


class WarehouseUnusable(RuntimeError):
    """The warehouse path cannot serve as a Dotterel warehouse (says why in one line)."""


def first_line(exc: BaseException) -> str:
    """DuckDB's message without its type prefix and the query echo that follows it."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    for prefix in ("IO Error: ", "Permission Error: ", "Invalid Input Error: "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _unusable(path: Path, exc: BaseException) -> WarehouseUnusable:
    reason = first_line(exc)
    if isinstance(exc, OSError) and exc.strerror:
        reason = exc.strerror
    if "not a valid DuckDB database file" in reason:
        reason = "it is not a DuckDB database file"
    return WarehouseUnusable(f"cannot use {path} as the warehouse: {reason}")


def check_readable(path: Path | str) -> int:
    """For commands that read: a Dotterel warehouse whose schema this code knows.

    Raises FileNotFoundError when there is no file, WarehouseUnusable when it
    is not a DuckDB file or has no Dotterel schema, WarehouseTooNew when a
    newer Dotterel wrote it. Returns the schema version.
    """
    resolved = Path(path).resolve()
    try:
        conn = connect_read_only(resolved)
    except (FileNotFoundError, WarehouseLocked):
        raise
    except (duckdb.Error, OSError) as exc:
        raise _unusable(resolved, exc) from None
    try:
        have, _ = check_version(conn)
    finally:
        conn.close()
    if have == 0:
        raise WarehouseUnusable(
            f"cannot use {resolved} as the warehouse: it is a DuckDB file without a Dotterel schema"
        )
    return have


def check_writable(
    path: Path | str,
    *,
    lock_timeout: float,
    on_wait: Callable[[str | None], None] | None = None,
) -> int:
    """For a run, before any extraction: the warehouse opens read-write and is current.

    Creates and migrates a new warehouse (as the load would), waits up to
    ``lock_timeout`` seconds for another process's lock (calling ``on_wait``
    once), and checks that the directory takes DuckDB's write-ahead log.
    Returns the schema version.
    """
    resolved = Path(path).resolve()
    if resolved.is_dir():
        raise WarehouseUnusable(f"cannot use {resolved} as the warehouse: it is a directory")
    try:
        conn = connect_read_write(resolved, wait_seconds=lock_timeout, on_wait=on_wait)
    except WarehouseLocked:
        raise
    except (duckdb.Error, OSError) as exc:
        raise _unusable(resolved, exc) from None
    try:
        check_version(conn)
        version = migrate(conn)
    finally:
        conn.close()
    if not os.access(resolved.parent, os.W_OK) or not os.access(resolved, os.W_OK):
        raise WarehouseUnusable(
            f"cannot use {resolved} as the warehouse: {resolved.parent} is not writable "
            "(DuckDB writes its log beside the file)"
        )
    return version
