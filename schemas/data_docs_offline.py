"""Great Expectations Data Docs that open with no network, at a tenth of their size.

GX writes each site with its scripts and stylesheets on CDNs (jQuery, Bootstrap,
bootstrap-table, Vega) and 3.5 MB of fonts beside it. Offline, its index is an
empty page: the list of validation results is drawn by bootstrap-table from a
script. The validation pages themselves are plain HTML tables, readable without
any script. So this module rewrites a written site to stand alone:

* every ``<script>`` is removed (the CDN ones cannot load; the inline ones only
  drive them and would fail), and so is every stylesheet loaded from the network;
* the index's empty results table is replaced by a static one (status, run,
  batch, a link to each validation page);
* the fonts, the unused images and the CSS rules that load them are dropped, the
  logo GX loads from the network points at its local copy, and one small inline
  stylesheet of ours lays the tables out.

What a page shows does not change: the same expectations, observed values and
counts, already escaped by `schemas.expectations._escaped_copy`.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.S | re.I)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I)
_REMOTE_IMG_SRC = re.compile(r"(<img\b[^>]*\bsrc\s*=\s*)[\"'](?:https?:)?//[^\"']*[\"']", re.I)
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.I)
# A tag's relative reference (no scheme, no fragment-only link): GX gets some of their depths wrong.
_LOCAL_REF = re.compile(r"<(a|link|img)\b([^>]*?)\b(href|src)\s*=\s*\"([^\"#:]+)\"([^>]*)>", re.I)
_INDEX_TABLE = re.compile(r"<table\b[^>]*\bge-index-page-validation-results-table\b[^>]*>\s*</table>", re.S)
# What a site keeps of GX's static folder: its stylesheets, the logo and the icon.
_KEPT_IMAGES = {"logo-long.png", "favicon.ico"}

OFFLINE_STYLE = """<style id="dotterel-offline">
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1rem 2rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.collapse { display: block; }
.dotterel-failed { color: #b00020; font-weight: 600; }
.dotterel-passed { color: #1b7f3b; font-weight: 600; }
img { max-height: 40px; }
/* controls that only GX's scripts drive (filters, toggles) are hidden: they would do nothing */
[onclick], .btn-group-toggle, div:has(> div > .btn-group-toggle), #section-1-content-block-2-1-body-table-toolbar { display: none !important; }
footer, .fixed-bottom { position: static !important; }
</style>
"""


@dataclass(frozen=True)
class ValidationPage:
    """One validation page of a site, as its index lists it."""

    path: Path
    suite: str
    run_name: str
    batch: str
    success: bool


def make_offline(site_dir: Path, pages: Sequence[ValidationPage]) -> None:
    """Rewrite the Data Docs site in ``site_dir`` so it needs no network (see the module doc)."""
    site_dir = Path(site_dir)
    _trim_static(site_dir / "static")
    logo = site_dir / "static" / "images" / "logo-long.png"
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        text = _SCRIPT.sub("", text)
        text = _REMOTE_LINK.sub("", text)
        local_logo = os.path.relpath(logo, page.parent).replace(os.sep, "/") if logo.is_file() else ""
        text = _REMOTE_IMG_SRC.sub(lambda m: f'{m.group(1)}"{html.escape(local_logo, quote=True)}"', text)
        text = _LOCAL_REF.sub(lambda m: _local_ref(m, page, site_dir), text)
        if page == site_dir / "index.html":
            text = _INDEX_TABLE.sub(lambda _: _index_table(site_dir, pages), text, count=1)
        text = text.replace("</head>", OFFLINE_STYLE + "</head>", 1)
        page.write_text(text, encoding="utf-8")


def _local_ref(match: re.Match, page: Path, site_dir: Path) -> str:
    """A relative reference that resolves, or none: a wrong depth to a static file is corrected
    (GX points its validation pages' icon one folder short), a link to a page GX did not write
    (the expectation suite's) loses its target, and a missing image or stylesheet its tag."""
    tag, before, attr, ref, after = match.groups()
    if (page.parent / ref).exists():
        return match.group(0)
    static = site_dir / "static" / "images" / Path(ref).name
    if static.is_file():
        fixed = os.path.relpath(static, page.parent).replace(os.sep, "/")
        return f'<{tag}{before}{attr}="{html.escape(fixed, quote=True)}"{after}>'
    if tag.lower() == "a":
        return f"<{tag}{before}{after}>"
    return ""


def _trim_static(static: Path) -> None:
    """Drop the fonts and unused images; keep the stylesheets without their font rules."""
    shutil.rmtree(static / "fonts", ignore_errors=True)
    images = static / "images"
    if images.is_dir():
        for image in images.iterdir():
            if image.name not in _KEPT_IMAGES:
                image.unlink()
    styles = static / "styles"
    if styles.is_dir():
        for sheet in styles.glob("*.css"):
            sheet.write_text(_FONT_FACE.sub("", sheet.read_text(encoding="utf-8")), encoding="utf-8")


def _index_table(site_dir: Path, pages: Sequence[ValidationPage]) -> str:
    """The results table GX draws with a script, as static rows (text escaped, links relative)."""
    rows = []
    for page in pages:
        href = html.escape(os.path.relpath(page.path, site_dir).replace(os.sep, "/"), quote=True)
        status, css = ("Success", "dotterel-passed") if page.success else ("Failed", "dotterel-failed")
        rows.append(
            f'<tr><td class="{css}">{status}</td><td>{html.escape(page.suite)}</td><td>{html.escape(page.run_name)}</td>'
            f'<td><a href="{href}">{html.escape(page.batch)}</a></td></tr>'
        )
    return (
        '<table class="ge-index-page-validation-results-table dotterel-offline-index">\n'
        "<thead><tr><th>Status</th><th>Expectation suite</th><th>Run</th><th>Validation (one per chunk of events)</th></tr></thead>\n"
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )
