"""Reading raw inputs into documents, and bad input into ingest errors.

A run must never crash on, or lose good documents beside, a bad file or
record: every problem becomes an `IngestError` with a reason a user can act
on, and reading carries on. Reading is a generator so memory does not grow
with corpus size; only the set of doc_ids seen (to refuse duplicates) grows.

Input forms:
- `.txt` / `.md`: one document per file; doc_id is the path relative to the
  input root. A `manifest.jsonl` in a directory gives metadata (title,
  source, url, published, anything else) for the text files beside it, keyed
  by `id` = the file's path relative to the manifest's directory.
- `.jsonl` / `.csv`: one document per record with `id` and `text`, optional
  `title`, `published`, `source`, `url`; other fields are kept as metadata.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from transforms.dates import published_from_text

TEXT_SUFFIXES = frozenset({".txt", ".md"})
RECORD_SUFFIXES = frozenset({".jsonl", ".csv"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | RECORD_SUFFIXES
MANIFEST_NAME = "manifest.jsonl"
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


class InputNotFound(Exception):
    """A path given on the command line does not exist (a usage error)."""


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


def _record_fields(raw: dict) -> dict:
    doc_id = raw.get("id")
    if doc_id is None or str(doc_id).strip() == "":
        raise ValueError("record has no 'id'")
    text = raw.get("text")
    if not isinstance(text, str):
        raise ValueError("record has no 'text' string")
    if not text.strip():
        raise ValueError("record 'text' is empty")
    return raw


def _load_manifest(path: Path) -> tuple[dict[str, dict], list[IngestError]]:
    entries: dict[str, dict] = {}
    errors: list[IngestError] = []
    try:
        text = decode_text(path.read_bytes())
    except (OSError, ValueError) as exc:
        return entries, [IngestError(str(path), None, f"manifest unreadable: {exc}")]
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not record.get("id"):
                raise ValueError("manifest record needs an 'id' naming a file")
            parse_published(record.get("published"))
        except (json.JSONDecodeError, ValueError) as exc:
            errors.append(IngestError(str(path), f"line {line_no}", f"bad manifest record: {exc}"))
            continue
        entries[str(record["id"])] = record
    return entries, errors


class DocumentReader:
    """Walks input paths lazily and yields documents and ingest errors in order."""

    def __init__(self, inputs: Sequence[Path]):
        self.inputs = [Path(p) for p in inputs]
        missing = [str(p) for p in self.inputs if not p.exists()]
        if missing:
            raise InputNotFound(f"input path does not exist: {', '.join(missing)}")
        self._seen: dict[str, str] = {}
        self._manifests: dict[Path, dict[str, dict]] = {}

    def files(self) -> list[tuple[Path, Path]]:
        """(root, file) pairs in a stable order; a cheap listing for progress bars."""
        pairs: list[tuple[Path, Path]] = []
        for item in self.inputs:
            if item.is_dir():
                for path in sorted(item.rglob("*")):
                    rel = path.relative_to(item)
                    if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                        continue
                    if path.name == MANIFEST_NAME:
                        continue
                    pairs.append((item, path))
            else:
                pairs.append((item.parent, item))
        return pairs

    def __iter__(self) -> Iterator[Document | IngestError]:
        for root, path in self.files():
            yield from self.read_file(root, path)

    def read_file(self, root: Path, path: Path) -> Iterator[Document | IngestError]:
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            yield IngestError(
                str(path), None,
                f"unsupported file type {suffix or '(none)'}: expected .txt, .md, .jsonl or .csv",
            )
            return
        try:
            text = decode_text(path.read_bytes())
        except (OSError, ValueError) as exc:
            yield IngestError(str(path), None, str(exc))
            return
        if suffix in TEXT_SUFFIXES:
            yield from self._text_document(root, path, text)
        elif suffix == ".jsonl":
            yield from self._jsonl_records(path, text)
        else:
            yield from self._csv_records(path, text)

    def _manifest_for(self, path: Path) -> tuple[dict | None, list[IngestError]]:
        errors: list[IngestError] = []
        for directory in path.parents:
            if directory not in self._manifests:
                manifest = directory / MANIFEST_NAME
                if manifest.is_file():
                    self._manifests[directory], errors = _load_manifest(manifest)
                else:
                    self._manifests[directory] = {}
            entry = self._manifests[directory].get(path.relative_to(directory).as_posix())
            if entry is not None:
                return entry, errors
            if any(p.startswith("..") for p in path.relative_to(directory).parts):
                break
        return None, errors

    def _claim(self, doc_id: str, source: str) -> IngestError | None:
        first = self._seen.get(doc_id)
        if first is not None:
            return IngestError(source, None, f"duplicate doc_id {doc_id!r} (first read from {first})")
        self._seen[doc_id] = source
        return None

    def _text_document(self, root: Path, path: Path, text: str) -> Iterator[Document | IngestError]:
        manifest_entry, manifest_errors = self._manifest_for(path)
        yield from manifest_errors
        doc_id = path.relative_to(root).as_posix()
        duplicate = self._claim(doc_id, str(path))
        if duplicate:
            yield duplicate
            return
        fields = {k: v for k, v in (manifest_entry or {}).items() if k not in ("id", "text")}
        try:
            yield make_document(doc_id, str(path), text, fields)
        except ValueError as exc:
            yield IngestError(str(path), None, str(exc))

    def _record_document(self, path: Path, where: str, raw: object) -> Document | IngestError:
        try:
            if not isinstance(raw, dict):
                raise ValueError(f"record is a {type(raw).__name__}, not an object")
            fields = _record_fields(raw)
            doc_id = str(fields["id"]).strip()
            duplicate = self._claim(doc_id, f"{path}:{where}")
            if duplicate:
                return IngestError(str(path), where, duplicate.error)
            return make_document(doc_id, str(path), fields["text"], fields)
        except ValueError as exc:
            return IngestError(str(path), where, str(exc))

    def _jsonl_records(self, path: Path, text: str) -> Iterator[Document | IngestError]:
        for line_no, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                yield IngestError(str(path), f"line {line_no}", f"invalid JSON: {exc.msg} at column {exc.colno}")
                continue
            yield self._record_document(path, f"line {line_no}", raw)

    def _csv_records(self, path: Path, text: str) -> Iterator[Document | IngestError]:
        csv.field_size_limit(1 << 30)
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        if "id" not in header or "text" not in header:
            yield IngestError(str(path), None, f"CSV header must include 'id' and 'text' (found: {', '.join(header) or 'nothing'})")
            return
        try:
            for row_no, row in enumerate(reader, start=2):
                if None in row:
                    yield IngestError(str(path), f"row {row_no}", "more fields than the header names")
                    continue
                yield self._record_document(path, f"row {row_no}", row)
        except csv.Error as exc:
            yield IngestError(str(path), f"row {reader.line_num}", f"malformed CSV: {exc}")
