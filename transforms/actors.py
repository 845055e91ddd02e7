"""Actor resolution: text spans -> CAMEO-style actor codes.

An event's source and target are noun phrases ("North Korean troops",
"Russian President Vladimir Putin", "the Kremlin").  This module turns such a
phrase into an actor code in two steps:

1. :class:`ActorMatcher` finds every dictionary phrase in a parsed document
   once (one spaCy ``PhraseMatcher`` pass), keeping the longest match where
   phrases overlap.
2. :func:`resolve_span` combines the mentions inside one argument span into a
   single :class:`ResolvedActor`.  It runs for every argument of every clause,
   so it only does a binary search over the precomputed mentions and a few
   comparisons; nothing is matched or allocated per token.

The dictionary and its files are `transforms/actor_dictionary.py`; its
module docstring describes the columns and the matching rules.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from transforms.actor_dictionary import DASHES, ActorDictionary, ActorEntry, fold_accents, strip_the
from transforms.docindex import doc_index
from transforms.codes import region_codes

UNKNOWN_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})

# When one phrase has entries of several kinds, the most specific one wins.
_KIND_RANK = {
    "person": 0,
    "igo": 1,
    "landmark": 2,
    "capital": 3,
    "country": 4,
    "demonym": 5,
    "region": 6,
    "sector": 7,
}
_NEGATING_PREFIXES = frozenset({"pro", "anti", "non"})
# Words that can sit inside a PERSON entity next to a surname without making
# it somebody else's name ("President Putin", "Mr. Kim").
_TITLE_WORDS = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. sir president vice prime minister foreign
    defence defense secretary general gen. lt. col. leader chairman chairwoman
    king queen prince crown sheikh emir ayatollah premier chancellor former
    late then new the""".split()
)

# "Iranian-backed militias", "Russian-made drones": the name says whose backing or make,
# not whose actor (origin is not agency); "Saudi-led" and "U.S.-led" do name the actor.
_ORIGIN_PARTICIPLES = frozenset(
    """backed made built supplied funded financed sponsored supported trained armed aligned
    allied inspired designed manufactured brokered donated""".split()
)

# Nouns for what a group holds or who stand with it: "rebel positions", "militant
# hideouts", "opposition supporters" stand for the group that modifies them.
_HOLDING_NOUNS = frozenset(
    """position positions post posts outpost outposts base bases camp camps hideout hideouts
    stronghold strongholds headquarters barracks checkpoint checkpoints compound convoy convoys
    patrol patrols vehicle vehicles supporter supporters loyalist loyalists ranks""".split()
)

EXACT, PROPER, ANY = "exact", "proper", "any"

# Sectors of non-state actors: never state actors (civilians, media, rebels, parties ...).
NON_STATE_SECTORS = frozenset({"OPP", "MED", "REB", "CVL", "REF", "BUS", "PTY", "ELI", "NGO", "EDU", "HLH", "LAB", "REL", "AGR", "CRM", "UAF", "SPY_NS"})


def international(code: str | None) -> bool:
    """An international organisation: intergovernmental (IGO...) or not (NGO..., e.g. NGOICRC)."""
    return code is not None and code[:3] in ("IGO", "NGO")


def regional(code: str | None) -> bool:
    """A region or bloc of states, coded by its CAMEO region code ("WST", "EURGOV")."""
    return code is not None and code[:3] in region_codes()


@dataclass(frozen=True)
class ActorMention:
    """A dictionary phrase found in a document (token indices, end exclusive)."""

    start: int
    end: int
    entries: tuple[ActorEntry, ...]


@dataclass(frozen=True)
class ResolvedActor:
    """The actor an argument span stands for.

    ``start_char``/``end_char`` index ``doc.text`` and cover the mention(s)
    that decided the actor, so ``doc.text[start_char:end_char] == text``.
    ``kind`` is the kind of the entry that decided the country ("person",
    "demonym", "igo", ...), "sector" when only a role word was found, or
    "unknown" for a named entity that is not in the dictionary.
    """

    code: str | None
    country: str | None
    sector: str | None
    text: str
    start_char: int
    end_char: int
    kind: str



def _case_rule(name: str) -> str:
    """How strictly a name's casing must be matched (see module docstring)."""
    has_upper = any(c.isupper() for c in name)
    if not has_upper:
        return ANY
    if not any(c.islower() for c in name):
        return EXACT
    return PROPER


def _surface_variants(name: str) -> set[str]:
    """Spellings of a name to register as patterns."""
    base = strip_the(name.strip())
    variants = {base, fold_accents(base)}
    variants |= {DASHES.sub(" ", v) for v in variants if DASHES.search(v)}
    for v in list(variants):
        if "'" in v:
            variants.add(v.replace("'", "\u2019"))
        if "\u2019" in v:
            variants.add(v.replace("\u2019", "'"))
    return {" ".join(v.split()) for v in variants if v.strip()}



# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _PatternGroup:
    """Entries sharing a normalised name and a casing rule (one match id)."""

    entries: tuple[ActorEntry, ...]
    rule: str
    exact_forms: frozenset[tuple[str, ...]]
    surname_only: bool  # every entry is a one-word person name ("Kim")
    blocker: bool  # every entry is an ignore row
    kinds: frozenset[str]  # the kinds of its entries
    # lower-cased multi-word patterns -> which of their words after the first are capitalised
    capitals: dict[tuple[str, ...], tuple[bool, ...]] = field(default_factory=dict, compare=False)


class ActorMatcher:
    """Finds dictionary phrases in a ``Doc`` (longest match, no overlaps)."""

    def __init__(
        self,
        dictionary: ActorDictionary,
        vocab: Vocab,
        tokenizer: Callable[[str], Doc] | None = None,
    ):
        if tokenizer is None:
            from spacy.lang.en import English

            tokenizer = English(vocab=vocab).tokenizer
        self.vocab = vocab
        self._matcher = PhraseMatcher(vocab, attr="LOWER")
        self._groups: dict[int, _PatternGroup] = {}
        # single-token patterns by lower-case text, for "U.S.-led" style tokens
        self._single: dict[str, list[int]] = {}

        grouped: dict[tuple[str, str], list[ActorEntry]] = {}
        for key, entries in dictionary.names():
            for entry in entries:
                grouped.setdefault((key, _case_rule(strip_the(entry.name))), []).append(entry)
        for (key, rule), entries in grouped.items():
            texts = sorted({v for e in entries for v in _surface_variants(e.name)})
            docs = [tokenizer(t) for t in texts]
            match_key = f"actor:{rule}:{key}"
            match_id = vocab.strings.add(match_key)
            self._matcher.add(match_key, docs)
            self._groups[match_id] = _PatternGroup(
                entries=tuple(entries),
                rule=rule,
                exact_forms=frozenset(tuple(t.text for t in d) for d in docs) if rule == EXACT else frozenset(),
                surname_only=all(e.kind == "person" and " " not in key for e in entries),
                blocker=all(e.kind == "ignore" for e in entries),
                kinds=frozenset(e.kind for e in entries),
                capitals={
                    tuple(t.lower_ for t in d): tuple(t.text[:1].isupper() for t in d[1:])
                    for d in docs if rule == PROPER and len(d) > 1
                },
            )
            for d in docs:
                if len(d) == 1:
                    ids = self._single.setdefault(d[0].lower_, [])
                    if match_id not in ids:
                        ids.append(match_id)

    @staticmethod
    def _case_ok(group: _PatternGroup, words: tuple[str, ...]) -> bool:
        if group.rule == ANY:
            return True
        if group.rule == EXACT:
            return words in group.exact_forms
        capitals = group.capitals.get(tuple(w.lower() for w in words))
        if capitals is not None and not all(w[:1].isupper() for w, cap in zip(words[1:], capitals) if cap):
            # "visited Russia today" is not the channel Russia Today
            return False
        return any(c.isupper() for w in words for c in w)

    def find(self, doc: Doc) -> list[ActorMention]:
        """All actor mentions in ``doc``, sorted by start token.

        Overlapping matches are resolved longest-first (then leftmost), so
        "North Korean" wins over "Korean" and "UN Security Council" over "UN".
        A possessive "'s" is its own token in spaCy, so "Russia's" matches
        "Russia".  Mentions preceded by "pro-"/"anti-" are dropped ("pro-Russian
        separatists" are not Russian), and so are names of a backer or maker
        ("Iranian-backed militias", "Russian-made drones": origin is not agency) and
        names that are only a part of
        somebody's or something's longer name: a bare surname or a country or
        capital inside a longer PERSON entity ("Kim" in "Kim Dae-jung", "Jordan"
        in "Jordan Bardella"), a capital ending a longer place name ("Praia" in
        "Mocimboa da Praia"), a country or capital naming a geographic feature
        ("Benin City", "Lake Chad", "the Gulf of Guinea"), and a region inside a
        longer proper name ("West Virginia", "Radio Free Europe", "Asian Games").
        """
        found: dict[tuple[int, int], list[_PatternGroup]] = {}
        for match_id, start, end in self._matcher(doc):
            group = self._groups[match_id]
            if group.rule != ANY:
                words = tuple(t.text for t in doc[start:end])
                if not self._case_ok(group, words):
                    continue
            found.setdefault((start, end), []).append(group)

        covered = bytearray(len(doc))
        mentions: list[ActorMention] = []
        for (start, end) in sorted(found, key=lambda se: (se[0] - se[1], se[0])):
            if any(covered[start:end]):
                continue
            covered[start:end] = b"\x01" * (end - start)
            groups = found[(start, end)]
            if all(g.blocker for g in groups):
                continue
            if self._negated(doc, start) or self._origin_only(doc, end):
                continue
            if all(g.surname_only for g in groups) and self._inside_other_name(doc, start, end):
                continue
            if self._part_of_longer_name(doc, start, end, frozenset().union(*(g.kinds for g in groups))):
                continue
            entries = tuple(e for g in groups if not g.blocker for e in g.entries)
            mentions.append(ActorMention(start, end, entries))

        # Tokens spaCy keeps whole around a hyphen: "U.S.-led", "U.S.-North".
        for i, token in enumerate(doc_index(doc).tokens):  # the coder reuses these Token objects
            if covered[i] or "-" not in token.text[1:-1]:
                continue
            parts = token.text.split("-")
            if parts[0].lower() in _NEGATING_PREFIXES or parts[-1].lower() in _ORIGIN_PARTICIPLES:
                continue
            for part in parts:
                ids = self._single.get(part.lower())
                if not ids:
                    continue
                groups = [self._groups[m] for m in ids if self._case_ok(self._groups[m], (part,))]
                groups = [g for g in groups if not g.blocker]
                if groups:
                    mentions.append(ActorMention(i, i + 1, tuple(e for g in groups for e in g.entries)))
                    break
        mentions.sort(key=attrgetter("start"))
        return mentions

    @staticmethod
    def _negated(doc: Doc, start: int) -> bool:
        return (
            start >= 2
            and doc[start - 1].text in ("-", "\u2010", "\u2011")
            and doc[start - 2].lower_ in _NEGATING_PREFIXES
        )

    @staticmethod
    def _origin_only(doc: Doc, end: int) -> bool:
        """"Iranian-backed", "Russian-made": a name that only says who backed or made something."""
        return (
            end + 1 < len(doc)
            and doc[end].text in ("-", "\u2010", "\u2011")
            and doc[end + 1].lower_ in _ORIGIN_PARTICIPLES
        )

    @staticmethod
    def _inside_other_name(doc: Doc, start: int, end: int) -> bool:
        token = doc[start]
        if token.ent_type_ != "PERSON":
            return False
        ent_start, ent_end = entity_bounds(doc, start)
        for i in range(ent_start, ent_end):
            if start <= i < end:
                continue
            other = doc[i]
            if other.is_alpha and other.lower_ not in _TITLE_WORDS and other.text[:1].isupper():
                return True
        return False


    @classmethod
    def _part_of_longer_name(cls, doc: Doc, start: int, end: int, kinds: frozenset[str]) -> bool:
        """A country, capital or region name that only begins, ends or sits inside
        a longer proper name (see `find`)."""
        if kinds <= {"country", "capital"}:
            if doc[start].ent_type_ == "PERSON":
                return cls._inside_other_name(doc, start, end)
            if _names_a_feature(doc, start, end):
                return True
            if "capital" in kinds and doc[start].ent_type_ in ("GPE", "LOC", "FAC"):
                ent_start, _ = entity_bounds(doc, start)
                return any(_name_word(doc[i]) for i in range(ent_start, start))
            return False
        if kinds != {"region"}:
            return False
        if end < len(doc) and _name_word(doc[end]) and doc[end].pos_ == "PROPN":
            return True  # "West Virginia", "Asian Games", "Western Union"
        if doc[start].ent_type_ and doc[start].ent_type_ != "NORP":
            ent_start, ent_end = entity_bounds(doc, start)
            return any(_name_word(doc[i]) for i in (*range(ent_start, start), *range(end, ent_end)))
        return False


# Geographic features named after a country or capital: "Benin City", "the Congo River",
# "Lake Chad", "the Gulf of Guinea" are places in or by a country, not the country.
_FEATURES_AFTER = frozenset(
    """city river valley delta basin mountains highlands plateau desert coast peninsula canal""".split()
)
_FEATURES_BEFORE = frozenset({"lake", "mount", "river"})
_FEATURES_OF = frozenset({"gulf", "bay", "sea", "strait", "straits", "lake", "coast"})


def _names_a_feature(doc: Doc, start: int, end: int) -> bool:
    after = doc[end] if end < len(doc) else None
    if after is not None and after.lower_ in _FEATURES_AFTER and after.text[:1].isupper():
        return True
    before = doc[start - 1] if start else None
    if before is not None and before.lower_ in _FEATURES_BEFORE and before.text[:1].isupper():
        return True
    return (
        start >= 2 and doc[start - 1].lower_ == "of"
        and doc[start - 2].lower_ in _FEATURES_OF and doc[start - 2].text[:1].isupper()
    )


def _name_word(token: Token) -> bool:
    """A capitalised word of a proper name (not "the" nor a title such as "President")."""
    return token.is_alpha and token.text[:1].isupper() and token.lower_ not in _TITLE_WORDS


def entity_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds of the named entity containing token ``i``."""
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    n = len(doc)
    while end < n and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


# --------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------


def _entry_on(entries: tuple[ActorEntry, ...], on: date | None) -> ActorEntry | None:
    """The entry a mention stands for on a date.

    The most specific kind wins (person > igo > landmark > capital > country >
    demonym > sector).  Among rows of that kind: the row valid on ``on``;
    with no date, the open-ended (current) row; when ``on`` falls outside
    every range, the row nearest in time (so an early-career date before the
    first listed role still gets the person's country).
    """
    best_rank = 99
    group: list[ActorEntry] = []
    for entry in entries:
        rank = _KIND_RANK.get(entry.kind)
        if rank is None:  # ignore rows stand for nothing
            continue
        if rank < best_rank:
            best_rank, group = rank, [entry]
        elif rank == best_rank:
            group.append(entry)
    if not group:
        return None
    if len(group) == 1:
        return group[0]
    if on is None:
        current = [e for e in group if e.valid_to is None]
        if current:
            return max(current, key=lambda e: e.valid_from or date.min)
        return max(group, key=lambda e: e.valid_to or date.max)
    for entry in group:
        if entry.valid_on(on):
            return entry

    def gap(entry: ActorEntry) -> int:
        if entry.valid_from is not None and on < entry.valid_from:
            return (entry.valid_from - on).days
        if entry.valid_to is not None and on > entry.valid_to:
            return (on - entry.valid_to).days
        return 0

    return min(group, key=gap)


def _distance(doc: Doc, head: int, mention: ActorMention) -> tuple[int, int, int]:
    """How close a mention is to the span's head: tree hops, then token gap."""
    if mention.start <= head < mention.end:
        return (0, 0, mention.start)
    best = 99
    for i in range(mention.start, mention.end):
        token: Token = doc[i]
        hops = 0
        while token.i != head:
            parent = token.head
            if parent.i == token.i or hops >= 12:
                hops = 99
                break
            token = parent
            hops += 1
        best = min(best, hops)
    gap = min(abs(mention.start - head), abs(mention.end - 1 - head))
    return (best, gap, mention.start)


def _make(
    doc: Doc,
    used: Sequence[ActorMention],
    code: str | None,
    country: str | None,
    sector: str | None,
    kind: str,
) -> ResolvedActor:
    # Span.text equals doc.text[start_char:end_char]; doc.text itself is
    # rebuilt from every token on each access, far too slow here.
    span = doc[min(m.start for m in used) : max(m.end for m in used)]
    return ResolvedActor(code, country, sector, span.text, span.start_char, span.end_char, kind)


def _unknown(
    doc: Doc, head: Token, start: int, end: int, sector: str | None = None
) -> ResolvedActor | None:
    """Keep a named entity the dictionary does not know, without a code.

    The entity is clipped to the argument span so the text never reaches
    outside the argument.
    """
    if head.ent_type_ not in UNKNOWN_ENTITY_LABELS:
        return None
    ent_start, ent_end = entity_bounds(doc, head.i)
    span = doc[max(ent_start, start) : min(ent_end, end)]
    return ResolvedActor(None, None, sector, span.text, span.start_char, span.end_char, "unknown")


_mention_start = attrgetter("start")


def resolve_span(
    doc: Doc,
    start: int,
    end: int,
    mentions: Sequence[ActorMention],
    on: date | None = None,
) -> ResolvedActor | None:
    """Combine the mentions inside tokens ``[start, end)`` into one actor.

    ``mentions`` is :meth:`ActorMatcher.find`'s output for ``doc`` (sorted by
    start); ``on`` is the event date that picks each person's role.

    * The named mention (person, country, capital, demonym, landmark, IGO)
      closest to the span's syntactic head decides, closeness measured in
      dependency hops; a person wins ties.  Arguments are often whole
      subtrees ("Ukrainian forces fighting Putin's army"), so the head's own
      modifiers must outrank names buried deeper in the phrase.
    * A person gives country and sector for ``on`` ("Russian President
      Vladimir Putin" -> RUSGOV; Biden -> USAGOV in 2023, USAELI in 2026); a
      role word heading the span replaces the sector ("Putin's troops" ->
      RUSMIL).
    * An IGO gives its IGO code ("the UN Security Council" -> IGOUNSC).
    * A region gives its CAMEO region code and no country, with a sector as a
      country does ("European governments" -> EURGOV, "the West" -> WST); a
      region modifying one official beside a named country is that
      official's brief ("Russia's Middle East envoy" -> RUSGOV).
    * A place gives the country.  The sector comes from a landmark's own
      sector ("the Kremlin" -> GOV), else from a role word heading the span or
      modifying the head next to the country ("North Korean troops",
      "Russian military casualties" -> MIL), else from a capital ("Moscow" ->
      RUSGOV) or another landmark of that country in the span.  Otherwise
      the code is the bare country ("Russia's Kursk Region" -> RUS).
    * Only role words: one heading the span gives a sector-only code
      ("troops" -> MIL), as does one modifying what a group holds or who stand
      with it ("rebel positions", "opposition supporters" -> REB, OPP); one
      elsewhere ("military support") is ignored.
    * Nothing from the dictionary: a PERSON/ORG/NORP/GPE entity at the head is
      kept as kind "unknown" with no code; otherwise the result is None.

    ``text``/``start_char``/``end_char`` cover the deciding mentions, from the
    first to the last ("North Korean troops"), and index ``doc.text``.
    """
    n = len(doc)
    start = max(start, 0)
    end = min(end, n)
    if start >= end:
        return None
    head = doc[start:end].root
    persons: list[tuple[ActorMention, ActorEntry]] = []
    places: list[tuple[ActorMention, ActorEntry]] = []
    sectors: list[tuple[ActorMention, ActorEntry]] = []
    i = bisect_left(mentions, start, key=_mention_start)
    if i and mentions[i - 1].start < head.i < mentions[i - 1].end <= end:
        i -= 1  # a name the parser cut in two at the head ("Security | forces" after a dateline)
    while i < len(mentions) and mentions[i].start < end:
        mention = mentions[i]
        i += 1
        if mention.end > end:
            continue
        entry = _entry_on(mention.entries, on)
        if entry is None:
            continue
        if entry.kind == "person":
            persons.append((mention, entry))
        elif entry.kind == "sector":
            sectors.append((mention, entry))
        else:
            places.append((mention, entry))
    if not (persons or places or sectors):
        return _unknown(doc, head, start, end)

    h = head.i
    distances: dict[int, tuple[int, int, int]] = {}

    def dist(mention: ActorMention) -> tuple[int, int, int]:
        key = mention.start
        if key not in distances:
            distances[key] = _distance(doc, h, mention)
        return distances[key]

    # A region names the actor only as the head or the head's own modifier ("Western
    # powers", "the ambassadors of ten Western countries"); deeper in the phrase it is a
    # topic ("a dispute between two West African states").
    # It names a bloc of states, or one of its people ("a Western diplomat"): before one
    # thing it names a single body ("the African peacekeeping force"), not the region.
    if any(item[1].kind == "region" for item in places):
        owners = [head, *(o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                          for o in p.children if o.dep_ == "pobj")]
        group = head.tag_ in ("NNS", "NNPS") or any(item[0].start <= h < item[0].end for item in sectors)
        places = [item for item in places if item[1].kind != "region" or (
            (group or item[0].start <= h < item[0].end)
            and any(_distance(doc, owner.i, item[0])[0] <= 1 for owner in owners)
        )]
    if not (persons or places or sectors):
        return _unknown(doc, head, start, end)

    def nearest(items: list[tuple[ActorMention, ActorEntry]]) -> tuple[ActorMention, ActorEntry]:
        return min(items, key=lambda item: dist(item[0]))

    head_sector = next((item for item in sectors if item[0].start <= h < item[0].end), None)
    if head_sector is None and head.lemma_.lower() in _HOLDING_NOUNS:
        # "rebel positions", "militant hideouts", "opposition supporters": what a group
        # holds or who stand with it are that group
        head_sector = next((item for item in sectors if dist(item[0])[0] == 1 and item[0].end <= h), None)

    if persons or places:
        # The named mention closest to the head decides; a person wins ties
        # ("US President Joe Biden" whichever of the two the parser heads).
        def rank(item: tuple[ActorMention, ActorEntry]) -> tuple:
            return (dist(item[0])[0], item[1].kind != "person", *dist(item[0])[1:])

        mention, entry = min(persons + places, key=rank)
        if entry.kind == "region" and not mention.start <= h < mention.end and head.tag_ not in ("NNS", "NNPS"):
            # A region names a group ("European allies"); beside one official and a
            # named country it is the official's brief: "Russia's Middle East envoy"
            others = [item for item in persons + places if item[1].kind != "region"]
            if others:
                mention, entry = min(others, key=rank)
        if entry.kind == "demonym" and mention.start <= h < mention.end:
            # "Bosnian Serbs", "Iraqi Kurds": a people named by its state's adjective
            # belongs to that state, not to the kin state its own name evokes
            outer = [item for item in places if item[0].end <= mention.start and item[1].kind in ("demonym", "country")
                     and doc[item[0].end - 1].head.i == h]
            if outer:
                mention, entry = outer[-1]
    else:
        mention, entry = head_sector or (None, None)
        if mention is None:
            # Role words that do not head the span ("military support") say
            # nothing about who acts; a named entity at the head still does.
            return _unknown(doc, head, start, end)
        return _make(doc, [mention], entry.sector, None, entry.sector, "sector")

    if entry.kind == "person":
        used = [mention]
        code, country, sector = entry.code, entry.country, entry.sector
        if country and head_sector is not None and head_sector[0] is not mention:
            sector = head_sector[1].sector  # "Putin's troops" -> RUSMIL
            code = country + (sector or "")
            used.append(head_sector[0])
        return _make(doc, used, code, country, sector, "person")

    if not entry.country and entry.kind != "region":  # an IGO (or an IGO-coded landmark)
        return _make(doc, [mention], entry.code, None, entry.sector, entry.kind)

    country = entry.country  # None for a region, whose code leads with its region code
    base = country or entry.code[:3]
    used = [mention]
    sector = None
    if entry.kind == "landmark" and entry.sector and not (
        entry.sector in ("PTY", "REB", "OPP") and head_sector is not None and head_sector[1].sector in ("GOV", "MIL", "COP")
    ):
        sector = entry.sector  # an institution's own sector beats role words ...
    else:  # ... except a movement's government or army ("the Sandinista government")
        # A role word counts when it heads the span ("officials in Moscow") or
        # when it and the country both modify the head ("Russian military
        # casualties"), not when it sits elsewhere ("military cooperation
        # with North Korea").
        chosen = head_sector
        if chosen is None and dist(mention)[0] <= 1:
            close = [item for item in sectors if dist(item[0])[0] <= 1]
            chosen = nearest(close) if close else None
        if chosen is not None:
            sector = chosen[1].sector
            used.append(chosen[0])
        elif entry.sector:
            sector = entry.sector  # a capital stands for the government
        else:
            same = [p for p in places if country and p[1].country == country and p[1].sector and p[0] is not mention]
            if same:
                other_mention, other_entry = nearest(same)
                sector = other_entry.sector
                used.append(other_mention)
    return _make(doc, used, base + (sector or ""), country, sector, entry.kind)


__all__ = [
    "ActorMatcher",
    "ActorMention",
    "NON_STATE_SECTORS",
    "ResolvedActor",
    "international",
    "regional",
    "resolve_span",
]
