"""Mediation: "talks mediated by Turkey", "a deal brokered by China" -> the mediator towards each party.

A verb of the `mediation` class with a by-agent, as a modifier of the
mediated thing or a main clause: the parties are the between-phrase of what
it modifies, else the subject and target of the clause around it. Without a
by-agent the verb is read as a plain verb ("Qatar mediated between X and Y").
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Actor, Reading
from transforms.coding.rule import Rule
from transforms.coding.tree import children


class Mediation(Rule):
    name = "mediation"
    priority = 30
    pos = frozenset({"VERB"})

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        if token.lemma_.lower() not in core.words.mediation:
            return None
        if token.dep_ not in ("acl", "relcl", "advcl") and not (token.dep_ == "ROOT" and children(token, "agent")):
            return None
        on = core.ctx.published
        mediators = core.actors(core.agents(token), on)
        if not mediators:
            return None
        parties: list[Actor] = []
        node = token.head
        # "talks between X and Y, mediated by Z"
        for prep in children(node, "prep"):
            if prep.lower_ == "between":
                parties = core.actors(children(prep, "pobj"), on)
        if not parties:
            clause = node
            while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause:
                clause = clause.head
            if clause.pos_ in ("VERB", "AUX"):
                subj, _ = core.subjects(clause, on)
                tgt, _, _ = core.targets(clause, on, None)
                parties = subj + tgt
        parties = [p for p in parties if p.resolved.country != mediators[0].resolved.country]
        if not parties:
            return None
        modality, reporter, _, _ = core.modality_and_reporter(token, on)
        return Reading(token, "045", mediators, parties, False, core.negated(token), modality, reporter)


RULE = Mediation()
