"""Read-only transcript view: speaker labels styled, codings highlighted, paragraph numbers and coding stripes in
the margins, the codes under the mouse in a tooltip."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QToolTip

from annotator.core.transcript import SpeakerTurn
from annotator.gui.highlighter import Highlighter
from annotator.gui.text_positions import Utf16Positions
from annotator.gui.transcript_margins import (
    CodingStripes,
    ParagraphMargin,
    StripeInfo,
    _escape,
)
from annotator.storage.codings import Coding


class TranscriptView(QTextEdit):
    context_menu_requested = Signal(QPoint)  # global position

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("transcriptView")
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(14)
        self.setPlaceholderText("Select a document to read it here.")
        self.positions = Utf16Positions("")
        self.text = ""
        self.turns: list[SpeakerTurn] = []
        self._turn_starts: list[int] = []
        self._label_format = QTextCharFormat()
        self._label_format.setFontWeight(QFont.Weight.Bold)
        self._label_format.setForeground(QColor("#1f4e79"))
        self.highlighter = Highlighter(self.document())
        self.paragraphs = ParagraphMargin(self)
        self.stripes = CodingStripes(self)
        self.verticalScrollBar().valueChanged.connect(self._update_margins)
        self.textChanged.connect(self._update_margins)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(lambda p: self.context_menu_requested.emit(self.mapToGlobal(p)))
        self._place_margins()

    # ----------------------------------------------------------------------------------------------- content
    def show_transcript(self, text: str, turns: list[SpeakerTurn], codings: list[Coding] = (),
                        codes: dict[int, StripeInfo] | None = None, memoed: set[int] = frozenset()) -> None:
        self.text = text
        self.turns = list(turns)
        self._turn_starts = [t.start for t in self.turns]
        self.positions = Utf16Positions(text)
        self.stripes.to_qt = self.positions.to_qt
        self.setPlainText(text)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # one layout pass for every label, not one per label
        turn_gap = QTextBlockFormat()
        turn_gap.setTopMargin(7)  # turns stand apart even where the text has no blank line between them
        for turn in turns:
            cursor.setPosition(self.positions.to_qt(turn.start))
            cursor.mergeBlockFormat(turn_gap)
            if turn.text_start <= turn.start:
                continue
            cursor.setPosition(self.positions.to_qt(turn.text_start), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(self._label_format)
        cursor.endEditBlock()
        self.set_codings(list(codings), codes or {}, memoed)
        self.paragraphs.reset()
        self._place_margins()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_codings(self, codings: list[Coding], codes: dict[int, StripeInfo], memoed: set[int]) -> None:
        """Repaint every highlight and stripe (opening a document, recolouring codes)."""
        self.stripes.codes = codes
        self.stripes.memoed = set(memoed)
        self.highlighter.reset(self.positions, codings, {k: v.colour for k, v in codes.items()})
        self._refresh_stripes()

    def add_coding(self, coding: Coding) -> None:
        """Draw one new coding: its own stretch of highlight, and the stripes."""
        self.highlighter.add(coding)
        self._refresh_stripes()

    def remove_coding(self, coding_id: int) -> None:
        self.highlighter.remove(coding_id)
        self._refresh_stripes()

    def set_memo_marks(self, memoed_codings: set[int], range_memos) -> None:
        """Mark codings that carry a memo (a dot on the stripe) and passages with one (a pencil by the paragraph)."""
        self.stripes.memoed = set(memoed_codings)
        marks: dict[int, str] = {}
        for memo in range_memos:
            block = self.document().findBlock(self.positions.to_qt(memo.start)).blockNumber()
            marks[block] = (marks[block] + "\n\n" if block in marks else "") + (memo.title or memo.body)[:300]
        self.paragraphs.memo_blocks = marks
        self._update_margins()

    def _refresh_stripes(self) -> None:
        width = self.stripes.sizeHint().width()
        self.stripes.set_codings(list(self.highlighter.codings.values()))
        if self.stripes.sizeHint().width() != width:  # new margins relayout the text: only when the lanes change
            self._place_margins()
        else:
            self.stripes.update()

    # ------------------------------------------------------------------------------------------- positions
    def selected_range(self) -> tuple[int, int] | None:
        """The selection as code-point offsets into the stored text, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.positions.from_qt(cursor.selectionStart()), self.positions.from_qt(cursor.selectionEnd())

    def offset_at(self, point: QPoint) -> int:
        """Code-point offset of the character under a viewport point."""
        return self.positions.from_qt(self.cursorForPosition(point).position())

    def codings_at(self, offset: int) -> list[Coding]:
        return [c for c in list(self.highlighter.codings.values()) if c.start <= offset < c.end]

    def turn_at(self, offset: int) -> SpeakerTurn | None:
        i = bisect_right(self._turn_starts, offset) - 1
        return self.turns[i] if i >= 0 and offset < max(self.turns[i].end, self.turns[i].start + 1) else None

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.positions.to_qt(start))
        cursor.setPosition(self.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # ---------------------------------------------------------------------------------------------- margins
    def _place_margins(self) -> None:
        left, right = self.paragraphs.sizeHint().width(), self.stripes.sizeHint().width()
        self.setViewportMargins(left, 0, right, 0)
        rect = self.contentsRect()
        self.paragraphs.setGeometry(rect.left(), rect.top(), left, rect.height())
        scrollbar = self.verticalScrollBar().width() if self.verticalScrollBar().isVisible() else 0
        self.stripes.setGeometry(rect.right() - right - scrollbar + 1, rect.top(), right, rect.height())
        self._update_margins()

    def _update_margins(self) -> None:
        self.paragraphs.update()
        self.stripes.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_margins()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.text:
            here = self.codings_at(self.offset_at(event.pos()))
            names = sorted({self.stripes.codes[c.code_id].path for c in here if c.code_id in self.stripes.codes})
            if names:
                QToolTip.showText(event.globalPos(), "<br>".join(f"• {_escape(n)}" for n in names), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
