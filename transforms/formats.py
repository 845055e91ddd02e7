"""Input formats: how the bytes of one input file become documents (pure).

The IO side (`fileio/inputs.py`) walks the inputs, reads each file's bytes
(and, for a one-document file, its manifest metadata) and hands them here
as an `InputFile`; `FORMATS` says, by file suffix, which reader makes
documents and ingest errors of them. A new input format is one reader
function and one row of `FORMATS`.

- `.txt` / `.md`: one document per file; doc_id is the path relative to the
  input root, metadata from the directory's `manifest.jsonl`.
- `.jsonl` / `.csv`: one document per record with `id` and `text`, optional
  `title`, `published`, `source`, `url`; other fields are kept as metadata.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from transforms.documents import Document, IngestError, decode_text, make_document, parse_published

MANIFEST_NAME = "manifest.jsonl"


@dataclass(frozen=True)
class InputFile:
    """One input file as the IO side hands it over."""

    label: str  # its path as given: a document's source_path, and the name in messages
    name: str  # its path relative to the input root: the doc_id of a one-document file
    data: bytes
    fields: dict = field(default_factory=dict)  # manifest metadata of a one-document file


class DocIds:
    """The doc_ids handed out so far in a run; a second document with one is an error."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def claim(self, doc_id: str, source: str) -> IngestError | None:
        first = self._seen.get(doc_id)
        if first is not None:
            return IngestError(source, None, f"duplicate doc_id {doc_id!r} (first read from {first})")
        self._seen[doc_id] = source
        return None


Reader = Callable[[InputFile, str, DocIds], Iterator[Document | IngestError]]


@dataclass(frozen=True)
class InputFormat:
    read: Reader  # (file, its decoded text, the run's doc_ids) -> documents and ingest errors
    one_per_file: bool  # one document per file, named by its path, with manifest metadata


def text_document(file: InputFile, text: str, ids: DocIds) -> Iterator[Document | IngestError]:
    duplicate = ids.claim(file.name, file.label)
    if duplicate:
        yield duplicate
        return
    fields = {k: v for k, v in file.fields.items() if k not in ("id", "text")}
    try:
        yield make_document(file.name, file.label, text, fields)
    except ValueError as exc:
        yield IngestError(file.label, None, str(exc))


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


def _record_document(file: InputFile, where: str, raw: object, ids: DocIds) -> Document | IngestError:
    try:
        if not isinstance(raw, dict):
            raise ValueError(f"record is a {type(raw).__name__}, not an object")
        fields = _record_fields(raw)
        doc_id = str(fields["id"]).strip()
        duplicate = ids.claim(doc_id, f"{file.label}:{where}")
        if duplicate:
            return IngestError(file.label, where, duplicate.error)
        return make_document(doc_id, file.label, fields["text"], fields)
    except ValueError as exc:
        return IngestError(file.label, where, str(exc))


def jsonl_records(file: InputFile, text: str, ids: DocIds) -> Iterator[Document | IngestError]:
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(file.label, f"line {line_no}", f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        yield _record_document(file, f"line {line_no}", raw, ids)


def csv_records(file: InputFile, text: str, ids: DocIds) -> Iterator[Document | IngestError]:
    csv.field_size_limit(1 << 30)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if "id" not in header or "text" not in header:
        yield IngestError(file.label, None, f"CSV header must include 'id' and 'text' (found: {', '.join(header) or 'nothing'})")
        return
    try:
        for row_no, row in enumerate(reader, start=2):
            if None in row:
                yield IngestError(file.label, f"row {row_no}", "more fields than the header names")
                continue
            yield _record_document(file, f"row {row_no}", row, ids)
    except csv.Error as exc:
        yield IngestError(file.label, f"row {reader.line_num}", f"malformed CSV: {exc}")


#: File suffix (lower case) -> input format.
FORMATS: dict[str, InputFormat] = {
    ".txt": InputFormat(text_document, one_per_file=True),
    ".md": InputFormat(text_document, one_per_file=True),
    ".jsonl": InputFormat(jsonl_records, one_per_file=False),
    ".csv": InputFormat(csv_records, one_per_file=False),
}


def unsupported(label: str, suffix: str) -> IngestError:
    known = list(FORMATS)
    expected = ", ".join(known[:-1]) + f" or {known[-1]}" if len(known) > 1 else known[0]
    return IngestError(label, None, f"unsupported file type {suffix or '(none)'}: expected {expected}")


def read_input(fmt: InputFormat, file: InputFile, ids: DocIds) -> Iterator[Document | IngestError]:
    """The documents and ingest errors of one input file."""
    try:
        text = decode_text(file.data)
    except ValueError as exc:
        yield IngestError(file.label, None, str(exc))
        return
    yield from fmt.read(file, text, ids)


def parse_manifest(label: str, data: bytes) -> tuple[dict[str, dict], list[IngestError]]:
    """A manifest.jsonl: metadata records keyed by `id` (a file name relative to the manifest)."""
    entries: dict[str, dict] = {}
    errors: list[IngestError] = []
    try:
        text = decode_text(data)
    except ValueError as exc:
        return entries, [IngestError(label, None, f"manifest unreadable: {exc}")]
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not record.get("id"):
                raise ValueError("manifest record needs an 'id' naming a file")
            parse_published(record.get("published"))
        except (json.JSONDecodeError, ValueError) as exc:
            errors.append(IngestError(label, f"line {line_no}", f"bad manifest record: {exc}"))
            continue
        entries[str(record["id"])] = record
    return entries, errors
