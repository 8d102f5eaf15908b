"""The transcript's margins: paragraph numbers (and memo marks) on the left, coding stripes on the right.

Stripes follow NVivo's coding stripes: one lane per overlapping coding, in its code's colour, labelled with the code
name. Margins paint only what is in view, from positions cached per layout, so scrolling never touches highlights.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from annotator.gui.theme import margin_colours
from annotator.storage.codings import Coding

LANE_WIDTH = 15
MAX_LANES = 12


def assign_lanes(codings: list[Coding]) -> dict[int, int]:
    """Interval partitioning: overlapping codings get different lanes, as few as possible, each coding the lowest
    lane free at its start (heaps of busy and free lanes: n log lanes, not n times lanes)."""
    lanes: dict[int, int] = {}
    busy: list[tuple[int, int]] = []  # (end, lane)
    free: list[int] = []
    count = 0
    for coding in sorted(codings, key=lambda c: (c.start, -c.end, c.id)):
        while busy and busy[0][0] <= coding.start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane, count = count, count + 1
        lanes[coding.id] = lane
        heapq.heappush(busy, (coding.end, lane))
    return lanes


class _Reach(NamedTuple):
    """The paragraphs a coding's stripe runs beside, as Qt positions: two codings on the same line would draw
    over each other, so lanes are given by paragraphs, not by characters."""

    id: int
    start: int
    end: int


@dataclass
class StripeInfo:
    name: str
    path: str
    colour: str


class _Margin(QWidget):
    def __init__(self, view: QTextEdit):
        super().__init__(view)
        self.view = view
        self.setMouseTracking(True)

    def _y_range(self, qt_start: int, qt_end: int) -> tuple[int, int]:
        """Top and bottom, in this widget's coordinates, of the text between two Qt positions."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(qt_start)
        top = self.view.cursorRect(cursor).top()
        cursor.setPosition(max(qt_start, qt_end - 1))
        bottom = self.view.cursorRect(cursor).bottom()
        offset = self.view.viewport().y() - self.y()
        return top + offset, bottom + offset

    def _visible_qt_range(self) -> tuple[int, int]:
        viewport = self.view.viewport()
        first = self.view.cursorForPosition(QPoint(0, 0)).position()
        last = self.view.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        return first, last + 1


class ParagraphMargin(_Margin):
    """Paragraph numbers (non-empty lines, numbered as retrieval and reports number them) and memo marks; a click
    on a mark opens the memo."""

    memo_clicked = Signal(int)  # number of the block whose mark was clicked

    def __init__(self, view: QTextEdit):
        super().__init__(view)
        self.block_numbers: dict[int, int] = {}  # QTextBlock number -> paragraph number
        self.memo_blocks: dict[int, str] = {}  # block number -> memo tooltip
        self.setObjectName("paragraphMargin")

    def reset(self) -> None:
        self.block_numbers.clear()
        block, paragraph = self.view.document().begin(), 0
        while block.isValid():
            if block.text().strip():
                paragraph += 1
                self.block_numbers[block.blockNumber()] = paragraph
            block = block.next()
        self.update()

    def sizeHint(self) -> QSize:
        digits = len(str(max(self.block_numbers.values(), default=1)))
        return QSize(self.fontMetrics().horizontalAdvance("9" * digits) + 22, 0)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        background, numbers = margin_colours(self.view.palette())
        painter.fillRect(event.rect(), background)
        painter.setPen(numbers)
        first, last = self._visible_qt_range()
        block = self.view.document().findBlock(first)
        height = self.fontMetrics().height()
        while block.isValid() and block.position() <= last:
            number = self.block_numbers.get(block.blockNumber())
            if number is not None:
                top, _ = self._y_range(block.position(), block.position() + 1)
                painter.drawText(QRect(0, top, self.width() - 14, height), Qt.AlignmentFlag.AlignRight, str(number))
                if block.blockNumber() in self.memo_blocks:
                    painter.drawText(QRect(self.width() - 13, top, 12, height), Qt.AlignmentFlag.AlignCenter, "✎")
            block = block.next()

    def mouseMoveEvent(self, event) -> None:
        block = self.view.cursorForPosition(QPoint(0, int(event.position().y()))).block()
        tip = self.memo_blocks.get(block.blockNumber())
        if tip:
            QToolTip.showText(event.globalPosition().toPoint(), tip + "\n\n(click to open)", self)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            QToolTip.hideText()
            self.unsetCursor()

    def mousePressEvent(self, event) -> None:
        block = self.view.cursorForPosition(QPoint(0, int(event.position().y()))).block()
        if block.blockNumber() in self.memo_blocks:
            self.memo_clicked.emit(block.blockNumber())


class CodingStripes(_Margin):
    """One lane per overlapping coding; click a stripe to select its coding, right-click for its menu."""

    coding_clicked = Signal(int)
    coding_menu = Signal(int, QPoint)

    def __init__(self, view: QTextEdit):
        super().__init__(view)
        self.setObjectName("codingStripes")
        self.codings: list[Coding] = []
        self.lanes: dict[int, int] = {}
        self.codes: dict[int, StripeInfo] = {}
        self.memoed: set[int] = set()
        self.to_qt = lambda offset: offset
        self._qt_starts: list[int] = []
        self._drawn: list[tuple[QRect, int]] = []
        self._reach: dict[tuple[int, int, int], _Reach] = {}  # (id, start, end) -> its paragraphs, for this text
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.75))
        self.setFont(font)

    def set_codings(self, codings: list[Coding]) -> None:
        self.codings = sorted(codings, key=lambda c: (c.start, c.id))
        to_qt = self.to_qt
        self._qt_starts = [to_qt(c.start) for c in self.codings]
        self.lanes = assign_lanes([self._paragraphs_of(c) for c in self.codings])
        self.updateGeometry()
        self.update()

    def new_text(self) -> None:
        """The view shows another text: paragraph reaches computed for the last one no longer hold."""
        self._reach.clear()

    def _paragraphs_of(self, coding: Coding) -> _Reach:
        key = (coding.id, coding.start, coding.end)
        reach = self._reach.get(key)
        if reach is None:
            document = self.view.document()
            start = self.to_qt(coding.start)
            first = document.findBlock(start)
            last = document.findBlock(max(start, self.to_qt(coding.end) - 1))
            reach = self._reach[key] = _Reach(coding.id, first.position(), last.position() + last.length())
        return reach

    @property
    def lane_count(self) -> int:
        return min(MAX_LANES, max(self.lanes.values(), default=-1) + 1)

    def sizeHint(self) -> QSize:
        return QSize(max(1, self.lane_count) * LANE_WIDTH + 8, 0)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), margin_colours(self.view.palette())[0])
        self._drawn = []
        if not self.codings:
            return
        first, last = self._visible_qt_range()
        # Codings are sorted by start: those beginning after the view are skipped by bisection.
        for coding in self.codings[: bisect_right(self._qt_starts, last)]:
            qt_start, qt_end = self.to_qt(coding.start), self.to_qt(coding.end)
            if qt_end < first:
                continue
            lane = self.lanes.get(coding.id, 0)
            if lane >= MAX_LANES:
                continue
            top, bottom = self._y_range(qt_start, qt_end)
            info = self.codes.get(coding.code_id, StripeInfo("?", "?", "#999999"))
            rect = QRect(4 + lane * LANE_WIDTH, top + 1, LANE_WIDTH - 4, max(6, bottom - top - 2))
            painter.fillRect(rect, QColor(info.colour))
            if rect.height() > 30:  # room for the code name, written along the stripe
                painter.save()
                painter.setPen(QColor("white") if QColor(info.colour).lightness() < 150 else QColor("black"))
                painter.translate(rect.left() + 1, rect.top() + 3)
                painter.rotate(90)
                label = painter.fontMetrics().elidedText(info.name, Qt.TextElideMode.ElideRight, rect.height() - 6)
                painter.drawText(QRect(0, -rect.width() + 1, rect.height() - 6, rect.width()), Qt.AlignmentFlag.AlignVCenter, label)
                painter.restore()
            if coding.id in self.memoed:  # a dot that reads on the stripe's colour
                painter.setBrush(QColor("white") if QColor(info.colour).lightness() < 150 else QColor("#202020"))
                painter.drawEllipse(rect.left() + 2, rect.top() + 2, 5, 5)
            self._drawn.append((rect, coding.id))
        if max(self.lanes.values(), default=0) >= MAX_LANES:
            painter.setPen(self.view.palette().color(QPalette.ColorRole.Text))
            painter.drawText(QRect(0, 0, self.width(), 14), Qt.AlignmentFlag.AlignCenter, "+")

    def coding_at(self, point: QPoint) -> int | None:
        for rect, coding_id in reversed(self._drawn):
            if rect.adjusted(-1, -1, 1, 1).contains(point):
                return coding_id
        return None

    def mouseMoveEvent(self, event) -> None:
        coding_id = self.coding_at(event.position().toPoint())
        coding = next((c for c in self.codings if c.id == coding_id), None)
        if coding is None:
            QToolTip.hideText()
            return
        info = self.codes.get(coding.code_id)
        quote = coding.quote if len(coding.quote) < 160 else coding.quote[:157] + "…"
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"<b>{_escape(info.path if info else '?')}</b><br>{_escape(quote)}<br><i>coded by "
                          f"{_escape(coding.coder)}</i>", self)

    def mousePressEvent(self, event) -> None:
        coding_id = self.coding_at(event.position().toPoint())
        if coding_id is None:
            return
        if event.button() == Qt.MouseButton.RightButton:
            self.coding_menu.emit(coding_id, event.globalPosition().toPoint())
        else:
            self.coding_clicked.emit(coding_id)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
