"""The attribute ruler's matches, found by a lookup instead of spaCy's Matcher.

Why: en_core_web_sm's ``attribute_ruler`` (tag -> POS and morphology, plus a
few lemma and POS exceptions) has 179 one- and two-token patterns, and
spaCy's ``Matcher`` tries every one of them at every token. Measured on our
benchmark texts that is about 9% of the whole parse, more than the parser
itself spends on many documents, for an answer that depends only on a few
attributes of each token (tag, lowercase form, dependency, whitespace).

Here each token's attribute values are read in one ``Doc.to_array`` call and
looked up in a table from values to the patterns they satisfy, filled the
first time a combination is seen. The matches, their order and so the
annotations are exactly the stock component's (``tests/test_attribute_index.py``
compares them on every text we have). Patterns this does not understand
(operators, regular expressions, extension attributes, ...) leave the stock
Matcher in place: the shortcut is an optimisation, never a second meaning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

SUPPORTED_ATTRS = frozenset({
    "ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "POS", "DEP", "LEMMA", "ENT_TYPE",
    "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER",
    "LIKE_NUM", "IS_STOP",
})
MAX_SIGNATURES = 100_000  # combinations of values remembered (a few MB) before the table starts afresh

# A token predicate: (column in the attribute array, kind, value, set of values or regex)
Predicate = tuple[int, str, Any]


class Unsupported(ValueError):
    """A pattern the lookup cannot answer exactly; the stock Matcher is kept."""


class AttributeIndex:
    """All matches of an attribute ruler's patterns in a Doc, as its ``match`` returns them."""

    def __init__(self, ruler: "AttributeRuler"):
        from spacy.attrs import IDS
        from spacy.strings import get_string_id

        strings = ruler.vocab.strings
        columns: dict[str, int] = {}
        # per pattern: (attribute index, match id, [predicates of each token])
        self._patterns: list[tuple[int, int, list[list[Predicate]]]] = []
        for attr_index in range(len(ruler.attrs)):
            key = str(attr_index)
            if key not in ruler.matcher:
                continue
            match_id = strings.add(key)
            _callback, patterns = ruler.matcher.get(key)
            for pattern in patterns:
                if not pattern:
                    raise Unsupported("empty pattern")
                tokens = []
                for spec in pattern:
                    predicates: list[Predicate] = []
                    for name, value in spec.items():
                        attr = str(name).upper()
                        if attr not in SUPPORTED_ATTRS:
                            raise Unsupported(f"attribute {name!r}")
                        attr = "ORTH" if attr == "TEXT" else attr
                        column = columns.setdefault(attr, len(columns))
                        predicates.extend(_predicates(column, value, strings, get_string_id))
                    tokens.append(predicates)
                self._patterns.append((attr_index, match_id, tokens))
        self._strings = strings
        self._attr_ids = [IDS[name] for name in columns]
        # Each pattern token is filed under one of its exact values, so a new
        # combination of values is tested against the few tokens that can hold.
        self._filed: list[dict[int, list[tuple[int, int]]]] = [{} for _ in columns]
        self._unfiled: list[tuple[int, int]] = []
        for number, (_attr, _id, tokens) in enumerate(self._patterns):
            for offset, predicates in enumerate(tokens):
                exact = next((p for p in predicates if p[1] == "eq"), None)
                if exact is None:
                    self._unfiled.append((number, offset))
                else:
                    self._filed[exact[0]].setdefault(exact[2], []).append((number, offset))
        self._starts: dict[tuple[int, ...], tuple[tuple[int, int, int], ...]] = {}
        self._later: dict[tuple[int, ...], frozenset[tuple[int, int]]] = {}
        self._interned: dict[Any, Any] = {}

    def match(self, doc: "Doc") -> list[tuple[int, int, int, int]]:
        """(attribute index, match id, start, end) of every match, sorted as spaCy's ruler sorts them."""
        if not len(doc) or not self._attr_ids:
            return []
        rows = doc.to_array(self._attr_ids).tolist()
        if len(self._attr_ids) == 1:
            rows = [[value] for value in rows]
        signatures = [tuple(row) for row in rows]
        found: set[tuple[int, int, int, int]] = set()
        length = len(signatures)
        for start, signature in enumerate(signatures):
            candidates = self._starts.get(signature)
            if candidates is None:
                candidates = self._learn(signature)[0]
            for number, attr_index, match_id in candidates:
                tokens = self._patterns[number][2]
                end = start + len(tokens)
                if end > length:
                    continue
                if all((number, offset) in self._later_by(signatures[start + offset])
                       for offset in range(1, len(tokens))):
                    found.add((attr_index, match_id, start, end))
        return sorted(found)

    def _later_by(self, signature: tuple[int, ...]) -> frozenset[tuple[int, int]]:
        later = self._later.get(signature)
        return later if later is not None else self._learn(signature)[1]

    def _learn(
        self, signature: tuple[int, ...]
    ) -> tuple[tuple[tuple[int, int, int], ...], frozenset[tuple[int, int]]]:
        """The pattern tokens a combination of values satisfies, computed once per combination.

        Kept as the patterns it can start (with their ids) and the later
        tokens of longer patterns it can be; both interned, since most
        combinations share them. Returned too, so a caller never reads them
        back from tables another thread may have just started afresh.
        """
        if len(self._starts) >= MAX_SIGNATURES:
            self._starts.clear()
            self._later.clear()
        candidates = list(self._unfiled)
        for column, filed in enumerate(self._filed):
            candidates.extend(filed.get(signature[column], ()))
        patterns = self._patterns
        satisfied = sorted(
            (number, offset)
            for number, offset in set(candidates)
            if all(self._holds(predicate, signature) for predicate in patterns[number][2][offset])
        )
        starts = tuple((n, patterns[n][0], patterns[n][1]) for n, offset in satisfied if offset == 0)
        later = frozenset((n, offset) for n, offset in satisfied if offset > 0)
        starts = self._interned.setdefault(starts, starts)
        later = self._interned.setdefault(later, later)
        self._starts[signature] = starts
        self._later[signature] = later
        return starts, later

    def _holds(self, predicate: Predicate, signature: Sequence[int]) -> bool:
        column, kind, value = predicate
        actual = signature[column]
        if kind == "eq":
            return actual == value
        if kind == "in":
            return actual in value
        if kind == "not_in":
            return actual not in value
        return bool(value.search(self._strings[actual]))  # "regex", on the value's string


def _predicates(column: int, value: Any, strings: Any, get_string_id: Any) -> list[Predicate]:
    """One attribute's tests, with values converted exactly as spaCy's Matcher converts them."""
    if isinstance(value, bool):
        return [(column, "eq", int(value))]
    if isinstance(value, str):
        return [(column, "eq", strings.add(value))]
    if isinstance(value, int):
        return [(column, "eq", value)]
    if not isinstance(value, dict) or not value:
        raise Unsupported(f"predicate {value!r}")
    tests: list[Predicate] = []
    for operator, values in value.items():
        if operator == "REGEX" and isinstance(values, str):
            tests.append((column, "regex", re.compile(values)))
        elif operator in ("IN", "NOT_IN") and isinstance(values, (list, tuple)) and all(
            isinstance(v, (str, int)) and not isinstance(v, bool) for v in values
        ):
            tests.append((column, operator.lower(), frozenset(get_string_id(v) for v in values)))
        else:
            raise Unsupported(f"predicate {operator} {values!r}")
    return tests


def index_attribute_rulers(nlp: "Language") -> list[str]:
    """Give every attribute ruler of ``nlp`` whose patterns allow it the lookup; the names of those that got it."""
    from spacy.pipeline import AttributeRuler

    indexed = []
    for name, component in nlp.pipeline:
        if type(component) is not AttributeRuler:  # a subclass may match differently
            continue
        try:
            index = AttributeIndex(component)
        except Unsupported:
            continue
        component.match = index.match  # an instance attribute: __call__ asks self.match
        indexed.append(name)
    return indexed
