"""Who an argument is: actor mentions, coreference and places read as actors.

The first half of the clause core (`clause.ClauseCore` builds on it). It
turns an argument token into an `Actor`: a dictionary name, a role word
placed by its phrase or story ("demonstrators in Baghdad", "rebels" in a
story about one country), a person by the office of the event's date, a
pronoun or definite description resolved within the document ("he", "its
forces", "the kingdom", "the two leaders"), or a place standing for its
country ("struck Kharkiv" -> UKR). It holds the per-document state
coreference needs, so one reader serves one document.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date

from spacy.tokens import Doc, Token

from transforms.actor_dictionary import ActorEntry
from transforms.actors import (
    NON_STATE_SECTORS,
    ActorMention,
    ResolvedActor,
    entity_bounds,
    international,
    regional,
    resolve_span,
)
from transforms.coding.mention_words import (
    PERSON_PRONOUNS,
    PERSON_POSSESSIVES,
    SPEAKER_PRONOUNS,
    GROUP_PRONOUNS,
    GROUP_POSSESSIVES,
    PLACE_ENTITY_LABELS,
    PLACE_INNER_PREPS,
    SETTING_PREPS,
    UNTAGGED_MIN_POPULATION,
    LOCATIVE_MIN_POPULATION,
    STATE_OWNERS,
    BORDER_NOUNS,
    PLACELESS_ROOTS,
    POLITICAL_SECTORS,
    DOMESTIC_COUNTERPARTS,
    FOREIGN_POSTS,
    CLAUSE_PLACE_PREPS,
    PLACED_SECTORS,
)
from transforms.coding.readings import Actor, DocContext
from transforms.coding.tree import KEEP_PREP_LEMMAS, argument_bounds, children, expand_conjuncts
from transforms.dates import EventDate
from transforms.places import PLACE_NOUNS
from transforms.resources import Resources


class MentionReader:
    """Reads arguments into actors for one document; holds its coreference state."""

    def __init__(self, doc: Doc, ctx: DocContext, res: Resources):
        self.doc = doc
        # Doc.text is rebuilt from tokens on every access; a recased parse reads the text as written
        self.text = ctx.text if ctx.text is not None and len(ctx.text) == len(doc.text) else doc.text
        self.ctx = ctx
        self.res = res
        self.words = res.words
        self.noun_lemmas = res.noun_lemmas
        self._resolved: dict[tuple[int, int], ResolvedActor | None] = {}
        ctx.mentions = self.namesakes_placed(ctx.mentions)
        # coded mentions in document order, for coreference: (token start, country or IGO code, kind)
        self._coded_mentions: list[tuple[int, ResolvedActor]] = []
        for mention in ctx.mentions:
            entry = mention.entries[0]
            if entry.kind in ("country", "capital", "demonym", "igo", "landmark") and (entry.country or (entry.code or "").startswith("IGO")):
                span = doc[mention.start:mention.end]
                self._coded_mentions.append(
                    (mention.start, ResolvedActor(entry.code if not entry.country else entry.country, entry.country, None,
                                                  span.text, span.start_char, span.end_char, entry.kind))
                )
        # The one country the story is about, if it has one: the dateline's, else the
        # only country the dictionary or the tagger finds in it. A news outlet named
        # after its country ("Russia Today reported that ...") carries the story, it is
        # not what the story is about.
        outlets = [m for m in ctx.mentions if m.entries[0].sector == "MED" and m.entries[0].kind == "landmark"]
        mentioned = {r.country for i, r in self._coded_mentions if r.country and all(i != m.start for m in outlets)}
        if outlets:  # the tagger's countries, but for an outlet's own name
            mentioned |= {self.entity_country(e.text, e.label_) for e in doc.ents if e.label_ in PLACE_ENTITY_LABELS | {"NORP"}
                          and not any(m.start <= e.start < m.end for m in outlets)} - {None}
        else:
            mentioned |= set(ctx.country_context)
        self.home_country = ctx.dateline_country or (next(iter(mentioned)) if len(mentioned) == 1 else None)

    def namesakes_placed(self, mentions: Sequence[ActorMention]) -> list[ActorMention]:
        """"Moscow, Idaho", "Paris, Texas": a capital or country followed by a region of
        another country is that country's namesake town, not the capital or state.

        (A dateline is not enough: "WASHINGTON - Georgia's foreign minister" is the
        country, "ATLANTA - Georgia's governor" the state, and only the title tells.)"""
        doc = self.doc
        placed = list(mentions)
        for n, mention in enumerate(mentions):
            end = mention.end
            entry = mention.entries[0]
            if entry.kind not in ("capital", "country"):
                continue
            if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].pos_ != "PROPN" or (
                doc[end + 1].ent_type_ not in PLACE_ENTITY_LABELS
            ):
                continue
            start, stop = entity_bounds(doc, end + 1)
            region = self.res.gazetteer.lookup(doc[start:stop].text, extended=False)
            if region is not None and region.feature == "region" and region.country != entry.country:
                town = ActorEntry(entry.name, region.country, region.country, None, "country", None, None)
                placed[n] = ActorMention(mention.start, mention.end, (town,))
        return placed

    # -- actors -----------------------------------------------------------------
    @staticmethod
    def state_actor(resolved: ResolvedActor | None) -> bool:
        """A coded state or IGO actor (non-state sectors and unknown names are not coded)."""
        if resolved is None or resolved.code is None:
            return False
        if resolved.sector in NON_STATE_SECTORS:
            return False
        return resolved.country is not None or resolved.code.startswith("IGO")

    @classmethod
    def kept_actor(cls, resolved: ResolvedActor | None) -> bool:
        """An actor an event may have: a state or IGO actor, a coded non-state actor with a
        country (rebels "LBNREB", opposition, former leaders "USAELI"), a region or bloc
        ("WST", "EURGOV"), or a named entity the dictionary does not know (kept with its
        text and no code)."""
        if resolved is None:
            return False
        if cls.state_actor(resolved) or resolved.kind == "unknown" or international(resolved.code) or regional(resolved.code):
            return True
        return resolved.code is not None and resolved.country is not None and resolved.kind != "sector"

    def _pronoun_actor(self, token: Token, prev: ResolvedActor, sector: str | None = None) -> Actor:
        country = prev.country
        code = prev.code if country is None else country + (sector or prev.sector or "")
        return Actor(
            ResolvedActor(code, country, sector or prev.sector, token.text, token.idx, token.idx + len(token), "pronoun"),
            token,
        )

    def _previous_group(self, before: int, avoid: str | None = None) -> ResolvedActor | None:
        """The latest coded country/IGO mention before token `before` (not of country `avoid`)."""
        for start, resolved in reversed(self._coded_mentions):
            if start >= before:
                continue
            key = resolved.country or resolved.code
            if avoid is not None and key == avoid:
                continue
            return resolved
        return None

    def _previous_pair(self, before: int) -> list[ResolvedActor]:
        seen: dict[str, ResolvedActor] = {}
        for start, resolved in reversed(self._coded_mentions):
            if start >= before:
                continue
            key = resolved.country or resolved.code
            if key not in seen:
                seen[key] = resolved
            if len(seen) == 2:
                return list(seen.values())
        return []

    def redated(self, actor: "Actor", when: EventDate) -> ResolvedActor:
        """A person's code as of the event's own date ("Trump met Kim in 2019" -> USAGOV).

        Actors are first resolved on the published date; when the clause dates the
        event otherwise, a person is looked up again so the code follows the event.
        """
        if actor.resolved.kind != "person" or when.origin != "expression" or when.date is None:
            return actor.resolved
        start, end = argument_bounds(actor.token)
        again = resolve_span(self.doc, start, end, self.ctx.mentions, on=when.date)
        if again is None or again.kind != "person" or again.code == actor.resolved.code:
            return actor.resolved
        return dataclasses.replace(actor.resolved, code=again.code, country=again.country, sector=again.sector)

    def raw(self, token: Token, on: date | None) -> ResolvedActor | None:
        start, end = argument_bounds(token)
        key = (start, end)
        if key not in self._resolved:
            self._resolved[key] = resolve_span(self.doc, start, end, self.ctx.mentions, on=on)
        return self._resolved[key]

    def group_member(self, token: Token) -> Token:
        """"thousands of protesters", "members of the presidential guard": the group counted."""
        for _ in range(2):  # "tens of thousands of protesters"
            if token.pos_ not in ("NOUN", "NUM") or token.lemma_.lower() not in self.words.group_head:
                break
            member = next((o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                           for o in p.children if o.dep_ == "pobj"), None)
            if member is None:
                break
            token = member
        return token

    def actor(self, token: Token, on: date | None, avoid: str | None = None) -> Actor | None:
        group, token = token, self.group_member(token)  # the group holds the clause position
        lower = token.lower_
        if token.pos_ == "PRON":
            if token.dep_ == "poss" and lower in GROUP_POSSESSIVES:
                # "Vietnam said its seizure of the boats ...": the owner of an act is the group
                # last named in the sentence (an earlier sentence's may not be the antecedent)
                prev = self._previous_group(token.i, avoid)
                if prev is None or not prev.country or prev.start_char < token.sent.start_char:
                    return None
                return self._pronoun_actor(token, prev)
            if lower in PERSON_PRONOUNS or lower in SPEAKER_PRONOUNS:
                speaker = self.speaker(token, on)
                if speaker is not None:
                    return self._pronoun_actor(token, speaker)
                if lower in SPEAKER_PRONOUNS:
                    return None
                if lower in ("him", "her") and token.dep_ in ("dobj", "dative") and avoid is not None:
                    # "expelled the US ambassador, accusing him of ...": the nearest person named
                    found = self.object_antecedent(token, on, avoid)
                    if found is not None:
                        return found
                if self.ctx.last_person is not None:
                    return self._pronoun_actor(token, self.ctx.last_person)
                return None
            if lower in GROUP_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
                clause = token.head
                if clause.dep_ == "ccomp":
                    # "Egypt warned Ethiopia that it would ...": the speaker
                    speakers = [self.actor(t, on) for t in children(clause.head, "nsubj") if t.pos_ != "PRON"]
                    speakers = [a for a in speakers if a is not None and a.resolved.country]
                    if speakers:
                        return self._pronoun_actor(token, speakers[0].resolved)
                prev = self._previous_group(token.i)
                return self._pronoun_actor(token, prev) if prev is not None else None
            if lower in ("it", "them") and token.dep_ in ("dobj", "dative") and avoid is not None:
                return self.object_antecedent(token, on, avoid)
            return None
        if token.dep_ == "nsubj" and token.pos_ == "NOUN" and token.lemma_.lower() in self.noun_lemmas:
            return None  # "EU sanctions target ...": an act is not an actor
        resolved = self.raw(token, on)
        if resolved is not None and resolved.kind == "region" and (
            token.lemma_.lower() in self.noun_lemmas
            or any(c.lower_ in ("two", "both") for c in token.children if c.dep_ in ("nummod", "det", "predet"))
        ):
            # "joined Western sanctions": a bloc's act, not the bloc; "the two West African
            # neighbours": two states named elsewhere (`pair`), not the region
            return None
        if resolved is not None and resolved.kind == "demonym" and any(
            c.dep_ == "amod" and c.lower_ == "ethnic" for c in token.children
        ):
            # "ethnic Albanians in south Serbia" are of the state they live in, not the kin state
            people = dataclasses.replace(resolved, code="CVL", country=None, sector="CVL", kind="sector")
            placed = self.sector_in_place(token, people, on)
            return Actor(placed, token) if placed is not None else None
        if resolved is not None and resolved.kind == "sector" and resolved.country is None:
            owner = next((c for c in token.children if c.dep_ == "poss" and c.lemma_.lower() in self.words.country_noun
                          and any(d.lower_ == "the" for d in c.children)), None)
            if owner is not None:
                # "the country's most wanted drug lord", "the kingdom's army": the country named before
                prev = self._previous_group(token.i)
                if prev is None or not prev.country:
                    return None
                country = prev.country
                return Actor(dataclasses.replace(resolved, code=country + (resolved.sector or ""), country=country,
                                                 kind="context"), token)
            placed = self.sector_in_place(token, resolved, on) or self.sector_in_context(group, resolved)
            if placed is not None:
                return Actor(placed, token)
        if resolved is not None and resolved.kind == "sector" and resolved.sector not in NON_STATE_SECTORS:
            # "its forces", "his government", "the country's army": a role word owned by a pronoun
            poss = next((c for c in token.children if c.dep_ == "poss"), None)
            if poss is not None and poss.lower_ in GROUP_POSSESSIVES | PERSON_POSSESSIVES:
                prev = self.ctx.last_person if poss.lower_ in PERSON_POSSESSIVES else self._previous_group(token.i)
                if prev is not None and prev.country:
                    return self._pronoun_actor(token, prev, resolved.sector)
            return None
        if resolved is None:
            poss = next((c for c in token.children if c.dep_ == "poss"), None)
            if token.pos_ == "NOUN" and poss is not None and poss.lower_ == "its":
                prev = self._previous_group(token.i, avoid)
                if prev is not None and prev.country:
                    return self._pronoun_actor(token, prev)
            if token.pos_ == "NOUN" and any(c.lower_ == "the" for c in token.children if c.dep_ == "det"):
                if token.lemma_.lower() in self.words.country_noun and token.tag_ == "NN":
                    prev = self._previous_group(token.i, avoid)
                    if prev is not None and prev.country:
                        return self._pronoun_actor(token, prev)
            return None
        if resolved.kind != "unknown" and resolved.country is None and not (
            international(resolved.code) or regional(resolved.code)
        ):
            return None
        if resolved.kind == "unknown" and token.ent_type_ == "PERSON":
            resolved = self.titled_stranger(token, resolved)
        if resolved.kind in ("person", "titled"):
            resolved = self.with_title(token, resolved)
            self.ctx.last_person = resolved
        return Actor(resolved, token)

    def speaker(self, pronoun: Token, on: date | None) -> ResolvedActor | None:
        """"The Brazilian president said she would not travel": "he"/"she" as the subject of
        what someone says is the speaker, when the speaker is a person or office-holder;
        so is a quoted "we"/"I" ("'We have decided to expel the ambassador,' the foreign
        minister told reporters")."""
        clause = pronoun.head
        while clause.dep_ in ("xcomp", "conj") and clause.head is not clause:
            clause = clause.head  # "we have decided to expel ...": the clause that is said
        if pronoun.dep_ != "nsubj" or clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in self.words.speech:
            return None
        for subject in children(clause.head, "nsubj"):
            if subject.pos_ == "PRON":
                continue
            found = self.actor(subject, on)
            if found is not None and found.resolved.country and (
                found.resolved.kind in ("person", "titled") or found.resolved.sector in ("GOV", "MIL", "LEG", "JUD")
            ):
                return found.resolved
        return None

    def object_antecedent(self, pronoun: Token, on: date | None, avoid: str) -> Actor | None:
        """"severed ties with Qatar on Monday, accusing it of ...": an object "it"/"them"
        stands for the nearest noun phrase before it of its number (dates and times
        skipped; a noun inside a phrase such as "the attack by Somalia" stands for the
        whole phrase when the two agree), when that is an actor other than the doer's
        country; "condemned the attack by Somalia and called it ..." means the attack."""
        plural = pronoun.lower_ == "them"

        def number_fits(noun: Token) -> bool:
            return (noun.tag_ in ("NNS", "NNPS") or bool(noun.conjuncts)) == plural

        start = max(pronoun.sent.start - 40, 0)
        for i in range(pronoun.i - 1, start - 1, -1):
            noun = self.doc[i]
            if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in ("DATE", "TIME") or noun.dep_ == "compound":
                continue
            if noun.dep_ == "conj":
                noun = noun.head  # "Congo and Costa Rica": the coordination as a whole
            if not number_fits(noun):
                continue
            while noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN" and number_fits(noun.head.head):
                noun = noun.head.head
            if noun.dep_ == "pobj" and noun.head.lower_ in SETTING_PREPS and noun.head.head.pos_ in ("VERB", "AUX"):
                continue  # the setting of the act ("filed a case at the court, accusing it ...")
            found = self.actor(noun, on)
            if found is None or found.resolved.country == avoid:
                return None
            r = found.resolved
            if not r.start_char <= noun.idx < r.end_char:
                return None  # a thing of an actor's ("rejected Reagan's plan, calling it ...")
            return self._pronoun_actor(pronoun, r)
        return None

    def titled_stranger(self, token: Token, resolved: ResolvedActor) -> ResolvedActor:
        """"President Yoweri Museveni", "Judge Alejandro Rivera": a person the dictionary
        lacks, titled by an office, in a story about one country holds that country's office.

        The title gives the sector; the country is the story's (see `sector_in_context`).
        The person stays uncoded when the story is about several countries."""
        if self.home_country is None:
            return resolved
        first = min((c.left_edge.i for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")), default=token.i)
        mentions = self.ctx.mentions  # sorted by start
        for mention in mentions[bisect_left(mentions, first, key=lambda m: m.start):]:
            if mention.start >= token.i:
                break
            if mention.end <= token.i + 1:
                entry = mention.entries[0]
                if entry.kind == "sector" and entry.sector in ("GOV", "MIL", "JUD", "LEG", "COP"):
                    country = self.home_country
                    return dataclasses.replace(resolved, code=country + entry.sector, country=country,
                                               sector=entry.sector, kind="titled")
        return resolved

    def sector_in_place(self, token: Token, resolved: ResolvedActor, on: date | None) -> ResolvedActor | None:
        """"Demonstrators in Baghdad", "rebels in the Ivory Coast": a group takes its place's country.

        Only for civilian and non-state groups and police, who act where they are;
        "troops in Syria" may be anyone's."""
        if resolved.sector not in NON_STATE_SECTORS | {"COP"} or resolved.sector in ("ELI",):
            return None
        place_preps = ("in", "from", "throughout", "across", "of") if resolved.sector == "CVL" else ("in", "from", "throughout", "across")
        # "Darfur rebels", "Gaza protesters": a place name modifying the group
        places = [m for m in token.lefts if m.dep_ == "compound" and m.pos_ == "PROPN" and m.ent_type_ in PLACE_ENTITY_LABELS]
        places += [o for p in token.children if p.dep_ == "prep" and p.lower_ in place_preps for o in children(p, "pobj")]
        for candidate in places:
            found = self.place_actor(candidate, on, locative=candidate.dep_ == "pobj")
            if found is None:
                continue
            start = min(found.resolved.start_char, resolved.start_char)
            end = max(found.resolved.end_char, resolved.end_char)
            country = found.resolved.country
            return ResolvedActor(country + resolved.sector, country, resolved.sector, self.text[start:end], start, end, "place")
        return None

    def sector_in_context(self, token: Token, resolved: ResolvedActor) -> ResolvedActor | None:
        """A bare group acting ("rebels", "police", "gunmen") takes a country from evidence.

        First the place of its act ("gunmen ambushed a convoy near Gao" -> MLI; kind
        'place'), unless the act is a trip, a meeting, aid or a deployment, whose place
        says nothing of who came ("officials arrived in Kabul"). Else the dateline's
        country, else the only country the document mentions (kind 'context', a lower
        confidence); with several in play the group stays uncoded, and a story country
        read only from the other side of the act itself is no evidence either (see
        `guess_without_evidence`). State forces are read so only as the doer: as an
        object ("fired missiles at Kyiv", "deployed soldiers") they are as often the
        source's own means as the other side, and unnamed people hit by an act may be
        anyone; one office of state is its country's ("soldiers detained the president"),
        and so are forces the phrase calls the state's ("surrendered to government troops")."""
        doer = token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "pobj" and token.head.dep_ == "agent")
        office = resolved.sector == "GOV" and token.tag_ == "NN"  # "detained the president"
        # "surrendered to government troops": forces the phrase says are the state's own
        own_forces = any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in STATE_OWNERS for c in token.lefts)
        if not (doer or office or own_forces or resolved.sector in NON_STATE_SECTORS - {"CVL"}):
            return None  # nor are unnamed victims ("killed five people") guessed
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if verb.pos_ in ("VERB", "AUX") and (self.res.verbs.lookup(verb.lemma_.lower()) or "")[:2] not in PLACELESS_ROOTS:
            place = self.clause_place(verb, self.ctx.published)
            if place is not None and place.resolved.country:
                country = place.resolved.country
                return dataclasses.replace(resolved, code=country + (resolved.sector or ""), country=country, kind="place")
        country = self.home_country
        if country is None:
            return None
        return dataclasses.replace(resolved, code=country + (resolved.sector or ""), country=country, kind="context")

    def guess_without_evidence(self, guessed: Actor, other: Actor) -> bool:
        """Whether a same-country pair rests only on the other side: the story country a
        group or titled stranger was given is named nowhere but in the other side's phrase.

        "Gunmen kidnapped three Chinese workers", "the Senate condemned Azerbaijani forces":
        a story whose one country is the victim's or the target's says nothing about who
        acted. The other side's country counts only for the pairs a state and its own
        people form: a state organ against its opposition, parties, rebels, press, courts
        or legislators, an armed or opposition group against the state at home
        (`DOMESTIC_COUNTERPARTS`, not its posts abroad: "protesters stormed the French
        embassy"); a legislature against political actors only. The dateline is always
        evidence."""
        if guessed.resolved.kind not in ("context", "titled"):
            return False
        country = guessed.resolved.country
        if country is None or country == self.ctx.dateline_country:
            return False
        counterparts = POLITICAL_SECTORS if guessed.resolved.sector == "LEG" else DOMESTIC_COUNTERPARTS
        if other.resolved.sector in counterparts and other.token.lemma_.lower() not in FOREIGN_POSTS:
            return False
        start, end = argument_bounds(other.token)
        lo, hi = self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1])
        if any(r.country == country and not lo <= r.start_char < hi for _, r in self._coded_mentions):
            return False
        return not any(
            ent.label_ in PLACE_ENTITY_LABELS | {"NORP"} and not lo <= ent.start_char < hi
            and self.entity_country(ent.text, ent.label_) == country
            for ent in self.doc.ents
        )

    def entity_country(self, text: str, label: str) -> str | None:
        """The country a place or nationality entity names, as the story context reads it."""
        if label == "NORP":
            return self.res.gazetteer.demonym_country(text)
        place = self.res.gazetteer.lookup(text, extended=False)
        return place.country if place is not None else None

    def with_title(self, token: Token, resolved: ResolvedActor) -> ResolvedActor:
        """Widen a person's text over the title before the name ("Russian President Vladimir Putin")."""
        mods = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")]
        if not mods:
            return resolved
        first = min(m.left_edge.i for m in mods)
        if any(t.dep_ in ("punct", "cc", "poss", "case", "det") for t in self.doc[first:token.i]):
            return resolved
        start_char = self.doc[first].idx
        if start_char >= resolved.start_char:
            return resolved
        return ResolvedActor(resolved.code, resolved.country, resolved.sector,
                             self.text[start_char:resolved.end_char], start_char, resolved.end_char, resolved.kind)

    def pair(self, token: Token) -> list[Actor]:
        """"the two leaders/countries": the last two coded countries mentioned."""
        if token.lemma_.lower() not in self.words.pair_noun or token.tag_ != "NNS":
            return []
        if not any(c.lower_ in ("two", "both") for c in token.children if c.dep_ in ("nummod", "det", "predet")):
            return []
        found = self._previous_pair(token.i)
        if len(found) != 2:
            return []
        return [self._pronoun_actor(token, r) for r in found]

    def split_modifiers(self, token: Token, on: date | None) -> list[Actor]:
        """"Turkish and Syrian deputy foreign ministers": one actor per coordinated demonym."""
        for mod in token.children:
            if mod.dep_ not in ("amod", "compound", "nmod") or mod.i > token.i:
                continue
            members = [m for m in (mod, *mod.conjuncts) if m.i < token.i]
            if len(members) < 2:
                continue
            whole = self.raw(token, on)
            sector = whole.sector if whole is not None else None
            found = []
            for m in members:
                r = resolve_span(self.doc, m.i, m.i + 1, self.ctx.mentions, on=on)
                if r is not None and (r.country or r.kind == "region"):  # "European and Asian countries"
                    code = (r.country or r.code[:3]) + (sector or r.sector or "")
                    found.append(Actor(ResolvedActor(code, r.country, sector or r.sector, r.text, r.start_char, r.end_char, r.kind), m))
            if found:
                return found
        return []

    def split_phrase(self, token: Token, on: date | None, depth: int = 0) -> list[Actor]:
        """One actor per conjunct of a coordinated phrase inside an argument: "the
        ambassadors of France, Germany and Britain", "soldiers from Chad and Niger",
        "ties with Peru, Chile and Ecuador", "talks between X and Y", "ministers in
        Peru and Chile", "talks with the presidents of Turkey and Iran". The head's
        role word gives each country its sector. Not when the head names its own actor
        ("Kenya's ties with Peru and Chile" are Kenya's)."""
        for prep in token.children:
            if prep.dep_ != "prep":
                continue
            placed = prep.lower_ == "in"
            if not placed and prep.lower_ not in KEEP_PREP_LEMMAS:
                continue
            obj = next(iter(children(prep, "pobj")), None)
            if obj is None or (placed and not obj.conjuncts):
                continue
            own = resolve_span(self.doc, argument_bounds(token)[0], token.i + 1, self.ctx.mentions, on=on)
            if own is not None and own.country:
                return []
            if not obj.conjuncts and not placed:
                # the coordination may sit in the object's modifiers ("talks between Russian and
                # Ukrainian delegations") or one phrase down ("talks with the presidents of X and Y")
                split = self.split_modifiers(obj, on)
                if len(split) >= 2:
                    return split
                return self.split_phrase(obj, on, depth + 1) if depth < 2 and obj.pos_ == "NOUN" else []
            sector = own.sector if own is not None else None
            if placed and (own is None or own.kind != "sector" or sector not in PLACED_SECTORS):
                continue
            found = []
            for member in (obj, *obj.conjuncts):
                actor = self.actor(member, on)
                if actor is None or (placed and actor.resolved.kind not in ("country", "capital")):
                    continue
                r = actor.resolved
                if sector and r.country and not r.sector:
                    actor = Actor(dataclasses.replace(r, code=r.country + sector, sector=sector), member)
                found.append(actor)
            if len(found) >= 2:
                return found
        return []

    def actors(self, tokens: Iterable[Token], on: date | None, avoid: str | None = None) -> list[Actor]:
        found = []
        for token in tokens:
            if token.pos_ in ("NOUN", "PROPN"):
                split = self.split_modifiers(token, on)
                if not split and not (token.dep_ == "nsubj" and token.lemma_.lower() in self.noun_lemmas):
                    split = self.split_phrase(token, on)
                if split:
                    found.extend(split)
                    continue
            members = expand_conjuncts(token)
            # "Yoon Suk Yeol, Joe Biden and Fumio Kishida": a list parsed as apposition;
            # a headline's "Canada, UK impose ...": two state names side by side
            for appos in token.children:
                if appos.dep_ == "appos" and appos.conjuncts:
                    members = [*members, appos, *appos.conjuncts]
                elif appos.dep_ == "appos" and token.pos_ == appos.pos_ == "PROPN" and all(
                    (r := self.raw(t, on)) is not None and r.kind in ("country", "capital", "igo") for t in (token, appos)
                ):
                    members = [*members, appos]
            for member in members:
                actor = self.actor(member, on, avoid)
                if actor is not None:
                    found.append(actor)
                elif member.pos_ == "NOUN":
                    found.extend(self.pair(member))
        return found

    @staticmethod
    def as_civilians(actor: Actor) -> Actor:
        """A bare nationality ("Palestinians demonstrated") acting as the public."""
        r = actor.resolved
        if r.sector or not r.country:
            return actor
        return Actor(dataclasses.replace(r, code=r.country + "CVL", sector="CVL"), actor.token)

    # -- places read as actors ---------------------------------------------------
    def place_actor(self, token: Token, on: date | None, locative: bool = False) -> Actor | None:
        """The country a token names as a place: a country, capital or landmark of the
        dictionary, else a place the gazetteer knows ("Kirkuk" -> IRQ). `locative`: the
        token is the object of a locative preposition ("near Gao"), which vouches for a
        town the tagger mislabels. A border is on both sides of itself: "near the border
        with Chad" is in no country it names, and an embassy is where it stands, not in
        the country it serves."""
        if token.lemma_.lower() in BORDER_NOUNS:
            return None
        if token.lemma_.lower() in FOREIGN_POSTS:
            # "outside the US embassy in Manila" is in Manila, wherever the embassy's state is
            inner = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "in" for o in children(p, "pobj")]
            return self.place_actor(inner[0], on, locative=True) if inner else None
        place = self.raw(token, on)
        if place is None and token.pos_ == "PROPN":
            place = self.bare_name(token).resolved  # a name the tagger left untagged ("in Douma")
        if place is None:
            return None
        if place.country and place.kind in ("country", "capital", "landmark"):
            return Actor(place, token)
        if place.kind == "unknown":
            return self.gazetteer_place(place, token.ent_type_ in PLACE_ENTITY_LABELS,
                                        min_population=LOCATIVE_MIN_POPULATION if locative else UNTAGGED_MIN_POPULATION)
        return None

    def place_actors(self, tokens: Iterable[Token], on: date | None) -> list[Actor]:
        """Targets of physical acts: "a plant in the Zaporizhzhia region" -> the place's country."""
        found: list[Actor] = []
        for token in tokens:
            raw = self.raw(token, on)
            if raw is not None and raw.kind == "unknown":
                place = self.gazetteer_place(raw, token.ent_type_ in PLACE_ENTITY_LABELS)
                if place is not None:
                    found.append(place)
                continue
            if raw is not None:
                continue  # a named or role-word argument decides by itself ("Kurdish militants in Iraq")
            for prep in token.children:
                if prep.dep_ != "prep" or prep.lower_ not in PLACE_INNER_PREPS:
                    continue
                # "the town of Baga": a place noun's of-phrase is a place whatever the tagger says
                named_place = prep.lower_ == "of" and token.lower_ in PLACE_NOUNS
                # "targets in northern Iraq and northeastern Syria": every place of the phrase
                for obj in (o for p in children(prep, "pobj") for o in (p, *p.conjuncts)):
                    if obj.lemma_.lower() in BORDER_NOUNS:
                        continue  # "a hideout near the Panamanian border" is on either side
                    actor = self.actor(obj, on)
                    if actor is not None and actor.resolved.country and actor.resolved.kind not in ("person", "titled"):
                        found.append(actor)
                        continue
                    if actor is None and obj.pos_ == "PROPN":
                        actor = self.bare_name(obj)  # "the centre of Kharkiv", "the Bay of Bengal"
                    if actor is not None and actor.resolved.kind == "unknown":
                        place = self.gazetteer_place(actor.resolved, named_place or obj.ent_type_ in PLACE_ENTITY_LABELS,
                                                     in_play=named_place and obj.ent_type_ not in PLACE_ENTITY_LABELS)
                        if place is not None:
                            found.append(place)
        return found

    def bare_name(self, token: Token) -> Actor:
        """A proper name the actor reader passes over (untagged, or a location), kept whole
        with no code so the gazetteer can read it ("Kharkiv", "the Bay of Bengal")."""
        if token.ent_type_:
            start, end = entity_bounds(self.doc, token.i)
        else:
            start = min((c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), default=token.i)
            end = token.i + 1
        name = self.doc[start:end]
        return Actor(ResolvedActor(None, None, None, name.text, name.start_char, name.end_char, "unknown"), token)

    def gazetteer_place(self, raw: ResolvedActor, tagged_place: bool = True, in_play: bool = False,
                        min_population: int = 0) -> Actor | None:
        """A place name the actor dictionary does not know, as its country ("Kharkiv" -> UKR).

        A name the tagger did not label as a place must be a well-known one
        (no small-town file, a city of `min_population`, by default 100,000). With `in_play` (a name only a
        place noun vouches for: "the village of Moura"), a small place counts only
        in a country the document talks about: GeoNames has a Moura in Portugal."""
        hints = self.ctx.country_context or None
        if tagged_place:
            place = self.res.gazetteer.lookup(raw.text, hints)
            if place is not None and in_play and place.country not in self.ctx.country_context:
                place = self.res.gazetteer.lookup(raw.text, hints, extended=False, min_population=UNTAGGED_MIN_POPULATION)
        else:
            place = self.res.gazetteer.lookup(raw.text, hints, extended=False,
                                              min_population=min_population or UNTAGGED_MIN_POPULATION)
        if place is None or not place.country or place.feature == "country":
            return None
        token = self.doc.char_span(raw.start_char, raw.end_char, alignment_mode="expand")
        head = token.root if token is not None else self.doc[0]
        return Actor(ResolvedActor(place.country, place.country, None, raw.text, raw.start_char, raw.end_char, "place"), head)

    def clause_place(self, verb: Token, on: date | None) -> Actor | None:
        """The country of a place phrase of `verb` or its object ("demonstrated in Kirkuk")."""
        holders = [verb, *children(verb, "dobj")]
        for holder in holders:
            for prep in children(holder, "prep"):
                if prep.lower_ not in CLAUSE_PLACE_PREPS:
                    continue
                for obj in children(prep, "pobj"):
                    # a named place, else a place inside a common noun ("the town of Cizre")
                    found = self.place_actor(obj, on, locative=True) or next(iter(self.place_actors([obj], on)), None)
                    if found is not None:
                        return found
        return None
