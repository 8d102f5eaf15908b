"""Read-only transcript view: the canonical text with speaker labels styled, formatted in one edit block."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QTextEdit

from annotator.core.transcript import SpeakerTurn
from annotator.gui.text_positions import Utf16Positions


class TranscriptView(QTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("transcriptView")
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(18)
        self.setPlaceholderText("Select a document to read it here.")
        self.positions = Utf16Positions("")
        self._label_format = QTextCharFormat()
        self._label_format.setFontWeight(QFont.Weight.Bold)
        self._label_format.setForeground(QColor("#1f4e79"))

    def show_transcript(self, text: str, turns: list[SpeakerTurn]) -> None:
        self.positions = Utf16Positions(text)
        self.setPlainText(text)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # one layout pass for every label, not one per label
        for turn in turns:
            label_end = turn.text_start if turn.text_start > turn.start else turn.start
            if label_end <= turn.start:
                continue
            cursor.setPosition(self.positions.to_qt(turn.start))
            cursor.setPosition(self.positions.to_qt(label_end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(self._label_format)
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as code-point offsets into the stored text, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.positions.from_qt(cursor.selectionStart()), self.positions.from_qt(cursor.selectionEnd())
