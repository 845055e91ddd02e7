"""How a `dotterel` process starts, stops and cleans up after itself.

* SIGTERM and SIGHUP raise ``Interrupted`` (a KeyboardInterrupt), so a run
  stopped by a service manager, `kill` or a closed terminal unwinds exactly as
  Ctrl-C does: the load transaction rolls back, the staging area is handled,
  Prefect's ephemeral server is stopped.
* Prefect's ephemeral API server (a uvicorn child process) is started through
  ``flows.server_child``, which stops it when this process dies, even by
  `kill -9`, when no cleanup code runs at all.
* Prefect's console report of a failed task or flow (a traceback per failure)
  is held back unless --verbose: the CLI says what went wrong in one line.
* DuckDB's bindings (nanobind) list "leaked" objects on stderr when the
  interpreter tears down after an error; that says nothing to a user, so
  stderr is closed once every exit handler has run.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from typing import Any, Callable

_FORWARDED = (signal.SIGTERM, signal.SIGHUP)


class Interrupted(KeyboardInterrupt):
    """The process was asked to stop by a signal other than SIGINT."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(f"stopped by {signal.Signals(signum).name}")


def _raise_interrupted(signum: int, frame: Any) -> None:
    # A second signal while the first one unwinds must not break the cleanup.
    for forwarded in _FORWARDED:
        signal.signal(forwarded, signal.SIG_IGN)
    raise Interrupted(signum)


def install_signal_handlers() -> None:
    """SIGTERM and SIGHUP behave like Ctrl-C (main thread only, as Python requires)."""
    for signum in _FORWARDED:
        signal.signal(signum, _raise_interrupted)


def exit_status(exc: KeyboardInterrupt) -> int:
    """The shell convention: 128 + the signal's number (130 for Ctrl-C)."""
    return 128 + (exc.signum if isinstance(exc, Interrupted) else signal.SIGINT)


def say(message: str) -> None:
    """A one-line notice on stderr (progress a user should see, not an error)."""
    print(f"dotterel: {message}", file=sys.stderr, flush=True)


def lock_notice(warehouse: object, lock_timeout: float) -> Callable[[str | None], None]:
    """What a run says, once, when it has to wait for another process's lock."""

    def notice(holder: str | None) -> None:
        who = holder or "another process"
        say(f"warehouse {warehouse} is locked by {who}; waiting up to {lock_timeout:.0f} s (--lock-timeout)")

    return notice


def _close_stderr() -> None:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def silence_leak_warnings_at_exit() -> None:
    """Close stderr after the last exit handler, before module teardown prints to it.

    Exit handlers run last-registered-first, so this must be registered before
    anything else registers one (call it first thing in the CLI's main).
    """
    atexit.register(_close_stderr)


def _freeze_heap() -> None:
    gc.freeze()


def skip_final_collections_at_exit() -> None:
    """Spare a command's exit the garbage collector's passes over its whole heap.

    After a run, the process holds Prefect, Great Expectations, pandas and
    DuckDB: millions of objects, which the interpreter's own teardown walked
    with the cyclic collector for 1.0-1.7 s (measured on `dotterel run` of the
    sample corpus, a fifth of a rerun's command time). ``gc.freeze`` moves the
    objects alive at exit out of the collector's reach: everything is still
    freed by reference counting and every exit handler still runs; only
    reference cycles left at exit are not collected, and the operating system
    frees their memory with the process. For the CLI only (its ``main``).
    """
    atexit.register(_freeze_heap)


class _HideRunFailures(logging.Filter):
    """Drops Prefect's console report of failed flow and task runs (tracebacks)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR:
            return True
        return not record.name.startswith(("prefect.flow_runs", "prefect.task_runs"))


def quiet_prefect_failures(verbose: bool) -> None:
    """Keep failure tracebacks off the console (Prefect's UI and API still get them)."""
    if verbose:
        return
    from prefect.logging.handlers import PrefectConsoleHandler

    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrefectConsoleHandler) and not any(
            isinstance(f, _HideRunFailures) for f in handler.filters
        ):
            handler.addFilter(_HideRunFailures())


class _SupervisedSubprocess:
    """Stands in for the ``subprocess`` module inside Prefect's server module.

    Prefect builds the uvicorn command of its ephemeral server itself; this
    only prefixes it with ``flows.server_child``, which runs the same command
    in the same process and watches this one.
    """

    def __getattr__(self, name: str) -> Any:
        return getattr(subprocess, name)

    @staticmethod
    def Popen(args: Any, *rest: Any, **kwargs: Any) -> subprocess.Popen:  # noqa: N802 - mirrors subprocess
        return subprocess.Popen(supervised_command(list(args)), *rest, **kwargs)


def supervised_command(argv: list[str]) -> list[str]:
    """A ``python -m uvicorn ...`` command run through ``flows.server_child``, watching this process."""
    if argv[1:3] == ["-m", "uvicorn"]:
        return [argv[0], "-m", "flows.server_child", str(os.getpid()), *argv[3:]]
    return argv


def uses_ephemeral_server() -> bool:
    """Whether runs start Prefect's own ephemeral API server (no PREFECT_API_URL names one)."""
    from prefect.settings import PREFECT_API_URL

    return not (os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value())


def supervise_ephemeral_server() -> None:
    """Make Prefect's ephemeral API server die with this process.

    Only needed (and only applied) when no PREFECT_API_URL names a server of
    the user's own; idempotent.
    """
    if not uses_ephemeral_server():
        return
    import prefect.server.api.server as server_module

    if not isinstance(server_module.subprocess, _SupervisedSubprocess):
        server_module.subprocess = _SupervisedSubprocess()


@contextlib.contextmanager
def ephemeral_without_heartbeats() -> Iterator[None]:
    """No flow-run heartbeats when the API server is this process's own ephemeral one.

    Heartbeats let a long-lived server mark a run whose process died as crashed.
    The ephemeral server dies with the run, so there is nobody to tell, and the
    heartbeat thread (Prefect's default: every 180 s) sleeps in one-second steps,
    which costs each run up to a second at its end while the flow waits to join
    it. A PREFECT_API_URL, or a frequency the user set, keeps Prefect's behaviour.
    """
    from prefect.settings import temporary_settings

    user_set = any(os.environ.get(k) for k in ("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY"))
    if user_set or not uses_ephemeral_server():
        yield
        return
    with temporary_settings(updates={"flows.heartbeat_frequency": None}):
        yield
