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
    assert len(analyst_queries()) >= 4


@pytest.mark.parametrize("index", range(4))
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
