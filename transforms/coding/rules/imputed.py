"""An act imputed to someone, or praised or blamed in them: the content is an event too.

"Kenya accused Uganda of shipping arms to the rebels" is two events: the
accusation (read by the other rules) and the shipping, an act of Uganda's,
coded 'reported' because the accuser asserts it (issue #10, class 4). A verb
of the `imputation` class (accuse, blame, charge) reads its of/for/with +
gerund so; a verb of the `appraisal` class (condemn, criticise, thank,
praise ...) reads its for + gerund as an act the writer takes as fact,
'asserted' ("thanked Ghana for sending aid to Togo"). The doer is the
governing verb's object, the act's code and target the gerund's own, and
coordinated gerunds ("of occupying farmland and looting harvests") are read
each. An announced or hypothetical governing clause lends its modality.

A verb of the `partner` class (join) reads its in + gerund as the act of its
subject and its object together: "Britain joined the United States in
striking targets in Yemen" is a strike by each.
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Reading
from transforms.coding.rule import Rule
from transforms.coding.tree import children

IMPUTING_PREPS = frozenset({"of", "for", "with", "in"})
IMPUTED, APPRAISED, SHARED = "imputed", "appraised", "shared"


class Imputed(Rule):
    name = "imputed"
    priority = 70  # before the plain verb, which finds no subject for a gerund
    pos = frozenset({"VERB"})

    @staticmethod
    def governor(token: Token, core: ClauseCore) -> tuple[Token, str] | None:
        """(the governing verb, how it governs) of a gerund complement."""
        gerund = token
        while gerund.dep_ == "conj" and gerund.head.pos_ == "VERB":
            gerund = gerund.head
        if gerund.dep_ != "pcomp" or gerund.tag_ != "VBG":
            return None
        prep = gerund.head
        verb = prep.head
        if verb.dep_ == "dobj" and verb.head.pos_ == "VERB":
            verb = verb.head  # "accused the army of occupying ...": the phrase hangs off the object
        if prep.lower_ not in IMPUTING_PREPS or verb.pos_ != "VERB":
            return None
        lemma = verb.lemma_.lower()
        words = core.words
        if lemma in words.imputation and prep.lower_ != "in":
            return verb, IMPUTED
        if lemma in words.appraisal and prep.lower_ == "for":
            return verb, APPRAISED
        if lemma in words.partner and prep.lower_ == "in":
            return verb, SHARED
        return None

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        if token.lemma_.lower() not in core.res.verb_lemmas:
            return None
        found = self.governor(token, core)
        if found is None:
            return None
        verb, how = found
        on = core.ctx.published
        doers = core.actors(children(verb, "dobj"), on)
        if how == SHARED:
            subjects, _ = core.subjects(verb, on)
            doers = [*subjects, *doers] if doers else []
        if not doers:
            return None
        code, targets, _ = core.verb_code(token, on, doers[0].resolved.country)
        if code is None:
            return None
        modality, reporter, denied, _ = core.modality_and_reporter(verb, on)
        if modality == "asserted" and how == IMPUTED:
            speakers, _ = core.subjects(verb, on)
            modality, reporter = "reported", speakers[0].resolved if speakers else None
        return Reading(token, code, doers, targets, True, core.negated(token) or denied, modality, reporter)


RULE = Imputed()
