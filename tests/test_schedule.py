"""`dotterel serve` against a real `prefect server start`: a scheduled run fires and loads the warehouse.

These are the README's scheduled-run steps, run as a user would run them: a
Prefect server on a free loopback port with its own PREFECT_HOME, `dotterel
serve --interval` pointed at it, and nothing else. The run that loads the
warehouse must be one the server's scheduler created (``auto_scheduled``),
not a manual `prefect deployment run`; with SQLAlchemy 2.1 the scheduler
failed with "Can't evaluate bulk DML statement" and no run ever came.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from warehouse.migrate import migrate

ROOT = Path(__file__).resolve().parents[1]
PREFECT = Path(sys.executable).with_name("prefect")
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen) -> None:
    """Ctrl-C the process group, then make sure it is gone."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, 20), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def api(url: str, path: str, body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, headers={"Content-Type": "application/json"},
                                     method="POST" if data is not None else "GET")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def wait_for(check, timeout: float, what: str, every: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise TimeoutError(f"gave up waiting {timeout:.0f} s for {what}")


def events_in(warehouse: Path) -> int | None:
    try:
        conn = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.IOException:  # a load holds the write lock
        return None
    try:
        return conn.execute("SELECT count(*) FROM events").fetchall()[0][0]
    finally:
        conn.close()


def test_a_scheduled_run_fires_and_the_warehouse_grows(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    base = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    server_env = {
        **base,
        "PREFECT_HOME": str(tmp_path / "server-home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        # Look for due schedules every 2 s instead of every minute, to keep the test short.
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
    }
    corpus = tmp_path / "news"
    corpus.mkdir()
    for name in ("01_summit_pyongyang.txt", "06_xi_moscow.txt"):
        (corpus / name).write_bytes((ROOT / "corpus" / "sample" / name).read_bytes())
    warehouse = tmp_path / "w.duckdb"
    conn = duckdb.connect(str(warehouse))
    migrate(conn)  # an empty warehouse: it must grow
    conn.close()
    assert events_in(warehouse) == 0

    server_log = open(tmp_path / "server.log", "w")
    server = subprocess.Popen(
        [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=server_env, stdout=server_log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    serve = None
    try:
        wait_for(lambda: _healthy(url), 180, "prefect server start")
        serve = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "serve", "--input", str(corpus), "--warehouse", str(warehouse),
             "--interval", "20", "--report", str(tmp_path / "report"), "--name", "test-schedule"],
            env={**base, "PREFECT_API_URL": url, "PREFECT_HOME": str(tmp_path / "client-home"),
                 "PREFECT_RUNNER_POLL_FREQUENCY": "2"},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, start_new_session=True,
        )
        completed = wait_for(lambda: _completed_runs(url), 300, "a completed flow run")
        assert all(run["auto_scheduled"] for run in completed), completed  # the scheduler made them
        grown = wait_for(lambda: events_in(warehouse), 60, "the warehouse to be readable")
        assert grown > 0
        deployment = api(url, f"/deployments/{completed[0]['deployment_id']}")
        assert deployment["name"] == "test-schedule"
        assert [s["schedule"]["interval"] for s in deployment["schedules"]] == [20.0]
    finally:
        if serve is not None:
            stop(serve)
        stop(server)
        server_log.close()
    output = serve.stdout.read()
    assert "serving dotterel-extract/test-schedule (every 20 s)" in output
    lines = [line for line in output.splitlines() if " completed: " in line]
    assert lines, output
    assert "2 documents" in lines[0] and f"report {tmp_path / 'report' / 'w.html'}" in lines[0]
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert conn.execute("SELECT count(*) FROM runs WHERE status = 'completed'").fetchall()[0][0] >= 1
    finally:
        conn.close()


def _healthy(url: str) -> bool:
    try:
        return api(url, "/health") is True
    except OSError:
        return False


def _completed_runs(url: str) -> list[dict]:
    runs = api(url, "/flow_runs/filter", {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}})
    return runs
