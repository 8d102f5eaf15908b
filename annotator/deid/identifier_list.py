"""Reading the project's identifier list from CSV: a column of names (text, name, identifier or the first column)
and an optional type column (PERSON, PLACE, AGENCY, OTHER; person when missing)."""

from __future__ import annotations

import csv
import io

from annotator.core.errors import AnnotatorError

_TEXT_COLUMNS = ("text", "name", "identifier", "original")


def read_identifier_csv(data: str) -> list[tuple[str, str]]:
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    text_col = next((header.index(c) for c in _TEXT_COLUMNS if c in header), None)
    type_col = header.index("type") if "type" in header else None
    body = rows[1:] if text_col is not None or type_col is not None else rows
    text_col = 0 if text_col is None else text_col
    out = []
    for number, row in enumerate(body, 2 if body is not rows else 1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if text_col >= len(row):
            raise AnnotatorError(f"Line {number} of the identifier list has no name.")
        kind = row[type_col].strip().upper() if type_col is not None and type_col < len(row) and row[type_col].strip() \
            else "PERSON"
        out.append((row[text_col].strip(), kind))
    return out
