"""Identifier candidates: a span of a text with a type, the layer that suggested it, how sure that layer is, and
why (short reasons a reviewer can read)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

TYPES = ("PERSON", "PLACE", "AGENCY", "OTHER")

# Which layer suggested a span; earlier layers win when spans overlap.
PRIORITY = {"identifier list": 0, "speaker label": 1, "pattern": 2, "gazetteer": 3, "street grammar": 3,
            "propagated": 4, "agency heuristic": 5, "name cue": 5, "language model": 6, "context": 7,
            "capitalised word": 8}

# Confidence bands, as the review shows and accepts them.
BANDS = (("high", 0.8), ("medium", 0.5), ("low", 0.0))


def band(confidence: float) -> str:
    return next(name for name, floor in BANDS if confidence >= floor)


@dataclass(frozen=True, order=True)
class Candidate:
    start: int
    end: int
    text: str
    type: str
    reason: str
    confidence: float = 0.7
    why: tuple[str, ...] = ()

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
