"""Prefect settings applied before Prefect is imported.

Runs default to an ephemeral, server-less Prefect with telemetry off and task
chatter kept off the terminal; anything a user sets in the environment (or a
PREFECT_API_URL pointing at `prefect server start`) wins.

Prefect keeps its local state (the ephemeral server's database of flow runs,
artifacts and logs) under PREFECT_HOME, by default ``~/.prefect``, shared by
every process on the machine: `prefect flow-run ls` then lists the runs of
every project, and runs killed long ago stay "Running" there forever. Unless
the user sets PREFECT_HOME, Dotterel keeps that state beside the warehouse, in
``<warehouse folder>/.prefect`` (``warehouse/.prefect`` for the default
warehouse), so a warehouse's runs are listed together and nowhere else.

Logs: flow and task loggers log at INFO, so Prefect's UI shows each batch and
load, while the terminal handler shows warnings and errors only.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_WAREHOUSE = Path("warehouse/dotterel.duckdb")

DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    "PREFECT_TASKS_REFRESH_CACHE": "false",
    # The ephemeral server starts while the parse workers load the model, on a
    # shared 2-core machine; Prefect's 20 s default was seen to run out.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}

# Whether PREFECT_HOME and SQLITE_TMPDIR came from the user (captured once, before we set ours).
_USER_HOME: bool | None = None
_USER_SQLITE_TMPDIR = bool(os.environ.get("SQLITE_TMPDIR"))


def prefect_home_for(warehouse: Path | str) -> Path:
    """Dotterel's default PREFECT_HOME for a warehouse file: ``.prefect`` beside it."""
    return Path(warehouse).resolve().parent / ".prefect"


def apply(warehouse: Path | str | None = None) -> None:
    """Set the defaults; PREFECT_HOME follows ``warehouse`` unless the user chose one.

    Call again with the warehouse a command writes to, before Prefect is
    imported, to move the state there.
    """
    global _USER_HOME
    if _USER_HOME is None:
        _USER_HOME = bool(os.environ.get("PREFECT_HOME"))
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    if not _USER_HOME:
        _set_home(warehouse)
    # SQLite puts the temporary files of Prefect's state database in TMPDIR;
    # keep them beside the database, so a full TMPDIR is reported as Dotterel's
    # staging problem, never as a crash inside the ephemeral server.
    if not _USER_SQLITE_TMPDIR and os.environ.get("PREFECT_HOME"):
        os.environ["SQLITE_TMPDIR"] = os.environ["PREFECT_HOME"]


def _set_home(warehouse: Path | str | None) -> None:
    if warehouse is not None:
        home = prefect_home_for(warehouse)
        try:  # Prefect creates the folder itself, but not its parents
            home.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # Prefect then says why it cannot use it
        os.environ["PREFECT_HOME"] = str(home)
    else:  # a later apply() without a warehouse keeps the home an earlier call chose
        os.environ.setdefault("PREFECT_HOME", str(prefect_home_for(DEFAULT_WAREHOUSE)))
