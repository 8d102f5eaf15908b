"""Passages as a flat table, for people who quantitise: CSV (UTF-8 with BOM, so Excel reads accents) or XLSX; or
as a Word list of quotations (search hits, query results)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.reports.anchor import stamp_xlsx
from annotator.reports.docx_base import safe

COLUMNS = ("document", "participant", "speaker", "paragraph", "code", "start", "end", "text", "coder")


def write_passages(path: Path, rows: Sequence[dict], extra_columns: Sequence[str] = ()) -> None:
    columns = [*COLUMNS, *extra_columns]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as f:
            writer = csv.DictWriter(f, columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows({c: _cell(row.get(c)) for c in columns} for row in rows)
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        stamp_xlsx(book)
        sheet = book.create_sheet("Coded passages")
        sheet.append(columns)
        for row in rows:
            sheet.append([_cell(row.get(c)) for c in columns])
        book.save(str(path))
    else:
        raise AnnotatorError(f"Passage tables are written as .csv or .xlsx, not '{suffix or 'no extension'}'.")


def write_passage_document(path: Path, title: str, project: str, rows: Sequence[dict]) -> None:
    """The same passages as a Word document: each a quotation with where it is from."""
    from annotator.reports.docx_base import GREY, ReportDocument

    report = ReportDocument()
    report.heading(title, 1)
    report.spool(path.parent)
    report.paragraph(f"{project} · {len(rows)} passage{'s' if len(rows) != 1 else ''}", size=9, colour=GREY)
    for row in rows:
        report.paragraph(f"“{' '.join(str(row['text']).split())}”", "Quote", keep_with_next=True)
        where = [row.get("participant") or row["document"], row.get("speaker") or "", f"¶{row['paragraph']}",
                 row.get("code") or ""]
        report.paragraph(" · ".join(w for w in where if w), "Quote", size=9, colour=GREY, space_after=10)
    report.save(path)


def _cell(value):
    """A leading = + or @ would make a spreadsheet run the cell as a formula: keep it text."""
    if isinstance(value, str):
        value = safe(value)
        return "'" + value if value[:1] in ("=", "+", "@") else value
    return value
