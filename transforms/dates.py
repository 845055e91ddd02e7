"""Dates for Dotterel documents and events.

Two separate jobs live here.

Part A -- when was a document published?  ``published_from_text`` looks only
at the start of the raw text and recognises two things:

* a *date line*: the first non-blank content is ``date YYYY-MM-DD`` (any case),
  either alone on its line or followed by the article on the same line;
* a *wire dateline*: ``PYONGYANG, June 19 (Reuters) -``,
  ``KYIV, Ukraine, March 3 (Dotterel Wire) –``, ``WASHINGTON (Reuters) -``,
  ``MOSCOW, 19 June 2024 -`` and similar.

Nothing is ever guessed: if neither form is present the result carries no
date.  These are plain string functions; no spaCy is involved.

Part B -- when did an event happen?  ``event_date_for`` looks for a date
expression attached to the clause of the event's predicate in a parsed
sentence and resolves it with ``resolve_expression`` against the published
date, preferring the past (news reports what already happened).  When the
clause has no usable expression the published date stands in for it.

Decisions worth knowing:

* Resolved dates are normalised to the *start* of their period: a week is
  given by its Monday, a month by its first day, a year by 1 January.
* A bare weekday ("Wednesday", "on Wednesday") is the most recent such day on
  or before the published date -- the published date itself when it falls on
  that weekday.  "last Wednesday" is strictly before the published date.
* Durations and ages ("15 years", "the past 15 years", "decades",
  "two and a half years", "15-year-old") are not dates.
* Clause scope: a date inside a subordinate clause of another verb (ccomp,
  advcl, relcl, acl, xcomp, csubj, parataxis, conjoined verbs) does not date
  this verb.  When the verb has no expression of its own it inherits one from
  the verb it is coordinated with (``conj``) or from the verb controlling it
  (``xcomp``: "agreed on Tuesday to send troops") because those share one
  time frame.  A verb inside a reported or adverbial clause (ccomp, advcl,
  relcl, ...) does *not* inherit: in "said on Friday that X attacked Y" the
  speech date says only that the attack happened by then, so the attack
  falls back to the published date, exactly like an undated event.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from transforms.docindex import doc_index

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Span, Token

__all__ = [
    "TextDate",
    "EventDate",
    "published_from_text",
    "resolve_expression",
    "event_date_for",
    "is_historical",
]

# ---------------------------------------------------------------------------
# shared vocabulary
# ---------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _number:
        _MONTHS[_name.lower()] = _number
        _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)

_WEEKDAYS = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}


def _month_number(token: str) -> int | None:
    return _MONTHS.get(token.rstrip(".").lower())


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# Part A: published date from the text itself
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TextDate:
    """A document date read from the top of its text.

    ``origin`` is ``"date_line"`` for a ``date YYYY-MM-DD`` line,
    ``"dateline"`` for a wire dateline (``place`` is then set even when the
    dateline carries no usable date) and ``"none"`` otherwise.
    ``body_start`` is the offset just past the date line (or past the
    dateline when there is no date line), 0 when neither matched; it is
    informational, the text is never cut.
    """

    date: date | None
    origin: str
    place: str | None
    body_start: int


_NO_TEXT_DATE = TextDate(None, "none", None, 0)

# Leading whitespace may include a byte-order mark or non-breaking spaces.
_LEAD = r"[\s\ufeff\u00a0]*"

_DATE_LINE = re.compile(
    _LEAD + r"date\s*:?[ \t]+(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])"
    r"(?P<trail>[ \t]*(?:\r?\n[\s\u00a0]*)?)",
    re.IGNORECASE,
)

_DASH = r"[-\u2013\u2014]"
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"

# "June 19", "June 19, 2024", "19 June", "19 June 2024"
_DATELINE_DATE = (
    r"(?:(?P<mon1>" + _MONTH_RE + r")\s+" + _DAY.format(name="day1")
    + r"(?:,?\s+(?P<year1>\d{4}))?"
    r"|" + _DAY.format(name="day2") + r"\s+(?P<mon2>" + _MONTH_RE + r")"
    r"(?:,?\s+(?P<year2>\d{4}))?)"
)

_DATELINE = re.compile(
    _LEAD
    # the place: an upper-case city name, possibly several words ("NEW YORK",
    # "ST. PETERSBURG", "TEL AVIV-YAFO")
    + r"(?P<place>[A-Z][A-Z'\u2019.]*(?:[ \-][A-Z][A-Z'\u2019.]*){0,3})"
    # optional region / country in ordinary case: ", Ukraine", ", S. Korea"
    + r"(?:,\s*(?!" + _MONTH_RE + r"\s)(?P<region>[A-Z][A-Za-z.'\u2019]*(?:\s[A-Z][A-Za-z.'\u2019]*){0,2}))?"
    + r"(?:,\s*" + _DATELINE_DATE + r")?"
    # optional agency in parentheses
    + r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?"
    + r"\s*" + _DASH + r"{1,2}(?=\s)\s*"
)

# Upper-case openings that are labels, not places.
_NOT_PLACES = {
    "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION",
    "EDITORIAL", "WATCH", "LIVE", "FACTBOX", "EXPLAINER", "FILE", "PHOTO",
    "VIDEO", "CORRECTION", "URGENT", "FLASH", "NEWS", "REVIEW", "INTERVIEW",
    "COMMENT", "FEATURE", "BRIEF", "ALERT", "NOTE",
}


def _year_for(month: int, day: int, year_hint: int | None, reference: date | None) -> date | None:
    if year_hint is not None:
        return _safe_date(year_hint, month, day)
    if reference is not None:
        # the most recent such day that is not after the reference; Feb 29
        # may need to look back several years
        for year in range(reference.year, reference.year - 9, -1):
            candidate = _safe_date(year, month, day)
            if candidate is not None and candidate <= reference:
                return candidate
    return None


def _match_date_line(text: str) -> tuple[date | None, int] | None:
    m = _DATE_LINE.match(text)
    if m is None:
        return None
    found = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return found, m.end()


def _match_dateline(
    text: str, pos: int, year_hint: int | None, reference: date | None
) -> tuple[date | None, str, int] | None:
    m = _DATELINE.match(text, pos)
    if m is None:
        return None
    place = m["place"].strip()
    if place.upper() != place or sum(ch.isalpha() for ch in place) < 2:
        return None
    if place.split()[0].rstrip(".") in _NOT_PLACES:
        return None
    found: date | None = None
    mon = m["mon1"] or m["mon2"]
    if mon:
        month = _month_number(mon)
        day = int(m["day1"] or m["day2"])
        year = m["year1"] or m["year2"]
        if month is not None:
            if year:
                found = _safe_date(int(year), month, day)
            else:
                found = _year_for(month, day, year_hint, reference)
    return found, _title_place(place), m.end()


def _title_place(place: str) -> str:
    words = []
    for word in place.split(" "):
        words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    titled = " ".join(words)
    # "O'NEILL" -> "O'Neill"
    return re.sub(r"(['\u2019])([a-z])", lambda g: g[1] + g[2].upper(), titled)


def published_from_text(
    text: str, year_hint: int | None = None, reference: date | None = None
) -> TextDate:
    """Read a published date from the start of ``text``.

    A ``date YYYY-MM-DD`` line wins over a dateline (a dateline right after it
    still supplies ``place``).  A dateline without a year takes ``year_hint``,
    else the latest such day not after ``reference``, else stays undated.
    An impossible date (2023-02-30) is never repaired.
    """
    if not text:
        return _NO_TEXT_DATE
    line = _match_date_line(text)
    if line is not None:
        found, body = line
        if found is None:
            # an impossible date line gives no date; do not read past it
            return _NO_TEXT_DATE
        wire = _match_dateline(text, body, found.year, found)
        place = wire[1] if wire else None
        return TextDate(found, "date_line", place, body)
    wire = _match_dateline(text, 0, year_hint, reference)
    if wire is not None:
        found, place, body = wire
        return TextDate(found, "dateline", place, body)
    return _NO_TEXT_DATE


# ---------------------------------------------------------------------------
# Part B: an event's date from a date expression
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EventDate:
    """The date of one event.

    ``origin`` is ``"expression"`` (resolved from ``text``, found at
    ``start_char:end_char`` of the document), ``"published"`` (no expression;
    the published date stands in) or ``"none"`` (nothing known).
    """

    date: date | None
    text: str | None
    precision: str | None
    origin: str
    start_char: int | None
    end_char: int | None


_NUMBER_WORDS = (
    r"(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    r"nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"dozen|several|few|many|some|couple|half|a\s+few|a\s+couple\s+of|couple\s+of|"
    r"a\s+dozen|dozens\s+of|hundreds\s+of)"
)
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century|centuries|millennium|millennia)"

# "15 years", "the past 15 years", "two and a half years", "for a week",
# "decades", "the last few days", "over the next two months"
_DURATION = re.compile(
    r"^(?:(?:for|over|in|within|during|throughout|after|since|about|nearly|almost|"
    r"more\s+than|less\s+than|at\s+least|up\s+to|some|around)\s+)*"
    r"(?:the\s+)?(?:(?:past|last|next|previous|coming|first|final|recent|following)\s+)?"
    r"(?:(?P<num>" + _NUMBER_WORDS + r"(?:[\s-]+" + _NUMBER_WORDS + r")*(?:\s+and\s+a\s+half)?)[\s-]+)?"
    r"(?:more\s+|long\s+|full\s+)?(?P<unit>" + _UNIT + r")(?P<plural>s)?"
    r"(?:\s+and\s+a\s+half)?(?:\s+long)?$"
)
_AGE = re.compile(r"\b(?:\d+|[a-z]+)[\s-]+(?:year|month|week|day)s?[\s-]+old\b|\baged?\s+\d+")
_DECADE = re.compile(r"\b(?:\d{2,4}|'\d{2})'?s\b")
_VAGUE = re.compile(
    r"^(?:the\s+)?(?:(?:recent|past|coming|following|previous|same|other|former|"
    r"early|late|that)\s+)?(?:days?|weeks?|months?|years?|decades?|times?|"
    r"period|era|time)$"
)
_ANAPHORIC = re.compile(
    r"\b(?:the\s+(?:same|previous|following|next|preceding|prior)\s+(?:day|week|month|year|morning|night|evening)"
    r"|the\s+day\s+(?:before|after)|that\s+(?:day|week|month|year|morning|night|evening)"
    r"|the\s+(?:day|week|month|year)\s+(?:before|after|earlier|later)|recent\s+\w+)\b"
)
# prepositions and hedges that do not change the point in time
_STRIP_LEADING = re.compile(
    r"^(?:on|in|at|during|since|from|of|as\s+of|as\s+early\s+as|as\s+late\s+as|"
    r"earlier|later|early|late|mid-?|the\s+(?:end|beginning|start|middle|close)\s+of|"
    r"end\s+of|beginning\s+of|start\s+of|middle\s+of|sometime|around|about|"
    r"only|just|back|as\s+recently\s+as)[\s-]+"
)
# prepositions that turn a date into a bound rather than a point
_BOUNDS = re.compile(
    r"^(?:before|after|until|till|til|by|prior\s+to|ahead\s+of|through|"
    r"throughout|between|up\s+to|no\s+later\s+than|within)\b"
)
_PART_OF_DAY = re.compile(
    r"(?:^|\s)(?:early\s+|late\s+)?(?:morning|afternoon|evening|night|overnight|"
    r"midday|noon|midnight|dawn|dusk)$"
)
_CLOCK = re.compile(r"(?:\s+at)?\s*\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+\w{2,4})?$")
_SEASON = re.compile(r"^(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?=\d{4}$)")
_WEEKDAY_EXPR = re.compile(
    r"^(?P<mod>last|this\s+past|past|this|next|coming|this\s+coming)?\s*"
    r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?$"
)
_WEEKEND_EXPR = re.compile(r"^(?P<mod>last|this\s+past|past|this|the|over\s+the)?\s*weekend$")
_YEAR = re.compile(r"\b(?:1[5-9]|20|21)\d{2}\b")
_RELATIVE_WORDS = re.compile(
    r"\b(?:ago|last|next|this|yesterday|today|tomorrow|tonight|earlier|later|"
    r"previous|coming|past|recent|recently|now)\b"
)
# something that makes an expression about the calendar at all
_DATE_WORDS = re.compile(
    r"\b(?:" + _MONTH_RE.replace(r"\.?", "") + r"|yesterday|today|tomorrow|tonight|"
    r"day|days|week|weeks|month|months|year|years|ago|morning|afternoon|evening|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_PRECISIONS = ("day", "week", "month", "year")


@lru_cache(maxsize=128)
def _parser(base: date | None):
    """A dateparser parser anchored at ``base`` (noon, so that "two hours
    ago" stays on the same day).  Construction is cached per base date; the
    expensive English locale data is loaded once and shared by all of them.
    Language detection is off (English only, no previous-locale juggling),
    the timestamp parser is off (bare numbers are not dates) and the time
    zone is fixed, so no local time zone lookup happens either.
    """
    from dateparser.date import DateDataParser  # imported lazily: slow import

    settings = {
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_MONTH_OF_YEAR": "first",
        "RETURN_TIME_AS_PERIOD": False,
        "TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["relative-time", "custom-formats", "absolute-time"],
        "STRICT_PARSING": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime.combine(base, time(12, 0))
    else:
        # absolute expressions only; anchor somewhere harmless and fixed
        settings["RELATIVE_BASE"] = datetime(2000, 1, 1, 12, 0)
    return DateDataParser(
        languages=["en"],
        try_previous_locales=False,
        use_given_order=True,
        settings=settings,
    )


def _normalise(expression: str) -> str:
    text = expression.strip().lower()
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^[\s,.;:(\[\"']+|[\s,;:)\]\"']+$", "", text)
    text = re.sub(r"'s$", "", text)
    return text


def _period_start(day: date, precision: str) -> date:
    if precision == "week":
        return day - timedelta(days=day.weekday())
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    return day


def _weekday_date(mod: str | None, weekday: int, published: date) -> date:
    back = (published.weekday() - weekday) % 7
    mod = (mod or "").strip()
    if mod in ("next", "coming", "this coming"):
        ahead = (weekday - published.weekday()) % 7
        return published + timedelta(days=ahead or 7)
    if mod in ("last", "this past", "past"):
        return published - timedelta(days=back or 7)
    return published - timedelta(days=back)


def _is_not_a_date(text: str) -> bool:
    if not text:
        return True
    if _AGE.search(text) or _DECADE.search(text):
        return True
    duration = _DURATION.match(text)
    if duration and (duration["num"] or duration["plural"] or text.startswith(("for ", "over ", "within ", "throughout "))):
        return True
    if _VAGUE.match(text) or _ANAPHORIC.search(text):
        return True
    if _BOUNDS.match(text):
        return True
    return False


def resolve_expression(expression: str, published: date | None) -> tuple[date, str] | None:
    """Resolve a date expression to ``(date, precision)``.

    ``precision`` is one of ``"day"``, ``"week"``, ``"month"``, ``"year"``
    and the date is the first day of that period.  Relative expressions are
    read against ``published`` preferring the past; without ``published``
    only expressions that name their year resolve.  Durations, ages and
    anything that is not a calendar point give ``None``.
    """
    if not expression:
        return None
    return _resolve_cached(_normalise(expression), published)


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, published: date | None) -> tuple[date, str] | None:
    if _is_not_a_date(text):
        return None
    # peel off prepositions and hedges ("on", "earlier", "late", "mid-")
    previous = None
    while previous != text:
        previous = text
        text = _STRIP_LEADING.sub("", text).strip()
        text = _SEASON.sub("", text)
    if _is_not_a_date(text):
        return None

    # times of day: "last night", "Wednesday night", "at 10 a.m."
    if text == "last night":
        return (published - timedelta(days=1), "day") if published else None
    if text in ("tonight", "this morning", "this afternoon", "this evening", "overnight", "now"):
        return (published, "day") if published else None
    text = _CLOCK.sub("", text).strip()
    text = _PART_OF_DAY.sub("", text).strip().rstrip(",")
    if not text:
        return None

    weekday = _WEEKDAY_EXPR.match(text)
    if weekday:
        if published is None:
            return None
        return _weekday_date(weekday["mod"], _WEEKDAYS[weekday["day"]], published), "day"
    weekend = _WEEKEND_EXPR.match(text)
    if weekend:
        if published is None:
            return None
        mod = (weekend["mod"] or "").strip()
        saturday = _weekday_date(None, 5, published)
        if mod in ("last", "past", "this past") and published.weekday() >= 5:
            saturday -= timedelta(days=7)
        return _period_start(saturday, "week"), "week"

    if not (_DATE_WORDS.search(text) or _YEAR.search(text) or _ISO.search(text)):
        return None
    if published is None and (not (_YEAR.search(text) or _ISO.search(text)) or _RELATIVE_WORDS.search(text)):
        return None

    try:
        data = _parser(published).get_date_data(text)
    except (ValueError, OverflowError):  # dateparser rejects odd input this way
        return None
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    found = data.date_obj.date()
    if period == "quarter":
        # no quarter precision downstream: the quarter's first month
        period = "month"
        found = found.replace(month=3 * ((found.month - 1) // 3) + 1)
    elif period not in _PRECISIONS:  # "time", "part_of_day"
        period = "day"
    return _period_start(found, period), period


def is_historical(event: date | None, published: date | None) -> bool:
    """True when the event lies more than a year (365 days) before publication."""
    if event is None or published is None:
        return False
    return (published - event).days > 365


# --- finding the expression that belongs to a verb -------------------------

# dependency labels that open a clause of its own
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "csubjpass", "parataxis", "pcomp"}
# a date used as a pre-nominal modifier ("the June 19 summit", "Monday's
# attack") dates the noun, not the verb
_PRENOMINAL = {"compound", "amod", "poss", "nmod", "nummod", "det", "quantmod"}
_TEMPORAL_PREPS = {"on", "in", "at", "during", "since", "from", "of", "as", "throughout", "around", "about"}


def _is_clause_head(token: "Token", verb: "Token") -> bool:
    if token.i == verb.i:
        return False
    if token.dep_ in _CLAUSE_DEPS:
        return True
    # a coordinated verb is a clause of its own ("attacked X and shelled Y")
    return token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")


def _in_clause(token: "Token", verb: "Token") -> bool:
    """Is ``token`` governed by ``verb`` without crossing another clause?"""
    node = token
    for _ in range(64):
        if node.i == verb.i:
            return True
        if _is_clause_head(node, verb):
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return False


@dataclass(frozen=True)
class _Candidate:
    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    rank: int  # 0 = attached to the verb itself, 1 = deeper in the clause
    distance: int


def _expression_bounds(tokens: list["Token"], root: "Token") -> tuple[int, int]:
    """Token range of a date expression, with its preposition when the
    preposition sits right before it ("on Wednesday")."""
    start = tokens[0].i
    end = tokens[-1].i + 1
    head = root.head
    doc = root.doc
    if (
        head.i != root.i
        and head.dep_ == "prep"
        and head.lower_ in _TEMPORAL_PREPS
        and head.i == start - 1
    ):
        start = head.i
    elif start > 0 and doc[start - 1].lower_ in ("on", "in", "at", "during", "since") and doc[start - 1].dep_ == "prep":
        start -= 1
    return start, end


def _attachment_rank(root: "Token", verb: "Token") -> int | None:
    """0 when the expression modifies the verb directly (possibly through a
    preposition), 1 when it modifies something else inside the clause, None
    when it is a pre-nominal modifier or subject/object of the clause."""
    if root.dep_ in _PRENOMINAL:
        return None
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "appos", "conj"):
        # "The 15-year-old was arrested": the date is a participant.
        if root.dep_ == "conj":
            return 1
        return None
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ not in _TEMPORAL_PREPS:
            return None
        return 0 if head.head.i == verb.i else 1
    return 0 if head.i == verb.i else 1


def _candidates(sent: "Span", verb: "Token") -> list[_Candidate]:
    index = doc_index(sent.doc)
    found: list[_Candidate] = []
    covered: set[int] = set()
    for ent in index.ents:
        if ent.label_ != "DATE" or ent.start < sent.start or ent.end > sent.end:
            continue
        covered.update(range(ent.start, ent.end))
        root = ent.root
        if not _in_clause(root, verb):
            continue
        rank = _attachment_rank(root, verb)
        if rank is None:
            continue
        start, end = _expression_bounds(list(ent), root)
        found.append(_Candidate(start, end, rank, abs(root.i - verb.i)))
    # temporal modifiers the entity recogniser missed ("Tuesday" as npadvmod)
    for i in range(sent.start, sent.end):
        if i in covered or index.deps[i] not in ("npadvmod", "tmod", "obl:tmod", "nmod:tmod"):
            continue
        token = index.tokens[i]
        if not _in_clause(token, verb):
            continue
        subtree = [t for t in token.subtree if t.i not in covered]
        if not subtree or subtree[-1].i - subtree[0].i + 1 != len(subtree):
            continue
        start, end = _expression_bounds(subtree, token)
        found.append(_Candidate(start, end, 0 if token.head.i == verb.i else 1, abs(token.i - verb.i)))
    return found


def _own_expression(sent: "Span", verb: "Token", published: date | None) -> EventDate | None:
    doc = sent.doc
    ranked = sorted(_candidates(sent, verb), key=lambda c: (c.rank, c.distance, c.start))
    for cand in ranked:
        start_char = doc[cand.start].idx
        end_char = doc[cand.end - 1].idx + len(doc[cand.end - 1])
        raw = doc[cand.start:cand.end].text  # equals doc.text[start_char:end_char], without rebuilding doc.text
        resolved = resolve_expression(raw, published)
        if resolved is None:
            continue
        return EventDate(resolved[0], raw, resolved[1], "expression", start_char, end_char)
    return None


def event_date_for(sent: "Span", verb: "Token", published: date | None) -> EventDate:
    """The date of the event whose predicate is ``verb`` in sentence ``sent``.

    Order: an expression in the verb's own clause; for a coordinated verb
    (``conj``) or a controlled complement (``xcomp``) the expression of the
    verb it hangs from; then the published date; then nothing.
    """
    node = verb
    for _ in range(8):
        own = _own_expression(sent, node, published)
        if own is not None:
            return own
        if node.dep_ in ("conj", "xcomp") and node.head.i != node.i and sent.start <= node.head.i < sent.end:
            node = node.head
            continue
        break
    if published is not None:
        return EventDate(published, None, "day", "published", None, None)
    return EventDate(None, None, None, "none", None, None)
