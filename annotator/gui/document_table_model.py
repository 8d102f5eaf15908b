"""Qt item model over the project's documents: interview order, name, participant, words, share coded, turns,
speakers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from annotator.storage.documents import DocumentSummary

COLUMNS = ("#", "Document", "Participant", "Words", "Coded", "Turns", "Speakers")
_HEADER_TIPS = ("Interview order", "Document", "Whose interview it is", "Words in the transcript",
                "Share of the text coded with at least one code", "Speaker turns", "Speakers found in the text")


class DocumentTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[DocumentSummary] = []

    def set_documents(self, documents: list[DocumentSummary]) -> None:
        self.beginResetModel()
        self._rows = list(documents)
        self.endResetModel()

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
            return (doc.interview_order, doc.name, doc.participant or "", f"{doc.word_count:,}",
                    f"{doc.coded_share:.0%}", doc.turn_count, ", ".join(doc.speakers))[column]
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return (doc.interview_order, doc.name.lower(), doc.participant or "", doc.word_count, doc.coded_share,
                    doc.turn_count, len(doc.speakers))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{doc.name} ({doc.source_format})"
        return None
