"""CAMEO code table, CAMEO -> PLOVER map, and the verb/noun lexicons of the event coder.

Every stage that codes, validates or aggregates events needs the same facts (which
codes exist, their Goldstein weight and quad class, their PLOVER type, which verbs
signal which code). They live as reviewed TSV files in ``transforms/data`` so that
analysts can read and extend them without touching code; this module is the only
place that parses them, and it fails loudly (file and line) on anything malformed,
because a silently skipped row means silently missing events.

Pure standard library: the tables are needed in workers that must not import the NLP
stack, and they are small enough that parsing them by hand is simpler than a
dataframe round trip.

Conventions shared by all files:

* tab-separated, UTF-8, one header row, ``#`` comment lines anywhere;
* CAMEO codes are text and keep their leading zeros ('010' is "make statement",
  '10' is the DEMAND root);
* in the lexicons the code ``-`` means "not an event": such a row stops a default
  (``release a statement`` must not become a prisoner release).

CAMEO roots 01 (statements) and 02 (appeals) are not coded in PLOVER; see the header
of ``plover_map.tsv`` for the Dotterel choices (02 -> REQUEST, 01 -> the extension
type STATEMENT, which is not part of PLOVER).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "NOT_AN_EVENT",
    "CameoCode",
    "NounLexicon",
    "VerbLexicon",
    "cameo_table",
    "plover_types",
]

#: Lexicon code meaning "this reading is not an event"; lookups return None for it.
NOT_AN_EVENT = "-"

_CAMEO_FILE = "cameo_codes.tsv"
_PLOVER_FILE = "plover_map.tsv"
_VERB_FILE = "verbs.tsv"
_NOUN_FILE = "nouns.tsv"

_CAMEO_COLUMNS = ("code", "name", "root", "goldstein", "quad_class")
_PLOVER_COLUMNS = ("cameo", "plover_type", "mode", "context", "source")
_VERB_COLUMNS = ("lemma", "particle", "object", "code", "note")
_NOUN_COLUMNS = ("lemma", "code", "note")

VerbKey = tuple[str, str, str]


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with the attributes the warehouse stores next to it.

    Frozen because instances are shared by every caller of :func:`cameo_table`.
    """

    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover_type: str


# --------------------------------------------------------------------------- parsing


def _package_text(name: str) -> tuple[str, str]:
    """Return (label for messages, text) of a data file shipped in the package."""
    resource = files("transforms") / "data" / name
    return f"transforms/data/{name}", resource.read_text(encoding="utf-8")


def _user_text(path: Path | str) -> tuple[str, str]:
    """Return (label for messages, text) of a user-supplied file."""
    path = Path(path)
    return str(path), path.read_text(encoding="utf-8")


def _rows(
    text: str, source: str, columns: Sequence[str], required: int
) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, stripped fields) for each data row of a TSV text.

    Blank and ``#`` lines are skipped, and so is the first row when it is the header
    (user files may leave the header out). Trailing optional columns may be omitted;
    the result is always padded to ``len(columns)`` fields.
    """
    first = True
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if first:
            first = False
            names = [f.strip().lower() for f in fields]
            if len(names) >= required and names == list(columns[: len(names)]):
                continue
        if not required <= len(fields) <= len(columns):
            raise ValueError(
                f"{source}:{lineno}: expected {required} to {len(columns)} tab-separated "
                f"fields ({', '.join(columns)}), found {len(fields)}"
            )
        fields = [f.strip() for f in fields] + [""] * (len(columns) - len(fields))
        yield lineno, fields


def _quad_class(root: str) -> int:
    """Quad class of a CAMEO root: 01-05 verbal coop., 06-08 material coop.,
    09-13 verbal conflict, 14-20 material conflict."""
    number = int(root)
    if 1 <= number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13:
        return 3
    if number <= 20:
        return 4
    raise ValueError(f"CAMEO root out of range: {root!r}")


def _is_code_shaped(code: str) -> bool:
    return code.isascii() and code.isdigit() and 2 <= len(code) <= 4


# --------------------------------------------------------------------------- CAMEO


@functools.lru_cache(maxsize=1)
def _plover_map() -> Mapping[str, str]:
    """CAMEO code -> PLOVER type, as listed in plover_map.tsv."""
    source, text = _package_text(_PLOVER_FILE)
    mapping: dict[str, str] = {}
    for lineno, (code, ptype, _mode, _context, _origin) in _rows(
        text, source, _PLOVER_COLUMNS, 2
    ):
        if not _is_code_shaped(code) or not ptype:
            raise ValueError(f"{source}:{lineno}: bad row for CAMEO code {code!r}")
        mapping[code] = ptype.upper()
    return MappingProxyType(mapping)


@functools.lru_cache(maxsize=1)
def _cameo() -> Mapping[str, CameoCode]:
    """Parse and check cameo_codes.tsv once; shared, read-only."""
    source, text = _package_text(_CAMEO_FILE)
    plover = _plover_map()
    table: dict[str, CameoCode] = {}
    for lineno, (code, name, root, gold, quad) in _rows(text, source, _CAMEO_COLUMNS, 5):
        where = f"{source}:{lineno}"
        if not _is_code_shaped(code):
            raise ValueError(f"{where}: bad CAMEO code {code!r}")
        if code in table:
            raise ValueError(f"{where}: duplicate CAMEO code {code!r}")
        if root != code[:2]:
            raise ValueError(f"{where}: root {root!r} does not match code {code!r}")
        try:
            goldstein = float(gold)
            quad_class = int(quad)
        except ValueError as exc:
            raise ValueError(f"{where}: bad number ({exc})") from None
        if not -10.0 <= goldstein <= 10.0:
            raise ValueError(f"{where}: Goldstein value {goldstein} outside -10..10")
        if quad_class != _quad_class(root):
            raise ValueError(f"{where}: quad class {quad_class} does not fit root {root}")
        # Fallback (parent, then root) keeps codes the PLOVER table omits usable.
        ptype = plover.get(code) or plover.get(code[:3]) or plover.get(code[:2])
        if not ptype:
            raise ValueError(f"{where}: no PLOVER type for {code!r} in {_PLOVER_FILE}")
        table[code] = CameoCode(code, name, root, goldstein, quad_class, ptype)
    return MappingProxyType(table)


def cameo_table() -> dict[str, CameoCode]:
    """All CAMEO codes (2-, 3- and 4-digit) keyed by code text, PLOVER type filled in.

    Returns a fresh dict each call (the parsed table itself is cached), so callers
    may modify their copy without affecting anyone else.
    """
    return dict(_cameo())


def plover_types() -> frozenset[str]:
    """Every PLOVER type a CAMEO code can map to (includes the Dotterel STATEMENT)."""
    return frozenset(entry.plover_type for entry in _cameo().values())


def _check_code(code: str, where: str) -> str:
    """Validate a lexicon code against the CAMEO table (or the not-an-event marker)."""
    if code != NOT_AN_EVENT and code not in _cameo():
        raise ValueError(
            f"{where}: unknown CAMEO code {code!r} (codes are text with leading zeros, "
            f"e.g. '057'; use '{NOT_AN_EVENT}' for 'not an event')"
        )
    return code


def _check_word(value: str, what: str, where: str, required: bool) -> str:
    """Lexicon keys are single lower-case tokens; catch 'carry out' in the lemma column."""
    if required and not value:
        raise ValueError(f"{where}: empty {what}")
    if any(ch.isspace() for ch in value):
        raise ValueError(f"{where}: {what} {value!r} must be a single token")
    return value.lower()


# --------------------------------------------------------------------------- verbs


def _parse_verb_rows(source: str, text: str) -> dict[VerbKey, str]:
    entries: dict[VerbKey, str] = {}
    for lineno, (lemma, particle, obj, code, _note) in _rows(text, source, _VERB_COLUMNS, 4):
        where = f"{source}:{lineno}"
        lemma = _check_word(lemma, "lemma", where, required=True)
        particle = _check_word(particle, "particle", where, required=False)
        obj = _check_word(obj, "object", where, required=False)
        if obj.startswith("prep:"):
            parts = obj.split(":")
            if len(parts) not in (2, 3) or not all(parts[1:]):
                raise ValueError(f"{where}: object {obj!r} must be prep:X or prep:X:noun")
        entries[(lemma, particle, obj)] = _check_code(code, where)
    return entries


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


class VerbLexicon:
    """Verb patterns: (lemma, particle, object) -> CAMEO code.

    Lookup order, first key present wins (also documented in verbs.tsv):
    each object lemma; each ``prep:X:N``; each ``prep:X``; the particle default
    ``(lemma, particle, "")``; the bare default ``(lemma, "", "")``. Rows coded ``-``
    end the search with no code.
    """

    __slots__ = ("_entries", "_lemmas")

    def __init__(self, entries: Mapping[VerbKey, str]) -> None:
        self._entries: dict[VerbKey, str] = dict(entries)
        self._lemmas = frozenset(
            lemma for (lemma, _, _), code in self._entries.items() if code != NOT_AN_EVENT
        )

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> VerbLexicon:
        """Package dictionary plus user files (same TSV format) applied in order.

        A later row with the same (lemma, particle, object) replaces an earlier one, so
        a project file can recode or stop (``-``) any packaged pattern. Raises
        ValueError naming file and line for a malformed row or an unknown code.
        """
        default = _default_verbs()
        if not extra:
            return default
        entries = dict(default._entries)
        for path in extra:
            entries.update(_parse_verb_rows(*_user_text(path)))
        return cls(entries)

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
            candidates.append((lemma, "", ""))
        for key in candidates:
            code = self._entries.get(key)
            if code is not None:
                return None if code == NOT_AN_EVENT else code
        return None

    def known_lemmas(self) -> frozenset[str]:
        """Lemmas with at least one event pattern (cheap pre-filter for candidate verbs)."""
        return self._lemmas

    def __len__(self) -> int:
        return len(self._entries)


@functools.lru_cache(maxsize=1)
def _default_verbs() -> VerbLexicon:
    return VerbLexicon(_parse_verb_rows(*_package_text(_VERB_FILE)))


# --------------------------------------------------------------------------- nouns


def _parse_noun_rows(source: str, text: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for lineno, (lemma, code, _note) in _rows(text, source, _NOUN_COLUMNS, 2):
        where = f"{source}:{lineno}"
        # a compound ("hunger strike") is its modifier and head lemma, one space apart
        lemma = " ".join(_check_word(part, "lemma", where, required=True) for part in lemma.split(" ", 1))
        entries[lemma] = _check_code(code, where)
    return entries


class NounLexicon:
    """Event nouns ("invasion", "talks", "sanctions") -> CAMEO code, for nominal events."""

    __slots__ = ("_entries",)

    def __init__(self, entries: Mapping[str, str]) -> None:
        self._entries: dict[str, str] = dict(entries)

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> NounLexicon:
        """Package dictionary plus user files applied in order (later rows win).

        Raises ValueError naming file and line for a malformed row or unknown code.
        """
        default = _default_nouns()
        if not extra:
            return default
        entries = dict(default._entries)
        for path in extra:
            entries.update(_parse_noun_rows(*_user_text(path)))
        return cls(entries)

    def lookup(self, lemma: str) -> str | None:
        """CAMEO code for a noun lemma, or None (unknown or marked ``-``)."""
        code = self._entries.get(lemma.strip().lower())
        return None if code in (None, NOT_AN_EVENT) else code

    def compound_lookup(self, modifiers: Sequence[str], lemma: str) -> str | None:
        """The code of "modifier head" ("hunger strike") when listed, else of the head."""
        for modifier in modifiers:
            key = f"{modifier.strip().lower()} {lemma.strip().lower()}"
            if key in self._entries:
                return None if self._entries[key] == NOT_AN_EVENT else self._entries[key]
        return self.lookup(lemma)

    def known_lemmas(self) -> frozenset[str]:
        """Noun lemmas (heads) that code to an event, alone or in a listed compound."""
        return frozenset(k.rsplit(" ", 1)[-1] for k, c in self._entries.items() if c != NOT_AN_EVENT)

    def __len__(self) -> int:
        return len(self._entries)


@functools.lru_cache(maxsize=1)
def _default_nouns() -> NounLexicon:
    return NounLexicon(_parse_noun_rows(*_package_text(_NOUN_FILE)))
