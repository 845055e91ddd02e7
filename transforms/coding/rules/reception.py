"""Receiving a visitor: the host is the source of a CAMEO 043 (host a visit).

"The Japanese prime minister received the Saudi crown prince", "the envoy
was greeted by Turkey's foreign minister", "... arrived in Tokyo and was
received by the prime minister": the host receives the guest. Verbs of the
`reception` class (welcome, receive, greet) read so when the guest is a
person or an office-holder; welcoming a thing ("welcomed the decision") is
left to the plain verb (support). An agentless passive set in a country's
capital or a place ("was welcomed in Hanoi") has that country as its host.
As README's gold has it, the visit itself is not coded again here.
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Actor, Reading
from transforms.coding.rule import Rule
from transforms.coding.tree import children

HOST_A_VISIT = "043"
# Actors that are guests: people, and people named by their office ("the crown prince").
GUEST_KINDS = frozenset({"person", "titled", "pronoun"})


class Reception(Rule):
    name = "reception"
    priority = 60
    pos = frozenset({"VERB"})

    @staticmethod
    def guests(actors: list[Actor], core: ClauseCore) -> list[Actor]:
        """The actors that are people received, not things or whole states welcomed: the
        argument's head is the person ("the crown prince"), not a thing of theirs
        ("welcomed President Reagan's statement")."""
        found = []
        for actor in actors:
            r = actor.resolved
            token = actor.token
            if not r.start_char <= token.idx < r.end_char and token.pos_ != "PRON":
                continue
            if r.kind in GUEST_KINDS or (token.pos_ == "NOUN" and r.sector and not core.act_noun(token)
                                         and core.noun_code(token) is None):
                found.append(actor)
        return found

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        if token.lemma_.lower() not in core.words.reception:
            return None
        on = core.ctx.published
        if core.passive(token):
            patients = children(token, "nsubjpass") or (core.shared_subjects(token.head) if token.dep_ == "conj" else [])
            guests = self.guests(core.actors(patients, on), core)
            hosts = core.actors(core.agents(token), on)
            if not hosts:
                place = core.clause_place(token, on)
                hosts = [place] if place is not None and place.resolved.kind in ("capital", "country", "place") else []
        else:
            hosts, _ = core.subjects(token, on)
            guests = self.guests(core.actors(children(token, "dobj"), on), core)
        if not hosts or not guests:
            return None
        countries = {g.resolved.country for g in guests}
        hosts = [h for h in hosts if h.resolved.country is None or h.resolved.country not in countries]
        if not hosts:
            return None
        modality, reporter, denied, _ = core.modality_and_reporter(token, on)
        return Reading(token, HOST_A_VISIT, hosts, guests, False, core.negated(token) or denied, modality, reporter)


RULE = Reception()
