"""Two versions of one transcript (a co-author fixed a typo, or de-identified differently): the edits that turn
one into the other, so codings made on either move onto the other through the one remap, and the changed passages
to show a researcher before anything is merged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from annotator.core.spans import Edit, EditList

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Change:
    """One changed passage: `old[old_start:old_end]` became `new_text`, shown with a little context."""

    old_start: int
    old_end: int
    old_text: str
    new_text: str
    before: str
    after: str


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def diff_edits(old: str, new: str) -> EditList:
    """Edits, in `old`'s coordinates, whose application to `old` gives `new`. Lines are matched first (fast on
    long transcripts that differ in a few places), then the words of each changed block, so an edit covers only
    the words that changed and codings on the words around it keep their exact ends."""
    old_lines, new_lines = _lines(old), _lines(new)
    old_at, new_at = _offsets(old_lines), _offsets(new_lines)
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        a_start, b_start = old_at[i1], new_at[j1]
        a_block, b_block = old[a_start:old_at[i2]], new[b_start:new_at[j2]]
        edits.extend(_word_edits(a_block, b_block, a_start))
    edit_list = EditList(edits)
    assert edit_list.apply(old) == new  # the diff is exact, or nothing may be moved through it
    return edit_list


def _offsets(lines: list[str]) -> list[int]:
    at = [0]
    for line in lines:
        at.append(at[-1] + len(line))
    return at


def _word_edits(old: str, new: str, shift: int) -> list[Edit]:
    a, b = _tokens(old), _tokens(new)
    a_at, b_at = _offsets(a), _offsets(b)
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append(Edit(shift + a_at[i1], shift + a_at[i2], new[b_at[j1]:b_at[j2]]))
    return out


def similarity(old: str, new: str, edits: EditList) -> float:
    """The share of the longer text that is old text left untouched by the edits (1.0: the same text)."""
    kept = len(old) - sum(e.end - e.start for e in edits.edits)
    return kept / max(1, len(old), len(new)) if old or new else 1.0


def changes(old: str, edits: EditList, context: int = 40) -> list[Change]:
    """The changed passages with up to `context` characters either side, for a preview."""
    out = []
    for edit in edits.edits:
        before = old[max(0, edit.start - context):edit.start]
        after = old[edit.end:edit.end + context]
        out.append(Change(edit.start, edit.end, old[edit.start:edit.end], edit.replacement, before, after))
    return out


def lines_overlap(a: str, b: str) -> float:
    """A quick measure of how many non-blank lines two texts share, to pick which pairs deserve a diff."""
    lines_a = {line.strip() for line in a.splitlines() if line.strip()}
    lines_b = {line.strip() for line in b.splitlines() if line.strip()}
    if not lines_a or not lines_b:
        return 0.0
    return len(lines_a & lines_b) / max(len(lines_a), len(lines_b))
