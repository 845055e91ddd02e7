"""Loading what a run extracts with: model, dictionaries, user files, gazetteer.

One `Resources` per set of arguments and process (`load_resources` is
memoised), with the run's version stamped here, once: the user files change
the coding, so their fingerprint is part of the version every document,
event and run row of the run carries.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from fileio.cache import DiskCache
from transforms.actor_dictionary import ActorDictionary
from transforms.actors import ActorMatcher
from transforms.codes import cameo_table
from transforms.gazetteer import Gazetteer
from transforms.lexicons import Compositions, NounLexicon, VerbLexicon, WordClasses
from transforms.nlp import load_model, model_label
from transforms.resources import Resources
from transforms.version import extractor_version  # noqa: F401 - re-exported: the version is part of a run's resources


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
        matcher=ActorMatcher(actors, nlp.vocab, nlp.tokenizer),
        verbs=verbs,
        verb_lemmas=verbs.known_lemmas(),
        nouns=nouns,
        noun_lemmas=nouns.known_lemmas(),
        words=WordClasses.load(governor_files).words,
        compositions=Compositions.load(composition_files),
        cameo=cameo_table(),
        gazetteer=default_gazetteer(),
        extractor_version=extractor_version([*actor_files, *verb_files, *governor_files, *composition_files]),
    )


def as_paths(files: Sequence[str | Path] | None) -> tuple[Path, ...]:
    return tuple(Path(f) for f in files or ())


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The shared gazetteer, built (or read from the disk cache) on first use.

    Building is cheap but not free (a few tenths of a second from the cache);
    a per-document gazetteer would dominate the geocoding cost.
    """
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Gazetteer(cache=DiskCache.from_environment())
    return _DEFAULT
