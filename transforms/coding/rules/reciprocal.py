"""Reciprocals: "Kenya and Uganda criticised each other" is an act in both directions.

A verb whose object, or the object of one of its prepositions, is a
reciprocal phrase ("each other", "one another", or its possessive: "summoned
each other's ambassadors"), or a verb of the `exchange` class with a plural
act noun ("traded accusations": the noun's code), is read as the act of every
one of its subjects towards every other one: coordinated subjects ("Kenya
and Uganda") or a pair ("the two leaders"). The code is the verb's own, as
the plain verb would read it (an announced act takes its intent or threat
code); with a single subject there is no reciprocal reading, and the verb
is left to the plain verb rule.

This module is the worked example of transforms/coding/README.md: one rule,
its tests in tests/test_extract.py (the RECIPROCALS table).
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Reading
from transforms.coding.rule import Rule
from transforms.coding.tree import children

# Reciprocal phrases, as the words of the argument's subtree.
RECIPROCAL_PHRASES = frozenset({("each", "other"), ("one", "another")})


def reciprocal(token: Token) -> bool:
    """Whether the argument headed by `token` is a reciprocal phrase ("each other('s)")."""
    return token.lower_ in ("other", "one", "another") and tuple(
        t.lower_ for t in token.subtree if t.dep_ != "case"
    ) in RECIPROCAL_PHRASES


def has_reciprocal_argument(verb: Token) -> bool:
    """"criticised each other", "fired at each other", "imposed sanctions on one another",
    "summoned each other's ambassadors", "reopened embassies in each other's capitals"."""
    objects = children(verb, "dobj", "dative")
    holders = [verb, *objects]
    arguments = objects + [o for h in holders for p in children(h, "prep") for o in children(p, "pobj")]
    return any(reciprocal(a) or any(reciprocal(c) for c in children(a, "poss")) for a in arguments)


class Reciprocal(Rule):
    name = "reciprocal"
    priority = 80  # before the plain verb, which would find no target in "each other"
    pos = frozenset({"VERB"})

    @staticmethod
    def exchanged(token: Token, core: ClauseCore) -> str | None:
        """"The two Koreas traded accusations": the code of an act noun traded (`exchange`)."""
        if token.lemma_.lower() not in core.words.exchange:
            return None
        for obj in children(token, "dobj"):
            if obj.tag_ == "NNS":
                code = core.noun_code(obj)
                if code is not None:
                    return code
        return None

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        lemma = token.lemma_.lower()
        if lemma not in core.res.verb_lemmas and lemma not in core.words.light:
            return None
        exchanged = self.exchanged(token, core)
        if exchanged is None and not has_reciprocal_argument(token):
            return None
        sources, inherited, _ = core.doers(token)
        if len(sources) < 2:
            return None
        on = core.ctx.published
        code = exchanged or core.verb_code(token, on)[0]
        if code is None:
            return None
        modality, reporter, denied, _ = core.modality_and_reporter(token, on)
        conditional = core.conditional_threat(token)
        if modality == "future" or conditional:
            code = core.announced_code(code, conditional=conditional)
        # no targets, and every source acts on every other one (events.sentence_rows)
        return Reading(token, code, sources, [], inherited, core.negated(token) or denied, modality, reporter,
                       symmetric_ok=True)


RULE = Reciprocal()
