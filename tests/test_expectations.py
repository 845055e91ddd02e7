"""Tests of the GX validation suite (schemas/expectations.py) on hand-built frames.

GX is slow to import and each validation call costs most of a second whatever
the row count, so the bad-value cases share one validated frame (each bad row
sits between good rows) rather than validating a frame per case.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from datetime import datetime, timezone

import polars as pl
import pycountry
import pytest

from schemas.expectations import (
    SUITE_NAME,
    CodeTables,
    ValidationOutcome,
    build_suite,
    prune_data_docs,
    validate_events,
    write_data_docs,
)
from schemas.frames import EVENTS, REJECTED_EVENTS, VALIDATION_RESULTS, conform

RUN_ID = "test-run"
SENTENCE = "Russian forces shelled Kharkiv on Tuesday, Ukrainian officials said."
DOC_LENGTH = 400
XSS = "<script>alert(1)</script>"

TABLES = CodeTables(
    cameo_codes=frozenset({"010", "036", "042", "057", "190", "193", "195"}),
    cameo_roots=frozenset({"01", "03", "04", "05", "19"}),
    plover_types=frozenset({"CONSULT", "AGREE", "ASSAULT", "FIGHT", "COOPERATE"}),
    countries=frozenset(c.alpha_3 for c in pycountry.countries),
)


def event_id(i: int) -> str:
    return hashlib.sha256(f"event-{i}".encode()).hexdigest()[:32]


def event_row(i: int, **overrides) -> dict:
    """A valid EVENTS row; overrides replace fields."""
    row = {
        "event_id": event_id(i),
        "doc_id": f"doc-{i % 3}",
        "sentence_index": i % 7,
        "sentence_text": SENTENCE,
        "source_text": "Russian forces",
        "source_code": "RUSMIL",
        "source_country": "RUS",
        "source_sector": "MIL",
        "action_text": "shelled",
        "action_lemma": "shell",
        "target_text": "Kharkiv",
        "target_code": "UKR",
        "target_country": "UKR",
        "target_sector": None,
        "cameo_code": "195",
        "cameo_root": "19",
        "plover_type": "ASSAULT",
        "quad_class": 4,
        "goldstein": -10.0,
        "polarity": "positive",
        "modality": "reported",
        "reporter_code": "UKRGOV",
        "event_date": None,
        "event_date_text": "on Tuesday",
        "event_date_precision": "day",
        "event_date_origin": "expression",
        "location_name": "Kharkiv",
        "location_type": "city",
        "location_country": "UKR",
        "latitude": 49.98,
        "longitude": 36.25,
        "confidence": 0.75,
        "source_start": 0,
        "source_end": 14,
        "action_start": 15,
        "action_end": 22,
        "target_start": 23,
        "target_end": 30,
        "extractor_version": "0.1.0",
        "model": "en_core_web_sm-3.8.0",
        "run_id": RUN_ID,
    }
    row.update(overrides)
    return row


DOC_LENGTHS = {f"doc-{k}": DOC_LENGTH for k in range(3)}
# A one-sided event's missing side: every column of the side NULL.
MISSING_SOURCE = {f"source_{c}": None for c in ("text", "code", "country", "sector", "start", "end")}
MISSING_TARGET = {f"target_{c}": None for c in ("text", "code", "country", "sector", "start", "end")}

NOT_NULL = "expect_column_values_to_not_be_null"
IN_SET = "expect_column_values_to_be_in_set"
BETWEEN = "expect_column_values_to_be_between"
PAIR = "expect_column_pair_values_a_to_be_greater_than_b"

# case id -> (overrides of the bad row, the exact failed_expectations expected)
BAD_CASES: dict[str, tuple[dict, str]] = {
    "unknown_cameo_code": ({"cameo_code": "999"}, f"{IN_SET}(cameo_code)"),
    "unknown_cameo_root": ({"cameo_root": "21"}, f"{IN_SET}(cameo_root)"),
    "unknown_plover_type": ({"plover_type": "GOSSIP"}, f"{IN_SET}(plover_type)"),
    "quad_class_5": ({"quad_class": 5}, f"{IN_SET}(quad_class)"),
    "goldstein_11": ({"goldstein": 11.0}, f"{BETWEEN}(goldstein)"),
    "goldstein_nan": ({"goldstein": float("nan")}, f"{BETWEEN}(goldstein)"),
    "latitude_nan": ({"latitude": float("nan")}, f"{BETWEEN}(latitude)"),
    "confidence_1_5": ({"confidence": 1.5}, f"{BETWEEN}(confidence)"),
    "offset_beyond_doc": ({"target_end": DOC_LENGTH + 1}, f"{PAIR}(doc_length,target_end)"),
    "start_equals_end": (
        {"action_start": 22, "action_end": 22},
        f"{PAIR}(action_end,action_start)",
    ),
    "start_after_end": ({"source_start": 20, "source_end": 14}, f"{PAIR}(source_end,source_start)"),
    "negative_start": ({"source_start": -1}, f"{BETWEEN}(source_start)"),
    "bad_polarity": ({"polarity": "neutral"}, f"{IN_SET}(polarity)"),
    "bad_modality": ({"modality": "rumoured"}, f"{IN_SET}(modality)"),
    "alpha2_source_country": ({"source_country": "RU"}, f"{IN_SET}(source_country)"),
    "bad_target_country": ({"target_country": "XXX"}, f"{IN_SET}(target_country)"),
    "bad_location_country": ({"location_country": "ukr"}, f"{IN_SET}(location_country)"),
    # an actor code leads with a country, a CAMEO region code, IGO or NGO
    "unknown_code_head": ({"source_code": "XYZGOV"}, "expect_column_values_to_match_regex(source_code)"),
    "lower_case_code": ({"target_code": "ukr"}, "expect_column_values_to_match_regex(target_code)"),
    "latitude_91": ({"latitude": 91.0}, f"{BETWEEN}(latitude)"),
    "longitude_minus_181": ({"longitude": -181.0}, f"{BETWEEN}(longitude)"),
    "event_id_not_hex": (
        {"event_id": "EVENT-0001-NOT-HEX"},
        "expect_column_values_to_match_regex(event_id)",
    ),
    "null_sentence_text": ({"sentence_text": None}, f"{NOT_NULL}(sentence_text)"),
    "named_side_without_offset": ({"source_start": None}, f"{IN_SET}(source_side)"),
    "missing_side_with_a_code": ({**MISSING_TARGET, "target_code": "UKR"}, f"{IN_SET}(target_side)"),
    "missing_side_with_offsets": ({**MISSING_TARGET, "target_end": 30}, f"{IN_SET}(target_side)"),
    "no_side_named": ({**MISSING_SOURCE, **MISSING_TARGET}, f"{IN_SET}(coded_side)"),
    "no_side_coded": ({"source_code": None, "target_code": None}, f"{IN_SET}(coded_side)"),
    "null_offset": (
        {"action_start": None},
        f"{NOT_NULL}(action_start)",
    ),
    "unknown_document": ({"doc_id": "doc-missing"}, f"{NOT_NULL}(doc_length)"),
    "two_failures": (
        {"goldstein": -11.0, "modality": "maybe"},
        f"{BETWEEN}(goldstein); {IN_SET}(modality)",
    ),
}


def validate(rows: list[dict], batch: int = 0) -> ValidationOutcome:
    return validate_events(conform(rows, EVENTS), DOC_LENGTHS, TABLES, RUN_ID, batch)


def assert_schema(frame: pl.DataFrame, schema: dict) -> None:
    assert list(frame.columns) == list(schema)
    assert dict(frame.schema) == schema


@pytest.fixture(scope="module")
def good_outcome() -> tuple[list[dict], ValidationOutcome]:
    rows = [event_row(i) for i in range(12)]
    # Nullable fields may be null.
    rows[3].update(
        source_country=None,
        target_country=None,
        location_country=None,
        latitude=None,
        longitude=None,
        location_name=None,
    )
    # Boundary values are inside the ranges.
    rows[4].update(goldstein=10.0, confidence=0.0, quad_class=1, latitude=-90.0, longitude=180.0)
    rows[5].update(target_end=DOC_LENGTH, confidence=1.0, polarity="negative", modality="future")
    # One-sided events: a missing target ("the minister resigned"), a missing source
    # ("12 policemen were killed"); a named side may be uncoded beside a coded one.
    rows[6].update(MISSING_TARGET)
    rows[7].update(MISSING_SOURCE)
    rows[8].update(target_code=None, target_country=None)
    # A region or bloc has a region code and no country; IGOs and NGOs have no country either.
    rows[9].update(source_code="EURGOV", source_country=None, source_sector="GOV", target_code="WST", target_country=None)
    rows[10].update(source_code="IGONATO", source_country=None, target_code="NGOICRC", target_country=None)
    return rows, validate(rows)


@pytest.fixture(scope="module")
def mixed_outcome() -> tuple[dict[str, str], list[str], ValidationOutcome, list[dict]]:
    """One frame: good rows with every bad case (and a duplicate id) in between."""
    rows: list[dict] = []
    bad_ids: dict[str, str] = {}
    n = 0
    for case, (overrides, _) in BAD_CASES.items():
        rows.append(event_row(n))
        n += 1
        bad = event_row(n, **overrides)
        rows.append(bad)
        bad_ids[case] = bad["event_id"]
        n += 1
    # Duplicate ids: the second and third occurrences are rejected, the first kept.
    first = event_row(n)
    rows += [first, event_row(n + 1), event_row(n + 2, event_id=first["event_id"])]
    rows.append(event_row(n + 3, event_id=first["event_id"], action_text="attacked"))
    rows.append(event_row(n + 4))
    good_ids = [
        r["event_id"] for r in rows if r["event_id"] not in bad_ids.values()
    ]
    return bad_ids, good_ids, validate(rows, batch=3), rows


def test_good_frame_passes(good_outcome):
    rows, out = good_outcome
    assert out.success is True
    assert out.rejected.height == 0
    assert out.valid.height == len(rows)
    assert out.valid["event_id"].to_list() == [r["event_id"] for r in rows]
    assert out.valid.equals(conform(rows, EVENTS))
    assert_schema(out.valid, EVENTS)
    assert_schema(out.rejected, REJECTED_EVENTS)
    assert_schema(out.results, VALIDATION_RESULTS)
    assert out.results["success"].all()
    assert out.gx_result is not None and out.gx_result.success


def test_results_one_row_per_expectation(good_outcome):
    rows, out = good_outcome
    suite = build_suite(TABLES)
    assert suite.name == SUITE_NAME
    assert out.results.height == len(suite.expectations)
    assert set(out.results["run_id"]) == {RUN_ID}
    assert set(out.results["batch"]) == {0}
    between = out.results.filter(
        (pl.col("expectation") == BETWEEN) & (pl.col("column_name") == "goldstein")
    ).row(0, named=True)
    assert between["element_count"] == len(rows)
    assert between["unexpected_count"] == 0
    details = json.loads(between["details"])
    assert details == {"column": "goldstein", "max_value": 10, "min_value": -10}
    pairs = out.results.filter(pl.col("expectation") == PAIR)["column_name"].to_list()
    assert "doc_length,target_end" in pairs and "action_end,action_start" in pairs
    for details in out.results["details"]:
        json.loads(details)


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_bad_value_rejected_with_expectation_named(mixed_outcome, case):
    bad_ids, _, out, _ = mixed_outcome
    rejected = out.rejected.filter(pl.col("event_id") == bad_ids[case])
    assert rejected.height == 1
    assert rejected["failed_expectations"][0] == BAD_CASES[case][1]
    assert bad_ids[case] not in out.valid["event_id"].to_list()


def test_good_rows_beside_bad_rows_stay_valid(mixed_outcome):
    bad_ids, good_ids, out, rows = mixed_outcome
    assert out.success is False
    # Every good row is valid, once, in input order; the first of the duplicated ids too.
    assert out.valid["event_id"].to_list() == list(dict.fromkeys(good_ids))
    assert out.valid.height + out.rejected.height == len(rows)
    assert_schema(out.valid, EVENTS)
    assert_schema(out.rejected, REJECTED_EVENTS)
    # Rejected rows keep their original values.
    nan_row = out.rejected.filter(pl.col("event_id") == bad_ids["goldstein_nan"])
    assert nan_row["goldstein"].is_nan().all()


def test_duplicate_event_id_rejects_later_occurrences(mixed_outcome):
    _, _, out, rows = mixed_outcome
    dup_id = rows[-5]["event_id"]
    kept = out.valid.filter(pl.col("event_id") == dup_id)
    assert kept.height == 1 and kept["action_text"][0] == rows[-5]["action_text"]
    dups = out.rejected.filter(pl.col("event_id") == dup_id)
    assert dups.height == 2
    assert set(dups["failed_expectations"]) == {"expect_column_values_to_be_unique(event_id)"}
    assert dups["action_text"].to_list() == ["shelled", "attacked"]  # input order
    unique = out.results.filter(pl.col("expectation") == "expect_column_values_to_be_unique")
    assert unique["success"][0] is False
    assert unique["unexpected_count"][0] == 3  # GX counts every occurrence


def test_results_count_failures(mixed_outcome):
    _, _, out, rows = mixed_outcome
    failed = out.results.filter(~pl.col("success"))
    by_name = {
        f"{e}({c})": u
        for e, c, u in failed.select("expectation", "column_name", "unexpected_count").iter_rows()
    }
    assert by_name[f"{IN_SET}(cameo_code)"] == 1
    assert by_name[f"{BETWEEN}(goldstein)"] == 3  # goldstein_11, goldstein_nan, two_failures
    assert set(failed["batch"]) == {3}
    assert set(failed["element_count"]) == {len(rows)}
    assert by_name[f"{IN_SET}(coded_side)"] == 2  # no_side_named, no_side_coded
    assert by_name[f"{IN_SET}(target_side)"] == 2  # a missing side with a code, with offsets


def test_empty_frame():
    out = validate_events(pl.DataFrame(schema=EVENTS), {}, TABLES, RUN_ID, 7)
    assert out.success is True
    assert out.valid.height == 0 and out.rejected.height == 0
    assert_schema(out.valid, EVENTS)
    assert_schema(out.rejected, REJECTED_EVENTS)
    assert_schema(out.results, VALIDATION_RESULTS)
    assert out.results["success"].all()


def test_frame_off_contract_is_an_error():
    frame = conform([event_row(0)], EVENTS)
    with pytest.raises(ValueError, match="missing"):
        validate_events(frame.drop("goldstein"), DOC_LENGTHS, TABLES, RUN_ID, 0)
    with pytest.raises(ValueError, match="extra"):
        validate_events(
            frame.with_columns(pl.lit(1).alias("doc_length")), DOC_LENGTHS, TABLES, RUN_ID, 0
        )


def test_code_tables_accept_plain_sets():
    tables = CodeTables({"010"}, {"01"}, {"CONSULT"}, {"USA"})
    assert isinstance(tables.cameo_codes, frozenset)
    assert hash(tables) == hash(CodeTables({"010"}, {"01"}, {"CONSULT"}, {"USA"}))


def test_code_tables_of_a_cameo_table():
    from transforms.codes import cameo_table

    tables = CodeTables.of(cameo_table())
    assert {"010", "0211", "19"} <= tables.cameo_codes and "19" in tables.cameo_roots
    assert {"CONSULT", "ASSAULT"} <= tables.plover_types
    assert {"PRK", "UKR", "XKX"} <= tables.countries


@pytest.mark.slow
def test_two_thousand_rows_fast_after_first_call(good_outcome):
    rows = [event_row(i, doc_id=f"doc-{i % 3}") for i in range(2000)]
    rows[1500]["goldstein"] = 42.0
    frame = conform(rows, EVENTS)
    start = time.perf_counter()
    out = validate_events(frame, DOC_LENGTHS, TABLES, RUN_ID, 1)
    seconds = time.perf_counter() - start
    print(f"validate_events on 2,000 rows: {seconds:.2f} s")
    assert out.valid.height == 1999 and out.rejected.height == 1
    assert out.rejected["event_id"][0] == rows[1500]["event_id"]
    assert seconds < 3.0  # target 1.5 s; slack for slow CI machines


@pytest.mark.slow
def test_data_docs_written_and_escaped(tmp_path, good_outcome):
    rows = [event_row(i) for i in range(4)]
    rows[1].update(sentence_text=f"He said {XSS} today.", action_text=XSS, cameo_code=XSS)
    rows[2].update(source_country=XSS)
    bad = validate(rows, batch=2)
    assert bad.rejected.height == 2
    assert XSS in bad.rejected["sentence_text"][0]

    index = write_data_docs([good_outcome[1], bad], tmp_path / "data_docs", "run/2024 01")
    assert index.name == "index.html" and index.is_file()
    assert index.parent.parent == (tmp_path / "data_docs").resolve()
    pages = [p for p in index.parent.rglob("*.html")]
    validation_pages = [p for p in pages if "validations" in p.parts]
    assert len(validation_pages) == 2
    text = {p: p.read_text(encoding="utf-8") for p in pages}
    for page, html in text.items():
        assert "alert(1)</script>" not in html, page
        assert "<script>alert" not in html, page
    # The value did reach the pages, escaped.
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in html for html in text.values())
    assert SUITE_NAME in text[index]
    # Offline: no script at all, nothing loaded from the network, no fonts (GX wrote about 4 MB).
    for page, html in text.items():
        assert "<script" not in html.lower(), page
        assert not re.search(r"<(?:link|script|img)\b[^>]*(?:href|src)\s*=\s*[\"']?(?:https?:)?//", html, re.I), page
    assert not (index.parent / "static" / "fonts").exists()
    assert sum(f.stat().st_size for f in index.parent.rglob("*") if f.is_file()) < 600_000
    # The outcome's own result is left unescaped (only the rendered copy is).
    values = [
        r.result.get("unexpected_list")
        for r in bad.gx_result.results
        if r.expectation_config.kwargs.get("column") == "cameo_code" and not r.success
    ]
    assert values == [[XSS]]


# A run id GX used to read as a date: "-2795" parsed as a -27:95 UTC offset and
# crashed the run (and "-0395" silently shifted it by hours).
DATE_LIKE_RUN_IDS = ["20261129T030058Z-2795ad3a", "20261129T030058Z-0395ad3a"]


@pytest.mark.parametrize("run_id", DATE_LIKE_RUN_IDS)
def test_a_run_id_that_looks_like_a_date_is_never_parsed_as_one(run_id):
    rows = [event_row(i) for i in range(3)]
    out = validate_events(conform(rows, EVENTS), DOC_LENGTHS, TABLES, run_id, 0)
    assert out.valid.height == 3
    assert set(out.results["run_id"]) == {run_id}
    run = out.gx_result.meta["run_id"]
    assert run.run_name == run_id
    assert abs((run.run_time - datetime.now(timezone.utc)).total_seconds()) < 120  # now, not 2026-11-29 +27 h


@pytest.mark.slow
def test_data_docs_for_a_date_like_run_id(tmp_path, good_outcome):
    index = write_data_docs([good_outcome[1]], tmp_path / "docs", DATE_LIKE_RUN_IDS[0])
    assert index.is_file() and index.parent.name == DATE_LIKE_RUN_IDS[0]


def test_data_docs_are_pruned_to_the_newest_sites(tmp_path):
    root = tmp_path / "data_docs"
    names = [f"2024060{d}T120000Z-abcdef0{d}" for d in range(1, 6)]
    for name in names:
        (root / name).mkdir(parents=True)
        (root / name / "index.html").write_text("<html></html>")
    (root / "notes").mkdir()  # not a site: left alone
    deleted = prune_data_docs(root, keep=2)
    assert [p.name for p in deleted] == names[:3]
    assert sorted(p.name for p in root.iterdir()) == [*names[3:], "notes"]
    assert prune_data_docs(root, keep=2) == []
    prune_data_docs(root, keep=0)
    assert [p.name for p in root.iterdir()] == ["notes"]
    with pytest.raises(ValueError):
        prune_data_docs(root, keep=-1)
    assert prune_data_docs(tmp_path / "missing", keep=1) == []


@pytest.mark.slow
def test_data_docs_read_offline_in_headless_chromium(tmp_path, good_outcome):
    """The index lists each validation with its status and links to its page; both pages show
    their content with the network off, load nothing from outside the site, and log no errors."""
    from browser import Browser, find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("headless Chromium is not installed (apt-get install chromium; .ci/run does it where apt exists)")
    rows = [event_row(i) for i in range(4)]
    rows[1].update(sentence_text=f"He said {XSS} today.", cameo_code=XSS)
    bad = validate(rows, batch=1)
    index = write_data_docs([good_outcome[1], bad], tmp_path / "data_docs", "run-offline")
    site = index.parent.as_uri()
    with Browser(chromium) as browser:
        browser.open(index)
        listed = browser.evaluate(
            "[...document.querySelectorAll('table.dotterel-offline-index tbody tr')]"
            ".map(r => [r.cells[0].textContent, r.querySelector('a').getAttribute('href')])"
        )
        assert sorted(status for status, _ in listed) == ["Failed", "Success"]
        assert browser.log.errors() == []
        failed_page = next(href for status, href in listed if status == "Failed")
        browser.open(index.parent / failed_page)
        body = browser.evaluate("document.body.innerText")
        assert "cameo_code" in body and XSS in body  # the observed value shows as text
        assert browser.evaluate("document.querySelectorAll('table tr').length") > 20
        assert browser.evaluate("window.__pwned === undefined")
        assert browser.log.errors() == []
        assert all(url.startswith(site) for url in browser.log.requests), browser.log.requests
