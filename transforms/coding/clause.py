"""What a clause says: its subjects, targets, code, reporting and modality.

The second half of the clause core, shared by every reading rule in
`rules/`: whose act a verb is (subjects, through passives, control and
coordination), at whom it is aimed (objects, target prepositions, places,
owners of the object), which CAMEO code the verb or its event noun has
(`code_for`, `noun_code`), who reports it and whether it is asserted,
reported, hypothetical or future. One `ClauseCore` reads one document.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Token

from transforms.actors import NON_STATE_SECTORS, ResolvedActor
from transforms.coding.mentions import MentionReader
from transforms.coding.readings import Actor, DocContext
from transforms.coding.roots import HOSTILE_ROOTS, PHYSICAL_ROOTS, VIOLENT_ROOTS, implied_target_sector
from transforms.coding.tree import children, comitatives, is_joint, source_tokens
from transforms.resources import Resources

# Prepositions that introduce the target of an action ("sent troops to Russia", "threw its
# support behind Kyiv").
TARGET_PREPS = frozenset({"to", "with", "on", "against", "into", "from", "for", "toward", "towards", "upon", "over", "at",
                          "around", "inside", "behind"})
# Where a show of force is aimed ("held drills near Taiwan", "exercises off the coast of Guyana"):
# target prepositions of CAMEO root 15 only.
POSTURE_PREPS = frozenset({"near", "off", "along", "outside"})
# Adverbs read as a verb's particle when the parser leaves them advmod ("stepped down").
ADVERB_PARTICLES = frozenset({"down", "up", "out", "off", "back", "away", "over", "in"})
# Sectors of a state's own forces and offices: attacked in a named place, they are its.
STATE_FORCES = frozenset({"MIL", "COP", "GOV"})
# Endings of nouns derived from verbs of acts (withdrawal, suppression, resignation, harassment).
ACT_NOUN_SUFFIXES = ("al", "ion", "ment", "ure")


class ClauseCore(MentionReader):
    """The clause questions every rule asks, for one document."""

    def __init__(self, doc: Doc, ctx: DocContext, res: Resources):
        super().__init__(doc, ctx, res)
        self._particles: dict[int, str] = {}  # verb index -> particle; rules ask many times

    # -- sources and targets -----------------------------------------------------
    def agents(self, verb: Token) -> list[Token]:
        found = [p for a in children(verb, "agent") for p in children(a, "pobj")]
        if not found:  # "was promised systems (and loans) by Germany": the by-phrase hangs off the object
            for obj in (o for d in children(verb, "dobj") for o in (d, *d.conjuncts)):
                for prep in children(obj, "prep", "agent"):
                    if prep.lower_ == "by":
                        found.extend(children(prep, "pobj"))
        return found

    def subjects(self, verb: Token, on: date | None, depth: int = 0) -> tuple[list[Actor], bool]:
        """Source actors of `verb` and whether they were inherited from another verb."""
        if self.passive(verb):
            return self.actors(self.agents(verb), on), False
        subjects = children(verb, "nsubj")
        if subjects:
            subj = subjects[0]
            if subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return self.actors([verb.head], on), True
            return self.actors([*subjects, *comitatives(verb, subj)], on), False
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBG":
            return self.actors([verb.head], on), True
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in self.words.decide and children(verb, "aux"):
            # "Chile's decision to recall its ambassador": the owner of the decision acts
            return self.actors(source_tokens(verb.head), on), True
        if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
            head = verb.head
            if head.pos_ == "ADJ" and head.dep_ == "acomp":
                head = head.head
            if verb.dep_ == "xcomp" and children(head, "nsubjpass") and not self.agents(head):
                # raising passives: "Putin is expected to visit Turkey"
                return self.actors(children(head, "nsubjpass"), on), True
            if verb.dep_ == "conj" and self.passive(head):
                # "the envoy was greeted by X and flew on to Qatar": the envoy flew
                return self.actors(self.shared_subjects(head), on), True
            if verb.dep_ == "xcomp" and children(head, "dobj"):
                # object control: "prompting Mexico to break off relations", "forced Y to withdraw";
                # an object that is no actor is a means ("used tear gas to disperse ...")
                controllers = [a for a in self.actors(children(head, "dobj"), on)
                               if a.resolved.kind != "pronoun" or a.token.pos_ == "PRON"]  # not "its veto"
                if controllers:
                    return controllers, True
            if verb.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not (
                verb.tag_ == "VBG" and not children(verb, "mark") and not self.says(head)
            ):
                # a participle adjunct ("..., accusing it of ...") shares the subject, but not
                # that of a verb of saying ("accused Y of shelling Z, killing nine": Y's act)
                return [], False
            found, _ = self.subjects(head, on, depth + 1)
            return found, True
        return [], False

    @staticmethod
    def passive(verb: Token) -> bool:
        """A passive verb: with its passive subject or auxiliary, or a by-agent ("... but rejected by Israel")."""
        return bool(children(verb, "nsubjpass", "auxpass", "agent"))

    @staticmethod
    def shared_subjects(verb: Token) -> list[Token]:
        """The subject tokens a verb shares with the verbs coordinated to it, passive or not."""
        for _ in range(3):
            found = children(verb, "nsubjpass", "nsubj")
            if found or verb.dep_ != "conj":
                return found
            verb = verb.head
        return []

    def says(self, verb: Token) -> bool:
        """A verb of saying, imputing or appraising: what hangs off it is someone's act, not its subject's."""
        lemma = verb.lemma_.lower()
        words = self.words
        return lemma in words.speech or lemma in words.imputation or lemma in words.appraisal or lemma in words.content

    def doers(self, verb: Token) -> tuple[list[Actor], bool, str | None]:
        """A rule's opening question: the clause's sources, whether they were inherited
        from another verb, and the country its targets must not share (the first source's:
        "withdrew its troops from Chad" is not aimed at the source's own forces)."""
        sources, inherited = self.subjects(verb, self.ctx.published)
        return sources, inherited, sources[0].resolved.country if sources else None

    def targets(self, verb: Token, on: date | None, root: str | None, code: str | None = None,
                avoid: str | None = None) -> tuple[list[Actor], list[str], list[str]]:
        """Target actors, object lemmas and target prepositions of `verb`."""
        objects = self.objects(verb)
        object_lemmas = [o.lemma_.lower() for o in objects]
        for o in objects:
            object_lemmas.extend(c.lemma_.lower() for c in o.conjuncts)
        patients = children(verb, "nsubjpass")
        if not patients and verb.dep_ == "conj" and self.passive(verb) and not children(verb, "dobj"):
            # "arrived in Seoul and was received by Yoon", "was welcomed by X but rejected by Y"
            patients = self.shared_subjects(verb.head)
        if patients:
            # "the ambassador was summoned" reads like "summoned the ambassador"
            object_lemmas.extend(t.lemma_.lower() for t in patients)
            passive_targets = self.actors(patients, on, avoid)
            if passive_targets:
                return passive_targets, object_lemmas, []
        datives = [
            p for d in children(verb, "dative", "iobj")
            for p in (children(d, "pobj") if d.pos_ == "ADP" else [d])
        ]
        if (code or "")[:2] == "07" or (code or "")[:3] in ("084", "063"):
            # "handed back the Benin Bronzes to Nigeria": what is given is no party to the gift
            recipients = self.actors([o for p in children(verb, "prep", "dative") if p.lower_ == "to"
                                      for o in children(p, "pobj")], on, avoid)
            if recipients:
                return recipients, object_lemmas, ["to"]
        # "launched a mediation mission between X and Y": the act noun is no actor
        direct_objects = [o for o in objects if not ((code or "").startswith("045") and self.noun_code(o))]
        direct = self.actors(direct_objects + datives, on, avoid)
        # "withdrew its troops from Chad": the source's own forces are the means, not the target
        direct = [a for a in direct if not (a.resolved.kind == "pronoun" and avoid and a.resolved.country == avoid)]
        # aid delivered "to hospitals in Mekelle" goes to the place's country, as a strike does
        physical = root in PHYSICAL_ROOTS or root == "07" or code == "042" or (code or "").startswith("087")
        if direct and not all(a.resolved.kind == "unknown" for a in direct):
            return direct, object_lemmas, []
        if physical and objects:
            places = self.place_actors(objects, on)
            if places:
                return places, object_lemmas, []
        if direct:
            return direct, object_lemmas, []
        holders = [verb, *objects]
        # "spoke by telephone with X": the target hangs off the means phrase
        holders += [o for p in children(verb, "prep") if p.lower_ in ("by", "via", "over") for o in children(p, "pobj")]
        for holder in holders:
            for prep in children(holder, "prep"):
                lemma = prep.lemma_.lower()
                if lemma == "out":
                    # "pulled out of Kuwait": the place or body left
                    pobjs = [o for p in children(prep, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
                    found = self.actors(pobjs, on, avoid) or (self.place_actors(pobjs, on) if physical else [])
                    if found:
                        return found, object_lemmas, ["out"]
                    continue
                if lemma not in TARGET_PREPS and not (lemma == "in" and code in ("042", "074")) and not (
                    lemma in POSTURE_PREPS and root == "15"
                ) and not (
                    lemma == "outside" and root == "14"  # "protested outside the Turkish consulate"
                ):
                    continue
                if lemma == "at" and (root is None or int(root) < 10):
                    continue
                pobjs = children(prep, "pobj")
                found = self.actors(pobjs, on, avoid)
                if physical and all(a.resolved.kind == "unknown" for a in found):
                    found = self.place_actors(pobjs, on) or found  # "to Gaza": a place the tagger names
                if found:
                    return found, object_lemmas, [lemma]
        if physical and objects:
            found = self.place_actors(objects, on)
            if found:
                return found, object_lemmas, []
            raws = [self.raw(o, on) for o in objects] if root in VIOLENT_ROOTS else []
            if raws and all(r is None or (r.kind == "sector" and r.country is None and r.sector in STATE_FORCES)
                            for r in raws):
                # "hit an oil refinery in Russia's Ryazan region", "attacked an army base in
                # Boulkessi, in central Mali": a thing or a unit attacked in a named place is
                # that place's country's
                place = self.clause_place(verb, on)
                if place is not None:
                    sector = next((r.sector for r in raws if r is not None), None)
                    return [self.placed(place, sector)], object_lemmas, []
        verb_lemma = verb.lemma_.lower()
        if verb_lemma in self.words.mediation or verb_lemma in self.words.invest or (code or "").startswith("045"):
            # "mediated between X and Y", "launched a mediation effort between X and Y"
            for holder in (verb, *objects):
                for prep in children(holder, "prep"):
                    if prep.lower_ in ("between", "in"):
                        found = self.actors(children(prep, "pobj"), on, avoid)
                        if found:
                            return found, object_lemmas, [prep.lower_]
        # "dismissed Kyiv's peace formula", "rejected calls by Belarus", "an offer from Kabul":
        # the owner of the object
        # "bugged the phones of lawmakers": the owner in an of-phrase
        for obj in objects:
            owners = [c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON"]
            owner_preps = ("by", "from", "of")
            owners += [o for p in obj.children if p.dep_ == "prep" and p.lower_ in owner_preps for o in children(p, "pobj")]
            found = self.actors(owners, on, avoid)
            if found:
                return found, object_lemmas, []
        return [], object_lemmas, []

    def objects(self, verb: Token) -> list[Token]:
        """The verb's direct objects, a measure or quantity read as what it measures
        ("airlifted 40 tonnes of supplies", "blew up hundreds of oil wells")."""
        lemma = verb.lemma_.lower()
        if lemma in self.words.participate:
            # "took part in joint drills with X", "participated in talks with Y"
            holders = [verb] if lemma != "take" else [o for o in children(verb, "dobj") if o.lower_ == "part"]
            if holders and lemma == "take":
                holders.append(verb)
            acts = [o for h in holders for p in children(h, "prep") if p.lower_ == "in" for o in children(p, "pobj")]
            if acts:
                return acts
        found = []
        for obj in children(verb, "dobj"):
            if obj.lemma_.lower() in self.words.quantity or obj.pos_ == "NUM":
                inner = [o for p in children(obj, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
                if inner:
                    found.extend(inner)
                    continue
            found.append(obj)
        return found

    def lemma(self, verb: Token) -> str:
        """The verb's lemma, mended where the tagger's lemma misses a lexicon verb
        ("staged" -> "stag", "waged" -> "wag"): the form less its final "d"."""
        lemma = verb.lemma_.lower()
        if lemma in self.res.verb_lemmas or lemma in self.words.light:
            return lemma
        lower = verb.lower_
        if lower.endswith("ed") and (lower[:-1] in self.res.verb_lemmas or lower[:-1] in self.words.light):
            return lower[:-1]
        return lemma

    def particle(self, verb: Token) -> str:
        """The particle a verb pattern is keyed on: a 'prt' child ("carried out"), an
        adverb the parser left advmod ("stepped down"), or a resultative adjective
        ("set free", "held Iran responsible")."""
        found = self._particles.get(verb.i)
        if found is None:
            found = self._particles[verb.i] = self._particle(verb)
        return found

    def _particle(self, verb: Token) -> str:
        for child in children(verb, "prt"):
            return child.lemma_.lower()
        for child in children(verb, "advmod", "acomp", "oprd"):
            if child.dep_ == "advmod" and child.i == verb.i + 1 and child.lower_ in ADVERB_PARTICLES:
                return child.lower_
            if child.dep_ in ("acomp", "oprd") and child.pos_ == "ADJ" and child.i > verb.i:
                lower = child.lower_
                if self.res.verbs.phrasal(self.lemma(verb), lower):
                    return lower
        if verb.i + 1 < len(verb.doc):
            # "set free nine fishermen", parsed as an adjective of the object
            after = verb.doc[verb.i + 1]
            if after.pos_ == "ADJ" and self.res.verbs.phrasal(self.lemma(verb), after.lower_):
                return after.lower_
        return ""

    @staticmethod
    def placed(place: Actor, sector: str | None) -> Actor:
        """A place's country as the actor a role word names there ("an army base in Gao" -> MLIMIL)."""
        if sector is None:
            return place
        r = place.resolved
        return Actor(ResolvedActor(r.country + sector, r.country, sector, r.text, r.start_char, r.end_char, "place"), place.token)

    def act_noun(self, noun: Token) -> bool:
        """A noun naming an act ("the withdrawal of Serbian forces", "the removal of the
        president"), whose of-phrase names a party to it, unlike "a shipment of arms"."""
        lemma = noun.lemma_.lower()
        return lemma in self.noun_lemmas or lemma.endswith(ACT_NOUN_SUFFIXES)

    def implied_targets(self, verb: Token, sources: Sequence[Actor], code: str, on: date | None) -> list[Actor]:
        """The target a domestic act leaves unnamed, as CAMEO coders supply it.

        A protest, strike or riot with no named target is aimed at the government
        of the country where it happens ("Egyptian demonstrators rioted" ->
        EGYCVL -> EGYGOV); curfews, emergency rules and their easing fall on the
        population of the place they cover ("imposed a curfew in Cizre" -> the
        Turkish population), and so does violence against unnamed people in a
        named place ("killed 23 people in Tel Aviv" -> ISRCVL; never without
        one). The country is the place's (an in/at/throughout phrase of the verb
        or its object), else the source's own. The target's span is the mention
        the country was read from, and its kind 'implied'.
        """
        sector = implied_target_sector(code)
        if sector is None or not sources or not sources[0].resolved.country:
            return []
        if code[:2] in VIOLENT_ROOTS and not any(
            (r := self.raw(o, on)) is not None and r.kind == "sector" and r.sector == "CVL" for o in self.objects(verb)
        ):
            return []  # only unnamed people ("killed five people"), not an unknown group
        place = self.clause_place(verb, on)
        if place is None and code[:2] in VIOLENT_ROOTS:
            return []
        basis = place if place is not None else sources[0]
        country = basis.resolved.country
        if basis is sources[0] and sector == "CVL" and sources[0].resolved.sector in NON_STATE_SECTORS:
            return []  # a group does not curfew its own people
        implied = ResolvedActor(country + sector, country, sector, basis.resolved.text,
                                basis.resolved.start_char, basis.resolved.end_char, "implied")
        return [Actor(implied, basis.token)]

    def culprits(self, verb: Token, on: date | None, avoid: str | None) -> list[Actor]:
        """The doers of the act a complaint is about ("over two Israeli air raids" -> ISR)."""
        for prep in children(verb, "prep"):
            if prep.lower_ not in ("over", "about"):
                continue
            for act in children(prep, "pobj"):
                if not self.act_noun(act):
                    continue
                found = [a for a in self.actors(source_tokens(act), on, avoid) if a.resolved.country != avoid]
                if found:
                    return found
        return []

    def investigated(self, verb: Token, on: date | None, avoid: str | None) -> list[Actor]:
        """The doers of what an investigation looks into: "opened an investigation into war
        crimes committed by Russian forces" -> RUS, "a probe into Israel's strikes" -> ISR."""
        for holder in (verb, *children(verb, "dobj")):
            for prep in children(holder, "prep"):
                if prep.lower_ not in ("into", "of", "over", "about", "on"):
                    continue
                for thing in children(prep, "pobj"):
                    said = self.res.nouns.lookup(thing.lemma_)
                    if said is not None and said[:2] in ("01", "02", "10", "11", "12", "13"):
                        continue  # "an investigation into an allegation by X": X alleged, did nothing
                    doers = source_tokens(thing)
                    doers += [a for c in thing.children if c.dep_ in ("acl", "relcl") for a in self.agents(c)]
                    found = [a for a in self.actors(doers, on, avoid) if a.resolved.country != avoid]
                    if found:
                        return found
        return []

    def condition_parties(self, verbs: Sequence[Token], on: date | None, avoid: str | None) -> list[Actor]:
        """"threatened to stop the talks if the United States deploys missiles": a threat
        is aimed at the party whose conduct its condition names."""
        for verb in verbs:
            for clause in self.conditions(verb):
                found = [a for a in self.actors(children(clause, "nsubj", "nsubjpass"), on, avoid)
                         if a.resolved.country != avoid or a.resolved.country is None]
                if found:
                    return found
        return []

    # -- reporting and modality ------------------------------------------------
    def negated(self, verb: Token) -> bool:
        if children(verb, "neg"):
            return True
        if verb.dep_ == "xcomp" and children(verb.head, "neg"):
            return True
        if any(c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det") for c in verb.children):
            return True
        # "no longer supplies arms"
        return any(c.lower_ == "longer" and any(n.lower_ == "no" for n in c.children) for c in children(verb, "advmod"))

    def clause_head(self, verb: Token) -> Token:
        node, hops = verb, 0
        while node.dep_ in ("xcomp", "conj") and hops < 4 and node.head is not node:
            node, hops = node.head, hops + 1
        return node

    def reporting(self, verb: Token, on: date | None) -> tuple[str | None, ResolvedActor | None, bool, list[Actor]]:
        """(modality 'reported' or None, reporter, denied, addressees) of the clause of `verb`."""
        node = self.clause_head(verb)
        if node.dep_ in ("relcl", "acl"):
            # "the soldiers that North Korea sent ..., the agency said": the clause holding the noun
            up = node.head
            hops = 0
            while up.pos_ not in ("VERB", "AUX") and up.head.i != up.i and hops < 5:
                up, hops = up.head, hops + 1
            if up.pos_ in ("VERB", "AUX"):
                node = self.clause_head(up)
        # "According to X, ..." on the verb itself
        for prep in children(node, "prep"):
            if prep.lower_ == "according":
                objs = [o for t in children(prep, "prep") for o in children(t, "pobj")]
                found = self.actors(objs, on)
                return "reported", found[0].resolved if found else None, False, []
        if node.dep_ in ("ccomp", "parataxis") or (node.dep_ == "conj" and node.head.dep_ == "ROOT"):
            head = node.head
            if node.dep_ == "conj":
                return None, None, False, []
            lemma = head.lemma_.lower()
            if lemma in self.words.speech or (node.dep_ == "parataxis" and lemma in self.words.speech):
                speaker = children(head, "nsubj") or self.agents(head)
                reporters = self.actors(speaker, on) if speaker else []
                addressees: list[Actor] = []
                if lemma in self.words.addressee:
                    addressees = self.actors(children(head, "dobj", "dative", "iobj"), on)
                return "reported", reporters[0].resolved if reporters else None, lemma in self.words.denial, addressees
        # "X attacked Y, officials said": the main clause is the speech verb's ccomp already;
        # a speech verb in parataxis/advcl hanging from our clause reports it too
        for child in node.children:
            if child.dep_ in ("parataxis",) and child.lemma_.lower() in self.words.speech:
                speaker = children(child, "nsubj")
                reporters = self.actors(speaker, on) if speaker else []
                return "reported", reporters[0].resolved if reporters else None, False, []
        return None, None, False, []

    def modality_and_reporter(self, verb: Token, on: date | None) -> tuple[str, ResolvedActor | None, bool, list[Actor]]:
        aux = {c.lower_ for c in children(verb, "aux")}
        governor = verb.head if verb.dep_ == "xcomp" else None
        gov_lemma = ""
        if governor is not None:
            if governor.pos_ == "ADJ" and governor.dep_ == "acomp":
                gov_lemma = governor.lemma_.lower()
                governor = governor.head
            else:
                gov_lemma = governor.lemma_.lower()
            aux |= {c.lower_ for c in children(governor, "aux")}
        reported, reporter, denied, addressees = self.reporting(verb, on)
        if governor is not None and gov_lemma in self.words.denial:
            # "Uganda denies sending troops": the denied act, reported and negative
            speakers = [a.resolved for a in self.actors(children(governor, "nsubj"), on)]
            reported, reporter, denied = "reported", speakers[0] if speakers else None, True
        if not reported and self.evidential(verb, governor):
            reported = "reported"  # "is said to have sent", "reportedly reached": hearsay, no reporter named
        own = verb.lemma_.lower()
        if own in self.words.hypothetical and verb.dep_ != "xcomp":
            gov_lemma = own  # "is considering new sanctions"
        elif own in self.words.future and verb.dep_ != "xcomp":
            gov_lemma = gov_lemma or own  # "plans new sanctions"
        if reported and "would" in aux and not aux & (self.words.hypothetical_aux - {"would"}) and not self.hypothetical_clause(verb):
            return "future", reporter, denied, addressees  # "said Washington would send": future in the past
        if verb.dep_ == "ROOT" and "to" in aux and not reported:
            return "future", reporter, denied, addressees  # a headline's "Japan to send aid to Turkey"
        if aux & self.words.hypothetical_aux or gov_lemma in self.words.hypothetical:
            return "hypothetical", reporter, denied, addressees
        if aux & self.words.future_aux or gov_lemma in self.words.future or gov_lemma in self.words.future_frame:
            return "future", reporter, denied, addressees
        if any(c.lower_ == "going" for c in children(verb.head, "aux")):
            return "future", reporter, denied, addressees
        if self.hypothetical_clause(verb):
            return "hypothetical", reporter, denied, addressees
        if reported:
            if addressees:
                return "asserted", None, denied, addressees
            return "reported", reporter, denied, addressees
        return "asserted", None, denied, addressees

    def evidential(self, verb: Token, governor: Token | None) -> bool:
        """Hearsay marked in the clause itself: an evidential adverb ("reportedly",
        "allegedly") on the verb or its governor, or a raising passive of saying or
        believing ("is said to", "are believed to", "is reported to")."""
        evidential = self.words.evidential
        for node in (verb, governor):
            if node is None:
                continue
            if any(c.dep_ == "advmod" and c.lower_ in evidential for c in node.children):
                return True
        return governor is not None and governor.lemma_.lower() in evidential and bool(children(governor, "auxpass"))

    def own_refusal(self, verb: Token, sources: Sequence[Actor], on: date | None) -> bool:
        """"Germany will not deliver Taurus missiles" (Scholz said), "she said she would
        not travel to Moscow": an actor saying it will not act is refusing (CAMEO 12x),
        unless someone else predicts it ("analysts said Russia would not attack")."""
        if not self.negated(verb) or not sources:
            return False
        aux = {c.lower_ for c in children(verb, "aux")}
        if not aux & (self.words.future_aux | {"would"}):
            return False
        reported, reporter, _, _ = self.reporting(verb, on)
        if not reported:
            return True
        return reporter is not None and reporter.country is not None and reporter.country == sources[0].resolved.country

    @staticmethod
    def conditions(verb: Token, marks: frozenset[str] = frozenset({"if", "unless"})) -> list[Token]:
        """The conditional clauses of `verb` ("... unless Chad holds elections")."""
        return [
            c for c in verb.children
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
        ]

    def conditional_threat(self, verb: Token) -> bool:
        """"will withdraw its force unless Chad holds elections": an act made conditional
        on another's conduct by "unless" is a threat (CAMEO 13), whatever the act."""
        return bool(self.conditions(verb, frozenset({"unless"})))

    @staticmethod
    def hypothetical_clause(verb: Token) -> bool:
        """A conditional clause ("if X attacks Y") states no fact."""
        node = verb
        for _ in range(3):
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children):
                return True
            if node.dep_ not in ("conj", "xcomp"):
                break
            node = node.head
        return False

    # -- codes -------------------------------------------------------------------
    def prep_forms(self, verb: Token, target_preps: Sequence[str]) -> list[str]:
        """Prepositions of the verb as lexicon keys: 'for:ceasefire' before bare 'for'.

        The preposition that introduced the target comes first, so "accused
        Seoul of espionage" reads 'of:espionage' and "met with Kim" reads 'with'.
        """
        forms: list[str] = []
        preps = children(verb, "prep", "dative")
        preps.sort(key=lambda p: p.lemma_.lower() not in target_preps)
        for prep in preps:
            lemma = prep.lemma_.lower()
            for obj in children(prep, "pobj", "pcomp"):
                forms.append(f"{lemma}:{obj.lemma_.lower()}")
            forms.append(lemma)
        return forms

    def code_for(self, verb: Token, objects: Sequence[str], preps: Sequence[str]) -> str | None:
        particle = self.particle(verb)
        lemma = self.lemma(verb)
        if verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" and children(verb, "nsubj"):
            head = verb.head.lemma_.lower()
            objects = [head if o in ("that", "which", "who", "whom") else o for o in objects] or [head]
        code = self.res.verbs.lookup(lemma, particle, objects, self.prep_forms(verb, preps))
        light = lemma in self.words.light or (
            lemma in self.words.participate and (lemma != "take" or any(o.lower_ == "part" for o in children(verb, "dobj")))
        )
        if light:
            # "staged a hunger strike", "carried out an air strike": a listed compound names
            # the act more precisely than the verb's row for its head
            for obj in self.objects(verb):
                modifiers = [c.lemma_ for c in obj.lefts if c.dep_ in ("compound", "amod")]
                compound = self.res.nouns.compound_lookup(modifiers, obj.lemma_) if modifiers else None
                if compound is not None and compound != self.res.nouns.lookup(obj.lemma_):
                    return compound
        if code is None and light:
            for obj in self.objects(verb):
                code = self.noun_code(obj)
                if code is not None and code[:2] not in ("01", "02", "05", "10", "11", "12", "13"):
                    break
                code = None
        if code is not None and code[:2] == "15":
            if any(is_joint(o, self.words.joint) for o in self.objects(verb)):
                code = "062"
        return code

    def verb_code(self, verb: Token, on: date | None, avoid: str | None = None) -> tuple[str | None, list[Actor], list[str]]:
        objects = [o.lemma_.lower() for o in self.objects(verb) + children(verb, "nsubjpass")]
        if verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" and (
            not objects or objects[0] in ("that", "which", "who", "whom")
        ) and children(verb, "nsubj"):
            objects = [verb.head.lemma_.lower()]
        first_code = self.code_for(verb, objects, [])
        root = first_code[:2] if first_code else None
        targets, objects, preps = self.targets(verb, on, root, first_code, avoid)
        code = self.code_for(verb, objects, preps) or first_code
        if code is not None and not targets and code == "042":
            targets, objects, preps = self.targets(verb, on, code[:2], code, avoid)
        return code, targets, preps

    def noun_code(self, noun: Token) -> str | None:
        """The event code of a noun, read with its compound modifier ("hunger strike"); a
        generic head takes its modifier's act ("a mediation effort", "a peace mission")."""
        modifiers = [c.lemma_ for c in noun.lefts if c.dep_ in ("compound", "amod")]
        verb = self.res.nouns.verb_of(noun.lemma_)
        if verb is not None:
            # "the expulsion of diplomats", "troop withdrawal": read as "expel diplomats", "withdraw troops"
            objects = [o.lemma_ for p in children(noun, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
            objects += [m.lemma_ for m in noun.lefts if m.dep_ == "compound" and m.pos_ == "NOUN"]
            preps = [f"{p.lower_}:{o.lemma_.lower()}" for p in children(noun, "prep") if p.lower_ != "of"
                     for o in children(p, "pobj")]
            code = self.res.verbs.specific(verb, objects, preps)
            if code is not None:
                return code
        code = self.res.nouns.compound_lookup(modifiers, noun.lemma_)
        if code is None and noun.lemma_.lower() in self.words.act_head:
            for mod in noun.lefts:
                if mod.dep_ == "compound" and mod.pos_ == "NOUN":
                    code = self.res.nouns.lookup(mod.lemma_)
                    if code is not None:
                        break
        return code

    @staticmethod
    def exit_code(code: str, targets: Sequence[Actor]) -> str:
        """A withdrawal from an organisation, or quitting it, is leaving it, CAMEO 160, not a
        retreat or a resignation: "Burkina Faso withdrew from ECOWAS", "Russia quit the
        Council of Europe", "Mali's withdrawal from the G5 Sahel"."""
        if (code.startswith("087") or code == "0831") and targets and all(
            (t.resolved.code or "").startswith("IGO") for t in targets
        ):
            return "160"
        return code

    def announced_code(self, code: str, conditional: bool = False) -> str:
        """The CAMEO code of an act announced for the future ("will visit", "plans to impose").

        CAMEO codes what was said, not the act: an announced cooperative act is an
        intent (03x, PLOVER AGREE), an announced hostile act or one made conditional
        on the other side's conduct a threat (13x, THREATEN). The event keeps
        modality 'future' so the act itself can still be read from it.
        """
        root = code[:2]
        if conditional or root in HOSTILE_ROOTS | {"14", "16"}:
            return code if root == "13" else self.res.compositions.compose("threat", code)
        if root in ("04", "05", "06", "07", "08"):
            return self.res.compositions.compose("intent", code)
        return code

    # -- governed complements ---------------------------------------------------
    @staticmethod
    def complement(token: Token) -> Token | None:
        return next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)

    def embedded_chain(self, verb: Token) -> list[Token]:
        """The complement verb, its conjuncts and the verbs they govern in turn."""
        chain = [verb, *[c for c in verb.conjuncts if c.pos_ in ("VERB", "AUX")]]
        out: list[Token] = []
        stack = list(chain)
        while stack and len(out) < 8:
            v = stack.pop(0)
            out.append(v)
            stack.extend(
                c for c in v.children
                if c.pos_ in ("VERB", "AUX") and (
                    c.dep_ in ("xcomp", "ccomp")
                    or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
                )
            )
        return out
