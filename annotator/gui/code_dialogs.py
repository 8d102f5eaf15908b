"""Dialogs for codes and memos: describing a code, and writing a memo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from annotator.core.codebook import PALETTE, Code


class CodeDialog(QDialog):
    """Name, colour, definition, when to use, when not to use, and an example."""

    def __init__(self, code: Code | None, parent=None, *, title: str = "Code", colour: str = "#0072B2"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("codeDialog")
        self.name = QLineEdit(code.name if code else "")
        self.colour = code.colour if code else colour
        self.colour_button = QPushButton()
        self.colour_button.clicked.connect(self._on_pick_colour)
        self._show_colour()
        self.description = self._text(code.description if code else "")
        self.when_to_use = self._text(code.when_to_use if code else "")
        self.when_not_to_use = self._text(code.when_not_to_use if code else "")
        self.example = self._text(code.example if code else "")
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(self.colour_button)
        form.addRow("Name", row)
        form.addRow("Definition", self.description)
        form.addRow("When to use", self.when_to_use)
        form.addRow("When not to use", self.when_not_to_use)
        form.addRow("Example", self.example)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 460)

    @staticmethod
    def _text(value: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(value)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(70)
        return edit

    def _show_colour(self) -> None:
        self.colour_button.setText(self.colour)
        self.colour_button.setStyleSheet(f"background: {self.colour}; color: "
                                         f"{'white' if QColor(self.colour).lightness() < 140 else 'black'};")

    def _on_pick_colour(self) -> None:
        for i, colour in enumerate(PALETTE):  # the colour-blind-safe palette codes get, offered first
            QColorDialog.setCustomColor(i, QColor(colour))
        picked = QColorDialog.getColor(QColor(self.colour), self, "Code colour")
        if picked.isValid():
            self.colour = picked.name().upper()
            self._show_colour()

    def fields(self) -> dict[str, str]:
        return {"description": self.description.toPlainText(), "when_to_use": self.when_to_use.toPlainText(),
                "when_not_to_use": self.when_not_to_use.toPlainText(), "example": self.example.toPlainText()}


class MemoDialog(QDialog):
    """Title and body; Ctrl+Enter saves; Escape (or Cancel, or closing the window) with changes asks whether to
    save them, so typing is never lost by a stray key; an existing memo can be deleted from here."""

    DELETE = 2  # the dialog's result when the researcher deletes the memo

    def __init__(self, heading: str, title: str = "", body: str = "", parent=None, *, existing: bool = False,
                 about: str = ""):
        super().__init__(parent)
        self.setWindowTitle(heading)
        self.setObjectName("memoDialog")
        self.title = QLineEdit(title)
        self.title.setPlaceholderText("Title (optional)")
        self.body = QPlainTextEdit(body)
        self.body.setPlaceholderText("Your memo: interpretations, questions, decisions…")
        self._original = (title, body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip("Save (Ctrl+Enter)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():  # Tab from the text never lands on a button a space would press
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        if existing:
            delete = buttons.addButton("Delete Memo", QDialogButtonBox.ButtonRole.DestructiveRole)
            delete.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            delete.clicked.connect(lambda: self.done(self.DELETE))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        if about:
            context = QLabel(about)
            context.setObjectName("memoAbout")
            context.setWordWrap(True)
            context.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(context)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
        self.resize(480, 360)
        self.body.setFocus()

    def changed(self) -> bool:
        return (self.title.text(), self.body.toPlainText()) != self._original

    def ask_about_changes(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel (one place, so tests can answer instead of a person)."""
        return QMessageBox.question(self, self.windowTitle(), "Save the changes to this memo?",
                                    QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                                    | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    def reject(self) -> None:
        if self.changed():
            answer = self.ask_about_changes()
            if answer == QMessageBox.StandardButton.Save:
                self.accept()
                return
            if answer == QMessageBox.StandardButton.Cancel:
                return
        super().reject()
