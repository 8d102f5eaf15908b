"""The "Table 1" of a qualitative paper: for each attribute, n and % per category (numbers binned into groups
such as 25-34, 35-44, 55+), and median and range for numbers. Each percentage is its own share rounded, so equal
counts always read the same; a column may then sum to 99 or 101, which the report's note says."""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.attributes import Attribute, parse_number
from annotator.core.errors import AnnotatorError


@dataclass(frozen=True)
class Bin:
    label: str
    low: float | None  # inclusive
    high: float | None  # exclusive

    def holds(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value < self.high)


def parse_bins(spec: str) -> list[Bin]:
    """'25-34,35-44,45-54,55+' or '<2,2-5,6-9,10+': whole-number groups, each upper bound inclusive."""
    bins = []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        if m := re.fullmatch(r"(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)", part):
            low, high = float(m.group(1)), float(m.group(2))
            bins.append(Bin(part, low, math.floor(high) + 1 if high.is_integer() else high))
        elif m := re.fullmatch(r"(\d+(?:\.\d+)?)\s*\+", part):
            bins.append(Bin(part, float(m.group(1)), None))
        elif m := re.fullmatch(r"<\s*(\d+(?:\.\d+)?)", part):
            bins.append(Bin(part, None, float(m.group(1))))
        else:
            raise AnnotatorError(f"'{part}' is not a group; write groups like 25-34, <2 or 55+.")
    return bins


@dataclass(frozen=True)
class Line:
    label: str
    n: int
    percent: int


@dataclass(frozen=True)
class Section:
    attribute: str
    lines: list[Line]
    summary: str = ""  # "44 (27-58)" for numbers: median (range)
    missing: int = 0


def rounded_percentages(counts: Sequence[int]) -> list[int]:
    """Each count's share of the total, rounded half up on its own. Forcing a sum of 100 (largest remainder) gives
    one of two equal counts an extra point (3/8 as 38% and 37%), which readers rightly query; journals accept a note
    that percentages may not sum to 100 instead. Integer arithmetic, so 12.5 is 13 whatever the float error."""
    total = sum(counts)
    if not total:
        return [0 for _ in counts]
    return [(200 * c + total) // (2 * total) for c in counts]


def rounding_shows(sections: Sequence[Section]) -> bool:
    """Whether any attribute's percentages sum to other than 100, so the table needs the note saying why."""
    return any(sum(line.percent for line in s.lines) not in (0, 100) for s in sections)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def characteristics(attributes: Sequence[Attribute], values: Sequence[dict[int, str]],
                    bins: dict[str, list[Bin]] | None = None) -> list[Section]:
    """One section per attribute, over the participants' values (one dict attribute id -> value each)."""
    bins = {k.lower(): v for k, v in (bins or {}).items()}
    sections = []
    for attribute in attributes:
        present = [v[attribute.id] for v in values if v.get(attribute.id) not in (None, "")]
        missing = len(values) - len(present)
        if attribute.kind == "number":
            numbers = [parse_number(v) for v in present]
            groups = bins.get(attribute.name.lower(), [])
            counts = [sum(1 for x in numbers if b.holds(x)) for b in groups]
            summary = (f"{_number(statistics.median(numbers))} ({_number(min(numbers))}–{_number(max(numbers))})"
                       if numbers else "")
            labels = [b.label for b in groups]
            if groups and sum(counts) < len(numbers):  # values outside every group still count
                labels.append("other")
                counts.append(len(numbers) - sum(counts))
        else:
            order = list(attribute.categories) or sorted(set(present), key=str.lower)
            order += sorted({v for v in present if v not in order}, key=str.lower)
            labels, counts, summary = order, [present.count(c) for c in order], ""
        percents = rounded_percentages(counts)
        sections.append(Section(attribute.name, [Line(label, n, p) for label, n, p in zip(labels, counts, percents)],
                                summary, missing))
    return sections
