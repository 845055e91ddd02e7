"""Everything extraction reads besides the text, as one bundle.

Building the phrase matcher, the lexicons and the gazetteer costs far more than
coding one document, so a flow run loads one `Resources` (with
`fileio.resources.load_resources`) and every batch task reuses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language

from transforms.actor_dictionary import ActorDictionary
from transforms.actors import ActorMatcher
from transforms.codes import CameoCode
from transforms.gazetteer import Gazetteer
from transforms.lexicons import Compositions, NounLexicon, VerbLexicon, Words


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
    extractor_version: str  # stamped once per run: see transforms/version.py
