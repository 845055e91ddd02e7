"""Ellipsis: a second actor doing what the clause before says, without saying it again.

"Ghana condemned the raid, as did Benin", "Chile has sent rescue teams to
Peru, and Bolivia will too", "Kenya recalled its envoy, and Tanzania followed
suit", "...; the European Union did the same a week later", "Poland expelled
20 diplomats, and Lithuania 15" (issue #10, class 9). The elliptical clause
names a new doer and a marker of repetition: an auxiliary standing alone
("as did X", "X will too", "X has as well"), "did the same / likewise / so",
"followed suit", or a bare gapped subject after "and". The act is the
antecedent verb's (the verb the clause is coordinated with or subordinated
to, else the clause before it), coded and aimed as that verb is; modality and
negation are the elliptical clause's own, so "will too" is an announced act.
"Responded in kind" or "retaliated in kind" is the act returned: its target
is the antecedent's doer.
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Actor, Reading
from transforms.coding.rule import Rule
from transforms.coding.tree import children

# Words that make a clause repeat the act before it.
SAME_OBJECTS = frozenset({"same", "suit"})
SAME_ADVERBS = frozenset({"likewise", "so", "too", "also", "similarly", "well"})
RETURNED = ("in", "kind")  # "responded in kind"
ELIDING_VERBS = frozenset({"do", "follow", "have", "be", "will", "would", "respond", "retaliate", "reciprocate"})


class Ellipsis(Rule):
    name = "ellipsis"
    priority = 50
    pos = frozenset({"VERB", "AUX", "PROPN", "NOUN"})

    @staticmethod
    def returned(token: Token) -> bool:
        """"responded in kind" (also when the parser hangs "kind" on a following noun)."""
        doc = token.doc
        return any(p.lower_ == RETURNED[0] and p.i + 1 < len(doc) and doc[p.i + 1].lower_ == RETURNED[1]
                   for p in children(token, "prep"))

    def elliptical(self, token: Token) -> bool:
        """Whether `token` heads a clause that repeats the act before it."""
        if token.pos_ in ("PROPN", "NOUN"):
            # gapping: "..., and Lithuania 15": a noun coordinated with the verb itself, with
            # the remnant of the object after it
            return token.dep_ == "conj" and token.head.pos_ == "VERB" and token.i > token.head.i and any(
                c.i > token.i and c.pos_ in ("NUM", "NOUN", "PROPN") for c in token.children
            )
        if token.lemma_.lower() not in ELIDING_VERBS or not children(token, "nsubj"):
            return False
        if token.dep_ not in ("ROOT", "conj", "advcl") or any(a.lower_ == "to" for a in children(token, "aux")):
            return False  # "the first minister to do so" describes, it adds no act
        if self.returned(token):
            return True
        if any(o.lower_ in SAME_OBJECTS for o in children(token, "dobj")):
            return True
        if any(a.lower_ in SAME_ADVERBS for a in children(token, "advmod")) and not children(token, "dobj", "xcomp", "ccomp"):
            return True
        # "as did X": an auxiliary alone in an as-clause
        return any(m.lower_ == "as" for m in children(token, "mark")) and not children(token, "dobj", "xcomp", "ccomp")

    @staticmethod
    def antecedent(token: Token, core: ClauseCore) -> Token | None:
        """The verb whose act the elliptical clause repeats."""
        if token.dep_ in ("conj", "advcl") and token.head.pos_ == "VERB" and token.head.i < token.i:
            return token.head
        for child in token.children:  # "Britain sanctioned ...; the EU did the same"
            if child.dep_ in ("ccomp", "parataxis") and child.pos_ == "VERB" and child.i < token.i:
                return child
        sent = token.sent
        if token.i == sent.root.i and sent.start > 0:  # the clause before: "... Tanzania followed suit."
            previous = token.doc[sent.start - 1].sent.root
            return previous if previous.pos_ == "VERB" else None
        return None

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        if not self.elliptical(token):
            return None
        antecedent = self.antecedent(token, core)
        if antecedent is None or antecedent.lemma_.lower() not in core.res.verb_lemmas:
            return None
        on = core.ctx.published
        doers = core.actors([token] if token.pos_ in ("PROPN", "NOUN") else children(token, "nsubj"), on)
        if not doers:
            return None
        avoid = doers[0].resolved.country
        code, targets, _ = core.verb_code(antecedent, on, avoid)
        if code is None:
            return None
        if token.pos_ not in ("PROPN", "NOUN") and self.returned(token):
            targets, _ = core.subjects(antecedent, on)  # "responded in kind": the act returned
        targets = [t for t in targets if t.resolved.country is None or t.resolved.country != avoid]
        if not targets:
            return None
        clause = token if token.pos_ not in ("PROPN", "NOUN") else antecedent
        modality, reporter, denied, _ = core.modality_and_reporter(clause, on)
        if token.lower_ in core.words.future_aux:
            modality = "future"  # "Bolivia will too": the auxiliary heads the clause
        elif token.lower_ in core.words.hypothetical_aux:
            modality = "hypothetical"
        if modality == "future":
            code = core.announced_code(code)
        negative = (core.negated(token) if clause is token else core.negated(antecedent)) or denied
        return Reading(token, code, doers, targets, True, negative, modality, reporter)


RULE = Ellipsis()
