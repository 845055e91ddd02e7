"""The README's dictionary examples are valid files for --actors, --verbs, --governors and --compositions,
and every test its Reliability section names exists."""

from __future__ import annotations

import re
from pathlib import Path

from transforms.actor_dictionary import ActorDictionary
from transforms.lexicons import VerbLexicon

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def block_starting(header: str) -> str:
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", README, flags=re.S | re.M)
    return next(b for b in blocks if b.startswith(header))


def test_actor_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "actors.tsv"
    path.write_text(block_starting("name\tcode"), encoding="utf-8")
    entries = ActorDictionary.load((path,)).entries_for("Vyacheslav Gladkov")
    assert [e.code for e in entries] == ["RUSGOV"]


def test_verb_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "verbs.tsv"
    path.write_text(block_starting("lemma\tparticle"), encoding="utf-8")
    lexicon = VerbLexicon.load((path,))
    assert lexicon.lookup("ship", objects=["weapon"]) == "072"
    assert lexicon.lookup("rebuke") == "111"


def test_word_class_and_composition_examples_load(tmp_path: Path) -> None:
    from transforms.lexicons import Compositions, WordClasses

    governors = tmp_path / "governors.tsv"
    governors.write_text(block_starting("lemma\tclass"), encoding="utf-8")
    words = WordClasses.load((governors,)).words
    assert "vow" in words.threat and "vow" not in words.commit and "reckon" in words.speech
    compositions = tmp_path / "compositions.tsv"
    compositions.write_text(block_starting("composition\tgoverned"), encoding="utf-8")
    assert Compositions.load((compositions,)).compose("threat", "190") == "138"


def test_every_test_the_reliability_section_names_exists() -> None:
    """A guarantee in the README is backed by a test only while that test is there under that name."""
    section = README.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"\b(test_\w+)\b(?!\.py)", section))
    defined = {
        name
        for path in (Path(__file__).resolve().parent).glob("test_*.py")
        for name in re.findall(r"^def (test_\w+)\(", path.read_text(encoding="utf-8"), flags=re.M)
    }
    assert len(named) > 20
    assert sorted(named - defined) == []
