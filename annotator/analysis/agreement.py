"""Inter-coder agreement at the character level, as NVivo and QualCoder compute it (percent agreement and Cohen's
kappa per code, from whether each character is coded by each coder), and Krippendorff's alpha (nominal, with
missing values), as ATLAS.ti reports it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import permutations


@dataclass(frozen=True)
class PairAgreement:
    both: int  # characters both coders coded
    only_a: int
    only_b: int
    neither: int

    @property
    def total(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def percent(self) -> float:
        return 100.0 * (self.both + self.neither) / self.total if self.total else 100.0

    @property
    def kappa(self) -> float:
        """Cohen's kappa; 1 when both coders agree on everything, including both coding nothing."""
        n = self.total
        if not n:
            return 1.0
        observed = (self.both + self.neither) / n
        a_yes, b_yes = (self.both + self.only_a) / n, (self.both + self.only_b) / n
        expected = a_yes * b_yes + (1 - a_yes) * (1 - b_yes)
        return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def cohen_kappa(table: Sequence[Sequence[int]]) -> float:
    """Cohen's kappa from a square contingency table (rows: coder A's categories, columns: coder B's)."""
    n = sum(sum(row) for row in table)
    observed = sum(table[i][i] for i in range(len(table))) / n
    rows = [sum(row) / n for row in table]
    cols = [sum(table[r][c] for r in range(len(table))) / n for c in range(len(table))]
    expected = sum(r * c for r, c in zip(rows, cols))
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def krippendorff_alpha_nominal(units: Sequence[Sequence[Hashable | None]]) -> float:
    """Nominal alpha over units (each a sequence of the coders' values, None where a coder gave none); a unit
    coded by fewer than two coders says nothing about agreement and is left out."""
    return alpha_from_units(Counter(tuple(unit) for unit in units))


def coverage(ranges: Sequence[tuple[int, int]], length: int) -> bytearray:
    """A byte per character: 1 where any of the ranges covers it (for small texts and tests: the analysis itself
    works on ranges, since a byte per character per code per coder was 15 GB on a team's project)."""
    marks = bytearray(length)
    for start, end in ranges:
        marks[max(0, start):min(length, end)] = b"\x01" * (min(length, end) - max(0, start))
    return marks


def pair_agreement(a: bytearray, b: bytearray) -> PairAgreement:
    """The 2x2 character table of two coders from per-character marks."""
    both = (int.from_bytes(a, "big") & int.from_bytes(b, "big")).bit_count()
    only_a, only_b = a.count(1) - both, b.count(1) - both
    return PairAgreement(both, only_a, only_b, len(a) - both - only_a - only_b)


def segments(ranges_by_coder: Sequence[Sequence[tuple[int, int]]], length: int) -> list[tuple[int, tuple[int, ...]]]:
    """The text cut where any coder's coding starts or ends: (characters, which coders coded them as 0/1) for
    each piece, in order, covering all `length` characters. Ranges are clipped to the text."""
    events: list[tuple[int, int, int]] = []
    for coder, ranges in enumerate(ranges_by_coder):
        for start, end in ranges:
            start, end = max(0, start), min(length, end)
            if start < end:
                events.append((start, 1, coder))
                events.append((end, -1, coder))
    events.sort()
    depth = [0] * len(ranges_by_coder)
    pieces, position, i = [], 0, 0
    while position < length:
        while i < len(events) and events[i][0] == position:
            depth[events[i][2]] += events[i][1]
            i += 1
        following = events[i][0] if i < len(events) else length
        pieces.append((following - position, tuple(1 if d else 0 for d in depth)))
        position = following
    return pieces


def pair_from_ranges(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]], length: int) -> PairAgreement:
    """The 2x2 character table of two coders from their coded ranges (overlaps within a coder counted once)."""
    counts = Counter()
    for size, (x, y) in segments([a, b], length):
        counts[(x, y)] += size
    return PairAgreement(counts[(1, 1)], counts[(1, 0)], counts[(0, 1)], counts[(0, 0)])


def units_from_ranges(ranges_by_coder: Sequence[Sequence[tuple[int, int]]], length: int) -> dict[tuple, int]:
    """How many characters carry each combination of the coders' marks (as unit_counts, from ranges)."""
    counts: dict[tuple, int] = {}
    for size, combination in segments(ranges_by_coder, length):
        counts[combination] = counts.get(combination, 0) + size
    return counts


def disagreement_runs(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]], length: int
                      ) -> list[tuple[int, int, str]]:
    """Runs where two coders differ, from their ranges: (start, end, 'A' or 'B' — who coded them)."""
    runs, position = [], 0
    for size, (x, y) in segments([a, b], length):
        who = "A" if x and not y else "B" if y and not x else ""
        if who and runs and runs[-1][2] == who and runs[-1][1] == position:
            runs[-1] = (runs[-1][0], position + size, who)
        elif who:
            runs.append((position, position + size, who))
        position += size
    return runs


def alpha_from_pair(table: PairAgreement) -> float:
    """Krippendorff's alpha for two coders over characters, each value being coded (1) or not (0)."""
    return alpha_from_units({(1, 1): table.both, (1, 0): table.only_a, (0, 1): table.only_b, (0, 0): table.neither})


def alpha_from_units(units: dict[tuple, int]) -> float:
    """Nominal alpha from counts of identical units (each a tuple of the coders' values)."""
    coincidences: Counter = Counter()
    for unit, count in units.items():
        values = [v for v in unit if v is not None]
        if len(values) < 2 or not count:
            continue
        for x, y in permutations(values, 2):
            coincidences[(x, y)] += count / (len(values) - 1)
    totals: Counter = Counter()
    for (x, _y), weight in coincidences.items():
        totals[x] += weight
    n = sum(totals.values())
    if n <= 1:
        return 1.0
    observed = sum(w for (x, y), w in coincidences.items() if x != y)
    expected = sum(totals[x] * totals[y] for x in totals for y in totals if x != y) / (n - 1)
    return 1.0 if expected == 0 else 1 - observed / expected


def disagreements(a: bytearray, b: bytearray) -> list[tuple[int, int, str]]:
    """Runs of characters where the coders differ: (start, end, 'A' or 'B' — who coded them)."""
    runs, start, who = [], None, ""
    for i, (x, y) in enumerate(zip(a, b)):
        current = "A" if x and not y else "B" if y and not x else ""
        if current != who:
            if who:
                runs.append((start, i, who))
            start, who = i, current
    if who:
        runs.append((start, len(a), who))
    return runs


def unit_counts(marks: Sequence[bytearray]) -> dict[tuple, int]:
    """How many characters carry each combination of the coders' marks, by bitwise operations on whole arrays
    (2^k combinations for k coders), for alpha with any number of coders."""
    if not marks:
        return {}
    length = len(marks[0])
    ones = int.from_bytes(b"\x01" * length, "big")
    values = [int.from_bytes(m, "big") for m in marks]
    counts = {}
    for pattern in range(2 ** len(marks)):
        bits = ones
        combination = []
        for i, value in enumerate(values):
            coded = (pattern >> i) & 1
            bits &= value if coded else value ^ ones
            combination.append(coded)
        counts[tuple(combination)] = bits.bit_count()
    return counts
