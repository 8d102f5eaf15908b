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


def speech_paragraph_at(text: str, offset: int, turns: Sequence[SpeakerTurn] = ()) -> tuple[int, int]:
    """The paragraph around `offset`, without the speaker label it may open with."""
    start, end = paragraph_at(text, offset)
    turn = turn_at(turns, start)
    if turn is not None and start <= turn.text_start <= end and turn.start >= start:
        start, end = trim_range(text, turn.text_start, end)
    return start, end


def next_paragraph(text: str, end: int, turns: Sequence[SpeakerTurn] = ()) -> tuple[int, int] | None:
    """The next paragraph after `end` that has words in it (blank lines skipped), or None at the end."""
    position = text.find("\n", end)
    while 0 <= position < len(text):
        start, stop = speech_paragraph_at(text, position + 1, turns)
        if start < stop:
            return start, stop
        position = text.find("\n", position + 1)
    return None


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
    """Where a selection ending at `end` grows to when it takes in one more sentence (across lines if need be,
    never into the next speaker's turn)."""
    position = end
    while position < len(text) and text[position].isspace():
        position += 1
    if position >= len(text):
        return end
    here, there = turn_at(turns, max(0, end - 1)), turn_at(turns, position)
    if here is not None and there is not None and here is not there:
        return end  # the turn ends here: a passage is one speaker's words
    return sentence_at(text, position, turns)[1]


def _in_word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "'’-" and 0 < i < len(text) - 1
                                   and text[i - 1].isalnum() and text[i + 1].isalnum())


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection that starts or ends inside a word takes in the whole word (as NVivo and MAXQDA code): a drag
    that began at "re" of "there" codes "there"."""
    start, end = max(0, start), min(len(text), end)
    while 0 < start < end and _in_word(text, start) and _in_word(text, start - 1):
        start -= 1
    while start < end < len(text) and _in_word(text, end - 1) and _in_word(text, end):
        end += 1
    return start, end
