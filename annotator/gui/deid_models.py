"""Qt item models for the de-identification review: entities with their counts, and one entity's mentions."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.gui.row_table_model import Index, RowTableModel
from annotator.services.deid_service import EntitySummary, MentionInContext


class EntityTableModel(RowTableModel):
    columns = ("Identifier", "Type", "Status", "Mentions", "Documents", "Replacement")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.originals: dict[str, str] = {}  # entity guid -> its originals, known only while the key file is open

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e: EntitySummary = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            label = e.label or self.originals.get(e.guid) or "(applied: the original is in the key file)"
            return (label, e.type.title(), e.status, e.mentions, e.documents, e.pseudonym)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and e.status == "rejected":
            return Qt.GlobalColor.gray
        return None


class MentionTableModel(RowTableModel):
    columns = ("Document", "Found by", "In context")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m: MentionInContext = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (m.document, m.reason + (" (rejected)" if m.rejected else ""), f"…{m.context}…")[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and m.rejected:
            return Qt.GlobalColor.gray
        return None
