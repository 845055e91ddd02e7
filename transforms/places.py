"""Where did an event happen? One home for "where" in a parsed document.

* :func:`document_places` reads a document's geography once: the countries
  it talks about (the hints that settle ambiguous names) and its dateline's
  country.
* :func:`event_place` picks, for one event predicate in a parsed sentence,
  the place the event happens *at* -- not the place it is aimed *at*. "sent
  troops to Russia" has a destination, not a location; "struck Kyiv" has a
  target; "met Kim in Pyongyang" has a location.

Places read as *actors* ("struck Kharkiv" -> UKR) are the coder's business
(`transforms/coding/mentions.py`); names are looked up in the gazetteer
(`transforms/gazetteer.py`). Everything here is a pure function of its inputs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from transforms.gazetteer import Gazetteer, Place
from transforms.docindex import doc_index

if TYPE_CHECKING:  # spaCy is only needed by callers that parse
    from spacy.tokens import Doc, Span, Token

__all__ = ["document_places", "document_country_context", "dateline_country", "event_place", "attacked_place"]

# --------------------------------------------------------------------------
# Choosing the event's place in a parsed sentence
# --------------------------------------------------------------------------

#: Prepositions whose object is where something happens.
_LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "outside", "inside", "within", "across", "throughout",
    "around", "along", "off", "beside", "nearby",
})
#: Prepositions whose object is a destination, source or target: never a
#: location, and not worth descending into either.
_BLOCKING_PREPS = frozenset({
    "to", "into", "toward", "towards", "from", "against", "onto", "for", "about",
    "over", "via",
})
#: "on X" is usually a date or a target ("attack on Kyiv"); it is locative
#: only with these nouns ("on the outskirts of Bakhmut").
_ON_NOUNS = frozenset({
    "outskirts", "border", "frontline", "front", "island", "coast", "shore",
    "bank", "soil", "territory", "street", "streets", "edge", "peninsula", "ground",
})
#: "on the sidelines of ...", "on the eve of ...": framing, worth descending.
_ON_FRAME_NOUNS = frozenset({"sideline", "sidelines", "margin", "margins", "eve", "occasion"})
#: "the sidelines of the summit in Rio", "the second day of talks in Moscow".
_OF_FRAME_NOUNS = _ON_FRAME_NOUNS | {"day", "round", "end", "start", "course", "side"}
#: Nouns after which "to X" names where the event took place ("during a visit to Pyongyang").
_VISIT_NOUNS = frozenset({"visit", "trip", "tour", "journey", "stop", "stopover"})
#: Nouns naming events rather than actors; a place attached to such a
#: subject is where the predicate happened ("Talks in Moscow ended").
_EVENT_NOUNS = frozenset({
    "talk", "talks", "meeting", "summit", "negotiation", "fighting", "clash",
    "attack", "strike", "explosion", "blast", "protest", "rally", "ceremony",
    "visit", "battle", "shelling", "bombing", "drill", "exercise", "parade",
    "election", "conference", "fire", "raid", "offensive", "operation",
})
#: Verbs after which "at X" is a direction ("fired missiles at Odesa").
_DIRECTIONAL_AT_VERBS = frozenset({
    "fire", "launch", "shoot", "aim", "strike", "hurl", "lob", "throw", "point",
    "direct", "swipe", "lash", "jab", "hit", "target", "fling", "rail", "lunge", "level",
})
#: Common nouns that stand for a place named elsewhere in the phrase.
_PLACE_NOUNS = frozenset({
    "town", "city", "village", "region", "province", "area", "capital", "port",
    "outskirts", "suburb", "suburbs", "district", "settlement", "oblast",
    "governorate", "prefecture", "county", "state", "republic", "territory",
    "border", "island", "peninsula", "hamlet", "municipality", "krai", "enclave",
    "strip", "frontier", "coast", "zone", "part", "parts", "direction", "sector",
    "axis", "front", "frontline", "countryside", "outskirt", "vicinity",
})
#: Public name for the coder: a place noun's "of" phrase names a place ("the town of Baga").
PLACE_NOUNS = _PLACE_NOUNS
_REGION_NOUNS = frozenset({"region", "province", "oblast", "governorate", "prefecture", "krai", "district", "county", "state", "territory"})
#: Entity labels that mean "this is a place".
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity labels that can never be places even when a gazetteer name matches.
_NEVER_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW", "LANGUAGE"})
#: Dependents that open another clause (another verb's business) or are the
#: actor; their places do not belong to this event.
_CLAUSE_DEPS = frozenset({
    "ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis",
    "conj", "nsubj", "nsubjpass", "expl", "mark", "punct", "cc", "appos",
})
#: The verb's own complements, through which its locatives may hang
#: ("held talks in Pyongyang").
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative", "acomp"})
_MAX_DEPTH = 3
#: A proper noun the NER did not tag as a place must name a city at least
#: this big (after the alternate-name discount) to count as one.
_UNLABELLED_MIN_POPULATION = 100_000


def _entity_of(tok: Token) -> Span | None:
    """The named entity covering ``tok`` (or None)."""
    if tok.ent_iob_ == "O" or not tok.ent_type_:
        return None
    return doc_index(tok.doc).entity_at(tok.i)


def _proper_span(tok: Token) -> Span:
    """Proper-noun compound chain ending at ``tok`` ("North Korea", "Kursk region")."""
    start = tok.i
    for left in reversed(list(tok.lefts)):
        if left.i == start - 1 and left.dep_ == "compound" and left.pos_ == "PROPN":
            start = left.i
        else:
            break
    return tok.doc[start : tok.i + 1]


def _local_hints(tok: Token, gazetteer: Gazetteer) -> list[str]:
    """Countries named next to a place: "Russia's Kursk region",
    "Pyongyang, North Korea", "the Ukrainian city of ..."."""
    hints: list[str] = []
    for child in tok.children:
        if child.dep_ in ("poss", "appos", "conj", "npadvmod", "amod", "nmod"):
            span = _entity_of(child) or _proper_span(child)
            if child.dep_ == "amod" or child.ent_type_ == "NORP":
                iso = gazetteer.demonym_country(span.text)
                if iso:
                    hints.append(iso)
                continue
            if child.pos_ != "PROPN":
                continue
            place = gazetteer.lookup(span.text, extended=False)
            if place is not None and place.feature in ("country", "region"):
                hints.append(place.country)
    return hints


def _spanned(place: Place, span: Span) -> Place:
    return Place(
        place.name, place.feature, place.country, place.latitude, place.longitude,
        span.text, span.start_char, span.end_char,
    )


def _touches(span: Span, exclude: set[int]) -> bool:
    return any(t.i in exclude for t in span)


def _name_span(tok: Token) -> Span:
    """The name a token heads: its entity if it heads one, else its
    proper-noun compound chain."""
    ent = _entity_of(tok)
    return ent if ent is not None and ent.root == tok else _proper_span(tok)


def _place_from_token(tok: Token, exclude: set[int], gazetteer: Gazetteer, hints: Sequence[str], depth: int = 0,
                      named_place: bool = False) -> Place | None:
    """Interpret the object of a locative preposition as a place, if it is one.

    Tried in order: the name itself ("Pyongyang", "the White House"); a name
    plus region word ("the Donetsk region"); a place noun pointing at a name
    ("the border town of Sudzha", "the Sinpo area"); "the Ukrainian
    capital"; and last the country owning an unknown area ("Russia's Far
    East" -> Russia).
    """
    if tok.i in exclude or depth > 2:
        return None
    ent = _entity_of(tok)
    if ent is not None and ent.label_ in _NEVER_PLACE_LABELS:
        return None
    local = [*_local_hints(tok, gazetteer), *hints]
    # a name the tagger calls a place, or one a place noun introduces ("the town of Sderot")
    trusted = named_place or (ent is not None and ent.label_ in _PLACE_LABELS)
    if tok.pos_ == "PROPN" or trusted:
        span = _name_span(tok)
        if not _touches(span, exclude):
            # The small model mislabels places ("Kyiv" as PERSON, "Kursk"
            # as PRODUCT), so other proper nouns are accepted too, but only
            # when they name a well-known place: GeoNames has towns called
            # Kim, Lee and Wang.
            place = gazetteer.lookup(
                span.text, local, extended=trusted,
                min_population=0 if trusted else _UNLABELLED_MIN_POPULATION,
            )
            if place is not None and named_place and place.country not in local and not (
                ent is not None and ent.label_ in _PLACE_LABELS
            ):
                # only a place noun vouches for this name: a small place must be in a
                # country the text talks about (GeoNames has a Moura in Portugal)
                place = gazetteer.lookup(span.text, local, extended=False, min_population=_UNLABELLED_MIN_POPULATION)
            if place is not None:
                return _spanned(place, span)
    lower = tok.lower_
    if lower in _PLACE_NOUNS:
        chain = _proper_span(tok)
        if len(chain) > 1 and not _touches(chain, exclude):
            if lower in _REGION_NOUNS:
                place = gazetteer.lookup(chain.text, local)
                if place is not None:
                    return _spanned(place, chain)
            names = tok.doc[chain.start : tok.i]
            labelled = any(t.ent_type_ in _PLACE_LABELS for t in names)
            place = gazetteer.lookup(
                names.text, local, extended=labelled,
                min_population=0 if labelled else _UNLABELLED_MIN_POPULATION,
            )
            if place is not None:
                return _spanned(place, names)
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in _pobjs(child):
                    place = _place_from_token(obj, exclude, gazetteer, local, depth + 1, named_place=obj.pos_ == "PROPN")
                    if place is not None:
                        return place
            elif child.dep_ == "appos":
                place = _place_from_token(child, exclude, gazetteer, local, depth + 1)
                if place is not None:
                    return place
        if lower == "capital":
            place = _capital_phrase(tok, exclude, gazetteer, local)
            if place is not None:
                return place
    if trusted or lower in _PLACE_NOUNS:
        # An unknown area of a known country or city ("in Russia's Far East",
        # "in North Korea's border region", "in Nairobi's business district"):
        # the country or city is what we know.
        for child in tok.children:
            if child.dep_ == "poss" and child.pos_ == "PROPN":
                owner_span = _name_span(child)
                if _touches(owner_span, exclude):
                    continue
                owner = gazetteer.lookup(owner_span.text, local, extended=False)
                if owner is not None:
                    return _spanned(owner, owner_span)
    return None


def _capital_phrase(tok: Token, exclude: set[int], gazetteer: Gazetteer, hints: Sequence[str]) -> Place | None:
    """'the Ukrainian capital' / "Russia's capital" / 'the capital'."""
    countries = _local_hints(tok, gazetteer) or list(hints[:1])
    if not countries:
        return None
    place = gazetteer.capital(countries[0])
    if place is None:
        return None
    left = min([tok.i, *(c.left_edge.i for c in tok.lefts)])
    span = tok.doc[left : tok.i + 1]
    if any(t.i in exclude for t in span):
        return None
    return _spanned(place, span)


def _is_locative(prep: Token, head: Token, pobj: Token) -> bool:
    word = prep.lower_
    if word == "on":
        return pobj.lower_ in _ON_NOUNS
    if word == "to":
        return head.lemma_.lower() in _VISIT_NOUNS
    if word == "at" and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _DIRECTIONAL_AT_VERBS:
        return False
    return word in _LOCATIVE_PREPS


def _descends(prep: Token, head: Token, on_verb: bool, pobj: Token) -> bool:
    """May locatives inside this non-locative phrase belong to the event?

    Yes for accompaniment and framing ("clashed with police outside the
    White House", "during a visit to Pyongyang", "on the sidelines of the
    summit in Rio"); no for destinations, targets and topics ("sanctions
    against firms in China", "on suspicion of war crimes in Ukraine",
    "accused of crimes in Ukraine", "denied reports of troops in Russia").
    """
    word = prep.lower_
    if word in _BLOCKING_PREPS:
        return False
    if word == "on":
        return pobj.lemma_.lower() in _ON_FRAME_NOUNS
    if word == "of":
        return not on_verb and head.lemma_.lower() in _OF_FRAME_NOUNS
    return True


def _pobjs(prep: Token) -> Iterator[Token]:
    for child in prep.children:
        if child.dep_ == "pobj":
            yield child
            for conj in child.conjuncts:
                if conj.dep_ == "conj":
                    yield conj


def _clause_places(verb: Token, exclude: set[int], gazetteer: Gazetteer, hints: Sequence[str]) -> Place | None:
    """Breadth-first over the verb's own phrases (not its subject, not other
    clauses); nearer attachments win, then sentence order."""
    frontier = [verb]
    for depth in range(_MAX_DEPTH):
        next_frontier = []
        found: list[tuple[int, Place]] = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in _CLAUSE_DEPS:
                    continue
                if child.dep_ in ("prep", "agent"):
                    for obj in _pobjs(child):
                        if _is_locative(child, node, obj):
                            place = _place_from_token(obj, exclude, gazetteer, hints)
                            if place is not None:
                                found.append((obj.i, place))
                                continue
                        if _descends(child, node, node is verb, obj):
                            next_frontier.append(obj)
                elif node.i == verb.i and child.dep_ in _OBJECT_DEPS:
                    next_frontier.append(child)
        if found:
            return min(found, key=lambda pair: pair[0])[1]
        frontier = next_frontier
        if not frontier:
            break
    return None


def event_place(
    sent: Span,
    verb: Token,
    exclude: set[int],
    gazetteer: Gazetteer,
    country_context: Sequence[str] = (),
    dateline_place: str | None = None,
) -> Place | None:
    """The place where the event predicated by ``verb`` happens, or None.

    ``sent`` is the spaCy sentence ``Span`` and ``verb`` the predicate
    ``Token``; ``exclude`` holds doc-level token indices (``Token.i``) already
    used as the event's source/target, so a target ("struck Kyiv") is never
    reported as the location too.

    Only objects of locative prepositions ("in", "at", "near", "outside", ...)
    attached to the verb's own clause count -- directly, or through its
    object or prepositional phrases ("held talks in Pyongyang", "clashed with
    police outside the White House"). Destinations ("sent troops to Russia"),
    places inside another verb's clause ("said in Kyiv that Russia
    attacked"), and places that describe the actor ("officials in Seoul
    said", "Russian forces") are skipped. A coordinated or xcomp verb without
    its own place shares the governing verb's ("arrived in Pyongyang and met
    Kim"), and a subjectless participle adjunct lends its place to the main
    verb ("Speaking in Pyongyang, Putin said ..."), as does a subject that
    names an event rather than an actor ("Talks in Moscow ended"). With
    nothing in the sentence, the dateline place is used (resolved with the
    country context; ``start_char``/``end_char`` None).
    """
    hints = tuple(country_context)
    place = _clause_places(verb, exclude, gazetteer, hints)
    head = verb.head
    start, end = getattr(sent, "start", 0), getattr(sent, "end", len(sent))  # a Doc works too
    if place is None and verb.dep_ in ("conj", "xcomp") and head.i != verb.i and start <= head.i < end:
        place = _direct_places(head, exclude, gazetteer, hints)
    if place is None:
        for child in verb.children:
            if child.dep_ == "advcl" and child.tag_ in ("VBG", "VBN") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "mark") for c in child.children
            ):
                place = _direct_places(child, exclude, gazetteer, hints)
                if place is not None:
                    break
    if place is None:
        # "Talks in Moscow ended ...": a subject that is itself an event
        # (not an actor, and not the event's source) carries the place.
        for child in verb.children:
            if (
                child.dep_ in ("nsubj", "nsubjpass")
                and child.i not in exclude
                and child.lemma_.lower() in _EVENT_NOUNS
            ):
                place = _direct_places(child, exclude, gazetteer, hints)
                if place is not None:
                    break
    if place is not None:
        return place
    if dateline_place:
        found = gazetteer.lookup(dateline_place, hints)
        if found is not None:
            return found
    return None


def attacked_place(target: Token, gazetteer: Gazetteer, country_context: Sequence[str] = ()) -> Place | None:
    """The place an attack is aimed at, when its target is a place: where the attack happened.

    GDELT's ActionGeo practice: "shelled the Syrian town of Idlib", "bombed Aden", "struck
    the centre of Kharkiv" happen at Idlib, Aden and Kharkiv, which the event's target also
    stands for. ``target`` is the token the target was read from: a place name, or a place
    noun pointing at one ("the town of Idlib", "the Israeli town of Sderot", "the centre of
    Kharkiv", "Beirut's southern suburbs"). A country's own name is not taken: an attack on
    "Ukraine" is on the state, not at a place. People and units hit in a place
    ("soldiers in Gao") are the event's business (`event_place`), not this function's.
    """
    hints = tuple(country_context)
    if target.lower_ in _ATTACKED_PART_NOUNS:
        # "the centre of Kharkiv", "the outskirts of Donetsk": the place the part is of
        for child in target.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in _pobjs(child):
                    return attacked_place(obj, gazetteer, hints)
        owner = next((c for c in target.children if c.dep_ == "poss"), None)  # "Beirut's southern suburbs"
        return attacked_place(owner, gazetteer, hints) if owner is not None else None
    if target.pos_ != "PROPN" and target.lower_ not in _PLACE_NOUNS:
        return None
    named = target.dep_ == "pobj" and target.head.lower_ == "of" and target.head.head.lower_ in _PLACE_NOUNS
    place = _place_from_token(target, set(), gazetteer, hints, named_place=named)
    if place is None or place.feature == "country":
        return None
    return place


#: Parts of a place an attack can hit; the place is the one they are part of.
_ATTACKED_PART_NOUNS = frozenset({
    "centre", "center", "outskirts", "outskirt", "suburbs", "suburb", "heart", "downtown",
    "edge", "north", "south", "east", "west", "districts", "neighbourhood", "neighborhood",
})


def _direct_places(head: Token, exclude: set[int], gazetteer: Gazetteer, hints: Sequence[str]) -> Place | None:
    """Locative phrases attached directly to a governing verb."""
    for child in head.children:
        if child.dep_ == "prep":
            for obj in _pobjs(child):
                if _is_locative(child, head, obj):
                    place = _place_from_token(obj, exclude, gazetteer, hints)
                    if place is not None:
                        return place
    return None


# --------------------------------------------------------------------------
# Document context
# --------------------------------------------------------------------------


def document_country_context(doc: Doc, gazetteer: Gazetteer) -> list[str]:
    """ISO alpha-3 countries a document talks about, most mentioned first.

    Used as ``country_hint`` for ambiguous names: "Paris" in a story about
    Texas politics is Paris, Texas. GPE/LOC entities that resolve to a
    country, city or region count for that country, as do landmarks ("the
    Kremlin") and NORP demonyms ("Russian troops"), because conflict copy
    names nations by adjective and metonym as often as by name. Unambiguous names are counted first and then used to settle the
    ambiguous ones, so an ambiguous name cannot vote for its own default
    reading. Ties keep first-mention order.
    """
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    ambiguous: list[tuple[int, str]] = []

    def vote(country: str, position: int) -> None:
        counts[country] += 1
        first.setdefault(country, position)

    for ent in doc_index(doc).ents:
        if ent.label_ == "NORP":
            iso = gazetteer.demonym_country(ent.text)
            if iso:
                vote(iso, ent.start)
        elif ent.label_ in ("ORG", "FAC"):
            # "The Kremlin said" / "the White House": the small model calls
            # these ORG as often as FAC; a curated landmark is a state.
            place = gazetteer.lookup(ent.text, extended=False)
            if place is not None and (place.feature == "landmark" or ent.label_ == "FAC"):
                vote(place.country, ent.start)
        elif ent.label_ in ("GPE", "LOC"):
            if gazetteer.is_ambiguous(ent.text):
                ambiguous.append((ent.start, ent.text))
                continue
            place = gazetteer.lookup(ent.text, extended=False)
            if place is not None:
                vote(place.country, ent.start)
    hints = sorted(counts, key=lambda c: (-counts[c], first[c]))
    for position, text in ambiguous:
        place = gazetteer.lookup(text, hints, extended=False)
        if place is not None:
            vote(place.country, position)
    return sorted(counts, key=lambda c: (-counts[c], first[c]))


def dateline_country(dateline_place: str | None, country_context: Sequence[str], gazetteer: Gazetteer) -> str | None:
    """The country of a document's dateline place ("KHARTOUM, Sudan (AP) --" -> SDN), if any."""
    if not dateline_place:
        return None
    place = gazetteer.lookup(dateline_place, list(country_context) or None)
    return place.country if place is not None and place.country else None


def document_places(doc: Doc, dateline_place: str | None, gazetteer: Gazetteer) -> tuple[list[str], str | None]:
    """A document's geography, read once: the countries it talks about (most
    mentioned first; see `document_country_context`) and its dateline's country."""
    context = document_country_context(doc, gazetteer)
    return context, dateline_country(dateline_place, context, gazetteer)
