"""Word frequencies and keyword-in-context lines over stretches of transcript text (all of it, participants' turns,
a code's passages or a query's results). Words are lower-cased, with a typographic apostrophe read as a straight
one; stemmed counts group a word's forms under their Porter stem and show the most frequent form."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from annotator.analysis.model import WORD
from annotator.analysis.stemmer import stem
from annotator.core.ids import DocumentId

Spans = Mapping[DocumentId, Iterable[tuple[int, int]]]


@dataclass(frozen=True)
class WordCount:
    word: str  # the form shown (the most frequent, when stemmed)
    count: int
    share: float  # percent of the words counted
    forms: tuple[tuple[str, int], ...]  # each exact form and its count, most frequent first


@dataclass(frozen=True)
class Frequencies:
    words: tuple[WordCount, ...]
    total_words: int  # every word in the text looked at
    counted_words: int  # those left after stop words, numbers and short words
    stemmed: bool


@dataclass(frozen=True)
class KeywordLine:
    document_id: DocumentId
    start: int  # the keyword's own characters, to show or code
    end: int
    before: str
    keyword: str
    after: str


# Counting 5 million words with a regular expression takes seconds; splitting bytes is done in C. So: lower-case,
# encode, turn ASCII characters that cannot be in a word into spaces, split and count; then only each distinct
# token (a few thousand) goes through WORD, which also handles punctuation outside ASCII.
_KEEP = set(b"abcdefghijklmnopqrstuvwxyz0123456789'")
_SEPARATORS = bytes(b if b in _KEEP or b >= 128 else 32 for b in range(256))
_CHUNK = 4_000_000  # characters counted at once, so memory stays a few copies of this


# Square brackets hold what nobody said: pseudonyms ("[Person A]", "[Place 2]") and transcribers' notes
# ("[laughs]", "[inaudible 00:12:03]"). Their words are left out of counts and keyword lines.
BRACKETED = re.compile(r"\[[^\[\]\n]{0,80}\]")


def count_pieces(pieces: Iterable[str]) -> Counter:
    """Lower-cased words (WORD) in pieces of text, counted together; bracketed text left out."""
    raw: Counter = Counter()
    batch: list[str] = []
    size = 0
    for piece in [*pieces, None]:
        if piece is not None:
            batch.append(BRACKETED.sub(" ", piece) if "[" in piece else piece)
            size += len(piece)
        if batch and (piece is None or size >= _CHUNK):
            raw.update("\n".join(batch).lower().encode("utf-8").translate(_SEPARATORS).split())
            batch, size = [], 0
    counts: Counter = Counter()
    for token, n in raw.items():
        word = token.decode("utf-8").replace("\u2019", "'")  # don’t and don't are one word
        if word.isalnum():
            counts[word] += n
        else:
            for part in WORD.findall(word):
                counts[part] += n
    return counts


def count_words(text: str, spans: Iterable[tuple[int, int]] | None = None) -> Counter:
    """Lower-cased words in the text, or in these spans of it."""
    return count_pieces([text] if spans is None else (text[start:end] for start, end in spans))


def frequencies(counts: Counter, stop_words: Collection[str] = (), *, stemmed: bool = False, min_length: int = 3,
                top: int | None = None) -> Frequencies:
    """The table from word counts: stop words, numbers and words shorter than `min_length` left out."""
    total = sum(counts.values())
    kept = {w: n for w, n in counts.items()
            if len(w) >= min_length and w not in stop_words and not w.replace("'", "").isdigit()}
    groups: dict[str, list[tuple[str, int]]] = {}
    for word, n in kept.items():
        groups.setdefault(stem(word) if stemmed else word, []).append((word, n))
    counted = sum(kept.values())
    rows = []
    for forms in groups.values():
        forms.sort(key=lambda f: (-f[1], f[0]))
        n = sum(c for _w, c in forms)
        rows.append(WordCount(forms[0][0], n, 100.0 * n / counted if counted else 0.0, tuple(forms)))
    rows.sort(key=lambda r: (-r.count, r.word))
    return Frequencies(tuple(rows[:top] if top else rows), total, counted, stemmed)


def keyword_in_context(texts: Mapping[DocumentId, str], spans: Spans, word: str, *, stemmed: bool = False,
                       width: int = 60, limit: int | None = None) -> list[KeywordLine]:
    """Every occurrence of the word (or of any form with its stem) within the spans, with `width` characters of
    context on each side, in document and text order."""
    wanted = word.strip().lower().replace("\u2019", "'")
    target = stem(wanted) if stemmed else wanted
    lines = []
    for document_id, ranges in spans.items():
        text = texts[document_id]
        bracketed = [(b.start(), b.end()) for b in BRACKETED.finditer(text)]
        for start, end in ranges:
            for m in WORD.finditer(text, start, end):
                if bracketed and _inside(bracketed, m.start()):
                    continue
                found = m.group().lower().replace("\u2019", "'")
                if (stem(found) if stemmed else found) != target:
                    continue
                before, after = text[max(0, m.start() - width):m.start()], text[m.end():m.end() + width]
                if m.start() > width:  # whole words only at the cut ends
                    before = before.split(maxsplit=1)[-1] if len(before.split()) > 1 else before
                if len(text) > m.end() + width:
                    after = after.rsplit(maxsplit=1)[0] if len(after.split()) > 1 else after
                before, after = " ".join(before.split()), " ".join(after.split())
                lines.append(KeywordLine(document_id, m.start(), m.end(), before, m.group(), after))
                if limit and len(lines) >= limit:
                    return lines
    return lines


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    i = bisect_right(spans, (position, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]
