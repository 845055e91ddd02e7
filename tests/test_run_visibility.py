"""What a run shows of itself: Prefect state beside the warehouse, artifacts, logs, and the reasons it skipped inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows import artifacts, prefect_env

ROOT = Path(__file__).resolve().parents[1]


def test_prefect_home_follows_the_warehouse_unless_the_user_set_one(monkeypatch, tmp_path):
    monkeypatch.delenv("PREFECT_HOME", raising=False)
    monkeypatch.setattr(prefect_env, "_USER_HOME", None)
    prefect_env.apply()
    assert os.environ["PREFECT_HOME"] == str(Path("warehouse/.prefect").resolve())
    prefect_env.apply(tmp_path / "a" / "w.duckdb")
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "a" / ".prefect")
    assert (tmp_path / "a" / ".prefect").is_dir()
    prefect_env.apply()  # a later import without a warehouse keeps the choice
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "a" / ".prefect")

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "mine"))
    monkeypatch.setattr(prefect_env, "_USER_HOME", None)
    prefect_env.apply(tmp_path / "b" / "w.duckdb")
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "mine")


SUMMARY = {
    "run_id": "20240101T000000Z-abcdef12", "status": "completed", "documents": 12, "documents_loaded": 10,
    "documents_unchanged": 2, "sentences": 80, "events": 30, "events_loaded": 28, "rejected": 1,
    "ingest_errors": 3, "seconds": 4.0, "warehouse": "/data/My Warehouse.duckdb", "model": "m",
    "data_docs": None, "ingest_error_reasons": [("invalid JSON", 2), ("empty file", 1)],
    "report": "/data/report/My Warehouse.html", "warnings": [],
}


def test_summary_table_and_run_line_name_the_reasons():
    rows = {r["measure"]: r["value"] for r in artifacts.summary_table(SUMMARY)}
    assert rows["  invalid JSON"] == "2" and rows["  empty file"] == "1"
    assert rows["documents per second"] == "3.0"
    line = artifacts.run_line(SUMMARY)
    assert "run 20240101T000000Z-abcdef12 completed: 12 documents (10 loaded), 28 events loaded" in line
    assert "3 ingest errors (invalid JSON 2, empty file 1)" in line
    assert line.endswith("; report /data/report/My Warehouse.html")
    assert artifacts._key("run-summary", SUMMARY["warehouse"]) == "my-warehouse-run-summary"


# Reads the state of the warehouse's own Prefect home, as `prefect` commands would.
READ_PREFECT = """
import json, sys
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
from prefect.client.schemas.sorting import FlowRunSort
with get_client(sync_client=True) as client:
    runs = client.read_flow_runs(sort=FlowRunSort.START_TIME_DESC)
    artifacts = {a.key: {"type": a.type, "data": a.data} for a in client.read_artifacts() if a.key}
    logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[runs[0].id])))
    print(json.dumps({
        "runs": [(r.name, r.state_type.value) for r in runs],
        "artifacts": artifacts,
        "logs": [l.message for l in logs],
    }, default=str))
"""


@pytest.mark.slow
def test_run_publishes_artifacts_and_logs_beside_the_warehouse(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("01_summit_pyongyang.txt", "04_sanctions_iran.txt"):
        (corpus / name).write_bytes((ROOT / "corpus" / "sample" / name).read_bytes())
    (corpus / "empty.txt").write_text("")
    (corpus / "bad.jsonl").write_text('{"id": "a", "text": "x"\nnot json\n')
    warehouse = tmp_path / "w" / "events.duckdb"
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_HOME", "PREFECT_API_URL")}
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", "--input", str(corpus), "--warehouse", str(warehouse),
         "--report", str(tmp_path / "report")],
        capture_output=True, text=True, timeout=600, cwd=ROOT, env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert "invalid JSON" in proc.stdout and "empty file" in proc.stdout  # the summary names the reasons
    assert f"report: {tmp_path / 'report' / 'events.html'}" in proc.stdout.splitlines()

    home = tmp_path / "w" / ".prefect"
    assert (home / "prefect.db").is_file()
    state = subprocess.run(
        [sys.executable, "-c", READ_PREFECT], capture_output=True, text=True, timeout=300,
        env={**env, "PREFECT_HOME": str(home)},
    )
    assert state.returncode == 0, state.stderr
    seen = json.loads(state.stdout.strip().splitlines()[-1])
    assert [s for _, s in seen["runs"]] == ["COMPLETED"]  # this warehouse's runs only
    assert set(seen["artifacts"]) == {"events-run-summary", "events-ingest-errors", "events-report"}
    assert seen["artifacts"]["events-run-summary"]["type"] == "table"
    reasons = json.loads(seen["artifacts"]["events-ingest-errors"]["data"])
    assert reasons == [{"reason": "invalid JSON", "inputs skipped": 2}, {"reason": "empty file", "inputs skipped": 1}]
    assert (tmp_path / "report" / "events.html").as_uri() in seen["artifacts"]["events-report"]["data"]
    assert any(m.startswith("batch 0: 2 documents") for m in seen["logs"]), seen["logs"]
    assert any(m.startswith("loaded ") and "in one transaction" in m for m in seen["logs"]), seen["logs"]


def test_make_run_writes_the_report():
    dry = subprocess.run(["make", "-n", "run"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert "dotterel run --input corpus/sample --warehouse warehouse/dotterel.duckdb --report warehouse/report" in dry.stdout


def test_an_ephemeral_run_sends_no_heartbeats_but_a_real_server_keeps_them(monkeypatch) -> None:
    """The ephemeral server dies with its run, so its heartbeats (which cost a run up to a
    second at its end) are off; a PREFECT_API_URL or the user's own frequency keeps Prefect's."""
    from prefect.settings import get_current_settings

    from flows.lifecycle import ephemeral_without_heartbeats

    for key in ("PREFECT_API_URL", "PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY"):
        monkeypatch.delenv(key, raising=False)
    default = get_current_settings().flows.heartbeat_frequency
    assert default is not None
    with ephemeral_without_heartbeats():
        assert get_current_settings().flows.heartbeat_frequency is None
    assert get_current_settings().flows.heartbeat_frequency == default
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    with ephemeral_without_heartbeats():
        assert get_current_settings().flows.heartbeat_frequency == default
    monkeypatch.delenv("PREFECT_API_URL")
    monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "60")
    with ephemeral_without_heartbeats():
        assert get_current_settings().flows.heartbeat_frequency == default
