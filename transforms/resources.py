"""Everything extraction reads besides the text, loaded once per process.

Building the phrase matcher, the lexicons and the gazetteer costs far more than
coding one document, so a flow run loads one `Resources` and every batch task
reuses it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from transforms.actors import ActorDictionary, ActorMatcher
from transforms.codes import CameoCode, cameo_table
from transforms.lexicons import Compositions, NounLexicon, VerbLexicon, WordClasses, Words
from transforms.nlp import load_model, model_label
from transforms.places import Gazetteer
from transforms.version import stamped


@dataclass(frozen=True)
class Resources:
    nlp: Language
    model_label: str
    actors: ActorDictionary
    matcher: ActorMatcher
    verbs: VerbLexicon
    verb_lemmas: frozenset[str]
    nouns: NounLexicon
    noun_lemmas: frozenset[str]
    words: Words
    compositions: Compositions
    cameo: dict[str, CameoCode]
    gazetteer: Gazetteer
    extractor_version: str


def extractor_version(user_files: Sequence[Path]) -> str:
    """The extractor version, plus a fingerprint of any user dictionaries.

    A rerun with a changed --actors or --verbs file must recode documents whose
    text did not change; the loader compares this version to decide.
    """
    if not user_files:
        return stamped(None)
    digest = hashlib.sha256()
    for path in user_files:
        digest.update(Path(path).read_bytes())
    return stamped(digest.hexdigest()[:10])


@lru_cache(maxsize=4)
def load_resources(
    model: str | None = None,
    actor_files: tuple[Path, ...] = (),
    verb_files: tuple[Path, ...] = (),
    governor_files: tuple[Path, ...] = (),
    composition_files: tuple[Path, ...] = (),
) -> Resources:
    """Load (once per arguments) the model and dictionaries a run extracts with."""
    nlp = load_model(model)
    actors = ActorDictionary.load(actor_files)
    verbs = VerbLexicon.load(verb_files)
    nouns = NounLexicon.load()
    return Resources(
        nlp=nlp,
        model_label=model_label(nlp),
        actors=actors,
        matcher=actors.make_matcher(nlp.vocab, nlp.tokenizer),
        verbs=verbs,
        verb_lemmas=verbs.known_lemmas(),
        nouns=nouns,
        noun_lemmas=nouns.known_lemmas(),
        words=WordClasses.load(governor_files).words,
        compositions=Compositions.load(composition_files),
        cameo=cameo_table(),
        gazetteer=Gazetteer.default(),
        extractor_version=extractor_version([*actor_files, *verb_files, *governor_files, *composition_files]),
    )


def as_paths(files: Sequence[str | Path] | None) -> tuple[Path, ...]:
    return tuple(Path(f) for f in files or ())
