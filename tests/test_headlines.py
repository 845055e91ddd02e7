"""Headline recasing (transforms/headlines.py) on a hand-made name list: no model, no dictionary."""

from __future__ import annotations

import pytest

from transforms.headlines import HeadlineCaser

CASER = HeadlineCaser(
    names={"ghana", "togo", "togolese", "accra", "united states", "south china sea", "un"},
    name_words={"mahama"},
    acronyms={"UN", "US", "EU"},
)


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana Expels Three Togolese Diplomats Over Spying Claims",
     "Ghana expels three Togolese diplomats over spying claims"),
    ("United States Slaps Sanctions On Togo", "United States slaps sanctions on Togo"),
    ("Mahama Meets UN Envoy In Accra", "Mahama meets UN envoy in Accra"),
    ("GHANA EXPELS THREE TOGOLESE DIPLOMATS OVER UN REPORT", "Ghana expels three Togolese diplomats over UN report"),
    ("Ships Clash In South China Sea", "Ships clash in South China Sea"),
])
def test_headlines_are_recased_and_names_kept(text: str, expected: str) -> None:
    assert CASER.recase(text) == expected


@pytest.mark.parametrize("text", [
    "Ghana expelled three Togolese diplomats on Monday over spying claims.",
    "President John Mahama of Ghana met UN envoys in Accra.",  # long words in lower case: a sentence
    "Ghana Togo",  # too short to tell
])
def test_sentences_are_left_alone(text: str) -> None:
    assert CASER.recase(text) == text


def test_only_headline_lines_change_and_length_is_kept() -> None:
    text = "Ghana Expels Togolese Diplomats Over Spying\n\nACCRA - Ghana expelled three Togolese diplomats.\n"
    recased = CASER.recase(text)
    assert len(recased) == len(text)
    assert recased.lower() == text.lower()
    assert recased.splitlines()[0] == "Ghana expels Togolese diplomats over spying"
    assert recased.splitlines()[2] == text.splitlines()[2]
