"""The report: one self-contained page per warehouse, safe with hostile text, drawn in a real browser.

The browser tests start Debian's headless Chromium with the network off
(tests/browser.py). Where it is not installed they skip; .ci/run installs it
with apt so CI always runs them. ``DOTTEREL_SCREENSHOT=path`` also saves the
screenshot there (the README's docs/report.png is made that way).
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from browser import Browser, find_chromium
from test_warehouse import doc, event, stage
from warehouse.loader import load_run
from warehouse.reporting import report_path, write_report

ROOT = Path(__file__).resolve().parents[1]
CHARTS = ("volume", "goldstein", "map", "network", "actors", "types", "cameo")
# Each one would run script if it reached the page as markup.
XSS_IMG = '<img src=x onerror="window.__pwned=1">'
XSS_SCRIPT = "</script><script>window.__pwned=2</script>"
XSS_URL = "javascript:window.__pwned=3"


@pytest.fixture
def hostile_warehouse(tmp_path) -> Path:
    """Article text with markup in every field the page shows, plus a rejected row and an ingest error."""
    docs = [
        doc("x1", title=f"Title {XSS_IMG}", source=f"Wire {XSS_SCRIPT}", url=XSS_URL, published_date=date(2024, 5, 1)),
        doc("x2", title="Plain", url="https://news.example.org/2", published_date=date(2024, 5, 2)),
    ]
    events = [
        event("h1", "x1", sentence_text=f"Russia {XSS_IMG} attacked Ukraine {XSS_SCRIPT}.",
              source_text=f"Russia {XSS_IMG}", target_text=f"Ukraine {XSS_SCRIPT}",
              action_text=XSS_IMG, event_date=date(2024, 5, 1),
              location_name=f"Kyiv {XSS_IMG}", location_type="city", location_country="UKR",
              latitude=50.45, longitude=30.52),
        event("h2", "x2", source_code="USA", source_country="USA", source_text="Washington",
              target_code="CHN", target_country="CHN", target_text="Beijing", cameo_code="040",
              cameo_root="04", plover_type="CONSULT", quad_class=1, goldstein=1.0, event_date=date(2024, 5, 2)),
    ]
    rejected = [{**event("bad", "x2", quad_class=7), "failed_expectations":
                 "expect_column_values_to_be_in_set(quad_class); expect_column_values_to_not_be_null(event_date)"}]
    errors = [{"run_id": "r1", "source_path": f"in/{XSS_IMG}.jsonl", "record": "line 3",
               "error": f"invalid JSON: Expecting value {XSS_SCRIPT}"},
              {"run_id": "r1", "source_path": "in/b.jsonl", "record": "line 9", "error": "invalid JSON: Extra data"},
              {"run_id": "r1", "source_path": "in/c.bin", "record": None, "error": "binary file (contains NUL bytes), not text"}]
    validation = [{"run_id": "r1", "batch": 0, "expectation": "expect_column_values_to_be_in_set",
                   "column_name": "quad_class", "success": False, "element_count": 3, "unexpected_count": 1,
                   "details": "{}"},
                  {"run_id": "r1", "batch": 0, "expectation": "expect_column_values_to_not_be_null",
                   "column_name": "event_id", "success": True, "element_count": 3, "unexpected_count": 0,
                   "details": "{}"}]
    path = tmp_path / "hostile.duckdb"
    load_run(path, stage(tmp_path, "r1", docs, events, rejected, errors, validation))
    return path


def test_report_is_one_self_contained_page(hostile_warehouse, tmp_path):
    page = write_report(hostile_warehouse, tmp_path / "report")
    assert page == report_path(hostile_warehouse, tmp_path / "report").resolve()
    assert page.name == "hostile.html"
    assert [p.name for p in page.parent.iterdir()] == ["hostile.html"]  # no temporaries, no asset folder
    html = page.read_text(encoding="utf-8")
    # Nothing is fetched: no external scripts, styles, images or fonts.
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert not re.search(r"""url\(\s*['"]?https?:""", html)
    assert len(re.findall(r'<div id="chart-(\w+)"', html)) == len(CHARTS)
    assert "Plotly.newPlot" in html and "plotly.js v" in html  # the library itself is inlined


def test_article_text_is_escaped_everywhere(hostile_warehouse, tmp_path):
    html = write_report(hostile_warehouse, tmp_path / "report").read_text(encoding="utf-8")
    for payload in (XSS_IMG, XSS_SCRIPT, "onerror=\"window"):
        assert payload not in html, payload
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;" in html  # shown as text in the table
    assert f'href="{XSS_URL}"' not in html and "javascript:" not in html.split("<body>", 1)[1]


def test_validation_section_names_reasons(hostile_warehouse, tmp_path):
    html = write_report(hostile_warehouse, tmp_path / "report").read_text(encoding="utf-8")
    section = html.split('id="validation"', 1)[1]
    rejected = section.split('id="rejected-by-reason"', 1)[1].split("</table>", 1)[0]
    assert re.search(r"expect_column_values_to_be_in_set\(quad_class\)</td><td class=\"num\">1<", rejected)
    assert re.search(r"expect_column_values_to_not_be_null\(event_date\)</td><td class=\"num\">1<", rejected)
    reasons = section.split('id="ingest-errors-by-reason"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r"<td>([^<]+)</td><td class=\"num\">(\d+)</td>", reasons) == [
        ("invalid JSON", "2"), ("binary file (contains NUL bytes), not text", "1")
    ]
    expectations = section.split('id="expectations"', 1)[1].split("</table>", 1)[0]
    assert expectations.index("failed") < expectations.index("passed")  # failures first


def test_one_sided_events_show_their_missing_side(tmp_path):
    """A one-sided event (issue #10) is listed with "(none named)" for its missing side and
    counted among events; it is no dyad of the Goldstein chart, no actor, no network edge."""
    from warehouse.reporting.data import read_report_data

    missing = {f"target_{c}": None for c in ("text", "code", "country", "sector", "start", "end")}
    events = [event("e1", "x1", event_date=date(2024, 5, 1)),
              event("e2", "x1", sentence_index=1, source_code="LKAGOV", source_country="LKA",
                    source_text="Sri Lanka's prime minister", action_text="resigned", cameo_code="0831",
                    cameo_root="08", plover_type="CONCEDE", quad_class=2, goldstein=5.0,
                    event_date=date(2024, 5, 2), **missing)]
    path = tmp_path / "one_sided.duckdb"
    load_run(path, stage(tmp_path, "r1", [doc("x1", published_date=date(2024, 5, 2))], events))
    data = read_report_data(path)
    assert data.totals["events"] == 2
    assert set(data.goldstein["dyad"]) == {"RUS → UKR"}
    assert None not in data.top_actors["code"].to_list() and "LKAGOV" in data.top_actors["code"].to_list()
    assert data.network.height == 1
    html = write_report(path, tmp_path / "out").read_text(encoding="utf-8")
    recent = html.split('id="recent-events"', 1)[1].split("</table>", 1)[0]
    assert "(none named)" in recent and "None" not in recent


def test_report_of_an_empty_warehouse(tmp_path):
    path = tmp_path / "empty.duckdb"
    load_run(path, stage(tmp_path, "r0", [], []))
    html = write_report(path, tmp_path / "out").read_text(encoding="utf-8")
    assert "No events yet." in html and "No inputs skipped." in html


# --------------------------------------------------------------------------- real browser

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium; .ci/run does it where apt exists)",
)

DRAWN = """(() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  return Object.fromEntries(plots.map(p => [p.id.replace('chart-', ''),
    p.querySelectorAll('.main-svg').length > 0 ? p.querySelectorAll('.trace, .annotation, .point').length : 0]));
})()"""


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory) -> Path:
    from flows.pipeline import run_pipeline

    root = tmp_path_factory.mktemp("sample-report")
    warehouse = root / "dotterel.duckdb"
    run_pipeline([ROOT / "corpus" / "sample"], warehouse=str(warehouse))
    return write_report(warehouse, root / "report")


@needs_chromium
@pytest.mark.slow
def test_report_draws_in_headless_chromium_offline(sample_report, tmp_path):
    with Browser(CHROMIUM, width=1280, height=900) as browser:
        browser.open(sample_report)
        drawn = browser.wait_until(
            f"(() => {{ const d = {DRAWN}; return Object.keys(d).length === {len(CHARTS)} "
            "&& Object.values(d).every(n => n > 0) ? d : null; })()"
        )
        assert drawn and set(drawn) == set(CHARTS), browser.evaluate(DRAWN)
        # The map drew its outlines and its event markers, the network its edges.
        assert browser.evaluate("document.querySelectorAll('#chart-map .scatterlayer .trace').length") == 3
        assert browser.evaluate("document.querySelectorAll('#chart-map .scatterlayer .trace:last-child .point').length") > 5
        assert browser.evaluate("document.querySelectorAll('#chart-network .annotation').length") > 10
        rows = browser.evaluate("document.querySelectorAll('#recent-events tbody tr').length")
        assert rows > 10
        assert browser.log.errors() == []
        assert browser.log.requests == [sample_report.as_uri()]  # nothing but the page itself
        shot = browser.screenshot(tmp_path / "report.png", height=3000)
    assert shot.stat().st_size > 50_000
    if os.environ.get("DOTTEREL_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["DOTTEREL_SCREENSHOT"])


@needs_chromium
def test_hostile_text_never_runs_in_the_browser(hostile_warehouse, tmp_path):
    page = write_report(hostile_warehouse, tmp_path / "report")
    with Browser(CHROMIUM) as browser:
        browser.open(page)
        assert browser.wait_until("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
        # Hover labels are built on demand: show the map point's and check its text.
        browser.evaluate(
            "Plotly.Fx.hover('chart-map', [{curveNumber: 2, pointNumber: 0}]), true"
        )
        hover = browser.wait_until("document.querySelector('#chart-map .hoverlayer')?.textContent || ''")
        assert XSS_IMG.split(" ")[0] in hover  # the markup shows as text
        assert browser.evaluate("window.__pwned === undefined")
        cell = browser.evaluate("document.querySelector('#recent-events td.sentence').textContent")
        sentences = browser.evaluate("[...document.querySelectorAll('#recent-events td.sentence')].map(c => c.textContent)")
        assert f"Russia {XSS_IMG} attacked Ukraine {XSS_SCRIPT}." in sentences, (cell, sentences)
        assert browser.log.errors() == []


def test_report_command_writes_the_page_and_refuses_an_old_warehouse(hostile_warehouse, tmp_path):
    import duckdb
    from typer.testing import CliRunner

    from flows.cli import app
    from warehouse.migrate import migrate

    result = CliRunner().invoke(app, ["report", "--out", str(tmp_path / "out"), "--warehouse", str(hostile_warehouse)])
    assert result.exit_code == 0, result.output
    assert f"report: {(tmp_path / 'out' / 'hostile.html').resolve()}" in result.output.replace("\n", "")

    old = tmp_path / "old.duckdb"
    conn = duckdb.connect(str(old))
    migrate(conn, target=3)
    conn.close()
    result = CliRunner().invoke(app, ["report", "--out", str(tmp_path / "out"), "--warehouse", str(old)])
    assert result.exit_code == 2
    assert "warehouse schema v3 is older than this Dotterel's" in result.output
    assert "Traceback" not in result.output
