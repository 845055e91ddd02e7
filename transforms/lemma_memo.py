"""spaCy's rule lemmatizer, remembering each answer.

Why: the rule lemmatizer's answer depends only on a token's form, part of
speech and morphology, and spaCy caches it, but only for the words that go
through its suffix rules: every singular noun, base-form verb or plain
adjective (most of a news text) is worked out again at every occurrence, with
a morphology dictionary built each time, and every token pays for a Token
object and a string round trip. Measured on our benchmark texts that is about
4% of the parse. Here a component reads (form, part of speech, morphology,
lemma) of all tokens in one ``Doc.to_array`` call, asks spaCy's own
``lemmatize`` once per new combination, and writes the lemmas back in one
``Doc.from_array``. The lemmas are spaCy's (``tests/test_lemma_memo.py``).

Only the lemmatizers whose answer is known to depend on nothing else get it:
spaCy's ``Lemmatizer`` and the English one in "rule" mode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_REMEMBERED = 200_000  # (form, POS, morphology) combinations, a few MB, before starting afresh


def _remembering_call(self, doc: "Doc") -> "Doc":
    """``Lemmatizer.__call__`` with the per-combination memory (same lemmas, same error handling)."""
    import numpy
    from spacy.attrs import LEMMA, MORPH, ORTH, POS
    from spacy.errors import Errors

    if not self._validated:
        self._validate_tables(Errors.E1004)
    error_handler = self.get_error_handler()
    try:
        memo = self._dotterel_lemmas
        if len(memo) >= MAX_REMEMBERED:
            memo.clear()
        strings = self.vocab.strings
        overwrite = self.overwrite
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                lemma = memo.get(key)
                if lemma is None:
                    lemma = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        if lemmas:
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64"))
        return doc
    except Exception as e:  # as spaCy's __call__ does
        error_handler(self.name, self, [doc], e)


def remember_lemmas(nlp: "Language") -> list[str]:
    """Give every rule lemmatizer of ``nlp`` whose answer is a function of (form, POS, morphology) the memory."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    pure_base_forms = (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form)
    remembered = []
    for name, component in nlp.pipeline:
        cls = type(component)
        if (
            cls not in (Lemmatizer, EnglishLemmatizer)
            or component.mode != "rule"
            or cls.rule_lemmatize is not Lemmatizer.rule_lemmatize
            or cls.is_base_form not in pure_base_forms
        ):
            continue
        component._dotterel_lemmas = {}
        # A subclass with the remembering __call__: a pipeline calls a component
        # as component(doc), which looks __call__ up on the class.
        component.__class__ = type(f"Remembering{cls.__name__}", (cls,), {"__call__": _remembering_call})
        remembered.append(name)
    return remembered
