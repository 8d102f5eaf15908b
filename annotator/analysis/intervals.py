"""Operations on one document's passages as character intervals, end exclusive. Every function takes and returns
lists sorted by start with no two passages overlapping (touching is allowed: [0, 5) and [5, 9) are two passages,
since they share no character)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Segment(NamedTuple):
    start: int
    end: int


def merge(segments: Iterable[Segment]) -> list[Segment]:
    """Sorted, with overlapping segments joined into one."""
    out: list[Segment] = []
    for s in sorted(segments):
        if s.start >= s.end:
            continue
        if out and s.start < out[-1].end:
            last = out[-1]
            out[-1] = Segment(last.start, max(last.end, s.end))
        else:
            out.append(s)
    return out


def intersect(a: list[Segment], b: list[Segment]) -> list[Segment]:
    """The characters in both."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        start, end = max(a[i].start, b[j].start), min(a[i].end, b[j].end)
        if start < end:
            out.append(Segment(start, end))
        if a[i].end <= b[j].end:
            i += 1
        else:
            j += 1
    return out


def clip(a: list[Segment], region: list[tuple[int, int]]) -> list[Segment]:
    """`a` cut down to the region (sorted, disjoint spans)."""
    return intersect(a, [Segment(s, e) for s, e in region]) if region else []


def subtract(a: list[Segment], b: list[Segment]) -> list[Segment]:
    """The characters of `a` outside every passage of `b`."""
    out, j = [], 0
    for seg in a:
        start = seg.start
        while j < len(b) and b[j].end <= start:
            j += 1
        k = j
        while k < len(b) and b[k].start < seg.end:
            if b[k].start > start:
                out.append(Segment(start, b[k].start))
            start = max(start, b[k].end)
            k += 1
        if start < seg.end:
            out.append(Segment(start, seg.end))
    return out


def overlapping(a: list[Segment], b: list[Segment], keep: bool = True) -> list[Segment]:
    """The passages of `a` sharing at least one character with a passage of `b` (or, with keep=False, those
    sharing none)."""
    out, j = [], 0
    for seg in a:
        while j < len(b) and b[j].end <= seg.start:
            j += 1
        hit = j < len(b) and b[j].start < seg.end
        if hit == keep:
            out.append(seg)
    return out


def whole_passages(a: list[Segment], b: list[Segment]) -> list[Segment]:
    """The passages of both that overlap one of the other's, joined where they overlap: 'A AND B' as passages."""
    return merge([*overlapping(a, b), *overlapping(b, a)])


def length(segments: Iterable[Segment]) -> int:
    return sum(s.end - s.start for s in segments)
