"""The one place code-point offsets (stored everywhere) become Qt's UTF-16 positions, and back.

Qt counts UTF-16 code units; an emoji before a coding would otherwise shift it by one in the view.
"""

from __future__ import annotations

from bisect import bisect_left


class Utf16Positions:
    def __init__(self, text: str):
        # Code-point indices of characters outside the Basic Multilingual Plane (two UTF-16 units each).
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        self._astral_utf16 = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        """Code-point offset -> UTF-16 position."""
        return offset + bisect_left(self._astral, offset) if self._astral else offset

    def from_qt(self, position: int) -> int:
        """UTF-16 position -> code-point offset (a position inside a surrogate pair rounds down)."""
        if not self._astral:
            return position
        before = bisect_left(self._astral_utf16, position)
        return position - before
