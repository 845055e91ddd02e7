"""Run Prefect's ephemeral API server, and stop it when the process that started it dies.

Usage (by ``flows.lifecycle``, never by hand)::

    python -m flows.server_child PARENT_PID UVICORN_ARGS...

Prefect stops its ephemeral server from an exit handler, which never runs when
the run is killed with SIGKILL (or dies of an unhandled SIGTERM); the server,
about 200 MB and a port, then lives on without a parent. A watchdog thread
here waits on the parent (a pidfd, so it sleeps instead of polling), and when
the parent is gone asks uvicorn to shut down with SIGTERM, then exits for good
if that takes more than a few seconds. The parent is watched by PID, not by
the thread that spawned us, so it does not matter which of the parent's
threads started the server (PR_SET_PDEATHSIG would fire when that thread ended).
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading
import time

GRACE_SECONDS = 5.0


def wait_for_exit(pid: int) -> None:
    """Return when process ``pid`` has exited (also used by ``flows.workers``)."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):  # no pidfd (old kernel) or the parent is already gone
        while os.getppid() == pid:
            time.sleep(0.5)
        return
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        while not poller.poll(None):
            pass
    finally:
        os.close(fd)


def _watch(parent: int) -> None:
    wait_for_exit(parent)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(GRACE_SECONDS)
    os._exit(1)


def main(argv: list[str]) -> None:
    parent = int(argv[0])
    if os.getppid() != parent:  # the parent died before we got here
        sys.exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watchdog", daemon=True).start()
    import uvicorn

    uvicorn.main.main(args=argv[1:], prog_name="uvicorn")


if __name__ == "__main__":
    main(sys.argv[1:])
