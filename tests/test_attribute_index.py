"""The attribute-ruler lookup (`transforms.attribute_index`) finds exactly spaCy's matches.

It replaces a piece of the model's pipeline for speed, so the only acceptable
difference is time: the same matches in the same order on every text we
have, the same annotations out of the whole pipeline, and the stock Matcher
kept whenever a pattern is beyond the lookup.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler

from transforms.attribute_index import AttributeIndex, index_attribute_rulers
from transforms.faster_spacy import STOCK_ENV, speed_up
from transforms.nlp import choose_model, load_model

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

# Texts that reach the model's rarer patterns: contractions, "y'all", "nothin'",
# existential "there", pronouns as subject and object, whitespace tokens.
EDGE_TEXTS = [
    "I ain't going, and you aren't either; y'all know it ain't nothin' to them.",
    "There is a ceasefire. There were talks, and there's hope, but it isn't over.",
    "I told you it was them. They saw me and you saw it; he gets it, she got it.",
    "Do you have it? They did, and he has had enough of what we do.",
    "Troops   moved\n\n\n  north.\tThe army   withdrew \n  before dawn.",
    "If that is the plan, which it is, then both sides will talk.",
    "",
    "   ",
    # hostile text: control and zero-width characters, other scripts, emoji, one very long word
    "Talks\u200b in Kyiv\u00a0ended; \u0645\u0641\u0627\u0648\u0636\u0627\u062a \u062c\u0631\u062a \U0001F54A\ufe0f and \x00\x07 stopped.",
    "N\u0303o one said \u201cain\u2019t\u201d \u2014 " + "x" * 5000 + " \u2014 in T\u00fcrkiye.",
    "\t\n\r\n  \u2028 \u3000 \u65e5\u672c\u306f\u6297\u8b70\u3057\u305f\u3002",
]


def our_texts() -> list[str]:
    texts = list(EDGE_TEXTS)
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "sample").glob("*.txt"))]
    for gold in ("dotterel_gold.jsonl", "devset.jsonl"):
        for line in (ROOT / "tests" / "gold" / gold).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    if SEEDS.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.iterdir()) if p.is_file()]
    return texts


@pytest.fixture(scope="module")
def stock():
    """The pipeline exactly as spaCy ships it."""
    return spacy.load(choose_model(None))


def test_load_model_indexes_the_attribute_ruler():
    nlp = load_model(None)
    ruler = nlp.get_pipe("attribute_ruler")
    assert "match" in vars(ruler), "load_model should give the model's attribute ruler the lookup"


def test_same_matches_as_spacys_matcher_on_every_text_we_have(stock):
    ruler = stock.get_pipe("attribute_ruler")
    index = AttributeIndex(ruler)
    texts = our_texts()
    # the ruler reads tags and dependencies: parse up to it, as the pipeline does
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(texts))
    compared = 0
    for doc in docs:
        expected = ruler.match(doc)  # the class's own method: the instance has no lookup
        assert index.match(doc) == expected, doc.text[:80]
        compared += len(expected)
    assert compared > 10_000  # the comparison covered real work


def test_whole_pipeline_annotations_unchanged(stock):
    ours = load_model(None)
    texts = our_texts()[:200]

    def annotations(doc):
        return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_) for t in doc]

    for mine, theirs in zip(ours.pipe(texts), stock.pipe(texts)):
        assert annotations(mine) == annotations(theirs), mine.text[:80]


def blank_with_ruler(patterns: list[dict]):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add_patterns(patterns)
    return nlp, ruler


# Every predicate form the lookup handles, on attributes a blank pipeline has.
HANDLED = [
    {"patterns": [[{"LOWER": "talks"}]], "attrs": {"LEMMA": "talk"}},
    {"patterns": [[{"LOWER": {"IN": ["army", "troops"]}}, {"IS_SPACE": False, "LOWER": {"NOT_IN": ["and"]}}]],
     "attrs": {"NORM": "force"}, "index": 1},
    {"patterns": [[{"ORTH": {"REGEX": "^[A-Z]{2,}$"}}]], "attrs": {"NORM": "acronym"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"NORM": "space"}},
    {"patterns": [[{"LOWER": "y"}, {"ORTH": "'"}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}, "index": -1},
    {"patterns": [[{"TEXT": "UN"}], [{"LOWER": "nato"}]], "attrs": {"NORM": "org"}},
    {"patterns": [[{"LOWER": "talks"}]], "attrs": {"NORM": "talks"}},  # a second rule on the same token
]
WORDS = ["talks", "Talks", "army", "troops", "and", "UN", "NATO", "nato", "y", "'", "all", "  ", "\n", "peace", "ARMY"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25))
def test_every_handled_predicate_matches_as_spacy_does(words):
    nlp, ruler = blank_with_ruler(HANDLED)
    index = AttributeIndex(ruler)
    doc = nlp.make_doc(" ".join(words))
    assert index.match(doc) == ruler.match(doc)


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "talks", "OP": "+"}],  # an operator
        [{"LENGTH": {">=": 3}}],  # a comparison
        [{"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}],  # a morphology set
        [{"_": {"flag": True}}],  # an extension attribute
    ],
)
def test_patterns_beyond_the_lookup_keep_the_stock_matcher(pattern):
    nlp, ruler = blank_with_ruler([{"patterns": [pattern], "attrs": {"NORM": "x"}}])
    assert index_attribute_rulers(nlp) == []
    assert "match" not in vars(ruler)


def test_stock_spacy_on_request(monkeypatch):
    nlp, ruler = blank_with_ruler(HANDLED)
    monkeypatch.setenv(STOCK_ENV, "1")
    assert speed_up(nlp) == [] and "match" not in vars(ruler)
    monkeypatch.delenv(STOCK_ENV)
    assert speed_up(nlp) == ["attribute_ruler"]
    doc = nlp("The army and NATO held talks.")
    assert [t.norm_ for t in doc][1:4] == ["army", "and", "org"]
    assert doc[5].norm_ == "talks" and doc[5].lemma_ == "talk"


def test_same_matches_when_the_table_starts_afresh(stock, monkeypatch):
    from transforms import attribute_index

    monkeypatch.setattr(attribute_index, "MAX_SIGNATURES", 20)
    ruler = stock.get_pipe("attribute_ruler")
    index = AttributeIndex(ruler)
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(our_texts()[:60]))
    for doc in docs:
        assert index.match(doc) == ruler.match(doc)
    assert len(index._starts) <= 20
