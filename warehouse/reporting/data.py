"""What the report shows, read from the warehouse in one read-only session.

Every figure and table of the report is one query here, over the analyst
views (de-duplicated events: dyad_daily, events_gdelt, actor_network) or the
run logs (runs, validation_results, rejected_events, ingest_errors). Values
only ever reach SQL as parameters. Frames are Polars; the charts and the page
never touch the warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import duckdb
import polars as pl

from warehouse.connect import connect_read_only
from warehouse.migrate import check_version
from warehouse.reasons import top_reasons

TOP_DYADS = 5
TOP_ACTORS = 15
TOP_TYPES = 15
NETWORK_EDGES = 60
RECENT_EVENTS = 50

QUAD_CLASSES = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
}


class WarehouseTooOld(RuntimeError):
    """The warehouse predates the views the report reads; a load migrates it."""


@dataclass
class LatestRun:
    """The newest run and what validation made of it."""

    row: dict
    expectations: pl.DataFrame  # expectation, column_name, batches, passed, element_count, unexpected_count
    rejected_by_reason: pl.DataFrame  # reason, rows
    ingest_errors_by_reason: list[tuple[str, int]]
    ingest_errors: pl.DataFrame  # source_path, record, error (first few)


@dataclass
class ReportData:
    warehouse: Path
    totals: dict
    bucket: str  # "day" | "week" | "month": the time step of the volume and Goldstein charts
    volume: pl.DataFrame  # period, quad_class, events
    goldstein: pl.DataFrame  # dyad, period, events, mean_goldstein
    places: pl.DataFrame  # name, country, lat, lon, events, mentions, mean_goldstein, dyads
    network: pl.DataFrame  # actor_network rows (top edges)
    top_actors: pl.DataFrame  # code, as_source, as_target, events
    plover_types: pl.DataFrame  # plover_type, quad_class, events
    cameo_codes: pl.DataFrame  # cameo_code, name, events
    recent: pl.DataFrame  # event_date, source_code, cameo_code, target_code, ... sentence_text
    runs: pl.DataFrame  # last runs
    latest: LatestRun | None = None
    data_docs: list[str] = field(default_factory=list)


def _frame(conn: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    return conn.sql(sql, params=params or None).pl()


def choose_bucket(first: date | None, last: date | None) -> str:
    """Days for up to four months of events, weeks up to three years, months beyond."""
    if first is None or last is None:
        return "day"
    span = (last - first).days
    if span <= 120:
        return "day"
    if span <= 3 * 366:
        return "week"
    return "month"


def cameo_names() -> dict[str, str]:
    """CAMEO code -> name, from the coder's CAMEO table (empty if it cannot be read)."""
    try:
        text = resources.files("transforms").joinpath("data", "cameo_codes.tsv").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return {}
    names = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        cells = line.split("\t")
        if len(cells) >= 2:
            names[cells[0]] = cells[1]
    return names


def _totals(conn) -> dict:
    (documents,) = conn.execute("SELECT count(*) FROM documents").fetchall()[0]
    mentions, undated = conn.execute(
        "SELECT count(*), count(*) FILTER (WHERE event_date IS NULL) FROM events"
    ).fetchall()[0]
    events, first, last = conn.execute(
        "SELECT count(*), min(event_date), max(event_date) FROM dyad_daily"
    ).fetchall()[0]
    (located,) = conn.execute('SELECT count(*) FROM events_gdelt WHERE "ActionGeo_Lat" IS NOT NULL').fetchall()[0]
    (runs,) = conn.execute("SELECT count(*) FROM runs").fetchall()[0]
    return {
        "documents": documents,
        "mentions": mentions,
        "undated_mentions": undated,
        "events": events,
        "located_events": located,
        "first_date": first,
        "last_date": last,
        "runs": runs,
    }


def _latest_run(conn) -> LatestRun | None:
    frame = _frame(conn, "SELECT * FROM runs ORDER BY started_at DESC NULLS LAST, run_id DESC LIMIT 1")
    if frame.is_empty():
        return None
    row = frame.row(0, named=True)
    run_id = row["run_id"]
    expectations = _frame(
        conn,
        """
        SELECT expectation, column_name, count(*) AS batches,
               bool_and(success) AS passed,
               CAST(sum(element_count) AS BIGINT) AS element_count,
               CAST(sum(unexpected_count) AS BIGINT) AS unexpected_count
        FROM validation_results WHERE run_id = $1
        GROUP BY expectation, column_name
        ORDER BY passed, unexpected_count DESC NULLS LAST, expectation, column_name
        """,
        [run_id],
    )
    rejected = _frame(
        conn,
        """
        SELECT trim(reason) AS reason, count(*) AS rows
        FROM (SELECT unnest(string_split(failed_expectations, ';')) AS reason
              FROM rejected_events WHERE run_id = $1)
        GROUP BY ALL ORDER BY rows DESC, reason
        """,
        [run_id],
    )
    messages = [m for (m,) in conn.execute("SELECT error FROM ingest_errors WHERE run_id = $1", [run_id]).fetchall()]
    errors = _frame(
        conn,
        "SELECT source_path, record, error FROM ingest_errors WHERE run_id = $1 "
        "ORDER BY source_path, record LIMIT 20",
        [run_id],
    )
    return LatestRun(
        row=row,
        expectations=expectations,
        rejected_by_reason=rejected,
        ingest_errors_by_reason=top_reasons(messages, limit=None),
        ingest_errors=errors,
    )


def read_report_data(warehouse: Path, data_docs_dir: Path | None = None) -> ReportData:
    """Everything the page shows, from one read-only connection."""
    conn = connect_read_only(warehouse)
    try:
        have, latest = check_version(conn)  # raises WarehouseTooNew for a newer file
        if have < latest:
            raise WarehouseTooOld(
                f"warehouse schema v{have} is older than this Dotterel's (v{latest}); "
                "a `dotterel run` on it migrates it first"
            )
        totals = _totals(conn)
        bucket = choose_bucket(totals["first_date"], totals["last_date"])
        period = f"CAST(date_trunc('{bucket}', event_date) AS DATE)"  # bucket is one of three literals
        volume = _frame(
            conn,
            f"SELECT {period} AS period, quad_class, count(*) AS events FROM dyad_daily "
            "WHERE event_date IS NOT NULL GROUP BY ALL ORDER BY period, quad_class",
        )
        goldstein = _frame(
            conn,
            f"""
            WITH top AS (
                SELECT source_code, target_code, count(*) AS n FROM dyad_daily
                WHERE event_date IS NOT NULL AND goldstein IS NOT NULL
                  AND source_code IS NOT NULL AND target_code IS NOT NULL  -- dyads: two-sided events
                GROUP BY ALL ORDER BY n DESC, source_code, target_code LIMIT $1
            )
            SELECT d.source_code || ' → ' || d.target_code AS dyad, {period} AS period,
                   count(*) AS events, avg(d.goldstein) AS mean_goldstein, any_value(t.n) AS dyad_events
            FROM dyad_daily AS d JOIN top AS t USING (source_code, target_code)
            WHERE d.event_date IS NOT NULL AND d.goldstein IS NOT NULL
            GROUP BY ALL ORDER BY dyad_events DESC, dyad, period
            """,
            [TOP_DYADS],
        )
        places = _frame(
            conn,
            """
            SELECT "ActionGeo_FullName" AS name, any_value(c.name) AS country,
                   "ActionGeo_Lat" AS lat, "ActionGeo_Long" AS lon,
                   count(*) AS events, CAST(sum("NumMentions") AS BIGINT) AS mentions,
                   avg("GoldsteinScale") AS mean_goldstein,
                   string_agg(DISTINCT coalesce("Actor1Code", '–') || ' → ' || coalesce("Actor2Code", '–'), ', ')
                       AS dyads
            FROM events_gdelt LEFT JOIN country_codes AS c ON c.fips = "ActionGeo_CountryCode"
            WHERE "ActionGeo_Lat" IS NOT NULL AND "ActionGeo_Long" IS NOT NULL
            GROUP BY "ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long"
            ORDER BY events DESC, name
            """,
        )
        network = _frame(
            conn,
            "SELECT * FROM actor_network ORDER BY num_events DESC, num_mentions DESC, source_code, target_code "
            "LIMIT $1",
            [NETWORK_EDGES],
        )
        top_actors = _frame(
            conn,
            """
            SELECT code, count(*) FILTER (WHERE role = 'source') AS as_source,
                   count(*) FILTER (WHERE role = 'target') AS as_target, count(*) AS events
            FROM (SELECT source_code AS code, 'source' AS role FROM dyad_daily
                  UNION ALL SELECT target_code, 'target' FROM dyad_daily)
            WHERE code IS NOT NULL  -- the missing side of a one-sided event is no actor
            GROUP BY code ORDER BY events DESC, code LIMIT $1
            """,
            [TOP_ACTORS],
        )
        plover_types = _frame(
            conn,
            "SELECT coalesce(plover_type, '(none)') AS plover_type, min(quad_class) AS quad_class, "
            "count(*) AS events FROM dyad_daily GROUP BY 1 ORDER BY events DESC, plover_type",
        )
        cameo = _frame(
            conn,
            "SELECT cameo_code, count(*) AS events FROM dyad_daily WHERE cameo_code IS NOT NULL "
            "GROUP BY 1 ORDER BY events DESC, cameo_code LIMIT $1",
            [TOP_TYPES],
        )
        names = cameo_names()
        cameo = cameo.with_columns(
            pl.col("cameo_code").replace_strict(names, default="", return_dtype=pl.Utf8).alias("name")
        )
        recent = _frame(
            conn,
            """
            SELECT e.event_date, e.source_code, e.source_text, e.action_text, e.cameo_code, e.plover_type,
                   e.quad_class, e.target_code, e.target_text, e.modality, e.location_name,
                   e.sentence_text, d.title, d.source, d.url, e.doc_id
            FROM events AS e LEFT JOIN documents AS d USING (doc_id)
            ORDER BY e.event_date DESC NULLS LAST, d.published_date DESC NULLS LAST, e.doc_id, e.sentence_index,
                     e.event_id
            LIMIT $1
            """,
            [RECENT_EVENTS],
        )
        runs = _frame(
            conn,
            "SELECT run_id, started_at, status, documents, documents_loaded, events, rejected, ingest_errors, "
            "round(seconds, 1) AS seconds, error FROM runs ORDER BY started_at DESC NULLS LAST, run_id DESC LIMIT 10",
        )
        latest = _latest_run(conn)
    finally:
        conn.close()
    docs = []
    if data_docs_dir is not None and Path(data_docs_dir).is_dir():
        docs = sorted(
            (p.name for p in Path(data_docs_dir).iterdir() if (p / "index.html").is_file()), reverse=True
        )
    return ReportData(
        warehouse=Path(warehouse).resolve(),
        totals=totals,
        bucket=bucket,
        volume=volume,
        goldstein=goldstein,
        places=places,
        network=network,
        top_actors=top_actors,
        plover_types=plover_types,
        cameo_codes=cameo,
        recent=recent,
        runs=runs,
        latest=latest,
        data_docs=docs,
    )
