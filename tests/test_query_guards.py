"""`dotterel query` is read-only for real: every hostile query is refused in one line.

Each attack is one an analyst could paste without reading it: it writes a file,
overwrites the warehouse, empties another warehouse, reads the machine, reaches
the network or switches the guards off. The warehouse and the other files must
be byte-for-byte as they were afterwards.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.connect import connect_read_only, connect_read_write
from warehouse.migrate import migrate
from warehouse.query import QueryRefused, run_query

ROOT = Path(__file__).resolve().parents[1]
DOTTEREL = [sys.executable, "-m", "flows.cli"]


def make_warehouse(path: Path, events: int) -> Path:
    conn = connect_read_write(path)
    try:
        migrate(conn)
        conn.execute("INSERT INTO documents (doc_id, text) VALUES ('d1', 'Iran fired missiles at Israel.')")
        conn.execute(
            "INSERT INTO events (event_id, doc_id, cameo_code) SELECT 'e' || i, 'd1', '190' FROM range($1) t(i)",
            [events],
        )
    finally:
        conn.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def warehouses(tmp_path: Path) -> tuple[Path, Path]:
    return make_warehouse(tmp_path / "w.duckdb", 3), make_warehouse(tmp_path / "other.duckdb", 5)


def attacks(tmp: Path, warehouse: Path, other: Path) -> list[tuple[str, str]]:
    return [
        ("copy to a file", f"COPY events TO '{tmp / 'stolen.csv'}'"),
        ("copy over the warehouse", f"COPY (SELECT 1 AS x) TO '{warehouse}' (FORMAT parquet)"),
        ("export database", f"EXPORT DATABASE '{tmp / 'dump'}'"),
        ("attach another warehouse and delete", f"ATTACH '{other}' AS o (READ_WRITE); DELETE FROM o.events"),
        ("read a system file", "SELECT * FROM read_text('/etc/passwd')"),
        ("read a file as CSV", "SELECT * FROM read_csv('/etc/passwd', sep = ':')"),
        ("list the machine", "SELECT * FROM glob('/root/**')"),
        ("install an extension", "INSTALL httpfs"),
        ("load an extension", "LOAD httpfs"),
        ("read over the network", "SELECT * FROM read_parquet('https://example.com/x.parquet')"),
        ("switch the guard off", "SET enable_external_access = true"),
        ("unlock the configuration", "SET lock_configuration = false"),
        ("reset the guard", "RESET enable_external_access"),
        ("delete rows", "DELETE FROM events"),
        ("drop a table", "DROP TABLE events"),
    ]


def test_every_attack_is_refused_in_one_line_and_changes_nothing(warehouses, tmp_path: Path) -> None:
    warehouse, other = warehouses
    before = {p: digest(p) for p in (warehouse, other)}
    for name, sql in attacks(tmp_path, warehouse, other):
        out = subprocess.run(
            DOTTEREL + ["query", sql, "--warehouse", str(warehouse)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )
        lines = [line for line in out.stderr.splitlines() if line.strip()]
        assert out.returncode == 1, (name, out.stdout, out.stderr)
        assert len(lines) == 1 and lines[0].startswith("dotterel: query refused"), (name, out.stderr)
        assert "Traceback" not in out.stderr and out.stdout == "", name
        assert {p: digest(p) for p in (warehouse, other)} == before, f"{name} changed a warehouse"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.duckdb", "w.duckdb"]
    conn = duckdb.connect(str(other), read_only=True)
    assert conn.execute("SELECT count(*) FROM events").fetchone() == (5,)
    conn.close()


def test_ordinary_queries_still_work(warehouses) -> None:
    warehouse, _ = warehouses
    out = subprocess.run(
        DOTTEREL + ["query", "SELECT cameo_code, count(*) AS n FROM events GROUP BY ALL", "-w", str(warehouse), "-f", "csv"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["cameo_code,n", "190,3"]
    scratch = subprocess.run(
        DOTTEREL + [
            "query",
            "CREATE TEMP MACRO twice(x) AS x * 2; CREATE TEMP TABLE t AS SELECT twice(count(*)) AS n FROM events; "
            "SELECT n FROM t",
            "-w", str(warehouse), "-f", "csv",
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert scratch.returncode == 0, scratch.stderr
    assert scratch.stdout.splitlines() == ["n", "6"]


def test_a_mistake_is_a_failure_not_a_refusal(warehouses) -> None:
    warehouse, _ = warehouses
    out = subprocess.run(
        DOTTEREL + ["query", "SELECT no_such_column FROM events", "-w", str(warehouse)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert out.returncode == 1 and len(lines) == 1
    assert lines[0].startswith("dotterel: query failed: Binder Error") and "no_such_column" in lines[0]


def test_every_read_only_connection_carries_the_guards(warehouses, tmp_path: Path) -> None:
    """Other read paths (actors, reports, notebooks using connect_read_only) get the same guards."""
    warehouse, other = warehouses
    conn = connect_read_only(warehouse)
    try:
        for name, sql in attacks(tmp_path, warehouse, other):
            with pytest.raises(QueryRefused):
                run_query(conn, sql)
        settings = dict(conn.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN "
            "('enable_external_access', 'autoload_known_extensions', 'autoinstall_known_extensions', 'lock_configuration')"
        ).fetchall())
        assert settings == {
            "enable_external_access": "false",
            "autoload_known_extensions": "false",
            "autoinstall_known_extensions": "false",
            "lock_configuration": "true",
        }
        assert run_query(conn, "SELECT count(*) AS n FROM events").item() == 3
    finally:
        conn.close()
