"""Reports > Audit Log: who did what and when, with the counts each entry records; filtered by coder, action and dates;
exported as CSV for an ethics board; and a check for tampering against the anchors outside the project (the key
file when it is open, every backup, reports chosen), run off the GUI thread."""

from __future__ import annotations

import html
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.folders import save_path
from annotator.gui.import_worker import run_with_progress
from annotator.gui.row_table_model import Index, RowTableModel
from annotator.gui.widgets import counted, make_table
from annotator.services.audit_service import AuditCheck, describe_details
from annotator.services.project_service import ProjectService
from annotator.storage.audit import AuditEntry

ANY = "All"
_NO_DATE = QDate(2000, 1, 1)  # a date edit at its minimum shows "Any": no limit on that side


class AuditTableModel(RowTableModel):
    columns = ("Entry", "When", "Coder", "Action", "On", "Counts")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry: AuditEntry = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return str(entry.id)
        if column == 1:
            when = datetime.fromisoformat(entry.at).astimezone()
            return when.strftime("%Y-%m-%d %H:%M:%S") if role == Qt.ItemDataRole.DisplayRole else entry.at + " (UTC)"
        if column == 2:
            return entry.coder
        if column == 3:
            return entry.action
        if column == 4:
            return f"{entry.target_type} {entry.target_id}" if entry.target_id is not None else entry.target_type
        return describe_details(entry.details)


def _date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText("Any")
    edit.setDate(_NO_DATE)
    # Room for a whole date and the calendar button: squeezed, it ate its own label ("To" showed as "Tc").
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("2026-12-31") + 48)
    return edit


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == _NO_DATE else date(value.year(), value.month(), value.day())


class AuditLogDialog(QDialog):
    def __init__(self, service: ProjectService, keys=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.service, self.keys = service, keys
        self.setWindowTitle("Audit Log")
        self.setObjectName("auditLog")
        self.coder = QComboBox(self, objectName="auditCoder")
        self.coder.addItems([ANY, *service.audit.coders()])
        self.action = QComboBox(self, objectName="auditAction")
        self.action.addItems([ANY, *service.audit.actions()])
        self.since, self.until = _date_edit(self), _date_edit(self)
        filters = QHBoxLayout()
        for label, widget in (("&Coder", self.coder), ("&Action", self.action), ("&From", self.since),
                              ("&To", self.until)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            caption.setMinimumWidth(caption.fontMetrics().horizontalAdvance(label.replace("&", "")) + 6)
            if caption.text() != "&Coder":
                filters.addSpacing(10)
            filters.addWidget(caption)
            filters.addWidget(widget, 1 if widget in (self.coder, self.action) else 0)
        self.model = AuditTableModel(self)
        self.table = make_table(self, self.model, multi=True, name="auditTable")
        self.shown = QLabel(self, objectName="auditCounts")
        self.shown.setWordWrap(True)
        self.check_result = QLabel("The log is hash-chained; check it against the key file and the backups with "
                                   "Check for Tampering.", self, objectName="auditCheck")
        self.check_result.setWordWrap(True)
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_button = QPushButton("Check for &Tampering", self)
        self.check_reports_button = QPushButton("Check &Reports…", self)
        self.check_reports_button.setToolTip("Also compare the log with Word or Excel reports written from this "
                                             "project (each carries the log's newest entry when it was written)")
        self.export_button = QPushButton("&Export CSV…", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.check_reports_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(lambda: self._on_check())
        self.check_reports_button.clicked.connect(self._on_check_reports)
        self.export_button.clicked.connect(self._on_export)
        for combo in (self.coder, self.action):
            combo.currentIndexChanged.connect(self._on_filter)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._on_filter)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.shown)
        layout.addWidget(self.check_result)
        layout.addWidget(buttons)
        self.worker = None
        self._on_filter()
        widths = self.fontMetrics().horizontalAdvance
        for column, sample in enumerate(("00000", "2026-12-01 12:00:00", "a coder's name", "apply de-identification",
                                         "document 100")):
            self.table.setColumnWidth(column, widths(sample) + 24)
        self.resize(min(1100, widths("x") * 150), 520)

    def entries(self) -> list[AuditEntry]:
        return self.model.rows

    def _on_filter(self) -> None:
        coder, action = self.coder.currentText(), self.action.currentText()
        entries = self.service.audit.entries(coder=None if coder == ANY else coder,
                                             action=None if action == ANY else action,
                                             since=_day(self.since), until=_day(self.until))
        self.model.set_rows(entries)
        counts = self.service.audit.counts(entries).most_common()
        top = ", ".join(f"{action} {n:,}" for action, n in counts[:4])
        ending = ", …" if len(counts) > 4 else ("." if top else "")
        self.shown.setText(f"{counted(len(entries), 'entry', 'entries')} shown" + (f": {top}" if top else "") + ending)
        self.export_button.setEnabled(bool(entries))

    def _on_export(self) -> None:
        path = save_path(self, "Export the audit log", f"{self.service.path.stem} audit log.csv", "CSV files (*.csv)",
                         project=self.service.path)
        if not path:
            return
        try:
            written = self.service.audit.export_csv(path, self.entries())
        except (AnnotatorError, OSError) as exc:
            QMessageBox.warning(self, "Audit Log", str(exc))
            return
        self.shown.setText(f"{counted(written, 'entry', 'entries')} written to {path}.")

    def _on_check_reports(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Reports written from this project", str(self.service.path.parent),
                                                "Reports (*.docx *.xlsx)")
        if paths:
            self._on_check([Path(p) for p in paths])

    def _on_check(self, reports: list[Path] | None = None) -> None:
        if self.worker is not None:
            return
        key = getattr(self.keys, "key", None)
        keys = [(self.keys.path.name if self.keys.path else "open key file", key)] if key is not None else []
        self.check_button.setEnabled(False)
        self.check_reports_button.setEnabled(False)
        self.worker = run_with_progress(self, "Audit Log", "Checking the audit log",
                                        lambda progress, cancelled: self.service.audit.verify(keys, reports or ()),
                                        done=self._on_checked, failed=self._on_check_failed,
                                        finished=self._on_check_finished)

    def _on_checked(self, check: AuditCheck) -> None:
        lines = check.lines()
        self.check_result.setText("<b>" + html.escape(lines[-1]) + "</b><br>" + "<br>".join(map(html.escape, lines[:-1])))

    def _on_check_failed(self, message: str) -> None:
        self.check_result.setText(message)

    def _on_check_finished(self) -> None:
        self.worker = None
        self.check_button.setEnabled(True)
        self.check_reports_button.setEnabled(True)


def show_audit_log(window) -> AuditLogDialog:
    """Reports > Audit Log: window-modal (it shows one project's log: the window cannot switch projects under it)."""
    dialog = AuditLogDialog(window.service, window.keys, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
