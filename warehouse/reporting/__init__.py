"""A self-contained static HTML report of one warehouse.

``write_report(warehouse, out_dir)`` writes ``out_dir/<warehouse stem>.html``:
events over time by QuadClass, Goldstein trends of the top dyads, a map of
geocoded events, the actor network, top actors and event types, the recent
events with their evidence sentences, and the latest run's validation
(expectations, rejected rows and skipped inputs by reason).

The page needs no network: Plotly's JavaScript is inlined once, the map's
outlines come from an installed package (see ``basemap``), and nothing is
loaded from a URL. All article text is escaped: Jinja2 autoescapes the page,
and ``charts.esc`` escapes what goes into figures. The file is written under a
temporary name and renamed into place, so a reader never sees half a page.

Imports are lazy: Plotly and networkx cost a second to import, and only the
report needs them.
"""

from __future__ import annotations

from pathlib import Path


def report_path(warehouse: Path, out_dir: Path) -> Path:
    """Where the report of ``warehouse`` goes in ``out_dir``: one page per warehouse."""
    return Path(out_dir) / f"{Path(warehouse).stem}.html"


def write_report(warehouse: Path, out_dir: Path, *, data_docs_dir: Path | None = None) -> Path:
    """Render the report of ``warehouse`` into ``out_dir`` and return its path."""
    from warehouse.reporting.page import render_page

    return render_page(Path(warehouse), report_path(warehouse, out_dir), data_docs_dir=data_docs_dir)
