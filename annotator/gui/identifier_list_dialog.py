"""Editing the project's identifier list (names that must always go), kept in the key file: add, remove, import
from CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.errors import AnnotatorError
from annotator.deid.candidates import TYPES
from annotator.deid.identifier_list import read_identifier_csv
from annotator.gui.folders import open_path


class IdentifierListDialog(QDialog):
    def __init__(self, entries: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Identifier list")
        self.setObjectName("identifierListDialog")
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Name, place or agency", "Type"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 300)
        for text, kind in entries:
            self.add_row(text, kind)
        add, remove, load = QPushButton("Add"), QPushButton("Remove"), QPushButton("Import CSV…")
        add.clicked.connect(lambda: (self.add_row("", "PERSON"), self.table.editItem(self.table.item(self.table.rowCount() - 1, 0))))
        remove.clicked.connect(lambda: [self.table.removeRow(r) for r in sorted(
            {i.row() for i in self.table.selectedIndexes()}, reverse=True)])
        load.clicked.connect(self._on_import)
        buttons = QHBoxLayout()
        for b in (add, remove, load):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Names that must always be replaced (participants, staff, agencies). They are kept "
                                "in the key file, not in the project, and win over detection."))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(box)
        self.resize(520, 420)

    def add_row(self, text: str, kind: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(text))
        combo = QComboBox(self.table)
        combo.addItems([t.title() for t in TYPES])
        combo.setCurrentText(kind.title())
        self.table.setCellWidget(row, 1, combo)

    def entries(self) -> list[tuple[str, str]]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text().strip():
                out.append((item.text().strip(), self.table.cellWidget(row, 1).currentText().upper()))
        return out

    def _on_import(self) -> None:
        path = open_path(self, "Import identifier list", "CSV files (*.csv)", kind="keys")
        if not path:
            return
        try:
            rows = read_identifier_csv(Path(path).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, AnnotatorError) as exc:
            self.table.setToolTip(str(exc))
            return
        for text, kind in rows:
            self.add_row(text, kind if kind in TYPES else "PERSON")
