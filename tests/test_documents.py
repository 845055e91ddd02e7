"""Reading inputs: every form of document, and every kind of bad input recorded, not fatal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from fileio.inputs import DocumentReader, InputNotFound
from transforms.documents import Document, IngestError, parse_published


def read(*paths: Path) -> tuple[list[Document], list[IngestError]]:
    docs, errors = [], []
    for item in DocumentReader(list(paths)):
        (docs if isinstance(item, Document) else errors).append(item)
    return docs, errors


def test_text_files_recursive_with_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Russia attacked Kharkiv.\n", encoding="utf-8")
    (tmp_path / "two.md").write_text("Seoul condemned Pyongyang.\n", encoding="utf-8")
    docs, errors = read(tmp_path)
    assert errors == []
    assert sorted(d.doc_id for d in docs) == ["a/one.txt", "two.md"]
    assert all(d.published_date is None and d.published_date_origin == "none" for d in docs)


def test_single_file_id_is_its_name(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Japan pledged aid to Ukraine.", encoding="utf-8")
    docs, _ = read(path)
    assert [d.doc_id for d in docs] == ["story.txt"]


def test_date_line_and_dateline_give_published_date(tmp_path: Path) -> None:
    (tmp_path / "d1.txt").write_text("date 2023-11-09\nKim met Putin.", encoding="utf-8")
    (tmp_path / "d2.txt").write_text(
        "PYONGYANG, June 19, 2024 (Reuters) - Putin met Kim.", encoding="utf-8"
    )
    docs = {d.doc_id: d for d in read(tmp_path)[0]}
    assert docs["d1.txt"].published_date == date(2023, 11, 9)
    assert docs["d1.txt"].published_date_origin == "date_line"
    assert docs["d2.txt"].published_date == date(2024, 6, 19)
    assert docs["d2.txt"].published_date_origin == "dateline"
    assert docs["d2.txt"].dateline_place == "Pyongyang"
    # the text is kept whole so that offsets index it exactly
    assert docs["d1.txt"].text.startswith("date 2023-11-09")


def test_manifest_supplies_metadata_and_beats_text_dates(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("date 2020-01-01\nText.", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(
        json.dumps({"id": "x.txt", "title": "T", "source": "S", "url": "https://example.org/x",
                    "published": "2024-02-03", "section": "world"}) + "\n",
        encoding="utf-8",
    )
    docs, errors = read(tmp_path)
    assert errors == []
    (doc,) = docs
    assert (doc.title, doc.source, doc.url) == ("T", "S", "https://example.org/x")
    assert doc.published_date == date(2024, 2, 3) and doc.published_date_origin == "metadata"
    assert doc.metadata == {"section": "world"}


def test_jsonl_records_keep_extra_fields_and_record_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "r1", "text": "Iran fired missiles at Israel.", "published": "2024-10-01",
                    "source": "Wire", "lang": "en"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "r2"}),
        json.dumps({"id": "r3", "text": "   "}),
        json.dumps({"id": "r4", "text": "ok", "published": "yesterday"}),
        "",
        json.dumps({"id": "r5", "text": "Turkey supplied drones to Ukraine."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = read(path)
    assert [d.doc_id for d in docs] == ["r1", "r5"]
    assert docs[0].metadata == {"lang": "en"}
    assert docs[0].published_date == date(2024, 10, 1)
    by_line = {e.record: e.error for e in errors}
    assert set(by_line) == {"line 2", "line 3", "line 4", "line 5", "line 6"}
    assert "invalid JSON" in by_line["line 2"]
    assert by_line["line 3"] == "expected an object, got an array"
    assert "'text'" in by_line["line 4"]
    assert "empty" in by_line["line 5"]
    assert "not an ISO date" in by_line["line 6"]


def test_csv_records_and_bad_header(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text('id,text,title,extra\nc1,"Seoul condemned Pyongyang, again.",Title,x\nc2,,T,y\n', encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,body\na,b\n", encoding="utf-8")
    docs, errors = read(good, bad)
    assert [d.doc_id for d in docs] == ["c1"]
    assert docs[0].text == "Seoul condemned Pyongyang, again." and docs[0].metadata == {"extra": "x"}
    assert any(e.record == "row 3" and "empty" in e.error for e in errors)
    assert any(e.source_path.endswith("bad.csv") and "must include 'id' and 'text'" in e.error for e in errors)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("latin1.txt", "Caf\xe9 attack".encode("latin-1"), "not UTF-8"),
        ("image.png", b"\x89PNG", "unsupported file type .png"),
    ],
)
def test_bad_files_are_recorded_and_good_ones_kept(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("Russia attacked Kharkiv.", encoding="utf-8")
    docs, errors = read(tmp_path)
    assert [d.doc_id for d in docs] == ["good.txt"]
    assert len(errors) == 1 and reason in errors[0].error and errors[0].source_path.endswith(name)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "same", "text": "one"}) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "same", "text": "two"}) + "\n", encoding="utf-8")
    docs, errors = read(tmp_path)
    assert [d.text for d in docs] == ["one"]
    assert "duplicate doc_id 'same'" in errors[0].error


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match="does not exist"):
        DocumentReader([tmp_path / "nope"])


def test_content_hash_tracks_text() -> None:
    a = Document("x", "x", "text one")
    b = Document("x", "x", "text two")
    assert a.content_sha256 != b.content_sha256 and len(a.content_sha256) == 64


def test_parse_published_forms() -> None:
    assert parse_published("2024-06-19") == date(2024, 6, 19)
    assert parse_published("2024-06-19T10:00:00+00:00") == date(2024, 6, 19)
    assert parse_published("") is None
    with pytest.raises(ValueError):
        parse_published("19/06/2024")


def test_a_new_input_format_is_one_row_of_the_format_table(tmp_path: Path, monkeypatch) -> None:
    from transforms import formats
    from transforms.documents import make_document

    def lines(file, text, ids):  # one document per line
        for number, line in enumerate(text.splitlines(), start=1):
            yield make_document(f"{file.name}#{number}", file.label, line)

    monkeypatch.setitem(formats.FORMATS, ".lines", formats.InputFormat(lines, one_per_file=False))
    (tmp_path / "a.lines").write_text("Russia attacked Kharkiv.\nSeoul condemned Pyongyang.\n", encoding="utf-8")
    (tmp_path / "b.xml").write_text("<doc/>", encoding="utf-8")
    docs, errors = read(tmp_path)
    assert [d.doc_id for d in docs] == ["a.lines#1", "a.lines#2"]
    assert [e.error for e in errors] == ["unsupported file type .xml: expected .txt, .md, .jsonl, .csv or .lines"]
