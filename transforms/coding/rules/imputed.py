"""An act imputed to someone, or praised or blamed in them: the content is an event too.

"Kenya accused Uganda of shipping arms to the rebels" is two events: the
accusation (read by the other rules) and the shipping, an act of Uganda's,
coded 'reported' because the accuser asserts it (issue #10, class 4). A verb
of the `imputation` class (accuse, blame, charge, suspect) reads its
of/for/with + gerund so; its doer is the verb's object, or its subject in the
passive ("are suspected of having delivered ..."). A verb of the `appraisal`
class (condemn, criticise, thank, praise ...) reads its for + gerund as an act
of its object that the writer takes as fact, 'asserted' ("thanked Ghana for
sending aid to Togo"). The act's code and target are the gerund's own,
coordinated gerunds ("of occupying farmland and looting harvests") are read
each, and an announced or hypothetical governing clause lends its modality.
With a reciprocal object ("X and Y accused each other of violating the
ceasefire") each subject is the doer towards the other.

A verb of the `partner` class (join) reads its in + gerund as the act of its
subject and its object together: "Britain joined the United States in
striking targets in Yemen" is a strike by each. A verb of the `forgo` class
reads its of/from/on + gerund as an act its subject did not do, negative
("Kenya stopped short of recalling its ambassador", "refrained from").
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Reading
from transforms.coding.rule import Rule
from transforms.coding.rules.reciprocal import reciprocal
from transforms.coding.tree import children

IMPUTING_PREPS = frozenset({"of", "for", "with", "in", "from", "on"})
IMPUTED, APPRAISED, SHARED, FORGONE = "imputed", "appraised", "shared", "forgone"
FORGO_PREPS = frozenset({"of", "from", "on"})


def with_modifiers(verb: Token) -> set[str]:
    """The verb alone and with each particle or adverb, as `forgo` lists them ("stop_short")."""
    lemma = verb.lemma_.lower()
    return {lemma, *(f"{lemma}_{c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod"))}


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
        if gerund.dep_ != "pcomp" or not (gerund.tag_ == "VBG" or any(a.lower_ == "having" for a in children(gerund, "aux"))):
            return None  # a gerund, or a perfect one ("of having delivered")
        prep = gerund.head
        verb = prep.head
        if verb.pos_ == "ADV" and verb.dep_ == "advmod":
            verb = verb.head  # "stopped short of ...": the phrase hangs off the adverb
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
        if prep.lower_ in FORGO_PREPS and with_modifiers(verb) & words.forgo:
            return verb, FORGONE
        return None

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        if token.lemma_.lower() not in core.res.verb_lemmas:
            return None
        found = self.governor(token, core)
        if found is None:
            return None
        verb, how = found
        on = core.ctx.published
        if how == FORGONE:
            doers = core.subjects(verb, on)[0]
        elif how == IMPUTED and children(verb, "nsubjpass"):
            doers = core.actors(children(verb, "nsubjpass"), on)  # "are suspected of having delivered ..."
        elif any(reciprocal(o) for o in children(verb, "dobj")):
            # "Armenia and Azerbaijan accused each other of violating ...": each of the other
            doers = core.subjects(verb, on)[0]
            if len(doers) < 2:
                return None
            code = core.verb_code(token, on)[0]
            if code is None:
                return None
            modality, reporter, denied, _ = core.modality_and_reporter(verb, on)
            if modality == "asserted" and how == IMPUTED:
                modality = "reported"
            return Reading(token, code, doers, [], True, core.negated(token) or denied, modality, reporter,
                           symmetric_ok=True)
        else:
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
        negative = how == FORGONE or core.negated(token) or denied
        return Reading(token, code, doers, targets, True, negative, modality, reporter)


RULE = Imputed()
