"""Code co-occurrence as a network: the codes that occur together most, on a circle, each sized by its own
frequency, joined by lines as thick as the pairs are frequent (or as their coefficient c is high). The table comes
first; this is the picture of it a paper can carry (ATLAS.ti draws a Sankey, MAXQDA a map)."""

from __future__ import annotations

import math
import textwrap

from matplotlib.figure import Figure

from annotator.analysis.cooccurrence import Cooccurrence
from annotator.core.errors import AnnotatorError
from annotator.reports.charts import OKABE_ITO, TEXT_WIDTH

MEASURES = ("count", "coefficient")


def network_layout(result: Cooccurrence, *, top: int = 24, measure: str = "count", most_edges: int = 60
                   ) -> tuple[list[int], list[tuple[int, int, float]]]:
    """Which codes to draw (up to `top`, taken from the strongest pairs down) and which pairs join them (the
    strongest `most_edges` among those codes), as (code index, code index, weight)."""
    if measure not in MEASURES:
        raise AnnotatorError(f"A network is drawn by count or by coefficient, not by '{measure}'.")
    weight = (lambda n, c: float(n)) if measure == "count" else (lambda n, c: c)
    pairs = sorted(((i, j, weight(n, c)) for i, j, n, c in result.pairs()), key=lambda p: (-p[2], p[0], p[1]))
    if not pairs:
        raise AnnotatorError("No two codes occur together here: there is no network to draw.")
    nodes: list[int] = []
    for i, j, _w in pairs:
        for k in (i, j):
            if k not in nodes and len(nodes) < top:
                nodes.append(k)
    chosen = set(nodes)
    edges = [p for p in pairs if p[0] in chosen and p[1] in chosen][:most_edges]
    return sorted(nodes), edges


def cooccurrence_network_figure(result: Cooccurrence, *, top: int = 24, measure: str = "count",
                                width: float = TEXT_WIDTH) -> Figure:
    nodes, edges = network_layout(result, top=top, measure=measure)
    figure = Figure(figsize=(width, width))
    axes = figure.add_axes((0.24, 0.24, 0.52, 0.52))  # the rest is room for the names around the circle
    axes.set_aspect("equal")
    axes.set_axis_off()
    axes.set_xlim(-1.08, 1.08)
    axes.set_ylim(-1.08, 1.08)
    place = {k: (math.cos(math.pi / 2 - 2 * math.pi * n / len(nodes)),
                 math.sin(math.pi / 2 - 2 * math.pi * n / len(nodes))) for n, k in enumerate(nodes)}
    strongest = max(w for _i, _j, w in edges) or 1.0
    for i, j, w in sorted(edges, key=lambda e: e[2]):  # the strongest drawn last, on top
        share = w / strongest
        axes.plot(*zip(place[i], place[j]), color=OKABE_ITO[5], linewidth=0.6 + 6.4 * share,
                  alpha=0.35 + 0.55 * share, solid_capstyle="round", zorder=1)
    biggest = max(result.frequencies[k] for k in nodes) or 1
    for k in nodes:
        x, y = place[k]
        axes.scatter([x], [y], s=40 + 360 * result.frequencies[k] / biggest, color=OKABE_ITO[0], zorder=2,
                     edgecolors="white", linewidths=0.8)
        angle = math.degrees(math.atan2(y, x))
        right = -90 <= angle <= 90
        axes.text(1.1 * x, 1.1 * y, _name(result.codes[k].label), fontsize=7.5,
                  rotation=angle if right else angle - 180, rotation_mode="anchor", va="center",
                  ha="left" if right else "right", zorder=3)
    what = "passages together" if result.relation == "overlap" else "turns together"
    figure.text(0.01, 0.99, f"Line width: {what}" + (" (coefficient c)" if measure == "coefficient" else "")
                + "\nCircle size: the code's own frequency", ha="left", va="top", fontsize=7, color="#555555")
    figure.set_facecolor("white")
    figure.node_codes = [result.codes[k].label for k in nodes]  # (what is drawn, for the GUI and the tests)
    figure.edge_count = len(edges)
    return figure


def _name(label: str) -> str:
    """A code's own name, not its path (its theme is in the table), short enough for the ring."""
    return textwrap.shorten(label.split(" > ")[-1], 26, placeholder="…")
