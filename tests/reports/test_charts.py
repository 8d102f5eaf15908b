"""The charts hold what they show: bar heights and widths, the cumulative line, the base and the saturation point,
labels; files are PNG at 300 dpi or SVG, the same bytes each time, drawn without any GUI backend."""

import struct
import subprocess
import sys

import pytest
from matplotlib.colors import to_hex

from annotator.analysis.matrix import Cell, Header, Matrix
from annotator.analysis.saturation import assess
from annotator.core.errors import AnnotatorError
from annotator.reports.charts import (
    DPI,
    INDENT,
    MAX_HEIGHT,
    OKABE_ITO,
    TEXT_WIDTH,
    code_frequency_figure,
    png_bytes,
    recolour,
    saturation_figure,
    save_figure,
)
from tests.analysis.test_saturation import interviews
from tests.conftest import ROOT

NEW = [20, 9, 5, 3, 3, 1, 1, 0, 0, 0]  # Guest, Namey & Chen's worked example: 6+2


def by_gid(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


def test_saturation_figure_shows_new_and_cumulative_codes_the_base_and_the_point():
    result = assess(interviews(NEW))
    fig = saturation_figure(result)
    ax = fig.axes[0]
    bars = by_gid(ax, "new")
    assert [round(b.get_height()) for b in bars] == NEW
    assert [round(b.get_x() + b.get_width() / 2) for b in bars] == list(range(1, 11))
    (line,) = by_gid(ax, "cumulative")
    assert list(line.get_ydata()) == [i.cumulative for i in result.interviews] == [20, 29, 34, 37, 40, 41, 42, 42,
                                                                                  42, 42]
    (point,) = by_gid(ax, "saturation-point")
    assert list(point.get_xdata()) == [6.5, 6.5]  # after interview 6: "6+2"
    (base,) = by_gid(ax, "base")
    assert base.get_x() == 0.5 and base.get_x() + base.get_width() == 4.5
    texts = [t.get_text() for t in ax.texts]
    assert "Saturation 6+2\ninterviews 7–8: 1 new code (2.7%)" in texts
    assert "Base: 4 interviews,\n37 codes" in texts
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"{n}. interview {n}" for n in range(1, 11)]
    assert ax.get_ylabel() == "Number of codes" and ax.get_xlabel() == "Interview, in interview order"
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["New codes", "Cumulative codes", "Saturation point"]
    assert to_hex(bars[0].get_facecolor()) in [c.lower() for c in OKABE_ITO]
    assert fig.get_size_inches()[0] == TEXT_WIDTH


def test_saturation_not_reached_is_written_in_the_plot_and_has_no_point():
    fig = saturation_figure(assess(interviews([5, 4, 3, 2, 2, 2, 2, 2])), unit="themes")
    ax = fig.axes[0]
    assert not by_gid(ax, "saturation-point")
    assert any(t.get_text().startswith("Saturation not reached\n(no run of 2 interviews at or below 5%")
               for t in ax.texts)
    assert ax.get_ylabel() == "Number of themes"
    too_few = saturation_figure(assess(interviews([3, 1, 1])))
    assert any("Needs at least 6 interviews" in t.get_text() for t in too_few.axes[0].texts)
    with pytest.raises(AnnotatorError):
        saturation_figure(assess([]))


def test_long_interview_labels_slant_and_many_interviews_show_numbers():
    labels = [(k, f"Interview with participant {k:02d}", frozenset({k})) for k in range(1, 9)]
    ax = saturation_figure(assess(labels)).axes[0]
    ticks = ax.get_xticklabels()
    assert ticks[0].get_text() == "1. Intervi…ticipant 01" and ticks[0].get_rotation() == 35  # the end tells them apart
    many = saturation_figure(assess(interviews([1] * 30))).axes[0]
    assert [t.get_text() for t in many.get_xticklabels()] == [str(n) for n in range(1, 31)]


def matrix(codes, groups, counts):
    """A matrix whose cells have `counts[r][c]` passages (participants and the like are not needed here)."""
    from annotator.analysis.model import CodingRef

    serial = iter(range(10_000))

    def cell(n):
        return Cell([CodingRef(next(serial), 1, 1, 0, 1, "a") for _ in range(n)])

    rows = [Header(i, label, depth, members=frozenset({i})) for i, (label, depth) in enumerate(codes)]
    cells = [[cell(n) for n in line] for line in counts]
    return Matrix(rows, [Header(g, g) for g in groups], cells, [cell(sum(line)) for line in counts],
                  [cell(sum(col)) for col in zip(*counts)], cell(0))


def test_code_frequency_figure_has_a_bar_per_code_and_value_and_reads_like_the_tree():
    codes = [("Pay", 0), ("Pay > Stipend pay", 1), ("Stigma", 0)]
    fig = code_frequency_figure(matrix(codes, ["female", "male", "(not recorded)"], [[3, 1, 0], [2, 1, 1], [0, 4, 0]]),
                                measure="passages", attribute="Gender")
    ax = fig.axes[0]
    assert [[round(b.get_width()) for b in c] for c in ax.containers] == [[3, 2, 0], [1, 1, 4], [0, 1, 0]]
    centres = [[round(b.get_y() + b.get_height() / 2, 3) for b in c] for c in ax.containers]
    assert centres[0][0] < centres[1][0] < centres[2][0] < centres[0][1]  # grouped: the code's values together
    labels = ax.get_yticklabels()
    assert [t.get_text() for t in labels] == ["Pay", f"{INDENT}Stipend pay", "Stigma"]
    assert [t.get_fontweight() for t in labels] == ["bold", "normal", "bold"]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # the first code on top
    (legend,) = fig.legends
    assert legend.get_title().get_text() == "Gender"
    assert [t.get_text() for t in legend.get_texts()] == ["female", "male", "(not recorded)"]
    colours = [to_hex(c[0].get_facecolor()) for c in ax.containers]
    assert colours[:2] == [OKABE_ITO[0].lower(), OKABE_ITO[1].lower()] and colours[2] == "#a0a0a0"
    assert ax.get_xlabel() == "Passages (coding references)"


def test_thirty_long_code_names_stay_readable():
    names = {f"Code {k:02d}: experiences of being treated as interchangeable with any other peer worker at the site":
             {"female": k % 4, "male": (k * 3) % 5} for k in range(30)}
    fig = code_frequency_figure(names, measure="participants")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 30 and all(len(label.split("\n")) == 2 for label in labels)
    assert all(len(line) <= 40 for label in labels for line in label.split("\n"))
    assert all(label.endswith("…") for label in labels)  # a third line's worth is elided
    assert fig.get_size_inches()[1] <= MAX_HEIGHT
    with pytest.raises(AnnotatorError):
        code_frequency_figure({})


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_files_are_png_at_300_dpi_or_svg_the_same_bytes_each_time(tmp_path):
    result = assess(interviews(NEW))
    png = save_figure(saturation_figure(result), tmp_path / "saturation.png").read_bytes()
    assert png_size(png) == (round(TEXT_WIDTH * DPI), round(3.4 * DPI)) and len(png) > 50_000
    first = save_figure(saturation_figure(result), tmp_path / "a.svg").read_text("utf-8")
    second = save_figure(saturation_figure(result), tmp_path / "b.svg").read_text("utf-8")
    assert first == second and first.startswith("<?xml") and len(first) > 20_000
    assert "<dc:date>" not in first
    assert save_figure(saturation_figure(result), tmp_path / "c.pdf").read_bytes()[:5] == b"%PDF-"
    assert png_bytes(saturation_figure(result), dpi=100)[:4] == b"\x89PNG"
    with pytest.raises(AnnotatorError, match=r"\.png, \.svg or \.pdf"):
        save_figure(saturation_figure(result), tmp_path / "chart.jpg")
    with pytest.raises(AnnotatorError, match="could not be written"):
        save_figure(saturation_figure(result), tmp_path / "missing" / "chart.png")


def test_recolour_takes_the_screen_colours_and_keeps_the_datas():
    fig = saturation_figure(assess(interviews(NEW)))
    recolour(fig, "#202020", "#eeeeee")
    ax = fig.axes[0]
    assert to_hex(fig.get_facecolor()) == "#202020" and to_hex(ax.get_facecolor()) == "#202020"
    assert all(to_hex(t.get_color()) == "#eeeeee" for t in ax.texts)
    assert to_hex(by_gid(ax, "saturation-point")[0].get_color()) == "#eeeeee"
    assert to_hex(by_gid(ax, "new")[0].get_facecolor()) == OKABE_ITO[5].lower()


def test_drawing_charts_never_chooses_a_gui_backend():
    code = ("import sys; from annotator.reports.charts import saturation_figure, png_bytes;"
            "from annotator.analysis.saturation import assess;"
            "png_bytes(saturation_figure(assess([(i, str(i), frozenset({i % 3})) for i in range(8)])));"
            "print(sorted(m for m in sys.modules if m.startswith(('matplotlib.pyplot', 'PySide6', 'PyQt', 'tkinter',"
            " 'matplotlib.backends.backend_qt'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stderr
