"""Batch preparation: sentence boundaries the parser must respect, and version fingerprints."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.batch import prepare_doc
from transforms.documents import make_document
from transforms.version import EXTRACTOR_VERSION
from fileio.resources import extractor_version, load_resources


@pytest.fixture(scope="module")
def res():
    return load_resources()


def sentence_starts(res, text: str) -> list[str]:
    doc = res.nlp(prepare_doc(res, make_document("x", "x", text)))
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def test_dateline_is_not_part_of_the_first_sentence(res) -> None:
    sents = sentence_starts(res, "PYONGYANG, June 19 (Reuters) - Russia and North Korea signed a treaty.")
    assert sents[0] == "PYONGYANG, June 19 (Reuters) -"
    assert sents[1] == "Russia and North Korea signed a treaty."


def test_date_line_and_blank_lines_end_sentences(res) -> None:
    sents = sentence_starts(res, "date 2024-01-02\nSeoul protested\n\nTokyo agreed to talks.")
    assert sents == ["date 2024-01-02", "Seoul protested", "Tokyo agreed to talks."]


def test_extractor_version_fingerprints_user_dictionaries(tmp_path: Path) -> None:
    assert extractor_version([]) == EXTRACTOR_VERSION
    extra = tmp_path / "verbs.tsv"
    extra.write_text("lemma\tparticle\tobject\tcode\tnote\nrebuke\t\t\t111\t\n", encoding="utf-8")
    first = extractor_version([extra])
    assert first.startswith(EXTRACTOR_VERSION + "+dict.")
    extra.write_text("lemma\tparticle\tobject\tcode\tnote\nrebuke\t\t\t112\t\n", encoding="utf-8")
    assert extractor_version([extra]) != first


def test_a_document_that_fails_is_recorded_and_the_rest_of_the_batch_kept(res, monkeypatch) -> None:
    import transforms.batch as batch

    real = batch.extract_events

    def flaky(doc, ctx, resources):
        if ctx.doc_id == "bad":
            raise RuntimeError("boom")
        return real(doc, ctx, resources)

    monkeypatch.setattr(batch, "extract_events", flaky)
    documents = [
        make_document("good", "g.txt", "Russia attacked Ukraine on Monday."),
        make_document("bad", "b.txt", "Japan pledged aid to Ukraine."),
    ]
    frames = batch.process_batch(documents, res, "run")
    assert frames.documents["doc_id"].to_list() == ["good"]
    assert set(frames.events["doc_id"].to_list()) == {"good"}
    assert [(e.source_path, e.record) for e in frames.errors] == [("b.txt", "bad")]
    assert "extraction failed: RuntimeError: boom" in frames.errors[0].error


def test_a_document_too_long_for_the_model_is_an_error(res, monkeypatch) -> None:
    import transforms.batch as batch

    monkeypatch.setattr(res.nlp, "max_length", 40)
    documents = [
        make_document("short", "s.txt", "Seoul condemned Pyongyang."),
        make_document("long", "l.txt", "Seoul condemned Pyongyang. " * 5),
    ]
    frames = batch.process_batch(documents, res, "run")
    assert frames.documents["doc_id"].to_list() == ["short"]
    assert "document too long for the model" in frames.errors[0].error


def test_batches_are_sized_by_characters() -> None:
    from transforms.sizing import char_batches

    sizes = [400, 400, 400, 2500, 100, 100]
    groups = list(char_batches(sizes, 1000, lambda n: n))
    assert groups == [[400, 400], [400], [2500], [100, 100]]
    assert list(char_batches(sizes, 10_000, lambda n: n, max_items=4)) == [[400, 400, 400, 2500], [100, 100]]


def test_a_long_document_is_parsed_in_windows_that_join_into_its_text(res) -> None:
    """Windows cut at paragraph breaks give the events a whole parse gives, with offsets into the text."""
    from transforms.batch import process_batch
    from transforms.sizing import window_bounds

    paragraphs = [
        "Russia attacked the Ukrainian port of Odesa with drones on Monday.",
        "Japan pledged new aid to Ukraine, the foreign ministry in Tokyo said.",
        "Seoul condemned Pyongyang for firing a ballistic missile into the sea.",
        "Iran accused Israel of an air strike on its consulate in Damascus.",
    ]
    text = "date 2024-03-01\n" + "\n\n".join(paragraphs[i % 4] for i in range(160)) + "\n"
    document = make_document("long", "long.txt", text)
    doc = prepare_doc(res, document)
    bounds = window_bounds(doc, 2000)
    assert len(bounds) > 4 and bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(doc[start - 1].text == "\n\n" for start, _ in bounds[1:])  # cut at paragraph breaks
    windowed = process_batch([document], res, "run", window_chars=2000, pipe_chars=4000)
    whole = process_batch([document], res, "run", window_chars=10**7, pipe_chars=10**7)
    assert windowed.events.height >= 100
    assert windowed.events.equals(whole.events)
    for row in windowed.events.iter_rows(named=True):
        assert text[row["action_start"]:row["action_end"]] == row["action_text"]


def test_a_long_markdown_document_with_a_headline_joins_its_windows(res) -> None:
    """Windows join back into the text the parser read (markup blanked, headline recased), not the stored text."""
    from transforms.batch import process_batch
    from transforms.markup import reading_view

    paragraphs = [
        "- Russia attacked the Ukrainian port of **Odesa** with drones on Monday.",
        "## Japan Pledges New Aid\n\nJapan pledged new aid to *Ukraine*, the foreign ministry said.",
        "> Seoul condemned Pyongyang for firing a ballistic missile into the sea.",
    ]
    text = "Seoul Condemns North Korean Missile Launch\n\n" + "\n\n".join(paragraphs[i % 3] for i in range(120)) + "\n"
    document = make_document("long-md", "long.md", text, reading_text=reading_view(text))
    windowed = process_batch([document], res, "run", window_chars=2000, pipe_chars=4000)
    whole = process_batch([document], res, "run", window_chars=10**7, pipe_chars=10**7)
    assert windowed.errors == []
    assert windowed.events.height >= 80
    assert windowed.events.equals(whole.events)
    for row in windowed.events.iter_rows(named=True):
        assert text[row["action_start"]:row["action_end"]] == row["action_text"]
