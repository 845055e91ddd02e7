"""Opening the warehouse: for analysts and BI tools (read-only) and for the loader.

DuckDB lets one process write a database file OR several processes read it,
never both at once. The loader therefore keeps the file open only while it
loads (one transaction, then close), and both sides wait a little for the
other's lock instead of failing at the first try, then raise WarehouseLocked
naming the holder. Read-only connections carry READ_GUARDS, because the SQL
they run may be a stranger's.

``DEFAULT_WAREHOUSE`` is the relative path ``warehouse/dotterel.duckdb``: it is
resolved against the current working directory when used, so run Dotterel
from the repository root (or pass an explicit path).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Callable, TypeVar
from urllib.parse import quote

import duckdb

DEFAULT_WAREHOUSE = Path("warehouse/dotterel.duckdb")

# How long to wait for a conflicting lock (the other side's process) to go away.
READ_WAIT_SECONDS = 30.0
WRITE_WAIT_SECONDS = 300.0

# DuckDB's own guards for every read-only connection that may run SQL a user
# typed or pasted. With external access off, DuckDB refuses every file and
# network operation other than the database it opened: COPY ... TO/FROM,
# EXPORT/IMPORT DATABASE, ATTACH, read_text/read_csv/read_parquet/glob and the
# other file-reading table functions, INSTALL and LOAD of extensions, secrets
# on disk and replacement scans of Python objects. Extensions are neither
# installed nor loaded behind the user's back, and locking the configuration
# makes every later SET/RESET fail, so a query cannot switch any of this back
# on. The read-only open refuses INSERT, UPDATE, DELETE, CREATE and DROP.
READ_GUARDS: dict[str, object] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}

_T = TypeVar("_T")

_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


class WarehouseLocked(duckdb.IOException):
    """Another process held the warehouse file for longer than we were willing to wait.

    A subclass of DuckDB's own lock error, so callers that caught that still do.
    """

    def __init__(self, path: Path | str, holder: str | None, waited: float):
        self.path = Path(path)
        self.holder = holder
        self.waited = waited
        by = f" by {holder}" if holder else " by another process"
        super().__init__(f"warehouse {self.path} is locked{by}; gave up after {waited:.0f} s")


def _is_lock_conflict(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "Could not set lock" in str(exc)


def lock_holder(exc: BaseException) -> str | None:
    """Who holds the lock, from DuckDB's error text: ``PID 123 (python3 -m superset ...)``.

    DuckDB names the holder's program and PID; the command line, when this
    user may read it, says far better which tool that is.
    """
    match = _HOLDER.search(str(exc))
    if not match:
        return None
    pid = match.group("pid")
    program = match.group("program")
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        command = " ".join(part.decode("utf-8", "replace") for part in raw.split(b"\0") if part)
    except OSError:
        command = ""
    described = " ".join((command or program).split())
    if len(described) > 80:
        described = described[:77] + "..."
    return f"PID {pid} ({described})"


def retry_on_lock(
    open_fn: Callable[[], _T],
    wait_seconds: float,
    *,
    path: Path | str | None = None,
    on_wait: Callable[[str | None], None] | None = None,
) -> _T:
    """Call ``open_fn`` until it stops failing with a DuckDB file-lock conflict.

    Any other error is raised at once. At the first conflict ``on_wait`` is
    called with the holder (see ``lock_holder``), so a caller can say what it
    is waiting for; once ``wait_seconds`` have passed, WarehouseLocked is raised.
    """
    started = time.monotonic()
    deadline = started + max(wait_seconds, 0.0)
    delay = 0.05
    told = False
    while True:
        try:
            return open_fn()
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise
            holder = lock_holder(exc)
            if time.monotonic() >= deadline:
                raise WarehouseLocked(path or "", holder, time.monotonic() - started) from exc
            if on_wait is not None and not told:
                on_wait(holder)
                told = True
        time.sleep(min(delay, max(deadline - time.monotonic(), 0.0)))
        delay = min(delay * 2, 1.0)


def connect_read_only(
    path: Path | str = DEFAULT_WAREHOUSE,
    *,
    wait_seconds: float = READ_WAIT_SECONDS,
    on_wait: Callable[[str | None], None] | None = None,
) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse file at ``path``, under READ_GUARDS.

    Raises FileNotFoundError (naming the absolute path) when there is no such
    file; never creates one. Waits up to ``wait_seconds`` while a loader holds
    the write lock. DuckDB refuses every write through the connection, and
    every file or network access beyond the warehouse itself.
    """
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise FileNotFoundError(
            f"no Dotterel warehouse at {resolved} (run a load first, or pass the right path)"
        )
    return retry_on_lock(
        lambda: duckdb.connect(str(resolved), read_only=True, config=dict(READ_GUARDS)),
        wait_seconds,
        path=resolved,
        on_wait=on_wait,
    )


def connect_read_write(
    path: Path | str,
    *,
    wait_seconds: float = WRITE_WAIT_SECONDS,
    on_wait: Callable[[str | None], None] | None = None,
) -> duckdb.DuckDBPyConnection:
    """A read-write connection, creating the file (and its directory) if needed.

    For the loader and migrations; close it as soon as the work is committed.
    """
    resolved = Path(path).resolve()
    resolved.parent.mkdir(parents=True, exist_ok=True)
    return retry_on_lock(
        lambda: duckdb.connect(str(resolved)), wait_seconds, path=resolved, on_wait=on_wait
    )


def sqlalchemy_url(path: Path | str = DEFAULT_WAREHOUSE, read_only: bool = True) -> str:
    """A SQLAlchemy URL for duckdb-engine, e.g. ``duckdb:////abs/dotterel.duckdb?access_mode=read_only&...``.

    ``create_engine(sqlalchemy_url(p))`` opens the file read-only and under
    READ_GUARDS: duckdb-engine passes the URL's query parameters to
    ``duckdb.connect`` as config, so SQL typed into a BI tool (Superset's SQL
    Lab, say) can neither write nor reach files, the network or extensions.
    The path is made absolute (against the current working directory) and
    percent-encoded where SQLAlchemy needs it.
    """
    # SQLAlchemy's URL parser percent-decodes the database part, so encode
    # anything in the path that would otherwise end it (?, #) or be decoded (%).
    database = quote(Path(path).resolve().as_posix(), safe="/:")
    url = f"duckdb:///{database}"
    if not read_only:
        return url
    guards = "&".join(f"{name}={str(value).lower()}" for name, value in READ_GUARDS.items())
    return f"{url}?access_mode=read_only&{guards}"
