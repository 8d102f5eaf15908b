"""The participants sheet: one row per participant, a column per attribute, edited in place (every edit undoable),
with attributes added, categories ordered, and the sheet imported from or exported to CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QInputDialog,
    QVBoxLayout,
    QWidget,
)

from annotator.core.attributes import KINDS
from annotator.gui.folders import open_path, save_path
from annotator.gui.widgets import ReportsErrors, edits, make_table, make_toolbar
from annotator.services.project_service import ProjectService

Index = QModelIndex | QPersistentModelIndex


class ParticipantTableModel(QAbstractTableModel):
    edited = Signal(int, int, str)  # row, column, new text

    def __init__(self, parent=None):
        super().__init__(parent)
        self.attributes, self.rows = [], []

    def load(self, attributes, rows) -> None:
        self.beginResetModel()
        self.attributes, self.rows = list(attributes), list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2 + len(self.attributes)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ("Participant", "Transcripts", *(a.name for a in self.attributes))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section >= 2:
            a = self.attributes[section - 2]
            return f"{a.kind}" + (f": {', '.join(a.categories)}" if a.categories else "")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return row.name
            if column == 1:
                return "; ".join(row.documents)
            return row.values.get(self.attributes[column - 2].id, "")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() != 1 else base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        self.edited.emit(index.row(), index.column(), str(value))
        return False  # the sheet reloads from the service after the change


class ParticipantsPanel(ReportsErrors, QWidget):
    error = Signal(str)
    memo_requested = Signal(int, str)  # participant id, name

    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.model = ParticipantTableModel(self)
        self.model.edited.connect(self._on_edited)
        self.table = make_table(self, self.model, name="participantTable")
        self.table.setEditTriggers(self.table.EditTrigger.DoubleClicked | self.table.EditTrigger.EditKeyPressed
                                   | self.table.EditTrigger.AnyKeyPressed)
        self.toolbar = make_toolbar(self, (
            ("Add Participant…", "A new row", self.add_participant),
            ("Add Attribute…", "A new column: text, number, date or categories", self.add_attribute),
            ("Order Categories…", "The order tables list a category attribute's values in", self.order_categories),
            ("Memo…", "A memo on the selected participant", self.memo_on_current),
            ("Import CSV…", "Rows and columns from a spreadsheet saved as CSV", self.import_csv),
            ("Export CSV…", "The sheet as CSV", self.export_csv)), name="participantsToolbar")
        for action in self.toolbar.actions()[:-1]:  # all but the export change the sheet
            edits(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.model.load(self.service.people.attributes(), self.service.people.rows())
        self.table.resizeColumnsToContents()

    def on_changes(self, changes) -> None:
        if changes.participants or changes.documents:
            self.refresh()

    def select_participant(self, participant_id: int) -> None:
        row = next((i for i, r in enumerate(self.model.rows) if r.id == participant_id), None)
        if row is not None:
            self.table.selectRow(row)
            self.table.setFocus()

    def memo_on_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.error.emit("Select the participant the memo is about.")
            return
        row = self.model.rows[index.row()]
        self.memo_requested.emit(row.id, row.name)

    def _on_edited(self, row: int, column: int, text: str) -> None:
        participant = self.model.rows[row]
        if column == 0:
            self._run(self.service.people.rename, participant.id, text)
        else:
            self._run(self.service.people.set_value, participant.id, self.model.attributes[column - 2].id, text)

    def add_participant(self) -> None:
        name, ok = QInputDialog.getText(self, "Add participant", "Participant id or pseudonym (e.g. P09):")
        if ok:
            self._run(self.service.add_participant, name)

    def add_attribute(self) -> None:
        name, ok = QInputDialog.getText(self, "Add attribute", "Attribute name (e.g. age group):")
        if not ok:
            return
        kind, ok = QInputDialog.getItem(self, "Add attribute", f"What kind of values does '{name}' hold?",
                                        list(KINDS), 0, False)
        if ok:
            self._run(self.service.people.add_attribute, name, kind)

    def order_categories(self) -> None:
        categorical = [a for a in self.model.attributes if a.kind == "category"]
        if not categorical:
            self.error.emit("There is no category attribute to order.")
            return
        column = self.table.currentIndex().column()
        current = self.model.attributes[column - 2] if column >= 2 else categorical[0]
        current = current if current.kind == "category" else categorical[0]
        text, ok = QInputDialog.getText(self, "Order categories",
                                        f"{current.name}: categories in the order tables list them, comma-separated:",
                                        text=", ".join(current.categories))
        if ok:
            self._run(self.service.people.set_categories, current.id, text.split(","))

    def import_csv(self) -> None:
        path = open_path(self, "Import participants", "CSV files (*.csv)")
        if not path:
            return
        try:
            data = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            self.error.emit(f"{Path(path).name} could not be read as UTF-8 CSV.")
            return
        self._run(self.service.people.import_csv, data)

    def export_csv(self) -> None:
        path = save_path(self, "Export participants", "participants.csv", "CSV files (*.csv)", project=self.service.path)
        if path:
            try:
                Path(path).write_text(self.service.people.export_csv(), encoding="utf-8")
            except OSError as exc:
                self.error.emit(f"Could not write {Path(path).name} ({exc.strerror}).")

