"""After the data commits, a report or Data Docs that cannot be written is a warning, never a failed run."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.publish import publish_outputs

ROOT = Path(__file__).resolve().parents[1]


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_failed_writes_become_warnings(tmp_path):
    docs = tmp_path / "docs"
    for name in ("20240101T000000Z-aaaaaaaa", "20240102T000000Z-bbbbbbbb"):
        (docs / name).mkdir(parents=True)
        (docs / name / "index.html").write_text("old site")
    published = publish_outputs(
        run_id="20240103T000000Z-cccccccc", warehouse=tmp_path / "w.duckdb", gx_results=[object()],
        data_docs_dir=docs, keep_data_docs=1, report_dir=tmp_path / "report",
        write_data_docs=disk_full, write_report=disk_full,
    )
    assert published.data_docs is None and published.report is None
    assert published.warnings == [
        "validation report (Data Docs) not written: OSError: [Errno 28] No space left on device",
        "report not written: OSError: [Errno 28] No space left on device",
    ]
    assert [p.name for p in docs.iterdir()] == ["20240102T000000Z-bbbbbbbb"]  # pruning still ran


def test_keep_zero_writes_no_data_docs(tmp_path):
    calls = []
    published = publish_outputs(
        run_id="r", warehouse=tmp_path / "w.duckdb", gx_results=[object()], data_docs_dir=tmp_path / "docs",
        keep_data_docs=0, write_data_docs=lambda *a: calls.append(a), write_report=disk_full,
    )
    assert calls == [] and published.warnings == [] and published.data_docs is None


@pytest.fixture
def full_disk(tmp_path):
    """A 256 KiB tmpfs: the report (about 5 MB) and Data Docs (GX writes about 4 MB before they are trimmed) cannot fit."""
    mount = tmp_path / "full"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.slow
def test_run_whose_data_committed_exits_0_when_the_disk_is_full(tmp_path, full_disk):
    warehouse = tmp_path / "w.duckdb"
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", "--input", str(ROOT / "corpus" / "sample"),
         "--warehouse", str(warehouse), "--report", str(full_disk / "report"),
         "--data-docs", str(full_disk / "docs"), "--json"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["report"] is None and summary["data_docs"] is None
    assert any(w.startswith("report not written: OSError: [Errno 28]") for w in summary["warnings"])
    assert any(w.startswith("validation report (Data Docs) not written:") for w in summary["warnings"])
    assert "dotterel: warning: report not written: OSError: [Errno 28] No space left on device" in proc.stderr
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert conn.execute("SELECT status, events FROM runs").fetchall() == [("completed", summary["events_loaded"])]
        assert conn.execute("SELECT count(*) FROM events").fetchall() == [(summary["events_loaded"],)]
    finally:
        conn.close()
    assert summary["events_loaded"] > 0
