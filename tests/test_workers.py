"""Parallel workers, reruns that skip unchanged documents before parsing, --force, progress totals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import run_pipeline
from flows.progress import count_documents
from fileio.inputs import DocumentReader

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"

pytestmark = pytest.mark.slow


def query(warehouse: Path, sql: str) -> list[tuple]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def content(warehouse: Path) -> dict[str, list]:
    return {
        table: query(warehouse, f"SELECT * EXCLUDE (run_id) FROM {table} ORDER BY ALL")
        for table in ("documents", "events", "rejected_events")
    }


def test_two_workers_load_exactly_what_one_process_loads(tmp_path: Path) -> None:
    inline = tmp_path / "inline.duckdb"
    run_pipeline([SAMPLE], warehouse=str(inline), workers=0)
    parallel = tmp_path / "parallel.duckdb"
    summary = run_pipeline([SAMPLE], warehouse=str(parallel), workers=2, batch_size=2)
    assert summary["worker_processes"] == 2 and summary["workers"] == 2
    assert summary["worker_peak_rss_mb"] > 100  # a worker holds the model
    assert content(parallel) == content(inline)


def test_unchanged_documents_are_skipped_before_parsing_and_counted(tmp_path: Path, monkeypatch) -> None:
    import transforms.batch

    warehouse = tmp_path / "w.duckdb"
    first = run_pipeline([SAMPLE], warehouse=str(warehouse), workers=0)
    before = content(warehouse)

    def parse_nothing(*args, **kwargs):
        raise AssertionError("an unchanged document reached the parser")

    monkeypatch.setattr(transforms.batch, "process_batch", parse_nothing)
    again = run_pipeline([SAMPLE], warehouse=str(warehouse), workers=0)
    assert again["documents_skipped"] == 10 and again["documents_unchanged"] == 10
    assert again["documents"] == 10 and again["documents_loaded"] == 0
    assert content(warehouse) == before
    rows = query(warehouse, "SELECT run_id, documents, documents_loaded, documents_unchanged FROM runs ORDER BY started_at")
    assert rows == [(first["run_id"], 10, 10, 0), (again["run_id"], 10, 0, 10)]


def test_force_recodes_unchanged_documents_and_a_changed_text_alone_is_parsed(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    shutil.copytree(SAMPLE, corpus)
    warehouse = tmp_path / "w.duckdb"
    run_pipeline([corpus], warehouse=str(warehouse), workers=0)
    events = query(warehouse, "SELECT event_id FROM events ORDER BY 1")
    forced = run_pipeline([corpus], warehouse=str(warehouse), workers=0, force=True)
    assert forced["documents_skipped"] == 0 and forced["documents_loaded"] == 10
    assert query(warehouse, "SELECT event_id FROM events ORDER BY 1") == events
    story = corpus / "04_sanctions_iran.txt"
    story.write_text(story.read_text(encoding="utf-8") + "\nSeoul condemned Pyongyang on Friday.\n", encoding="utf-8")
    changed = run_pipeline([corpus], warehouse=str(warehouse), workers=0)
    assert changed["documents_skipped"] == 9 and changed["documents_loaded"] == 1


def test_a_changed_dictionary_recodes_every_document(tmp_path: Path) -> None:
    actors = tmp_path / "actors.tsv"
    header = "name\tcode\tcountry\tsector\tkind\tvalid_from\tvalid_to\n"
    actors.write_text(header + "Harar Valley Defence Front\tETHREB\tETH\tREB\tlandmark\t\t\n", encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    run_pipeline([SAMPLE], warehouse=str(warehouse), workers=0, actor_files=[str(actors)])
    same = run_pipeline([SAMPLE], warehouse=str(warehouse), workers=0, actor_files=[str(actors)])
    assert same["documents_skipped"] == 10
    actors.write_text(header + "Harar Valley Defence Front\tETHREB\tETH\tREB\tlandmark\t2001-01-01\t\n", encoding="utf-8")
    changed = run_pipeline([SAMPLE], warehouse=str(warehouse), workers=0, actor_files=[str(actors)])
    assert changed["documents_skipped"] == 0 and changed["documents_loaded"] == 10


def test_progress_total_is_counted_without_parsing(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"d{i}", "text": "Seoul warned Pyongyang."}) + "\n" for i in range(7)) + "\n")
    (tmp_path / "rows.csv").write_text("id,text\na,Seoul warned Pyongyang.\nb,Tokyo protested.\n", encoding="utf-8")
    assert count_documents([SAMPLE]) == 10
    assert count_documents([tmp_path]) == 9


def test_validation_in_chunks_splits_events_as_one_validation_does(tmp_path: Path) -> None:
    """GX over chunks of the staged batches keeps and rejects exactly the rows one run over all would."""
    import polars as pl

    from fileio.resources import load_resources
    from flows.validation import ChunkValidator
    from transforms.batch import process_batch
    from transforms.codes import cameo_table

    res = load_resources()
    documents = [d for d in DocumentReader([SAMPLE]) if not hasattr(d, "error")]
    staged = []
    for number, start in enumerate(range(0, len(documents), 3)):
        frames = process_batch(documents[start:start + 3], res, "run")
        events = frames.events
        if number == 1:  # one event with a code CAMEO does not have
            events = events.with_columns(
                pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("999")).otherwise(pl.col("cameo_code")).alias("cameo_code")
            )
        paths = (tmp_path / f"d{number}.parquet", tmp_path / f"e{number}.parquet")
        frames.documents.write_parquet(paths[0])
        events.write_parquet(paths[1])
        staged.append((*paths, events.height))

    def validate(max_events: int) -> tuple[pl.DataFrame, pl.DataFrame, int]:
        validator = ChunkValidator(tmp_path / f"v{max_events}", "run", cameo_table(), max_events=max_events)
        for documents_path, events_path, count in staged:
            validator.add(documents_path, events_path, count)
        validator.flush()
        valid = pl.concat([pl.read_parquet(p) for p in validator.files("events")]).sort("event_id")
        rejected = pl.concat([pl.read_parquet(p) for p in validator.files("rejected")]).sort("event_id")
        return valid, rejected, len(validator.chunks)

    whole, whole_rejected, one = validate(10**6)
    chunked, chunked_rejected, several = validate(20)
    assert one == 1 and several > 2
    assert whole_rejected.height == 1 and "cameo_code" in whole_rejected["failed_expectations"][0]
    assert chunked.equals(whole) and chunked_rejected.equals(whole_rejected)


def test_the_prescan_starts_workers_only_when_a_document_needs_parsing(tmp_path: Path) -> None:
    """A rerun of an unchanged corpus starts no parse worker; one new document does."""
    import threading

    from flows import prescan

    warehouse = tmp_path / "w.duckdb"
    run_pipeline([SAMPLE], warehouse=str(warehouse), workers=0)
    version = query(warehouse, "SELECT DISTINCT extractor_version FROM documents")[0][0]

    def scan(inputs: list[Path]) -> tuple[bool, dict | None]:
        started = threading.Event()
        prescan.start(inputs, warehouse, version, False, started.set)
        taken = prescan.take(inputs, warehouse, version, False)
        known = taken.known_documents()
        taken._thread.join(timeout=60)
        return started.is_set(), known

    unchanged, known = scan([SAMPLE])
    assert not unchanged and len(known) == 10
    extra = tmp_path / "extra"
    shutil.copytree(SAMPLE, extra)
    (extra / "11_new.txt").write_text("date 2024-03-01\nSeoul condemned Pyongyang on Friday.\n", encoding="utf-8")
    new, _ = scan([extra])
    assert new
