"""Readings into event rows: actor pairs, dates, places, confidence, the row itself.

Every rule's readings of a sentence end here. Each reading gives one event
per (source, target) pair of kept actors with at least one of them coded;
two actors of one country only when they are two parties (`domestic_pair`);
one event per (source, target, root) in a sentence, the first reading's.
A one-sided reading with no pair gives one event per coded actor of its named
side, the other side missing: every column of that side is NULL (text, code,
country, sector, offsets), which is how the warehouse tells a missing side
from a named actor the dictionary could not code (text, no code).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from spacy.tokens import Span, Token

from transforms.actors import NON_STATE_SECTORS, ResolvedActor
from transforms.codes import CameoCode
from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Actor, Reading
from transforms.coding.roots import AMBIGUOUS_ROOTS, VIOLENT_ROOTS
from transforms.coding.tree import children
from transforms.dates import EventDate, event_date_for, is_historical
from transforms.documents import one_line
from transforms.places import Place, attacked_place, event_place

def sentence_rows(core: ClauseCore, sent: Span, sentence_index: int, readings: Sequence[Reading]) -> list[dict]:
    """The event rows of one sentence's readings, in reading order."""
    events: list[dict] = []
    seen: set[tuple] = set()
    published = core.ctx.published
    for reading in readings:
        cameo = core.res.cameo.get(reading.code)
        if cameo is None or cameo.root in ("01",):
            continue
        # Unknown named entities are kept beside a coded actor (with their text and
        # no code) so `dotterel actors --unknown` can show what the dictionary lacks.
        sources = [s for s in reading.sources if core.kept_actor(s.resolved)]
        targets = [t for t in reading.targets if core.kept_actor(t.resolved)]
        pairs = [(s, t) for s in sources for t in targets]
        mutual = len(sources) > 1 and any(c.lower_ in core.words.mutual_adverb for c in children(reading.anchor, "advmod"))
        if (not targets or mutual) and len(sources) > 1 and (reading.symmetric_ok or mutual):
            # coordinated subjects of a mutual act ("X and Y met"), or said to act mutually
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        pairs = [(a, b) for a, b in pairs if a.resolved.code is not None or b.resolved.code is not None]
        if not pairs and reading.one_sided:
            pairs = one_sided_pairs(sources, targets)
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
            s_key = side_key(source)
            t_key = side_key(target)
            if s_key == t_key and source is not None and target is not None:
                if core.guess_without_evidence(source, target) or core.guess_without_evidence(target, source):
                    continue  # "gunmen kidnapped Chinese workers": the story country is the victims'
                if not domestic_pair(source.resolved, target.resolved) and not (
                    cameo.root in VIOLENT_ROOTS and target.resolved.kind == "place" and not target.resolved.sector
                ):  # "Syrian forces shelled the town of Idlib": an attack on a place at home
                    continue
                s_key, t_key = source.resolved.code, target.resolved.code
            key = (s_key, t_key, cameo.root)
            if key in seen:
                continue
            seen.add(key)
            place = None
            if cameo.root in VIOLENT_ROOTS and target is not None:  # an attack on a place happens there (GDELT's ActionGeo)
                place = attacked_place(target.token, core.res.gazetteer, core.ctx.country_context)
            if place is None:
                place = event_place(
                    sent, anchor, {a.token.i for a in (source, target) if a is not None}, core.res.gazetteer,
                    core.ctx.country_context, core.ctx.dateline_place,
                )
            events.append(
                event_row(
                    core, sent, sentence_index, reading,
                    core.redated(source, when) if source is not None else None,
                    core.redated(target, when) if target is not None else None,
                    cameo, modality, when, place,
                )
            )
    return events


def one_sided_pairs(sources: Sequence[Actor], targets: Sequence[Actor]) -> list[tuple[Actor | None, Actor | None]]:
    """(source, None) per coded source, else (None, target) per coded target."""
    if sources:
        return [(s, None) for s in sources if s.resolved.code is not None]
    return [(None, t) for t in targets if t.resolved.code is not None]


def side_key(actor: Actor | None) -> str | None:
    """What tells two actors of a sentence's events apart (None: the side is missing)."""
    if actor is None:
        return None
    return actor.resolved.country or actor.resolved.code or actor.resolved.text


def event_row(core: ClauseCore, sent: Span, sentence_index: int, reading: Reading, source: ResolvedActor | None,
              target: ResolvedActor | None, cameo: CameoCode, modality: str, when: EventDate, place: Place | None) -> dict:
    """One row of the EVENTS contract; its id is a hash of what identifies the event.

    A missing side (None) leaves every column of that side NULL."""
    verb: Token = reading.anchor
    action_start = verb.idx
    action_end = verb.idx + len(verb.text)
    particle = next((c for c in children(verb, "prt")), None)
    action_lemma = verb.lemma_.lower() + (f" {particle.lemma_.lower()}" if particle is not None else "")
    key = "|".join(
        str(x) for x in (
            core.ctx.doc_id, core.ctx.content_sha256, sentence_index, source.start_char if source else None,
            action_start, target.start_char if target else None, cameo.code,
            source.code if source else None, target.code if target else None,
        )
    )
    return {
        "event_id": hashlib.sha256(key.encode("utf-8")).hexdigest()[:24],
        "doc_id": core.ctx.doc_id,
        "sentence_index": sentence_index,
        "sentence_text": one_line(core.text[sent.start_char:sent.end_char]),
        **side_columns(core.text, "source", source),
        "action_text": core.text[action_start:action_end],
        "action_lemma": action_lemma,
        **side_columns(core.text, "target", target),
        "cameo_code": cameo.code,
        "cameo_root": cameo.root,
        "plover_type": cameo.plover_type,
        "quad_class": cameo.quad_class,
        "goldstein": cameo.goldstein,
        "polarity": "negative" if reading.negative else "positive",
        "modality": modality,
        "reporter_code": reading.reporter.code if reading.reporter is not None else None,
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
        "action_start": action_start,
        "action_end": action_end,
        "extractor_version": core.res.extractor_version,
        "model": core.res.model_label,
    }


def side_columns(text: str, side: str, actor: ResolvedActor | None) -> dict:
    """The EVENTS columns of one side of an event: all NULL when the side is missing."""
    if actor is None:
        return {f"{side}_{column}": None for column in ("text", "code", "country", "sector", "start", "end")}
    return {
        f"{side}_text": text[actor.start_char:actor.end_char],
        f"{side}_code": actor.code,
        f"{side}_country": actor.country,
        f"{side}_sector": actor.sector,
        f"{side}_start": actor.start_char,
        f"{side}_end": actor.end_char,
    }


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


# Actor kinds by how reliably they name a state actor; a missing side ("missing") rests
# on the reading alone.
KIND_WEIGHT = {"person": 0.03, "capital": 0.03, "landmark": 0.03, "country": 0.0, "igo": 0.0,
               "demonym": -0.07, "region": -0.07, "place": -0.05, "pronoun": -0.15, "implied": -0.15, "context": -0.15, "titled": -0.15,
               "unknown": -0.25, "missing": -0.1}


def confidence(source: ResolvedActor | None, target: ResolvedActor | None, modality: str, reading: Reading,
               sentence_tokens: int) -> float:
    """A rank score: how much of the reading rests on dictionary facts vs parse guesses.

    Named people and capitals are the surest actors, demonyms ("Russian
    forces") and pronouns the least; a subject inherited from another verb,
    a nominal reading, a fan-out over many coordinated actors, hedged
    modality, long sentences (where the small parser errs most) and the most
    polysemous CAMEO roots each lower it.
    """
    score = 0.85
    score += sum(KIND_WEIGHT.get(side.kind if side is not None else "missing", 0.0) for side in (source, target))
    if target is not None and target.kind == "igo":
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
