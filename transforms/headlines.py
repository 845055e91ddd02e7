"""Headlines read as sentences: title case undone before parsing, names kept.

"Kenya Expels Two Chinese Diplomats Over Spying Claims" is a sentence, but
the small parser reads a run of capitalised words as one long proper name
and finds no verb in it (issue #10, class 10). Before parsing, a line that
is a headline is recased: every capitalised word that is not part of a name
is lower-cased ("Kenya expels two Chinese diplomats over spying claims"),
and an all-capitals headline keeps its acronyms and gives its names their
capital only. Only the case of letters changes, so the recased text has the
same length and every offset found in it indexes the document's text; event
rows take their words from the text as written (`DocContext.text`).

A line is a headline when it is short (at most 25 words), every word of
four letters or more begins with a capital (or every word is in capitals),
and something other than names is capitalised: a function word ("Over",
"To", "In") after the first word, or two capitalised words that are no
names ("Expels", "Diplomats"). Ordinary sentences always have lower-case
long words, so they are never recased.

A name is a run of capitalised words the actor dictionary knows as a name
written with capitals (countries, capitals, demonyms, organisations, people
and each word of a person's name), or a place the gazetteer knows with some
population (a country, or a city or region of 100,000 or more).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from transforms.actor_dictionary import ActorDictionary
from transforms.gazetteer import Gazetteer

MAX_HEADLINE_WORDS = 25
MAX_NAME_WORDS = 4  # the longest run of words looked up as one name
MIN_PLACE_POPULATION = 100_000
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LINE = re.compile(r"[^\n]+")


def _is_capitalised(word: str) -> bool:
    return word[0].isupper()


class HeadlineCaser:
    """Recases headline lines of a text; built once per dictionary and gazetteer."""

    def __init__(self, names: Iterable[str], name_words: Iterable[str], acronyms: Iterable[str],
                 gazetteer: Gazetteer | None = None):
        self._names = frozenset(names)
        self._name_words = frozenset(name_words)
        self._acronyms = frozenset(acronyms)
        self._gazetteer = gazetteer
        self._places: dict[str, bool] = {}

    @classmethod
    def of(cls, actors: ActorDictionary, gazetteer: Gazetteer | None = None) -> HeadlineCaser:
        """Names from the actor dictionary's rows written with capitals."""
        names: set[str] = set()
        name_words: set[str] = set()
        acronyms: set[str] = set()
        for entry in actors.entries:
            name = entry.name
            if not any(c.isupper() for c in name):
                continue  # role words ("troops") are no names
            words = _WORD.findall(name)
            if not words:
                continue
            names.add(" ".join(w.lower() for w in words))
            if entry.kind == "person":
                name_words.update(w.lower() for w in words if len(w) > 2 and _is_capitalised(w))
            acronyms.update(w for w in words if len(w) > 1 and w.isupper())
        return cls(names, name_words, acronyms, gazetteer)

    # -- names ---------------------------------------------------------------------
    def _place(self, phrase: str) -> bool:
        if self._gazetteer is None:
            return False
        known = self._places.get(phrase)
        if known is None:
            known = any(
                e.feature == "country" or e.score >= MIN_PLACE_POPULATION
                for e in self._gazetteer.candidates(phrase)
            )
            self._places[phrase] = known
        return known

    def _name(self, words: list[str]) -> bool:
        phrase = " ".join(w.lower() for w in words)
        if phrase in self._names:
            return True
        if len(words) == 1 and phrase in self._name_words:
            return True
        return self._place(phrase)

    def name_spans(self, words: list[str]) -> list[bool]:
        """Which words are part of a name (longest runs first)."""
        keep = [False] * len(words)
        i = 0
        while i < len(words):
            for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
                run = words[i:i + n]
                if _is_capitalised(run[0]) and _is_capitalised(run[-1]) and self._name(run):
                    for j in range(i, i + n):
                        keep[j] = True
                    i += n
                    break
            else:
                i += 1
        return keep

    # -- headlines -----------------------------------------------------------------
    def _headline(self, words: list[str], names: list[bool]) -> str | None:
        """'title' or 'capitals' when the words are a headline, else None."""
        if not 3 <= len(words) <= MAX_HEADLINE_WORDS:
            return None
        if sum(w.isupper() for w in words if len(w) > 1) >= 0.8 * len(words) and len(words) >= 4:
            return "capitals"
        if not all(_is_capitalised(w) for w in words if len(w) >= 4):
            return None
        function_words = sum(1 for w in words[1:] if _is_capitalised(w) and w.lower() in STOP_WORDS)
        common = sum(1 for w, name in zip(words, names) if _is_capitalised(w) and not name and not w.isupper()
                     and w.lower() not in STOP_WORDS)
        return "title" if function_words or common >= 2 else None

    def recase(self, text: str) -> str:
        """`text` with its headline lines in sentence case (same length)."""
        chars: list[str] | None = None
        for line in _LINE.finditer(text):
            matches = list(_WORD.finditer(line.group()))
            words = [m.group() for m in matches]
            if len(words) < 3 or len(words) > MAX_HEADLINE_WORDS:
                continue
            names = self.name_spans(words if not all(w.isupper() for w in words) else [w.title() for w in words])
            kind = self._headline(words, names)
            if kind is None:
                continue
            chars = chars if chars is not None else list(text)
            for index, (match, word, name) in enumerate(zip(matches, words, names)):
                start = line.start() + match.start()
                new = self._word(word, name, kind, first=index == 0)
                chars[start:start + len(word)] = new
        return text if chars is None else "".join(chars)

    def _word(self, word: str, name: bool, kind: str, first: bool) -> str:
        if kind == "capitals":
            if word in self._acronyms:
                return word  # "US", "EU", "NATO"
            if name or first:
                return word[0] + word[1:].lower()
            return word.lower()
        if name or word.isupper() or first:
            return word  # names, acronyms ("EU", "IMF") and the first word keep their case
        return word[0].lower() + word[1:]


@lru_cache(maxsize=4)
def headline_caser(actors: ActorDictionary, gazetteer: Gazetteer) -> HeadlineCaser:
    """One caser per run's resources (the dictionary and gazetteer are built once per run)."""
    return HeadlineCaser.of(actors, gazetteer)
