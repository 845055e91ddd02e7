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
