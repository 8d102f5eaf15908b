"""What an importer produces: the canonical text every offset refers to, and its speaker turns."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from annotator.core import work
from annotator.core.spans import Edit, EditList


@dataclass(frozen=True, slots=True)  # (a team's project has a quarter of a million)
class SpeakerTurn:
    """One speaker's turn: [start, end) covers the label and speech; speech starts at `text_start`."""

    start: int
    end: int
    speaker: str
    text_start: int
    timestamp_ms: int | None = None
    end_timestamp_ms: int | None = None


@dataclass
class Transcript:
    text: str
    turns: list[SpeakerTurn] = field(default_factory=list)
    source_format: str = "txt"
    # Facts about the source, e.g. {"encoding": "cp1252"}; never transcript content.
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def speakers(self) -> list[str]:
        """Speaker labels in order of first appearance."""
        return list(dict.fromkeys(turn.speaker for turn in self.turns))

    @cached_property
    def word_count(self) -> int:
        return len(self.text.split())


# Speaker labels that name a role rather than a person ("Interviewer", "R", "P07", "Speaker 2").
ROLE_LABEL = re.compile(
    r"(?:interviewer|interviewee|participant|respondent|moderator|facilitator|researcher|question|answer|"
    r"int|iv|i|r|q|a|p\d{1,3}|r\d{1,3}|i\d{1,3}|speaker \d{1,3}|participant \d{1,3}|interviewer \d{1,3})",
    re.IGNORECASE,
)


def is_role_label(label: str) -> bool:
    return ROLE_LABEL.fullmatch(label.strip()) is not None


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph (non-empty line) starts; paragraph n (1-based) starts at result[n - 1]."""
    starts, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(position)
        position += len(line) + 1
    return starts


def trim_range(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding white space, as a selection made by mouse usually has."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# C0 controls other than tab and newline, DEL and C1 controls: transcripts exported from other tools carry them,
# and python-docx refuses them on export.
_CONTROL_CHARS = {c: None for c in [*range(0, 9), 11, 12, *range(14, 32), 127, *range(128, 160)]}
_CONTROL_CHARS[0x0B] = "\n"  # vertical tab: Word's manual line break in some exports
_CONTROL_CHARS[0x0C] = "\n"  # form feed: page break
_CONTROL_CHARS.update({0x2028: "\n", 0x2029: "\n", 0xFEFF: None, 0x00A0: " "})


def canonical_text(raw: str) -> str:
    """The stored form of a transcript: NFC, LF line ends, no control characters, no trailing spaces on lines,
    at most one blank line in a row, no leading or trailing blank lines."""
    work.charge(len(raw))  # (a fixed number of linear passes: replace, translate, split, rstrip, join)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.translate(_CONTROL_CHARS)
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


_CONTROL_PATTERN = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROL_CHARS) + "]")
_LINE_END = re.compile(r"\r\n?")
_BLANK_RUN_START = re.compile(r"(?<!\n)\n\n\n")
_NEWLINES = re.compile(r"\n+")


def _trailing_space(text: str) -> list[Edit]:
    edits, position = [], 0
    for line in work.lines(text):
        kept = len(line.rstrip())  # (no newline inside a line: this is `[^\S\n]+` before a line end)
        if kept < len(line):
            edits.append(Edit(position + kept, position + len(line)))
        position += len(line) + 1
    return edits


def _outer_blank_lines(text: str) -> list[Edit]:
    work.charge(len(text))
    lead, tail = len(text) - len(text.lstrip("\n")), len(text) - len(text.rstrip("\n"))
    if lead == len(text):
        return [Edit(0, len(text))] if text else []
    return [e for e in (Edit(0, lead), Edit(len(text) - tail, len(text))) if e.start < e.end]


def _blank_runs(text: str) -> list[Edit]:
    return [Edit(m.start(), work.run(_NEWLINES, text, m.start()), "\n\n")
            for m in work.finditer(_BLANK_RUN_START, text)]


# Each stage found in one linear pass (a regex such as `[^\S\n]+(?=\n)` rescans a run of spaces from each of its
# positions: 200,000 spaces took a minute).
_CANONICAL_STAGES = (
    lambda text: [Edit(m.start(), m.end(), "\n") for m in work.finditer(_LINE_END, text)],  # line ends
    lambda text: [Edit(m.start(), m.end(), _CONTROL_CHARS[ord(m.group())] or "")  # controls
                  for m in work.finditer(_CONTROL_PATTERN, text)],
    _trailing_space,  # trailing white space on a line
    _outer_blank_lines,  # leading and trailing blank lines
    _blank_runs,  # at most one blank line in a row
)


def canonical_edits(raw: str) -> tuple[str, list[EditList]]:
    """canonical_text as a sequence of edit lists, so ranges defined on `raw` (another program's selections) can be
    moved through the same remap as everything else: remap a range through each list in turn. NFC is left out:
    text that is not already NFC keeps its form here, since recomposing characters has no position mapping."""
    text, stages = raw, []
    for stage in _CANONICAL_STAGES:
        edits = EditList(stage(text))
        if edits:
            work.charge(len(text))
            text = edits.apply(text)
            stages.append(edits)
    return text, stages


def remap_through(stages: list[EditList], start: int, end: int) -> tuple[int, int] | None:
    """Where [start, end) of the raw text lies in the canonical text, or None if nothing of it is left."""
    if start >= end:
        return None
    for edits in stages:
        moved = edits.remap_span(start, end)
        if moved is None:
            return None
        start, end = moved
    return start, end
