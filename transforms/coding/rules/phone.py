"""An act done by telephone is also a phone call: "Modi congratulated Lula by telephone".

A coded verb with a means phrase naming a telephone ("by phone", "over the
telephone", "in a phone call", "during a video call") gives, beside its own
reading, a phone call (CAMEO 041) between the same actors. The words that name
a telephone are the `phone` class of governors.tsv. A verb whose own code is
already 041 ("spoke by phone with X") is left to the plain verb rule.
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Reading
from transforms.coding.rule import Rule
from transforms.coding.tree import children

MEANS_PREPS = frozenset({"by", "over", "via", "in", "during", "on"})


class Phone(Rule):
    name = "phone"
    priority = 15
    pos = frozenset({"VERB"})
    exclusive = False  # the act itself is read too

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        if not self.by_phone(token, core):
            return None
        lemma = core.lemma(token)
        if lemma not in core.res.verb_lemmas:
            return None
        sources, inherited, avoid = core.doers(token)
        if not sources:
            return None
        on = core.ctx.published
        code, targets, _ = core.verb_code(token, on, avoid)
        if code is None or code == "041" or not targets:
            return None
        modality, reporter, denied, _ = core.modality_and_reporter(token, on)
        return Reading(token, "041", sources, targets, inherited, core.negated(token) or denied, modality, reporter)

    @staticmethod
    def by_phone(verb: Token, core: ClauseCore) -> bool:
        for prep in children(verb, "prep"):
            if prep.lower_ not in MEANS_PREPS:
                continue
            for means in children(prep, "pobj"):
                if means.lemma_.lower() in core.words.phone:
                    return True
                if any(m.lemma_.lower() in core.words.phone for m in means.lefts if m.dep_ in ("compound", "amod")):
                    return True  # "in a phone call", "during a video call"
        return False


RULE = Phone()
