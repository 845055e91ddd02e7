"""Assemble the report page: charts as Plotly divs, tables through an autoescaping Jinja2 template."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import jinja2
import plotly.io as pio
from plotly.offline import get_plotlyjs

from warehouse.reporting.charts import CHARTS
from warehouse.reporting.data import ReportData, read_report_data

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent),
    autoescape=True,  # every value is escaped unless marked safe (only Plotly's own markup is)
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _version() -> str:
    try:
        return metadata.version("dotterel")
    except metadata.PackageNotFoundError:
        return "dev"


def chart_divs(data: ReportData) -> dict[str, str]:
    """Each chart as a <div> plus the script that draws it (Plotly's JS itself is inlined once)."""
    return {
        name: pio.to_html(build(data), full_html=False, include_plotlyjs=False, div_id=f"chart-{name}",
                          config=PLOTLY_CONFIG, validate=True)
        for name, build in CHARTS.items()
    }


def render_html(data: ReportData, data_docs_dir: Path | None = None) -> str:
    latest = data.latest
    return _ENV.get_template("page.html.j2").render(
        name=data.warehouse.stem,
        warehouse=str(data.warehouse),
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        version=_version(),
        plotly_js=get_plotlyjs(),
        totals=data.totals,
        charts=chart_divs(data),
        recent=data.recent.to_dicts(),
        runs=data.runs.to_dicts(),
        latest=latest,
        expectations=latest.expectations.to_dicts() if latest else [],
        passed=int(latest.expectations["passed"].sum()) if latest and latest.expectations.height else 0,
        ingest_errors=latest.ingest_errors.to_dicts() if latest else [],
        rejected=latest.rejected_by_reason.to_dicts() if latest else [],
        data_docs=data.data_docs,
        data_docs_dir=str(data_docs_dir) if data_docs_dir else "",
    )


def render_page(warehouse: Path, target: Path, *, data_docs_dir: Path | None = None) -> Path:
    data = read_report_data(warehouse, data_docs_dir)
    page = render_html(data, data_docs_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(page)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target.resolve()
