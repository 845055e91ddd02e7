"""Hardened reading as a property (issue #13): random malformed files and records beside good ones.

Hypothesis writes an input tree: good documents (text and Markdown files, JSONL
records, CSV rows, files with names that are not UTF-8, symlinks to good files)
among bad inputs of every kind gap 1 lists and random ones (random bytes, random
lines, depth bombs, wrong JSON types, lone surrogates, NULs anywhere, bad
encodings, broken and stray CSV quotes, symlink loops, dangling links, FIFOs,
unsupported types). It knows how many inputs it wrote and which are good.

- `test_reader_*` (fast, many examples): reading never raises, every good
  document is read with its exact text, documents + ingest errors = inputs,
  and everything read can be stored (no surrogate, no NUL).
- `test_run_*` (slow, a few examples, the real `dotterel` command): exit 0,
  every good document is in the warehouse, documents + ingest_errors = inputs,
  and the load is one transaction: the same run failing just before COMMIT
  leaves no row of it behind.

A CSV bad row here is one line that is malformed on its own and never ends in
a quote: an unclosed quote followed by a line that ends in one is a valid
multi-line cell to any CSV parser, so no reader can call it an error.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from fileio.inputs import DocumentReader
from transforms.documents import Document

ROOT = Path(__file__).resolve().parents[1]
DOTTEREL = [sys.executable, "-m", "flows.cli"]

# --------------------------------------------------------------------------- what is written


@dataclass
class Tree:
    """Files to write (relative path -> bytes, or a symlink target, or a FIFO) and what they hold."""

    files: dict[bytes, bytes] = field(default_factory=dict)
    links: dict[bytes, bytes] = field(default_factory=dict)
    fifos: list[bytes] = field(default_factory=list)
    good: dict[str, str] = field(default_factory=dict)  # doc_id -> text
    inputs: int = 0

    def write(self, root: Path) -> None:
        base = os.fsencode(root)
        for rel, data in self.files.items():
            path = os.path.join(base, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
        for rel, target in self.links.items():
            path = os.path.join(base, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            os.symlink(target, path)
        for rel in self.fifos:
            path = os.path.join(base, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            os.mkfifo(path)


# Good text: a document starts with a word; then words, punctuation, quotes, line breaks, any script.
WORDS = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x00"),
    min_size=1, max_size=60,
)
GOOD_TEXT = st.builds(
    lambda first, rest, breaks: first + "".join(w + b for w, b in zip(rest, breaks)),
    st.sampled_from(["Russia attacked Ukraine.", "Kim met Putin in Pyongyang.", "Seoul condemned the launch.",
                     "Ärzte ohne Grenzen", "Égypte", "Japan pledged aid"]),
    st.lists(WORDS, max_size=4),
    st.lists(st.sampled_from([" ", "\n", "\n\n", ". "]), min_size=4, max_size=4),
)
NOT_NEWLINE_TEXT = st.text(st.characters(exclude_characters="\n\r", codec="utf-8"), min_size=1, max_size=80)
RANDOM_LINE_BYTES = st.binary(min_size=1, max_size=80).filter(lambda b: b"\n" not in b and b"\r" not in b)


def _nested(depth: int) -> object:
    value: object = "x"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


BAD_RECORDS = st.one_of(
    st.integers(65, 150_000).map(lambda n: "[" * n),
    st.integers(65, 300).map(lambda n: json.dumps({"id": "bad", "text": "Kim met Putin.", "x": _nested(n)})),
    st.sampled_from(["\ud800", "\udfff", "a\udc80b"]).map(lambda s: json.dumps({"id": "bad-s", "text": f"Kim {s} met."})),
    st.sampled_from([{"obj": 28}, [1], True, None, 1.5, ""]).map(lambda v: json.dumps({"id": v, "text": "Kim met Putin."})),
    st.sampled_from([None, 42, {"a": 1}, ["x"], False, "   "]).map(lambda v: json.dumps({"id": "bad-t", "text": v})),
    st.sampled_from(["title", "source", "url", "published"]).map(
        lambda k: json.dumps({"id": "bad-f", "text": "Kim met Putin.", k: {"x": 1}})),
    st.just(json.dumps({"id": "bad-n", "text": "Kim\u0000 met Putin."})),
    st.just('{"id": "bad-raw-nul", "text": "Kim\x00 met"}'),
    st.just('{"id": "bad-nan", "text": "ok", "v": NaN}'),
    st.just('{"id": "bad-big", "text": "ok", "v": ' + "9" * 5000 + "}"),
    st.just(json.dumps({"id": "bad-date", "text": "Kim met Putin.", "published": "yesterday"})),
    NOT_NEWLINE_TEXT.filter(lambda s: s.strip() and not s.lstrip().startswith("{")),
).map(lambda line: line.encode("utf-8", "surrogatepass"))
BAD_LINES = st.one_of(BAD_RECORDS, RANDOM_LINE_BYTES.filter(lambda b: b.strip()))

# Single-line CSV rows, each malformed on its own and never ending in a quote.
BAD_ROWS = st.one_of(
    st.sampled_from([
        'bad,"Unclosed text of a row', 'bad,"Glued" text', 'bad,Stray "quote here', "bad,too,many,fields",
        "bad", "bad,", ",Text without an id", "bad,Kim\x00 met Putin.", ' "bad",Text', "bad,\"\"\"x",
    ]).map(str.encode),
    st.just(b"bad,Caf\xe9 bombed"),
)

ONE_DOC_BAD = st.one_of(
    st.sampled_from([b"", b"   \n\n", b"\x89PNG\r\n\x1a\n\x00\x00IHDR", "Café attack".encode("latin-1"),
                     "Kim met Putin.".encode("utf-16-le"), b"Kim met Putin. " * 600 + b"\x00",
                     "Kim met Putin.".encode("utf-16") + b"\x00\xd8"]),
)


@st.composite
def trees(draw, max_files: int = 8) -> Tree:
    tree = Tree()
    n = 0

    def name(stem: str, suffix: str) -> bytes:
        nonlocal n
        n += 1
        folder = draw(st.sampled_from([b"", b"a/", b"a/b/", b"c/"]))
        return folder + f"{stem}-{n}".encode() + suffix.encode()

    for _ in range(draw(st.integers(1, max_files))):
        kind = draw(st.sampled_from(["txt", "md", "oddname", "onebad", "random", "unsupported", "jsonl", "csv",
                                     "link", "loop", "dangling", "fifo"]))
        if kind in ("txt", "md"):
            rel = name("good", f".{kind}")
            text = draw(GOOD_TEXT)
            tree.files[rel] = text.encode()
            tree.good[rel.decode()] = text
            tree.inputs += 1
            if draw(st.booleans()):  # a symlink to it is read as a document of its own
                link = name("good-link", f".{kind}")
                tree.links[link] = os.path.relpath(rel, os.path.dirname(link) or b".")
                tree.good[link.decode()] = text
                tree.inputs += 1
        elif kind == "oddname":  # a name that is not UTF-8: read, named escaped
            rel = name("good", "") + b"-caf\xe9.txt"
            text = draw(GOOD_TEXT)
            tree.files[rel] = text.encode()
            tree.good[rel.decode("utf-8", "backslashreplace")] = text
            tree.inputs += 1
        elif kind == "onebad":
            tree.files[name("bad", draw(st.sampled_from([".txt", ".md"])))] = draw(ONE_DOC_BAD)
            tree.inputs += 1
        elif kind == "random":  # may be good or bad: one input either way
            tree.files[name("random", ".txt")] = draw(st.binary(max_size=300))
            tree.inputs += 1
        elif kind == "unsupported":
            tree.files[name("bad", draw(st.sampled_from([".pdf", ".xml", ""])))] = b"%PDF-1.4"
            tree.inputs += 1
        elif kind == "jsonl":
            lines: list[bytes] = []
            for _ in range(draw(st.integers(1, 10))):
                if draw(st.booleans()):
                    doc_id = f"good-{n}-{len(lines)}"
                    text = draw(GOOD_TEXT)
                    tree.good[doc_id] = text
                    lines.append(json.dumps({"id": doc_id, "text": text, "extra": {"k": [1, None]}},
                                            ensure_ascii=draw(st.booleans())).encode())
                else:
                    lines.append(draw(BAD_LINES))
                tree.inputs += 1
                if draw(st.integers(0, 4)) == 0:
                    lines.append(b"")  # blank lines are not inputs
            bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
            tree.files[name("feed", ".jsonl")] = bom + b"\n".join(lines) + b"\n"
        elif kind == "csv":
            rows: list[bytes] = [b"id,text"]
            for _ in range(draw(st.integers(1, 10))):
                if draw(st.booleans()):
                    doc_id = f"good-{n}-{len(rows)}"
                    text = draw(GOOD_TEXT)
                    tree.good[doc_id] = text
                    out = io.StringIO()
                    csv.writer(out, lineterminator="\n").writerow([doc_id, text])  # quotes a cell with "\n"
                    rows.append(out.getvalue().removesuffix("\n").encode())
                else:
                    rows.append(draw(BAD_ROWS))
                tree.inputs += 1
            tree.files[name("rows", ".csv")] = b"\n".join(rows) + b"\n"
        elif kind == "link":
            tree.links[name("bad-loop", "")] = b"."  # a link to the directory it is in: a loop
            tree.inputs += 1
        elif kind == "loop":
            rel = name("bad-self", ".txt")
            tree.links[rel] = os.path.basename(rel)
            tree.inputs += 1
        elif kind == "dangling":
            tree.links[name("bad-dangling", ".txt")] = b"nowhere.txt"
            tree.inputs += 1
        elif kind == "fifo":
            tree.fifos.append(name("bad-fifo", ".txt"))
            tree.inputs += 1
    if not tree.good:  # at least one good document beside the bad ones
        tree.files[b"good-0.txt"] = b"Russia attacked Ukraine."
        tree.good["good-0.txt"] = "Russia attacked Ukraine."
        tree.inputs += 1
    return tree


def _storable(text: str | None) -> bool:
    if text is None:
        return True
    text.encode("utf-8")  # raises on a surrogate
    return "\x00" not in text


# --------------------------------------------------------------------------- the reader, fast


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(tree=trees())
def test_reader_reads_every_good_document_and_accounts_for_every_input(tree: Tree) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        tree.write(root)
        docs: dict[str, Document] = {}
        errors = []
        for item in DocumentReader([root]):  # never raises
            if isinstance(item, Document):
                assert item.doc_id not in docs
                docs[item.doc_id] = item
            else:
                errors.append(item)
        note(f"errors: {[(e.source_path, e.record, e.error) for e in errors]}")
        for doc_id, text in tree.good.items():
            assert doc_id in docs, doc_id
            assert docs[doc_id].text == text
        assert len(docs) + len(errors) == tree.inputs
        for doc in docs.values():
            assert all(_storable(v) for v in (doc.doc_id, doc.source_path, doc.text, doc.title, doc.source, doc.url))
            json.dumps(doc.metadata, ensure_ascii=False).encode("utf-8")
        for error in errors:
            assert all(_storable(v) for v in (error.source_path, error.record, error.error))
            assert "Traceback" not in error.error and "NoneType" not in error.error


# --------------------------------------------------------------------------- the real command, slow

# The real CLI with its load failing just before COMMIT: the failure a killed or
# broken load would be, at the last moment it can happen.
FAIL_BEFORE_COMMIT = """
import sys
import warehouse.loader as loader
real = loader.load_run
def fail(conn):
    raise RuntimeError("injected failure before COMMIT")
loader.load_run = lambda *args, **kwargs: real(*args, **{**kwargs, "before_commit": fail})
from flows.cli import main
sys.argv = ["dotterel", *sys.argv[1:]]
main()
"""
TABLES = ("documents", "events", "rejected_events", "ingest_errors", "validation_results")


def _counts(warehouse: Path) -> dict[str, int]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608 - fixed names
    finally:
        conn.close()


@pytest.mark.slow
@settings(max_examples=3, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(tree=trees(max_files=12))
def test_run_exits_0_loads_every_good_document_in_one_transaction(tree: Tree) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, warehouse = Path(tmp) / "in", Path(tmp) / "w.duckdb"
        tree.write(root)
        env = {**os.environ, "DOTTEREL_STAGING_DIR": str(Path(tmp) / "staging")}
        args = ["run", "--input", str(root), "--warehouse", str(warehouse), "--json"]

        failed = subprocess.run([sys.executable, "-c", FAIL_BEFORE_COMMIT, *args], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=600)
        assert failed.returncode == 1, failed.stderr[-2000:]
        assert "injected failure before COMMIT" in failed.stderr
        assert _counts(warehouse) == dict.fromkeys(TABLES, 0)  # nothing of the failed load

        out = subprocess.run(DOTTEREL + args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr[-2000:]
        summary = json.loads(out.stdout.strip().splitlines()[-1])
        conn = duckdb.connect(str(warehouse), read_only=True)
        try:
            stored = dict(conn.execute("SELECT doc_id, text FROM documents").fetchall())
            errors = conn.execute("SELECT count(*) FROM ingest_errors WHERE run_id = $1", [summary["run_id"]]).fetchone()[0]
            runs = conn.execute("SELECT status, count(*) FROM runs GROUP BY status ORDER BY status").fetchall()
        finally:
            conn.close()
        note(f"summary: {summary}")
        for doc_id, text in tree.good.items():
            assert stored.get(doc_id) == text, doc_id
        assert len(stored) + errors == tree.inputs
        assert (summary["documents"], summary["ingest_errors"]) == (len(stored), errors)
        assert runs == [("completed", 1), ("failed", 1)]
