"""Qt item models for the de-identification review: entities with their confidence, pseudonym and reasons (kept
up to date row by row), the filter and sort over them, and one entity's mentions."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from annotator.core.ids import DocumentId
from annotator.gui.row_table_model import Index, RowTableModel
from annotator.services.deid_service import EntitySummary, MentionInContext

SORT_ROLE = Qt.ItemDataRole.UserRole
STATUS_ORDER = {"suggested": 0, "accepted": 1, "rejected": 2, "applied": 3}
BAND_ORDER = {"high": 0, "medium": 1, "low": 2}


def reasons_text(e: EntitySummary) -> str:
    return "; ".join(e.reasons) or "found by the identifier list or added by hand"


class EntityTableModel(RowTableModel):
    columns = ("Identifier", "Type", "Status", "Confidence", "Pseudonym", "Mentions", "Docs", "Why")
    CONFIDENCE, PSEUDONYM, WHY = 3, 4, 7

    def __init__(self, parent=None):
        super().__init__(parent)
        self.originals: dict[str, str] = {}  # entity guid -> its originals, known only while the key file is open

    def label(self, e: EntitySummary) -> str:
        return e.label or self.originals.get(e.guid) or "(applied: the original is in the key file)"

    def update_rows(self, rows: list[EntitySummary]) -> None:
        """Take the entities as they are now: rows that changed are updated in place, rows gone are removed and
        new ones added at the end, so the view keeps its selection, sort and scroll (never a reset)."""
        wanted = {e.id: e for e in rows}
        for row in range(len(self.rows) - 1, -1, -1):  # from the end, so rows above keep their numbers
            if self.rows[row].id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row]
                self.endRemoveRows()
        for row, old in enumerate(self.rows):
            new = wanted[old.id]
            if new != old:
                self.rows[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        have = {e.id for e in self.rows}
        added = [e for e in rows if e.id not in have]
        if added:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(added) - 1)
            self.rows.extend(added)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e: EntitySummary = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.label(e), e.type.title(), e.status, f"{e.band} {e.confidence:.2f}", e.pseudonym,
                    e.mentions, e.documents, reasons_text(e))[column]
        if role == SORT_ROLE:
            return (self.label(e).casefold(), e.type, STATUS_ORDER.get(e.status, 9), e.confidence,
                    e.pseudonym.casefold(), e.mentions, e.documents, reasons_text(e))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            becomes = "is now" if e.status == "applied" else "will become"
            return (f"{self.label(e)} {becomes} {e.pseudonym or '(no pseudonym yet)'} everywhere.\n"
                    f"{e.band.title()} confidence ({e.confidence:.2f}): {reasons_text(e)}.")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and e.status == "rejected":
            return Qt.GlobalColor.gray
        return None


class EntityFilter(QSortFilterProxyModel):
    """The entities shown: of a status, a type, a confidence band, a document, and containing the words typed
    (in the identifier, its pseudonym or its reasons). `rows` are the shown entities in the view's order."""

    def __init__(self, model: EntityTableModel, parent=None):
        super().__init__(parent)
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.status: str | None = "suggested"
        self.kind: str | None = None
        self.band: str | None = None
        self.document_id: DocumentId | None = None
        self.words: list[str] = []
        # Entities shown whatever the filters while the reviewer is on them: T changed one's type out of the type
        # shown, and a second T must reach the same entity, not the one that slid into its place.
        self.kept: set[int] = set()

    @property
    def model_(self) -> EntityTableModel:
        return self.sourceModel()

    def set_filter(self, **criteria) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and newer
            self.beginFilterChange()
            self._set(criteria)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._set(criteria)
            self.invalidateRowsFilter()

    def _set(self, criteria: dict) -> None:
        for name, value in criteria.items():
            if not hasattr(self, name):
                raise AttributeError(name)
            setattr(self, name, value)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 - Qt's name
        e: EntitySummary = self.model_.rows[row]
        if e.id in self.kept:
            return True
        if self.status is not None and e.status != self.status:
            return False
        if (self.kind is not None and e.type != self.kind) or (self.band is not None and e.band != self.band):
            return False
        if self.document_id is not None and self.document_id not in e.document_ids:
            return False
        if self.words:
            haystack = " ".join((self.model_.label(e), e.pseudonym, e.type, *e.reasons)).casefold()
            return all(w in haystack for w in self.words)
        return True

    def row(self, view_row: int) -> EntitySummary:
        return self.model_.rows[self.mapToSource(self.index(view_row, 0)).row()]

    def view_row(self, entity_id: int) -> int | None:
        source = next((i for i, e in enumerate(self.model_.rows) if e.id == entity_id), None)
        if source is None:
            return None
        index = self.mapFromSource(self.model_.index(source, 0))
        return index.row() if index.isValid() else None

    @property
    def rows(self) -> list[EntitySummary]:
        return [self.row(r) for r in range(self.rowCount())]


class MentionTableModel(RowTableModel):
    """Each mention whole in its own column, its context either side (cut at the far ends, never at the name)."""

    columns = ("Document", "Found by", "Before", "Mention", "After")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m: MentionInContext = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (m.document, m.reason + (" (rejected)" if m.rejected else ""), m.before, m.text, m.after)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"…{m.before} [{m.text}] {m.after}…"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == 3:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and m.rejected:
            return Qt.GlobalColor.gray
        return None
