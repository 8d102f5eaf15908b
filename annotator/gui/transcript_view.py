"""Read-only transcript view: speaker labels styled, codings highlighted, paragraph numbers and coding stripes in
the margins, the codes under the mouse in a tooltip. Selectable from the keyboard (a caret, Shift+arrows, a
sentence, paragraph or turn at a time); colours follow the palette; font and line spacing follow the preferences."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QToolTip

from annotator.core import selection
from annotator.core.transcript import SpeakerTurn
from annotator.gui.highlighter import Highlighter
from annotator.gui.text_positions import Utf16Positions
from annotator.gui.theme import label_colour
from annotator.gui.transcript_margins import (
    CodingStripes,
    ParagraphMargin,
    StripeInfo,
    _escape,
)
from annotator.storage.codings import Coding


class TranscriptView(QTextEdit):
    context_menu_requested = Signal(QPoint, int)  # global position, code-point offset it is about
    passage_memo_clicked = Signal(int)  # code-point offset of the paragraph whose memo mark was clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        # Read-only, yet with a caret: the selection can be made and grown from the keyboard.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setObjectName("transcriptView")
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(14)
        self.setPlaceholderText("Select a document to read it here.")
        self.positions = Utf16Positions("")
        self.text = ""
        self.turns: list[SpeakerTurn] = []
        self.line_spacing = 100  # percent of the font's line height
        self.highlighter = Highlighter(self.document())
        self.paragraphs = ParagraphMargin(self)
        self._memo_starts: dict[int, int] = {}  # block number -> start of the first passage memo in it
        self.paragraphs.memo_clicked.connect(lambda block: self.passage_memo_clicked.emit(self._memo_starts[block])
                                             if block in self._memo_starts else None)
        self.stripes = CodingStripes(self)
        self.verticalScrollBar().valueChanged.connect(self._update_margins)
        self.textChanged.connect(self._update_margins)
        # The layout of a new text finishes after it is shown: the margins are drawn again when it does (the
        # paragraph numbers were missing until the first scroll).
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._update_margins())
        self._label_format = QTextCharFormat()
        self._restyle_colours()
        self._place_margins()

    # ----------------------------------------------------------------------------------------------- content
    def show_transcript(self, text: str, turns: list[SpeakerTurn], codings: list[Coding] = (),
                        codes: dict[int, StripeInfo] | None = None, memoed: set[int] = frozenset()) -> None:
        self.text = text
        self.turns = list(turns)
        self.positions = Utf16Positions(text)
        self.stripes.to_qt = self.positions.to_qt
        self.stripes.new_text()
        # setPlainText gives the new text the cursor's current format, which after the last document can be a
        # speaker label's: start every document from the plain format (selecting the whole text to set it again
        # would cost 90 ms on a long transcript).
        self.setCurrentCharFormat(QTextCharFormat())
        self.setPlainText(text)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # one layout pass for every label, not one per label
        if self.line_spacing != 100:
            spacing = QTextBlockFormat()
            spacing.setLineHeight(self.line_spacing, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.mergeBlockFormat(spacing)
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

    def update_codes(self, codes: dict[int, StripeInfo]) -> bool:
        """New names or paths for the codes (a rename, a move, a new code): the stripes' labels change, the
        highlights do not.
        Returns False, doing nothing, if a colour changed (then set_codings repaints)."""
        colours = self.highlighter.colours
        if any(colours.get(k, v.colour) != v.colour for k, v in codes.items()):
            return False
        self.highlighter.colours = {k: v.colour for k, v in codes.items()}  # (a new code's, for its first coding)
        self.stripes.codes = codes
        self._refresh_stripes()
        return True

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
        self._memo_starts = {}
        for memo in range_memos:
            block = self.document().findBlock(self.positions.to_qt(memo.start)).blockNumber()
            marks[block] = (marks[block] + "\n\n" if block in marks else "") + (memo.title or memo.body)[:300]
            self._memo_starts.setdefault(block, memo.start)
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
        return selection.turn_at(self.turns, offset)

    def caret_offset(self) -> int:
        return self.positions.from_qt(self.textCursor().position())

    def select_range(self, start: int, end: int, *, centre: bool = True) -> None:
        """Select [start, end) and, if asked, scroll so the passage sits in the middle of the view."""
        cursor = self.textCursor()
        cursor.setPosition(self.positions.to_qt(start))
        cursor.setPosition(self.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if centre:
            self.centre_on(start, end)
        else:
            self.ensureCursorVisible()

    def centre_on(self, start: int, end: int) -> None:
        # A document just shown is laid out lazily: finish its layout so the scroll range reaches the passage.
        self.document().documentLayout().documentSize()
        probe = QTextCursor(self.document())
        probe.setPosition(self.positions.to_qt(start))
        top = self.cursorRect(probe).top()
        probe.setPosition(self.positions.to_qt(end))
        bottom = self.cursorRect(probe).bottom()
        height = self.viewport().height()
        middle = (top + bottom) // 2 if bottom - top < height * 0.8 else top + height // 3
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + middle - height // 2)

    # ----------------------------------------------------------------------------------- keyboard selection
    def _selection_or_caret(self) -> tuple[int, int]:
        selected = self.selected_range()
        return selected if selected else (self.caret_offset(), self.caret_offset())

    def select_sentence(self) -> None:
        """The sentence at the caret; again, and the selection takes in the next sentence."""
        start, end = self._selection_or_caret()
        if start < end:
            self.select_range(start, selection.next_sentence_end(self.text, end, self.turns), centre=False)
        elif self.text:
            self.select_range(*selection.sentence_at(self.text, start, self.turns), centre=False)

    def select_paragraph(self) -> None:
        """The paragraph at the caret (without its speaker label); again, and the next paragraph too."""
        start, end = self._selection_or_caret()
        if not self.text:
            return
        first = selection.speech_paragraph_at(self.text, start, self.turns)
        last = selection.speech_paragraph_at(self.text, max(start, end - 1), self.turns)
        if (min(first[0], start), last[1]) == (start, end):  # already whole paragraphs: take in the next one
            following = selection.next_paragraph(self.text, end, self.turns)
            if following is not None:
                last = following
        self.select_range(min(first[0], start), last[1], centre=False)

    def select_turn(self, offset: int | None = None) -> None:
        where = self._selection_or_caret()[0] if offset is None else offset
        speech = selection.speech_of_turn(self.text, self.turns, where)
        if speech is not None:
            self.select_range(*speech, centre=False)

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

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The mouse's menu is about the text under it; the Menu key's (or Shift+F10) about the caret."""
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            rect = self.cursorRect()
            where = self.viewport().mapToGlobal(rect.bottomLeft())
            self.context_menu_requested.emit(where, self.caret_offset())
        else:
            self.context_menu_requested.emit(event.globalPos(), self.offset_at(self.viewport().mapFromGlobal(
                event.globalPos())))

    # --------------------------------------------------------------------------------------- look and feel
    def apply_preferences(self, family: str, size: float, line_spacing: int) -> None:
        """The transcript's font and line spacing (the text is laid out again; codings are kept)."""
        font = QFont(self.font())
        if family:
            font.setFamily(family)
        if size > 0:
            font.setPointSizeF(size)
        self.document().setDefaultFont(font)
        self.line_spacing = max(100, min(250, int(line_spacing)))
        self._relayout()
        self.paragraphs.updateGeometry()
        self._place_margins()

    def _restyle_colours(self) -> None:
        palette = self.palette()
        self._label_format = QTextCharFormat()
        self._label_format.setFontWeight(QFont.Weight.Bold)
        self._label_format.setForeground(label_colour(palette))
        self.highlighter.base = palette.color(QPalette.ColorRole.Base).name()
        self.highlighter.text = palette.color(QPalette.ColorRole.Text).name()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle_colours()
            self._relayout()  # labels and highlights drawn again in the new colours

    def _relayout(self) -> None:
        """Draw the same transcript again (new colours or font), keeping the scroll position and selection."""
        if not self.text:
            self._update_margins()
            return
        scroll, selected = self.verticalScrollBar().value(), self.selected_range()
        memo_blocks = dict(self.paragraphs.memo_blocks)
        codings = list(self.highlighter.codings.values())
        self.show_transcript(self.text, self.turns, codings, self.stripes.codes, self.stripes.memoed)
        self.paragraphs.memo_blocks = memo_blocks
        if selected:
            self.select_range(*selected, centre=False)
        self.verticalScrollBar().setValue(scroll)

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
