"""Qt item model over the project's documents: interview order, name, participant, words, share coded, turns,
speakers."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from annotator.storage.documents import DocumentSummary

COLUMNS = ("#", "Document", "Participant", "Words", "Coded", "Turns", "Speakers")
_HEADER_TIPS = ("Interview order", "Document", "Whose interview it is", "Words in the transcript",
                "Share of the text coded with at least one code", "Speaker turns", "Speakers found in the text")


DOCUMENT_MIME = "application/x-annotator-document-id"


class DocumentTableModel(QAbstractTableModel):
    #: (document id, its new place in the interview order, from 0): a row dragged to another place
    move_requested = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[DocumentSummary] = []

    def set_documents(self, documents: list[DocumentSummary]) -> None:
        self.beginResetModel()
        self._rows = list(documents)
        self.endResetModel()

    def rows(self) -> list[DocumentSummary]:
        return self._rows

    def update_documents(self, documents: list[DocumentSummary]) -> None:
        """Replace these documents' rows and say so for those rows alone."""
        where = {d.id: i for i, d in enumerate(self._rows)}
        for document in documents:
            row = where.get(document.id)
            if row is not None:
                self._rows[row] = document
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def document_at(self, row: int) -> DocumentSummary:
        return self._rows[row]

    def row_of(self, document_id: int) -> int | None:
        return next((i for i, d in enumerate(self._rows) if d.id == document_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        doc = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            share = f"{doc.coded_share:.0%}" if doc.coded_share is not None else "…"  # (still being counted)
            return (doc.interview_order, doc.name, doc.participant or "", f"{doc.word_count:,}",
                    share, doc.turn_count, ", ".join(doc.speakers))[column]
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return (doc.interview_order, doc.name.lower(), doc.participant or "", doc.word_count,
                    doc.coded_share if doc.coded_share is not None else -1, doc.turn_count, len(doc.speakers))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{doc.name} ({doc.source_format})"
        return None

    # ----------------------------------------------------------------------------------- drag to reorder
    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [DOCUMENT_MIME]

    def mimeData(self, indexes) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setData(DOCUMENT_MIME, str(self._rows[rows[0]].id).encode() if rows else b"")
        return mime

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent) -> bool:
        raw = bytes(data.data(DOCUMENT_MIME)).decode()
        if not raw:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        document_id = int(raw)
        current = self.row_of(document_id)
        if current is not None and target > current:
            target -= 1  # the row leaves its old place first
        self.move_requested.emit(document_id, max(0, target))
        return False  # the list reloads from the service; the view must not move rows itself
