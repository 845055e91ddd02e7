"""The spaCy pipeline a run loads, made faster without changing one annotation.

Two components of the English pipelines spend most of their time in Python,
repeating work whose answer depends on a handful of token attributes: the
attribute ruler (``transforms.attribute_index``) and the rule lemmatizer
(``transforms.lemma_memo``). Each shortcut applies only where its answer is
provably spaCy's, and is tested against spaCy's own output on every text we
have. ``DOTTEREL_STOCK_SPACY=1`` runs the pipeline exactly as spaCy ships it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from transforms.attribute_index import index_attribute_rulers
from transforms.lemma_memo import remember_lemmas

if TYPE_CHECKING:
    from spacy.language import Language

STOCK_ENV = "DOTTEREL_STOCK_SPACY"


def stock_requested() -> bool:
    return os.environ.get(STOCK_ENV, "").strip() not in ("", "0")


def speed_up(nlp: "Language") -> list[str]:
    """Apply every shortcut ``nlp``'s components allow; the names of the components changed."""
    if stock_requested():
        return []
    return index_attribute_rulers(nlp) + remember_lemmas(nlp)
