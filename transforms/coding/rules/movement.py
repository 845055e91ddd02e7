"""Forces on the move: "Cuban troops arrived in Angola", "tanks rolled into Georgia".

When the subject of a verb of movement is a force (a military actor, or a
noun of the `force` class: troops, tanks, warships), the act is not a visit:

* a verb of the `incursion` class ("rolled into", "poured across the border
  into", "stormed into") is an assault, CAMEO 190;
* a verb of the `arrival` class ("arrived in", "entered", "moved into",
  "crossed into", "landed in") is a deployment, 154; police and
  peacekeepers (the `mission_force` class, or police by their sector) arriving
  abroad are a protective mission, 074;
* a verb of the `departure` class ("left Cambodia", "quit the base") is a
  withdrawal from the place left, 0874.

The target is the country of the place moved into or left (never the
force's own). A departure "for" a place, by anyone, is a trip to that place,
not to the place left ("left Hanoi for Vientiane" -> a visit to Laos,
whose for-phrase may itself be a visit: "left for a state visit to Laos").
Private people on the move (a civilian sector, or a nationality in the plural:
"Chinese tourists headed to Thailand") make no event at all.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Actor, Reading
from transforms.coding.rule import Rule
from transforms.coding.tree import children

# Prepositions of the place a force moves to or into.
INTO_PREPS = frozenset({"into", "in", "to", "toward", "towards", "across", "onto", "inside", "at", "over"})
# Prepositions of the place a force leaves.
FROM_PREPS = frozenset({"from", "out"})
# Subject heads that only count or group the force in their of-phrase ("thousands of troops").
GROUP_HEADS = frozenset({"contingent", "column", "convoy", "group", "unit", "detachment", "battalion", "thousand",
                         "hundred", "dozen", "number", "wave", "first", "last", "rest", "remainder", "bulk"})
CODES = {"incursion": "190", "arrival": "154", "departure": "0874"}
# Private travellers: "thousands of Syrians left for Turkey" is migration, not a visit.
TRAVELLER_SECTORS = frozenset({"CVL", "REF", "BUS", "EDU", "HLH", "LAB", "REL", "AGR", "CRM"})


class Movement(Rule):
    name = "movement"
    priority = 85  # before the plain verb rule, which would read "arrived in" as a visit
    pos = frozenset({"VERB"})

    @staticmethod
    def kind(token: Token, core: ClauseCore) -> str | None:
        lemma = core.lemma(token)
        words = core.words
        return ("incursion" if lemma in words.incursion else "arrival" if lemma in words.arrival
                else "departure" if lemma in words.departure else None)

    def claims(self, token: Token, core: ClauseCore) -> list[Token]:
        """Private people on the move ("Chinese tourists headed to Thailand", "thousands of
        Syrians left for Turkey") make no visit: the verb is taken from the plain verb rule."""
        if self.kind(token, core) is None:
            return []
        sources, _, _ = core.doers(token)
        if sources and self.force(sources, core) is None and all(self.traveller(s) for s in sources):
            return [token]
        return []

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        kind = self.kind(token, core)
        if kind is None:
            return None
        sources, inherited, avoid = core.doers(token)
        if not sources:
            return None
        on = core.ctx.published
        force = self.force(sources, core)
        if force is None and all(self.traveller(s) for s in sources):
            return None
        if kind == "departure" and any(p.lower_ == "for" for p in children(token, "prep")):
            # "left for Moscow", "departed Kabul for Doha": a trip to the for-place
            targets = self.destination(token, core, on, avoid, frozenset({"for"}))
            code = "154" if force else "042"
            if force == "mission":
                code = "074"
        elif force is None:
            return None
        else:
            if kind == "departure":
                targets = self.left(token, core, on, avoid)
            else:
                targets = self.destination(token, core, on, avoid, INTO_PREPS)
            code = CODES[kind]
            if kind == "arrival" and force == "mission":
                code = "074"
        targets = [t for t in targets if t.resolved.country is None or t.resolved.country != avoid]
        modality, reporter, denied, _ = core.modality_and_reporter(token, on)
        if modality == "future" or core.conditional_threat(token):
            code = core.announced_code(code, conditional=core.conditional_threat(token))
        return Reading(token, code, sources, targets, inherited, core.negated(token) or denied, modality, reporter)

    @staticmethod
    def traveller(actor: Actor) -> bool:
        """Private people: a civilian sector, or a nationality in the plural ("Syrians")."""
        resolved = actor.resolved
        if resolved.sector in TRAVELLER_SECTORS:
            return True
        return resolved.kind == "demonym" and resolved.sector is None and actor.token.tag_ in ("NNS", "NNPS")

    @staticmethod
    def force(sources: list[Actor], core: ClauseCore) -> str | None:
        """'mission' for police or peacekeepers, 'military' for other forces, else None.

        Read from the subject's head noun, not its sector: "the army chief" or "the
        defence minister" visiting is a visit, "army units" arriving are a force."""
        for actor in sources:
            head = actor.token
            if head.lemma_.lower() in GROUP_HEADS:
                inner = [o for p in children(head, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
                head = inner[0] if inner else head
            lemmas = {head.lemma_.lower(), *(c.lemma_.lower() for c in head.lefts if c.dep_ == "compound")}
            if lemmas & core.words.mission_force:
                return "mission"
            if head.lemma_.lower() in core.words.force:
                return "military"
        return None

    @staticmethod
    def destination(token: Token, core: ClauseCore, on: date | None, avoid: str | None,
                    preps: frozenset[str]) -> list[Actor]:
        """The country of the place moved to: a prepositional phrase, else the direct object
        ("entered Ethiopia"); a phrase naming a visit reads the visit's own place."""
        for prep in children(token, "prep"):
            if prep.lower_ not in preps:
                continue
            for obj in children(prep, "pobj"):
                found = Movement.place(obj, core, on, avoid)
                if not found and obj.lemma_.lower() in core.noun_lemmas:
                    # "left for a state visit to Laos"
                    inner = [o for p in children(obj, "prep") if p.lower_ in ("to", "in") for o in children(p, "pobj")]
                    found = [a for o in inner for a in Movement.place(o, core, on, avoid)]
                if found:
                    return found
        if preps is INTO_PREPS:
            return [a for obj in children(token, "dobj") for a in Movement.place(obj, core, on, avoid)]
        return []

    @staticmethod
    def left(token: Token, core: ClauseCore, on: date | None, avoid: str | None) -> list[Actor]:
        """The country of the place a force leaves: the direct object, else a from/out-of phrase."""
        found = [a for obj in children(token, "dobj") for a in Movement.place(obj, core, on, avoid)]
        if found:
            return found
        for prep in children(token, "prep"):
            if prep.lower_ in FROM_PREPS:
                objects = children(prep, "pobj") or [o for p in children(prep, "prep") for o in children(p, "pobj")]
                found = [a for obj in objects for a in Movement.place(obj, core, on, avoid)]
                if found:
                    return found
        return []

    @staticmethod
    def place(token: Token, core: ClauseCore, on: date | None, avoid: str | None) -> list[Actor]:
        """A place read as its country ("Angola", "Georgia's breakaway region", "the Eritrean border")."""
        found = [a for a in core.actors([token], on, avoid) if a.resolved.country and a.resolved.kind not in ("person", "titled")]
        return found or core.place_actors([token], on)


RULE = Movement()
