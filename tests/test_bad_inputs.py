"""Hardened reading (issue #13, gap 1): a bad file or record costs itself, never the run.

Each test writes its inputs fresh into tmp_path. The fast tests go through the
reader as a run does (`fileio.inputs.DocumentReader`); the slow one runs the
real `dotterel` command on the whole fixed corpus of gap 1 (`tests/bad_inputs.py`).
The README's Reliability section names these tests.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from fileio.inputs import DocumentReader
from tests.bad_inputs import UNDECODABLE_NAME, write_gap1_corpus
from transforms.documents import Document, IngestError

ROOT = Path(__file__).resolve().parents[1]
DOTTEREL = [sys.executable, "-m", "flows.cli"]
GOOD = {"id": "good", "text": "Russia attacked Ukraine."}


def read(*paths: Path) -> tuple[dict[str, Document], list[IngestError]]:
    docs: dict[str, Document] = {}
    errors: list[IngestError] = []
    for item in DocumentReader(list(paths)):
        if isinstance(item, Document):
            docs[item.doc_id] = item
        else:
            errors.append(item)
    return docs, errors


def jsonl_beside_good(tmp_path: Path, bad_line: str) -> tuple[dict[str, Document], list[IngestError]]:
    """A JSONL file: a good record, the bad line, another good record."""
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps(GOOD), bad_line, json.dumps({"id": "after", "text": "Seoul condemned Pyongyang."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read(path)


def only_error(errors: list[IngestError]) -> IngestError:
    assert len(errors) == 1, errors
    return errors[0]


# --------------------------------------------------------------------------- records


def test_a_depth_bomb_costs_one_record(tmp_path: Path) -> None:
    docs, errors = jsonl_beside_good(tmp_path, "[" * 100_000)
    assert sorted(docs) == ["after", "good"]
    error = only_error(errors)
    assert (error.record, error.error) == ("line 2", "nested deeper than 64 levels")


def test_deep_but_parseable_nesting_is_refused_before_it_can_crash_a_later_step(tmp_path: Path) -> None:
    deep = {"id": "deep", "text": "Kim met Putin.", "extra": json.loads("[" * 500 + "]" * 500)}
    docs, errors = jsonl_beside_good(tmp_path, json.dumps(deep))
    assert "deep" not in docs
    assert only_error(errors).error == "nested deeper than 64 levels (at field 'extra[0][0]" + "[0]" * 61 + "')"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "s", "text": "Iran \ud800 fired."}, "lone surrogate in field 'text': \\ud800 is not a Unicode character"),
        ({"id": "s", "text": "ok", "title": "\udfff"}, "lone surrogate in field 'title'"),
        ({"id": "s", "text": "ok", "meta": {"k": ["\ud83d"]}}, "lone surrogate in field 'meta.k[0]'"),
        ({"id": "s", "text": "ok", "\ud800": 1}, "lone surrogate in name of field '\\ud800'"),
        ({"id": "\ud800", "text": "ok"}, "lone surrogate in field 'id'"),
    ],
)
def test_a_lone_surrogate_in_any_string_costs_one_record(tmp_path: Path, record: dict, message: str) -> None:
    docs, errors = jsonl_beside_good(tmp_path, json.dumps(record))
    assert sorted(docs) == ["after", "good"]
    assert only_error(errors).error.startswith(message)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": {"obj": 28}, "text": "Kim met Putin."}, "'id' must be a string or an integer, got an object"),
        ({"id": ["a"], "text": "Kim met Putin."}, "'id' must be a string or an integer, got an array"),
        ({"id": True, "text": "Kim met Putin."}, "'id' must be a string or an integer, got a boolean"),
        ({"id": 1.5, "text": "Kim met Putin."}, "'id' must be a string or an integer, got a number"),
        ({"id": "x", "text": None}, "'text' must be a string, got null"),
        ({"id": "x", "text": 42}, "'text' must be a string, got a number"),
        ({"id": "x", "text": {"body": "Kim met Putin."}}, "'text' must be a string, got an object"),
        ({"id": "x", "text": "Kim met Putin.", "title": 7}, "'title' must be a string, got a number"),
        ({"id": "x", "text": "Kim met Putin.", "published": 20240619}, "'published' must be a string, got a number"),
        ({"id": "x", "text": "Kim met Putin.", "url": ["https://example.org"]}, "'url' must be a string, got an array"),
        (["id", "text"], "expected an object, got an array"),
        ("just a string", "expected an object, got a string"),
        (None, "expected an object, got null"),
    ],
)
def test_wrong_json_types_are_named_in_json_terms(tmp_path: Path, record: object, message: str) -> None:
    docs, errors = jsonl_beside_good(tmp_path, json.dumps(record))
    assert sorted(docs) == ["after", "good"]
    error = only_error(errors)
    assert error.error == message
    assert not re.search(r"\b(NoneType|int|dict|list|str|float|bool)\b", error.error)


def test_an_integer_id_is_kept_as_its_digits(tmp_path: Path) -> None:
    docs, errors = jsonl_beside_good(tmp_path, json.dumps({"id": 2024061901, "text": "Kim met Putin."}))
    assert errors == [] and docs["2024061901"].text == "Kim met Putin."


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "text": "ok", "n": NaN}', "invalid JSON: NaN is not a JSON number"),
        ('{"id": "x", "text": "ok", "n": 1e999}', "invalid JSON: number 1e999 is too large"),
        ('{"id": "x", "text": "ok", "n": ' + "9" * 5000 + "}", "invalid JSON: a number of 5,000 digits"),
        ('{"id": "x", "text": "Kim met\x00 Putin."}', "NUL character in the record: at column 29"),
        ('{"id": "x", "text": "Kim met\\u0000 Putin."}', "NUL character in field 'text': at offset 7"),
    ],
)
def test_json_that_python_reads_but_a_warehouse_cannot_store_costs_one_record(tmp_path: Path, line: str, message: str) -> None:
    docs, errors = jsonl_beside_good(tmp_path, line)
    assert sorted(docs) == ["after", "good"]
    assert only_error(errors).error == message


def test_jsonl_lines_end_at_newlines_only(tmp_path: Path) -> None:
    """U+2028 is a line break to str.splitlines but legal inside a JSON string."""
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "ls", "text": "Kim met\u2028Putin."}, ensure_ascii=False) + "\n", encoding="utf-8")
    docs, errors = read(path)
    assert errors == [] and docs["ls"].text == "Kim met\u2028Putin."


def test_a_record_that_is_not_utf8_costs_itself_not_its_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        json.dumps(GOOD).encode() + b'\n{"id": "latin", "text": "Caf\xe9 bombed."}\n'
        + json.dumps({"id": "after", "text": "Seoul condemned Pyongyang."}).encode() + b"\n"
    )
    docs, errors = read(path)
    assert sorted(docs) == ["after", "good"]
    assert only_error(errors).error == "not UTF-8 text: byte 0xe9 at column 29"


def test_a_binary_file_named_jsonl_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "photo.jsonl"
    path.write_bytes(b"\n".join(bytes([0x89, 0, 0xFF, i]) for i in range(40)))
    _, errors = read(path)
    assert only_error(errors).error.startswith("binary file, not text")


# --------------------------------------------------------------------------- files and encodings


def test_nul_after_the_first_8_kb_is_refused(tmp_path: Path) -> None:
    (tmp_path / "late.txt").write_bytes(b"Kim met Putin. " * 1000 + b"\x00")
    (tmp_path / "good.txt").write_text("Russia attacked Ukraine.", encoding="utf-8")
    docs, errors = read(tmp_path)
    assert sorted(docs) == ["good.txt"]
    error = only_error(errors)
    assert error.source_path.endswith("late.txt")
    assert error.error == "not a text file: NUL character at line 1, column 15001"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig"])
@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv"])
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path, codec: str, suffix: str) -> None:
    text = "Seoul condemned Pyongyang’s launch."
    content = {
        ".txt": text,
        ".jsonl": json.dumps({"id": "r1", "text": text}, ensure_ascii=False) + "\n",
        ".csv": f'id,text\nr1,"{text}"\n',
    }[suffix]
    data = content.encode(codec)
    if codec.endswith("-be"):  # Python writes no BOM for an explicit byte order
        data = ("\ufeff" + content).encode(codec)
    (tmp_path / f"doc{suffix}").write_bytes(data)
    docs, errors = read(tmp_path)
    assert errors == []
    assert [d.text for d in docs.values()] == [text]


def test_utf16_without_a_bom_is_refused_saying_what_it_needs(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_bytes("Kim met Putin.".encode("utf-16-le"))
    error = only_error(read(tmp_path)[1])
    assert error.error.startswith("binary file, not text") and "needs a byte-order mark" in error.error


def test_broken_utf16_is_named_as_utf16(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_bytes("Kim met Putin.".encode("utf-16") + b"\x00\xd8")  # a lone high surrogate
    assert only_error(read(tmp_path)[1]).error.startswith("not UTF-16 text")


def test_a_file_name_that_is_not_utf8_is_read_and_named_escaped(tmp_path: Path) -> None:
    name = os.fsdecode(UNDECODABLE_NAME)
    (tmp_path / name).write_text("France expelled Russian diplomats.", encoding="utf-8")
    (tmp_path / os.fsdecode(b"bad\xff.txt")).write_bytes(b"")  # and an error about such a file names it escaped
    docs, errors = read(tmp_path)
    assert list(docs) == ["caf\\xe9 report.txt"]
    assert docs["caf\\xe9 report.txt"].source_path.endswith("/caf\\xe9 report.txt")
    error = only_error(errors)
    assert error.source_path.endswith("/bad\\xff.txt") and error.error == "empty file"
    for text in (docs["caf\\xe9 report.txt"].doc_id, docs["caf\\xe9 report.txt"].source_path, error.source_path):
        text.encode("utf-8")  # storable: no surrogate left


def test_a_single_input_file_with_an_undecodable_name(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(UNDECODABLE_NAME)
    path.write_text("France expelled Russian diplomats.", encoding="utf-8")
    docs, errors = read(path)
    assert errors == [] and list(docs) == ["caf\\xe9 report.txt"]


# --------------------------------------------------------------------------- CSV


def csv_file(tmp_path: Path, rows: list[str]) -> tuple[dict[str, Document], list[IngestError]]:
    path = tmp_path / "rows.csv"
    path.write_text("\n".join(["id,text"] + rows) + "\n", encoding="utf-8")
    return read(path)


def test_an_unclosed_quote_is_an_error_naming_its_row_and_the_next_rows_load(tmp_path: Path) -> None:
    rows = ['c0,"Seoul condemned Pyongyang.'] + [f"c{i},China warned Taiwan {i} times." for i in range(1, 11)]
    docs, errors = csv_file(tmp_path, rows)
    assert sorted(docs) == sorted(f"c{i}" for i in range(1, 11))
    assert docs["c3"].text == "China warned Taiwan 3 times."
    error = only_error(errors)
    assert (error.record, error.error) == ("row 2", "malformed CSV at line 2: a quote opened here is never closed")


def test_an_unclosed_quote_that_meets_a_later_quote_is_still_its_own_rows_error(tmp_path: Path) -> None:
    docs, errors = csv_file(tmp_path, ['c0,"Seoul condemned', "c1,Kim met Putin.", 'c2,"Israel struck Gaza."'])
    assert sorted(docs) == ["c1", "c2"]
    error = only_error(errors)
    assert error.record == "row 2"
    assert error.error == "malformed CSV at line 2: a quote opened here is not closed properly (its field runs on into line 4)"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('c0,"Kim" met Putin.', "text after a closing quote (a quote inside a field must be doubled)"),
        ('c0,Kim met "Putin."', "a quote inside an unquoted field (quote the whole field and double the quote)"),
        ('c0, "Kim met Putin."', "a quote inside an unquoted field"),
        ("c0,Kim,met,Putin.", "4 fields where the header names 2"),
        ("c0", "1 field where the header names 2"),
    ],
)
def test_stray_quotes_and_wrong_field_counts_are_errors_naming_the_row(tmp_path: Path, row: str, message: str) -> None:
    docs, errors = csv_file(tmp_path, ["c1,Seoul condemned Pyongyang.", row, '"c2","He said ""no"", twice."'])
    assert sorted(docs) == ["c1", "c2"] and docs["c2"].text == 'He said "no", twice.'
    error = only_error(errors)
    assert error.record == "row 3" and error.error.startswith(f"malformed CSV at line 3: {message}")


def test_quoted_fields_may_span_lines_and_rows_are_counted_as_records(tmp_path: Path) -> None:
    docs, errors = csv_file(tmp_path, ['c1,"Kim met Putin.\n\nThey signed a pact."', "", 'c2,"x"y'])
    assert docs["c1"].text == "Kim met Putin.\n\nThey signed a pact."
    assert [(e.record, e.error.split(":")[0]) for e in errors] == [("row 4", "malformed CSV at line 6")]


def test_a_csv_cell_that_is_not_utf8_costs_its_row(tmp_path: Path) -> None:
    (tmp_path / "rows.csv").write_bytes(b"id,text\nc1,Caf\xe9 bombed.\nc2,Kim met Putin.\n")
    docs, errors = read(tmp_path)
    assert list(docs) == ["c2"]
    assert only_error(errors).error == "not UTF-8 text: byte 0xe9 at offset 3 of field 'text'"


def test_a_header_naming_a_column_twice_is_refused(tmp_path: Path) -> None:
    (tmp_path / "rows.csv").write_text("id,text,text\nc1,a,b\n", encoding="utf-8")
    assert only_error(read(tmp_path)[1]).error == "CSV header names a column twice: text"


# --------------------------------------------------------------------------- symlinks and special files


def test_symlink_loops_and_dangling_links_are_recorded_and_good_links_followed(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("Kim met Putin.", encoding="utf-8")
    (root / "sub" / "up").symlink_to("..")
    (root / "self.txt").symlink_to("self.txt")
    (root / "gone.txt").symlink_to("missing.txt")
    (root / "alias.txt").symlink_to("sub/a.txt")
    docs, errors = read(root)
    assert sorted(docs) == ["alias.txt", "sub/a.txt"]
    by_name = {Path(e.source_path).relative_to(root).as_posix(): e.error for e in errors}
    assert by_name == {
        "gone.txt": "dangling symlink: its target missing.txt does not exist",
        "self.txt": "symlink loop: the link leads back to itself",
        "sub/up": f"symlink loop: the link leads back to a directory it is in ({root})",
    }


def test_a_symlinked_directory_is_read(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("Kim met Putin.", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "feeds").symlink_to(tmp_path / "real")
    docs, errors = read(tmp_path / "in")
    assert errors == [] and list(docs) == ["feeds/a.txt"]


def test_a_fifo_is_recorded_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text("Kim met Putin.", encoding="utf-8")
    docs, errors = read(tmp_path)
    assert list(docs) == ["good.txt"]
    assert only_error(errors).error == "a FIFO, not a file: not read"
    assert only_error(read(tmp_path / "pipe.txt")[1]).error == "a FIFO, not a file: not read"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Kim met Putin.", encoding="utf-8")
    path.chmod(0)
    assert only_error(read(tmp_path)[1]).error == "cannot be read: Permission denied"


# --------------------------------------------------------------------------- the fixed corpus of gap 1


def relative(error: IngestError, root: Path) -> str:
    return Path(error.source_path).relative_to(root).as_posix()


def test_gap1_corpus_every_bad_input_is_recorded_and_every_good_document_read(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    want = write_gap1_corpus(root)
    docs, errors = read(root)
    assert {d: doc.text for d, doc in docs.items()} == want.good
    got = {(relative(e, root), e.record): e.error for e in errors}
    assert set(got) == set(want.bad)
    for key, part in want.bad.items():
        assert part in got[key], (key, got[key])
    assert len(docs) + len(errors) == want.inputs


@pytest.mark.slow
def test_gap1_corpus_run_exits_0_and_loads_every_good_document(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    want = write_gap1_corpus(root)
    warehouse = tmp_path / "w.duckdb"
    env = {**os.environ, "DOTTEREL_STAGING_DIR": str(tmp_path / "staging")}
    out = subprocess.run(
        DOTTEREL + ["run", "--input", str(root), "--warehouse", str(warehouse), "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert (summary["documents"], summary["ingest_errors"]) == (len(want.good), len(want.bad))
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        stored = dict(conn.execute("SELECT doc_id, text FROM documents").fetchall())
        recorded = conn.execute("SELECT source_path, record, error FROM ingest_errors").fetchall()
        runs = conn.execute("SELECT status, documents, ingest_errors FROM runs").fetchall()
    finally:
        conn.close()
    assert stored == want.good
    assert {(Path(p).relative_to(root).as_posix(), r) for p, r, _ in recorded} == set(want.bad)
    assert runs == [("completed", len(want.good), len(want.bad))]
