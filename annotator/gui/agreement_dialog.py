"""Inter-coder agreement: choose coders, see percent agreement, kappa and alpha per code, and beside each code the
passages where the coders disagree, side by side; export to Word or CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.folders import save_path
from annotator.services.project_service import ProjectService


class AgreementDialog(QDialog):
    open_passage = Signal(int, int, int)
    error = Signal(str)

    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.rows, self.coders = [], []
        self.setWindowTitle("Inter-coder agreement")
        self.setObjectName("agreementDialog")
        self.coder_list = QListWidget(self)
        self.coder_list.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.coder_list.addItems(service.agreement.coders())
        for i in range(min(2, self.coder_list.count())):
            self.coder_list.item(i).setSelected(True)
        compare = QPushButton("Compare")
        compare.clicked.connect(self.compare)
        self.results = QTableWidget(0, 5, self)
        self.results.setHorizontalHeaderLabels(["Code", "Agreement %", "Kappa", "Alpha", "Characters"])
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.currentCellChanged.connect(lambda row, *_: self.show_disagreements(row))
        self.side_by_side = QTableWidget(0, 3, self)
        self.side_by_side.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.side_by_side.setWordWrap(True)
        self.side_by_side.cellDoubleClicked.connect(self._on_open)
        export_docx, export_csv = QPushButton("Export to Word…"), QPushButton("Export to CSV…")
        export_docx.clicked.connect(lambda: self.export("docx"))
        export_csv.clicked.connect(lambda: self.export("csv"))
        top = QHBoxLayout()
        top.addWidget(QLabel("Coders:"))
        top.addWidget(self.coder_list, 1)
        top.addWidget(compare)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.results)
        splitter.addWidget(self.side_by_side)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(export_docx)
        bottom.addWidget(export_csv)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1100, 600)

    def compare(self) -> None:
        self.coders = [i.text() for i in self.coder_list.selectedItems()]
        try:
            self.rows = self.service.agreement.compare(self.coders)
        except AnnotatorError as exc:
            self.error.emit(str(exc))
            return
        self.results.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, value in enumerate((row.path, f"{row.percent:.1f}", f"{row.kappa:.2f}", f"{row.alpha:.2f}",
                                       f"{row.characters_coded:,}")):
                self.results.setItem(r, c, QTableWidgetItem(value))
        self.results.resizeColumnsToContents()

    def show_disagreements(self, row: int) -> None:
        if not 0 <= row < len(self.rows) or self.rows[row].code_id is None:
            self.side_by_side.setRowCount(0)
            return
        a, b = self.coders[:2]
        self.gaps = self.service.agreement.disagreements(self.coders, self.rows[row].code_id)
        self.side_by_side.setHorizontalHeaderLabels(["Document", f"Coded only by {a}", f"Coded only by {b}"])
        self.side_by_side.setRowCount(len(self.gaps))
        for r, gap in enumerate(self.gaps):
            text = " ".join(gap.text.split())
            cells = (gap.document, text if gap.coded_by == a else "", text if gap.coded_by == b else "")
            for c, value in enumerate(cells):
                self.side_by_side.setItem(r, c, QTableWidgetItem(value))
        self.side_by_side.setColumnWidth(1, 320)
        self.side_by_side.setColumnWidth(2, 320)

    def _on_open(self, row: int, _column: int) -> None:
        gap = self.gaps[row]
        self.open_passage.emit(gap.document_id, gap.start, gap.end)

    def export(self, kind: str) -> None:
        if not self.rows:
            self.error.emit("Compare the coders first.")
            return
        path = save_path(self, "Export agreement", f"agreement.{kind}",
                         "Word documents (*.docx)" if kind == "docx" else "CSV files (*.csv)", project=self.service.path)
        if path:
            writer = self.service.agreement.write_docx if kind == "docx" else self.service.agreement.write_csv
            writer(Path(path), self.coders, self.rows)
