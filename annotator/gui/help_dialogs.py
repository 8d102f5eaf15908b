"""Help and settings windows: the manual (the README's tour, shipped with the app, readable offline), the list of
keyboard shortcuts (read from the menus themselves, so it is never out of date), About with the version, the
preferences, and the start screen."""

from __future__ import annotations

import importlib.metadata
import importlib.resources

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

import annotator

# Keys that belong to widgets rather than to menu actions.
WIDGET_KEYS = (
    ("Transcript", "Shift+Arrow keys, Shift+Ctrl+Arrow keys", "Select (or grow the selection) by character, word"),
    ("Transcript", "1 … 9", "Code the selection with the code on that number key"),
    ("Transcript", "Menu key or Shift+F10", "The menu for the selection or the caret: code, uncode, memo, extent"),
    ("Quick code box", "Up, Down, Enter", "Choose a matching code (or the “Create code” row) and code with it"),
    ("Quick code box", "Escape", "Close the list; again: back to the transcript"),
    ("Codebook", "Enter", "Code the transcript's selection with the current code"),
    ("Codebook", "F2 / Delete", "Rename / delete the current code"),
    ("De-identification", "A / R", "Accept / reject the selected identifiers; the next one to review comes up"),
    ("De-identification", "T / N", "Next type (person, place, agency, other) / next identifier to review"),
    ("De-identification", "Enter", "Show the identifier's next mention in the transcript (the keys stay in the list)"),
    ("De-identification", "Shift+A / /", "Accept all of a confidence band and type / filter the list"),
    ("De-identification", "R in the mention list", "Not this one: reject (again: restore) the selected mention"),
    ("Residual scan", "Enter / A / D", "Open the hit in the transcript / add it as an identifier / dismiss it"),
    ("Memos", "Enter / Delete", "Open / delete the selected memo"),
    ("Memo window", "Ctrl+Enter", "Save the memo"),
    ("Any panel", "Tab, Shift+Tab", "Move to the next or previous control"),
)


def version() -> str:
    try:
        return importlib.metadata.version("annotator")
    except importlib.metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return annotator.__version__


def manual_text() -> str:
    return (importlib.resources.files("annotator.resources") / "manual.md").read_text("utf-8")


def shortcut_rows(window) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every menu action with a shortcut, then the widgets' own keys."""
    rows = []

    def walk(menu, path):
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), [*path, action.menu().title().replace("&", "")])
            elif not action.shortcut().isEmpty():
                rows.append((" > ".join(path), action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                             action.text().replace("&", "")))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), [top.text().replace("&", "")])
    return rows + list(WIDGET_KEYS)


class ShortcutsDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcutsDialog")
        rows = shortcut_rows(window)
        self.filter = QLineEdit(placeholderText="Find a shortcut")
        self.filter.setClearButtonEnabled(True)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.filter.textChanged.connect(self._on_filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 520)
        self.filter.setFocus()  # typing finds a shortcut at once

    def _on_filter(self, text: str) -> None:
        words = text.lower().split()
        for r in range(self.table.rowCount()):
            line = " ".join(self.table.item(r, c).text() for c in range(3)).lower()
            self.table.setRowHidden(r, not all(w in line for w in words))


class ManualDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle("Annotator manual")
        self.setObjectName("manualDialog")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)  # nothing is fetched: the manual is inside the app
        self.browser.setMarkdown(manual_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(820, 620)


def _show(window, attribute: str, factory) -> QDialog:
    """One window of each kind at a time, brought to the front when asked for again."""
    dialog = getattr(window, attribute, None)
    if dialog is None:
        dialog = factory(window)
        setattr(window, attribute, dialog)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def manual(window) -> QDialog:
    return _show(window, "manual_dialog", ManualDialog)


def shortcuts(window) -> QDialog:
    return _show(window, "shortcuts_dialog", ShortcutsDialog)


def about(window) -> None:
    QMessageBox.about(window, "About Annotator",
                      f"<h3>Annotator {version()}</h3><p>Qualitative coding of interview transcripts, offline.</p>"
                      "<p>Your project never leaves this computer: no account, no cloud, no network.</p>")


def preferences(window) -> None:
    from annotator.gui.preferences import PreferencesDialog

    PreferencesDialog(window).exec()
    window.coder_hint.refresh()


def start_screen(window) -> None:
    from annotator.gui.projects import recent_projects
    from annotator.gui.start_dialog import StartDialog

    dialog = StartDialog(recent_projects(), window)
    if dialog.exec() and dialog.opener is not None:
        window.switch_to(dialog.opener)
