"""The Word reports: coded passages by code, the codebook table ("Table 2"), participant characteristics
("Table 1") and memos."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches

from annotator.analysis.participant_table import Section, rounding_shows
from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted
from annotator.core.transcript import is_role_label
from annotator.reports.docx_base import GREY, ReportDocument, set_cell
from annotator.reports.docx_tables import (
    CHAR_WIDTH,
    balanced_widths,
    estimated_lines,
    keep_row_together,
    new_table,
    repeat_header,
    set_widths,
    three_rules,
    write_cell,
)
from annotator.reports.model import CodebookRow, CodeSection, MemoEntry, Quotation

Progress = Callable[[int, int, str], None]
_DIGIT_RANGE = re.compile(r"(?<=\d)\s*-\s*(?=\d)")  # "25-34" as typed, printed "25–34" like the median's range
TREE_INDENT = Inches(0.15)  # one level of the code tree inside a table cell
CENTRE = WD_ALIGN_PARAGRAPH.CENTER


def attribution(q: Quotation) -> str:
    """'P03, [Participant 3], ¶12, 00:03:12' — participant pseudonym, speaker, paragraph or timestamp."""
    parts = [q.participant or q.document]
    if q.speaker and q.speaker != q.participant and not is_role_label(q.speaker):  # "P03, Dana"; not "P01, R"
        parts.append(q.speaker)
    parts.append(q.timestamp or f"¶{q.paragraph}")
    return ", ".join(parts)


def write_coded_report(path: Path, project: str, sections: Sequence[CodeSection], *, filters: Sequence[str],
                       anonymous: bool, progress: Progress | None = None,
                       is_cancelled: Callable[[], bool] | None = None, analyses: Sequence = ()) -> int:
    """Returns the number of quotations written. `analyses` (analysis_sections' SaturationPart, FrequencyPart:
    anything with .write(report)) come after the contents, each on its own pages, before the codes."""
    report = ReportDocument()
    lines = [f"Codes: {len(sections)}", *(f"Filter: {f}" for f in filters)]
    if anonymous:
        lines.append("Quotations without identifying information: no attribution is given.")
    report.title_page("Coded report", project, lines)
    anchors = report.contents([(s.name, s.depth, str(s.references)) for s in sections], right_label="Passages",
                              note="Each code in codebook order, with its passages and those of its subcodes.")
    for part in analyses:
        part.write(report)
        report.page_break()
    written = 0
    top = min((s.depth for s in sections), default=0)  # a report on one subtree starts at Heading 1
    report.spool(Path(path).parent)  # from here each paragraph is finished before the next: write them out
    for index, (section, anchor) in enumerate(zip(sections, anchors)):
        if is_cancelled is not None and is_cancelled():
            raise AnnotatorError("The report was cancelled; no file was written.")
        if progress is not None:
            progress(index, len(sections), section.name)
        report.heading(section.name, section.depth - top + 1, anchor=anchor)
        # The heading, its definition and counts stay with the first quotation, and each quotation with its
        # attribution, so no page ends on a heading or starts with an orphaned "— P02, ¶46".
        if section.description:
            report.paragraph(section.description, italic=True, keep_with_next=True)
        report.paragraph(f"{counted(section.references, 'reference')} · {counted(section.participants, 'participant')}"
                         f" · {counted(section.documents, 'document')}", size=9, colour=GREY, keep_with_next=True)
        for memo in section.memos:
            report.paragraph(f"Memo: {memo}", size=10, colour=GREY, keep_with_next=True)
        for quotation in section.quotations:
            details = [] if anonymous else [f"— {attribution(quotation)}"]
            if quotation.other_codes:
                details.append("also coded: " + "; ".join(quotation.other_codes))
            report.paragraph(f"“{' '.join(quotation.text.split())}”", "Quote", keep_with_next=bool(details))
            if details:
                report.paragraph(" · ".join(details), "Quote", size=9, colour=GREY, space_after=10)
            written += 1
    report.page_numbers()
    report.save(path)
    if progress is not None:
        progress(len(sections), len(sections), "")
    return written


# Table 2's text columns: heading, and the row's text.
_CODEBOOK_TEXT = (("Definition", lambda r: r.description), ("When to use", lambda r: r.when_to_use),
                  ("When not to use", lambda r: r.when_not_to_use), ("Example", lambda r: r.example))
_COUNT_WIDTH = Inches(0.85)  # "Participants" in 9 pt bold, with the cell margins


def write_codebook_report(path: Path, project: str, rows: Sequence[CodebookRow]) -> None:
    report = ReportDocument()
    section = report.doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE  # a table of definitions needs the width
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Inches(0.75)
    report.paragraph("Codebook", "Title")
    report.paragraph(project, "Subtitle")
    report.paragraph(f"Table 2. Themes, subthemes and codes ({counted(len(rows), 'code')})", "Caption")
    # A column nobody filled in (often "Example" or "When not to use") is only white space on every page.
    texts = [(title, get) for title, get in _CODEBOOK_TEXT if any(get(r).strip() for r in rows)]
    headers = ["Code", *(title for title, _ in texts), "References", "Participants"]
    # Code names on one line where they can be, so the tree reads down the column; the text columns share the rest.
    code_width = min(Inches(2.0), max(Inches(1.3), max(
        (len(r.name) * CHAR_WIDTH + TREE_INDENT * r.depth for r in rows), default=0) + Inches(0.2)))
    shared = balanced_widths([[get(r) for r in rows] for _, get in texts],
                             report.text_width - code_width - 2 * _COUNT_WIDTH, Inches(1.1))
    widths = [code_width, *shared, _COUNT_WIDTH, _COUNT_WIDTH]
    table = new_table(report, len(headers))
    for cell, header in zip(table.rows[0].cells, headers):
        write_cell(cell, header, bold=True, size=9, align=CENTRE if header in headers[-2:] else None)
    repeat_header(table.rows[0])
    for row in rows:
        table_row = table.add_row()
        cells = table_row.cells
        write_cell(cells[0], row.name, bold=row.depth == 0, size=9, indent=TREE_INDENT * row.depth)
        values = [get(row) for _, get in texts]
        for cell, value in zip(cells[1:], values):
            write_cell(cell, value, size=9)
        write_cell(cells[-2], str(row.references), size=9, align=CENTRE)
        write_cell(cells[-1], str(row.participants), size=9, align=CENTRE)
        # Whole rows read better, but a row over about a quarter of a page must break or leave a gap that tall.
        if max(estimated_lines(v, w) for v, w in zip([row.name, *values], widths)) <= 14:
            keep_row_together(table_row)
    set_widths(table, widths)
    report.note("References and participants include those of each code's subcodes.")
    report.page_numbers()
    report.save(path)


def write_participant_table(path: Path, project: str, participants: int, sections: Sequence[Section]) -> None:
    report = ReportDocument()
    report.paragraph(project, "Subtitle")
    report.paragraph(f"Table 1. Participant characteristics (N = {participants})", "Caption")
    table = new_table(report, 2)
    write_cell(table.rows[0].cells[0], "Characteristic", bold=True)
    write_cell(table.rows[0].cells[1], "n (%)", bold=True, align=CENTRE)
    repeat_header(table.rows[0])
    indent = Inches(0.2)

    def line(label: str, value: str, *, heading: bool = False) -> None:
        row = table.add_row()
        write_cell(row.cells[0], label, bold=heading, indent=None if heading else indent, keep_with_next=heading)
        write_cell(row.cells[1], value, align=CENTRE)
        keep_row_together(row)

    for section in sections:
        line(section.attribute.capitalize(), "", heading=True)
        for entry in section.lines:
            line(_DIGIT_RANGE.sub("–", entry.label), f"{entry.n} ({entry.percent}%)")
        if section.summary:
            line("median (range)", section.summary)
        if section.missing:
            line("not recorded", str(section.missing))
    three_rules(table)
    set_widths(table, [Inches(3.2), Inches(1.4)])
    note = "Percentages are of participants with a recorded value"
    report.note(note + ("; they may not sum to 100 because of rounding." if rounding_shows(sections) else "."))
    report.save(path)


def write_memos_report(path: Path, project: str, memos: Sequence[MemoEntry]) -> None:
    report = ReportDocument()
    report.title_page("Memos", project, [counted(len(memos), "memo")])
    current = None
    for memo in memos:
        if memo.heading != current:
            report.heading(memo.heading, 1)
            current = memo.heading
        if memo.title:
            report.heading(memo.title, 2)
        if memo.about:
            report.paragraph(memo.about, "Quote", keep_with_next=True)
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
