"""Coding highlights in the transcript, painted once per document and then updated only where a coding changes.

Each stretch of text gets one background blended from the colours of every coding over it, so overlaps read as
a distinct, deeper mix, always readable under the palette's text colour. Formats are merged inside one edit block (one layout pass), never range by range.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtGui import QBrush, QTextCharFormat, QTextCursor, QTextDocument

from annotator.gui.text_positions import Utf16Positions
from annotator.gui.theme import highlight
from annotator.storage.codings import Coding


class Highlighter:
    def __init__(self, document: QTextDocument):
        self.document = document
        self.positions = Utf16Positions("")
        self.codings: dict[int, Coding] = {}
        self.colours: dict[int, str] = {}  # code id -> colour
        self.base, self.text = "#ffffff", "#000000"  # the page's colours, which every highlight must read on

    def reset(self, positions: Utf16Positions, codings: Iterable[Coding], colours: dict[int, str]) -> None:
        self.positions = positions
        self.codings = {c.id: c for c in codings}
        self.colours = dict(colours)
        self.paint(0, None)

    def add(self, coding: Coding) -> None:
        self.codings[coding.id] = coding
        self.paint(coding.start, coding.end)

    def remove(self, coding_id: int) -> None:
        coding = self.codings.pop(coding_id, None)
        if coding is not None:
            self.paint(coding.start, coding.end)

    def paint(self, start: int, end: int | None) -> None:
        """Repaint the backgrounds of [start, end) (end None: the whole text) from the codings over it."""
        length = self.document.characterCount() - 1
        qt_start = self.positions.to_qt(start)
        qt_end = length if end is None else self.positions.to_qt(end)
        stop = end if end is not None else 1 << 62
        events: dict[int, list[tuple[int, str]]] = {qt_start: [], qt_end: []}
        for c in self.codings.values():
            if c.start < stop and c.end > start:
                colour = self.colours.get(c.code_id, "#999999")
                events.setdefault(max(qt_start, self.positions.to_qt(c.start)), []).append((1, colour))
                events.setdefault(min(qt_end, self.positions.to_qt(c.end)), []).append((-1, colour))
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        clear = QTextCharFormat()
        clear.setBackground(QBrush())
        cursor.setPosition(qt_start)
        cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(clear)
        # Sweep the cut points left to right, keeping the colours of the codings open over each stretch.
        active: Counter[str] = Counter()
        blends: dict[tuple[str, ...], QTextCharFormat] = {}
        points = sorted(events)
        for a, b in zip(points, points[1:]):
            for delta, colour in events[a]:
                active[colour] += delta
            key = tuple(sorted(active.elements()))
            if not key or a >= b:
                continue
            fmt = blends.get(key)
            if fmt is None:
                fmt = blends[key] = QTextCharFormat()
                fmt.setBackground(highlight(key, self.base, self.text))
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()
