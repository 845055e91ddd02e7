"""The rules, found in `rules/`, run over a sentence: one loop, claims handled here.

Every module in `transforms/coding/rules/` that defines ``RULE`` is a rule;
adding a construction is adding a module (see README.md here). The order in
which rules are tried at a token is their priority, then their name, so it
does not depend on the order modules are found in.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Span

from transforms.coding import rules as rules_package
from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Reading
from transforms.coding.rule import Rule
from transforms.docindex import doc_index


class Registry:
    """Rules indexed by the part of speech they read, each list in priority order."""

    def __init__(self, rules: Sequence[Rule]):
        ordered = sorted(rules, key=lambda r: (r.priority, r.name))
        names = [r.name for r in ordered]
        if len(set(names)) != len(names):
            raise ValueError(f"two rules share a name: {sorted(n for n in names if names.count(n) > 1)}")
        self.rules = tuple(ordered)
        pos_tags = {tag for rule in ordered for tag in rule.pos}
        self._readers = {tag: tuple(r for r in ordered if tag in r.pos) for tag in pos_tags}
        self._claimers = {
            tag: tuple(r for r in rules_ if type(r).claims is not Rule.claims)
            for tag, rules_ in self._readers.items()
        }

    def readings(self, core: ClauseCore, sent: Span) -> list[Reading]:
        """The readings of a sentence, in token order (and rule order at one token)."""
        claimed: dict[int, set[tuple[str, int]]] = {}
        claimers = self._claimers
        readers = self._readers
        # the tokens a rule reads (with their tag), for both loops below, from the document's index
        index = doc_index(sent.doc)
        tags = index.pos
        tokens = [(index.tokens[i], tags[i]) for i in range(sent.start, sent.end) if tags[i] in readers]
        for token, pos in tokens:
            for rule in claimers.get(pos, ()):
                for taken in rule.claims(token, core):
                    claimed.setdefault(taken.i, set()).add((rule.name, token.i))
        found: list[Reading] = []
        for token, pos in tokens:
            owners = claimed.get(token.i)
            for rule in readers.get(pos, ()):
                if owners and owners - {(rule.name, token.i)}:
                    continue  # taken by another construction
                reading = rule.read(token, core)
                if reading is not None:
                    found.append(reading)
                    if rule.exclusive:
                        break
        return found


def discover() -> list[Rule]:
    """The ``RULE`` of every module in `transforms/coding/rules/`."""
    found = []
    for info in sorted(pkgutil.iter_modules(rules_package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{rules_package.__name__}.{info.name}")
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule):
            raise TypeError(f"{module.__name__} defines no RULE (an instance of transforms.coding.rule.Rule)")
        found.append(rule)
    return found


@cache
def default_registry() -> Registry:
    """The registry of every packaged rule, built once per process."""
    return Registry(discover())
