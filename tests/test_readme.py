"""The README's dictionary examples are valid files for --actors, --verbs, --governors and --compositions."""

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
