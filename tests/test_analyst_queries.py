"""Every SQL example on the README's analyst page runs, against the sample corpus, and says something."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import run_pipeline

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def analyst_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Analyst's page", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("analyst") / "dotterel.duckdb"
    run_pipeline([ROOT / "corpus" / "sample"], warehouse=str(warehouse))
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


def test_readme_has_the_analyst_examples() -> None:
    assert len(analyst_queries()) >= 6


@pytest.mark.parametrize("index", range(len(analyst_queries())))
def test_each_example_returns_rows(conn, index: int) -> None:
    sql = analyst_queries()[index]
    result = conn.sql(sql)
    rows = result.fetchall()
    assert rows, f"README example {index + 1} returned nothing:\n{sql}"


def test_north_korea_partners_include_russia_both_ways(conn) -> None:
    sql = next(q for q in analyst_queries() if "whom" in q.lower() or "'PRK' IN" in q)
    rows = conn.sql(sql).fetchall()
    directions = {(partner, direction) for partner, direction, *_ in rows}
    assert ("RUS", "from PRK") in directions and ("RUS", "to PRK") in directions


def test_russia_north_korea_trend_is_mostly_cooperation(conn) -> None:
    sql = next(q for q in analyst_queries() if "date_trunc('month'" in q)
    rows = conn.sql(sql).fetchall()
    cooperation = sum(r[1] for r in rows)
    conflict = sum(r[2] for r in rows)
    assert cooperation > conflict


def test_the_gdelt_country_query_runs_unchanged_on_fips_codes(conn) -> None:
    sql = next(q for q in analyst_queries() if "ActionGeo_CountryCode = 'UP'" in q)
    assert "events_gdelt" in sql and "FROM" in sql
    rows = conn.sql(sql).fetchall()
    assert sum(r[1] for r in rows) >= 3  # Kyiv, Kharkiv: events placed in Ukraine
    assert all(isinstance(r[0], int) and 19000101 < r[0] < 21000101 for r in rows)  # SQLDATE as GDELT's int
    placed = conn.sql(
        "SELECT DISTINCT ActionGeo_CountryCode FROM events_gdelt WHERE ActionGeo_CountryCode IS NOT NULL"
    ).fetchall()
    assert {"UP", "RS"} <= {c for (c,) in placed}  # FIPS, not ISO alpha-3


def test_the_gdelt_mentions_join_finds_the_sentences(conn) -> None:
    sql = next(q for q in analyst_queries() if "mentions_gdelt" in q)
    rows = conn.sql(sql).fetchall()
    assert rows and all(r[2].startswith("RUS") and r[3].startswith("PRK") for r in rows)  # RUS, RUSGOV, ...
    for event_id, _, _, _, _, identifier, sentence_id, offset, confidence in rows:
        assert sentence_id >= 1 and 0 <= confidence <= 100 and offset >= 0
        text = conn.execute("SELECT text FROM documents WHERE url = $1 OR doc_id = $1", [identifier]).fetchall()
        assert text, identifier
