"""Documents, and bad input as ingest errors.

A run must never crash on, or lose good documents beside, a bad file or
record: every problem becomes an `IngestError` with a reason a user can act
on, and reading carries on. How a file's bytes become documents is
`transforms/formats.py`; walking and reading the files, `fileio/inputs.py`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from transforms.dates import published_from_text

KNOWN_FIELDS = ("id", "text", "title", "published", "source", "url")


@dataclass(frozen=True)
class Document:
    """One document ready for NLP, with the text offsets will index."""

    doc_id: str
    source_path: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published_date: date | None = None
    published_date_origin: str = "none"  # metadata | date_line | dateline | none
    dateline_place: str | None = None
    body_start: int = 0  # where the article starts after a date line or dateline
    metadata: dict = field(default_factory=dict)

    @property
    def content_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IngestError:
    """A file or record that could not become a document, and why."""

    source_path: str
    record: str | None
    error: str


def parse_published(value: object) -> date | None:
    """Accept ISO dates and datetimes; refuse anything else rather than guess."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError as exc:
        raise ValueError(f"published {text!r} is not an ISO date (YYYY-MM-DD)") from exc


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM); binary and other encodings are refused.

    Guessing an encoding would silently corrupt offsets and names, so a file we
    cannot read exactly is an ingest error instead.
    """
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from exc


def make_document(
    doc_id: str, source_path: str, text: str, fields: dict | None = None
) -> Document:
    """Apply metadata, then the text's own date line or dateline, in that order."""
    fields = dict(fields or {})
    metadata = {k: v for k, v in fields.items() if k not in KNOWN_FIELDS}
    published = parse_published(fields.get("published"))
    from_text = published_from_text(text, year_hint=published.year if published else None)
    if published is not None:
        origin = "metadata"
    elif from_text.date is not None:
        published, origin = from_text.date, from_text.origin
    else:
        origin = "none"

    def text_field(name: str) -> str | None:
        value = fields.get(name)
        return None if value is None or str(value).strip() == "" else str(value)

    return Document(
        doc_id=doc_id,
        source_path=source_path,
        text=text,
        title=text_field("title"),
        source=text_field("source"),
        url=text_field("url"),
        published_date=published,
        published_date_origin=origin,
        dateline_place=from_text.place,
        body_start=from_text.body_start,
        metadata=metadata,
    )
