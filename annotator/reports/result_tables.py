"""An analysis result's table (annotator.analysis.tables.Table) as a Word table a paper can take: numbers right-aligned
with one number of decimals a column, code rows indented as the tree, text columns sharing what the numbers leave,
the long headers of many narrow number columns (a co-occurrence table's codes) set vertically, and the header
repeated on each page. Rows are written as XML directly: python-docx's cell setters cost thousands of rows seconds."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from docx.shared import Emu, Inches
from lxml.etree import SubElement

from annotator.analysis.tables import Table
from annotator.reports.docx_base import ReportDocument, safe
from annotator.reports.docx_tables import (
    CHAR_WIDTH,
    balanced_widths,
    estimated_lines,
    new_table,
    set_widths,
    three_rules,
)

TREE_INDENT = Inches(0.15)
MARGINS = Inches(0.16)  # a cell's left and right margins together, as the Table Grid style sets them
COMPACT_MARGINS = Inches(0.08)
SHORT_TEXT = Inches(1.7)  # a text column up to this wide keeps its text on one line
VERTICAL_LIMIT = Inches(1.75)  # the tallest a vertical header gets
BOLD = 1.1  # bold text, and headers, are about a tenth wider
PORTRAIT_LIMIT = Inches(6.0)  # the text width of a portrait report page
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Column:
    header: str
    texts: list[str]
    numeric: bool


def columns_of(table: Table) -> list[Column]:
    """Each column's cells as text: a column of numbers (blanks allowed) gets one number of decimals throughout,
    the most any of its values needs (up to three), with thousands separated."""
    out = []
    for i, header in enumerate(table.header):
        values = [row[i] if i < len(row) else "" for row in table.rows]
        numbers = [v for v in values if v not in ("", None)]
        numeric = bool(numbers) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers)
        if numeric:
            places = min(3, max((len(repr(round(v, 3)).partition(".")[2]) for v in numbers if isinstance(v, float)),
                                default=0))
            texts = ["" if v in ("", None) else f"{v:,.{places}f}" for v in values]
        else:
            texts = [_WHITESPACE.sub(" ", str(v)).strip() if v is not None else "" for v in values]
        out.append(Column(str(header), texts, numeric))
    return out


def natural_width(columns: Sequence[Column], depths: Sequence[int] | None = None) -> Emu:
    """About how wide the table wants to be: numbers at their widest, text up to two inches a column."""
    indent = TREE_INDENT * max(depths or [0])
    total = 0
    for i, column in enumerate(columns):
        longest = max((len(t) for t in column.texts), default=0)
        header = max((len(w) for w in column.header.split()), default=0)
        chars = max(longest, header) if column.numeric else min(max(longest, header), 34)
        total += chars * CHAR_WIDTH + MARGINS + (indent if i == 0 else 0)
    return Emu(int(total))


@dataclass(frozen=True)
class Layout:
    widths: list[int]
    vertical: list[bool]  # headers set bottom to top
    size: float  # points
    compact: bool  # narrow cell margins, for many number columns


def add_table(report: ReportDocument, table: Table, *, depths: Sequence[int] | None = None,
              bold_rows: Collection[int] = (), size: float = 9):
    """The table under whatever the report wrote last; `depths` indents the first column's rows as the code tree."""
    columns = columns_of(table)
    layout = _layout(columns, depths, report.text_width, size)
    widths, size = layout.widths, layout.size
    docx_table = new_table(report, len(columns))
    tbl = docx_table._tbl
    tbl.remove(tbl.tr_lst[0])
    height, limit = None, 0
    if any(layout.vertical):  # as tall as the longest label, cut to VERTICAL_LIMIT
        limit = int((VERTICAL_LIMIT - Inches(0.12)) / (_char(size) * BOLD))
        longest = min(limit, max(len(c.header) for c, up in zip(columns, layout.vertical) if up))
        height = int(longest * _char(size) * BOLD) + Inches(0.12)
    header = _row(tbl, header=True, height=height)
    for column, width, up in zip(columns, widths, layout.vertical):
        text = column.header if not up or len(column.header) <= limit else column.header[:limit - 1].rstrip() + "…"
        _cell(header, text, width, bold=True, size=size, right=column.numeric and not up, vertical=up)
    three_rules(docx_table)
    if layout.compact:
        _narrow_margins(tbl)
    top = min(depths, default=0) if depths else 0
    tree = bool(depths) and any(d != top for d in depths)
    for r in range(len(table.rows)):
        texts = [c.texts[r] for c in columns]
        tall = max(estimated_lines(t, w) for t, w in zip(texts, widths))
        row = _row(tbl, keep_together=tall <= 14)  # a row over about a quarter page may break, or leave a gap
        depth = depths[r] - top if depths and r < len(depths) else 0
        bold = r in bold_rows or (tree and depth == 0)
        for i, (column, width, text) in enumerate(zip(columns, widths, texts)):
            _cell(row, text, width, bold=bold, size=size, right=column.numeric,
                  indent=TREE_INDENT * depth if i == 0 and depth else 0)
    set_widths(docx_table, widths)
    return docx_table


def _char(size: float) -> float:
    return CHAR_WIDTH * size / 9


def _layout(columns: Sequence[Column], depths, available: Emu, size: float) -> Layout:
    """Number columns as wide as their numbers and their header's longest word; text columns as wide as their
    text up to SHORT_TEXT, the longer ones sharing what is left. When the number columns will not fit so, their
    headers turn vertical, the text goes down to 8 pt and the cell margins narrow (a co-occurrence table)."""
    numeric = [c.numeric for c in columns]
    texts = [i for i, n in enumerate(numeric) if not n]
    indent = TREE_INDENT * max(depths or [0])

    def natural(i: int, size: float, margins: float) -> float:
        # A tenth more than the measured characters: bold rows (themes, totals) are that much wider.
        chars = max(len(t) for t in [columns[i].header, *columns[i].texts])
        return chars * _char(size) * BOLD + margins + (indent if i == 0 else 0)

    def numbers(size: float, margins: float, vertical: list[bool]) -> list[float]:
        out = []
        for c, up in zip(columns, vertical):
            digits = max((len(t) for t in c.texts), default=1) * _char(size) * BOLD + margins
            word = max((len(w) for w in c.header.split()), default=1) * _char(size) * BOLD + margins
            out.append(max(digits, Inches(0.2)) if up else max(digits, word, Inches(0.4)))
        return out

    floor = sum(min(natural(i, size, MARGINS), SHORT_TEXT) for i in texts)
    vertical, margins, compact = [False] * len(columns), MARGINS, False
    wide = numbers(size, margins, vertical)
    if sum(w for w, n in zip(wide, numeric) if n) + floor > available:
        size, margins, compact = min(size, 8), COMPACT_MARGINS, True
        horizontal = numbers(size, margins, vertical)
        vertical = [n and c.header.strip() != "" and len(max(c.header.split(), key=len)) > 3 for n, c in
                    zip(numeric, columns)]
        wide = [w if not up else v for w, v, up in zip(horizontal, numbers(size, margins, [True] * len(columns)),
                                                         vertical)]
    widths = [int(w) if n else 0 for w, n in zip(wide, numeric)]
    left = int(available) - sum(widths)
    short = [i for i in texts if natural(i, size, margins) <= SHORT_TEXT]
    long = [i for i in texts if i not in short]
    for i in short:
        widths[i] = int(natural(i, size, margins))
    rest = left - sum(widths[i] for i in short)
    if long and rest < Inches(0.9) * len(long):  # too little left: every text column shares what there is
        long, rest = texts, max(left, int(Inches(0.9)) * len(texts))
    if long:
        shared = balanced_widths([[columns[i].header, *columns[i].texts] for i in long], Emu(rest),
                                 Emu(int(Inches(0.9))))
        for i, width in zip(long, shared):
            widths[i] = int(width)
    return Layout(widths, vertical, size, compact)


def _narrow_margins(tbl) -> None:
    margins = SubElement(tbl.tblPr, _W + "tblCellMar")
    for edge in ("left", "right"):
        SubElement(margins, _W + edge, {_W + "w": str(int(COMPACT_MARGINS / 2) // 635), _W + "type": "dxa"})
    look = tbl.tblPr.find(_W + "tblLook")  # tblCellMar comes before tblLook in the schema
    if look is not None:
        look.addprevious(margins)


def _row(tbl, *, header: bool = False, height: int | None = None, keep_together: bool = True):
    """A table row; the header comes back on each page the table runs onto."""
    tr = SubElement(tbl, _W + "tr")
    properties = SubElement(tr, _W + "trPr")
    if keep_together:
        SubElement(properties, _W + "cantSplit")
    if height is not None:
        SubElement(properties, _W + "trHeight", {_W + "val": str(int(height) // 635), _W + "hRule": "atLeast"})
    if header:
        SubElement(properties, _W + "tblHeader")
    return tr


def _cell(tr, text: str, width: int, *, bold: bool = False, size: float = 9, right: bool = False,
          indent: int = 0, vertical: bool = False) -> None:
    """One cell, its properties in the order the schema fixes (tcW, textDirection, vAlign; spacing, ind, jc, rPr;
    b, sz): Word refuses a file whose elements are out of order."""
    tc = SubElement(tr, _W + "tc")
    properties = SubElement(tc, _W + "tcPr")
    SubElement(properties, _W + "tcW", {_W + "w": str(width // 635), _W + "type": "dxa"})
    if vertical:
        SubElement(properties, _W + "textDirection", {_W + "val": "btLr"})
        SubElement(properties, _W + "vAlign", {_W + "val": "center"})
    elif tr.find(_W + "trPr/" + _W + "tblHeader") is not None:
        SubElement(properties, _W + "vAlign", {_W + "val": "bottom"})
    p = SubElement(tc, _W + "p")
    paragraph = SubElement(p, _W + "pPr")
    # Spacing set directly: LibreOffice does not apply the table style's and adds 10 pt under each line.
    SubElement(paragraph, _W + "spacing", {_W + "after": "0", _W + "line": "240", _W + "lineRule": "auto"})
    if indent:
        SubElement(paragraph, _W + "ind", {_W + "left": str(int(indent) // 635)})
    if right:
        SubElement(paragraph, _W + "jc", {_W + "val": "right"})
    # The paragraph mark's size too: an empty cell is otherwise a line of the 11 pt body text, so rows differ.
    SubElement(SubElement(paragraph, _W + "rPr"), _W + "sz", {_W + "val": str(round(size * 2))})
    if text:
        r = SubElement(p, _W + "r")
        run = SubElement(r, _W + "rPr")
        if bold:
            SubElement(run, _W + "b")
        SubElement(run, _W + "sz", {_W + "val": str(round(size * 2))})
        t = SubElement(r, _W + "t", {_SPACE: "preserve"})
        t.text = safe(text)


def needs_landscape(table: Table, depths: Sequence[int] | None = None) -> bool:
    return natural_width(columns_of(table), depths) > PORTRAIT_LIMIT

