"""Nominal events: acts named by a noun ("Russia's invasion of Ukraine").

A noun from the noun lexicon is an event when both its participants are
expressed around it:

* the source is a possessive ("Russia's invasion"), a modifier ("EU
  sanctions", "Israeli air strikes", "US military aid") or a by-phrase
  ("a visit by a Chinese premier");
* the target is a to / on / against / into / of / around / with phrase (from for
  withdrawals and exits), or
  both sides are given by "between X and Y" (every ordered pair; with a
  source as well, source -> each of them).

Only nouns that denote acts are read (`roots.NOMINAL_ROOTS`): talks, visits,
aid, sanctions, attacks, deployments, drills and the like, not nominalised
speech acts and proposals. A noun that is the motive or background of its
clause's own event ("in response to Tehran's missile attack") is not news.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from transforms.actors import ResolvedActor
from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Actor, Reading
from transforms.coding.roots import NOMINAL_CODES, NOMINAL_ROOTS, PHYSICAL_ROOTS
from transforms.coding.rule import Rule
from transforms.coding.tree import children, is_joint, source_tokens, target_preps

# Prepositions that introduce a nominal event's target ("in" only for visits).
NOMINAL_TARGET_PREPS = frozenset({"to", "on", "against", "into", "of", "around", "with", "toward", "towards", "upon", "in",
                                  "from"})
# A nominal act inside these adjuncts is the motive or background of the clause's
# own event ("sanctions ... in response to Tehran's missile attack"), not news.
BACKGROUND_PREPS = frozenset({"amid", "despite", "over", "for"})
# Adjuncts that set a meeting or joint act in the clause, whose subject (or speaker) is then
# its source: "Putin said at the opening of talks with Erdogan", "on a visit to Kyiv, Macron ...".
SETTING_PREPS = frozenset({"at", "during", "in", "after", "following"})
# Roots of the acts a clause's subject takes part in when it is set at them (consult, cooperate).
SETTING_ROOTS = frozenset({"04", "06"})


class Nominal(Rule):
    name = "nominal"
    priority = 40
    pos = frozenset({"NOUN"})

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        lemma = token.lemma_.lower()
        if lemma not in core.noun_lemmas and lemma not in core.words.act_head:
            return None
        code = core.noun_code(token)
        if code is None or (code[:2] not in NOMINAL_ROOTS and code not in NOMINAL_CODES):
            return None
        if self.background(token, core):
            return None
        if code[:2] == "15" and is_joint(token, core.words.joint):
            code = "062"
        on = core.ctx.published
        owners = source_tokens(token)
        setting = self.setting_subjects(token, core, code, on) if code[:2] in SETTING_ROOTS else []
        if setting and (not owners or all(o.lower_ in ("his", "her") for o in owners)):
            sources = setting  # "during his visit to Beijing, Macron said": the clause's subject
        else:
            sources = [s for s in core.actors(owners, on) if s.token.i != token.i]
        pairs = target_preps(token)
        between = [o for p, o in pairs if p == "between"]
        between_actors = core.actors(between, on) if between else []
        if not between_actors:
            for prep in children(token, "prep"):
                if prep.lower_ == "between":
                    between_actors = core.actors(children(prep, "pobj"), on)
        targets: list[Actor] = []
        physical = code[:2] in PHYSICAL_ROOTS or code == "042"
        for prep, obj in pairs:
            if prep not in NOMINAL_TARGET_PREPS:
                continue
            if prep == "in" and code != "042":
                continue
            if prep == "from" and code[:2] not in ("08", "16"):
                continue  # "withdrawal from Abyei", "exit from the bloc": the place or body left
            if prep == "with" and code[:2] not in ("04", "06"):
                continue
            found = core.actors([obj], on)
            if not found and physical:
                found = core.place_actors([obj], on)
            if prep == "of" and found and not sources and code[:2] in ("07",):
                continue
            if found:
                targets = found
                break
        symmetric = False
        if between_actors:
            if sources:
                targets = between_actors
            elif len(between_actors) >= 2 and not code.startswith("045"):  # parties, not mediators
                sources, targets, symmetric = between_actors, between_actors, True
        if sources and not targets and token.dep_ == "nsubj" and code[:2] in PHYSICAL_ROOTS:
            targets = self.victims(token, core, sources, on)
        targets = [t for t in targets if not (t.resolved.kind == "pronoun" and sources and
                                              t.resolved.country == sources[0].resolved.country)]
        if not sources or not targets:
            return None
        code = core.exit_code(code, targets)
        modality, reporter = self.modality(token, core, on)
        return Reading(token, code, sources, targets, False, False, modality, reporter, nominal=True,
                       symmetric_ok=symmetric)

    @staticmethod
    def setting_subjects(noun: Token, core: ClauseCore, code: str, on: date | None) -> list[Actor]:
        """The subject of the clause a meeting or joint act is the setting of ("at the
        opening of talks with X", "on a visit to Y"), else nothing."""
        node = noun
        for _ in range(3):
            if node.dep_ != "pobj":
                return []
            prep = node.head
            head = prep.head
            if prep.lower_ == "of" and head.pos_ == "NOUN":
                node = head  # "the opening of talks with X"
                continue
            on_a_trip = prep.lower_ == "on" and code == "042"  # "on a visit to Kyiv"; "commented on talks" is no setting
            if (prep.lower_ in SETTING_PREPS or on_a_trip) and head.pos_ in ("VERB", "AUX") and prep.dep_ == "prep":
                sources, _ = core.subjects(head, on)
                return sources
            return []
        return []

    @staticmethod
    def victims(noun: Token, core: ClauseCore, sources: list[Actor], on: date | None) -> list[Actor]:
        """"A suicide attack by the group killed five soldiers": an attack that is the subject
        of a verb of harm hits that verb's object (or the people of the place it names)."""
        verb = noun.head
        if verb.pos_ != "VERB" or noun.dep_ != "nsubj":
            return []
        code = core.res.verbs.lookup(core.lemma(verb))
        if code is None or code[:2] not in PHYSICAL_ROOTS:
            return []
        avoid = sources[0].resolved.country
        objects = core.objects(verb)
        found = [a for a in core.actors(objects, on) if a.resolved.country != avoid or a.resolved.sector != sources[0].resolved.sector]
        if not found:
            found = core.place_actors(objects, on)
        if not found:
            found = core.implied_targets(verb, sources, code, on)
        return found

    @staticmethod
    def background(noun: Token, core: ClauseCore) -> bool:
        node = noun
        for _ in range(3):
            if node.dep_ != "pobj":
                return False
            prep = node.head
            if prep.lower_ in BACKGROUND_PREPS:
                return True
            if prep.head.lemma_.lower() in core.words.background_noun:
                return True
            node = prep.head
        return False

    @staticmethod
    def modality(noun: Token, core: ClauseCore, on: date | None) -> tuple[str, ResolvedActor | None]:
        """The modality of the clause the noun sits in: hypothetical as a modal's subject, else reported or asserted."""
        node = noun
        hops = 0
        while node.pos_ not in ("VERB", "AUX") and node.head is not node and hops < 6:
            node, hops = node.head, hops + 1
        if node.pos_ not in ("VERB", "AUX"):
            return "asserted", None
        aux = {c.lower_ for c in children(node, "aux")}
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == node.i and aux & core.words.hypothetical_aux:
            return "hypothetical", None
        reported, reporter, _, _ = core.reporting(node, on)
        return ("reported", reporter) if reported else ("asserted", None)


RULE = Nominal()
