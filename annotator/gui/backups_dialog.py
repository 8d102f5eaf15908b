"""File > Restore from Backup: the project's backups (when, why, how big) and where they are; restore one (the
project as it is now is backed up first) or remove some. After de-identification, the offer to remove the backups
that still hold the originals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.widgets import counted
from annotator.services.backup_service import restore
from annotator.services.project_service import ProjectService
from annotator.storage.backups import Backup

WHY = {"opened": "when the project was opened", "periodic": "after some minutes of changes",
       "before-deid": "before de-identification (holds the originals)", "before-merge": "before a merge",
       "before-import": "before a REFI-QDA import", "before-migration": "before the project was upgraded",
       "before-restore": "before a backup was restored", "before-encryption": "before encryption changed"}


class BackupsDialog(QDialog):
    def __init__(self, service: ProjectService, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Restore from Backup")
        self.restored: Backup | None = None  # set when the researcher chose one to restore
        self.where = QLabel(self, objectName="backupFolder")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Taken", "Why", "Size"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        self.restore_button = QPushButton("&Restore", self)
        self.remove_button = QPushButton("Re&move", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore)
        self.remove_button.clicked.connect(self._on_remove)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(620, 380)
        self._fill()

    def _fill(self) -> None:
        self.backups = self.service.backups.list()
        encrypted = "encrypted like the project" if self.service.project.encrypted else "not encrypted"
        self.where.setText(f"{counted(len(self.backups), 'backup')} ({encrypted}) in {self.service.backups.folder}. "
                           f"The newest {self.service.backups.keep} are kept. A backup taken before de-identification "
                           "still holds the originals.")
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            taken = f"{backup.taken.astimezone():%Y-%m-%d %H:%M}"
            for column, value in enumerate((taken, WHY.get(backup.reason, backup.reason), f"{backup.size / 1e6:.1f} MB")):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if self.backups:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(self.backups))
        self.remove_button.setEnabled(bool(self.backups))

    def _chosen(self) -> list[Backup]:
        return [self.backups[i.row()] for i in self.table.selectionModel().selectedRows()]

    def _on_restore(self) -> None:
        chosen = self._chosen()
        if len(chosen) != 1:
            QMessageBox.warning(self, "Restore from Backup", "Choose one backup to restore.")
            return
        answer = QMessageBox.question(
            self, "Restore from Backup",
            f"Put the backup of {chosen[0].describe} in the project's place?\n\nThe project as it is now is backed "
            "up first, so this can be undone by restoring that backup.")
        if answer == QMessageBox.StandardButton.Yes:
            self.restored = chosen[0]
            self.accept()

    def _on_remove(self) -> None:
        chosen = self._chosen()
        if chosen and QMessageBox.question(
                self, "Remove backups", f"Delete {counted(len(chosen), 'backup')} for good?"
        ) == QMessageBox.StandardButton.Yes:
            self.service.backups.remove(chosen)
            self._fill()


def restore_from_backup(window) -> None:
    """File > Restore from Backup: choose, then close the project, restore it, and open it again."""
    dialog = BackupsDialog(window.service, window)
    if not dialog.exec() or dialog.restored is None:
        return
    number, coder = dialog.restored.number, window.service.coder
    window.reopen_after(lambda path, passphrase: restore(path, number, passphrase, coder))


def offer_backup_removal(parent: QWidget | None, service: ProjectService) -> int:
    """After de-identification: the backups taken before it hold the originals; say where, offer to remove them."""
    holding = service.backups.holding_originals()
    if not holding:
        return 0
    answer = QMessageBox.question(
        parent, "Backups with the originals",
        f"{counted(len(holding), 'backup')} taken before this de-identification still "
        f"{'holds' if len(holding) == 1 else 'hold'} the originals, in {service.backups.folder}.\n\n"
        "Remove them now? (Keep them only if you may need to go back, and keep them as safe as the key file.)")
    if answer != QMessageBox.StandardButton.Yes:
        return 0
    try:
        return service.backups.remove(holding)
    except AnnotatorError as exc:
        QMessageBox.warning(parent, "Backups", str(exc))
        return 0
