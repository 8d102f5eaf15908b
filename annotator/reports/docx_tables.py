"""Tables that survive being pasted into a paper: fixed column widths (Word and LibreOffice otherwise split the page
evenly), a header row repeated on each page, rows kept whole, and the three rules journals ask for."""

from __future__ import annotations

import math
from collections.abc import Sequence

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt

from annotator.reports.docx_base import safe

# What follows each element inside its parent, in the order the OOXML schema fixes (Word refuses files that differ).
_AFTER_TBL_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
_AFTER_TC_BORDERS = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
_AFTER_TBL_W = ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", *_AFTER_TBL_BORDERS)

CHAR_WIDTH = Inches(0.058)  # a 9 pt Calibri character of running text, as measured: enough to size columns


def new_table(report, columns: int, style: str = "Table Grid"):
    table = report.doc.add_table(rows=1, cols=columns)
    table.style = report.doc.styles[style]  # once per table, not per cell
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    return table


def set_widths(table, widths: Sequence[Emu]) -> None:
    """Fixed layout with each column's width on the grid, the table and every cell: Word reads the cells,
    LibreOffice the grid, and without a fixed layout both re-balance the columns by their text."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        column.w = Emu(width)
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths):
            tc.width = Emu(width)
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(tbl_w, *_AFTER_TBL_W)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(sum(widths) / 635)))  # EMU to twentieths of a point


def balanced_widths(columns: Sequence[Sequence[str]], total: Emu, minimum: Emu,
                    step: Emu = Inches(0.1)) -> list[Emu]:
    """Share total among text columns (each a list of its cells, row by row) so the table is as short as it can be:
    widths grow a step at a time where that saves most lines, rows being as tall as their longest cell. Splitting
    by amount of text instead leaves a column of a few long entries narrow, and each of its rows very tall."""
    if not columns:
        return []
    lengths = [[len(text or "") for text in column] for column in columns]
    rows = list(zip(*lengths))
    widths = [int(minimum)] * len(columns)
    left = int(total) - sum(widths)

    def cost(candidate: list[int]) -> tuple[int, int]:
        # The table's height, then (to climb out of rows where two cells are equally long) all cells' lines.
        per_line = [max(1, int((w - Inches(0.15)) / CHAR_WIDTH)) for w in candidate]
        cells = [[-(-n // per_line[c]) or 1 for c, n in enumerate(row)] for row in rows]
        return sum(max(row) for row in cells), sum(map(sum, cells))

    current = cost(widths)
    while left >= step:
        trials = [(cost([w + step if c == i else w for c, w in enumerate(widths)]), i) for i in range(len(widths))]
        best, column = min(trials)
        if best >= current:
            break
        widths[column] += step
        left -= step
        current = best
    weights = [sum(column) + 1 for column in lengths]  # what no step could use goes where the text is
    return [Emu(w + left * weight // sum(weights)) for w, weight in zip(widths, weights)]


def estimated_lines(text: str, width: Emu) -> int:
    per_line = max(1, int((width - Inches(0.15)) / CHAR_WIDTH))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in (text or "").split("\n"))


def repeat_header(row) -> None:
    """The header row comes back at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(_on("w:tblHeader"))
    keep_row_together(row)


def keep_row_together(row) -> None:
    row._tr.get_or_add_trPr().append(_on("w:cantSplit"))


def three_rules(table) -> None:
    """A rule above the table, one under the header and one below it: no vertical lines (APA, most journals)."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_border(edge, "single" if edge in ("top", "bottom") else "nil"))
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    tbl_pr.insert_element_before(borders, *_AFTER_TBL_BORDERS)
    for tc in table._tbl.tr_lst[0].tc_lst:
        cell_borders = OxmlElement("w:tcBorders")
        cell_borders.append(_border("bottom", "single", size=4))
        tc.get_or_add_tcPr().insert_element_before(cell_borders, *_AFTER_TC_BORDERS)


def write_cell(cell, text: str, *, bold: bool = False, size: float | None = None, indent: Emu | None = None,
               align: WD_ALIGN_PARAGRAPH | None = None, keep_with_next: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(safe(text))
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    paragraph_format = paragraph.paragraph_format
    # Direct, because LibreOffice does not apply the table style's paragraph spacing and adds 10 pt under each line.
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing = 1.0
    if indent:
        paragraph_format.left_indent = indent
    if align is not None:
        paragraph_format.alignment = align
    if keep_with_next:  # in a row, Word keeps the row on the page of the next one
        paragraph_format.keep_with_next = True


def _on(tag: str):
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    return element


def _border(edge: str, kind: str, size: int = 8):
    element = OxmlElement(f"w:{edge}")
    element.set(qn("w:val"), kind)
    if kind != "nil":
        element.set(qn("w:sz"), str(size))  # eighths of a point
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
    return element
