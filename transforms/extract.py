"""Who did what to whom: events from spaCy's dependency parse.

Each coded predicate is read for its source and target actors through the
clause shapes news uses:

* verbs the verb lexicon knows: subject-verb-object, prepositional targets,
  passives with a by-agent (none without one), conjoined and controlled verbs
  that inherit their subject, relative clauses, coordinated actors (mutual
  acts of coordinated subjects give every ordered pair), coordinated
  demonyms ("Turkish and Syrian ministers");
* governors whose complement is not coded separately: commissives ("agreed
  to supply arms to Y" -> AGREE 03x), threats (THREATEN 13x), refusals
  (REJECT 12x), and requested/demanded content ("urged Y to stop ...");
* reported speech: the complement of a neutral speech verb is coded with
  modality 'reported' and the speaker as reporter; "denied that" negates it;
  "told Y that ..." is an act towards Y; "X said that Y must ..." is a demand;
* nominal events (transforms/nominal.py): "Russia's invasion of Ukraine",
  "talks between X and Y", "EU sanctions against Russia";
* mediation: "talks mediated by Oman" -> the mediator towards each party;
* places as targets of physical acts ("struck Kharkiv" -> UKR);
* coreference inside a document: he/she (last person), it/they (the speaker
  of the governing clause, else the last coded country), "its forces", "the
  kingdom", "the two leaders".

An event needs a source and a target, at least one of them coded: a state
actor or IGO, a coded non-state actor with a country (rebels "SDNREB",
opposition), or a name outside the dictionary kept with its text and no code.
Two actors of one country give a domestic event when they are distinct
parties ("Iraqi soldiers arrested Iraqi insurgents" IRQMIL -> IRQREB; see
`domestic_pair`), never an actor with itself nor a state with its own
government under another name. A sentence with no interaction between actors
gives none.

Everything here is pure: a parsed spaCy `Doc` and the document's metadata in,
plain event dicts (the EVENTS contract) out.
"""

from __future__ import annotations

import dataclasses
import hashlib
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from transforms.actors import ActorMention, ResolvedActor, resolve_span
from transforms.dates import EventDate, event_date_for, is_historical
from transforms.nominal import NOMINAL_ROOTS, NOMINAL_TARGET_PREPS, is_joint, source_tokens, target_preps
from transforms.places import event_place
from transforms.resources import Resources


# Verbs that introduce reported content; the reported clause is the event.
# "announce" and "declare" are not here: an announced act is asserted.
SPEECH_VERBS = frozenset(
    "say tell report claim state assert allege add note confirm insist write "
    "believe suggest reveal disclose acknowledge admit deny warn argue contend estimate "
    "indicate show quote conclude accuse".split()
)
# Speech verbs whose addressee makes the content an act towards them ("told Zelenskyy that ...").
ADDRESSEE_SPEECH = frozenset({"tell", "assure", "inform"})
DENIAL_VERBS = frozenset({"deny"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"might", "could", "may", "would", "should", "must", "can", "'d"})
FUTURE_GOVERNORS = frozenset("plan intend aim prepare expect schedule set due going".split())
HYPOTHETICAL_GOVERNORS = frozenset("consider weigh mull seek hope want try attempt propose explore contemplate".split())
# Governors whose complement is not coded: the governor is the event (README rule 8).
COMMISSIVE_GOVERNORS = frozenset("agree pledge promise vow offer commit decide undertake resolve".split())
THREAT_GOVERNORS = frozenset({"threaten"})
REFUSAL_GOVERNORS = frozenset({"refuse", "decline"})
READY_ADJECTIVES = frozenset({"ready", "willing", "prepared"})
MEDIATION_LEMMAS = frozenset({"mediate", "broker"})
INVEST_LEMMAS = frozenset({"invest"})
# "X said that Y must ...": an obligation laid on another actor is a demand (CAMEO 10).
OBLIGATION_SPEECH = frozenset("say declare reiterate insist state stress add tell".split())
DEONTIC_AUX = frozenset({"must"})
# Speech acts whose requested or demanded content is not coded separately (README rule 5).
DEMAND_VERBS = frozenset({"demand", "urge", "ask", "request", "insist", "press"})
CONTENT_GOVERNORS = frozenset("urge ask call demand press request encourage invite accuse warn tell order pressure push appeal implore beg exhort".split())
# CAMEO 'express intent to ...' codes for material acts announced in advance.
INTENT_CODES = {
    "04": "036", "040": "036", "042": "036", "043": "036", "044": "036", "045": "039", "046": "036",
    "05": "032", "051": "032", "057": "037",
    "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "070": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "075": "033",
    "08": "035", "081": "0351", "083": "034", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
}
# Threat codes for a threatened act, by the act's CAMEO root.
THREAT_CODES = {
    "16": "1312", "161": "1313", "163": "1312", "17": "137", "1723": "1323", "1724": "1324",
    "15": "138", "18": "1383", "19": "1384", "20": "1385", "192": "1382", "191": "1381", "14": "133",
}
# Refusal codes for a refused act, by the act's CAMEO root.
REFUSAL_CODES = {
    "04": "125", "046": "125", "045": "126", "06": "121", "061": "1211", "062": "1212",
    "07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224", "08": "124",
    "084": "1243", "086": "1245", "087": "1246", "05": "127", "057": "127",
}
HOSTILE_ROOTS = frozenset({"13", "15", "17", "18", "19", "20"})
# Prepositions that introduce the target of an action ("sent troops to Russia").
TARGET_PREPS = frozenset({"to", "with", "on", "against", "into", "from", "for", "toward", "towards", "upon", "over", "at", "around", "inside"})
# Root codes whose action is mutual: coordinated subjects give both dyads.
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})
SYMMETRIC_CODES = frozenset({"0871", "0841", "190", "193"})
SYMMETRIC_LEMMAS = frozenset({"clash", "fight", "exchange", "agree", "meet", "negotiate", "talk", "cooperate", "declare", "sign", "hold", "conduct", "stage", "begin", "launch", "reach", "finalise", "finalize"})
# Roots of acts physically aimed at a place: a place stands for its country.
PHYSICAL_ROOTS = frozenset({"15", "17", "18", "19", "20"})
PLACE_INNER_PREPS = frozenset({"in", "near", "inside", "of", "outside"})
# Endings of nouns derived from verbs of acts (withdrawal, suppression, resignation, harassment).
ACT_NOUN_SUFFIXES = ("al", "ion", "ment", "ure")
# Heads that only carry the act of their modifier ("mediation effort", "aid mission").
GENERIC_ACT_HEADS = frozenset({"effort", "mission", "bid", "initiative", "campaign", "operation", "drive"})
# Roots of violence against people (assault, fight, mass violence).
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Place phrases of a clause ("demonstrated in Kirkuk", "a curfew throughout the province").
CLAUSE_PLACE_PREPS = frozenset({"in", "at", "outside", "inside", "throughout", "across", "near"})
# Sectors of non-state actors: never coded (README: civilians, media, rebels, parties ...).
NON_STATE_SECTORS = frozenset({"OPP", "MED", "REB", "CVL", "REF", "BUS", "PTY", "ELI", "NGO", "EDU", "HLH", "LAB", "REL", "AGR", "CRM", "UAF", "SPY_NS"})
# Verbs that only carry an event noun ("joined sanctions", "announced a visit").
LIGHT_VERBS = frozenset("renew resume join announce carry conduct hold stage launch begin start extend impose unveil approve order make pay consider weigh mull plan prepare discuss continue organize organise undertake".split())
# Nouns that stand for a country when definite ("the kingdom", "the country").
COUNTRY_NOUNS = frozenset({"country", "kingdom", "republic", "nation", "state", "island", "government", "emirate"})
PAIR_NOUNS = frozenset({"country", "nation", "state", "leader", "side", "government", "neighbour", "neighbor", "president", "minister", "army", "military"})
ARGUMENT_DROP_DEPS = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "prep", "preconj", "appos"})
KEEP_PREP_LEMMAS = frozenset({"of", "from", "with", "between"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PERSON_POSSESSIVES = frozenset({"his", "her"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
GROUP_POSSESSIVES = frozenset({"its", "their"})
PLACE_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A nominal act inside these adjuncts is the motive or background of the clause's
# own event ("sanctions ... in response to Tehran's missile attack"), not news.
BACKGROUND_PREPS = frozenset({"after", "following", "amid", "despite", "over", "for", "since", "before"})
BACKGROUND_NOUNS = frozenset({"response", "retaliation", "reaction", "reprisal", "revenge", "protest", "wake"})


@dataclass(frozen=True)
class Actor:
    """A resolved actor plus the token it was read from."""

    resolved: ResolvedActor
    token: Token

    @property
    def coded(self) -> bool:
        return self.resolved.code is not None


@dataclass
class DocContext:
    """What extraction of one document needs besides the parse."""

    doc_id: str
    content_sha256: str
    published: date | None
    dateline_place: str | None
    country_context: Sequence[str]
    mentions: Sequence[ActorMention]
    last_person: ResolvedActor | None = None
    dateline_country: str | None = None


def argument_bounds(token: Token) -> tuple[int, int]:
    """Token span of an argument without its coordinated siblings and clauses.

    "Putin and Kim" must give two actors, and "troops that Russia sent" must
    not make Russia part of the troops' phrase, so those subtrees are cut.
    """
    keep = [token.i]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.head.i == token.i and child.dep_ in ARGUMENT_DROP_DEPS:
            if not (child.dep_ in ("prep", "appos") and (child.lemma_.lower() in KEEP_PREP_LEMMAS or child.dep_ == "appos")):
                continue
        keep.append(child.i)
        stack.extend(child.children)
    return min(keep), max(keep) + 1


def expand_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def international(code: str | None) -> bool:
    """An international organisation: intergovernmental (IGO...) or not (NGO..., e.g. NGOICRC)."""
    return code is not None and code[:3] in ("IGO", "NGO")


def _narrow(code: str, table: dict[str, str], default: str) -> str:
    """The table entry for the most specific prefix of `code` (4, 3 then 2 digits)."""
    for size in (4, 3, 2):
        hit = table.get(code[:size])
        if hit is not None:
            return hit
    return default


@dataclass
class Reading:
    """One coded predicate before it becomes event rows."""

    anchor: Token
    code: str
    sources: list[Actor]
    targets: list[Actor]
    inherited: bool
    negative: bool
    modality: str
    reporter: ResolvedActor | None
    nominal: bool = False
    symmetric_ok: bool = False


class ClauseReader:
    """Reads one document's clauses into events; holds per-document state (coreference)."""

    def __init__(self, doc: Doc, ctx: DocContext, res: Resources):
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from tokens on every access
        self.ctx = ctx
        self.res = res
        self._resolved: dict[tuple[int, int], ResolvedActor | None] = {}
        self.noun_lemmas = res.nouns.known_lemmas()
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
        # only country the dictionary or the tagger finds in it.
        mentioned = {r.country for _, r in self._coded_mentions if r.country} | set(ctx.country_context)
        self.home_country = ctx.dateline_country or (next(iter(mentioned)) if len(mentioned) == 1 else None)

    # -- actors -----------------------------------------------------------
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
        country (rebels "LBNREB", opposition, former leaders "USAELI"), or a named entity
        the dictionary does not know (kept with its text and no code)."""
        if resolved is None:
            return False
        if cls.state_actor(resolved) or resolved.kind == "unknown" or international(resolved.code):
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

    def actor(self, token: Token, on: date | None, avoid: str | None = None) -> Actor | None:
        lower = token.lower_
        if token.pos_ == "PRON":
            if lower in PERSON_PRONOUNS:
                if self.ctx.last_person is not None:
                    return self._pronoun_actor(token, self.ctx.last_person)
                return None
            if lower in GROUP_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
                clause = token.head
                if clause.dep_ == "ccomp":
                    # "Egypt warned Ethiopia that it would ...": the speaker
                    speakers = [self.actor(t, on) for t in self.children(clause.head, "nsubj") if t.pos_ != "PRON"]
                    speakers = [a for a in speakers if a is not None and a.resolved.country]
                    if speakers:
                        return self._pronoun_actor(token, speakers[0].resolved)
                prev = self._previous_group(token.i)
                return self._pronoun_actor(token, prev) if prev is not None else None
            return None
        if token.dep_ == "nsubj" and token.pos_ == "NOUN" and token.lemma_.lower() in self.noun_lemmas:
            return None  # "EU sanctions target ...": an act is not an actor
        resolved = self.raw(token, on)
        if resolved is not None and resolved.kind == "demonym" and any(
            c.dep_ == "amod" and c.lower_ == "ethnic" for c in token.children
        ):
            # "ethnic Albanians in south Serbia" are of the state they live in, not the kin state
            people = dataclasses.replace(resolved, code="CVL", country=None, sector="CVL", kind="sector")
            placed = self.sector_in_place(token, people, on)
            return Actor(placed, token) if placed is not None else None
        if resolved is not None and resolved.kind == "sector" and resolved.country is None:
            placed = self.sector_in_place(token, resolved, on) or self.sector_in_context(token, resolved)
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
                if token.lemma_.lower() in COUNTRY_NOUNS and token.tag_ == "NN":
                    prev = self._previous_group(token.i, avoid)
                    if prev is not None and prev.country:
                        return self._pronoun_actor(token, prev)
            return None
        if resolved.kind != "unknown" and resolved.country is None and not international(resolved.code):
            return None
        if resolved.kind == "unknown" and token.ent_type_ == "PERSON":
            resolved = self.titled_stranger(token, resolved)
        if resolved.kind in ("person", "titled"):
            resolved = self.with_title(token, resolved)
            self.ctx.last_person = resolved
        return Actor(resolved, token)

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
        places += [o for p in token.children if p.dep_ == "prep" and p.lower_ in place_preps for o in self.children(p, "pobj")]
        for candidate in places:
            found = self.place_actor(candidate, on)
            if found is None:
                continue
            start = min(found.resolved.start_char, resolved.start_char)
            end = max(found.resolved.end_char, resolved.end_char)
            country = found.resolved.country
            return ResolvedActor(country + resolved.sector, country, resolved.sector, self.text[start:end], start, end, "place")
        return None

    def place_actor(self, token: Token, on: date | None) -> Actor | None:
        """The country a token names as a place: a country, capital or landmark of the
        dictionary, else a place the gazetteer knows ("Kirkuk" -> IRQ)."""
        place = self.raw(token, on)
        if place is None:
            return None
        if place.country and place.kind in ("country", "capital", "landmark"):
            return Actor(place, token)
        if place.kind == "unknown":
            return self.gazetteer_place(place, token.ent_type_ in PLACE_ENTITY_LABELS)
        return None

    def sector_in_context(self, token: Token, resolved: ResolvedActor) -> ResolvedActor | None:
        """A bare group acting ("rebels", "police") in a story about one country is of that country.

        The country is the dateline's, else the only country the document
        mentions; with several in play the group stays uncoded. State forces are
        read so only as the doer: as an object ("fired missiles at Kyiv",
        "deployed soldiers") they are as often the source's own means as the
        other side, and unnamed people hit by an act may be anyone. An actor
        read this way has kind 'context' (and a lower confidence)."""
        country = self.home_country
        doer = token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "pobj" and token.head.dep_ == "agent")
        if country is None or not (doer or resolved.sector in NON_STATE_SECTORS - {"CVL"}):
            return None  # nor are unnamed victims ("killed five people") guessed
        return dataclasses.replace(resolved, code=country + (resolved.sector or ""), country=country, kind="context")

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
        if token.lemma_.lower() not in PAIR_NOUNS or token.tag_ != "NNS":
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
                if r is not None and r.country:
                    code = r.country + (sector or r.sector or "")
                    found.append(Actor(ResolvedActor(code, r.country, sector or r.sector, r.text, r.start_char, r.end_char, r.kind), m))
            if found:
                return found
        return []

    def actors(self, tokens: Iterable[Token], on: date | None, avoid: str | None = None) -> list[Actor]:
        found = []
        for token in tokens:
            if token.pos_ in ("NOUN", "PROPN"):
                split = self.split_modifiers(token, on)
                if split:
                    found.extend(split)
                    continue
            members = expand_conjuncts(token)
            # "Yoon Suk Yeol, Joe Biden and Fumio Kishida": a list parsed as apposition
            for appos in token.children:
                if appos.dep_ == "appos" and appos.conjuncts:
                    members = [*members, appos, *appos.conjuncts]
            for member in members:
                actor = self.actor(member, on, avoid)
                if actor is not None:
                    found.append(actor)
                elif member.pos_ == "NOUN":
                    found.extend(self.pair(member))
        return found

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
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    actor = self.actor(obj, on)
                    if actor is not None and actor.resolved.country and actor.resolved.kind not in ("person", "titled"):
                        found.append(actor)
                    elif actor is not None and actor.resolved.kind == "unknown":
                        place = self.gazetteer_place(actor.resolved, obj.ent_type_ in PLACE_ENTITY_LABELS)
                        if place is not None:
                            found.append(place)
        return found

    def gazetteer_place(self, raw: ResolvedActor, tagged_place: bool = True) -> Actor | None:
        """A place name the actor dictionary does not know, as its country ("Kharkiv" -> UKR).

        A name the tagger did not label as a place must be a well-known one
        (no small-town file, a city of some size)."""
        if tagged_place:
            place = self.res.gazetteer.lookup(raw.text, self.ctx.country_context or None)
        else:
            place = self.res.gazetteer.lookup(raw.text, self.ctx.country_context or None, extended=False, min_population=100000)
        if place is None or not place.country or place.feature == "country":
            return None
        token = self.doc.char_span(raw.start_char, raw.end_char, alignment_mode="expand")
        head = token.root if token is not None else self.doc[0]
        return Actor(ResolvedActor(place.country, place.country, None, raw.text, raw.start_char, raw.end_char, "place"), head)

    # -- clause structure -------------------------------------------------
    @staticmethod
    def children(token: Token, *deps: str) -> list[Token]:
        return [c for c in token.children if c.dep_ in deps]

    def agents(self, verb: Token) -> list[Token]:
        found = [p for a in self.children(verb, "agent") for p in self.children(a, "pobj")]
        if not found:  # "was promised systems by Germany": the by-phrase hangs off the object
            for obj in self.children(verb, "dobj"):
                for prep in self.children(obj, "prep", "agent"):
                    if prep.lower_ == "by":
                        found.extend(self.children(prep, "pobj"))
        return found

    def subjects(self, verb: Token, on: date | None, depth: int = 0) -> tuple[list[Actor], bool]:
        """Source actors of `verb` and whether they were inherited from another verb."""
        passive = bool(self.children(verb, "nsubjpass", "auxpass"))
        if passive:
            return self.actors(self.agents(verb), on), False
        subjects = self.children(verb, "nsubj")
        if subjects:
            subj = subjects[0]
            if subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return self.actors([verb.head], on), True
            return self.actors(subjects, on), False
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBG":
            return self.actors([verb.head], on), True
        if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
            head = verb.head
            if head.pos_ == "ADJ" and head.dep_ == "acomp":
                head = head.head
            if verb.dep_ == "xcomp" and self.children(head, "nsubjpass") and not self.agents(head):
                # raising passives: "Putin is expected to visit Turkey"
                return self.actors(self.children(head, "nsubjpass"), on), True
            if verb.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                return [], False
            found, _ = self.subjects(head, on, depth + 1)
            return found, True
        return [], False

    def targets(self, verb: Token, on: date | None, root: str | None, code: str | None = None,
                avoid: str | None = None) -> tuple[list[Actor], list[str], list[str]]:
        """Target actors, object lemmas and target prepositions of `verb`."""
        objects = self.children(verb, "dobj")
        object_lemmas = [o.lemma_.lower() for o in objects]
        for o in objects:
            object_lemmas.extend(c.lemma_.lower() for c in o.conjuncts)
        if self.children(verb, "nsubjpass"):
            # "the ambassador was summoned" reads like "summoned the ambassador"
            object_lemmas.extend(t.lemma_.lower() for t in self.children(verb, "nsubjpass"))
            passive_targets = self.actors(self.children(verb, "nsubjpass"), on, avoid)
            if passive_targets:
                return passive_targets, object_lemmas, []
        datives = [
            p for d in self.children(verb, "dative", "iobj")
            for p in (self.children(d, "pobj") if d.pos_ == "ADP" else [d])
        ]
        # "launched a mediation mission between X and Y": the act noun is no actor
        direct_objects = [o for o in objects if not ((code or "").startswith("045") and self.noun_code(o))]
        direct = self.actors(direct_objects + datives, on, avoid)
        # "withdrew its troops from Chad": the source's own forces are the means, not the target
        direct = [a for a in direct if not (a.resolved.kind == "pronoun" and avoid and a.resolved.country == avoid)]
        physical = root in PHYSICAL_ROOTS or code == "042" or (code or "").startswith("087")
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
        holders += [o for p in self.children(verb, "prep") if p.lower_ in ("by", "via", "over") for o in self.children(p, "pobj")]
        for holder in holders:
            for prep in self.children(holder, "prep"):
                lemma = prep.lemma_.lower()
                if lemma not in TARGET_PREPS and not (lemma == "in" and code in ("042", "074")):
                    continue
                if lemma == "at" and (root is None or int(root) < 10):
                    continue
                pobjs = self.children(prep, "pobj")
                found = self.actors(pobjs, on, avoid)
                if not found and physical:
                    found = self.place_actors(pobjs, on)
                if found:
                    return found, object_lemmas, [lemma]
        if physical and objects:
            found = self.place_actors(objects, on)
            if found:
                return found, object_lemmas, []
        if verb.lemma_.lower() in MEDIATION_LEMMAS | INVEST_LEMMAS or (code or "").startswith("045"):
            # "mediated between X and Y", "launched a mediation effort between X and Y"
            for holder in (verb, *objects):
                for prep in self.children(holder, "prep"):
                    if prep.lower_ in ("between", "in"):
                        found = self.actors(self.children(prep, "pobj"), on, avoid)
                        if found:
                            return found, object_lemmas, [prep.lower_]
        # "dismissed Kyiv's peace formula", "rejected calls by Belarus", "an offer from Kabul":
        # the owner of the object
        for obj in objects:
            owners = [c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON"]
            owner_preps = ("by", "from", "of") if self.act_noun(obj) else ("by", "from")
            owners += [o for p in obj.children if p.dep_ == "prep" and p.lower_ in owner_preps for o in self.children(p, "pobj")]
            found = self.actors(owners, on, avoid)
            if found:
                return found, object_lemmas, []
        return [], object_lemmas, []

    def act_noun(self, noun: Token) -> bool:
        """A noun naming an act ("the withdrawal of Serbian forces", "the removal of the
        president"), whose of-phrase names a party to it, unlike "a shipment of arms"."""
        lemma = noun.lemma_.lower()
        return lemma in self.noun_lemmas or lemma.endswith(ACT_NOUN_SUFFIXES)

    def negated(self, verb: Token) -> bool:
        if self.children(verb, "neg"):
            return True
        if verb.dep_ == "xcomp" and self.children(verb.head, "neg"):
            return True
        return any(c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det") for c in verb.children)

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
        for prep in self.children(node, "prep"):
            if prep.lower_ == "according":
                objs = [o for t in self.children(prep, "prep") for o in self.children(t, "pobj")]
                found = self.actors(objs, on)
                return "reported", found[0].resolved if found else None, False, []
        if node.dep_ in ("ccomp", "parataxis") or (node.dep_ == "conj" and node.head.dep_ == "ROOT"):
            head = node.head
            if node.dep_ == "conj":
                return None, None, False, []
            lemma = head.lemma_.lower()
            if lemma in SPEECH_VERBS or (node.dep_ == "parataxis" and lemma in SPEECH_VERBS):
                speaker = self.children(head, "nsubj") or self.agents(head)
                reporters = self.actors(speaker, on) if speaker else []
                addressees: list[Actor] = []
                if lemma in ADDRESSEE_SPEECH:
                    addressees = self.actors(self.children(head, "dobj", "dative", "iobj"), on)
                return "reported", reporters[0].resolved if reporters else None, lemma in DENIAL_VERBS, addressees
        # "X attacked Y, officials said": the main clause is the speech verb's ccomp already;
        # a speech verb in parataxis/advcl hanging from our clause reports it too
        for child in node.children:
            if child.dep_ in ("parataxis",) and child.lemma_.lower() in SPEECH_VERBS:
                speaker = self.children(child, "nsubj")
                reporters = self.actors(speaker, on) if speaker else []
                return "reported", reporters[0].resolved if reporters else None, False, []
        return None, None, False, []

    def modality_and_reporter(self, verb: Token, on: date | None) -> tuple[str, ResolvedActor | None, bool, list[Actor]]:
        aux = {c.lower_ for c in self.children(verb, "aux")}
        governor = verb.head if verb.dep_ == "xcomp" else None
        gov_lemma = ""
        if governor is not None:
            if governor.pos_ == "ADJ" and governor.dep_ == "acomp":
                gov_lemma = governor.lemma_.lower()
                governor = governor.head
            else:
                gov_lemma = governor.lemma_.lower()
            aux |= {c.lower_ for c in self.children(governor, "aux")}
        reported, reporter, denied, addressees = self.reporting(verb, on)
        own = verb.lemma_.lower()
        if own in HYPOTHETICAL_GOVERNORS and verb.dep_ != "xcomp":
            gov_lemma = own  # "is considering new sanctions"
        elif own in FUTURE_GOVERNORS and own != "set" and verb.dep_ != "xcomp":
            gov_lemma = gov_lemma or own  # "plans new sanctions"
        if reported and "would" in aux and not aux & (HYPOTHETICAL_AUX - {"would"}) and not self.hypothetical_clause(verb):
            return "future", reporter, denied, addressees  # "said Washington would send": future in the past
        if aux & HYPOTHETICAL_AUX or gov_lemma in HYPOTHETICAL_GOVERNORS:
            return "hypothetical", reporter, denied, addressees
        if aux & FUTURE_AUX or gov_lemma in FUTURE_GOVERNORS or gov_lemma in ("likely", "due", "set", "poised"):
            return "future", reporter, denied, addressees
        if any(c.lower_ == "going" for c in self.children(verb.head, "aux")):
            return "future", reporter, denied, addressees
        if self.hypothetical_clause(verb):
            return "hypothetical", reporter, denied, addressees
        if reported:
            if addressees:
                return "asserted", None, denied, addressees
            return "reported", reporter, denied, addressees
        return "asserted", None, denied, addressees

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

    def prep_forms(self, verb: Token, target_preps: Sequence[str]) -> list[str]:
        """Prepositions of the verb as lexicon keys: 'for:ceasefire' before bare 'for'.

        The preposition that introduced the target comes first, so "accused
        Seoul of espionage" reads 'of:espionage' and "met with Kim" reads 'with'.
        """
        forms: list[str] = []
        preps = self.children(verb, "prep", "dative")
        preps.sort(key=lambda p: p.lemma_.lower() not in target_preps)
        for prep in preps:
            lemma = prep.lemma_.lower()
            for obj in self.children(prep, "pobj", "pcomp"):
                forms.append(f"{lemma}:{obj.lemma_.lower()}")
            forms.append(lemma)
        return forms

    def code_for(self, verb: Token, objects: Sequence[str], preps: Sequence[str]) -> str | None:
        particle = next((c.lemma_.lower() for c in self.children(verb, "prt")), "")
        if verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" and self.children(verb, "nsubj"):
            head = verb.head.lemma_.lower()
            objects = [head if o in ("that", "which", "who", "whom") else o for o in objects] or [head]
        code = self.res.verbs.lookup(verb.lemma_.lower(), particle, objects, self.prep_forms(verb, preps))
        if code is None and verb.lemma_.lower() in LIGHT_VERBS:
            for obj in self.children(verb, "dobj"):
                code = self.noun_code(obj)
                if code is not None and code[:2] not in ("01", "02", "05", "10", "11", "12", "13"):
                    break
                code = None
        if code is not None and code[:2] == "15":
            if any(is_joint(o) for o in self.children(verb, "dobj")):
                code = "062"
        return code

    def verb_code(self, verb: Token, on: date | None, avoid: str | None = None) -> tuple[str | None, list[Actor], list[str]]:
        objects = [o.lemma_.lower() for o in self.children(verb, "dobj", "nsubjpass")]
        if verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" and (
            not objects or objects[0] in ("that", "which", "who", "whom")
        ) and self.children(verb, "nsubj"):
            objects = [verb.head.lemma_.lower()]
        first_code = self.code_for(verb, objects, [])
        root = first_code[:2] if first_code else None
        targets, objects, preps = self.targets(verb, on, root, first_code, avoid)
        code = self.code_for(verb, objects, preps) or first_code
        if code is not None and not targets and code == "042":
            targets, objects, preps = self.targets(verb, on, code[:2], code, avoid)
        return code, targets, preps

    # -- governed complements --------------------------------------------------
    @staticmethod
    def complement(token: Token) -> Token | None:
        return next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)

    def governor_kind(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB":
            if lemma in COMMISSIVE_GOVERNORS:
                return "commit"
            if lemma in THREAT_GOVERNORS:
                return "threat"
            if lemma in REFUSAL_GOVERNORS:
                return "refuse"
        elif token.pos_ == "ADJ" and lemma in READY_ADJECTIVES and token.dep_ == "acomp":
            return "commit"
        return None

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

    def embedded_targets(self, chain: Sequence[Token], on: date | None, avoid: str | None) -> tuple[list[Actor], str | None]:
        for v in chain:
            code = None
            if v.lemma_.lower() in self.res.verb_lemmas or v.lemma_.lower() in LIGHT_VERBS:
                code, targets, _ = self.verb_code(v, on, avoid)
            else:
                targets, _, _ = self.targets(v, on, None, None, avoid)
            if not targets and v.dep_ == "ccomp":
                targets = self.actors(self.children(v, "nsubj"), on, avoid)
            if targets:
                return targets, code
        return [], None

    def governed_reading(self, gov: Token, kind: str, on: date | None) -> Reading | None:
        xcomp = self.complement(gov)
        if xcomp is None:
            return None
        clause_verb = gov.head if gov.pos_ == "ADJ" else gov
        sources, inherited = self.subjects(clause_verb, on)
        if not sources:
            return None
        avoid = sources[0].resolved.country
        chain = self.embedded_chain(xcomp)
        own_code, own_targets, _ = self.verb_code(gov, on, avoid) if gov.pos_ == "VERB" else (None, [], [])
        targets, inner = self.embedded_targets(chain, on, avoid)
        if own_targets and not (gov.lemma_.lower() == "offer" and not self.children(gov, "dative", "iobj")):
            targets = own_targets
        if kind == "commit":
            if inner is not None and inner[:2] in HOSTILE_ROOTS | {"16"} and inner[:2] != "16":
                code = _narrow(inner, THREAT_CODES, "138")
            elif inner is not None:
                code = _narrow(inner, INTENT_CODES, "030")
            else:
                code = "030"
        elif kind == "threat":
            code = _narrow(inner, THREAT_CODES, "130") if inner else "130"
        else:
            code = _narrow(inner, REFUSAL_CODES, "120") if inner else "120"
        modality, reporter, denied, addressees = self.modality_and_reporter(clause_verb, on)
        if not targets and addressees:
            targets = addressees
        if not targets and kind == "threat":
            targets = self.condition_parties([gov, *chain], on, avoid)
        if not targets and inner is not None and kind != "refuse":
            # "threatened to institute a curfew in Algiers", "will extend the curfew in Abidjan"
            for verb in chain:
                targets = self.implied_targets(verb, sources, inner, on)
                if targets:
                    break
        if not targets and kind == "threat" and (inner is None or inner[:2] in HOSTILE_ROOTS | {"16"}):
            # "threatened to resume attacks in Israel": a hostile act threatened in a country
            for verb in chain:
                place = self.clause_place(verb, on)
                if place is not None and place.resolved.country != avoid:
                    targets = [place]
                    break
        return Reading(gov, code, sources, targets, inherited, self.negated(clause_verb) or denied, modality, reporter,
                       symmetric_ok=kind == "commit")

    def culprits(self, verb: Token, on: date | None, avoid: str | None) -> list[Actor]:
        """The doers of the act a complaint is about ("over two Israeli air raids" -> ISR)."""
        for prep in self.children(verb, "prep"):
            if prep.lower_ not in ("over", "about"):
                continue
            for act in self.children(prep, "pobj"):
                if not self.act_noun(act):
                    continue
                found = [a for a in self.actors(source_tokens(act), on, avoid) if a.resolved.country != avoid]
                if found:
                    return found
        return []

    def condition_parties(self, verbs: Sequence[Token], on: date | None, avoid: str | None) -> list[Actor]:
        """"threatened to stop the talks if the United States deploys missiles": a threat
        is aimed at the party whose conduct its condition names."""
        for verb in verbs:
            for clause in self.conditions(verb):
                found = [a for a in self.actors(self.children(clause, "nsubj", "nsubjpass"), on, avoid)
                         if a.resolved.country != avoid or a.resolved.country is None]
                if found:
                    return found
        return []

    def obligation_reading(self, speech: Token, clause: Token, on: date | None) -> Reading | None:
        sources, inherited = self.subjects(speech, on)
        if not sources:
            return None
        avoid = sources[0].resolved.country
        targets = [a for a in self.actors(self.children(clause, "nsubj"), on, avoid) if a.resolved.country != avoid]
        if not targets:
            return None
        modality, reporter, denied, _ = self.modality_and_reporter(speech, on)
        return Reading(speech, "100", sources, targets, inherited, self.negated(speech), modality, reporter)

    # -- mediation ----------------------------------------------------------------
    def mediation_reading(self, verb: Token, on: date | None) -> Reading | None:
        """"talks mediated by Turkey", "a deal brokered by China": mediator -> each party."""
        if verb.dep_ not in ("acl", "relcl", "advcl") and not (verb.dep_ == "ROOT" and self.children(verb, "agent")):
            return None
        mediators = self.actors(self.agents(verb), on)
        if not mediators:
            return None
        parties: list[Actor] = []
        node = verb.head
        # "talks between X and Y, mediated by Z"
        for prep in self.children(node, "prep"):
            if prep.lower_ == "between":
                parties = self.actors(self.children(prep, "pobj"), on)
        if not parties:
            clause = node
            while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause:
                clause = clause.head
            if clause.pos_ in ("VERB", "AUX"):
                subj, _ = self.subjects(clause, on)
                tgt, _, _ = self.targets(clause, on, None)
                parties = subj + tgt
        parties = [p for p in parties if p.resolved.country != mediators[0].resolved.country]
        if not parties:
            return None
        modality, reporter, denied, _ = self.modality_and_reporter(verb, on)
        return Reading(verb, "045", mediators, parties, False, self.negated(verb), modality, reporter)

    # -- nominal events -------------------------------------------------------------
    @staticmethod
    def background(noun: Token) -> bool:
        node = noun
        for _ in range(3):
            if node.dep_ != "pobj":
                return False
            prep = node.head
            if prep.lower_ in BACKGROUND_PREPS:
                return True
            if prep.head.lemma_.lower() in BACKGROUND_NOUNS:
                return True
            node = prep.head
        return False

    def noun_code(self, noun: Token) -> str | None:
        """The event code of a noun, read with its compound modifier ("hunger strike"); a
        generic head takes its modifier's act ("a mediation effort", "a peace mission")."""
        modifiers = [c.lemma_ for c in noun.lefts if c.dep_ in ("compound", "amod")]
        code = self.res.nouns.compound_lookup(modifiers, noun.lemma_)
        if code is None and noun.lemma_.lower() in GENERIC_ACT_HEADS:
            for mod in noun.lefts:
                if mod.dep_ == "compound" and mod.pos_ == "NOUN":
                    code = self.res.nouns.lookup(mod.lemma_)
                    if code is not None:
                        break
        return code

    def nominal_reading(self, noun: Token, on: date | None) -> Reading | None:
        code = self.noun_code(noun)
        if code is None or code[:2] not in NOMINAL_ROOTS:
            return None
        if self.background(noun):
            return None
        if code[:2] == "15" and is_joint(noun):
            code = "062"
        sources = self.actors(source_tokens(noun), on)
        sources = [s for s in sources if s.token.i != noun.i]
        pairs = target_preps(noun)
        between = [o for p, o in pairs if p == "between"]
        between_actors = self.actors(between, on) if between else []
        if not between_actors:
            for prep in self.children(noun, "prep"):
                if prep.lower_ == "between":
                    between_actors = self.actors(self.children(prep, "pobj"), on)
        targets: list[Actor] = []
        physical = code[:2] in PHYSICAL_ROOTS or code == "042"
        for prep, obj in pairs:
            if prep not in NOMINAL_TARGET_PREPS:
                continue
            if prep == "in" and code != "042":
                continue
            if prep == "with" and code[:2] not in ("04", "06"):
                continue
            found = self.actors([obj], on)
            if not found and physical:
                found = self.place_actors([obj], on)
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
        if not sources or not targets:
            return None
        modality, reporter = self.nominal_modality(noun, on)
        return Reading(noun, code, sources, targets, False, False, modality, reporter, nominal=True,
                       symmetric_ok=symmetric)

    def nominal_modality(self, noun: Token, on: date | None) -> tuple[str, ResolvedActor | None]:
        node = noun
        hops = 0
        while node.pos_ not in ("VERB", "AUX") and node.head is not node and hops < 6:
            node, hops = node.head, hops + 1
        if node.pos_ not in ("VERB", "AUX"):
            return "asserted", None
        aux = {c.lower_ for c in self.children(node, "aux")}
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == node.i and aux & HYPOTHETICAL_AUX:
            return "hypothetical", None
        reported, reporter, _, _ = self.reporting(node, on)
        return ("reported", reporter) if reported else ("asserted", None)

    # -- events -------------------------------------------------------------
    def readings(self, sent: Span) -> list[Reading]:
        published = self.ctx.published
        found: list[Reading] = []
        consumed: set[int] = set()
        governors: list[tuple[Token, str]] = []
        obligations: list[tuple[Token, Token]] = []
        for token in sent:
            kind = self.governor_kind(token)
            if kind is not None:
                xcomp = self.complement(token)
                if xcomp is not None:
                    governors.append((token, kind))
                    consumed.update(v.i for v in self.embedded_chain(xcomp))
            elif token.pos_ == "VERB" and token.lemma_.lower() in CONTENT_GOVERNORS:
                for child in token.children:
                    if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX") and (
                        child.dep_ == "xcomp" or token.lemma_.lower() in ("demand", "urge", "ask", "request")
                        or (token.lemma_.lower() == "warn" and any(c.dep_ in ("dobj", "dative") for c in token.children))
                    ):
                        consumed.update(v.i for v in self.embedded_chain(child))
                    elif child.dep_ == "prep" and child.lower_ in ("on", "for"):
                        for obj in child.children:
                            consumed.update(v.i for v in obj.children if v.dep_ in ("xcomp", "acl", "relcl") and v.pos_ == "VERB")
            elif token.pos_ == "VERB" and token.lemma_.lower() in OBLIGATION_SPEECH:
                for child in token.children:
                    if child.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in DEONTIC_AUX for a in child.children):
                        obligations.append((token, child))
                        consumed.update(v.i for v in self.embedded_chain(child))
        for speech, clause in obligations:
            reading = self.obligation_reading(speech, clause, published)
            if reading is not None:
                found.append(reading)
        for gov, kind in governors:
            if gov.i in consumed:
                continue
            reading = self.governed_reading(gov, kind, published)
            if reading is not None:
                found.append(reading)
            consumed.add(gov.i)
        for token in sent:
            if token.i in consumed:
                continue
            pos = token.pos_
            lemma = token.lemma_.lower()
            if pos == "NOUN":
                if lemma in self.noun_lemmas or lemma in GENERIC_ACT_HEADS:
                    reading = self.nominal_reading(token, published)
                    if reading is not None:
                        found.append(reading)
                continue
            if pos != "VERB":
                continue
            if lemma in MEDIATION_LEMMAS:
                reading = self.mediation_reading(token, published)
                if reading is not None:
                    found.append(reading)
                    continue
            if lemma not in self.res.verb_lemmas and lemma not in LIGHT_VERBS:
                continue
            reading = self.verb_reading(token, published)
            if reading is not None:
                found.append(reading)
        return found

    def verb_reading(self, verb: Token, on: date | None) -> Reading | None:
        sources, inherited = self.subjects(verb, on)
        if not sources:
            return None
        avoid = sources[0].resolved.country
        code, targets, _ = self.verb_code(verb, on, avoid)
        if code is None:
            return None
        governor = verb.head if verb.dep_ == "xcomp" else None
        if governor is not None and governor.lemma_.lower() in ("decide",):
            code = _narrow(code, INTENT_CODES, code)
        modality, reporter, denied, addressees = self.modality_and_reporter(verb, on)
        if code[:2] == "11":
            # "complained to the UN over Israeli air raids": the complaint is about the raiders
            culprits = self.culprits(verb, on, avoid)
            if culprits:
                targets = culprits
        conditional = self.conditional_threat(verb)
        if modality == "future" or conditional:
            code = announced_code(code, conditional=conditional)
        if not targets and conditional:
            targets = self.condition_parties([verb], on, avoid)
        if not targets and addressees:
            targets = [a for a in addressees if a.resolved.country != avoid]
        lemma = verb.lemma_.lower()
        if not targets and lemma in DEMAND_VERBS:
            for child in verb.children:
                if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                    targets = [a for a in self.actors(self.children(child, "nsubj", "nsubjpass"), on) if a.resolved.country != avoid]
                    if targets:
                        break
        implied = False
        if not targets:
            targets = self.implied_targets(verb, sources, code, on)
            implied = bool(targets)
            if implied and targets[0].resolved.sector == "GOV":
                sources = [self.as_civilians(s) for s in sources]  # protesters
        symmetric_ok = not implied and (code[:2] in SYMMETRIC_ROOTS or code in SYMMETRIC_CODES and lemma in SYMMETRIC_LEMMAS)
        if code in ("190", "193") and lemma not in ("clash", "fight", "exchange"):
            symmetric_ok = False
        return Reading(verb, code, sources, targets, inherited, self.negated(verb) or denied, modality, reporter,
                       symmetric_ok=symmetric_ok)

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
            (r := self.raw(o, on)) is not None and r.kind == "sector" and r.sector == "CVL" for o in self.children(verb, "dobj")
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

    def clause_place(self, verb: Token, on: date | None) -> Actor | None:
        """The country of a place phrase of `verb` or its object ("demonstrated in Kirkuk")."""
        holders = [verb, *self.children(verb, "dobj")]
        for holder in holders:
            for prep in self.children(holder, "prep"):
                if prep.lower_ not in CLAUSE_PLACE_PREPS:
                    continue
                for obj in self.children(prep, "pobj"):
                    # a named place, else a place inside a common noun ("the town of Cizre")
                    found = self.place_actor(obj, on) or next(iter(self.place_actors([obj], on)), None)
                    if found is not None:
                        return found
        return None

    @staticmethod
    def as_civilians(actor: Actor) -> Actor:
        """A bare nationality ("Palestinians demonstrated") acting as the public."""
        r = actor.resolved
        if r.sector or not r.country:
            return actor
        return Actor(dataclasses.replace(r, code=r.country + "CVL", sector="CVL"), actor.token)

    def sentence_events(self, sent: Span, sentence_index: int) -> list[dict]:
        events: list[dict] = []
        seen: set[tuple] = set()
        published = self.ctx.published
        for reading in self.readings(sent):
            cameo = self.res.cameo.get(reading.code)
            if cameo is None or cameo.root in ("01",):
                continue
            # Unknown named entities are kept beside a coded actor (with their text and
            # no code) so `dotterel actors --unknown` can show what the dictionary lacks.
            sources = [s for s in reading.sources if self.kept_actor(s.resolved)]
            targets = [t for t in reading.targets if self.kept_actor(t.resolved)]
            pairs = [(s, t) for s in sources for t in targets]
            if not targets and len(sources) > 1 and reading.symmetric_ok:
                pairs = [(a, b) for a in sources for b in sources if a is not b]
            pairs = [(a, b) for a, b in pairs if a.resolved.code is not None or b.resolved.code is not None]
            if not pairs:
                continue
            anchor = reading.anchor
            when = event_date_for(sent, anchor, published)
            if reading.nominal and when.origin != "expression":
                for child in anchor.children:
                    if child.dep_ in ("acl", "relcl"):
                        inner = event_date_for(sent, child, published)
                        if inner.origin == "expression":
                            when = inner
                            break
            modality = reading.modality
            ongoing = (when.text or "").lower().startswith("since")
            if modality in ("asserted", "reported") and when.origin == "expression" and not ongoing and is_historical(when.date, published):
                modality = "historical"
            for source, target in pairs:
                s_key = source.resolved.country or source.resolved.code or source.resolved.text
                t_key = target.resolved.country or target.resolved.code or target.resolved.text
                if s_key == t_key:
                    if not domestic_pair(source.resolved, target.resolved):
                        continue
                    s_key, t_key = source.resolved.code, target.resolved.code
                key = (s_key, t_key, cameo.root)
                if key in seen:
                    continue
                seen.add(key)
                exclude = {source.token.i, target.token.i}
                place = event_place(
                    sent, anchor, exclude, self.res.gazetteer, self.ctx.country_context, self.ctx.dateline_place
                )
                events.append(
                    self.event_row(
                        sent, sentence_index, anchor, self.redated(source, when), self.redated(target, when),
                        cameo, reading.negative,
                        modality, reading.reporter, when, place, reading,
                    )
                )
        return events

    def event_row(self, sent, sentence_index, verb, source, target, cameo, negative, modality, reporter, when: EventDate, place, reading: Reading) -> dict:
        action_start = verb.idx
        action_end = verb.idx + len(verb.text)
        particle = next((c for c in self.children(verb, "prt")), None)
        action_lemma = verb.lemma_.lower() + (f" {particle.lemma_.lower()}" if particle is not None else "")
        key = "|".join(
            str(x) for x in (
                self.ctx.doc_id, self.ctx.content_sha256, sentence_index, source.start_char,
                action_start, target.start_char, cameo.code, source.code, target.code,
            )
        )
        return {
            "event_id": hashlib.sha256(key.encode("utf-8")).hexdigest()[:24],
            "doc_id": self.ctx.doc_id,
            "sentence_index": sentence_index,
            "sentence_text": sent.text,
            "source_text": self.text[source.start_char:source.end_char],
            "source_code": source.code,
            "source_country": source.country,
            "source_sector": source.sector,
            "action_text": self.text[action_start:action_end],
            "action_lemma": action_lemma,
            "target_text": self.text[target.start_char:target.end_char],
            "target_code": target.code,
            "target_country": target.country,
            "target_sector": target.sector,
            "cameo_code": cameo.code,
            "cameo_root": cameo.root,
            "plover_type": cameo.plover_type,
            "quad_class": cameo.quad_class,
            "goldstein": cameo.goldstein,
            "polarity": "negative" if negative else "positive",
            "modality": modality,
            "reporter_code": reporter.code if reporter is not None else None,
            "event_date": when.date,
            "event_date_text": when.text,
            "event_date_precision": when.precision,
            "event_date_origin": when.origin,
            "location_name": place.name if place else None,
            "location_type": place.feature if place else None,
            "location_country": place.country if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "confidence": confidence(source, target, modality, reading, len(sent)),
            "source_start": source.start_char,
            "source_end": source.end_char,
            "action_start": action_start,
            "action_end": action_end,
            "target_start": target.start_char,
            "target_end": target.end_char,
            "extractor_version": self.res.extractor_version,
            "model": self.res.model_label,
        }


def implied_target_sector(code: str) -> str | None:
    """The sector of the unnamed target of a domestic act (see `ClauseReader.implied_targets`)."""
    if code[:2] == "14":
        return "GOV"
    if code[:3] in ("172", "081") and code not in ("172", "081"):
        return "CVL"
    if code[:2] in VIOLENT_ROOTS:
        return "CVL"  # "killed 23 people in Tel Aviv": the people of the place (never the source's own)
    return None


def announced_code(code: str, conditional: bool = False) -> str:
    """The CAMEO code of an act announced for the future ("will visit", "plans to impose").

    CAMEO codes what was said, not the act: an announced cooperative act is an
    intent (03x, PLOVER AGREE), an announced hostile act or one made conditional
    on the other side's conduct a threat (13x, THREATEN). The event keeps
    modality 'future' so the act itself can still be read from it.
    """
    root = code[:2]
    if conditional or root in HOSTILE_ROOTS | {"14", "16"}:
        return code if root == "13" else _narrow(code, THREAT_CODES, "130")
    if root in ("04", "05", "06", "07", "08"):
        return _narrow(code, INTENT_CODES, "030")
    return code


def domestic_pair(source: ResolvedActor, target: ResolvedActor) -> bool:
    """Whether two actors of one country are two parties of a domestic event.

    "Iraqi police arrested militants" (IRQCOP -> IRQREB), "the Sudanese army
    attacked rebels" (SDNMIL -> SDNREB): both actors are coded, their codes
    differ, and they are not a state and one of its own organs under two
    names ("Iraq" and "the Iraqi government", which are one actor).
    """
    if source.code is None or target.code is None or source.code == target.code:
        return False
    if source.country is None or source.country != target.country:
        return False
    bare = [a for a in (source, target) if not a.sector]
    if len(bare) == 2:
        return False
    if len(bare) == 1:
        other = target if bare[0] is source else source
        return other.sector in NON_STATE_SECTORS
    return True


# CAMEO roots whose verbs are the most polysemous in news copy (yield, demand,
# protest, posture, coerce): a coded reading of them is right less often.
AMBIGUOUS_ROOTS = frozenset({"08", "10", "14", "15", "17"})
# Actor kinds by how reliably they name a state actor.
KIND_WEIGHT = {"person": 0.03, "capital": 0.03, "landmark": 0.03, "country": 0.0, "igo": 0.0,
               "demonym": -0.07, "place": -0.05, "pronoun": -0.15, "implied": -0.15, "context": -0.15, "titled": -0.15,
               "unknown": -0.25}


def confidence(source: ResolvedActor, target: ResolvedActor, modality: str, reading: Reading, sentence_tokens: int) -> float:
    """A rank score: how much of the reading rests on dictionary facts vs parse guesses.

    Named people and capitals are the surest actors, demonyms ("Russian
    forces") and pronouns the least; a subject inherited from another verb,
    a nominal reading, a fan-out over many coordinated actors, hedged
    modality, long sentences (where the small parser errs most) and the most
    polysemous CAMEO roots each lower it.
    """
    score = 0.85
    score += KIND_WEIGHT.get(source.kind, 0.0) + KIND_WEIGHT.get(target.kind, 0.0)
    if target.kind == "igo":
        score -= 0.08  # an organisation is often the forum of an act, not its target
    if reading.inherited:
        score -= 0.15
    if reading.nominal:
        score -= 0.05
    if len(reading.sources) * max(1, len(reading.targets)) >= 3:
        score -= 0.07
    if modality in ("hypothetical", "future"):
        score -= 0.15
    elif modality == "reported":
        score -= 0.05
    if sentence_tokens > 40:
        score -= 0.15
    elif sentence_tokens > 28:
        score -= 0.1
    if reading.code[:2] in AMBIGUOUS_ROOTS:
        score -= 0.08
    return round(max(0.05, min(0.99, score)), 3)


def extract_events(doc: Doc, ctx: DocContext, res: Resources) -> tuple[list[dict], int]:
    """All events of one parsed document, and its sentence count."""
    reader = ClauseReader(doc, ctx, res)
    events: list[dict] = []
    count = 0
    for index, sent in enumerate(doc.sents):
        count += 1
        events.extend(reader.sentence_events(sent, index))
    return events, count
