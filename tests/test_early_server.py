"""Prefect's ephemeral server started at the start of a run (`flows.early_server`).

Each case runs in a fresh Python process, as a `dotterel run` does: the
server Prefect uses is a process-wide singleton, and the point is what a
fresh process does from its first line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"

pytestmark = pytest.mark.slow


def run_python(code: str, tmp_path: Path, **env: str) -> dict:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "prefect"), **env}
    environment.pop("PREFECT_API_URL", None)
    environment.update(env)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=environment, timeout=300
    )
    assert out.returncode == 0, out.stderr[-3000:]
    line = next(l for l in out.stdout.splitlines() if l.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


HAND_OVER = """
import json, os
from flows import early_server
early_server.start_early()
port, process = early_server._EARLY
{break_it}
handed = early_server.hand_over()
from prefect import flow
from prefect.server.api.server import SubprocessASGIServer
@flow
def probe():
    from prefect.client.orchestration import get_client
    with get_client(sync_client=True) as client:
        return str(client.api_url)
api = probe()
server = SubprocessASGIServer()
print("RESULT " + json.dumps({{"handed": handed, "early_port": port, "api": api,
      "early_alive": process.poll() is None, "server_pid": server.server_process.pid, "early_pid": process.pid}}))
"""


def test_the_flow_uses_the_server_started_early(tmp_path):
    result = run_python(HAND_OVER.format(break_it=""), tmp_path)
    assert result["handed"] is True
    assert result["api"].rstrip("/") == f"http://127.0.0.1:{result['early_port']}/api"
    assert result["server_pid"] == result["early_pid"] and result["early_alive"]
    with pytest.raises(ProcessLookupError):  # it stopped with the process that used it
        os.kill(result["early_pid"], 0)


def test_an_early_server_that_died_is_replaced_by_prefects_own(tmp_path):
    broken = "process.kill(); process.wait()"
    result = run_python(HAND_OVER.format(break_it=broken), tmp_path)
    assert result["handed"] is False and not result["early_alive"]
    assert result["server_pid"] != result["early_pid"]
    assert f":{result['early_port']}/" not in result["api"]  # Prefect started a server of its own, and the flow ran


def test_no_early_server_when_a_prefect_api_url_is_set(tmp_path):
    code = (
        "import json\nfrom flows import early_server\nearly_server.start_early()\n"
        "print('RESULT ' + json.dumps(early_server._EARLY is None))\n"
    )
    assert run_python(code, tmp_path, PREFECT_API_URL="http://127.0.0.1:9/api") is True


def test_a_run_hands_its_early_server_to_prefect(tmp_path):
    code = f"""
import json
from flows import early_server
handed = []
original = early_server.hand_over
early_server.hand_over = lambda: handed.append(original()) or handed[-1]
from flows.pipeline import run_pipeline
if __name__ == "__main__":
    summary = run_pipeline([{str(SAMPLE)!r}], warehouse={str(tmp_path / 'w.duckdb')!r}, workers=1)
    print("RESULT " + json.dumps({{"handed": handed, "events": summary["events"]}}))
"""
    result = run_python(code, tmp_path)
    assert result["handed"] == [True] and result["events"] > 0
