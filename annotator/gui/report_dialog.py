"""Reports from the GUI: options for each kind, the output file, the work off the GUI thread with progress and
Cancel, the identifier check first (with the key file when the project has one), and "open the file" when done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.attributes import parse_condition
from annotator.gui.deid_key import KeySession
from annotator.gui.folders import save_path
from annotator.gui.import_worker import run_with_progress
from annotator.services.project_service import ProjectService
from annotator.services.report_service import group_bins

KINDS = {
    "coded": ("Coded report", "coded report.docx", "Word documents (*.docx)"),
    "codebook": ("Codebook report", "codebook.docx", "Word documents (*.docx)"),
    "participants": ("Participant characteristics (Table 1)", "table 1.docx", "Word documents (*.docx)"),
    "memos": ("Memos report", "memos.docx", "Word documents (*.docx)"),
    "passages": ("Coded passages table", "coded passages.xlsx", "Excel workbooks (*.xlsx);;CSV files (*.csv)"),
    "data-handling": ("Data handling summary", "data handling summary.docx", "Word documents (*.docx)"),
}
DEFAULT_BINS = "age=18-24,25-34,35-44,45-54,55+"


class ReportOptions(QDialog):
    def __init__(self, kind: str, service: ProjectService, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(KINDS[kind][0])
        self.setObjectName("reportOptions")
        form = QFormLayout()
        book = service.codebook.codebook
        # Only the fields this kind of report uses are made, each inside the form: a field made for another kind
        # and left without a layout floated over the labels.
        self.codes = self.filters = self.anonymous = self.memos = self.bins = None
        self.code_ids = list(book.tree_order())
        if kind in ("coded", "passages"):
            self.codes = QListWidget()
            self.codes.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
            self.codes.addItems([("    " * book.depth(c)) + book[c].name for c in self.code_ids])
            self.codes.setMinimumHeight(self.fontMetrics().height() * 8)
            form.addRow("Codes (none chosen: all)", self.codes)
        if kind in ("coded", "passages", "participants"):
            self.filters = QLineEdit(placeholderText="e.g. gender=female; age>=45 (blank: everyone)")
            form.addRow("Participants", self.filters)
        if kind == "coded":
            self.anonymous = QCheckBox("Quotations without identifying information (no attribution)")
            self.memos = QCheckBox("Include code memos")
            form.addRow(self.anonymous)
            form.addRow(self.memos)
        if kind == "participants":
            self.bins = QLineEdit(DEFAULT_BINS)
            self.bins.setToolTip("Groups for number attributes, e.g. age=18-24,25-34,35-44,45-54,55+; separate "
                                 "attributes with ;")
            form.addRow("Number groups", self.bins)
        self.has_options = form.rowCount() > 0
        if not self.has_options:
            form.addRow(QLabel(f"The {KINDS[kind][0].lower()} covers the whole project."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 70)  # room for a filter or a grouping

    def chosen_codes(self):
        if self.codes is None:
            return None
        return [self.code_ids[self.codes.row(i)] for i in self.codes.selectedItems()] or None

    def conditions(self):
        if self.filters is None:
            return []
        return [parse_condition(part) for part in self.filters.text().split(";") if part.strip()]


class ReportRunner(QObject):
    error = Signal(str)
    written = Signal(str)

    def __init__(self, parent: QWidget, keys: KeySession):
        super().__init__(parent)
        self.window, self.keys = parent, keys
        self.worker = None

    def start(self, kind: str, service: ProjectService) -> None:
        if self.worker is not None:
            return
        options = ReportOptions(kind, service, self.window)
        if options.has_options and options.exec() != QDialog.DialogCode.Accepted:  # nothing to ask: no dialog
            return
        title, default, filters = KINDS[kind]
        path = save_path(self.window, title, default, filters, project=service.path)
        if not path:
            return
        try:
            conditions = options.conditions() if kind in ("coded", "passages", "participants") else []
            bins = group_bins([b for b in options.bins.text().split(";") if b.strip()]) if options.bins is not None else None
        except Exception as exc:  # a malformed filter or grouping: say so, write nothing
            self.error.emit(str(exc))
            return
        if service.project.setting("deid.key_id") and self.keys.key is None:
            answer = QMessageBox.question(self.window, title, "Open the key file so the report can be checked for "
                                          "names left in the text?" if kind != "data-handling" else "Open the key "
                                          "file so the summary can say where it is and run the residual scan?")
            if answer == QMessageBox.StandardButton.Yes and not self.keys.ensure(service):
                return
        key, key_path, reports = self.keys.key, self.keys.path, service.reports

        def task(progress, cancelled):
            if kind == "coded":
                return reports.coded_report(path, options.chosen_codes(), conditions,
                                            anonymous=options.anonymous.isChecked(), memos=options.memos.isChecked(),
                                            key=key, progress=progress, is_cancelled=cancelled)
            if kind == "codebook":
                return reports.codebook_report(path, key=key)
            if kind == "participants":
                return reports.participants_report(path, bins, conditions, key=key)
            if kind == "memos":
                return reports.memos_report(path, key=key)
            if kind == "data-handling":
                return reports.data_handling_report(path, key=key, key_path=key_path)
            return reports.passages_table(Path(path), options.chosen_codes(), conditions, key=key)

        self.worker = run_with_progress(self.window, title, "Writing", task,
                                        done=lambda result: self._on_done(path, result), failed=self.error.emit,
                                        finished=lambda: setattr(self, "worker", None))

    def _on_done(self, path: str, result: dict) -> None:
        self.written.emit(path)
        warnings = "\n".join(result.get("warnings", []) + ["To look at: " + c for c in result.get("concerns", [])])
        box = QMessageBox(QMessageBox.Icon.Information, "Report", f"Wrote {Path(path).name}.\n{warnings}".strip(),
                          parent=self.window)
        open_button = box.addButton("Open the File", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.buttonClicked.connect(lambda button: QDesktopServices.openUrl(QUrl.fromLocalFile(path))
                                  if button is open_button else None)
        box.open()
