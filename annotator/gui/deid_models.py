"""Qt item models for the de-identification review: entities with their counts, and one entity's mentions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

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
