"""Text edits and the one function that moves anchored ranges through them.

Offsets everywhere are Python string indices (Unicode code points), end exclusive. Anything that changes a
transcript's text produces a list of `Edit`s; every anchored thing (codings, memo ranges, speaker turns, detected
entities) moves through `remap_span`, so they all follow the same rule.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Edit:
    """Replace text[start:end] by `replacement` (an insertion when start == end)."""

    start: int
    end: int
    replacement: str = ""

    @property
    def delta(self) -> int:
        return len(self.replacement) - (self.end - self.start)


class EditList:
    """Sorted, non-overlapping edits in the coordinates of the original text, ready to apply and to remap through."""

    def __init__(self, edits: Iterable[Edit]):
        # Empty insertions change nothing; dropping them keeps the overlap rule simple.
        self.edits: tuple[Edit, ...] = tuple(sorted(e for e in edits if e.start != e.end or e.replacement))
        previous: Edit | None = None
        for edit in self.edits:
            if edit.start < 0 or edit.end < edit.start:
                raise ValueError(f"invalid edit range [{edit.start}, {edit.end})")
            if previous is not None and (
                edit.start < previous.end or (edit.start == edit.end == previous.start == previous.end)
            ):
                raise ValueError("edits overlap")
            previous = edit
        self._starts = [e.start for e in self.edits]
        self._ends = [e.end for e in self.edits]
        # _shift[i] = total length change of edits[:i]
        self._shift = [0]
        for edit in self.edits:
            self._shift.append(self._shift[-1] + edit.delta)

    def __len__(self) -> int:
        return len(self.edits)

    def apply(self, text: str) -> str:
        if self.edits and self.edits[-1].end > len(text):
            raise ValueError("edit beyond the end of the text")
        pieces: list[str] = []
        cursor = 0
        for edit in self.edits:
            pieces.append(text[cursor:edit.start])
            pieces.append(edit.replacement)
            cursor = edit.end
        pieces.append(text[cursor:])
        return "".join(pieces)

    def inverse(self, original_text: str) -> EditList:
        """Edits, in the new text's coordinates, that restore `original_text` (used by undo)."""
        inverse_edits: list[Edit] = []
        for i, edit in enumerate(self.edits):
            new_start = edit.start + self._shift[i]
            restored = Edit(new_start, new_start + len(edit.replacement), original_text[edit.start:edit.end])
            if inverse_edits and inverse_edits[-1].end == restored.start:  # adjacent edits: restore as one
                last = inverse_edits.pop()
                restored = Edit(last.start, restored.end, last.replacement + restored.replacement)
            inverse_edits.append(restored)
        return EditList(inverse_edits)

    def _map_start(self, pos: int) -> int:
        # Edits wholly before pos (end <= pos, insertions at pos included) shift it; inside one, snap to its start.
        i = bisect_right(self._ends, pos)
        if i < len(self.edits) and self.edits[i].start < pos:
            return self.edits[i].start + self._shift[i]
        return pos + self._shift[i]

    def _map_end(self, pos: int) -> int:
        # Edits ending before pos, or non-empty ones ending at it, shift it; inside one, snap to its new end;
        # an insertion exactly at pos stays outside the range.
        i = bisect_left(self._ends, pos)
        while i < len(self.edits) and self.edits[i].end == pos and self.edits[i].start < pos:
            i += 1
        if i < len(self.edits) and self.edits[i].start < pos < self.edits[i].end:
            edit = self.edits[i]
            return edit.start + self._shift[i] + len(edit.replacement)
        return pos + self._shift[i]

    def remap_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where [start, end) lies after the edits, or None when nothing of it is left."""
        if not self.edits:
            return (start, end) if start < end else None
        new_start, new_end = self._map_start(start), self._map_end(end)
        if new_end <= new_start:
            return None
        return new_start, new_end


def remap_span(start: int, end: int, edits: EditList | Sequence[Edit]) -> tuple[int, int] | None:
    """The one remapping function: where [start, end) lies after `edits`, or None if it was deleted."""
    edit_list = edits if isinstance(edits, EditList) else EditList(edits)
    return edit_list.remap_span(start, end)
