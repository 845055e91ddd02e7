"""Polars schemas of every frame that crosses a stage boundary.

These are the data contracts: transforms produce frames of exactly these
columns and types, the validation suite checks them, and the warehouse tables
are declared with the same names. Keeping them in one module means a column
added here is a column added everywhere (DDL tests compare against this).
"""

from __future__ import annotations

import polars as pl

DOCUMENTS: dict[str, pl.DataType] = {
    "doc_id": pl.Utf8,  # path relative to the input root, or the record id
    "source_path": pl.Utf8,  # file the document came from
    "title": pl.Utf8,
    "source": pl.Utf8,  # publisher / outlet
    "url": pl.Utf8,
    "published_date": pl.Date,  # null when unknown, never invented
    "published_date_origin": pl.Utf8,  # metadata | date_line | dateline | none
    "dateline_place": pl.Utf8,  # city of a wire dateline ("PYONGYANG"), if any
    "text": pl.Utf8,  # exactly the text that event offsets index
    "content_sha256": pl.Utf8,
    "metadata": pl.Utf8,  # JSON object of extra record fields
    "extractor_version": pl.Utf8,
    "run_id": pl.Utf8,
}

EVENTS: dict[str, pl.DataType] = {
    "event_id": pl.Utf8,
    "doc_id": pl.Utf8,
    "sentence_index": pl.Int32,
    "sentence_text": pl.Utf8,
    "source_text": pl.Utf8,
    "source_code": pl.Utf8,
    "source_country": pl.Utf8,  # ISO 3166 alpha-3
    "source_sector": pl.Utf8,  # GOV, MIL, IGO, ...
    "action_text": pl.Utf8,
    "action_lemma": pl.Utf8,
    "target_text": pl.Utf8,
    "target_code": pl.Utf8,
    "target_country": pl.Utf8,
    "target_sector": pl.Utf8,
    "cameo_code": pl.Utf8,  # text: '010' is not '10'
    "cameo_root": pl.Utf8,
    "plover_type": pl.Utf8,
    "quad_class": pl.Int8,
    "goldstein": pl.Float64,
    "polarity": pl.Utf8,  # positive | negative
    "modality": pl.Utf8,  # asserted | reported | hypothetical | future | historical
    "reporter_code": pl.Utf8,
    "event_date": pl.Date,
    "event_date_text": pl.Utf8,  # raw expression ("on Wednesday"), null when none
    "event_date_precision": pl.Utf8,  # day | week | month | year
    "event_date_origin": pl.Utf8,  # expression | published | none
    "location_name": pl.Utf8,
    "location_type": pl.Utf8,  # city | region | country | landmark
    "location_country": pl.Utf8,
    "latitude": pl.Float64,
    "longitude": pl.Float64,
    "confidence": pl.Float64,
    "source_start": pl.Int32,
    "source_end": pl.Int32,
    "action_start": pl.Int32,
    "action_end": pl.Int32,
    "target_start": pl.Int32,
    "target_end": pl.Int32,
    "extractor_version": pl.Utf8,
    "model": pl.Utf8,  # spaCy pipeline name and version
    "run_id": pl.Utf8,
}

REJECTED_EVENTS: dict[str, pl.DataType] = {
    **EVENTS,
    "failed_expectations": pl.Utf8,  # '; '-joined expectation names
}

INGEST_ERRORS: dict[str, pl.DataType] = {
    "run_id": pl.Utf8,
    "source_path": pl.Utf8,
    "record": pl.Utf8,  # line / row number inside the file, null for whole files
    "error": pl.Utf8,
}

VALIDATION_RESULTS: dict[str, pl.DataType] = {
    "run_id": pl.Utf8,
    "batch": pl.Int32,
    "expectation": pl.Utf8,  # e.g. expect_column_values_to_be_between
    "column_name": pl.Utf8,
    "success": pl.Boolean,
    "element_count": pl.Int64,
    "unexpected_count": pl.Int64,
    "details": pl.Utf8,  # JSON of the expectation kwargs
}

RUNS: dict[str, pl.DataType] = {
    "run_id": pl.Utf8,
    "started_at": pl.Datetime("us", "UTC"),
    "finished_at": pl.Datetime("us", "UTC"),
    "status": pl.Utf8,  # completed | failed
    "inputs": pl.Utf8,  # JSON list of input paths
    "documents": pl.Int64,  # documents read this run
    "documents_loaded": pl.Int64,  # new or changed documents written
    "sentences": pl.Int64,
    "events": pl.Int64,
    "rejected": pl.Int64,
    "ingest_errors": pl.Int64,
    "seconds": pl.Float64,
    "extractor_version": pl.Utf8,
    "model": pl.Utf8,
    "error": pl.Utf8,  # why a failed run failed; null for completed runs
    "documents_unchanged": pl.Int64,  # unchanged since the last run: skipped before parsing or at load
}

QUAD_CLASSES = (1, 2, 3, 4)
POLARITIES = ("positive", "negative")
MODALITIES = ("asserted", "reported", "hypothetical", "future", "historical")
DATE_PRECISIONS = ("day", "week", "month", "year")


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """An empty frame with the contract's columns, for batches that found nothing."""
    return pl.DataFrame(schema=schema)


def conform(rows: list[dict], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Build a frame from row dicts, in contract order and types.

    Missing keys become nulls and unknown keys are an error, so a transform that
    drifts from the contract fails loudly in tests rather than in the loader.
    """
    if not rows:
        return empty(schema)
    unknown = set().union(*(r.keys() for r in rows)) - set(schema)
    if unknown:
        raise ValueError(f"columns not in the contract: {sorted(unknown)}")
    return pl.DataFrame(
        [{name: r.get(name) for name in schema} for r in rows], schema=schema, orient="row"
    )
