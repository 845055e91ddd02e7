"""What a locked warehouse, a signal, a `kill -9` and a full TMPDIR do to a run.

Every test drives the real `dotterel` command in its own process, with a real
second process holding the warehouse where a lock matters, and real signals.
The README's "Reliability" section names these tests.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows import staging
from warehouse.connect import WarehouseLocked, connect_read_write
from warehouse.loader import record_failed_run
from warehouse.migrate import latest_version, migrate

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"
DOTTEREL = [sys.executable, "-m", "flows.cli"]
BATCHES = 5  # the sample's 10 documents at --batch-size 2


# --------------------------------------------------------------------------- helpers


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DOTTEREL_STAGING_DIR": str(tmp_path / "staging"), "COLUMNS": "200"}
    env.update(extra)
    return env


def run_cmd(args: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(DOTTEREL + args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def start_run(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(DOTTEREL + args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def areas(tmp_path: Path) -> list[Path]:
    root = tmp_path / "staging"
    return sorted(root.glob("run-*")) if root.exists() else []


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def process_state(pid: int) -> str | None:
    """'R', 'S', ... for a live process; None when gone (a zombie is gone: no memory, no port)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state = stat.rsplit(")", 1)[1].split()[0]
    return None if state in ("Z", "X") else state


def children(run_pid: int, marker: bytes) -> list[int]:
    """Live child processes of ``run_pid`` whose command line contains ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == run_pid and marker in cmdline:
            found.append(int(entry.name))
    return found


def server_child(run_pid: int) -> int | None:
    """The ephemeral Prefect server the run started, if it is up."""
    return next(iter(children(run_pid, b"flows.server_child")), None)


def parse_workers(run_pid: int) -> list[int]:
    """The run's parse worker processes (multiprocessing children)."""
    return children(run_pid, b"multiprocessing")


def first_batch_staged(tmp_path: Path) -> bool:
    return any((area / "batch-000000").is_dir() for area in areas(tmp_path))


HOLDER = """
import duckdb, sys, time
conn = duckdb.connect(sys.argv[1], read_only=True)
print("holding", flush=True)
sys.stdin.read()  # until the test closes our stdin
"""

HOLDER_ON_FIRST_BATCH = """
import duckdb, glob, sys, time
while not glob.glob(sys.argv[2] + "/run-*/batch-000000"):
    time.sleep(0.02)
conn = duckdb.connect(sys.argv[1], read_only=True)
print("holding", flush=True)
sys.stdin.read()
"""


def hold(warehouse: Path, *extra: str, script: str = HOLDER) -> subprocess.Popen:
    """A second process with a read_only connection, as a BI tool keeps one."""
    return subprocess.Popen(
        [sys.executable, "-c", script, str(warehouse), *extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )


def release(holder: subprocess.Popen) -> None:
    holder.stdin.close()
    holder.wait(timeout=30)


def new_warehouse(path: Path) -> Path:
    conn = connect_read_write(path)
    migrate(conn)
    conn.close()
    return path


def count(warehouse: Path, sql: str):
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# --------------------------------------------------------------------------- locked warehouse


@pytest.mark.slow
def test_locked_warehouse_stops_the_run_before_parsing(tmp_path: Path) -> None:
    warehouse = new_warehouse(tmp_path / "w.duckdb")
    holder = hold(warehouse)
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        out = run_cmd(["run", "-i", str(SAMPLE), "-w", str(warehouse), "--lock-timeout", "2"], env_for(tmp_path))
        elapsed = time.monotonic() - started
    finally:
        release(holder)
    lines = error_lines(out.stderr)
    assert out.returncode == 75, out.stderr
    assert len(lines) == 2, out.stderr
    assert "is locked by PID" in lines[0] and "waiting up to 2 s" in lines[0]
    assert lines[1].startswith("dotterel: error: warehouse") and f"PID {holder.pid}" in lines[1]
    assert elapsed < 15, "the run must give up before loading a model or starting Prefect"
    assert areas(tmp_path) == []


@pytest.mark.slow
def test_run_waits_for_a_reader_to_leave_then_loads(tmp_path: Path) -> None:
    warehouse = new_warehouse(tmp_path / "w.duckdb")
    holder = hold(warehouse)
    assert holder.stdout.readline().strip() == "holding"
    run = start_run(["run", "-i", str(SAMPLE), "-w", str(warehouse), "--json"], env_for(tmp_path))
    try:
        time.sleep(4)
        assert run.poll() is None, "the run must wait, not fail"
    finally:
        release(holder)
    stdout, stderr = run.communicate(timeout=300)
    assert run.returncode == 0, stderr
    assert "waiting up to 60 s (--lock-timeout)" in stderr
    assert '"documents_loaded": 10' in stdout
    assert count(warehouse, "SELECT count(*) FROM documents") == [(10,)]


def defer_load(tmp_path: Path, warehouse: Path, corpus: Path) -> subprocess.CompletedProcess:
    """A run whose load finds the warehouse held by a reader that arrived during parsing."""
    holder = hold(warehouse, str(tmp_path / "staging"), script=HOLDER_ON_FIRST_BATCH)
    try:
        out = run_cmd(
            ["run", "-i", str(corpus), "-w", str(warehouse), "--batch-size", "2", "--lock-timeout", "2"],
            env_for(tmp_path),
        )
    finally:
        release(holder)
    return out


@pytest.mark.slow
def test_locked_load_keeps_the_batches_and_the_next_run_loads_them_without_parsing(tmp_path: Path) -> None:
    warehouse = new_warehouse(tmp_path / "w.duckdb")
    out = defer_load(tmp_path, warehouse, SAMPLE)
    assert out.returncode == 75, out.stderr
    lines = error_lines(out.stderr)
    assert "nanobind" not in out.stderr and "Traceback" not in out.stderr
    assert lines[0].startswith("dotterel: warehouse") and "waiting up to 2 s" in lines[0]
    assert lines[1].startswith("dotterel: could not record the failed run") and "locked by PID" in lines[1]
    [area] = areas(tmp_path)
    assert lines[2].startswith("dotterel: error:") and str(area) in lines[2] and "run the same command again" in lines[2]
    assert len(lines) == 3, out.stderr
    assert (area / "RESUMABLE").is_file()
    assert len(list(area.glob("batch-*"))) == BATCHES
    assert count(warehouse, "SELECT count(*) FROM documents") == [(0,)]

    again = run_cmd(
        ["run", "-i", str(SAMPLE), "-w", str(warehouse), "--batch-size", "2", "--json"], env_for(tmp_path)
    )
    assert again.returncode == 0, again.stderr
    assert f'"batches_resumed": {BATCHES}' in again.stdout and '"documents_loaded": 10' in again.stdout
    assert count(warehouse, "SELECT count(*) FROM documents") == [(10,)]
    [(run_id,)] = count(warehouse, "SELECT run_id FROM runs WHERE status = 'completed'")
    assert count(warehouse, "SELECT DISTINCT run_id FROM events") == [(run_id,)]
    assert areas(tmp_path) == [], "staging is removed once loaded"


@pytest.mark.slow
def test_a_changed_input_is_parsed_again_not_loaded_from_staging(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    warehouse = new_warehouse(tmp_path / "w.duckdb")
    assert defer_load(tmp_path, warehouse, corpus).returncode == 75
    edited = corpus / "04_sanctions_iran.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nJapan condemned Iran on Monday.\n", encoding="utf-8")

    again = run_cmd(["run", "-i", str(corpus), "-w", str(warehouse), "--batch-size", "2", "--json"], env_for(tmp_path))
    assert again.returncode == 0, again.stderr
    assert f'"batches_resumed": {BATCHES - 1}' in again.stdout
    [(text,)] = count(warehouse, "SELECT text FROM documents WHERE doc_id = '04_sanctions_iran.txt'")
    assert text.endswith("Japan condemned Iran on Monday.\n")


def test_recording_a_failed_run_never_waits_long(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    duckdb.connect(str(warehouse)).close()
    holder = hold(warehouse)
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        with pytest.raises(WarehouseLocked, match=f"locked by PID {holder.pid}"):
            record_failed_run(warehouse, {"run_id": "r1"}, "boom")
        assert time.monotonic() - started < 5
    finally:
        release(holder)


# --------------------------------------------------------------------------- signals and kills


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_stop_a_run_like_ctrl_c(tmp_path: Path, signum: int) -> None:
    warehouse = new_warehouse(tmp_path / "w.duckdb")
    run = start_run(["run", "-i", str(SAMPLE), "-w", str(warehouse), "--batch-size", "2"], env_for(tmp_path))
    server = wait_for(lambda: server_child(run.pid), 120, "the ephemeral Prefect server")
    wait_for(lambda: first_batch_staged(tmp_path), 120, "the first staged batch")
    run.send_signal(signum)
    _, stderr = run.communicate(timeout=60)
    name = signal.Signals(signum).name
    assert run.returncode == 128 + signum, stderr
    assert error_lines(stderr) == [f"dotterel: error: stopped by {name}"]
    wait_for(lambda: process_state(server) is None, 10, "the Prefect server to stop")
    assert areas(tmp_path) == []
    assert count(warehouse, "SELECT count(*) FROM documents") == [(0,)]
    assert count(warehouse, "SELECT status, error FROM runs") == [("failed", f"stopped by {name}")]


@pytest.mark.slow
def test_kill_9_leaves_no_server_or_worker_behind_and_the_next_run_resumes(tmp_path: Path) -> None:
    warehouse = new_warehouse(tmp_path / "w.duckdb")
    args = ["run", "-i", str(SAMPLE), "-w", str(warehouse), "--batch-size", "2", "--json"]
    run = start_run(args, env_for(tmp_path))
    server = wait_for(lambda: server_child(run.pid), 120, "the ephemeral Prefect server")
    wait_for(lambda: first_batch_staged(tmp_path), 120, "the first staged batch")
    workers = parse_workers(run.pid)
    assert workers, "the run parses in worker processes"
    run.kill()
    run.communicate(timeout=30)
    wait_for(lambda: process_state(server) is None, 10, "the orphaned Prefect server to stop")
    wait_for(lambda: all(process_state(w) is None for w in workers), 10, "the orphaned parse workers to stop")
    [area] = areas(tmp_path)
    assert not (area / "RESUMABLE").exists()

    again = run_cmd(args, env_for(tmp_path))
    assert again.returncode == 0, again.stderr
    assert '"batches_resumed": 0' not in again.stdout and '"documents_loaded": 10' in again.stdout
    assert areas(tmp_path) == []


def _lock_in_another_process(area: Path) -> subprocess.Popen:
    script = (
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
        "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(area / ".lock")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_stale_staging_of_dead_runs_is_removed_but_live_and_resumable_staging_stays(tmp_path: Path) -> None:
    root = tmp_path / "staging"
    dead, live, kept, expired = (root / f"run-{name}" for name in ("dead", "live", "kept", "expired"))
    for area in (dead, live, kept, expired):
        (area / "batch-000000").mkdir(parents=True)
        (area / ".lock").touch()
    (kept / "RESUMABLE").write_text("{}")
    (expired / "RESUMABLE").write_text("{}")
    old = time.time() - (staging.RESUMABLE_DAYS + 1) * 86400
    os.utime(expired / "RESUMABLE", (old, old))
    holder = _lock_in_another_process(live)
    try:
        area = staging.StagingArea.open("mine", root=root)
        assert sorted(p.name for p in root.iterdir()) == ["run-kept", "run-live", "run-mine"]
        area.remove()
    finally:
        release(holder)


def test_the_same_command_twice_at_once_gets_a_private_area(tmp_path: Path) -> None:
    root = tmp_path / "staging"
    (root / "run-k").mkdir(parents=True)
    holder = _lock_in_another_process(root / "run-k")
    try:
        area = staging.StagingArea.open("k", root=root)
        assert area.path.name.startswith("run-k-") and not area.resumable
        area.close()
        assert not area.path.exists()
    finally:
        release(holder)


def test_a_dead_runs_unfinished_batch_is_cleared_when_its_area_is_reused(tmp_path: Path) -> None:
    root = tmp_path / "staging"
    work = root / "run-k" / ".work-000003-abcd"
    work.mkdir(parents=True)
    area = staging.StagingArea.open("k", root=root)
    assert not work.exists() and area.path == root / "run-k"
    area.remove()


# --------------------------------------------------------------------------- staging errors


def test_unwritable_staging_is_named_in_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    out = run_cmd(
        ["run", "-i", str(SAMPLE / "01_summit_pyongyang.txt"), "-w", str(tmp_path / "w.duckdb")],
        env_for(tmp_path, DOTTEREL_STAGING_DIR=str(blocker / "staging")),
    )
    lines = error_lines(out.stderr)
    assert out.returncode == 1 and len(lines) == 1, out.stderr
    assert f"cannot write the staging area {blocker / 'staging'}" in lines[0]
    assert "DOTTEREL_STAGING_DIR" in lines[0]


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True).returncode == 0


@pytest.mark.slow
def test_full_tmpdir_is_named_in_one_line(tmp_path: Path) -> None:
    tmpdir = tmp_path / "tmp"
    if not _mount_tmpfs(tmpdir, "1m"):
        pytest.skip("needs root to mount a small tmpfs as a full TMPDIR")
    try:
        fd = os.open(tmpdir / "filler", os.O_WRONLY | os.O_CREAT)
        try:  # fill it up, then leave room for the staging folders but not for a batch
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            os.ftruncate(fd, os.fstat(fd).st_size - 40 * 1024)
        finally:
            os.close(fd)
        env = env_for(tmp_path, TMPDIR=str(tmpdir))
        del env["DOTTEREL_STAGING_DIR"]
        out = run_cmd(["run", "-i", str(SAMPLE), "-w", str(tmp_path / "w.duckdb")], env)
    finally:
        subprocess.run(["umount", str(tmpdir)], check=False)
    lines = error_lines(out.stderr)
    assert out.returncode == 1 and len(lines) == 1, out.stderr
    assert f"cannot write the staging area {tmpdir}/dotterel-staging-{os.getuid()}" in lines[0]
    assert f"TMPDIR={tmpdir}" in lines[0] and "No space left on device" in lines[0]


# --------------------------------------------------------------------------- warehouse checks before work


@pytest.fixture
def newer_warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "newer.duckdb"
    conn = duckdb.connect(str(path))
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ, description VARCHAR)")
    conn.execute("INSERT INTO schema_version VALUES (999, now(), 'from the future')")
    conn.close()
    return path


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n")
    return path


COMMANDS = {
    "run": ["run", "-i", str(SAMPLE)],
    "query": ["query", "SELECT 1"],
    "export": ["export", "--out", "{tmp}/export"],
    "actors": ["actors"],
    "serve": ["serve", "-i", str(SAMPLE), "--cron", "0 * * * *"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(
    ("which", "message"),
    [("newer_warehouse", "is newer than this Dotterel"), ("text_file", "it is not a DuckDB database file")],
)
def test_every_command_refuses_a_bad_warehouse_at_once(command, which, message, request, tmp_path: Path) -> None:
    warehouse = request.getfixturevalue(which)
    before = warehouse.read_bytes()
    args = [a.replace("{tmp}", str(tmp_path)) for a in COMMANDS[command]]
    started = time.monotonic()
    out = run_cmd([*args, "--warehouse", str(warehouse)], env_for(tmp_path))
    lines = error_lines(out.stderr)
    assert out.returncode == 2, out.stderr
    assert len(lines) == 1 and message in lines[0], out.stderr
    assert time.monotonic() - started < 20, "refused before any extraction"
    assert warehouse.read_bytes() == before
    assert areas(tmp_path) == []


@pytest.mark.parametrize("where", ["/proc/dotterel.duckdb", "{tmp}/file/dotterel.duckdb"])
def test_a_warehouse_that_cannot_be_created_is_refused_before_parsing(where: str, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    out = run_cmd(["run", "-i", str(SAMPLE), "-w", where.replace("{tmp}", str(tmp_path))], env_for(tmp_path))
    lines = error_lines(out.stderr)
    assert out.returncode == 2 and len(lines) == 1, out.stderr
    assert lines[0].startswith("dotterel: error: cannot use ") and "as the warehouse" in lines[0]


def test_a_read_only_warehouse_is_refused_before_parsing(tmp_path: Path) -> None:
    mount = tmp_path / "ro"
    if not _mount_tmpfs(mount, "8m"):
        pytest.skip("needs root to mount a read-only file system")
    try:
        conn = duckdb.connect(str(mount / "w.duckdb"))
        conn.close()
        assert subprocess.run(["mount", "-o", "remount,ro", str(mount)], capture_output=True).returncode == 0
        out = run_cmd(["run", "-i", str(SAMPLE), "-w", str(mount / "w.duckdb")], env_for(tmp_path))
    finally:
        subprocess.run(["umount", str(mount)], check=False)
    lines = error_lines(out.stderr)
    assert out.returncode == 2 and len(lines) == 1, out.stderr
    assert "as the warehouse" in lines[0] and "Read-only file system" in lines[0]


def test_verbose_shows_the_traceback(text_file: Path, tmp_path: Path) -> None:
    quiet = run_cmd(["export", "--out", str(tmp_path / "x"), "-w", str(text_file)], env_for(tmp_path))
    loud = run_cmd(["-v", "export", "--out", str(tmp_path / "x"), "-w", str(text_file)], env_for(tmp_path))
    assert "Traceback" not in quiet.stderr and quiet.returncode == 2
    assert "Traceback (most recent call last)" in loud.stderr and loud.returncode == 2
    assert error_lines(loud.stderr)[-1] == error_lines(quiet.stderr)[0]


UPGRADE_ON_FIRST_BATCH = """
import duckdb, glob, sys, time
while not glob.glob(sys.argv[2] + "/run-*/batch-000000"):
    time.sleep(0.02)
conn = duckdb.connect(sys.argv[1])
conn.execute("INSERT INTO schema_version VALUES (999, now(), 'a newer Dotterel')")
conn.close()
"""


@pytest.mark.slow
def test_a_warehouse_upgraded_during_the_run_is_refused_in_one_line_without_leak_noise(tmp_path: Path) -> None:
    """The load re-checks the schema; DuckDB's binding-leak report at exit never reaches the user."""
    warehouse = new_warehouse(tmp_path / "w.duckdb")
    upgrader = subprocess.Popen([sys.executable, "-c", UPGRADE_ON_FIRST_BATCH, str(warehouse), str(tmp_path / "staging")])
    out = run_cmd(["run", "-i", str(SAMPLE), "-w", str(warehouse), "--batch-size", "2"], env_for(tmp_path))
    upgrader.wait(timeout=30)
    assert out.returncode == 2, out.stderr
    assert "nanobind" not in out.stderr and "Traceback" not in out.stderr
    too_new = f"warehouse schema v999 is newer than this Dotterel (v{latest_version()}); upgrade Dotterel"
    assert error_lines(out.stderr) == [
        f"dotterel: could not record the failed run in {warehouse}: {too_new}",
        f"dotterel: error: {too_new}",
    ]


def test_cli_exit_skips_the_final_collections_after_the_handlers_it_follows():
    """`dotterel`'s exit freezes the heap (no 1-1.7 s of GC passes), after the handlers registered later run."""
    code = (
        "import atexit, gc, sys\n"
        "from flows import lifecycle\n"
        "atexit.register(lambda: print('earlier', gc.get_freeze_count() > 0, flush=True))\n"
        "lifecycle.skip_final_collections_at_exit()\n"
        "atexit.register(lambda: print('later', gc.get_freeze_count() > 0, flush=True))\n"
        "sys.exit(3)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 3, out.stderr
    assert out.stdout.split() == ["later", "False", "earlier", "True"]
