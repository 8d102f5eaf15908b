"""The one-page data handling summary as a Word document: a short table per topic (project file, key file, backups,
de-identification, residual scan, audit log), then what to look at first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from docx.shared import Inches, Pt

from annotator.reports.docx_base import GREY, ReportDocument
from annotator.reports.docx_tables import new_table, set_widths, write_cell

Rows = Sequence[tuple[str, str]]
_ITEM_WIDTH = Inches(1.7)


def write_data_handling(path: Path, project: str, sections: Sequence[tuple[str, Rows]], concerns: Sequence[str],
                        prepared_by: str) -> None:
    report = ReportDocument()
    section = report.doc.sections[0]
    section.top_margin = section.bottom_margin = Inches(0.7)  # one page, with room for six short tables
    report.paragraph("Data handling summary", "Title", space_after=2)
    report.paragraph(project, "Subtitle", space_after=2)
    today = date.today()
    report.paragraph(f"Prepared {today.day} {today:%B %Y} with Annotator by {prepared_by}. Facts only: paths, counts and dates; no names or "
                     "passages.", size=9, colour=GREY, space_after=6)
    width = report.text_width
    for title, rows in sections:
        heading = report.heading(title, 3)
        heading.paragraph_format.space_before = Pt(8)
        heading.paragraph_format.keep_with_next = True
        table = new_table(report, 2)
        for index, (item, value) in enumerate(rows):
            cells = table.rows[0].cells if index == 0 else table.add_row().cells
            write_cell(cells[0], item, bold=True, size=9, keep_with_next=index < len(rows) - 1)
            write_cell(cells[1], value, size=9, keep_with_next=index < len(rows) - 1)
        set_widths(table, [_ITEM_WIDTH, width - _ITEM_WIDTH])
    heading = report.heading("To look at", 3)
    heading.paragraph_format.space_before = Pt(8)
    for concern in concerns or ["Nothing found."]:
        report.paragraph(concern[:1].upper() + concern[1:], "List Bullet", size=9.5, space_after=0)
    report.save(path)
