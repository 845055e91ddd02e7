"""The whole flow on the bundled sample corpus, into a temporary warehouse.

These run the real Prefect flow (ephemeral server), so they are the slowest
tests; one flow run is shared by most of them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import run_pipeline

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"
DOTTEREL = [sys.executable, "-m", "flows.cli"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("wh") / "dotterel.duckdb"
    summary = run_pipeline([SAMPLE], warehouse=str(warehouse))
    return summary, warehouse


def query(warehouse: Path, sql: str, params=None) -> list[tuple]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.execute(sql, params or []).fetchall()
    finally:
        conn.close()


def events_in(warehouse: Path, doc_id: str, needle: str) -> list[dict]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        rel = conn.sql(
            "SELECT * FROM events WHERE doc_id = $1 AND contains(sentence_text, $2) ORDER BY action_start",
            params=[doc_id, needle],
        )
        return rel.pl().to_dicts()
    finally:
        conn.close()


def test_summary_counts(sample_run) -> None:
    summary, warehouse = sample_run
    assert summary["status"] == "completed"
    assert summary["documents"] == 10 and summary["documents_loaded"] == 10
    assert summary["ingest_errors"] == 0
    assert summary["sentences"] > 100
    assert summary["events"] >= 40
    assert query(warehouse, "SELECT count(*) FROM events")[0][0] == summary["events"]
    assert query(warehouse, "SELECT status, documents, events FROM runs") == [("completed", 10, summary["events"])]


def test_meeting_in_pyongyang(sample_run) -> None:
    _, warehouse = sample_run
    found = events_in(warehouse, "01_summit_pyongyang.txt", "met with North Korean leader Kim Jong Un")
    meeting = next(e for e in found if e["action_lemma"] == "meet")
    assert (meeting["source_code"], meeting["target_code"]) == ("RUSGOV", "PRKGOV")
    assert meeting["source_text"] == "Russian President Vladimir Putin"
    assert meeting["cameo_root"] == "04" and meeting["plover_type"] == "CONSULT" and meeting["quad_class"] == 1
    assert meeting["event_date"] == date(2024, 6, 19) and meeting["event_date_text"] == "on Wednesday"
    assert meeting["location_name"] == "Pyongyang" and meeting["location_country"] == "PRK"
    assert meeting["modality"] == "asserted" and meeting["polarity"] == "positive"


def test_reported_troop_deployment(sample_run) -> None:
    _, warehouse = sample_run
    found = events_in(warehouse, "02_troops_kursk.txt", "The Pentagon said")
    sent = next(e for e in found if e["action_lemma"] == "send")
    assert (sent["source_country"], sent["target_country"]) == ("PRK", "RUS")
    assert sent["modality"] == "reported" and sent["reporter_code"].startswith("USA")
    assert sent["quad_class"] == 2


def test_passive_with_agent(sample_run) -> None:
    _, warehouse = sample_run
    (strike,) = [e for e in events_in(warehouse, "03_kharkiv_strikes.txt", "Kyiv was also struck") if e["action_lemma"] == "strike"]
    assert strike["source_country"] == "RUS" and strike["target_country"] == "UKR"
    assert strike["target_text"] == "Kyiv" and strike["quad_class"] == 4


def test_sanctions_and_condemnation(sample_run) -> None:
    _, warehouse = sample_run
    (sanction,) = events_in(warehouse, "04_sanctions_iran.txt", "imposed new sanctions")
    assert (sanction["source_code"], sanction["target_country"], sanction["cameo_code"]) == ("USA", "IRN", "163")
    condemned = [e for e in events_in(warehouse, "02_troops_kursk.txt", "Seoul condemned Pyongyang") if e["action_lemma"] == "condemn"]
    assert [(e["source_code"], e["target_code"], e["cameo_root"]) for e in condemned] == [("KORGOV", "PRKGOV", "11")]


def test_no_event_sentences(sample_run) -> None:
    _, warehouse = sample_run
    for needle in ("Temperatures in the city", "lies about 30 kilometres", "Oil prices rose"):
        assert query(warehouse, "SELECT count(*) FROM events WHERE contains(sentence_text, $1)", [needle]) == [(0,)]


def test_offsets_index_document_text_for_every_event(sample_run) -> None:
    _, warehouse = sample_run
    rows = query(
        warehouse,
        """SELECT d.text, e.source_text, e.source_start, e.source_end, e.action_text, e.action_start,
                  e.action_end, e.target_text, e.target_start, e.target_end, e.sentence_text
           FROM events e JOIN documents d USING (doc_id)""",
    )
    assert rows
    for text, s, s0, s1, a, a0, a1, t, t0, t1, sentence in rows:
        assert text[a0:a1] == a and sentence in text
        for side, start, end in ((s, s0, s1), (t, t0, t1)):  # a missing side has no text and no offsets
            assert (side is None and start is None and end is None) or text[start:end] == side


def test_published_dates_from_manifest_date_line_and_dateline(sample_run) -> None:
    _, warehouse = sample_run
    dates = {r[0]: (r[1], r[2]) for r in query(warehouse, "SELECT doc_id, published_date, published_date_origin FROM documents")}
    assert dates["01_summit_pyongyang.txt"] == (date(2024, 6, 19), "metadata")
    assert dates["02_troops_kursk.txt"] == (date(2024, 10, 25), "date_line")
    assert dates["09_sudzha_incursion.txt"] == (date(2024, 8, 12), "dateline")


def test_validation_results_and_data_docs_kept(sample_run) -> None:
    summary, warehouse = sample_run
    rows = query(warehouse, "SELECT count(*), bool_and(success) FROM validation_results WHERE run_id = $1", [summary["run_id"]])
    assert rows[0][0] >= 40 and rows[0][1] is True
    index = Path(summary["data_docs"])
    assert index.is_file() and index.name == "index.html"


def test_rerun_is_idempotent(sample_run) -> None:
    summary, warehouse = sample_run
    checksum = "SELECT count(*), sum(hash(event_id, source_code, target_code, cameo_code, run_id)) FROM events"
    before = query(warehouse, checksum)
    again = run_pipeline([SAMPLE], warehouse=str(warehouse))
    assert again["documents_unchanged"] == 10 and again["documents_loaded"] == 0 and again["events_loaded"] == 0
    assert query(warehouse, checksum) == before
    assert query(warehouse, "SELECT count(*) FROM documents") == [(10,)]
    assert query(warehouse, "SELECT count(*) FROM runs") == [(2,)]


def test_changed_document_replaces_its_events(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story = corpus / "story.txt"
    story.write_text("date 2024-03-01\nRussia attacked Kharkiv on Friday. Japan pledged aid to Ukraine.\n", encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    run_pipeline([corpus], warehouse=str(warehouse))
    first = query(warehouse, "SELECT event_id, target_country FROM events ORDER BY event_id")
    assert {t for _, t in first} == {"UKR"} and len(first) == 2
    story.write_text("date 2024-03-01\nSeoul condemned Pyongyang on Friday.\n", encoding="utf-8")
    summary = run_pipeline([corpus], warehouse=str(warehouse))
    assert summary["documents_loaded"] == 1
    after = query(warehouse, "SELECT source_code, target_code FROM events")
    assert after == [("KORGOV", "PRKGOV")]


def test_bad_input_is_recorded_and_good_documents_load(tmp_path: Path) -> None:
    corpus = tmp_path / "mixed"
    shutil.copytree(SAMPLE, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "scan.txt").write_bytes(b"\x00\x01\x02binary")
    (corpus / "feed.jsonl").write_text('{"id": "f1", "text": "Iran fired missiles at Israel."}\n{broken\n', encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    out = subprocess.run(
        DOTTEREL + ["run", "--input", str(corpus), "--warehouse", str(warehouse), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert '"ingest_errors": 3' in out.stdout and '"documents": 11' in out.stdout
    errors = query(warehouse, "SELECT source_path, record, error FROM ingest_errors ORDER BY source_path")
    reasons = " | ".join(e for _, _, e in errors)
    assert "empty file" in reasons and "binary" in reasons and "invalid JSON" in reasons
    assert query(warehouse, "SELECT count(*) FROM documents") == [(11,)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--input", "/no/such/path"], "input path does not exist"),
        (["run", "--input", "corpus/sample", "--model", "xx_no_such_model"], "xx_no_such_model"),
        (["query", "SELECT 1", "--warehouse", "/no/such.duckdb"], "warehouse not found"),
        (["run", "--input", "corpus/sample", "--governors", "/no/such.tsv"], "word class file not found"),
        (["evaluate", "--gold", "tests/gold/dotterel_gold.jsonl", "--compositions", "/no/such.tsv"],
         "composition file not found"),
        (["run", "--input", "corpus/sample", "--governors", "tests/gold/README.md"], "README.md:"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    out = subprocess.run(DOTTEREL + args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    lines = [l for l in out.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and message in lines[0], out.stderr


def test_one_sided_events_through_a_flow_run(tmp_path: Path) -> None:
    """Issue #10: an act with one side named is an event; its missing side is NULL in every
    column, it passes validation, and the views and `dotterel actors` treat it as documented."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "date 2024-03-01\nThe Peruvian interior minister resigned on Thursday.\n"
        "Eight Nigerien soldiers were killed near the border on Friday.\n"
        "The Bolivian minister said the economy would grow.\n",
        encoding="utf-8",
    )
    warehouse = tmp_path / "w.duckdb"
    summary = run_pipeline([corpus], warehouse=str(warehouse))
    assert summary["status"] == "completed" and summary["events"] == 2
    rows = query(warehouse, "SELECT source_code, source_text, source_end IS NULL, cameo_code, target_code, "
                            "target_text, target_start IS NULL FROM events ORDER BY sentence_index")
    assert rows == [
        ("PERGOV", "Peruvian interior minister", False, "0831", None, None, True),
        (None, None, True, "190", "NERMIL", "Nigerien soldiers", False),
    ]
    assert query(warehouse, "SELECT count(*) FROM rejected_events") == [(0,)]
    assert query(warehouse, 'SELECT "Actor1Code", "Actor2Code" FROM events_gdelt ORDER BY "EventCode"') == [
        ("PERGOV", None), (None, "NERMIL"),
    ]
    assert query(warehouse, "SELECT count(*) FROM actor_network") == [(0,)]
    out = subprocess.run(
        DOTTEREL + ["actors", "--unknown", "--warehouse", str(warehouse)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"},
    )
    assert out.returncode == 0, out.stderr
    assert "None" not in out.stdout and not any(l.strip("│ ") == "" for l in out.stdout.splitlines()[3:-1])


def test_unknown_actors_are_listed_for_the_dictionary(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "date 2024-03-01\nEthiopia accused the Harar Valley Defence Front of attacks on Friday.\n"
        "Eritrea condemned the Harar Valley Defence Front.\n",
        encoding="utf-8",
    )
    warehouse = tmp_path / "w.duckdb"
    run_pipeline([corpus], warehouse=str(warehouse))
    out = subprocess.run(
        DOTTEREL + ["actors", "--unknown", "--warehouse", str(warehouse)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"},
    )
    assert out.returncode == 0, out.stderr
    line = next(l for l in out.stdout.splitlines() if "Harar" in l)
    assert "the Harar Valley Defence Front" in line and " 2 " in line


def test_failed_run_is_logged_and_loads_nothing(tmp_path: Path, monkeypatch) -> None:
    import transforms.batch

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(transforms.batch, "process_batch", broken)
    warehouse = tmp_path / "w.duckdb"
    with pytest.raises(Exception, match="disk on fire"):  # --workers 0: parsed in this process, patched
        run_pipeline([SAMPLE], warehouse=str(warehouse), workers=0)
    assert query(warehouse, "SELECT status, error FROM runs") == [("failed", "RuntimeError: disk on fire")]
    for table in ("documents", "events", "rejected_events", "ingest_errors"):
        assert query(warehouse, f"SELECT count(*) FROM {table}") == [(0,)]


def test_a_run_with_user_dictionaries_stamps_one_version_everywhere(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "date 2024-03-01\nEthiopia rebuked the Harar Valley Defence Front on Friday.\n\n"
        "Eritrea threatened to strike Ethiopia on Saturday.\n",
        encoding="utf-8",
    )
    files = {
        "actors": "name\tcode\tcountry\tsector\tkind\tvalid_from\tvalid_to\n"
                  "Harar Valley Defence Front\tETHREB\tETH\tREB\tlandmark\t\t\n",
        "verbs": "lemma\tparticle\tobject\tcode\tnote\nrebuke\t\t\t111\t\n",
        "governors": "lemma\tclass\tnote\nthreaten\tthreat\t\n",
        "compositions": "composition\tgoverned\tcode\tnote\nthreat\t19\t138\t\n",
    }
    options = []
    for option, text in files.items():
        path = tmp_path / f"{option}.tsv"
        path.write_text(text, encoding="utf-8")
        options += [f"--{option}", str(path)]
    warehouse = tmp_path / "w.duckdb"
    out = subprocess.run(
        DOTTEREL + ["run", "--input", str(corpus), "--warehouse", str(warehouse), "--json", *options],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    (run_version,), = query(warehouse, "SELECT extractor_version FROM runs")
    assert "+dict." in run_version
    assert query(warehouse, "SELECT DISTINCT extractor_version FROM documents") == [(run_version,)]
    assert query(warehouse, "SELECT DISTINCT extractor_version FROM events") == [(run_version,)]
    assert query(warehouse, "SELECT source_code, target_code, cameo_code FROM events ORDER BY sentence_index") == [
        ("ETH", "ETHREB", "111"), ("ERI", "ETH", "138"),
    ]
