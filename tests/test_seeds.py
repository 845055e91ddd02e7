"""The five real seed articles in ../shared (skipped when absent): the flow end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import run_pipeline

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds not present"),
]


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    summary = run_pipeline([SEEDS], warehouse=str(warehouse))
    conn = duckdb.connect(str(warehouse), read_only=True)
    yield summary, conn
    conn.close()


def test_five_documents_and_enough_events(seeds_run) -> None:
    summary, conn = seeds_run
    assert summary["documents"] == 5 and summary["ingest_errors"] == 0
    assert summary["events"] >= 25
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == summary["events"]


def test_article_003_date_line(seeds_run) -> None:
    _, conn = seeds_run
    row = conn.execute(
        "SELECT published_date, published_date_origin FROM documents WHERE starts_with(doc_id, '003_')"
    ).fetchone()
    assert row == (date(2023, 11, 9), "date_line")


def dyads(conn, doc_prefix: str) -> set[tuple[str, str, str]]:
    rows = conn.execute(
        "SELECT source_country, target_country, plover_type FROM events WHERE starts_with(doc_id, $1)",
        [doc_prefix],
    ).fetchall()
    return set(rows)


def test_known_events(seeds_run) -> None:
    _, conn = seeds_run
    # "The Pentagon asserts that North Korea has dispatched 10,000 soldiers to Russia"
    reported = conn.execute(
        """SELECT modality, reporter_code FROM events WHERE starts_with(doc_id, '004_')
           AND source_country = 'PRK' AND target_country = 'RUS' AND sentence_index = 0"""
    ).fetchall()
    assert reported and reported[0][0] == "reported" and reported[0][1].startswith("USA")
    # the US and South Korea accuse North Korea of supplying arms (article 001)
    assert ("USA", "PRK", "ACCUSE") in dyads(conn, "001_")
    # support between Moscow and Pyongyang in article 004
    assert {("RUS", "PRK", "SUPPORT"), ("PRK", "RUS", "SUPPORT")} & dyads(conn, "004_")
