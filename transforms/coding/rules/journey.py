"""A march towards a border is a journey, not a protest: "migrants marched north towards Mexico".

A verb of the `journey` word class (march, walk, trek) is coded a demonstration by the
verb lexicon. When its own phrase sends the walkers to or from a border ("towards the
border", "from the Guatemalan border") or to a country other than their own ("marched
towards Mexico"), it is a journey: CAMEO has no event for it, and above all it is not a
protest against the walkers' own government (an implied target). The rule claims the
verb and reads nothing. A march with a protest of its own ("against the reform", "to
protest the deal") is read as usual.
"""

from __future__ import annotations


from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.mention_words import BORDER_NOUNS
from transforms.coding.rule import NotAnEvent
from transforms.coding.tree import children

_ROUTE_PREPS = frozenset({"to", "towards", "toward", "into", "from", "across"})


def _protest_of_its_own(verb: Token, core: ClauseCore) -> bool:
    """"marched against the reform", "marched to demand the president's resignation"."""
    if any(p.lower_ == "against" for p in children(verb, "prep")):
        return True
    for clause in children(verb, "advcl", "xcomp"):
        code = core.res.verbs.lookup(clause.lemma_.lower(), "", [], [])
        if code is not None and code[:2] in ("10", "11", "14"):
            return True
    return False


def is_journey(verb: Token, core: ClauseCore) -> bool:
    if verb.lemma_.lower() not in core.words.journey or _protest_of_its_own(verb, core):
        return False
    sources, _, own = core.doers(verb)
    on = core.ctx.published
    for prep in children(verb, "prep"):
        if prep.lower_ not in _ROUTE_PREPS:
            continue
        for place in children(prep, "pobj"):
            if place.lemma_.lower() in BORDER_NOUNS:
                return True
            found = core.place_actor(place, on)
            if found is not None and found.resolved.country and own and found.resolved.country != own:
                return True
    return False


class Journey(NotAnEvent):
    name = "journey"
    priority = 5  # before the plain verb reads "march" as a demonstration
    pos = frozenset({"VERB"})

    def found(self, token: Token, core: ClauseCore) -> bool:
        return is_journey(token, core)


RULE = Journey()
