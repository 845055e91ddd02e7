"""The remembering lemmatizer (`transforms.lemma_memo`) gives spaCy's lemmas."""

from __future__ import annotations

import pytest
import spacy
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import Lemmatizer

from tests.test_attribute_index import our_texts
from transforms import lemma_memo
from transforms.nlp import choose_model, load_model


@pytest.fixture(scope="module")
def stock():
    return spacy.load(choose_model(None))


def lemmas(nlp, texts):
    return [[(t.text, t.lemma_) for t in doc] for doc in nlp.pipe(texts)]


def test_load_model_remembers_lemmas():
    lemmatizer = load_model(None).get_pipe("lemmatizer")
    assert type(lemmatizer).__name__.startswith("Remembering") and isinstance(lemmatizer, Lemmatizer)


def test_same_lemmas_as_spacy_on_every_text_we_have_twice(stock):
    ours = load_model(None)
    texts = our_texts()
    expected = lemmas(stock, texts)
    assert lemmas(ours, texts) == expected  # filling the memory
    assert lemmas(ours, texts) == expected  # answering from it
    assert len(ours.get_pipe("lemmatizer")._dotterel_lemmas) > 1000


def test_memory_starts_afresh_when_full(stock, monkeypatch):
    nlp = spacy.load(choose_model(None))
    assert lemma_memo.remember_lemmas(nlp) == ["lemmatizer"]
    monkeypatch.setattr(lemma_memo, "MAX_REMEMBERED", 50)
    texts = our_texts()[:40]
    assert lemmas(nlp, texts) == lemmas(stock, texts)
    assert len(nlp.get_pipe("lemmatizer")._dotterel_lemmas) <= 50 + 2000  # one document's worth at most past the cap


class LemmatizerOfOurOwn(EnglishLemmatizer):
    def is_base_form(self, token) -> bool:  # may read anything: its answers cannot be remembered by form
        return token.is_title


def test_other_lemmatizers_are_left_alone():
    nlp = spacy.load(choose_model(None))
    nlp.get_pipe("lemmatizer").__class__ = LemmatizerOfOurOwn
    assert lemma_memo.remember_lemmas(nlp) == []
    nlp = spacy.load(choose_model(None))
    assert lemma_memo.remember_lemmas(nlp) == ["lemmatizer"]
    assert lemma_memo.remember_lemmas(nlp) == []  # never twice
