"""Markdown read as text (issue #12): markup is not read as words, offsets index the stored text.

Also `sentence_text` as one clean line: no trailing blank lines, no cell over
several lines in a CSV export.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fileio.inputs import DocumentReader
from transforms.batch import process_batch
from transforms.documents import Document, make_document, one_line
from transforms.markup import reading_view

ROOT = Path(__file__).resolve().parents[1]
DOTTEREL = [sys.executable, "-m", "flows.cli"]
SENTENCE = "The EU imposed sanctions on Iran."


# --------------------------------------------------------------------------- the reading view


@pytest.mark.parametrize(
    ("markdown", "read_as"),
    [
        ("- The EU imposed sanctions.", "  The EU imposed sanctions."),
        ("* The EU imposed sanctions.", "  The EU imposed sanctions."),
        ("12. The EU imposed sanctions.", "    The EU imposed sanctions."),
        ("- [x] The EU imposed sanctions.", "      The EU imposed sanctions."),
        ("## Sanctions on Iran ##", "   Sanctions on Iran   "),
        ("> > The EU imposed sanctions.", "    The EU imposed sanctions."),
        ("The **EU** imposed _new_ sanctions.", "The   EU   imposed  new  sanctions."),
        ("The ~~US~~ EU imposed sanctions.", "The   US   EU imposed sanctions."),
        ("Sanctions on [Iran](https://example.org/a).", "Sanctions on  Iran                        ."),
        ("Sanctions on [Iran][1].", "Sanctions on  Iran    ."),
        ("![a map](map.png) Iran.", "                  Iran."),
        ("See <https://example.org> and <b>this</b>.", "See " + " " * 21 + " and " + " " * 3 + "this" + " " * 4 + "."),
        ("Use `code` here.", "Use  code  here."),
        ("Not \\*emphasis\\*.", "Not   emphasis  ."),
        ("---", "   "),
        ("[1]: https://example.org/ref", "                            "),
        ("a snake_case name, 5 * 3 and 2*x", "a snake_case name, 5 * 3 and 2 x"),
    ],
)
def test_markup_is_blanked_and_words_stay_where_they_are(markdown: str, read_as: str) -> None:
    assert reading_view(markdown) == read_as


def test_blocks_front_matter_fences_tables_and_comments() -> None:
    text = (
        "---\ntitle: Sanctions\n---\n"
        "<!-- draft\nnote -->\n"
        "```python\nx = [1]\n```\n"
        "| who | did |\n|-----|:---:|\n| EU | sanctions |\n"
        "Heading\n=======\n"
    )
    view = reading_view(text)
    assert [line.strip() for line in view.split("\n")] == [
        "", "", "", "", "", "", "x = [1]", "", "who   did", "", "EU   sanctions", "Heading", "", "",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab #*_-~`>[]()!<>|:\\=1.\n\r\t x")), max_size=200) | st.text(max_size=200))
def test_the_view_keeps_length_line_breaks_and_every_character_or_a_space(text: str) -> None:
    view = reading_view(text)
    assert len(view) == len(text)
    for before, after in zip(text, view):
        assert after == before or (after == " " and before not in "\r\n")


# --------------------------------------------------------------------------- through the coder


@pytest.fixture(scope="module")
def res():
    from fileio.resources import load_resources

    return load_resources()


def events_of(res, document: Document) -> list[dict]:
    return process_batch([document], res, "test").events.to_dicts()


def read_one(path: Path) -> Document:
    (document,) = list(DocumentReader([path]))
    assert isinstance(document, Document)
    return document


def identity(event: dict) -> tuple:
    return event["source_code"], event["cameo_code"], event["target_code"], event["sentence_text"]


@pytest.mark.parametrize(
    "markdown",
    [
        f"- {SENTENCE}\n",
        f"# Iran\n\n* {SENTENCE}\n",
        f"> {SENTENCE}\n",
        f"1. {SENTENCE}\n",
        "- The **EU** imposed sanctions on *Iran*.\n",
        "- The [EU](https://europa.eu) imposed `sanctions` on Iran.\n",
    ],
)
def test_a_markdown_sentence_gives_the_event_the_same_sentence_gives_in_jsonl(res, tmp_path: Path, markdown: str) -> None:
    (tmp_path / "story.md").write_text(markdown, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "j", "text": SENTENCE}) + "\n", encoding="utf-8")
    md = read_one(tmp_path / "story.md")
    from_md, from_jsonl = events_of(res, md), events_of(res, read_one(tmp_path / "feed.jsonl"))
    assert from_jsonl and [identity(e) for e in from_md] == [identity(e) for e in from_jsonl]
    assert md.text == markdown  # stored whole: the markup is kept in documents.text
    for event in from_md:  # and every offset indexes the stored text
        for part in ("source", "action", "target"):
            assert markdown[event[f"{part}_start"]:event[f"{part}_end"]] == event[f"{part}_text"]


def test_a_markdown_dateline_in_bold_still_dates_the_document(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text("**PYONGYANG, June 19, 2024 (Reuters) -** Putin met Kim.", encoding="utf-8")
    document = read_one(tmp_path / "story.md")
    assert str(document.published_date) == "2024-06-19" and document.published_date_origin == "dateline"


def test_plain_text_has_no_reading_view(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(f"- {SENTENCE}", encoding="utf-8")
    document = read_one(tmp_path / "story.txt")
    assert document.reading_text is None and document.parse_text == document.text


def test_a_reading_view_must_keep_the_length() -> None:
    with pytest.raises(ValueError, match="keep the text's length"):
        make_document("x", "x", "- a", reading_text="a")


# --------------------------------------------------------------------------- sentence_text


def test_one_line_trims_and_joins_lines() -> None:
    assert one_line("\n  Kim met\nPutin.\r\n\n\n") == "Kim met Putin."
    assert one_line("The   EU   imposed") == "The EU imposed"
    assert one_line("sanctions on  Iran          . ( see   ) ") == "sanctions on Iran. (see)"


def test_sentence_text_has_no_line_breaks_or_trailing_blank_lines(res) -> None:
    text = "Kim met Putin.\n\n\n\nSeoul condemned\nthe launch by North Korea.\n\n\nRussia attacked Ukraine.\n\n"
    events = events_of(res, make_document("d", "d", text))
    assert len(events) >= 2
    for event in events:
        sentence = event["sentence_text"]
        assert sentence == sentence.strip() and "\n" not in sentence and "\r" not in sentence
        assert text[event["action_start"]:event["action_end"]] == event["action_text"]
    assert "Kim met Putin." in [e["sentence_text"] for e in events]


@pytest.mark.slow
def test_run_then_csv_export_has_one_line_per_event_and_markdown_codes_like_jsonl(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "brief.md").write_text(f"## Today\n\n- {SENTENCE}\n\n\n\n- Russia attacked Ukraine.\n\n\n", encoding="utf-8")
    (corpus / "feed.jsonl").write_text(
        json.dumps({"id": "wire", "text": f"{SENTENCE}\n\n\nRussia attacked Ukraine.\n\n\n"}) + "\n", encoding="utf-8"
    )
    warehouse = tmp_path / "w.duckdb"
    env = {**os.environ, "DOTTEREL_STAGING_DIR": str(tmp_path / "staging")}
    run = subprocess.run(DOTTEREL + ["run", "--input", str(corpus), "--warehouse", str(warehouse)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    sql = "SELECT doc_id, source_code, cameo_code, target_code, sentence_text FROM events ORDER BY doc_id, action_start"
    out = subprocess.run(DOTTEREL + ["query", sql, "--warehouse", str(warehouse), "--format", "csv"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip("\n").split("\n")
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        events = conn.execute(sql).fetchall()
        md_text = conn.execute("SELECT text FROM documents WHERE doc_id = 'brief.md'").fetchone()[0]
        offsets = conn.execute(
            "SELECT action_start, action_end, action_text FROM events WHERE doc_id = 'brief.md'"
        ).fetchall()
    finally:
        conn.close()
    assert len(lines) == len(events) + 1  # a header, then one line per event
    by_doc = {doc: sorted(row[1:] for row in events if row[0] == doc) for doc in ("brief.md", "wire")}
    assert by_doc["brief.md"] == by_doc["wire"] and len(by_doc["wire"]) == 2
    assert md_text.startswith("## Today")
    assert all(md_text[start:end] == action for start, end, action in offsets)
