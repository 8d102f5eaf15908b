"""Any analysis result as a Word document: its table with code rows shown as the tree (names indented, not paths),
the notes a reader needs to interpret the numbers, and for saturation the chart above the table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.analysis.cooccurrence import Cooccurrence
from annotator.analysis.frequencies import Frequencies
from annotator.analysis.matrix import Matrix
from annotator.analysis.query import QueryResult
from annotator.analysis.saturation import CITATION, Saturation, statement
from annotator.analysis.tables import Table, write_table
from annotator.core.errors import AnnotatorError

_MEASURES = {"passages": "passages (coding references)", "participants": "participants with at least one passage",
             "documents": "documents with at least one passage", "words": "coded words, overlaps counted once"}


def export_result(table: Table, result, path: Path | str, project: str, code_name: Callable[[Any], str] = str,
                  **options) -> Path:
    """`table` (the service's table of `result`) to .csv, .xlsx or .docx, by the file's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return write_docx(table, result, path, project, code_name, **options)
    if suffix not in (".csv", ".xlsx"):
        raise AnnotatorError(f"Results are written as .csv, .xlsx or .docx, not "
                             f"{Path(path).suffix or 'a file without one'}.")
    return write_table(table, path)


def write_docx(table: Table, result, path: Path | str, project: str, code_name: Callable[[Any], str] = str,
               **options) -> Path:
    """Write `table` (the service's table of `result`) to a .docx file; for saturation, `unit=` names what was
    counted (codes, themes, subthemes), and `code_name` gives a code's name for its list of new codes."""
    from annotator.reports.analysis_sections import (
        write_result,  # python-docx only when a document is written
    )

    path = Path(path)
    shown, depths, bold = outline(table, result, code_name)
    try:
        write_result(path, project, shown, notes=notes(result, **options), depths=depths, bold_rows=bold,
                     saturation=result if isinstance(result, Saturation) else None,
                     unit=options.get("unit", "codes"))
    except OSError as exc:
        raise AnnotatorError(f"{path.name} could not be written ({exc.strerror or exc}).") from exc
    return path


def _name(label: str) -> str:
    return label.rsplit(" > ", 1)[-1]  # code names cannot hold " > ": it joins the path


def outline(table: Table, result, code_name: Callable[[Any], str] = str) -> tuple[Table, list[int] | None, set[int]]:
    """The table as Word shows it: headers capitalised, code paths in the first column names indented by depth
    (themes and the total row bold), codes across the top their names."""
    rows = [list(r) for r in table.rows]
    # "Cumulative codes", as a paper's table heads are; "n" is notation and stays as it is.
    header = [h[:1].upper() + h[1:] if len(h) > 1 else h for h in table.header]
    depths, bold = None, set()
    if isinstance(result, Matrix):
        code_rows = all(h.members for h in result.rows)
        if code_rows:
            depths = [h.depth for h in result.rows] + [0]
            for row, h in zip(rows, result.rows):
                row[0] = _name(h.label)
        if all(h.members for h in result.columns):
            header[1:1 + len(result.columns)] = [_name(h.label) for h in result.columns]
        rows[-1][0] = "Total"
        bold.add(len(rows) - 1)
    elif isinstance(result, Cooccurrence):
        depths = [h.depth for h in result.codes]
        for row, h in zip(rows, result.codes):
            row[0] = _name(h.label)
        header[2:] = [_name(h.label) for h in result.codes]
    elif isinstance(result, Saturation) and "codes first applied" in table.header:
        # Names, not paths: the paths of a dozen new codes make one row a page long.
        at = table.header.index("codes first applied")
        for row, interview in zip(rows, result.interviews):
            row[at] = "; ".join(code_name(c) for c in interview.new)
    if depths is not None and len(set(depths)) == 1:
        depths = None  # a flat list of codes: no tree to show
    return Table(table.title, tuple(header), tuple(map(tuple, rows))), depths, bold


def notes(result, **options) -> list[str]:
    """What a reader needs to interpret the table, one note a paragraph."""
    if isinstance(result, Saturation):
        return [statement(result, options.get("unit", "codes")), CITATION]
    if isinstance(result, Matrix):
        measure, percentage = options.get("measure", "passages"), options.get("percentage")
        text = f"Cells: {_MEASURES.get(measure, measure)}"
        text += f", as a percentage of the {percentage} total." if percentage else "."
        if any(len(h.members) > 1 for h in result.rows):
            text += " Each code's counts include its subcodes'."
        if measure != "words":
            text += (f" Totals count each {measure[:-1]} once, so they can be less than the sum of the cells.")
        return [text]
    if isinstance(result, Cooccurrence):
        unit = "speaker turns" if result.relation == "turn" else "passages"
        where = ("in the same speaker turn" if result.relation == "turn" else "on overlapping text")
        return [f"n: each code's {unit}. A cell counts the {unit} where both codes occur {where} (n12); the "
                "coefficient c = n12 / (n1 + n2 - n12) runs from 0 (never together) to 1 (always together)."]
    if isinstance(result, QueryResult):
        return ["AND keeps the overlapping text of both codes." if result.mode == "overlap"
                else "AND keeps the whole passages of both codes."]
    if isinstance(result, Frequencies):
        forms = "a word's forms counted together (stemmed)" if result.stemmed else "exact word forms"
        return [f"Counts of {forms}, stop words left out; share: of the {result.counted_words:,} words counted."]
    return []
