"""Opening the warehouse: for analysts and BI tools (read-only) and for the loader.

DuckDB lets one process write a database file OR several processes read it,
never both at once. The loader therefore keeps the file open only while it
loads (one transaction, then close), and both sides wait a little for the
other's lock instead of failing at the first try.

``DEFAULT_WAREHOUSE`` is the relative path ``warehouse/dotterel.duckdb``: it is
resolved against the current working directory when used, so run Dotterel
from the repository root (or pass an explicit path).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, TypeVar
from urllib.parse import quote

import duckdb

DEFAULT_WAREHOUSE = Path("warehouse/dotterel.duckdb")

# How long to wait for a conflicting lock (the other side's process) to go away.
READ_WAIT_SECONDS = 30.0
WRITE_WAIT_SECONDS = 300.0

_T = TypeVar("_T")


def _is_lock_conflict(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "Could not set lock" in str(exc)


def retry_on_lock(open_fn: Callable[[], _T], wait_seconds: float) -> _T:
    """Call ``open_fn`` until it stops failing with a DuckDB file-lock conflict.

    Any other error is raised at once; a lock conflict is raised after
    ``wait_seconds`` have passed.
    """
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    delay = 0.05
    while True:
        try:
            return open_fn()
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(min(delay, max(deadline - time.monotonic(), 0.0)))
        delay = min(delay * 2, 1.0)


def connect_read_only(
    path: Path | str = DEFAULT_WAREHOUSE, *, wait_seconds: float = READ_WAIT_SECONDS
) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse file at ``path``.

    Raises FileNotFoundError (naming the absolute path) when there is no such
    file; never creates one. Waits up to ``wait_seconds`` while a loader holds
    the write lock. Any write through the connection is refused by DuckDB.
    """
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise FileNotFoundError(
            f"no Dotterel warehouse at {resolved} (run a load first, or pass the right path)"
        )
    return retry_on_lock(lambda: duckdb.connect(str(resolved), read_only=True), wait_seconds)


def connect_read_write(
    path: Path | str, *, wait_seconds: float = WRITE_WAIT_SECONDS
) -> duckdb.DuckDBPyConnection:
    """A read-write connection, creating the file (and its directory) if needed.

    For the loader and migrations; close it as soon as the work is committed.
    """
    resolved = Path(path).resolve()
    resolved.parent.mkdir(parents=True, exist_ok=True)
    return retry_on_lock(lambda: duckdb.connect(str(resolved)), wait_seconds)


def sqlalchemy_url(path: Path | str = DEFAULT_WAREHOUSE, read_only: bool = True) -> str:
    """A SQLAlchemy URL for duckdb-engine, e.g. ``duckdb:////abs/dotterel.duckdb?access_mode=read_only``.

    ``create_engine(sqlalchemy_url(p))`` opens the file read-only: duckdb-engine
    passes the ``access_mode`` query parameter to ``duckdb.connect`` as config,
    and DuckDB then refuses every write. The path is made absolute (against
    the current working directory) and percent-encoded where SQLAlchemy needs it.
    """
    # SQLAlchemy's URL parser percent-decodes the database part, so encode
    # anything in the path that would otherwise end it (?, #) or be decoded (%).
    database = quote(Path(path).resolve().as_posix(), safe="/:")
    url = f"duckdb:///{database}"
    return f"{url}?access_mode=read_only" if read_only else url
