"""Consistent pseudonyms by type: "[Participant 3]" for a participant, "[Person A]", "[Place 1]", "[Agency B]",
"[Phone number 1]"; the next free one is chosen from those the project already uses."""

from __future__ import annotations

import re
from collections.abc import Iterable

_PHONE = re.compile(r"^[\d\s().+-]{7,}$")


def letters(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def _stem(kind: str, text: str) -> tuple[str, bool]:
    """The pseudonym's word and whether it counts in letters."""
    if kind == "PERSON":
        return "Person", True
    if kind == "PLACE":
        return "Place", False
    if kind == "AGENCY":
        return "Agency", True
    if "@" in text:
        return "Email", False
    if _PHONE.match(text):
        return "Phone number", False
    return "Identifier", False


def next_pseudonym(kind: str, text: str, taken: Iterable[str], participant_number: int | None = None) -> str:
    taken = set(taken)
    if participant_number is not None:
        candidate = f"[Participant {participant_number}]"
        if candidate not in taken:
            return candidate
    stem, use_letters = _stem(kind, text)
    n = 1
    while True:
        candidate = f"[{stem} {letters(n) if use_letters else n}]"
        if candidate not in taken:
            return candidate
        n += 1


def participant_number(name: str, position: int) -> int:
    """'P03' -> 3; any other name -> its position in the participant list."""
    m = re.search(r"(\d+)\s*$", name)
    return int(m.group(1)) if m else position
