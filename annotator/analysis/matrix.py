"""Matrix coding (crosstabs): codes down the side, and across the top the values of an attribute, participants,
documents or another set of codes. Each cell keeps the codings in it, so a click can list its passages; its
measures are passages (coding references), participants (cases), documents and coded words, raw or as a row or
column percentage. Totals are measured over the union of their cells, so a code's total is its own count."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from annotator.analysis.intervals import Span, merge
from annotator.analysis.model import CodingRef, ProjectData, Scope
from annotator.core.attributes import Attribute, parse_number
from annotator.core.errors import AnnotatorError
from annotator.core.ids import CodeId, DocumentId

MEASURES = ("passages", "participants", "documents", "words")
PERCENTAGES = ("row", "column")
NOT_RECORDED = "(not recorded)"


@dataclass(frozen=True)
class Header:
    """A row or a column: what it stands for (a code id, attribute value, participant or document id)."""

    key: Any
    label: str
    depth: int = 0  # code rows: depth in the code tree, for a collapsible view
    parent: Any = None
    members: frozenset[CodeId] = frozenset()  # code rows and columns: the codes counted (the subtree, rolled up)


@dataclass
class Cell:
    passages: list[CodingRef] = field(default_factory=list)
    _data: ProjectData | None = field(default=None, repr=False)

    @property
    def count(self) -> int:
        return len(self.passages)

    @cached_property
    def documents(self) -> int:
        return len({c.document_id for c in self.passages})

    @cached_property
    def participants(self) -> int:
        who = self._data.participant_of if self._data else {}
        return len({who.get(c.id) for c in self.passages} - {None})

    @cached_property
    def words(self) -> int:
        """Words under the cell's passages, each counted once where passages overlap."""
        if self._data is None:
            return 0
        by_doc: dict[DocumentId, list[Span]] = {}
        for c in self.passages:
            by_doc.setdefault(c.document_id, []).append((c.start, c.end))
        return sum(self._data.words_in(d, start, end) for d, spans in by_doc.items() for start, end in merge(spans))

    def measure(self, measure: str) -> int:
        return self.count if measure == "passages" else getattr(self, measure)


@dataclass
class Matrix:
    rows: list[Header]
    columns: list[Header]
    cells: list[list[Cell]]  # [row][column]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell

    def value(self, row: int, column: int, measure: str = "passages", percentage: str | None = None) -> float:
        """A cell's measure, or its share (0-100) of its row's or column's total."""
        check_measure(measure, percentage)
        value = self.cells[row][column].measure(measure)
        if percentage is None:
            return value
        base = (self.row_totals[row] if percentage == "row" else self.column_totals[column]).measure(measure)
        return 100.0 * value / base if base else 0.0

    def transposed(self) -> Matrix:
        cells = [[self.cells[r][c] for r in range(len(self.rows))] for c in range(len(self.columns))]
        return Matrix(self.columns, self.rows, cells, self.column_totals, self.row_totals, self.total)


def check_measure(measure: str, percentage: str | None = None) -> None:
    if measure not in MEASURES:
        raise AnnotatorError(f"A cell measures {', '.join(MEASURES)}, not {measure!r}.")
    if percentage is not None and percentage not in PERCENTAGES:
        raise AnnotatorError(f"A percentage is of the row or the column, not {percentage!r}.")


def code_rows(data: ProjectData, code_ids: Sequence[CodeId] | None = None, *, subcodes: bool = True) -> list[Header]:
    """Rows for codes (all, in tree order, by default); with `subcodes` a row rolls up its code's whole subtree."""
    book = data.codebook
    ids = list(code_ids) if code_ids is not None else list(book.tree_order())
    return [Header(c, book.path(c), book.depth(c), book[c].parent_id, frozenset(book.subtree(c) if subcodes else [c]))
            for c in ids]


def build(data: ProjectData, rows: list[Header], columns: list[Header],
          columns_of: Callable[[CodingRef], Sequence[int]], scope: Scope = Scope()) -> Matrix:
    """The generic matrix: each row's codings (of its member codes) go to the columns `columns_of` names. With
    participants' turns only, a coding counts when it lies at least partly on a participant's speech."""
    on_speech = data.speech_filter(scope)
    cells, row_totals = [], []
    for row in rows:
        found = data.codings_of(row.members, scope)
        if on_speech is not None:
            found = [c for c in found if on_speech(c)]
        line = [Cell(_data=data) for _ in columns]
        for coding in found:
            for column in columns_of(coding):
                line[column].passages.append(coding)
        cells.append(line)
        row_totals.append(Cell(_union(line), data))
    column_totals = [Cell(_union([line[c] for line in cells]), data) for c in range(len(columns))]
    return Matrix(rows, columns, cells, row_totals, column_totals, Cell(_union(row_totals), data))


def _union(cells: Sequence[Cell]) -> list[CodingRef]:
    seen: dict = {}
    for cell in cells:
        for c in cell.passages:
            seen.setdefault(c.id, c)
    return list(seen.values())


# ----------------------------------------------------------------------------------------------- kinds of column

def by_attribute(data: ProjectData, rows: list[Header], attribute: Attribute, scope: Scope = Scope(),
                 groups: Sequence[Any] = ()) -> Matrix:
    """Columns: the attribute's categories (or values, or `groups` with .label and .holds(number)), then
    '(not recorded)' when some codings' participants have no value."""
    def key(value: str | None):
        if value is None:
            return None
        if groups:
            try:
                number = parse_number(value)
            except AnnotatorError:
                return None
            return next((g.label for g in groups if g.holds(number)), None)
        return value

    values = {p: key(v.get(attribute.id)) for p, v in data.values.items()}
    if groups:
        labels = [g.label for g in groups]
    elif attribute.categories:
        labels = list(attribute.categories)
    else:
        present = {v for v in values.values() if v is not None}
        labels = sorted(present, key=lambda v: (_number_or_none(v) is None, _number_or_none(v) or 0, v.lower()))
    index = {label: i for i, label in enumerate(labels)}
    columns = [Header(label, label) for label in labels] + [Header(None, NOT_RECORDED)]
    who = data.participant_of
    matrix = build(data, rows, columns, lambda c: [index.get(values.get(who[c.id]), len(labels))], scope)
    if not matrix.column_totals[-1].passages:  # drop an empty "(not recorded)" column
        matrix.columns.pop()
        matrix.column_totals.pop()
        for line in matrix.cells:
            line.pop()
    return matrix


def _number_or_none(value: str) -> float | None:
    try:
        return parse_number(value)
    except AnnotatorError:
        return None


def by_participant(data: ProjectData, rows: list[Header], scope: Scope = Scope()) -> Matrix:
    people = [p for p in data.participants if scope.participant_ids is None or p in scope.participant_ids]
    index = {p: i for i, p in enumerate(people)}
    columns = [Header(p, data.participants[p]) for p in people]
    who = data.participant_of
    return build(data, rows, columns, lambda c: [index[who[c.id]]] if who[c.id] in index else [], scope)


def by_document(data: ProjectData, rows: list[Header], scope: Scope = Scope()) -> Matrix:
    docs = data.in_scope(scope)
    index = {d.id: i for i, d in enumerate(docs)}
    return build(data, rows, [Header(d.id, d.name) for d in docs], lambda c: [index[c.document_id]], scope)


def by_codes(data: ProjectData, rows: list[Header], columns: list[Header], scope: Scope = Scope()) -> Matrix:
    """Columns are codes too: a row's coding is in a column when it shares text with one of the column's codings."""
    coverage = []
    for column in columns:
        merged = {d: merge((start, end) for start, end, _code in spans)
                  for d, spans in data.spans_of(column.members, scope).items()}
        coverage.append({d: ([s for s, _e in spans], [e for _s, e in spans]) for d, spans in merged.items()})

    def columns_of(coding: CodingRef) -> list[int]:
        out = []
        for i, docs in enumerate(coverage):
            spans = docs.get(coding.document_id)
            if spans:  # the first merged passage ending after this coding starts is the only one that can overlap
                j = bisect_left(spans[1], coding.start + 1)
                if j < len(spans[0]) and spans[0][j] < coding.end:
                    out.append(i)
        return out

    return build(data, rows, columns, columns_of, scope)


def case_overview(data: ProjectData, code_ids: Sequence[CodeId] | None = None, scope: Scope = Scope(), *,
                  subcodes: bool = True) -> Matrix:
    """Participants down the side, codes across: who talked about what."""
    return by_participant(data, code_rows(data, code_ids, subcodes=subcodes), scope).transposed()
