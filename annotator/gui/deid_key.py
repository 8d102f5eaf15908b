"""The key file for this window: opened or created on demand, its passphrase asked once (masked), kept in memory
only while the project is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from annotator.deid.keyfile import KeyFile, is_encrypted, load_key
from annotator.gui.folders import open_path, save_path
from annotator.services.project_service import ProjectService

KEY_FILTER = "Annotator key files (*.annotator-key)"


class KeySession:
    def __init__(self, parent: QWidget):
        self.parent = parent
        self.key: KeyFile | None = None
        self.path: Path | None = None
        self.passphrase: str | None = None

    def forget(self) -> None:
        self.key = self.path = self.passphrase = None

    def ensure(self, service: ProjectService) -> bool:
        """Make sure a key is open: open the project's existing key, or create one. False if the researcher stops."""
        if self.key is not None:
            return True
        if service.project.setting("deid.key_id"):
            return self.open_existing()
        answer = QMessageBox.question(
            self.parent, "Key file",
            "The originals behind the pseudonyms are kept in a key file, apart from the project. Create one now?\n\n"
            "Keep it somewhere other than the project (and its backups), and lock it with a passphrase.")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.create(service)

    def create(self, service: ProjectService) -> bool:
        # Suggested away from the project (its folder, and its backups, are where a key must not be).
        path = save_path(self.parent, "New key file", service.path.with_suffix(".annotator-key").name, KEY_FILTER,
                         kind="keys")
        if not path:
            return False
        passphrase, ok = QInputDialog.getText(self.parent, "Key file passphrase",
                                              "Passphrase to lock the key file (leave empty for none):",
                                              QLineEdit.EchoMode.Password)
        if not ok:
            return False
        if passphrase:
            again, ok = QInputDialog.getText(self.parent, "Key file passphrase", "Repeat the passphrase:",
                                             QLineEdit.EchoMode.Password)
            if not ok or again != passphrase:
                QMessageBox.warning(self.parent, "Key file", "The passphrases did not match; no key file was made.")
                return False
        self.key, self.path, self.passphrase = service.deid.new_key(), Path(path), passphrase or None
        return True

    def open_existing(self) -> bool:
        path = open_path(self.parent, "Open the project's key file", KEY_FILTER + ";;All files (*)", kind="keys")
        if not path:
            return False
        passphrase = None
        if is_encrypted(Path(path)):
            passphrase, ok = QInputDialog.getText(self.parent, "Key file passphrase", "Passphrase:",
                                                  QLineEdit.EchoMode.Password)
            if not ok:
                return False
        self.key, self.path, self.passphrase = load_key(Path(path), passphrase), Path(path), passphrase
        return True
