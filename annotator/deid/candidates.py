"""Identifier candidates: a span of a text with a type and the reason it was suggested."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

TYPES = ("PERSON", "PLACE", "AGENCY", "OTHER")

# Which layer suggested a span; earlier layers win when spans overlap.
PRIORITY = {"identifier list": 0, "speaker label": 1, "pattern": 2, "propagated": 3, "agency heuristic": 4,
            "language model": 5}


@dataclass(frozen=True, order=True)
class Candidate:
    start: int
    end: int
    text: str
    type: str
    reason: str

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


def resolve_overlaps(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text: the surest layer wins, then the longer span; result in text order."""
    ranked = sorted(candidates, key=lambda c: (PRIORITY.get(c.reason, 9), -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    starts: list[tuple[int, int]] = []
    for candidate in ranked:
        if any(s < candidate.end and candidate.start < e for s, e in starts):
            continue
        kept.append(candidate)
        starts.append((candidate.start, candidate.end))
    return sorted(kept)


_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def entity_key(text: str) -> str:
    """The form that groups mentions of one entity: case, spacing and a possessive ending ignored."""
    return _POSSESSIVE.sub("", " ".join(text.split())).casefold()
