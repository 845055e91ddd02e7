"""Ruling an act out is a refusal; not ruling it out leaves the act possible.

"Britain ruled out talks with Argentina" is a refusal to negotiate (CAMEO 12x,
REJECT); "Nepal did not rule out sending troops to Lebanon" is no refusal but
the act itself, 'hypothetical' (issue #10, class 7). Verbs of the `exclude`
class ("rule out", "exclude") read an event noun object with its target
("talks with Argentina") or a gerund complement ("sending troops to
Lebanon", which they claim). The refusal's code is the `refusal` composition
of the act's.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Actor, Reading
from transforms.coding.rule import Rule
from transforms.coding.tree import children, target_preps

# Prepositions that name the other party of an excluded act noun ("talks with Y").
ACT_TARGET_PREPS = frozenset({"with", "to", "on", "against", "into", "between"})


def phrasal(token: Token) -> str:
    """The verb with its particle ("rule_out"), as word classes list phrasal verbs."""
    particle = next((c.lower_ for c in children(token, "prt")), None)
    return f"{token.lemma_.lower()}_{particle}" if particle else token.lemma_.lower()


class Excluded(Rule):
    name = "excluded"
    priority = 22
    pos = frozenset({"VERB"})

    @staticmethod
    def gerund(token: Token) -> Token | None:
        return next((c for c in token.children if c.dep_ in ("xcomp", "dobj") and c.tag_ == "VBG"), None)

    def claims(self, token: Token, core: ClauseCore) -> Iterable[Token]:
        if phrasal(token) not in core.words.exclude:
            return ()
        gerund = self.gerund(token)
        return core.embedded_chain(gerund) if gerund is not None else ()

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        if phrasal(token) not in core.words.exclude:
            return None
        sources, inherited, avoid = core.doers(token)
        if not sources:
            return None
        on = core.ctx.published
        gerund = self.gerund(token)
        code: str | None = None
        targets: list[Actor] = []
        if gerund is not None:
            code, targets, _ = core.verb_code(gerund, on, avoid)
        else:
            for noun in children(token, "dobj"):
                code = core.noun_code(noun)
                if code is not None:
                    targets = core.actors([o for p, o in target_preps(noun) if p in ACT_TARGET_PREPS], on, avoid)
                    break
        targets = [t for t in targets if t.resolved.country != avoid or t.resolved.country is None]
        if code is None or not targets:
            return None
        modality, reporter, denied, _ = core.modality_and_reporter(token, on)
        if core.negated(token):
            return Reading(token, code, sources, targets, inherited, False, "hypothetical", reporter)
        return Reading(token, core.res.compositions.compose("refusal", code), sources, targets, inherited, denied,
                       modality, reporter)


RULE = Excluded()
