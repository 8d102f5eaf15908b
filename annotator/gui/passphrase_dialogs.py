"""Asking for a project's passphrase, always masked: when an encrypted project is opened (the passphrase source the
GUI installs, see services/passphrases.py), and when New Project offers encryption (asked twice)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.services.project_encryption import MIN_PASSPHRASE, check_new_passphrase


def _parent() -> QWidget | None:
    return QApplication.activeWindow()


def passphrase_prompt(name: str) -> str:
    return (f"{name} is encrypted: nobody can read it without its passphrase.\n\n"
            "Passphrase (Annotator keeps it only while the project is open):")


def ask_passphrase(path: Path, why: str = "open") -> str | None:
    """The passphrase of the encrypted project at `path`, typed masked; None if the researcher cancels."""
    text, ok = QInputDialog.getText(_parent(), "Encrypted project", passphrase_prompt(path.name),
                                    QLineEdit.EchoMode.Password)
    return text if ok and text else None


def ask_new_passphrase(parent: QWidget | None, name: str) -> str | None:
    """A passphrase for a project being encrypted, typed twice; None if the researcher cancels or it does not do."""
    first, ok = QInputDialog.getText(
        parent, "Encrypt the project",
        f"Passphrase for {name} (at least {MIN_PASSPHRASE} characters; a few words are best).\n\n"
        "Without it nobody, you included, can open the project: keep it somewhere safe.",
        QLineEdit.EchoMode.Password)
    if not ok:
        return None
    again, ok = QInputDialog.getText(parent, "Encrypt the project", "Repeat the passphrase:",
                                     QLineEdit.EchoMode.Password)
    if not ok:
        return None
    try:
        if again != first:
            raise AnnotatorError("The passphrases did not match; the project was not created.")
        return check_new_passphrase(first)
    except AnnotatorError as exc:
        QMessageBox.warning(parent, "Encrypt the project", str(exc))
        return None


def offer_encryption(parent: QWidget | None, name: str) -> tuple[bool, str | None]:
    """For New Project: (go on, passphrase or None). Encrypting is offered, not forced."""
    answer = QMessageBox.question(
        parent, "New project",
        f"Encrypt {name} with a passphrase?\n\nEncrypted, the project file and its backups cannot be read "
        "without the passphrase, on this computer or any copy of it. Annotator asks for it each time the project "
        "is opened.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.No)
    if answer == QMessageBox.StandardButton.Cancel:
        return False, None
    if answer != QMessageBox.StandardButton.Yes:
        return True, None
    passphrase = ask_new_passphrase(parent, name)
    return passphrase is not None, passphrase
