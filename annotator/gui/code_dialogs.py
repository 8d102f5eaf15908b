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
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from annotator.core.codebook import Code


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
        picked = QColorDialog.getColor(QColor(self.colour), self, "Code colour")
        if picked.isValid():
            self.colour = picked.name().upper()
            self._show_colour()

    def fields(self) -> dict[str, str]:
        return {"description": self.description.toPlainText(), "when_to_use": self.when_to_use.toPlainText(),
                "when_not_to_use": self.when_not_to_use.toPlainText(), "example": self.example.toPlainText()}


class MemoDialog(QDialog):
    """Title and body; Ctrl+Enter saves, Escape cancels; an existing memo can be deleted from here."""

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
        self.body.setTabChangesFocus(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip("Save (Ctrl+Enter)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if existing:
            delete = buttons.addButton("Delete Memo", QDialogButtonBox.ButtonRole.DestructiveRole)
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
