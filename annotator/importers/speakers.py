"""Speaker-turn detection for the conventions transcripts really use.

Recognised at the start of a line: `Interviewer:` / `Participant:`, `I:` / `R:` / `P07:`, upper-case or capitalised
names (`DANA:`, `Dana Smith:`), `[00:03:12] NAME:`, `Name (00:03:12):`, and a name alone on a line followed by a
time (`Dana Smith  03:12`, as Otter writes it). A turn runs until the next speaker's label, so a turn that wraps over
several paragraphs stays one turn. Offsets are into the text given, which must already be canonical.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from annotator.core import work
from annotator.core.transcript import SpeakerTurn, is_role_label

_TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_WORD = r"(?:[A-Z][\w'’.\-]*|\d{1,3})"
# A name or role, or a pseudonym left by de-identification: "[Participant 3]".
_LABEL = rf"(?:{_WORD}(?: {_WORD}){{0,3}}|[a-z]+|\[[A-Z][\w'’.\-]*(?: [\w'’.\-]+){{0,3}}\])"

_TIMESTAMP_FIRST = re.compile(rf"\[?(?P<ts>{_TS})\]?[ \t]+(?P<label>{_LABEL})[ \t]*:[ \t]*")
_TIMESTAMP_AFTER = re.compile(rf"(?P<label>{_LABEL})[ \t]*[(\[](?P<ts>{_TS})[)\]][ \t]*:?[ \t]*")
_OTTER = re.compile(rf"(?P<label>{_LABEL})[ \t]{{2,}}(?P<ts>{_TS})[ \t]*$")
_PLAIN = re.compile(rf"(?P<label>{_LABEL})[ \t]*:(?:[ \t]+|$)")

# Words that start header lines ("Date: 14 March", "Location: ...") rather than speech.
_NOT_SPEAKERS = {
    "note", "notes", "example", "date", "time", "location", "place", "title", "subject", "re", "transcript",
    "interview", "duration", "recorded", "recording", "audio", "file", "page", "length", "transcribed by",
    "transcriber", "project", "study", "consent", "end", "start", "tags", "keywords", "summary", "source",
    "yes", "no", "so", "well", "and", "but", "okay", "ok", "yeah", "right", "like", "um", "uh", "because",
}


@dataclass(frozen=True)
class _Candidate:
    line_start: int
    label: str
    text_start: int
    timestamp_ms: int | None
    strong: bool  # carries a timestamp or a role word, so one occurrence is enough


def parse_timestamp(value: str) -> int:
    """'01:02:03.5' -> 3723500 milliseconds; 'mm:ss' and 'h:mm:ss' with an optional fraction."""
    value = value.replace(",", ".")
    whole, _, fraction = value.partition(".")
    seconds = 0
    for part in whole.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + (int((fraction + "000")[:3]) if fraction else 0)


def _named(pattern: re.Pattern[str], n: int) -> str:
    return pattern.pattern.replace("?P<label>", f"?P<label{n}>").replace("?P<ts>", f"?P<ts{n}>")


# The four conventions as one pattern, tried in this order at the start of each line.
_ANY = re.compile("|".join(
    f"(?:{_named(p, n)})" for n, p in enumerate((_TIMESTAMP_FIRST, _TIMESTAMP_AFTER, _OTTER, _PLAIN))))


@lru_cache(maxsize=4096)
def _label_kind(label: str) -> bool | None:
    """None if `label` cannot be a speaker, else whether it is a role word (strong on its own)."""
    lowered = label.lower()
    if lowered in _NOT_SPEAKERS:
        return None
    is_role = is_role_label(lowered)
    if label.islower() and not is_role:
        return None
    return is_role


def _candidate(line: str, line_start: int, has_next_line: bool) -> _Candidate | None:
    # Every convention has a colon near the start of the line (after the label, or inside the time).
    if work.find(line, ":", 0, 80) == -1:
        return None
    m = work.match(_ANY, line)
    if m is None:
        return None
    n = int(m.lastgroup[-1])  # which convention matched: every group name ends in its number
    label = m.group(f"label{n}").strip()
    is_role = _label_kind(label)
    if is_role is None:
        return None
    ts = m.group(f"ts{n}") if n < 3 else None
    text_start = m.end()
    if text_start >= len(line) and has_next_line:  # label alone on its line: speech starts below
        text_start = len(line) + 1
    return _Candidate(line_start, label, line_start + text_start, parse_timestamp(ts) if ts else None,
                      strong=bool(ts) or is_role)


def _plausible_name(label: str, confirmed_labels: int) -> bool:
    if label.isupper() and len(label) >= 2:
        return confirmed_labels >= 1
    return confirmed_labels >= 2 and re.fullmatch(r"[A-Z][a-z'’\-]+", label) is not None


def detect_turns(text: str) -> list[SpeakerTurn]:
    """Speaker turns in canonical `text`, in order; text before the first label belongs to no turn."""
    candidates: list[_Candidate] = []
    lines = work.lines(text)
    last = len(lines) - 1
    position = 0
    for index, line in enumerate(lines):
        if line:
            found = _candidate(line, position, index < last)
            if found is not None:
                candidates.append(found)
        position += len(line) + 1
    if not candidates:
        return []
    uses = Counter(c.label for c in candidates)
    confirmed = {c.label for c in candidates if c.strong or uses[c.label] >= 2}
    # A speaker who talks once is still a speaker when the transcript's other labels are written the same way.
    accepted = [c for c in candidates if c.label in confirmed or _plausible_name(c.label, len(confirmed))]
    turns: list[SpeakerTurn] = []
    length = len(text)
    for i, c in enumerate(accepted):
        end = accepted[i + 1].line_start if i + 1 < len(accepted) else length
        while end > c.line_start and text[end - 1] in "\n \t":
            end -= 1
        turns.append(SpeakerTurn(start=c.line_start, end=end, speaker=c.label,
                                 text_start=min(c.text_start, end), timestamp_ms=c.timestamp_ms))
    return turns
