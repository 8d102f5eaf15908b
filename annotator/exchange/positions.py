"""Text positions in REFI-QDA files. The standard counts Unicode code points; NVivo counts UTF-16 code units (a
character outside the Basic Multilingual Plane, such as an emoji, takes two) and CRLF as two. Reading converts a
producer's positions into code points of the text as stored; writing can give NVivo the units it counts in."""

from __future__ import annotations

from bisect import bisect_left

from annotator.core.transcript import canonical_edits, remap_through

CODE_POINTS = "codepoints"
UTF16 = "utf16"


def astral_offsets(text: str) -> list[int]:
    """Code-point indices of the characters that take two UTF-16 units."""
    return [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]


class ReadPositions:
    """A producer's positions on its raw text -> code points of the canonical text. The text is made canonical like
    any imported transcript, and every selection moves with it through the one remap."""

    def __init__(self, raw: str, utf16: bool):
        self.raw_length = len(raw)
        self._astral_units: list[int] = []  # the UTF-16 unit index of each astral character
        if utf16:
            for n, i in enumerate(astral_offsets(raw)):
                self._astral_units.append(i + n)
        self.length = self.raw_length + len(self._astral_units)  # in the producer's units
        self.text, self.stages = canonical_edits(raw)

    def to_code_points(self, position: int) -> int:
        if not self._astral_units:
            return position
        # each astral character before the position took two units; a position between its two halves snaps back
        return position - bisect_left(self._astral_units, position)

    def convert(self, start: int, end: int) -> tuple[int, int] | None:
        """Where [start, end) of the producer's text lies in the stored text; None if only white space was there."""
        return remap_through(self.stages, self.to_code_points(start), self.to_code_points(end))


class WritePositions:
    """Code points of a stored text -> the positions an export promises (code points, or UTF-16 units for NVivo)."""

    def __init__(self, text: str, mode: str):
        self._astral = astral_offsets(text) if mode == UTF16 else []

    def __call__(self, position: int) -> int:
        return position + bisect_left(self._astral, position) if self._astral else position


def count_astral(texts) -> int:
    """How many characters would land differently in NVivo (UTF-16) than in the standard (code points)."""
    return sum(sum(1 for ch in text if ord(ch) > 0xFFFF) for text in texts)
