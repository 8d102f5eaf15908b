"""File > Encryption: encrypt the open project with a passphrase, change it, or make the project plain again. Each
closes the project, converts the file and every backup of it (see services/project_encryption.py), and opens it
again; a conversion that fails leaves the project as it was, opened as before."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QMessageBox

from annotator.gui.passphrase_dialogs import ask_new_passphrase
from annotator.services import project_encryption


def fill_menu(menu: QMenu, window) -> None:
    """The menu's entries for the project as it is now (encrypted or not, writable or not)."""
    menu.clear()
    project = window.service.project
    writable = not project.readonly
    if project.encrypted:
        menu.addAction("Change &Passphrase…", lambda: change_passphrase(window)).setEnabled(writable)
        menu.addAction("&Decrypt Project…", lambda: decrypt(window)).setEnabled(writable)
    else:
        menu.addAction("&Encrypt Project…", lambda: encrypt(window)).setEnabled(writable)


def encrypt(window) -> bool:
    return _with_new_passphrase(window, lambda path, _old, new, coder: project_encryption.encrypt(path, new, coder),
                                "{name} and its backups are encrypted.")


def change_passphrase(window) -> bool:
    return _with_new_passphrase(window, project_encryption.change_passphrase,
                                "The passphrase of {name} and its backups is changed.")


def decrypt(window) -> bool:
    name = window.service.path.name
    answer = QMessageBox.question(
        window, "Decrypt the project",
        f"Make {name} and its backups plain again?\n\nAnyone who can read the files (a copy, a backup disk, a "
        "shared folder) can then read every transcript in them.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    coder = window.service.coder
    return _reopened(window, lambda path, old: project_encryption.decrypt(path, old, coder), None,
                     f"{name} and its backups are no longer encrypted.")


def _with_new_passphrase(window, convert, said: str) -> bool:
    """Ask for a new passphrase (twice), then convert(path, old passphrase, new one, coder) the closed project."""
    name = window.service.path.name
    new = ask_new_passphrase(window, name)
    if new is None:
        return False
    coder = window.service.coder
    return _reopened(window, lambda path, old: convert(path, old, new, coder), new, said.format(name=name))


def _reopened(window, change, passphrase_after: str | None, said: str) -> bool:
    done = window.reopen_after(change, passphrase_after=passphrase_after)
    if done:
        window.show_status(said)
    return done
