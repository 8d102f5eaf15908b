"""Text scanning whose cost is counted, so a test can prove an importer linear by counting steps, not by timing it.

Every pass an importer makes over a text goes through these primitives. Each charges the characters it may examine:
a whole-text scan with a pattern of bounded width (checked: such a pattern looks at a bounded number of characters
from each position, so the scan is linear), an anchored match inside a window (charged the whole window), and a search
for a literal (charged the distance it went). A pattern of unbounded width is refused for whole-text scans:
that is how `[^>]*>` or `.+?\\*` came to rescan the rest of a line from every position.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

try:  # the parser behind re: it reports a pattern's minimum and maximum width
    from re import _parser as _sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse  # type: ignore[no-redef]


class Meter:
    def __init__(self) -> None:
        self.steps = 0


_METER: ContextVar[Meter | None] = ContextVar("annotator_work_meter", default=None)


@contextmanager
def measured() -> Iterator[Meter]:
    """Count the steps of every metered scan inside the block."""
    meter = Meter()
    token = _METER.set(meter)
    try:
        yield meter
    finally:
        _METER.reset(token)


def charge(steps: int) -> None:
    meter = _METER.get()
    if meter is not None:
        meter.steps += max(1, steps)


MAX_SCAN_WIDTH = 64


@lru_cache(maxsize=256)
def _bounded_width(pattern: re.Pattern) -> bool:
    return _sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[1] <= MAX_SCAN_WIDTH


def _scan_pattern(pattern: re.Pattern) -> re.Pattern:
    if not _bounded_width(pattern):
        raise ValueError(f"a whole-text scan needs a pattern of bounded width, not {pattern.pattern!r}")
    return pattern


def finditer(pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
    end = len(text) if endpos is None else endpos
    charge(end - pos)
    return _scan_pattern(pattern).finditer(text, pos, end)


def sub(pattern: re.Pattern, replacement: str | Callable[[re.Match], str], text: str) -> str:
    charge(len(text))
    return _scan_pattern(pattern).sub(replacement, text)


def match(pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
    """An anchored match at `pos` that may look up to `endpos` (charged all of it). The pattern must not nest
    repeats, so one attempt is linear in its window."""
    end = len(text) if endpos is None else endpos
    charge(end - pos)
    return pattern.match(text, pos, end)


@lru_cache(maxsize=64)
def _single_class_run(pattern: re.Pattern) -> bool:
    parsed = list(_sre_parse.parse(pattern.pattern, pattern.flags))
    if len(parsed) != 1 or str(parsed[0][0]) not in ("MAX_REPEAT", "POSSESSIVE_REPEAT"):
        return False
    item = list(parsed[0][1][2])
    return len(item) == 1 and str(item[0][0]) in ("IN", "LITERAL", "NOT_LITERAL", "ANY", "CATEGORY")


def run(pattern: re.Pattern, text: str, pos: int) -> int:
    """Where a run of one character class (`[ \\t]*`, `\\n+`) starting at `pos` ends, or -1 if there is none;
    charged what it went over (such a match never backtracks far)."""
    if not _single_class_run(pattern):
        raise ValueError(f"not a run of one character class: {pattern.pattern!r}")
    m = pattern.match(text, pos)
    charge((m.end() if m else pos) - pos + 1)
    return m.end() if m else -1


def find(text: str, literal: str, start: int = 0, end: int | None = None) -> int:
    stop = len(text) if end is None else end
    found = text.find(literal, start, stop)
    charge((found + len(literal) if found != -1 else stop) - start)
    return found


def lines(text: str) -> list[str]:
    charge(len(text))
    return text.split("\n")
