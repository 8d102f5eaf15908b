"""Every analysis result as a plain table (title, header, rows), and tables written to CSV or to Excel (openpyxl in
write-only mode, so a large table streams instead of building a workbook in memory)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.analysis.cooccurrence import Cooccurrence
from annotator.analysis.frequencies import Frequencies, KeywordLine
from annotator.analysis.matrix import Matrix, check_measure
from annotator.analysis.query import QueryResult
from annotator.analysis.saturation import Saturation
from annotator.core.errors import AnnotatorError

# Control characters other than tab and newline: Excel refuses them in cells.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def query_table(result: QueryResult, placed: Sequence, code_path: Callable[[Any], str],
                participant: Callable[[Any], str]) -> Table:
    """A query's passages, given them placed (document, speaker, paragraph, text: retrieval passages)."""
    rows = tuple((p.document, participant(q.participant_id), p.speaker or "", p.paragraph, p.start, p.end,
                  "; ".join(sorted(code_path(c) for c in q.code_ids)), p.text) for q, p in zip(result.passages, placed))
    return Table(f"Query {result.expression} ({result.mode}): {len(result.passages)} passages, "
                 f"{result.documents} documents, {result.participants} participants",
                 ("document", "participant", "speaker", "paragraph", "start", "end", "codes", "text"), rows)


def matrix_table(matrix: Matrix, measure: str = "passages", percentage: str | None = None,
                 title: str = "Matrix") -> Table:
    check_measure(measure, percentage)
    header = ("code", *(c.label for c in matrix.columns), "total")
    rows = []
    for r, row in enumerate(matrix.rows):
        values = [_number(matrix.value(r, c, measure, percentage)) for c in range(len(matrix.columns))]
        total = matrix.row_totals[r].measure(measure)
        rows.append((row.label, *values, 100.0 if percentage == "row" and total else _number(total)))
    totals = [c.measure(measure) for c in matrix.column_totals]
    rows.append(("total", *(100.0 if percentage == "column" and t else t for t in totals),
                 matrix.total.measure(measure)))
    what = measure + (f", % of {percentage}" if percentage else "")
    return Table(f"{title} ({what})", header, tuple(rows))


def _number(value: float) -> float | int:
    return round(value, 2) if isinstance(value, float) else value


def cooccurrence_table(table: Cooccurrence, coefficient: bool = False, title: str = "Code co-occurrence") -> Table:
    header = ("code", "n", *(h.label for h in table.codes))
    rows = []
    for i, row in enumerate(table.codes):
        cells = [round(table.coefficient(i, j), 3) if coefficient else table.count(i, j)
                 for j in range(len(table.codes))]
        rows.append((row.label, table.frequencies[i], *cells))
    what = "coefficient c = n12 / (n1 + n2 - n12)" if coefficient else "n12"
    return Table(f"{title} by {table.relation} ({what})", header, tuple(rows))


def saturation_table(result: Saturation, code_name: Callable[[Any], str]) -> Table:
    header = ("interview", "document", "codes applied", "new codes", "cumulative codes", "run", "new in run",
              "new information %", "saturation", "codes first applied")
    rows = []
    for row in result.interviews:
        run = result.run_ending_at(row.number)
        mark = ""
        if result.reached_at == row.number:
            mark = f"saturation point ({result.label})"
        elif run is not None and run == result.run:
            mark = f"run {run.first}-{run.last} at or below {100 * result.threshold:g}%"
        rows.append((row.number, row.label, len(row.codes), len(row.new), row.cumulative,
                     f"{run.first}-{run.last}" if run else ("base" if row.in_base else ""),
                     run.new if run else "", round(100 * run.ratio, 1) if run else "", mark,
                     "; ".join(code_name(c) for c in row.new)))
    title = (f"Saturation: {result.label} (base {result.base_size} interviews with {result.base_codes} codes, "
             f"run {result.run_length}, threshold {100 * result.threshold:g}%)")
    return Table(title, header, tuple(rows))


def frequency_table(result: Frequencies) -> Table:
    header = ("word", "count", "share %", "forms")
    rows = tuple((w.word, w.count, round(w.share, 2), ", ".join(f"{f} ({n})" for f, n in w.forms))
                 for w in result.words)
    return Table(f"Word frequencies ({'stemmed' if result.stemmed else 'exact'}; {result.counted_words} of "
                 f"{result.total_words} words counted)", header, rows)


def keyword_table(lines: Sequence[KeywordLine], document_name: Callable[[Any], str]) -> Table:
    header = ("document", "start", "end", "before", "keyword", "after")
    return Table("Keyword in context", header, tuple(
        (document_name(k.document_id), k.start, k.end, k.before, k.keyword, k.after) for k in lines))


def write_table(table: Table, path: Path | str) -> Path:
    """CSV (UTF-8 with a byte-order mark, so Excel reads it) or .xlsx, by the file's suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open("w", newline="", encoding="utf-8-sig") as f:
                writer = csv.writer(f)
                writer.writerow(table.header)
                writer.writerows(table.rows)
        elif suffix == ".xlsx":
            _write_xlsx(table, path)
        else:
            raise AnnotatorError(f"Tables are written as .csv or .xlsx, not {path.suffix or 'a file without one'}.")
    except OSError as exc:
        raise AnnotatorError(f"{path.name} could not be written ({exc.strerror or exc}).") from exc
    return path


def _write_xlsx(table: Table, path: Path) -> None:
    from openpyxl import Workbook  # imported here: only exports need it

    book = Workbook(write_only=True)
    sheet = book.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", table.title)[:31] or "Table")
    sheet.append([table.title])
    sheet.append(list(table.header))
    for row in table.rows:
        sheet.append([_ILLEGAL.sub("", v) if isinstance(v, str) else v for v in row])
    book.save(path)
