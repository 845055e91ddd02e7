"""Export: Parquet per table/view, partitioned events, the DuckDB 1.x snapshot, SQLAlchemy access.

The snapshot's readability by DuckDB 1.x is checked against a real 1.x reader
only when DOTTEREL_DUCKDB1_PYTHON names a Python interpreter whose ``duckdb``
is 1.x (e.g. a throwaway venv with ``pip install 'duckdb<2' pytz``); this
venv's DuckDB is 2.x, so otherwise that part is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pytest

from schemas.frames import DOCUMENTS, EVENTS, INGEST_ERRORS, REJECTED_EVENTS, VALIDATION_RESULTS, conform
from warehouse.connect import sqlalchemy_url
from warehouse.export import SNAPSHOT_NAME, export_warehouse
from warehouse.loader import StagedRun, load_run

TABLES = ("documents", "events", "rejected_events", "ingest_errors", "validation_results", "runs",
          "schema_version", "country_codes")
VIEWS = ("event_mentions", "dyad_daily", "events_gdelt", "mentions_gdelt", "actor_network", "country_month")


def _parquet(path: Path, rows: list[dict], schema: dict) -> Path:
    conform(rows, schema).write_parquet(path)
    return path


def _event(event_id: str, doc_id: str, event_date: date | None, **fields) -> dict:
    return {
        "event_id": event_id, "doc_id": doc_id, "sentence_index": 0,
        "source_text": "Russia", "source_code": "RUS", "source_country": "RUS",
        "target_text": "Ukraine", "target_code": "UKR", "target_country": "UKR",
        "cameo_code": "190", "cameo_root": "19", "quad_class": 4, "goldstein": -10.0,
        "event_date": event_date, "run_id": "r1", **fields,
    }


def load_sample(tmp_path: Path, path: Path, run_id: str = "r1", extra: int = 0) -> None:
    staging = tmp_path / f"staging-{run_id}"
    staging.mkdir()
    docs = [
        {"doc_id": f"{run_id}-d{i}", "source": src, "url": f"https://x/{run_id}/{i}",
         "content_sha256": hashlib.sha256(f"{run_id}{i}".encode()).hexdigest(),
         "extractor_version": "1.0.0", "run_id": run_id}
        for i, src in enumerate(["AP", "Reuters"])
    ]
    events = [
        _event(f"{run_id}-e1", f"{run_id}-d0", date(2024, 1, 5), run_id=run_id),
        _event(f"{run_id}-e2", f"{run_id}-d1", date(2024, 1, 5), run_id=run_id),
        _event(f"{run_id}-e3", f"{run_id}-d1", date(2024, 2, 9), cameo_code="040", quad_class=1,
               goldstein=1.0, run_id=run_id),
        _event(f"{run_id}-e4", f"{run_id}-d1", None, run_id=run_id),
        *[_event(f"{run_id}-x{i}", f"{run_id}-d0", date(2023, 12, 1), run_id=run_id) for i in range(extra)],
    ]
    load_run(
        path,
        StagedRun(
            run={"run_id": run_id, "started_at": datetime.now(timezone.utc)},
            documents=[_parquet(staging / "documents.parquet", docs, DOCUMENTS)],
            events=[_parquet(staging / "events.parquet", events, EVENTS)],
            rejected=[_parquet(
                staging / "rejected.parquet",
                [{**_event(f"{run_id}-bad", f"{run_id}-d0", None, run_id=run_id), "quad_class": 7,
                  "failed_expectations": "quad_class_in_set"}],
                REJECTED_EVENTS,
            )],
            ingest_errors=[_parquet(
                staging / "ingest_errors.parquet",
                [{"run_id": run_id, "source_path": "in.jsonl", "record": "2", "error": "bad JSON"}],
                INGEST_ERRORS,
            )],
            validation=[_parquet(
                staging / "validation.parquet",
                [{"run_id": run_id, "batch": 0, "expectation": "expect_column_values_to_not_be_null",
                  "column_name": "event_id", "success": True, "element_count": 4, "unexpected_count": 0,
                  "details": "{}"}],
                VALIDATION_RESULTS,
            )],
        ),
    )


@pytest.fixture
def warehouse(tmp_path) -> Path:
    path = tmp_path / "w.duckdb"
    load_sample(tmp_path, path)
    return path


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_writes_parquet_of_every_table_and_view(warehouse, tmp_path):
    out = tmp_path / "export"
    before = _file_digest(warehouse)
    result = export_warehouse(warehouse, out)

    assert _file_digest(warehouse) == before  # opened read-only, not touched
    assert set(result.parquet) == set(TABLES) | set(VIEWS)
    for name in (set(TABLES) | set(VIEWS)) - {"events"}:
        assert result.parquet[name] == out / f"{name}.parquet"
    assert result.snapshot == out / SNAPSHOT_NAME
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no temporaries left

    conn = duckdb.connect()
    for name in (set(TABLES) | set(VIEWS)) - {"events"}:
        (count,) = conn.execute("SELECT count(*) FROM read_parquet($1)", [str(out / f"{name}.parquet")]).fetchone()
        assert count == result.rows[name], name
    assert result.rows["events"] == 4 and result.rows["dyad_daily"] == 3
    compressions = {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT compression FROM parquet_metadata($1)", [[str(out / "*.parquet"), str(out / "events" / "*.parquet")]]
        ).fetchall()
    }
    assert compressions == {"ZSTD"}


def test_events_are_split_by_month_with_the_undated_apart(warehouse, tmp_path):
    out = tmp_path / "export"
    export_warehouse(warehouse, out)
    files = sorted(p.name for p in (out / "events").iterdir())
    assert files == ["2024-01.parquet", "2024-02.parquet", "undated.parquet"]
    conn = duckdb.connect()
    rows = conn.execute(
        "SELECT filename[length($2) + 1:], event_date, event_id FROM read_parquet($1, filename = true) "
        "ORDER BY event_id",
        [str(out / "events" / "*.parquet"), str(out / "events") + "/"],
    ).fetchall()
    assert rows == [
        ("2024-01.parquet", date(2024, 1, 5), "r1-e1"),
        ("2024-01.parquet", date(2024, 1, 5), "r1-e2"),
        ("2024-02.parquet", date(2024, 2, 9), "r1-e3"),
        ("undated.parquet", None, "r1-e4"),
    ]
    # the files hold exactly the warehouse columns
    (names,) = conn.execute(
        "SELECT list(name ORDER BY name) FROM parquet_schema($1) WHERE num_children IS NULL",
        [str(out / "events" / "2024-01.parquet")],
    ).fetchone()
    assert sorted(names) == sorted(EVENTS)


def test_pandas_and_polars_read_the_export_with_undated_events(warehouse, tmp_path):
    import pandas as pd
    import polars as pl

    out = tmp_path / "export"
    export_warehouse(warehouse, out)
    events = pd.read_parquet(out / "events")
    assert len(events) == 4 and events["event_date"].isna().sum() == 1  # r1-e4 has no date
    assert list(events.columns) == list(EVENTS)  # no partition columns inferred from paths
    assert not any(isinstance(dtype, pd.CategoricalDtype) for dtype in events.dtypes)
    assert events["quad_class"].dtype.kind == "i" and events["goldstein"].dtype.kind == "f"

    gdelt = pd.read_parquet(out / "events_gdelt.parquet")
    assert gdelt["SQLDATE"].dtype.kind == "i"  # never null, so never a float column
    # r1-e4 has no date and its document none either: the first load dates it.
    assert sorted(set(gdelt["SQLDATE_Origin"])) == ["event", "loaded"]

    frame = pl.read_parquet(out / "events" / "*.parquet")
    assert frame.height == 4 and frame.schema["event_date"] == pl.Date
    assert frame["event_date"].null_count() == 1


def test_one_sided_events_export_with_their_missing_side_null(tmp_path):
    """A one-sided event (issue #10) reaches the Parquet files, the GDELT view and the 1.x
    snapshot with its missing side NULL, and pandas and Polars read it as such."""
    import pandas as pd
    import polars as pl

    path = tmp_path / "w.duckdb"
    staging = tmp_path / "staging"
    staging.mkdir()
    docs = [{"doc_id": "d0", "source": "AP", "content_sha256": "0" * 64, "extractor_version": "1.0.0",
             "run_id": "r1"}]
    missing = {f"target_{c}": None for c in ("text", "code", "country", "sector", "start", "end")}
    events = [_event("e1", "d0", date(2024, 1, 5)),
              _event("e2", "d0", date(2024, 1, 5), cameo_code="0831", cameo_root="08", quad_class=2,
                     goldstein=5.0, source_code="LKAGOV", source_country="LKA", **missing)]
    load_run(path, StagedRun(run={"run_id": "r1", "started_at": datetime.now(timezone.utc)},
                             documents=[_parquet(staging / "documents.parquet", docs, DOCUMENTS)],
                             events=[_parquet(staging / "events.parquet", events, EVENTS)]))
    out = tmp_path / "export"
    result = export_warehouse(path, out)
    gdelt = pd.read_parquet(out / "events_gdelt.parquet").set_index("EventCode")
    assert gdelt.loc["0831", "Actor1Code"] == "LKAGOV" and pd.isna(gdelt.loc["0831", "Actor2Code"])
    assert gdelt.loc["190", "Actor2Code"] == "UKR"
    frame = pl.read_parquet(out / "events" / "*.parquet").sort("event_id")
    assert frame["target_code"].to_list() == ["UKR", None] and frame["target_text"].to_list() == ["Ukraine", None]
    conn = duckdb.connect()
    conn.execute("ATTACH $1 AS snap (READ_ONLY)", [str(result.snapshot)])
    assert conn.execute("SELECT source_code, target_code FROM snap.dyad_daily ORDER BY cameo_code").fetchall() == [
        ("LKAGOV", None), ("RUS", "UKR"),
    ]


def test_reexport_replaces_the_previous_one(warehouse, tmp_path):
    out = tmp_path / "export"
    export_warehouse(warehouse, out)
    load_sample(tmp_path, warehouse, run_id="r2", extra=2)
    result = export_warehouse(warehouse, out)
    assert result.rows["events"] == 10
    conn = duckdb.connect()
    assert conn.execute(
        "SELECT count(*) FROM read_parquet($1)", [str(out / "events" / "**" / "*.parquet")]
    ).fetchone() == (10,)
    assert (out / "events" / "2023-12.parquet").is_file()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_snapshot_has_everything_in_the_1x_format(warehouse, tmp_path):
    out = tmp_path / "export"
    result = export_warehouse(warehouse, out)
    assert not Path(str(result.snapshot) + ".wal").exists()
    conn = duckdb.connect()
    conn.execute("ATTACH $1 AS snap (READ_ONLY)", [str(result.snapshot)])
    conn.execute("ATTACH $1 AS wh (READ_ONLY)", [str(warehouse)])
    (tags,) = conn.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 'snap'").fetchone()
    assert tags["storage_version"].startswith("v1.5.0")
    for name in (*TABLES, *VIEWS):
        snap = conn.execute(f"SELECT * FROM snap.{name} ORDER BY ALL").fetchall()
        assert snap == conn.execute(f"SELECT * FROM wh.{name} ORDER BY ALL").fetchall(), name
        assert snap, name


def test_snapshot_opens_in_duckdb_1x(warehouse, tmp_path):
    python = os.environ.get("DOTTEREL_DUCKDB1_PYTHON")
    if not python:
        pytest.skip("set DOTTEREL_DUCKDB1_PYTHON to a Python with duckdb<2 to check the 1.x snapshot")
    result = export_warehouse(warehouse, tmp_path / "export")
    script = (
        "import duckdb, json, sys\n"
        "assert duckdb.__version__.startswith('1.'), duckdb.__version__\n"
        "c = duckdb.connect(sys.argv[1], read_only=True)\n"
        "names = sys.argv[2].split(',')\n"
        "print(json.dumps({n: c.execute(f'SELECT count(*) FROM {n}').fetchone()[0] for n in names}))\n"
    )
    names = [*TABLES, *VIEWS]
    proc = subprocess.run(
        [python, "-c", script, str(result.snapshot), ",".join(names)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {n: result.rows[n] for n in names}


# A BI tool is another process: the SQLAlchemy checks run in one, as a tool would.
BI_CLIENT = """
import json, sys
import sqlalchemy
from sqlalchemy import create_engine, text
engine = create_engine(sys.argv[1])
out = {}
try:
    with engine.connect() as conn:
        out["value"] = conn.execute(text(sys.argv[2]), json.loads(sys.argv[3])).scalar_one()
        try:
            conn.execute(text(sys.argv[4]))
            out["write"] = "allowed"
        except sqlalchemy.exc.DBAPIError as exc:
            out["write"] = str(exc.orig)
finally:
    engine.dispose()
print(json.dumps(out))
"""


def bi_client(url: str, query: str, params: dict, write: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", BI_CLIENT, url, query, json.dumps(params), write],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_sqlalchemy_reads_the_snapshot_read_only(warehouse, tmp_path):
    result = export_warehouse(warehouse, tmp_path / "export")
    url = sqlalchemy_url(result.snapshot)
    assert url.startswith(f"duckdb:///{result.snapshot}?access_mode=read_only&enable_external_access=false")
    out = bi_client(
        url, "SELECT sum(num_mentions) FROM dyad_daily WHERE source_code = :code", {"code": "RUS"},
        "DELETE FROM events",
    )
    assert out["value"] == 4
    assert "read-only" in out["write"]
    conn = duckdb.connect(str(result.snapshot), read_only=True)
    try:
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (4,)
    finally:
        conn.close()


def test_sqlalchemy_reads_the_warehouse_read_only(warehouse):
    out = bi_client(
        sqlalchemy_url(warehouse), "SELECT count(*) FROM events_gdelt", {}, "CREATE TABLE scratch (a INTEGER)"
    )
    assert out["value"] == 3
    assert out["write"] != "allowed"


# What Superset does when a dataset is added: list the relations, then reflect each one.
INSPECTOR = """
import json, sys
from sqlalchemy import create_engine, inspect
engine = create_engine(sys.argv[1])
try:
    insp = inspect(engine)
    out = {"views": {}, "tables": {}}
    for view in insp.get_view_names():
        out["views"][view] = [(c["name"], str(c["type"])) for c in insp.get_columns(view)]
    for table in insp.get_table_names():
        out["tables"][table] = [(c["name"], str(c["type"])) for c in insp.get_columns(table)]
    # Keys and constraints: Superset reads them when a dataset is added or a table previewed.
    for name in [*insp.get_view_names(), *insp.get_table_names()]:
        insp.get_pk_constraint(name)
        insp.get_foreign_keys(name)
        insp.get_unique_constraints(name)
        insp.get_indexes(name)
finally:
    engine.dispose()
print(json.dumps(out))
"""


@pytest.mark.parametrize("target", ["snapshot", "warehouse"])
def test_sqlalchemy_inspector_reflects_every_view(warehouse, tmp_path, target):
    path = export_warehouse(warehouse, tmp_path / "export").snapshot if target == "snapshot" else warehouse
    proc = subprocess.run(
        [sys.executable, "-c", INSPECTOR, sqlalchemy_url(path)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(out["views"]) == set(VIEWS)
    assert set(TABLES) <= set(out["tables"])
    conn = duckdb.connect(str(path), read_only=True)
    try:
        for name in VIEWS:
            described = [r[0] for r in conn.execute(f"DESCRIBE {name}").fetchall()]
            assert [c[0] for c in out["views"][name]] == described, name
    finally:
        conn.close()
    assert len(out["views"]["events_gdelt"]) == 62
    assert ["event_id", "VARCHAR"] in out["tables"]["events"]


def test_sqlalchemy_url_carries_the_query_guards(warehouse, tmp_path):
    """SQL typed into a BI tool can neither write files nor read the machine."""
    stolen = tmp_path / "stolen.csv"
    out = bi_client(sqlalchemy_url(warehouse), "SELECT count(*) FROM events", {}, f"COPY events TO '{stolen}'")
    assert out["value"] == 4
    assert "file system operations are disabled" in out["write"]
    assert not stolen.exists()
    out = bi_client(sqlalchemy_url(warehouse), "SELECT count(*) FROM events", {}, "SELECT * FROM read_text('/etc/passwd')")
    assert "file system operations are disabled" in out["write"]


def test_export_of_a_missing_warehouse(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.duckdb"):
        export_warehouse(tmp_path / "nope.duckdb", tmp_path / "out")
