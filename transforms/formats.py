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

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from transforms.csvrows import CsvError, CsvRow, strict_csv_rows
from transforms.documents import Document, IngestError, check_nul, decode_text, make_document, parse_published
from transforms.markup import reading_view
from transforms.records import (
    NotText, RecordError, check_decoded, check_text_fields, check_values, json_type, parse_json, record_fields, shown,
)

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


def text_document(
    file: InputFile, text: str, ids: DocIds, reading_text: str | None = None
) -> Iterator[Document | IngestError]:
    fields = {k: v for k, v in file.fields.items() if k not in ("id", "text")}
    try:
        check_nul(text)
        document = make_document(file.name, file.label, text, fields, reading_text)
    except ValueError as exc:
        yield IngestError(file.label, None, str(exc))
        return
    yield ids.claim(file.name, file.label) or document


def markdown_document(file: InputFile, text: str, ids: DocIds) -> Iterator[Document | IngestError]:
    """A Markdown file is one document whose parser reads it without its markup."""
    yield from text_document(file, text, ids, reading_view(text))


def _record_document(file: InputFile, where: str, raw: object, ids: DocIds) -> Document | IngestError:
    """One record as a document, or as the error that says why it cannot be one.

    Anything a record can do is caught here, for that record alone: the good
    records beside it must still load.
    """
    try:
        doc_id, fields = record_fields(raw)
        duplicate = ids.claim(doc_id, f"{file.label}:{where}")
        if duplicate:
            return IngestError(file.label, where, duplicate.error)
        return make_document(doc_id, file.label, fields["text"], fields)
    except ValueError as exc:
        return IngestError(file.label, where, str(exc))
    except Exception as exc:  # a reader bug must cost one record, never the run
        return IngestError(file.label, where, f"unreadable record ({type(exc).__name__}): {exc}")


def jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of a JSONL text, split at "\\n" only: JSON strings may hold U+2028."""
    for line_no, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.strip():
            yield line_no, line


#: A JSONL file whose first this many lines all hold NULs or bytes that are not
#: UTF-8 is a binary file: one error for it, not one per line.
BINARY_LINES = 20


def jsonl_records(file: InputFile, text: str, ids: DocIds) -> Iterator[Document | IngestError]:
    leading: list[IngestError] | None = []  # the leading lines that are not text, while all are
    for line_no, line in jsonl_lines(text):
        where = f"line {line_no}"
        try:
            raw = parse_json(line)
        except RecordError as exc:
            error = IngestError(file.label, where, str(exc))
            if leading is not None and isinstance(exc, NotText):
                leading.append(error)
                if len(leading) == BINARY_LINES:
                    yield IngestError(
                        file.label, None,
                        f"binary file, not text: its first {BINARY_LINES} lines hold NUL bytes or bytes that are not UTF-8",
                    )
                    return
                continue
            yield from leading or ()
            leading = None
            yield error
            continue
        yield from leading or ()
        leading = None
        yield _record_document(file, where, raw, ids)
    yield from leading or ()


def csv_records(file: InputFile, text: str, ids: DocIds) -> Iterator[Document | IngestError]:
    rows = strict_csv_rows(text)
    first = next(rows, None)
    if first is None or isinstance(first, CsvError) or not first.cells:
        problem = f": {first.reason}" if isinstance(first, CsvError) else ""
        yield IngestError(file.label, None, f"CSV header unreadable{problem}")
        return
    try:
        for name in first.cells:
            check_decoded(name)
    except RecordError as exc:
        yield IngestError(file.label, None, f"CSV header unreadable: {exc}")
        return
    header = [name.strip() for name in first.cells]
    if "id" not in header or "text" not in header:
        yield IngestError(file.label, None, f"CSV header must include 'id' and 'text' (found: {shown(', '.join(header)) or 'nothing'})")
        return
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        yield IngestError(file.label, None, f"CSV header names a column twice: {shown(', '.join(repeated))}")
        return
    for row in rows:
        where = f"row {row.number}"
        if isinstance(row, CsvRow) and not row.cells:
            continue  # a blank line
        if isinstance(row, CsvError):
            yield IngestError(file.label, where, f"malformed CSV at line {row.line}: {row.reason}")
        elif len(row.cells) != len(header):
            fields = f"{len(row.cells)} field{'s' if len(row.cells) != 1 else ''}"
            yield IngestError(
                file.label, where, f"malformed CSV at line {row.line}: {fields} where the header names {len(header)}"
            )
        else:
            try:
                record = _decoded_row(header, row.cells)
            except RecordError as exc:
                yield IngestError(file.label, where, str(exc))
                continue
            yield _record_document(file, where, record, ids)


def _decoded_row(header: list[str], cells: list[str]) -> dict:
    for name, cell in zip(header, cells):
        check_decoded(cell, name)
    return dict(zip(header, cells))


#: File suffix (lower case) -> input format.
FORMATS: dict[str, InputFormat] = {
    ".txt": InputFormat(text_document, one_per_file=True),
    ".md": InputFormat(markdown_document, one_per_file=True),
    ".jsonl": InputFormat(jsonl_records, one_per_file=False),
    ".csv": InputFormat(csv_records, one_per_file=False),
}


def unsupported(label: str, suffix: str) -> IngestError:
    known = list(FORMATS)
    expected = ", ".join(known[:-1]) + f" or {known[-1]}" if len(known) > 1 else known[0]
    return IngestError(label, None, f"unsupported file type {suffix or '(none)'}: expected {expected}")


def read_input(fmt: InputFormat, file: InputFile, ids: DocIds) -> Iterator[Document | IngestError]:
    """The documents and ingest errors of one input file; nothing in it can stop the run."""
    try:
        text = decode_text(file.data, per_record=not fmt.one_per_file)
    except ValueError as exc:
        yield IngestError(file.label, None, str(exc))
        return
    try:
        yield from fmt.read(file, text, ids)
    except Exception as exc:  # a reader bug costs the rest of this file, never the run
        yield IngestError(file.label, None, f"file not read to its end ({type(exc).__name__}): {exc}")


def parse_manifest(label: str, data: bytes) -> tuple[dict[str, dict], list[IngestError]]:
    """A manifest.jsonl: metadata records keyed by `id` (a file name relative to the manifest)."""
    entries: dict[str, dict] = {}
    errors: list[IngestError] = []
    try:
        text = decode_text(data)
    except ValueError as exc:
        return entries, [IngestError(label, None, f"manifest unreadable: {exc}")]
    for line_no, line in jsonl_lines(text):
        try:
            record = parse_json(line)
            if not isinstance(record, dict):
                raise RecordError(f"expected an object, got {json_type(record)}")
            check_values(record)
            name = record.get("id")
            if not isinstance(name, str) or not name.strip():
                raise RecordError(f"manifest record needs an 'id' naming a file, got {json_type(name) if name != '' else 'an empty string'}")
            check_text_fields(record)
            parse_published(record.get("published"))
        except ValueError as exc:
            errors.append(IngestError(label, f"line {line_no}", f"bad manifest record: {exc}"))
            continue
        entries[name] = record
    return entries, errors
