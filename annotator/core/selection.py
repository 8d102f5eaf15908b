"""Units of text a researcher codes: the sentence, paragraph (line) or speaker turn around a position, so a
passage can be selected from the keyboard. Offsets are code points, end exclusive, trimmed of white space."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from annotator.core.transcript import SpeakerTurn, trim_range

# A sentence ends at . ! ? or … (with any closing quotes or brackets), before white space or the end of the line.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")


def paragraph_at(text: str, offset: int) -> tuple[int, int]:
    """The line around `offset` (paragraphs are lines, as the margin numbers them)."""
    offset = max(0, min(offset, len(text)))
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return trim_range(text, start, len(text) if end < 0 else end)


def turn_at(turns: Sequence[SpeakerTurn], offset: int) -> SpeakerTurn | None:
    starts = [t.start for t in turns]
    i = bisect_right(starts, offset) - 1
    return turns[i] if i >= 0 and offset < max(turns[i].end, turns[i].start + 1) else None


def speech_of_turn(text: str, turns: Sequence[SpeakerTurn], offset: int) -> tuple[int, int] | None:
    """What the speaker says in the turn around `offset`, without the label."""
    turn = turn_at(turns, offset)
    if turn is None:
        return None
    start, end = trim_range(text, turn.text_start, turn.end)
    return (start, end) if start < end else None


def sentence_at(text: str, offset: int, turns: Sequence[SpeakerTurn] = ()) -> tuple[int, int]:
    """The sentence around `offset`: from after the previous sentence end (or the line's start, or the speaker
    label) to its own end (or the line's end)."""
    line_start, line_end = paragraph_at(text, offset)
    if line_start >= line_end:
        return line_start, line_end
    turn = turn_at(turns, offset)
    if turn is not None and line_start <= turn.text_start <= line_end:
        line_start = max(line_start, turn.text_start)  # a label is never part of a sentence
    offset = max(line_start, min(offset, line_end - 1))
    start = line_start
    for match in _SENTENCE_END.finditer(text, line_start, line_end):
        if match.end() <= offset:
            start = match.end()
        else:
            return trim_range(text, start, match.end())
    return trim_range(text, start, line_end)


def next_sentence_end(text: str, end: int, turns: Sequence[SpeakerTurn] = ()) -> int:
    """Where a selection ending at `end` grows to when it takes in one more sentence (across lines if need be)."""
    position = end
    while position < len(text) and text[position].isspace():
        position += 1
    if position >= len(text):
        return end
    return sentence_at(text, position, turns)[1]
