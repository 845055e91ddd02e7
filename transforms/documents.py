"""Documents, and bad input as ingest errors.

A run must never crash on, or lose good documents beside, a bad file or
record: every problem becomes an `IngestError` with a reason a user can act
on, and reading carries on. How a file's bytes become documents is
`transforms/formats.py`; walking and reading the files, `fileio/inputs.py`.
"""

from __future__ import annotations

import codecs
import hashlib
import re
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
    # The text as the parser reads it when that differs from `text` (Markdown with
    # its markup blanked, `transforms/markup.py`): same length, so offsets found in
    # it index `text` exactly.
    reading_text: str | None = None

    @property
    def parse_text(self) -> str:
        return self.text if self.reading_text is None else self.reading_text

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


#: Byte-order marks and the codec each names; UTF-32's before UTF-16's, whose
#: little-endian mark is the first half of UTF-32's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
#: How much of a file without a byte-order mark is sniffed for NUL bytes.
SNIFF_BYTES = 8192


def decode_text(data: bytes, per_record: bool = False) -> str:
    """Decode UTF-8, or UTF-16/32 announced by a byte-order mark; refuse the rest.

    Guessing an encoding would silently corrupt offsets and names, so a file we
    cannot read exactly is an ingest error instead. A one-document file is
    sniffed for NUL bytes (binary) first. A record format (`per_record`: JSONL,
    CSV) is not: its UTF-8 is decoded with surrogateescape, so that a NUL or a
    byte that is not UTF-8 costs only the record it is in
    (`transforms.records.check_decoded`), never the good records beside it.
    """
    codec, name = "utf-8", "UTF-8"
    for bom, bom_codec, bom_name in _BOMS:
        if data.startswith(bom):
            codec, name = bom_codec, bom_name
            break
    else:
        nul = -1 if per_record else data.find(b"\x00", 0, SNIFF_BYTES)
        if nul >= 0:
            raise ValueError(
                f"binary file, not text: NUL byte at offset {nul} "
                "(UTF-16 or UTF-32 text needs a byte-order mark)"
            )
    lenient = per_record and name == "UTF-8"
    try:
        text = data.decode(codec, "surrogateescape" if lenient else "strict")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"not {name} text: {exc.reason} at byte offset {exc.start} (0x{data[exc.start]:02x})"
        ) from exc
    if not text.strip():
        raise ValueError("empty file")
    return text


def check_nul(text: str) -> None:
    """A document's text holds no NUL: it is not text but a binary or broken file."""
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - text.rfind("\n", 0, nul)
        raise ValueError(f"not a text file: NUL character at line {line}, column {column}")


_SPACE_BEFORE_CLOSING = re.compile(r" (?=[.,;:!?)\]}])")
_SPACE_AFTER_OPENING = re.compile(r"(?<=[(\[{]) ")


def one_line(text: str) -> str:
    """A sentence as one table cell: trimmed, every run of whitespace one space.

    Evidence sentences are read in reports, BI tables and CSV exports, where a
    trailing blank line or a line break splits a cell over lines, and where the
    gaps a Markdown reading view leaves (markup blanked to spaces: "on *Iran*.")
    are noise, down to a space before a full stop. Offsets never point into it
    (they index `documents.text`), so nothing is lost by normalising it.
    """
    single = " ".join(text.split())
    return _SPACE_AFTER_OPENING.sub("", _SPACE_BEFORE_CLOSING.sub("", single))


def make_document(
    doc_id: str, source_path: str, text: str, fields: dict | None = None, reading_text: str | None = None
) -> Document:
    """Apply metadata, then the text's own date line or dateline, in that order.

    `reading_text` is the text as the parser should read it (same length as
    `text`); the date line and dateline are looked for in it too.
    """
    if reading_text is not None and len(reading_text) != len(text):
        raise ValueError("a reading view must keep the text's length")
    fields = dict(fields or {})
    metadata = {k: v for k, v in fields.items() if k not in KNOWN_FIELDS}
    published = parse_published(fields.get("published"))
    from_text = published_from_text(
        text if reading_text is None else reading_text, year_hint=published.year if published else None
    )
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
        reading_text=None if reading_text == text else reading_text,
    )
