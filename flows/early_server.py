"""Prefect's ephemeral API server, started when a run starts rather than when its flow is called.

Why: the ephemeral server is a uvicorn process that spends about 2.8 s
importing Prefect's server before it answers. Prefect starts it at the flow's
first API call, and only after the run's own process has imported the same
server module (another second or so) to build the object that starts it, so
the two imports run one after the other, and a rerun with nothing to parse
spends most of its time waiting for them. Here the run spawns the very same
command (through ``flows.server_child``, so it dies with the run) before
anything else, and hands it to Prefect just before the flow, as the server
Prefect would have started: the two imports overlap on two cores.

If the early server cannot be used (it exited, or Prefect already has a
server of its own), Prefect starts one as it always does. Nothing here runs
when ``PREFECT_API_URL`` names a server.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket
import subprocess
import sys
import time

from flows.lifecycle import supervised_command, uses_ephemeral_server

_EARLY: "tuple[int, subprocess.Popen] | None" = None


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(port: int) -> list[str]:
    """Prefect's own ephemeral-server command (``SubprocessASGIServer``), watched by ``flows.server_child``."""
    import prefect

    return supervised_command([
        sys.executable, "-m", "uvicorn",
        "--app-dir", str(prefect.__module_path__.parent),
        "--factory", "prefect.server.api.server:create_app",
        "--host", "127.0.0.1", "--port", str(port),
        "--log-level", "error", "--lifespan", "on",
    ])


def start_early() -> None:
    """Spawn the ephemeral server now, unless runs use a server of the user's (idempotent)."""
    global _EARLY
    if _EARLY is not None or not uses_ephemeral_server() or _prefect_has_one():
        return
    from prefect.settings import get_current_settings

    port = _free_port()
    env = {
        **os.environ,
        # what Prefect sets for its ephemeral server: no UI, ephemeral services only
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
        **get_current_settings().to_environment_variables(exclude_unset=True),
    }
    _EARLY = (port, subprocess.Popen(server_command(port), env=env))


def _prefect_has_one() -> bool:
    """Whether this process already runs Prefect's ephemeral server (an earlier run in it started one).

    Looked up without importing Prefect's server module: if it is not imported, no server was started.
    """
    module = sys.modules.get("prefect.server.api.server")
    server = module and module.SubprocessASGIServer._instances.get(None)
    return bool(server and server.running)


def hand_over() -> bool:
    """Make the early server Prefect's ephemeral server, once it answers; whether it did.

    Called just before the flow. On False, Prefect starts its own server as usual.
    """
    global _EARLY
    if _EARLY is None:
        return False
    port, process = _EARLY
    _EARLY = None
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

    server = SubprocessASGIServer()
    if server.running or not _answers(port, process, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()):
        _stop(process)
        return False
    server.port = port
    server.server_process = process
    server.running = True
    atexit.register(server.stop)  # as Prefect's own start() does
    return True


def discard() -> None:
    """Stop an early server no flow will use (the run failed before its flow started)."""
    global _EARLY
    if _EARLY is not None:
        _stop(_EARLY[1])
        _EARLY = None


def _answers(port: int, process: subprocess.Popen, timeout: float) -> bool:
    """Wait until the server's health check answers 200; False if it exits or the time runs out."""
    import httpx

    deadline = time.monotonic() + timeout
    with httpx.Client() as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            try:
                if client.get(f"http://127.0.0.1:{port}/api/health").status_code == 200:
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
    return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
