"""An agentless passive of violence or coercion: "12 policemen were killed in Mali".

A finite passive (with its auxiliary: "were killed", "was kidnapped", "have been
arrested") whose subject is an actor and which names no agent is still an
event when its act is coercion or violence done to people
(`roots.one_sided_target`): a one-sided event whose source is missing, as
CAMEO and PLOVER code it. Participles that only describe a noun ("a jailed
activist", "abducted schoolgirls") have no auxiliary and make no event, nor
does a passive whose subject is a thing or a place: "buildings were damaged"
resolves to no actor, and "Malian houses were burned" only to a nationality
with no people (a bare demonym), and "the state of emergency was declared" is
a description read as a country. A passive that governs a verb ("was forced to
withdraw") is not the act either: the complement is, nor is a passive in a
clause of an act that has not happened ("if it is attacked"). With a by-agent
the plain verb reads the passive.

A headline drops the auxiliary ("Seven UN peacekeepers killed in Congo
ambush"): a participle of the sentence's root noun is read the same way, as
no sentence with a verb has a noun for its root.
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Actor, Reading
from transforms.coding.roots import one_sided_target
from transforms.coding.rule import Rule
from transforms.coding.tree import children, unrealised_clause


class AgentlessPassive(Rule):
    name = "agentless_passive"
    priority = 85  # before the plain verb, which needs a source
    pos = frozenset({"VERB"})

    @staticmethod
    def headline_participle(token: Token) -> bool:
        """"Seven UN peacekeepers killed in Congo ambush": a headline whose only predicate
        is a participle of its root noun (a sentence with a verb never has a noun root)."""
        head = token.head
        return token.dep_ == "acl" and token.tag_ == "VBN" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN")

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        if token.lemma_.lower() not in core.res.verb_lemmas:
            return None
        if self.headline_participle(token) and not core.agents(token):
            return self.headline(token, core)
        subjects = children(token, "nsubjpass")
        if not subjects or not children(token, "auxpass") or core.agents(token) or core.complement(token):
            return None
        if unrealised_clause(token):
            return None  # "if it is attacked": a condition, not news
        on = core.ctx.published
        code, targets, _ = core.verb_code(token, on)
        if code is None or not one_sided_target(code):
            return None
        named = {t.i for s in subjects for t in (s, *s.conjuncts)}
        targets = [t for t in targets if t.token.i in named and sufferer(t)]
        if not targets:
            return None
        modality, reporter, denied, _ = core.modality_and_reporter(token, on)
        return Reading(token, code, [], targets, False, core.negated(token) or denied, modality, reporter,
                       one_sided=True)


    @staticmethod
    def headline(token: Token, core: ClauseCore) -> Reading | None:
        on = core.ctx.published
        code = core.code_for(token, [token.head.lemma_.lower()], [])
        if code is None or not one_sided_target(code):
            return None
        targets = [a for a in core.actors([token.head], on) if sufferer(a)]
        if not targets:
            return None
        return Reading(token, code, [], targets, False, core.negated(token), "asserted", None, one_sided=True)


def sufferer(actor: Actor) -> bool:
    """Whether a passive subject's actor is people who can suffer the act: a role word
    ("soldiers", "nationals"), a person, a state or organisation, or a pronoun; not a
    bare nationality ("Malian houses") nor a common noun read as a country ("the state")."""
    r = actor.resolved
    if r.kind == "pronoun":
        return actor.token.pos_ == "PRON"
    return bool(r.sector) or r.kind in ("person", "titled", "country", "capital", "igo")


RULE = AgentlessPassive()
