"""The words around a mention as the review shows them: a short stretch either side for a list, and the whole
sentence it stands in (with its neighbours on the line when it is only a few words) for reading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.selection import paragraph_at, sentence_at

SHORT = 60  # characters either side in a list
MIN_SENTENCE = 80  # a sentence shorter than this ("Kevin did.") is read with the ones beside it
MAX_SIDE = 320  # a run-on line without full stops is cut, at a word, this far from the mention

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class MentionContext:
    before: str  # up to SHORT characters before the mention, white space collapsed
    after: str
    sentence_before: str  # the rest of the mention's sentence before it ("…" where it was cut)
    sentence_after: str


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    line_start, line_end = paragraph_at(text, start)
    s0 = min(sentence_at(text, start)[0], start)
    s1 = max(sentence_at(text, max(start, end - 1))[1], end)
    while s1 - s0 < MIN_SENTENCE:
        grown = False
        if s0 > line_start:  # the sentence before, on the same line
            p = s0 - 1
            while p > line_start and text[p].isspace():
                p -= 1
            s0, grown = min(s0, sentence_at(text, p)[0]), True
        if s1 - s0 < MIN_SENTENCE and s1 < line_end:
            n = s1
            while n < line_end and text[n].isspace():
                n += 1
            if n < line_end:
                s1, grown = max(s1, sentence_at(text, n)[1]), True
        if not grown:
            break
    return s0, s1


def _cut_start(piece: str) -> str:
    if len(piece) <= MAX_SIDE:
        return piece
    cut = piece[-MAX_SIDE:]
    space = cut.find(" ")
    return "…" + (cut[space + 1:] if 0 <= space < 40 else cut)


def _cut_end(piece: str) -> str:
    if len(piece) <= MAX_SIDE:
        return piece
    cut = piece[:MAX_SIDE]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_SIDE - 40 else cut) + "…"


def context_of(text: str, start: int, end: int) -> MentionContext:
    """The context of text[start:end] (code points, end exclusive)."""
    s0, s1 = _sentence(text, start, end)
    return MentionContext(
        before=" ".join(text[max(0, start - SHORT):start].split()),
        after=" ".join(text[end:end + SHORT].split()),
        sentence_before=_cut_start(_flat(text[s0:start]).lstrip()),
        sentence_after=_cut_end(_flat(text[end:s1]).rstrip()),
    )
