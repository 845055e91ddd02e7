"""A verb the verb lexicon codes, with its subject and target: the default reading.

"Poland condemned Belarus", "sent troops to Russia", "was summoned by the
Latvian foreign ministry". Besides the clause core's subjects and targets:
an act announced for the future or made conditional ("will impose",
"... unless Chad holds elections") takes its intent or threat code; a
complaint is aimed at the doers of the act complained of; a demand with no
object at the subject of its that-clause; a domestic act that names no
target at whom CAMEO coders supply (`ClauseCore.implied_targets`).
Coordinated subjects of a mutual act act on each other.
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Reading
from transforms.coding.roots import SYMMETRIC_CODES, SYMMETRIC_ROOTS
from transforms.coding.rule import Rule
from transforms.coding.tree import children


class PlainVerb(Rule):
    name = "plain_verb"
    priority = 90  # the last resort: every more specific rule comes first
    pos = frozenset({"VERB"})

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        lemma = core.lemma(token)
        if lemma not in core.res.verb_lemmas and lemma not in core.words.light:
            return None
        sources, inherited, avoid = core.doers(token)
        if not sources:
            return None
        on = core.ctx.published
        code, targets, _ = core.verb_code(token, on, avoid)
        if code is None:
            return None
        if token.dep_ in ("xcomp", "acl") and token.head.lemma_.lower() in core.words.decide:
            code = core.res.compositions.compose("intent", code, default=code)
        modality, reporter, denied, addressees = core.modality_and_reporter(token, on)
        if code[:2] == "11":
            # "complained to the UN over Israeli air raids": the complaint is about the raiders
            culprits = core.culprits(token, on, avoid)
            if culprits:
                targets = culprits
        code = core.exit_code(code, targets)
        if code[:2] == "09" and not any(t.resolved.code for t in targets):
            # "opened an investigation into crimes committed by Russian forces"
            targets = core.investigated(token, on, avoid) or targets
        conditional = core.conditional_threat(token)
        if modality == "future" or conditional:
            code = core.announced_code(code, conditional=conditional)
        if not targets and conditional:
            targets = core.condition_parties([token], on, avoid)
        if not targets and addressees:
            targets = [a for a in addressees if a.resolved.country != avoid]
        if not targets and lemma in core.words.demand:
            for child in token.children:
                if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                    targets = [a for a in core.actors(children(child, "nsubj", "nsubjpass"), on) if a.resolved.country != avoid]
                    if targets:
                        break
        implied = False
        if not targets:
            targets = core.implied_targets(token, sources, code, on)
            implied = bool(targets)
            if implied and targets[0].resolved.sector == "GOV":
                sources = [core.as_civilians(s) for s in sources]  # protesters
        symmetric_ok = not implied and (code[:2] in SYMMETRIC_ROOTS or code in SYMMETRIC_CODES and lemma in core.words.mutual)
        if code in ("190", "193") and lemma not in core.words.fight:
            symmetric_ok = False
        return Reading(token, code, sources, targets, inherited, core.negated(token) or denied, modality, reporter,
                       symmetric_ok=symmetric_ok)


RULE = PlainVerb()
