"""The coder's lexicons: which words mean what to it, read from TSV files.

Four files in ``transforms/data``, each overlaid by user files of the same
format (``--verbs``, ``--governors``, ``--compositions``):

* ``verbs.tsv``: verb (+ particle, + object or preposition) -> CAMEO code;
* ``nouns.tsv``: event noun -> CAMEO code, for nominal events;
* ``governors.tsv``: word -> word class (speech verb, commissive, threat,
  light verb, future auxiliary, ...): the words the clause rules read;
* ``compositions.tsv``: how a governing class combines with the code of the
  act it governs (an intent 03x, a threat 13x, a refusal 12x).

They share one loader (`TsvLexicon`): the packaged file is parsed once per
process, user files are applied in order (a later row with the same key
replaces an earlier one), and a malformed row raises ``ValueError`` naming its
file and line, because a silently skipped row means silently missing events.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import ClassVar, Self

from transforms.codes import NOT_AN_EVENT, check_code, check_word, package_text, tsv_rows, user_text

__all__ = ["Compositions", "NounLexicon", "TsvLexicon", "VerbLexicon", "WordClasses", "Words"]


class TsvLexicon:
    """A packaged TSV lexicon overlaid by user files; subclasses say how a row reads.

    ``parse`` turns one file into {key: value}; a user file's entry replaces the
    entry of the same key, so a project file can recode or stop any packaged row.
    """

    FILE: ClassVar[str]
    COLUMNS: ClassVar[tuple[str, ...]]
    REQUIRED: ClassVar[int]

    __slots__ = ("_entries",)

    def __init__(self, entries: Mapping) -> None:
        self._entries = dict(entries)

    @classmethod
    def parse(cls, source: str, text: str) -> dict:
        """{key: value} of one file's rows (later rows of one key win)."""
        return dict(cls.parse_row(fields, f"{source}:{lineno}") for lineno, fields in tsv_rows(text, source, cls.COLUMNS, cls.REQUIRED))

    @classmethod
    def parse_row(cls, fields: list[str], where: str) -> tuple:
        raise NotImplementedError

    @classmethod
    @functools.cache
    def default(cls) -> Self:
        """The packaged lexicon alone, parsed once per process."""
        return cls(cls.parse(*package_text(cls.FILE)))

    @classmethod
    def load(cls, extra: Sequence[Path | str] = ()) -> Self:
        """The packaged lexicon with user files (same format) applied in order.

        Raises ValueError naming file and line for a malformed row.
        """
        default = cls.default()
        if not extra:
            return default
        entries = dict(default._entries)
        for path in extra:
            entries.update(cls.parse(*user_text(path)))
        return cls(entries)

    def __len__(self) -> int:
        return len(self._entries)


# --------------------------------------------------------------------------- verbs

VerbKey = tuple[str, str, str]


def _prep_forms(preps: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split prepositions into ('prep:X:N' keys, 'prep:X' keys), each in input order."""
    with_noun: list[str] = []
    bare: list[str] = []
    for raw in preps:
        prep = raw.strip().lower().removeprefix("prep:")
        if not prep:
            continue
        head, _, noun = prep.partition(":")
        if noun:
            with_noun.append(f"prep:{head}:{noun}")
        bare.append(f"prep:{head}")
    return with_noun, bare


class VerbLexicon(TsvLexicon):
    """Verb patterns: (lemma, particle, object) -> CAMEO code.

    Lookup order, first key present wins (also documented in verbs.tsv):
    each object lemma; each ``prep:X:N``; each ``prep:X``; the particle default
    ``(lemma, particle, "")``; the bare default ``(lemma, "", "")``. Rows coded ``-``
    end the search with no code.
    """

    FILE = "verbs.tsv"
    COLUMNS = ("lemma", "particle", "object", "code", "note")
    REQUIRED = 4

    __slots__ = ("_lemmas", "_phrasal")

    def __init__(self, entries: Mapping[VerbKey, str]) -> None:
        super().__init__(entries)
        self._lemmas = frozenset(lemma for (lemma, _, _), code in self._entries.items() if code != NOT_AN_EVENT)
        self._phrasal = frozenset((lemma, particle) for (lemma, particle, _) in self._entries if particle)

    @classmethod
    def parse_row(cls, fields: list[str], where: str) -> tuple[VerbKey, str]:
        lemma, particle, obj, code, _note = fields
        lemma = check_word(lemma, "lemma", where, required=True)
        particle = check_word(particle, "particle", where, required=False)
        obj = check_word(obj, "object", where, required=False)
        if obj.startswith("prep:"):
            parts = obj.split(":")
            if len(parts) not in (2, 3) or not all(parts[1:]):
                raise ValueError(f"{where}: object {obj!r} must be prep:X or prep:X:noun")
        return (lemma, particle, obj), check_code(code, where)

    def lookup(
        self,
        lemma: str,
        particle: str = "",
        objects: Sequence[str] = (),
        preps: Sequence[str] = (),
    ) -> str | None:
        """CAMEO code for a verb occurrence, or None when no pattern applies.

        ``objects`` are direct-object head lemmas (e.g. the dobj and its conjuncts);
        ``preps`` are preposition lemmas governed by the verb, optionally with the head
        lemma of their object as ``"for:ceasefire"`` (a ``prep:`` prefix is accepted).
        All matching is case-insensitive.
        """
        if isinstance(objects, str):
            objects = (objects,)
        if isinstance(preps, str):
            preps = (preps,)
        lemma = lemma.strip().lower()
        particle = particle.strip().lower()
        with_noun, bare = _prep_forms(preps)
        candidates: list[VerbKey] = [
            (lemma, particle, obj) for obj in (o.strip().lower() for o in objects) if obj
        ]
        candidates += [(lemma, particle, key) for key in with_noun + bare]
        candidates.append((lemma, particle, ""))
        if particle:
            # a particle the lexicon does not know ("flew on to Qatar") leaves the verb's own readings
            candidates += [(lemma, "", key) for key in with_noun + bare]
            candidates.append((lemma, "", ""))
        for key in candidates:
            code = self._entries.get(key)
            if code is not None:
                return None if code == NOT_AN_EVENT else code
        return None

    def specific(self, lemma: str, objects: Sequence[str] = (), preps: Sequence[str] = ()) -> str | None:
        """The code of an object or preposition row of `lemma` ("hand_over": verb and
        particle), never a default.

        Read for an event noun through its verb ("the recall of its ambassador"
        -> recall + ambassador): only a row that names the object or the
        preposition decides; the noun's own code stands otherwise. A '-' row
        that matches gives None.
        """
        lemma, _, particle = lemma.strip().lower().partition("_")
        with_noun, bare = _prep_forms(preps)
        keys = [(lemma, particle, o.strip().lower()) for o in objects if o.strip()]
        keys += [(lemma, particle, key) for key in with_noun + bare]
        for key in keys:
            code = self._entries.get(key)
            if code is not None:
                return None if code == NOT_AN_EVENT else code
        return None

    def phrasal(self, lemma: str, particle: str) -> bool:
        """Whether some row is keyed on `lemma` with `particle` ("set free", "step down")."""
        return (lemma, particle) in self._phrasal

    def known_lemmas(self) -> frozenset[str]:
        """Lemmas with at least one event pattern (cheap pre-filter for candidate verbs)."""
        return self._lemmas


# --------------------------------------------------------------------------- nouns


class NounLexicon(TsvLexicon):
    """Event nouns ("invasion", "talks", "sanctions") -> CAMEO code, for nominal events.

    A noun may name the verb it nominalises ("expulsion" -> expel): its of-object
    and compound modifiers are then read through that verb's object and
    preposition rows ("the expulsion of diplomats" codes as "expel diplomats",
    161), and its own code is the default.
    """

    FILE = "nouns.tsv"
    COLUMNS = ("lemma", "code", "note", "verb")
    REQUIRED = 2

    __slots__ = ("_lemmas", "_verbs")

    def __init__(self, entries: Mapping[str, tuple[str, str]]) -> None:
        super().__init__(entries)
        self._verbs = {k: verb for k, (_, verb) in self._entries.items() if verb}
        self._lemmas = frozenset(
            k.rsplit(" ", 1)[-1] for k, (code, verb) in self._entries.items() if code != NOT_AN_EVENT or verb
        )

    @classmethod
    def parse_row(cls, fields: list[str], where: str) -> tuple[str, tuple[str, str]]:
        lemma, code, _note, verb = fields
        # a compound ("hunger strike") is its modifier and head lemma, one space apart
        lemma = " ".join(check_word(part, "lemma", where, required=True) for part in lemma.split(" ", 1))
        return lemma, (check_code(code, where), check_word(verb, "verb", where, required=False))

    def _code(self, key: str) -> str | None:
        entry = self._entries.get(key)
        return None if entry is None or entry[0] == NOT_AN_EVENT else entry[0]

    def lookup(self, lemma: str) -> str | None:
        """CAMEO code for a noun lemma, or None (unknown or marked ``-``)."""
        return self._code(lemma.strip().lower())

    def compound_lookup(self, modifiers: Sequence[str], lemma: str) -> str | None:
        """The code of "modifier head" ("hunger strike") when listed, else of the head."""
        for modifier in modifiers:
            key = f"{modifier.strip().lower()} {lemma.strip().lower()}"
            if key in self._entries:
                return self._code(key)
        return self.lookup(lemma)

    def verb_of(self, lemma: str) -> str | None:
        """The verb a noun nominalises, when its row names one ("expulsion" -> "expel")."""
        return self._verbs.get(lemma.strip().lower())

    def known_lemmas(self) -> frozenset[str]:
        """Noun lemmas (heads) that code to an event, alone, in a listed compound or through their verb."""
        return self._lemmas


# --------------------------------------------------------------------------- word classes


@dataclass(frozen=True)
class Words:
    """The word classes of governors.tsv, one set of words per class.

    Each field is a class the clause rules read; its name is the ``class``
    column of the file, and the file's header says what each class does.
    Verbs, nouns and adjectives are matched by lemma, auxiliaries by their
    lower-case form.
    """

    speech: frozenset[str] = frozenset()
    addressee: frozenset[str] = frozenset()
    denial: frozenset[str] = frozenset()
    obligation: frozenset[str] = frozenset()
    content: frozenset[str] = frozenset()
    request: frozenset[str] = frozenset()
    warning: frozenset[str] = frozenset()
    demand: frozenset[str] = frozenset()
    commit: frozenset[str] = frozenset()
    ready: frozenset[str] = frozenset()
    threat: frozenset[str] = frozenset()
    refuse: frozenset[str] = frozenset()
    decide: frozenset[str] = frozenset()
    offer: frozenset[str] = frozenset()
    future: frozenset[str] = frozenset()
    future_frame: frozenset[str] = frozenset()
    hypothetical: frozenset[str] = frozenset()
    future_aux: frozenset[str] = frozenset()
    hypothetical_aux: frozenset[str] = frozenset()
    deontic_aux: frozenset[str] = frozenset()
    light: frozenset[str] = frozenset()
    mediation: frozenset[str] = frozenset()
    invest: frozenset[str] = frozenset()
    mutual: frozenset[str] = frozenset()
    fight: frozenset[str] = frozenset()
    act_head: frozenset[str] = frozenset()
    joint: frozenset[str] = frozenset()
    country_noun: frozenset[str] = frozenset()
    pair_noun: frozenset[str] = frozenset()
    background_noun: frozenset[str] = frozenset()
    imputation: frozenset[str] = frozenset()
    appraisal: frozenset[str] = frozenset()
    partner: frozenset[str] = frozenset()
    reception: frozenset[str] = frozenset()
    obtain: frozenset[str] = frozenset()
    earn: frozenset[str] = frozenset()
    evidential: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    forgo: frozenset[str] = frozenset()
    exchange: frozenset[str] = frozenset()
    mutual_adverb: frozenset[str] = frozenset()
    purpose_support: frozenset[str] = frozenset()
    quantity: frozenset[str] = frozenset()
    arrival: frozenset[str] = frozenset()
    incursion: frozenset[str] = frozenset()
    departure: frozenset[str] = frozenset()
    force: frozenset[str] = frozenset()
    mission_force: frozenset[str] = frozenset()
    phone: frozenset[str] = frozenset()
    participate: frozenset[str] = frozenset()
    group_head: frozenset[str] = frozenset()
    contest: frozenset[str] = frozenset()
    contest_noun: frozenset[str] = frozenset()
    journey: frozenset[str] = frozenset()


WORD_CLASSES = tuple(f.name for f in fields(Words))


class WordClasses(TsvLexicon):
    """governors.tsv: word -> the classes it belongs to.

    A word may be in several classes (one row each). A user file's rows for a
    word replace all the packaged rows of that word, as an actor file's rows
    replace a name's; the class ``-`` takes a word out of every class.
    """

    FILE = "governors.tsv"
    COLUMNS = ("lemma", "class", "note")
    REQUIRED = 2

    __slots__ = ("words",)

    def __init__(self, entries: Mapping[str, frozenset[str]]) -> None:
        super().__init__(entries)
        members: dict[str, set[str]] = {name: set() for name in WORD_CLASSES}
        for word, classes in self._entries.items():
            for name in classes:
                members[name].add(word)
        self.words = Words(**{name: frozenset(found) for name, found in members.items()})

    @classmethod
    def parse(cls, source: str, text: str) -> dict[str, frozenset[str]]:
        entries: dict[str, frozenset[str]] = {}
        for lineno, fields_ in tsv_rows(text, source, cls.COLUMNS, cls.REQUIRED):
            word, name = cls.parse_row(fields_, f"{source}:{lineno}")
            entries[word] = entries.get(word, frozenset()) | ({name} if name != NOT_AN_EVENT else set())
        return entries

    @classmethod
    def parse_row(cls, fields: list[str], where: str) -> tuple[str, str]:
        word, name, _note = fields
        word = check_word(word, "lemma", where, required=True)
        if name != NOT_AN_EVENT and name not in WORD_CLASSES:
            raise ValueError(
                f"{where}: unknown word class {name!r} (known: {', '.join(WORD_CLASSES)}; "
                f"'{NOT_AN_EVENT}' takes the word out of every class)"
            )
        return word, name


# --------------------------------------------------------------------------- compositions

#: The compositions the rules ask for; each needs a default ('*') row.
COMPOSITIONS = ("intent", "threat", "refusal")
ANY_CODE = "*"


class Compositions(TsvLexicon):
    """compositions.tsv: (composition, governed CAMEO prefix) -> the composed code.

    "agreed to send troops" is not a deployment but an intent to deploy: the
    governing class picks a composition (intent, threat, refusal) and the
    composition maps the governed act's code to the code of the whole, by its
    most specific listed prefix (4, 3, then 2 digits), else the ``*`` row.
    """

    FILE = "compositions.tsv"
    COLUMNS = ("composition", "governed", "code", "note")
    REQUIRED = 3

    def __init__(self, entries: Mapping[tuple[str, str], str]) -> None:
        super().__init__(entries)
        missing = [name for name in COMPOSITIONS if (name, ANY_CODE) not in self._entries]
        if missing:
            raise ValueError(f"compositions: no default ('{ANY_CODE}') row for {', '.join(missing)}")

    @classmethod
    def parse_row(cls, fields: list[str], where: str) -> tuple[tuple[str, str], str]:
        name, governed, code, _note = fields
        if name not in COMPOSITIONS:
            raise ValueError(f"{where}: unknown composition {name!r} (known: {', '.join(COMPOSITIONS)})")
        if governed != ANY_CODE:
            check_code(governed, where)
        if code == NOT_AN_EVENT:
            raise ValueError(f"{where}: a composition must give a CAMEO code, not '{NOT_AN_EVENT}'")
        return (name, governed), check_code(code, where)

    def compose(self, name: str, governed: str | None, default: str | None = None) -> str:
        """The code of composition `name` over the governed act's code.

        The most specific listed prefix of `governed` wins; without one (or
        without a governed code) `default` when given, else the ``*`` row.
        """
        if governed is not None:
            for size in (4, 3, 2):
                hit = self._entries.get((name, governed[:size]))
                if hit is not None:
                    return hit
        return default if default is not None else self._entries[(name, ANY_CODE)]
