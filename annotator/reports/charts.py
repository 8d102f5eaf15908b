"""Publication figures with matplotlib: the saturation chart (new codes per interview, cumulative codes, the
saturation point) and code frequencies split by an attribute's values, saved as PNG, SVG or PDF. Figures are built
on `matplotlib.figure.Figure` directly, never pyplot, so no GUI backend is ever chosen: files render with Agg, and
the GUI embeds the same Figure in a FigureCanvasQTAgg."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.textpath import TextToPath
from matplotlib.ticker import MaxNLocator

from annotator.analysis.matrix import NOT_RECORDED, Matrix, check_measure
from annotator.analysis.saturation import Saturation
from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted

# Okabe & Ito (2008): told apart with every common colour-vision deficiency, and in greyscale by lightness.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
NOT_RECORDED_COLOUR = "#A0A0A0"
BASE_SHADE = "#EBEBEB"
TEXT_WIDTH = 6.0  # inches: the text width of a Word report's portrait page, so a figure goes in at 100%
FORMATS = (".png", ".svg", ".pdf")
DPI = 300
INDENT = "\u2003"  # an em space: one step of the code tree in a chart's labels
MAX_HEIGHT = 7.3  # inches: a tall chart still fits a report page under its heading, caption and note

# DejaVu Sans ships inside matplotlib, so the figure looks the same on a bare machine. The fixed hash salt and
# glyphs drawn as paths make an SVG byte-identical run to run and the same in any viewer (Word has no DejaVu).
STYLE = {
    "font.family": "DejaVu Sans", "font.size": 9, "axes.labelsize": 9, "xtick.labelsize": 8, "ytick.labelsize": 8,
    "legend.fontsize": 8, "legend.title_fontsize": 8, "legend.frameon": False,
    "axes.spines.top": False, "axes.spines.right": False, "axes.linewidth": 0.8, "axes.axisbelow": True,
    "axes.edgecolor": "#222222", "xtick.color": "#222222", "ytick.color": "#222222",
    "xtick.major.width": 0.8, "ytick.major.width": 0.8, "grid.color": "#DDDDDD", "grid.linewidth": 0.6,
    "svg.hashsalt": "annotator", "svg.fonttype": "path", "pdf.fonttype": 42,
    "figure.facecolor": "white", "savefig.facecolor": "auto",
}
_NO_DATE = {".svg": {"Date": None}, ".pdf": {"CreationDate": None, "ModDate": None}, ".png": {}}


def saturation_figure(saturation: Saturation, *, unit: str = "codes", width: float = TEXT_WIDTH) -> Figure:
    """New codes per interview as bars, cumulative codes as a line, the base shaded and the saturation point a
    labelled dashed line after the interview it is reached at (or 'not reached' written in the plot). The artists
    carry gids ('new', 'cumulative', 'base', 'saturation-point') for whoever restyles them, as a dark theme does."""
    rows = saturation.interviews
    if not rows:
        raise AnnotatorError("There are no interviews to chart.")
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, 3.4), layout="constrained")
        ax = fig.add_subplot()
        x = [r.number for r in rows]
        cumulative = [r.cumulative for r in rows]
        top = max(cumulative) * 1.3 or 1
        base_end = min(saturation.base_size, len(rows)) + 0.5
        ax.axvspan(0.5, base_end, color=BASE_SHADE, zorder=0, lw=0, gid="base")
        ax.text((0.5 + base_end) / 2, top * 0.985, f"Base: {counted(saturation.base_size, 'interview')},\n"
                f"{saturation.base_codes} {unit}", ha="center", va="top", fontsize=8, color="#444444",
                linespacing=1.3)
        ax.bar(x, [len(r.new) for r in rows], width=0.6, color=OKABE_ITO[5], zorder=2, label=f"New {unit}", gid="new")
        ax.plot(x, cumulative, color=OKABE_ITO[3], marker="o", markersize=3.5, linewidth=1.5, zorder=3,
                label=f"Cumulative {unit}", gid="cumulative")
        handles = [Patch(color=OKABE_ITO[5], label=f"New {unit}"),
                   Line2D([], [], color=OKABE_ITO[3], marker="o", markersize=3.5, linewidth=1.5,
                          label=f"Cumulative {unit}")]
        if saturation.reached_at is not None:
            at, run = saturation.reached_at + 0.5, saturation.run
            ax.axvline(at, color="#000000", linestyle=(0, (4, 2)), linewidth=1.1, zorder=4, gid="saturation-point")
            handles.append(Line2D([], [], color="#000000", linestyle=(0, (4, 2)), linewidth=1.1,
                                  label="Saturation point"))
            detail = (f"\n{_range(run.first, run.last)}: {counted(run.new, 'new ' + unit.removesuffix('s'))} "
                      f"({100 * run.ratio:.1f}%)"
                      if run is not None else "")
            right = at < (len(rows) + 1) / 2 + 0.5  # the label on the side with more room
            ax.text(at + (0.12 if right else -0.12), top * 0.985, f"Saturation {saturation.label}{detail}",
                    ha="left" if right else "right", va="top",
                    fontsize=8, linespacing=1.3, zorder=5)
        else:
            why = saturation.note or (f"no run of {counted(saturation.run_length, 'interview')} at or below "
                                      f"{100 * saturation.threshold:g}% new information")
            ax.text(len(rows) + 0.4, top * 0.985, f"Saturation not reached\n({why})", ha="right", va="top",
                    fontsize=8, linespacing=1.3, zorder=5)
        ax.set_xlim(0.5, len(rows) + 0.5)
        ax.set_ylim(0, top)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
        ax.grid(axis="y")
        ax.set_ylabel(f"Number of {unit}")
        ax.set_xlabel("Interview, in interview order")
        _interview_ticks(ax, [r.label for r in rows], x, width)
        fig.legend(handles=handles, loc="outside upper center", ncols=len(handles), handlelength=1.6,
                   columnspacing=1.4)
    return fig


def _interview_ticks(ax, labels: Sequence[str], x: Sequence[int], width: float) -> None:
    """Labels under their bars when they fit; slanted when not; only the numbers past two dozen interviews."""
    ax.set_xticks(x)
    if len(x) > 24:
        ax.set_xticklabels([str(n) for n in x])
        return
    # Document names often start with their number already ("01_P01"); others get theirs ("3. Dana").
    # Cut in the middle: names of a series differ at the end ("Interview with participant 01", "... 02").
    short = [_elide_middle(label if label[:1].isdigit() else f"{n}. {label}", 22) for n, label in zip(x, labels)]
    slot = (width - 0.8) / len(x)  # inches per interview
    if max(len(s) for s in short) * 0.065 <= slot:  # ~0.065 in a character at 8 pt
        ax.set_xticklabels(short)
    else:
        ax.set_xticklabels(short, rotation=35, ha="right", rotation_mode="anchor")


def _range(first: int, last: int) -> str:
    return f"interview {first}" if first == last else f"interviews {first}–{last}"


def code_frequency_figure(data: Matrix | Mapping[str, Mapping[str, float]], *, measure: str = "participants",
                          percentage: str | None = None, attribute: str | None = None,
                          width: float = TEXT_WIDTH) -> Figure:
    """Horizontal grouped bars: for each code (top to bottom in the matrix's order), one bar per value of the
    attribute. `data` is a Matrix by attribute (its cells read with `measure` and `percentage`) or plain counts
    {code: {value: count}}. Themes (codes at the top of the tree) are set in bold; long names are wrapped on two
    lines and elided past that."""
    labels, depths, groups, values, sizes = _series(data, measure, percentage)
    if not labels or not groups:
        raise AnnotatorError("There are no codes or no values to chart.")
    wrapped = [_wrap(label) for label in labels]
    per_code = max(0.27 if any("\n" in w for w in wrapped) else 0.2, 0.085 * len(groups) + 0.06)
    height = min(MAX_HEIGHT, 1.0 + per_code * len(labels))
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, height), layout="constrained")
        ax = fig.add_subplot()
        band = 0.8
        bar = band / len(groups)
        colours = _colours(groups)
        for g, group in enumerate(groups):
            offsets = [i - band / 2 + bar * (g + 0.5) for i in range(len(labels))]
            name = f"{group} (n = {sizes[g]})" if sizes else group
            ax.barh(offsets, [row[g] for row in values], height=bar * 0.92, color=colours[g], label=name, zorder=2)
        ax.set_yticks(range(len(labels)))
        _tree_labels(ax, wrapped, depths)
        ax.set_ylim(len(labels) - 0.5, -0.5)  # the first code at the top, as in the codebook
        ax.xaxis.set_major_locator(MaxNLocator(integer=percentage is None))
        ax.grid(axis="x")
        ax.set_xlabel(_measure_label(measure, percentage))
        if percentage is not None:
            ax.set_xlim(0, 100)
        fig.legend(loc="outside upper center", ncols=min(len(groups), 4), title=attribute, handlelength=1.2)
    return fig


def _tree_labels(ax, labels: Sequence[str], depths: Sequence[int]) -> None:
    """Code names left-aligned and indented a step per level, themes in bold, so the axis reads like the code
    tree; the pad that aligns them is the widest label, measured on the font (no renderer is needed)."""
    top = min(depths, default=0)
    tree = any(d != top for d in depths)
    texts = ["\n".join(INDENT * (d - top) + line for line in label.split("\n")) if tree else label
             for label, d in zip(labels, depths)]
    ax.set_yticklabels(texts)
    weights = ["bold" if tree and d == top else "normal" for d in depths]
    measure = TextToPath()
    widest = max(measure.get_text_width_height_descent(line, FontProperties(size=8, weight=w), ismath=False)[0]
                 for text, w in zip(texts, weights) for line in text.split("\n"))
    ax.tick_params(axis="y", length=0, pad=widest + 4)
    for tick, weight in zip(ax.get_yticklabels(), weights):
        tick.set_horizontalalignment("left")
        tick.set_fontweight(weight)


def _series(data, measure: str, percentage: str | None):
    if isinstance(data, Matrix):
        check_measure(measure, percentage)
        rows, columns = data.rows, data.columns
        labels = [h.label.rsplit(" > ", 1)[-1] for h in rows]  # code names cannot hold " > ": it joins the path
        values = [[data.value(r, c, measure, percentage) for c in range(len(columns))] for r in range(len(rows))]
        sizes = ([t.participants for t in data.column_totals]
                 if measure == "participants" and percentage is None else [])
        return labels, [h.depth for h in rows], [c.label for c in columns], values, sizes
    groups = list(dict.fromkeys(g for counts in data.values() for g in counts))
    values = [[counts.get(g, 0) for g in groups] for counts in data.values()]
    return list(data), [0] * len(data), groups, values, []


def _colours(groups: Sequence[str]) -> list[str]:
    palette = iter(OKABE_ITO)
    return [NOT_RECORDED_COLOUR if g == NOT_RECORDED else next(palette, "#555555") for g in groups]


def _measure_label(measure: str, percentage: str | None) -> str:
    label = {"passages": "Passages (coding references)", "participants": "Participants", "documents": "Documents",
             "words": "Coded words"}[measure]
    return f"{label}, % of the {percentage}" if percentage else label


def _wrap(text: str, width: int = 40) -> str:
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], _elide(" ".join(lines[1:]), width)]
    return "\n".join(lines)


def _elide_middle(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head].rstrip() + "…" + text[len(text) - (limit - 1 - head):].lstrip()


def _elide(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def recolour(fig: Figure, background: str, ink: str) -> None:
    """Screen colours (a dark theme's, say) for a figure drawn for paper: the background and ink replace white and
    the near-black of text, axes and the saturation line; the base's shade and the grid are mixed from the two.
    The data's colours stay, as they were chosen to show on light and dark alike. For figures on screen only:
    a saved figure keeps a paper's colours only if it was never recoloured."""
    def mix(share: float) -> tuple[float, float, float]:
        b, i = to_rgb(background), to_rgb(ink)
        return tuple(x + (y - x) * share for x, y in zip(b, i))

    fig.set_facecolor(background)
    texts = list(fig.texts)
    for legend in fig.legends:
        texts += [*legend.get_texts(), legend.get_title()]
        for handle in legend.legend_handles:  # the saturation line's key is drawn in the ink too
            if isinstance(handle, Line2D) and to_rgb(handle.get_color()) == (0.0, 0.0, 0.0):
                handle.set_color(ink)
    for ax in fig.axes:
        ax.set_facecolor(background)
        for spine in ax.spines.values():
            spine.set_edgecolor(ink)
        ax.tick_params(colors=ink, grid_color=mix(0.2), which="both")  # tick_params: ticks made later too
        texts += [*ax.texts, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels()]
        for artist in ax.get_children():
            if artist.get_gid() == "base":
                artist.set_color(mix(0.12))
            elif artist.get_gid() == "saturation-point":
                artist.set_color(ink)
    for text in texts:
        text.set_color(ink)


# ---------------------------------------------------------------------------------------------------- files

def save_figure(fig: Figure, path: Path | str) -> Path:
    """PNG at 300 dpi, or SVG or PDF (vector), by the file's suffix; no date is written, so the same figure gives
    the same file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise AnnotatorError(f"Charts are saved as .png, .svg or .pdf, not {path.suffix or 'a file without one'}.")
    try:
        with matplotlib.rc_context(STYLE):
            fig.savefig(path, format=suffix[1:], dpi=DPI, metadata=_NO_DATE[suffix])
    except OSError as exc:
        raise AnnotatorError(f"{path.name} could not be written ({exc.strerror or exc}).") from exc
    return path


def png_bytes(fig: Figure, dpi: int = DPI) -> bytes:
    """The figure as PNG, for a picture in a Word report."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
