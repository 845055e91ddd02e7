"""The report's charts, as Plotly figures built from ReportData frames.

Plotly renders text fields as a subset of HTML, so every string that reaches
a figure from the warehouse (actor texts, place names, codes) goes through
``esc`` first and shows as typed, never as markup.
"""

from __future__ import annotations

import html
import math

import networkx as nx
import plotly.graph_objects as go
import polars as pl

from warehouse.reporting import basemap
from warehouse.reporting.data import QUAD_CLASSES, ReportData

QUAD_COLOURS = {1: "#5b8def", 2: "#1f9d55", 3: "#f0a030", 4: "#d64541"}
COOPERATION, CONFLICT, MIXED = "#1f9d55", "#d64541", "#8a8f98"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def esc(value) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def _layout(fig: go.Figure, title: str, height: int = 360, **extra) -> go.Figure:
    fig.update_layout(
        title={"text": esc(title), "x": 0, "xanchor": "left", "font": {"size": 15}},
        height=height,
        margin={"l": 50, "r": 20, "t": 44, "b": 40},
        template="plotly_white",
        font={"family": FONT, "size": 12},
        legend={"orientation": "h", "y": -0.18},
        **extra,
    )
    return fig


def volume_by_quad_class(data: ReportData) -> go.Figure:
    fig = go.Figure()
    for quad, label in QUAD_CLASSES.items():
        rows = data.volume.filter(pl.col("quad_class") == quad)
        fig.add_bar(
            x=rows["period"].to_list(), y=rows["events"].to_list(), name=label,
            marker_color=QUAD_COLOURS[quad],
            hovertemplate=f"%{{x}}<br>{label}: %{{y}} events<extra></extra>",
        )
    return _layout(fig, f"Events per {data.bucket}, by QuadClass", barmode="stack", bargap=0.15,
                   yaxis_title="de-duplicated events")


def goldstein_over_time(data: ReportData) -> go.Figure:
    fig = go.Figure()
    for dyad in data.goldstein["dyad"].unique(maintain_order=True).to_list():
        rows = data.goldstein.filter(pl.col("dyad") == dyad)
        fig.add_scatter(
            x=rows["period"].to_list(), y=rows["mean_goldstein"].to_list(), name=esc(dyad),
            mode="lines+markers",
            marker={"size": [6 + 2 * math.sqrt(n) for n in rows["events"].to_list()]},
            customdata=rows["events"].to_list(),
            hovertemplate=f"{esc(dyad)}<br>%{{x}}: mean Goldstein %{{y:.1f}} over %{{customdata}} events<extra></extra>",
        )
    fig.add_hline(y=0, line_width=1, line_color="#999")
    return _layout(fig, f"Goldstein score per {data.bucket}, top {data.goldstein['dyad'].n_unique()} dyads",
                   yaxis={"range": [-10.5, 10.5], "title": "mean Goldstein"})


def event_map(data: ReportData) -> go.Figure:
    land, borders = basemap.land(), basemap.borders()
    fig = go.Figure()
    fig.add_scatter(x=land.lon, y=land.lat, mode="lines", fill="toself", fillcolor="#eef0f2",
                    line={"color": "#b8bec6", "width": 0.6}, hoverinfo="skip", showlegend=False, name="land")
    fig.add_scatter(x=borders.lon, y=borders.lat, mode="lines", line={"color": "#cfd4da", "width": 0.5},
                    hoverinfo="skip", showlegend=False, name="borders")
    places = data.places
    if places.height:
        fig.add_scatter(
            x=places["lon"].to_list(), y=places["lat"].to_list(), mode="markers", name="events",
            marker={
                "size": [8 + 6 * math.sqrt(n) for n in places["events"].to_list()],
                "color": places["mean_goldstein"].fill_null(0).to_list(),
                "colorscale": "RdYlGn", "cmin": -10, "cmax": 10, "opacity": 0.85,
                "line": {"color": "#333", "width": 0.6},
                "colorbar": {"title": {"text": "Goldstein"}, "thickness": 10, "len": 0.6},
            },
            text=[
                f"<b>{esc(name)}</b> ({esc(country)})<br>{events} events, {mentions} mentions<br>"
                f"mean Goldstein {gold:.1f}<br>{esc(_shorten(dyads, 120))}"
                for name, country, events, mentions, gold, dyads in zip(
                    places["name"], places["country"], places["events"], places["mentions"],
                    places["mean_goldstein"].fill_null(0), places["dyads"].fill_null(""),
                )
            ],
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    x_range, y_range = _map_window(places)
    fig = _layout(fig, f"Where events happened ({data.totals['located_events']} of {data.totals['events']} "
                       "events have a place)", height=430)
    fig.update_xaxes(range=x_range, showgrid=False, zeroline=False, title=None, ticksuffix="°")
    fig.update_yaxes(range=y_range, showgrid=False, zeroline=False, title=None, ticksuffix="°",
                     scaleanchor="x", scaleratio=1)
    fig.update_layout(plot_bgcolor="#dbe9f6")
    return fig


def _map_window(places: pl.DataFrame) -> tuple[list[float], list[float]]:
    """The events' bounding box with a margin, at least 60° x 30°, clipped to the world."""
    if places.height == 0:
        return [-180, 180], [-60, 85]
    lon, lat = places["lon"], places["lat"]
    x0, x1 = lon.min() - 15, lon.max() + 15
    y0, y1 = lat.min() - 10, lat.max() + 10
    if x1 - x0 < 60:
        mid = (x0 + x1) / 2
        x0, x1 = mid - 30, mid + 30
    if y1 - y0 < 30:
        mid = (y0 + y1) / 2
        y0, y1 = mid - 15, mid + 15
    return [max(x0, -180), min(x1, 180)], [max(y0, -90), min(y1, 90)]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _edge_colour(weight: float | None) -> str:
    if weight is None:
        return MIXED
    if weight > 0.2:
        return COOPERATION
    if weight < -0.2:
        return CONFLICT
    return MIXED


def network_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Spring layout per connected component: the largest fills the square, the rest sit in a row beneath.

    One spring layout of a graph with several components pushes them apart
    and squeezes each into a strip; laying them out separately keeps every
    component readable.
    """
    positions: dict[str, tuple[float, float]] = {}
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c)))
    small = components[1:]
    for i, nodes in enumerate(components):
        sub = graph.subgraph(nodes)
        layout = nx.spring_layout(sub, seed=7, weight="weight", k=2.0 / math.sqrt(len(sub)), iterations=200)
        if i == 0:
            centre, scale = (0.0, 0.0), 1.0
        else:
            per_row = max(min(len(small), 6), 1)
            row, column = divmod(i - 1, per_row)
            centre = (-1.0 + (column + 0.5) * 2.0 / per_row, -1.45 - 0.55 * row)
            scale = min(0.8 / per_row, 0.3)
        for node, (x, y) in layout.items():
            positions[node] = (centre[0] + scale * float(x), centre[1] + scale * float(y))
    return positions


def actor_network(data: ReportData) -> go.Figure:
    edges = data.network
    graph = nx.Graph()
    for row in edges.iter_rows(named=True):
        a, b = row["source_code"], row["target_code"]
        previous = graph.get_edge_data(a, b, {}).get("weight", 0)
        graph.add_edge(a, b, weight=previous + row["num_events"])
    positions = network_layout(graph)
    fig = go.Figure()
    annotations = []
    mid_x, mid_y, mid_text = [], [], []
    for row in edges.iter_rows(named=True):
        (x0, y0), (x1, y1) = positions[row["source_code"]], positions[row["target_code"]]
        colour = _edge_colour(row["weight"])
        annotations.append({
            "x": x1, "y": y1, "ax": x0, "ay": y0, "xref": "x", "yref": "y", "axref": "x", "ayref": "y",
            "showarrow": True, "arrowhead": 2, "arrowsize": 1, "standoff": 9, "startstandoff": 9,
            "arrowwidth": 1 + 1.5 * math.log1p(row["num_events"]), "arrowcolor": colour, "opacity": 0.75,
            "text": "",
        })
        mid_x.append(x0 + (x1 - x0) * 0.55)
        mid_y.append(y0 + (y1 - y0) * 0.55)
        mid_text.append(
            f"{esc(row['source_code'])} → {esc(row['target_code'])}<br>{row['num_events']} events "
            f"({row['cooperation']} cooperation, {row['conflict']} conflict)<br>"
            f"mean Goldstein {row['mean_goldstein'] or 0:.1f}"
        )
    fig.add_scatter(x=mid_x, y=mid_y, mode="markers", marker={"size": 10, "opacity": 0},
                    text=mid_text, hovertemplate="%{text}<extra></extra>", showlegend=False, name="edges")
    nodes = list(graph.nodes)
    degree = dict(graph.degree(weight="weight"))
    fig.add_scatter(
        x=[positions[n][0] for n in nodes], y=[positions[n][1] for n in nodes], mode="markers+text",
        text=[esc(n) for n in nodes], textposition="top center", textfont={"size": 11},
        marker={"size": [10 + 3 * math.sqrt(degree[n]) for n in nodes], "color": "#2d3e50",
                "line": {"color": "white", "width": 1}},
        customdata=[degree[n] for n in nodes],
        hovertemplate="%{text}: %{customdata} events<extra></extra>", showlegend=False, name="actors",
    )
    for colour, label in ((COOPERATION, "mostly cooperation"), (CONFLICT, "mostly conflict"), (MIXED, "mixed")):
        fig.add_scatter(x=[None], y=[None], mode="lines", line={"color": colour, "width": 3}, name=label)
    fig = _layout(fig, f"Actor network (top {edges.height} directed edges by events)", height=520,
                  annotations=annotations)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def top_actors(data: ReportData) -> go.Figure:
    rows = data.top_actors.reverse()
    fig = go.Figure()
    fig.add_bar(y=[esc(c) for c in rows["code"]], x=rows["as_source"].to_list(), orientation="h",
                name="as source", marker_color="#2d3e50")
    fig.add_bar(y=[esc(c) for c in rows["code"]], x=rows["as_target"].to_list(), orientation="h",
                name="as target", marker_color="#9aa7b4")
    return _layout(fig, "Top actors", height=420, barmode="stack", xaxis_title="events")


def event_types(data: ReportData) -> go.Figure:
    rows = data.plover_types.reverse()
    fig = go.Figure()
    fig.add_bar(
        y=[esc(t) for t in rows["plover_type"]], x=rows["events"].to_list(), orientation="h",
        marker_color=[QUAD_COLOURS.get(q, MIXED) for q in rows["quad_class"].fill_null(0)],
        hovertemplate="%{y}: %{x} events<extra></extra>", showlegend=False,
    )
    return _layout(fig, "Event types (PLOVER), coloured by QuadClass", height=420, xaxis_title="events")


def cameo_codes(data: ReportData) -> go.Figure:
    rows = data.cameo_codes.reverse()
    labels = [f"{esc(code)} {esc(_shorten(name, 38))}".strip() for code, name in zip(rows["cameo_code"], rows["name"])]
    fig = go.Figure()
    fig.add_bar(y=labels, x=rows["events"].to_list(), orientation="h", marker_color="#5b6b7d",
                hovertemplate="%{y}: %{x} events<extra></extra>", showlegend=False)
    fig = _layout(fig, f"Top {rows.height} CAMEO codes", height=420, xaxis_title="events")
    fig.update_layout(margin={"l": 260})
    return fig


CHARTS = {
    "volume": volume_by_quad_class,
    "goldstein": goldstein_over_time,
    "map": event_map,
    "network": actor_network,
    "actors": top_actors,
    "types": event_types,
    "cameo": cameo_codes,
}
