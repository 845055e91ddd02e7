"""Ingest-error messages fold into reasons that group records skipped for the same cause."""

from __future__ import annotations

import pytest

from warehouse.reasons import ingest_error_reason, top_reasons


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("duplicate doc_id 'ap-17' (first read from a.jsonl)", "duplicate doc_id …"),
        ("invalid JSON: Expecting value at column 3", "invalid JSON"),
        ("record has no 'id'", "record has no 'id'"),
        ("not UTF-8 text: byte 0xff at offset 3", "not UTF-8 text"),
        ("unsupported file type .pdf: expected .txt, .md, .jsonl or .csv", "unsupported file type .pdf"),
        ("published '2024-13-01' is not an ISO date (YYYY-MM-DD)", "published … is not an ISO date"),
        ("extraction failed: ValueError: boom", "extraction failed"),
        ("line 12 has 3 fields", "line N has N fields"),
        ("", "unknown"),
        (None, "unknown"),
    ],
)
def test_reason_of_a_message(message, reason):
    assert ingest_error_reason(message) == reason


def test_top_reasons_count_and_rank():
    messages = [
        "invalid JSON: Expecting value at column 1",
        "invalid JSON: Extra data at column 9",
        "duplicate doc_id 'a' (first read from x)",
        "duplicate doc_id 'b' (first read from y)",
        "duplicate doc_id 'c' (first read from y)",
        "empty file",
    ]
    assert top_reasons(messages) == [("duplicate doc_id …", 3), ("invalid JSON", 2), ("empty file", 1)]
    assert top_reasons(messages, limit=1) == [("duplicate doc_id …", 3)]
