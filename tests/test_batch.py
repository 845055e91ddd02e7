"""Batch preparation: sentence boundaries the parser must respect, and version fingerprints."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.batch import prepare_doc
from transforms.documents import make_document
from transforms.extract import EXTRACTOR_VERSION
from transforms.resources import extractor_version, load_resources


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
