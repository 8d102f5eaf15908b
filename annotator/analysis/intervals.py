"""Operations on one document's passages as character intervals: (start, end) tuples, end exclusive (plain tuples:
a project holds tens of thousands of them). Every function takes and returns lists sorted by start with no two
passages overlapping; touching is allowed: (0, 5) and (5, 9) are two passages, since they share no character."""

from __future__ import annotations

from collections.abc import Iterable

Span = tuple[int, int]


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, with overlapping spans joined into one (and empty ones dropped)."""
    out: list[Span] = []
    run_start, run_end = 0, -1  # the run being joined; none yet
    for start, end in sorted(spans):
        if start < run_end:
            if end > run_end:
                run_end = end
        elif start < end:
            if run_end >= 0:
                out.append((run_start, run_end))
            run_start, run_end = start, end
    if run_end >= 0:
        out.append((run_start, run_end))
    return out


def intersect(a: list[Span], b: list[Span]) -> list[Span]:
    """The characters in both."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        (a_start, a_end), (b_start, b_end) = a[i], b[j]
        start, end = max(a_start, b_start), min(a_end, b_end)
        if start < end:
            out.append((start, end))
        if a_end <= b_end:
            i += 1
        else:
            j += 1
    return out


def subtract(a: list[Span], b: list[Span]) -> list[Span]:
    """The characters of `a` outside every passage of `b`."""
    out, j = [], 0
    for seg_start, seg_end in a:
        start = seg_start
        while j < len(b) and b[j][1] <= start:
            j += 1
        k = j
        while k < len(b) and b[k][0] < seg_end:
            if b[k][0] > start:
                out.append((start, b[k][0]))
            start = max(start, b[k][1])
            k += 1
        if start < seg_end:
            out.append((start, seg_end))
    return out


def overlapping(a: list[Span], b: list[Span], keep: bool = True) -> list[Span]:
    """The passages of `a` sharing at least one character with a passage of `b` (or, with keep=False, those
    sharing none)."""
    out, j = [], 0
    for seg in a:
        while j < len(b) and b[j][1] <= seg[0]:
            j += 1
        if (j < len(b) and b[j][0] < seg[1]) == keep:
            out.append(seg)
    return out


def whole_passages(a: list[Span], b: list[Span]) -> list[Span]:
    """The passages of both that overlap one of the other's, joined where they overlap: 'A AND B' as passages."""
    return merge([*overlapping(a, b), *overlapping(b, a)])


def length(spans: Iterable[Span]) -> int:
    return sum(end - start for start, end in spans)
