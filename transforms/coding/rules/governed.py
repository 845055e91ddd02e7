"""A governor and the act it governs, coded as one: intent, threat or refusal.

"agreed to supply arms to Y" is an intent to give military aid (0332, not
the supply itself), "threatened to strike Y" a threat (1384), "refused to
send weapons to Y" a refusal (1222), "is ready to talk to Y" an intent.
The governing word's class (`commit`, `threat`, `refuse`, the adjectives of
`ready`) picks the composition in compositions.tsv; the governed act's code
and target come from the first verb of the complement chain that has one.
The complement chain is claimed: it is not read again as an act of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Actor, Reading
from transforms.coding.roots import HOSTILE_ROOTS
from transforms.coding.rule import Rule
from transforms.coding.tree import children

# Composition of each governing class ("commit" turns hostile acts into threats too).
COMPOSITION = {"commit": "intent", "threat": "threat", "refuse": "refusal"}


class Governed(Rule):
    name = "governed"
    priority = 20
    pos = frozenset({"VERB", "ADJ"})

    @staticmethod
    def kind(token: Token, core: ClauseCore) -> str | None:
        """The governing class of `token`, if it governs a complement this rule reads."""
        lemma = token.lemma_.lower()
        words = core.words
        if token.pos_ == "VERB":
            if lemma in words.commit:
                return "commit"
            if lemma in words.threat:
                return "threat"
            if lemma in words.refuse:
                return "refuse"
        elif token.pos_ == "ADJ" and lemma in words.ready and token.dep_ == "acomp":
            return "commit"
        return None

    def claims(self, token: Token, core: ClauseCore) -> Iterable[Token]:
        if self.kind(token, core) is None:
            return ()
        xcomp = core.complement(token)
        if xcomp is None:
            return ()
        return [token, *core.embedded_chain(xcomp)]  # the governor too: no plain reading of "agreed"

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        kind = self.kind(token, core)
        if kind is None:
            return None
        xcomp = core.complement(token)
        if xcomp is None:
            return None
        clause_verb = token.head if token.pos_ == "ADJ" else token
        sources, inherited, avoid = core.doers(clause_verb)
        if not sources:
            return None
        on = core.ctx.published
        chain = core.embedded_chain(xcomp)
        _, own_targets, _ = core.verb_code(token, on, avoid) if token.pos_ == "VERB" else (None, [], [])
        targets, inner = self.embedded_targets(core, chain, on, avoid)
        if own_targets and not (token.lemma_.lower() in core.words.offer and not children(token, "dative", "iobj")):
            targets = own_targets
        hostile = inner is not None and inner[:2] in HOSTILE_ROOTS
        if kind == "commit" and hostile:
            code = core.res.compositions.compose("threat", inner, default="138")  # a threat of force
        else:
            code = core.res.compositions.compose(COMPOSITION[kind], inner)
        modality, reporter, denied, addressees = core.modality_and_reporter(clause_verb, on)
        if not targets and addressees:
            targets = addressees
        if not targets and kind == "threat":
            targets = core.condition_parties([token, *chain], on, avoid)
        if not targets and inner is not None and kind != "refuse":
            # "threatened to institute a curfew in Algiers", "will extend the curfew in Abidjan"
            for verb in chain:
                targets = core.implied_targets(verb, sources, inner, on)
                if targets:
                    break
        if not targets and kind == "threat" and (inner is None or inner[:2] in HOSTILE_ROOTS | {"16"}):
            # "threatened to resume attacks in Israel": a hostile act threatened in a country
            for verb in chain:
                place = core.clause_place(verb, on)
                if place is not None and place.resolved.country != avoid:
                    targets = [place]
                    break
        return Reading(token, code, sources, targets, inherited, core.negated(clause_verb) or denied, modality, reporter,
                       symmetric_ok=kind == "commit")

    @staticmethod
    def embedded_targets(core: ClauseCore, chain: Sequence[Token], on: date | None,
                         avoid: str | None) -> tuple[list[Actor], str | None]:
        """The targets and code of the first verb of the chain that has targets."""
        for v in chain:
            code = None
            lemma = core.lemma(v)
            if lemma in core.res.verb_lemmas or lemma in core.words.light:
                code, targets, _ = core.verb_code(v, on, avoid)
            else:
                targets, _, _ = core.targets(v, on, None, None, avoid)
            if not targets and v.dep_ == "ccomp":
                targets = core.actors(children(v, "nsubj"), on, avoid)
            if targets:
                return targets, code
        return [], None


RULE = Governed()
