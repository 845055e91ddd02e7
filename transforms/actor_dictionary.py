"""The actor dictionary: the files, their rows, and names as lookup keys.

The matcher and the resolution of argument spans are `transforms/actors.py`.

Dictionary files
----------------
The dictionary is a set of tab-separated files: the package's own files in
``transforms/data/actors/*.tsv`` plus any user files (``--actors FILE``).
Each file starts (after optional ``#`` comment lines) with the header::

    name  code  country  sector  kind  valid_from  valid_to

``name``
    Surface phrase.  Matching is case-insensitive on token boundaries, with
    three refinements that keep common words from matching: a name written
    without lower-case letters ("US", "WHO", "NATO") must appear exactly so;
    a name with capitals ("Turkey", "Kim") does not match an all-lower-case
    word ("turkey"); an all-lower-case name ("troops") matches any casing.
    A leading "the" is optional in text ("Kremlin" = "the Kremlin"), hyphens
    may also be written as spaces, and accented names also match their
    unaccented spelling ("Erdoğan" / "Erdogan").
``code``
    Full actor code: ISO3 + sector ("RUSGOV", "PRKMIL"), ISO3 alone for a
    plain country ("USA"), or ``IGO`` + a short name of an international
    organisation ("IGOUNO", "IGONATO", "IGOEU", "IGOUNSC"), or ``NGO`` + a
    short name of an international non-governmental one ("NGOICRC",
    "NGOAMNESTY"; sector NGO, kind ``igo``), or a CAMEO region code + an
    optional sector for a region or bloc of states ("WST" for "the West",
    "EURGOV"; kind ``region``, codes in ``transforms/data/region_codes.tsv``).
    Empty for sector words and ``ignore`` rows.
    A multi-word name written with capitals matches only where its
    capitalised words are capitalised in the text ("Russia Today", the
    channel, is not "visited Russia today").
``country``
    ISO 3166 alpha-3 (checked against pycountry; ``XKX`` is accepted for
    Kosovo).  Empty for IGOs and sector words.  When given, ``code`` must be
    ``country + sector``.
``sector``
    Three capital letters: GOV MIL JUD OPP MED REB COP LEG CVL REF BUS SPY PTY
    ELI IGO ...  Empty for plain country names and demonyms.
``kind``
    ``country`` | ``capital`` | ``demonym`` | ``igo`` | ``person`` |
    ``sector`` | ``landmark`` | ``region`` | ``ignore``.  ``ignore`` rows ("South China
    Sea") are not actors; they exist so the longest-match rule swallows the
    actor name inside them.
``valid_from`` / ``valid_to``
    Inclusive ISO dates, empty = open.  A person has one row per role period,
    so the code follows the event date (Shoigu is RUSMIL as defence minister
    until 2024-05-11 and RUSGOV afterwards).

The last two columns may be omitted.  A name that appears in a user file
replaces all of the package's rows for that name, so users can correct as
well as extend the dictionary.  Malformed rows raise ``ValueError`` naming the
file and line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import ItemsView, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from transforms.codes import region_codes

DATA_DIR = Path(__file__).parent / "data" / "actors"
COLUMNS = ("name", "code", "country", "sector", "kind", "valid_from", "valid_to")
KINDS = frozenset(
    {"country", "capital", "demonym", "igo", "person", "sector", "landmark", "region", "ignore"}
)
EXTRA_COUNTRY_CODES = frozenset({"XKX"})  # Kosovo: user-assigned, not in ISO 3166
_CODE_RE = re.compile(r"^[A-Z]{3}[A-Z0-9]*$")
_SECTOR_RE = re.compile(r"^[A-Z]{3}$")
DASHES = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014]")


@dataclass(frozen=True)
class ActorEntry:
    """One dictionary row."""

    name: str
    code: str
    country: str | None
    sector: str | None
    kind: str
    valid_from: date | None
    valid_to: date | None

    def valid_on(self, on: date) -> bool:
        """True when the row's (inclusive) date range contains ``on``."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )



# --------------------------------------------------------------------------
# Name normalisation
# --------------------------------------------------------------------------

_FOLD_EXTRA = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"})


def fold_accents(text: str) -> str:
    """ASCII-fold letters with diacritics: news copy often drops them."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def strip_the(name: str) -> str:
    """Drop a leading "the": text may or may not carry it."""
    if name[:4].lower() == "the " and len(name) > 4:
        return name[4:].lstrip()
    return name


def normalize_name(name: str) -> str:
    """Lookup key of a name: case, accents, apostrophes, hyphens, "the" folded.

    Two names with the same key are the same phrase for :meth:`entries_for`
    and for user-file overrides.
    """
    text = fold_accents(name).replace("\u2019", "'").replace("\u2018", "'")
    text = " ".join(DASHES.sub(" ", text).lower().split())
    return strip_the(text)




# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _iso3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | EXTRA_COUNTRY_CODES


def _parse_date(value: str, where: str, column: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where}: {column} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _parse_row(fields: list[str], where: str) -> ActorEntry:
    """Validate one data row; every problem is reported with file and line."""
    if not 5 <= len(fields) <= len(COLUMNS):
        raise ValueError(
            f"{where}: expected {len(COLUMNS)} tab-separated columns "
            f"({', '.join(COLUMNS)}), got {len(fields)}"
        )
    fields = [f.strip() for f in fields] + [""] * (len(COLUMNS) - len(fields))
    name, code, country, sector, kind, valid_from, valid_to = fields
    if not strip_the(name).strip():
        raise ValueError(f"{where}: empty name")
    if kind not in KINDS:
        raise ValueError(f"{where}: unknown kind {kind!r} (expected one of {', '.join(sorted(KINDS))})")
    if country and country not in _iso3_codes():
        raise ValueError(f"{where}: unknown ISO 3166 alpha-3 country code {country!r}")
    if sector and not _SECTOR_RE.match(sector):
        raise ValueError(f"{where}: sector {sector!r} must be three capital letters")
    if code and not _CODE_RE.match(code):
        raise ValueError(f"{where}: code {code!r} must be capital letters (digits allowed after the first three)")
    if kind == "ignore":
        if code or country or sector:
            raise ValueError(f"{where}: ignore rows must leave code, country and sector empty")
    elif kind == "sector":
        if code or country or not sector:
            raise ValueError(f"{where}: sector rows need a sector and no code or country")
    elif not code:
        raise ValueError(f"{where}: {kind} rows need a code")
    elif kind == "region":
        if country or code[:3] not in region_codes() or code != code[:3] + sector:
            raise ValueError(
                f"{where}: region rows need a CAMEO region code ({', '.join(region_codes())}) "
                "plus their sector as code, and no country"
            )
    elif country:
        if code != country + sector:
            raise ValueError(f"{where}: code {code!r} should be country + sector ({country + sector!r})")
    elif not (code.startswith("IGO") and sector == "IGO") and not (code.startswith("NGO") and sector == "NGO"):
        raise ValueError(
            f"{where}: a code without a country must be an IGO code (IGO..., sector IGO) "
            "or an international NGO code (NGO..., sector NGO)"
        )
    if kind in ("country", "capital", "demonym") and not country:
        raise ValueError(f"{where}: {kind} rows need a country")
    start = _parse_date(valid_from, where, "valid_from")
    stop = _parse_date(valid_to, where, "valid_to")
    if start and stop and start > stop:
        raise ValueError(f"{where}: valid_from {start} is after valid_to {stop}")
    return ActorEntry(name, code, country or None, sector or None, kind, start, stop)


def read_actor_file(path: Path) -> list[ActorEntry]:
    """Parse one dictionary file (header row, ``#`` comments, blank lines)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read actor file ({exc})") from exc
    entries: list[ActorEntry] = []
    header_seen = False
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.rstrip("\r\n").split("\t")
        where = f"{path}:{lineno}"
        if not header_seen:
            if tuple(f.strip().lower() for f in fields) != COLUMNS:
                raise ValueError(f"{where}: expected header row {'<TAB>'.join(COLUMNS)}")
            header_seen = True
            continue
        entries.append(_parse_row(fields, where))
    if not header_seen:
        raise ValueError(f"{path}: missing header row {'<TAB>'.join(COLUMNS)}")
    return entries


def package_files() -> list[Path]:
    """The dictionary files shipped with Dotterel, in a stable order."""
    return sorted(DATA_DIR.glob("*.tsv"))


class ActorDictionary:
    """All actor entries, indexed by normalised name."""

    def __init__(self, entries: Iterable[ActorEntry]):
        self.entries: tuple[ActorEntry, ...] = tuple(entries)
        by_key: dict[str, list[ActorEntry]] = {}
        for entry in self.entries:
            by_key.setdefault(normalize_name(entry.name), []).append(entry)
        self._by_key: dict[str, tuple[ActorEntry, ...]] = {k: tuple(v) for k, v in by_key.items()}

    @classmethod
    def load(cls, extra: Sequence[Path | str] = ()) -> ActorDictionary:
        """Package files plus user files; user names replace package rows."""
        base = [e for path in package_files() for e in read_actor_file(path)]
        user = [e for path in extra for e in read_actor_file(Path(path))]
        overridden = {normalize_name(e.name) for e in user}
        kept = [e for e in base if normalize_name(e.name) not in overridden]
        return cls(kept + user)

    def __len__(self) -> int:
        return len(self.entries)

    def entries_for(self, name: str) -> list[ActorEntry]:
        """Rows for a phrase, looked up like the matcher would ("the" optional)."""
        return list(self._by_key.get(normalize_name(name), ()))

    def countries(self) -> frozenset[str]:
        """ISO3 codes that have at least one ``country`` row."""
        return frozenset(e.country for e in self.entries if e.kind == "country" and e.country)

    def names(self) -> ItemsView[str, tuple[ActorEntry, ...]]:
        """(normalised name, its entries) pairs, for the matcher."""
        return self._by_key.items()
