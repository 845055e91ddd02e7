"""What a run leaves behind when it fails before its load committed.

Two things are decided here: whether the parsed batches are kept for the next
run (only when parsing finished and the load failed for a passing reason: a
lock, a signal, a full disk), and the `runs` row that says the run failed,
which is written only if the warehouse takes it at once.
"""

from __future__ import annotations

import signal
from pathlib import Path

from flows.lifecycle import say
from flows.staging import StagingArea
from warehouse.connect import WarehouseLocked


class LoadDeferred(WarehouseLocked):
    """The load could not start in time; the extracted batches wait in ``staging``."""

    def __init__(self, locked: WarehouseLocked, staging: Path | None, documents: int):
        super().__init__(locked.path, locked.holder, locked.waited)
        self.staging = staging
        self.documents = documents
        if staging is not None:
            self.args = (
                f"{locked}; the {documents} extracted documents are staged in {staging}: "
                "run the same command again to load them without re-parsing",
            )


def failure_text(exc: BaseException) -> str:
    """Why a run failed, for runs.error: a signal by its name, an error by type and message."""
    signum = getattr(exc, "signum", None) or getattr(exc, "signal", None)
    if isinstance(signum, int):
        return f"stopped by {signal.Signals(signum).name}"
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def worth_retrying(exc: BaseException) -> bool:
    """Whether the same staging could load next time; a refusal by the same code could not."""
    from warehouse.loader import StagingError
    from warehouse.migrate import MigrationError, WarehouseTooNew

    return not isinstance(exc, (WarehouseTooNew, MigrationError, StagingError))


def note_failed_run(warehouse: Path, run: dict, error: str) -> None:
    """Log the failed run if the warehouse takes it at once; otherwise say so in one line."""
    from warehouse.loader import record_failed_run

    try:
        record_failed_run(warehouse, run, error)
    except Exception as exc:  # noqa: BLE001 - the run's own error is the one to raise
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        say(f"could not record the failed run in {warehouse}: {reason}")


def settle_failed_run(
    exc: BaseException, area: StagingArea | None, loading: bool, warehouse: Path, run: dict
) -> BaseException | None:
    """Keep or remove the staging, log the run; return the error to raise instead, if any."""
    kept = None
    if area is not None:
        if loading and area.resumable and worth_retrying(exc):  # parsing is done: keep it
            area.keep(failure_text(exc))
            kept = area.path
        else:
            area.remove()
    note_failed_run(warehouse, run, failure_text(exc))
    if isinstance(exc, WarehouseLocked):
        return LoadDeferred(exc, kept, run.get("documents") or 0)
    if kept is not None:
        say(f"the extracted documents stay staged in {kept}: run the same command again to load them")
    return None
