"""--dask: batch tasks on a Dask distributed cluster give the warehouse a local run gives.

The test starts a LocalCluster of 2 worker processes in this process, runs
the flow on it through prefect-dask's DaskTaskRunner, and compares every
document and event with a run of the same corpus on this machine's workers.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.pipeline import run_pipeline

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"

pytestmark = pytest.mark.slow

CONTENT = {
    "documents": "SELECT * EXCLUDE (run_id) FROM documents ORDER BY doc_id",
    "events": "SELECT * EXCLUDE (run_id) FROM events ORDER BY event_id",
    "rejected_events": "SELECT * EXCLUDE (run_id) FROM rejected_events ORDER BY event_id",
}


def warehouse_content(path: Path) -> dict[str, list]:
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in CONTENT.items()}
    finally:
        conn.close()


def test_a_run_on_a_local_dask_cluster_loads_what_a_local_run_loads(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    local = tmp_path / "local.duckdb"
    run_pipeline([SAMPLE], warehouse=str(local), workers=1, batch_size=3)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = tmp_path / "dask.duckdb"
        summary = run_pipeline([SAMPLE], warehouse=str(on_dask), dask_address=cluster.scheduler_address, batch_size=3)
        with Client(cluster) as client:
            cluster_workers = set(client.run(lambda: __import__("os").getpid()).values())
    assert summary["documents_loaded"] == 10 and summary["events_loaded"] > 0
    assert summary["worker_processes"] == 2  # both Dask workers parsed batches
    assert {int(w.rsplit(":", 1)[1]) for w in summary["batch_workers"]} <= cluster_workers
    assert warehouse_content(on_dask) == warehouse_content(local)
