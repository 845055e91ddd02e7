"""How a `dotterel` command fails: one line on stderr and an exit status a script can act on.

| status | meaning |
| --- | --- |
| 0 | done (a run may have skipped bad documents: they are in `ingest_errors`) |
| 1 | the command failed (an SQL error, a refused query, a run that broke) |
| 2 | usage: a missing path, an unknown model, a warehouse that is not one or is newer than this Dotterel |
| 75 | the warehouse stayed locked by another process past --lock-timeout; try again later |
| 128+N | stopped by signal N (130 Ctrl-C, 129 SIGHUP, 143 SIGTERM) |

Expected failures never print a traceback; ``dotterel -v`` prints it (and
Prefect's own report of failed runs) for every failure.
"""

from __future__ import annotations

import functools
import sys
import traceback
from typing import Any, Callable, TypeVar

import click
import typer
from rich.console import Console

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 75  # EX_TEMPFAIL from sysexits.h: a temporary failure, retry later

_F = TypeVar("_F", bound=Callable[..., Any])


class Options:
    verbose: bool = False


options = Options()
_err = Console(stderr=True)


def error_line(message: str) -> None:
    _err.print(f"dotterel: error: {message}", style="red", highlight=False, soft_wrap=True, markup=False)


def one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def classify(exc: BaseException) -> tuple[int, str]:
    """Exit status and message for a failure the user can understand without a traceback."""
    import duckdb

    from flows.lifecycle import exit_status
    from flows.staging import StagingUnavailable
    from warehouse.connect import WarehouseLocked
    from warehouse.guards import WarehouseUnusable, first_line
    from warehouse.migrate import MigrationError, WarehouseTooNew

    if isinstance(exc, KeyboardInterrupt):
        return exit_status(exc), str(exc) or "interrupted"
    if isinstance(exc, (WarehouseTooNew, WarehouseUnusable)):
        return EXIT_USAGE, str(exc)
    if isinstance(exc, WarehouseLocked):
        return EXIT_LOCKED, str(exc)
    if isinstance(exc, (StagingUnavailable, MigrationError)):
        return EXIT_FAILED, one_line(exc)
    if isinstance(exc, duckdb.Error):
        return EXIT_FAILED, f"warehouse error: {first_line(exc)}"
    hint = "" if options.verbose else " (run `dotterel -v ...` for the traceback)"
    return EXIT_FAILED, f"{type(exc).__name__}: {one_line(exc)}{hint}"


def reports_errors(command: _F) -> _F:
    """Wrap a CLI command so that any failure ends in one line and an honest exit status."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - every failure is reported, none escapes as a traceback
            code, message = classify(exc)
            if options.verbose:
                traceback.print_exception(exc, file=sys.stderr)
            error_line(message)
            raise typer.Exit(code=code) from None

    return wrapper  # type: ignore[return-value]
