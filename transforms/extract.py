"""Who did what to whom: events from spaCy's dependency parse.

Each coded predicate (a verb the verb lexicon knows) is read for its source
and target actors through the clause shapes news uses: subject-verb-object,
subject-verb-preposition-object, passive with a by-agent, infinitival and
conjoined verbs that inherit their subject, relative clauses, coordinated
actors, reported speech. An event needs a source and a target, at least one of
them a coded actor; a sentence with no interaction between actors gives none.

Everything here is pure: a parsed spaCy `Doc` and the document's metadata in,
plain event dicts (the EVENTS contract) out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from transforms.actors import ActorMention, ResolvedActor, resolve_span
from transforms.dates import EventDate, event_date_for, is_historical
from transforms.places import event_place
from transforms.resources import Resources

EXTRACTOR_VERSION = "0.2.0"

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
# Sectors of non-state actors: never coded (README: civilians, media, rebels, parties ...).
NON_STATE_SECTORS = frozenset({"OPP", "MED", "REB", "CVL", "REF", "BUS", "PTY", "ELI", "NGO", "EDU", "HLH", "LAB", "REL", "AGR", "CRM", "UAF", "SPY_NS"})
# Verbs that only carry an event noun ("joined sanctions", "announced a visit").
LIGHT_VERBS = frozenset("join announce carry conduct hold stage launch begin start extend impose unveil approve order make pay".split())
# Nouns that stand for a country when definite ("the kingdom", "the country").
COUNTRY_NOUNS = frozenset({"country", "kingdom", "republic", "nation", "state", "island", "government", "emirate"})
PAIR_NOUNS = frozenset({"country", "nation", "state", "leader", "side", "government", "neighbour", "neighbor", "president", "minister", "army", "military"})
ARGUMENT_DROP_DEPS = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "prep", "preconj", "appos"})
KEEP_PREP_LEMMAS = frozenset({"of"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PERSON_POSSESSIVES = frozenset({"his", "her"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
GROUP_POSSESSIVES = frozenset({"its", "their"})


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


def argument_bounds(token: Token) -> tuple[int, int]:
    """Token span of an argument without its coordinated siblings and clauses.

    "Putin and Kim" must give two actors, and "troops that Russia sent" must
    not make Russia part of the troops' phrase, so those subtrees are cut.
    """
    keep = [token.i]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.head is token and child.dep_ in ARGUMENT_DROP_DEPS:
            if not (child.dep_ in ("prep", "appos") and (child.lemma_.lower() in KEEP_PREP_LEMMAS or child.dep_ == "appos")):
                continue
        keep.append(child.i)
        stack.extend(child.children)
    return min(keep), max(keep) + 1


def expand_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


class ClauseReader:
    """Reads one document's clauses into events; holds per-document state (coreference)."""

    def __init__(self, doc: Doc, ctx: DocContext, res: Resources):
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from tokens on every access
        self.ctx = ctx
        self.res = res
        self._resolved: dict[tuple[int, int], ResolvedActor | None] = {}

    # -- actors -----------------------------------------------------------
    def actor(self, token: Token, on: date | None) -> Actor | None:
        if token.lower_ in PERSON_PRONOUNS and token.pos_ == "PRON":
            if self.ctx.last_person is not None:
                prev = self.ctx.last_person
                return Actor(
                    ResolvedActor(prev.code, prev.country, prev.sector, token.text, token.idx, token.idx + len(token), "pronoun"),
                    token,
                )
            return None
        start, end = argument_bounds(token)
        key = (start, end)
        if key not in self._resolved:
            self._resolved[key] = resolve_span(self.doc, start, end, self.ctx.mentions, on=on)
        resolved = self._resolved[key]
        if resolved is None:
            return None
        if resolved.kind != "unknown" and resolved.country is None and not (resolved.code or "").startswith("IGO"):
            return None  # a bare role word ("troops", "reporters") is not an actor on its own
        if resolved.kind == "person":
            self.ctx.last_person = resolved
        return Actor(resolved, token)

    def actors(self, tokens: Iterable[Token], on: date | None) -> list[Actor]:
        found = []
        for token in tokens:
            for member in expand_conjuncts(token):
                actor = self.actor(member, on)
                if actor is not None:
                    found.append(actor)
        return found

    # -- clause structure -------------------------------------------------
    @staticmethod
    def children(token: Token, *deps: str) -> list[Token]:
        return [c for c in token.children if c.dep_ in deps]

    def subjects(self, verb: Token, on: date | None, depth: int = 0) -> tuple[list[Actor], bool]:
        """Source actors of `verb` and whether they were inherited from another verb."""
        passive = bool(self.children(verb, "nsubjpass", "auxpass"))
        if passive:
            agents = [p for a in self.children(verb, "agent") for p in self.children(a, "pobj")]
            return self.actors(agents, on), False
        subjects = self.children(verb, "nsubj")
        if subjects:
            subj = subjects[0]
            if subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return self.actors([verb.head], on), True
            return self.actors(subjects, on), False
        if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            found, _ = self.subjects(verb.head, on, depth + 1)
            return found, True
        return [], False

    def targets(self, verb: Token, on: date | None, root: str | None) -> tuple[list[Actor], list[str], list[str]]:
        """Target actors, object lemmas and target prepositions of `verb`."""
        objects = self.children(verb, "dobj")
        object_lemmas = [o.lemma_.lower() for o in objects]
        if self.children(verb, "nsubjpass"):
            passive_targets = self.actors(self.children(verb, "nsubjpass"), on)
            if passive_targets:
                return passive_targets, object_lemmas, []
        datives = [
            p for d in self.children(verb, "dative", "iobj")
            for p in (self.children(d, "pobj") if d.pos_ == "ADP" else [d])
        ]
        direct = self.actors(objects + datives, on)
        if direct:
            return direct, object_lemmas, []
        holders = [verb, *objects]
        for holder in holders:
            for prep in self.children(holder, "prep"):
                lemma = prep.lemma_.lower()
                if lemma not in TARGET_PREPS:
                    continue
                if lemma == "at" and (root is None or int(root) < 10):
                    continue
                found = self.actors(self.children(prep, "pobj"), on)
                if found:
                    return found, object_lemmas, [lemma]
        return [], object_lemmas, []

    def negated(self, verb: Token) -> bool:
        if self.children(verb, "neg"):
            return True
        return verb.dep_ == "xcomp" and bool(self.children(verb.head, "neg"))

    def modality_and_reporter(self, verb: Token, on: date | None) -> tuple[str, ResolvedActor | None]:
        aux = {c.lower_ for c in self.children(verb, "aux")}
        governor = verb.head if verb.dep_ == "xcomp" else None
        if governor is not None:
            aux |= {c.lower_ for c in self.children(governor, "aux")}
        if aux & HYPOTHETICAL_AUX:
            return "hypothetical", None
        if governor is not None and governor.lemma_.lower() in HYPOTHETICAL_GOVERNORS:
            return "hypothetical", None
        if aux & FUTURE_AUX or (governor is not None and governor.lemma_.lower() in FUTURE_GOVERNORS):
            return "future", None
        if any(c.lower_ == "going" for c in self.children(verb.head, "aux")) or (
            governor is not None and governor.lower_ == "going"
        ):
            return "future", None
        # reported: the clause (or the clause it hangs from) is a complement of a speech verb
        node, hops = verb, 0
        while node.dep_ in ("xcomp", "conj") and hops < 3:
            node, hops = node.head, hops + 1
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS:
            speaker = self.children(node.head, "nsubj")
            reporters = self.actors(speaker, on) if speaker else []
            return "reported", reporters[0].resolved if reporters else None
        return "asserted", None

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
        return self.res.verbs.lookup(verb.lemma_.lower(), particle, objects, self.prep_forms(verb, preps))

    # -- events -------------------------------------------------------------
    def sentence_events(self, sent: Span, sentence_index: int) -> list[dict]:
        events: list[dict] = []
        seen: set[tuple] = set()
        published = self.ctx.published
        for verb in sent:
            if verb.pos_ not in ("VERB",) or verb.lemma_.lower() not in self.res.verb_lemmas:
                continue
            # the code decides whether 'at' introduces a target, so look it up twice
            first_code = self.code_for(verb, [o.lemma_.lower() for o in self.children(verb, "dobj")], [])
            root = first_code[:2] if first_code else None
            targets, objects, preps = self.targets(verb, published, root)
            code = self.code_for(verb, objects, preps) or first_code
            if code is None:
                continue
            sources, inherited = self.subjects(verb, published)
            if not sources:
                continue
            governor = verb.head if verb.dep_ == "xcomp" else None
            if governor is not None and governor.lemma_.lower() in INTENT_GOVERNORS:
                code = INTENT_CODES.get(code, INTENT_CODES.get(code[:3], INTENT_CODES.get(code[:2], code)))
            cameo = self.res.cameo.get(code)
            if cameo is None:
                continue
            pairs = [(s, t) for s in sources for t in targets]
            if not targets and len(sources) > 1 and cameo.root in SYMMETRIC_ROOTS:
                pairs = [(a, b) for a in sources for b in sources if a is not b]
            if not pairs:
                continue
            when = event_date_for(sent, verb, published)
            modality, reporter = self.modality_and_reporter(verb, published)
            if modality in ("asserted", "reported") and when.origin == "expression" and is_historical(when.date, published):
                modality = "historical"
            negative = self.negated(verb)
            for source, target in pairs:
                if source.resolved.code is None and target.resolved.code is None:
                    continue
                if source.resolved.code is not None and source.resolved.code == target.resolved.code:
                    continue
                key = (source.resolved.start_char, target.resolved.start_char, verb.i, code)
                if key in seen:
                    continue
                seen.add(key)
                exclude = {source.token.i, target.token.i}
                place = event_place(
                    sent, verb, exclude, self.res.gazetteer, self.ctx.country_context, self.ctx.dateline_place
                )
                events.append(
                    self.event_row(
                        sent, sentence_index, verb, source.resolved, target.resolved, cameo, negative,
                        modality, reporter, when, place, inherited,
                    )
                )
        return events

    def event_row(self, sent, sentence_index, verb, source, target, cameo, negative, modality, reporter, when: EventDate, place, inherited) -> dict:
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
            "confidence": confidence(source, target, modality, inherited, len(sent)),
            "source_start": source.start_char,
            "source_end": source.end_char,
            "action_start": action_start,
            "action_end": action_end,
            "target_start": target.start_char,
            "target_end": target.end_char,
            "extractor_version": EXTRACTOR_VERSION,
            "model": self.res.model_label,
        }


def confidence(source: ResolvedActor, target: ResolvedActor, modality: str, inherited: bool, sentence_tokens: int) -> float:
    """A rank score: how much of the reading rests on dictionary facts vs parse guesses.

    Unknown actors, pronouns, inherited subjects, hedged modality and long
    sentences (where the small parser errs most) each lower it.
    """
    score = 0.9
    for actor in (source, target):
        if actor.code is None:
            score -= 0.25
        elif actor.kind == "pronoun":
            score -= 0.15
    if inherited:
        score -= 0.1
    if modality in ("hypothetical", "future"):
        score -= 0.1
    if sentence_tokens > 40:
        score -= 0.1
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
