"""Regular-expression classes of upper- and lower-case letters beyond ASCII (Latin with its accents, Greek,
Cyrillic), so the rules see "Türmen", "Çatak", "Siobhán" and "Ōtara" as capitalised words, as they do "Kevin"."""

from __future__ import annotations

import re
import unicodedata

_BLOCKS = (range(0x0000, 0x0530), range(0x1E00, 0x1F00))  # Basic Latin to Cyrillic; Latin Extended Additional


def _class(category: str) -> str:
    points = [p for block in _BLOCKS for p in block if unicodedata.category(chr(p)) == category]
    ranges, start, last = [], points[0], points[0]
    for p in points[1:] + [-1]:
        if p != last + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(last)) if last > start else ""))
            start = p
        last = p
    return "".join(ranges)


UPPER = _class("Lu")  # inside [...]: f"[{UPPER}]"
LOWER = _class("Ll")
