"""Analysis results in Word: the saturation section and the code-frequency chart of the coded report, and any
result's table exported on its own (with the chart, for saturation). Figures go in as 300 dpi pictures at the
text width, each with a numbered caption above it and a note under it, as journals set them."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.shared import Inches

from annotator.analysis.matrix import NOT_RECORDED, Matrix
from annotator.analysis.saturation import CITATION, Saturation, statement
from annotator.analysis.tables import Table
from annotator.core.plural import counted
from annotator.reports.docx_base import ReportDocument
from annotator.reports.result_tables import add_table, needs_landscape

FIGURE_WIDTH = Inches(6.0)  # the charts are drawn this wide, so text in them prints at its set size


@dataclass(frozen=True)
class SaturationPart:
    """The coded report's saturation section."""

    saturation: Saturation
    unit: str = "codes"  # what is counted: codes, themes or subthemes
    scope: str = ""  # which interviews, when a filter narrowed them

    def write(self, report: ReportDocument) -> None:
        write_saturation(report, self.saturation, unit=self.unit, scope=self.scope)


@dataclass(frozen=True)
class FrequencyPart:
    """The coded report's chart of code frequencies split by an attribute's values."""

    matrix: Matrix
    attribute: str
    measure: str = "participants"

    def write(self, report: ReportDocument) -> None:
        write_code_frequencies(report, self.matrix, self.attribute, self.measure)


def saturation_figure_png(saturation: Saturation, unit: str = "codes") -> bytes:
    from annotator.reports.charts import png_bytes, saturation_figure  # matplotlib only when a chart is drawn

    return png_bytes(saturation_figure(saturation, unit=unit))


def write_saturation(report: ReportDocument, saturation: Saturation, *, unit: str = "codes", scope: str = "") -> None:
    report.heading("Thematic saturation", 1)
    report.paragraph(statement(saturation, unit) + (f" Interviews: {scope}." if scope else ""))
    _saturation_figure(report, saturation, unit)
    base = f"base {saturation.base_size}, run {saturation.run_length}, threshold {100 * saturation.threshold:g}%"
    report.caption("Table", f"New information by interview ({base})")
    rows, bold = [], []
    for row in saturation.interviews:
        run = saturation.run_ending_at(row.number)
        if run is not None and run == saturation.run:
            bold.append(len(rows))
        rows.append((row.number, row.label, len(row.new), row.cumulative,
                     _span(run.first, run.last) if run else ("base" if row.in_base else ""),
                     run.new if run else "", round(100 * run.ratio, 1) if run else ""))
    header = ("Interview", "Document", f"New {unit}", f"Cumulative {unit}", "Run", f"New {unit} in run",
              "New information (%)")
    add_table(report, Table("", header, tuple(rows)), bold_rows=bold)
    report.note(f"A run's new information is its new {unit} as a share of the {saturation.base_codes} {unit} in "
                f"the base." + (" Bold: the run at or below the threshold that shows saturation."
                                if saturation.reached else "") + f" {CITATION}")


def _saturation_figure(report: ReportDocument, saturation: Saturation, unit: str) -> None:
    where = (f"; saturation at interview {saturation.reached_at} ({saturation.label})" if saturation.reached
             else "; saturation not reached")
    report.caption("Figure", f"New and cumulative {unit} by interview{where}")
    report.picture(saturation_figure_png(saturation, unit), min(FIGURE_WIDTH, report.text_width),
                   f"Bar chart of new {unit} per interview with a line of cumulative {unit}{where}.")
    report.note(f"Bars: {unit} first applied in each interview; line: {unit} applied so far; shaded: the base of "
                f"{counted(saturation.base_size, 'interview')}."
                + (" Dashed line: the saturation point." if saturation.reached else ""))


def write_code_frequencies(report: ReportDocument, matrix: Matrix, attribute: str,
                           measure: str = "participants") -> None:
    from annotator.reports.charts import code_frequency_figure, png_bytes

    what = {"participants": "Participants", "passages": "Passages", "documents": "Documents",
            "words": "Coded words"}[measure]
    report.heading(f"Code frequencies by {attribute}", 1)
    report.caption("Figure", f"{what} with each code, by {attribute}")
    figure = code_frequency_figure(matrix, measure=measure, attribute=attribute.capitalize())
    report.picture(png_bytes(figure), min(FIGURE_WIDTH, report.text_width),
                   f"Horizontal bar chart of {what.lower()} with each code, one bar for each {attribute}.")
    notes = ["Counts include each code's subcodes."]
    if measure == "participants":
        notes.append(f"n: participants with at least one coded passage, by {attribute}.")
    if any(c.label == NOT_RECORDED for c in matrix.columns):
        notes.append(f"{NOT_RECORDED}: participants without a recorded {attribute}.")
    report.note(" ".join(notes))


def write_result(path: Path, project: str, table: Table, *, notes: Sequence[str] = (),
                 depths: Sequence[int] | None = None, bold_rows: Collection[int] = (),
                 saturation: Saturation | None = None, unit: str = "codes") -> None:
    """One result on its own: the project, the table's title as its caption, the chart first for saturation, the
    table (on landscape pages when it is wide) and its notes."""
    report = ReportDocument()
    if needs_landscape(table, depths):
        section = report.doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        section.left_margin = section.right_margin = Inches(0.75)
        section.top_margin = section.bottom_margin = Inches(0.75)
    report.paragraph(project, "Subtitle")
    if saturation is not None:
        _saturation_figure(report, saturation, unit)
    report.caption("Table", table.title)
    add_table(report, table, depths=depths, bold_rows=bold_rows)
    if notes:
        report.note(" ".join(notes))
    report.page_numbers()
    report.save(path)


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"
