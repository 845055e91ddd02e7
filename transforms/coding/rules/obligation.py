"""An obligation laid on another actor in reported speech is a demand (CAMEO 100).

"Washington said that Tehran must release the sailors": the speaker demands
of the subject of the clause with a deontic auxiliary (`deontic_aux`, "must")
under a speech verb of the `obligation` class. The clause is claimed (the
release is not news); the speech verb keeps its own reading too.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Reading
from transforms.coding.rule import Rule
from transforms.coding.tree import children


class Obligation(Rule):
    name = "obligation"
    priority = 10
    pos = frozenset({"VERB"})
    exclusive = False  # "said" is still read as a verb of its own

    @staticmethod
    def clauses(token: Token, core: ClauseCore) -> list[Token]:
        """The clauses with a deontic auxiliary that `token` (a speech verb) governs."""
        if token.lemma_.lower() not in core.words.obligation:
            return []
        deontic = core.words.deontic_aux
        return [
            child for child in token.children
            if child.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in deontic for a in child.children)
        ]

    def claims(self, token: Token, core: ClauseCore) -> Iterable[Token]:
        return [v for clause in self.clauses(token, core) for v in core.embedded_chain(clause)]

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        clauses = self.clauses(token, core)
        if not clauses:
            return None
        sources, inherited, avoid = core.doers(token)
        if not sources:
            return None
        on = core.ctx.published
        targets = [
            a for clause in clauses for a in core.actors(children(clause, "nsubj"), on, avoid) if a.resolved.country != avoid
        ]
        if not targets:
            return None
        modality, reporter, _, _ = core.modality_and_reporter(token, on)
        return Reading(token, "100", sources, targets, inherited, core.negated(token), modality, reporter)


RULE = Obligation()
