"""The Word reports: coded passages by code, the codebook table ("Table 2"), participant characteristics
("Table 1") and memos."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.shared import Pt, RGBColor

from annotator.analysis.participant_table import Section
from annotator.core.errors import AnnotatorError
from annotator.core.transcript import is_role_label
from annotator.reports.docx_base import ReportDocument, set_cell
from annotator.reports.model import CodebookRow, CodeSection, MemoEntry, Quotation

GREY = RGBColor(0x59, 0x59, 0x59)
Progress = Callable[[int, int, str], None]


def attribution(q: Quotation) -> str:
    """'P03, [Participant 3], ¶12, 00:03:12' — participant pseudonym, speaker, paragraph or timestamp."""
    parts = [q.participant or q.document]
    if q.speaker and q.speaker != q.participant and not is_role_label(q.speaker):  # "P03, Dana"; not "P01, R"
        parts.append(q.speaker)
    parts.append(q.timestamp or f"¶{q.paragraph}")
    return ", ".join(parts)


def write_coded_report(path: Path, project: str, sections: Sequence[CodeSection], *, filters: Sequence[str],
                       anonymous: bool, progress: Progress | None = None,
                       is_cancelled: Callable[[], bool] | None = None) -> int:
    """Returns the number of quotations written."""
    report = ReportDocument()
    lines = [f"Codes: {len(sections)}", *(f"Filter: {f}" for f in filters)]
    if anonymous:
        lines.append("Quotations without identifying information: no attribution is given.")
    report.title_page("Coded report", project, lines)
    report.table_of_contents()
    written = 0
    for index, section in enumerate(sections):
        if is_cancelled is not None and is_cancelled():
            raise AnnotatorError("The report was cancelled; no file was written.")
        if progress is not None:
            progress(index, len(sections), section.name)
        report.heading(section.name, section.depth + 1)
        if section.description:
            report.paragraph(section.description, italic=True)
        report.paragraph(f"{section.references} references · {section.participants} participants · "
                         f"{section.documents} documents", size=9, colour=GREY)
        for memo in section.memos:
            report.paragraph(f"Memo: {memo}", size=10, colour=GREY)
        for quotation in section.quotations:
            report.paragraph(f"“{' '.join(quotation.text.split())}”", "Quote")
            details = [] if anonymous else [f"— {attribution(quotation)}"]
            if quotation.other_codes:
                details.append("also coded: " + "; ".join(quotation.other_codes))
            if details:
                p = report.paragraph("  ".join(details), "Quote", size=9, colour=GREY)
                p.paragraph_format.space_after = Pt(10)
            written += 1
    report.page_numbers()
    report.save(path)
    if progress is not None:
        progress(len(sections), len(sections), "")
    return written


def write_codebook_report(path: Path, project: str, rows: Sequence[CodebookRow]) -> None:
    report = ReportDocument()
    section = report.doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE  # seven columns
    section.page_width, section.page_height = section.page_height, section.page_width
    report.paragraph("Codebook", "Title")
    report.paragraph(project, "Subtitle")
    report.paragraph(f"Table 2. Themes, subthemes and codes ({len(rows)} codes)", "Caption")
    headers = ("Code", "Definition", "When to use", "When not to use", "Example", "References", "Participants")
    table = report.doc.add_table(rows=1, cols=len(headers))
    table.style = report.doc.styles["Table Grid"]
    for cell, header in zip(table.rows[0].cells, headers):
        set_cell(cell, header, bold=True, size=9)
    for row in rows:
        cells = table.add_row().cells
        set_cell(cells[0], ("    " * row.depth) + row.name, bold=row.depth == 0, size=9)
        for cell, value in zip(cells[1:5], (row.description, row.when_to_use, row.when_not_to_use, row.example)):
            set_cell(cell, value, size=9)
        set_cell(cells[5], str(row.references), size=9)
        set_cell(cells[6], str(row.participants), size=9)
    report.page_numbers()
    report.save(path)


def write_participant_table(path: Path, project: str, participants: int, sections: Sequence[Section]) -> None:
    report = ReportDocument()
    report.paragraph(project, "Subtitle")
    report.paragraph(f"Table 1. Participant characteristics (N = {participants})", "Caption")
    table = report.doc.add_table(rows=1, cols=2)
    table.style = report.doc.styles["Table Grid"]
    set_cell(table.rows[0].cells[0], "Characteristic", bold=True)
    set_cell(table.rows[0].cells[1], "n (%)", bold=True)
    for section in sections:
        cells = table.add_row().cells
        set_cell(cells[0], section.attribute.capitalize(), bold=True)
        set_cell(cells[1], "")
        for line in section.lines:
            cells = table.add_row().cells
            set_cell(cells[0], f"    {line.label}")
            set_cell(cells[1], f"{line.n} ({line.percent}%)")
        if section.summary:
            cells = table.add_row().cells
            set_cell(cells[0], "    median (range)")
            set_cell(cells[1], section.summary)
        if section.missing:
            cells = table.add_row().cells
            set_cell(cells[0], "    not recorded")
            set_cell(cells[1], str(section.missing))
    report.paragraph("Percentages are of participants with a recorded value and are rounded to sum to 100.",
                     size=9, colour=GREY)
    report.save(path)


def write_memos_report(path: Path, project: str, memos: Sequence[MemoEntry]) -> None:
    report = ReportDocument()
    report.title_page("Memos", project, [f"{len(memos)} memos"])
    current = None
    for memo in memos:
        if memo.heading != current:
            report.heading(memo.heading, 1)
            current = memo.heading
        if memo.title:
            report.heading(memo.title, 2)
        for paragraph in memo.body.split("\n"):
            if paragraph.strip():
                report.paragraph(paragraph)
        report.paragraph(f"{memo.author or 'unknown'} · {memo.modified[:10]}", size=9, colour=GREY)
    report.page_numbers()
    report.save(path)


def write_agreement_report(path: Path, project: str, coders: Sequence[str],
                           rows: Sequence[tuple[str, float, float, float, int]]) -> None:
    report = ReportDocument()
    report.paragraph("Inter-coder agreement", "Title")
    report.paragraph(project, "Subtitle")
    report.paragraph(f"Coders: {', '.join(coders)}. Character level: percent agreement and Cohen's kappa (mean of "
                     "coder pairs when more than two), Krippendorff's alpha (nominal).", size=10, colour=GREY)
    table = report.doc.add_table(rows=1, cols=5)
    table.style = report.doc.styles["Table Grid"]
    for cell, header in zip(table.rows[0].cells, ("Code", "Agreement %", "Kappa", "Alpha", "Characters coded")):
        set_cell(cell, header, bold=True, size=9)
    for name, percent, kappa, alpha, coded in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, (name, f"{percent:.1f}", f"{kappa:.2f}", f"{alpha:.2f}", f"{coded:,}")):
            set_cell(cell, value, bold=name == "All codes", size=9)
    report.save(path)
