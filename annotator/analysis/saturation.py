"""Thematic saturation by the method of Guest, Namey & Chen (2020), "A simple method to assess and report thematic
saturation in qualitative research", PLoS ONE 15(5): e0232076.

In interview order: the base is the first `base_size` interviews, and the number of unique codes in it is the
denominator. A run is `run_length` consecutive interviews after the base; its new information is the number of
codes first applied in the run (in no earlier interview) divided by the base's unique codes. Runs slide one
interview at a time; at the first run whose new information is at or below the threshold, saturation is reached at
the interview before the run, reported as the paper does: "6+2" (six interviews, and a run of two that added
<= 5% new information). When no run gets there, saturation is not reached.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.analysis.model import ProjectData, Scope
from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError
from annotator.core.ids import CodeId
from annotator.core.plural import counted

DEFAULT_BASE, DEFAULT_RUN, DEFAULT_THRESHOLD = 4, 2, 0.05
DEPTHS = {"themes": 0, "subthemes": 1, "codes": None}


@dataclass(frozen=True)
class Interview:
    """One interview's row: the codes first applied in it and the running total."""

    number: int  # its place in interview order, from 1
    key: object  # the document id
    label: str
    codes: frozenset  # every code applied in it
    new: tuple  # codes first applied in it, sorted
    cumulative: int
    in_base: bool


@dataclass(frozen=True)
class Run:
    first: int  # interview numbers, inclusive
    last: int
    new: int
    ratio: float  # new / unique codes in the base
    at_or_below: bool  # the threshold is met


@dataclass(frozen=True)
class Saturation:
    base_size: int
    run_length: int
    threshold: float
    interviews: tuple[Interview, ...]
    base_codes: int
    runs: tuple[Run, ...]
    reached_at: int | None  # the interview number saturation is reached at, or None
    note: str = ""  # why it could not be assessed, when it could not

    @property
    def reached(self) -> bool:
        return self.reached_at is not None

    @property
    def label(self) -> str:
        """'6+2', or 'not reached'."""
        return f"{self.reached_at}+{self.run_length}" if self.reached_at is not None else "not reached"

    @property
    def run(self) -> Run | None:
        """The run that showed saturation."""
        return next((r for r in self.runs if self.reached_at is not None and r.first == self.reached_at + 1), None)

    def run_ending_at(self, number: int) -> Run | None:
        return next((r for r in self.runs if r.last == number), None)


def assess(interviews: Sequence[tuple[object, str, frozenset]], *, base_size: int = DEFAULT_BASE,
           run_length: int = DEFAULT_RUN, threshold: float = DEFAULT_THRESHOLD) -> Saturation:
    """Saturation over (key, label, codes applied) per interview, in interview order. `threshold` is a fraction
    (0.05 for 5%); a run meets it when new / base <= threshold."""
    if base_size < 1 or run_length < 1:
        raise AnnotatorError("The base size and the run length are at least one interview each.")
    if not 0 <= threshold < 1:
        raise AnnotatorError("The new-information threshold is a share from 0 up to (not including) 100%.")
    rows, seen, first_seen = [], set(), {}
    for number, (key, label, codes) in enumerate(interviews, 1):
        new = tuple(c for c in sorted(codes) if c not in seen)
        seen.update(new)
        for c in new:
            first_seen[c] = number
        rows.append(Interview(number, key, label, frozenset(codes), new, len(seen), number <= base_size))
    base = sum(1 for n in first_seen.values() if n <= base_size)
    runs = []
    reached = None
    note = ""
    if len(rows) < base_size + run_length:
        note = f"Needs at least {base_size + run_length} interviews (a base of {base_size} and a run of {run_length})."
    elif base == 0:
        note = "No codes are applied in the base interviews."
    else:
        for first in range(base_size + 1, len(rows) - run_length + 2):
            last = first + run_length - 1
            new = sum(len(rows[n - 1].new) for n in range(first, last + 1))
            run = Run(first, last, new, new / base, new <= threshold * base + 1e-9)
            runs.append(run)
            if reached is None and run.at_or_below:
                reached = first - 1
    return Saturation(base_size, run_length, threshold, tuple(rows), base, tuple(runs), reached, note)


def codes_at_depth(codebook: Codebook, depth: str | int) -> dict[CodeId, CodeId]:
    """What each code counts as at a depth of the codebook: 'themes' (its top-level ancestor), 'subthemes' (its
    ancestor one level down, or itself if higher), 'codes' (itself), or a number of levels below the top."""
    if isinstance(depth, str):
        if depth not in DEPTHS:
            raise AnnotatorError(f"The depth is one of {', '.join(DEPTHS)}, or a number of levels, not {depth!r}.")
        level = DEPTHS[depth]
    elif depth < 0:
        raise AnnotatorError("The depth is a number of levels from 0 (themes).")
    else:
        level = depth
    if level is None:
        return {c: c for c in codebook.codes}
    return {c: [*reversed(codebook.ancestors(c)), c][min(level, codebook.depth(c))] for c in codebook.codes}


def coded_interviews(data: ProjectData, scope: Scope, depth: str | int = "codes") -> list[tuple[object, str, frozenset]]:
    """assess()'s input from the project: each interview in scope, in interview order, with the codes (at the
    depth) applied in it; with participants' turns only, codings on the interviewer's words do not count."""
    at_depth = codes_at_depth(data.codebook, depth)
    on_speech = data.speech_filter(scope)
    applied: dict = {d.id: set() for d in data.in_scope(scope)}
    for c in data.codings_of(data.codebook.codes, scope):
        if on_speech is None or on_speech(c):
            applied[c.document_id].add(at_depth[c.code_id])
    return [(d.id, d.name, frozenset(applied[d.id])) for d in data.in_scope(scope)]


CITATION = ("Guest, G., Namey, E., & Chen, M. (2020). A simple method to assess and report thematic saturation in "
            "qualitative research. PLoS ONE, 15(5), e0232076.")


def statement(result: Saturation, unit: str = "codes") -> str:
    """The sentence a methods section reports: the settings, and where saturation was reached or why not."""
    settings = (f"Saturation was assessed by the method of Guest, Namey and Chen (2020): a base of "
                f"{counted(result.base_size, 'interview')} ({result.base_codes} {unit}), runs of "
                f"{counted(result.run_length, 'interview')}, and a new-information threshold of "
                f"{100 * result.threshold:g}%.")
    if result.note:
        why = result.note[0].lower() + result.note[1:]
        return f"{settings} It could not be assessed: {'the method ' if why.startswith('needs') else ''}{why}"
    run = result.run
    if run is not None:
        span = f"interview {run.first}" if run.first == run.last else f"interviews {run.first}–{run.last}"
        return (f"{settings} Saturation was reached at interview {result.reached_at} ({result.label}): {span} "
                f"added {run.new} new {unit if run.new != 1 else unit.rstrip('s')}, {100 * run.ratio:.1f}% of the "
                f"base's {result.base_codes}.")
    return (f"{settings} No run of {counted(result.run_length, 'interview')} added "
            f"{100 * result.threshold:g}% or less new information, so saturation was not reached in "
            f"{counted(len(result.interviews), 'interview')}.")
