"""Markdown read as the text a reader sees: headings, rules and quote marks dropped, emphasis (`**Interviewer:**`),
links and code unwrapped, escapes resolved. Line by line, and linear in the line: each emphasis opener is paired
with its closer by lookup, where a regex such as `\\*(.+?)\\*` rescanned the rest of the line from every `*` (a
60 KB file took 15 s)."""

from __future__ import annotations

import re
from bisect import bisect_left

from annotator.core import work

_HEADING = re.compile(r"\s{0,3}#{1,6}\s+")
_QUOTE = re.compile(r"\s{0,3}>\s?")
_INDENT = re.compile(r"\s{0,3}")
_RULE_MARKS = "-*_"
_BOLD = re.compile(r"(?=(\*\*|__))")
_ITALIC = {
    "*": (re.compile(r"(?<![\w*])\*(?!\s)"), re.compile(r"(?<!\s)\*(?![\w*])")),
    "_": (re.compile(r"(?<![\w_])_(?!\s)"), re.compile(r"(?<!\s)_(?![\w_])")),
}
_CHAR = {c: re.compile(re.escape(c)) for c in "[]()`"}
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


def _positions(pattern: re.Pattern, line: str) -> list[int]:
    return [m.start() for m in work.finditer(pattern, line)]


def _after(positions: list[int], position: int) -> int | None:
    """The first of the sorted `positions` at or after `position`."""
    i = bisect_left(positions, position)
    return positions[i] if i < len(positions) else None


def _rebuild(line: str, spans: list[tuple[int, int, str]]) -> str:
    """`line` with each (start, end) replaced by its text."""
    if not spans:
        return line
    pieces, cursor = [], 0
    for start, end, text in spans:
        pieces += [line[cursor:start], text]
        cursor = end
    pieces.append(line[cursor:])
    return "".join(pieces)


def _is_rule(line: str) -> bool:
    """`---`, `* * *`, `___` (three or more marks, nothing else, indented by at most three)."""
    indent = work.match(_INDENT, line).end()
    rest = line[indent:]
    if not rest or rest[0] not in _RULE_MARKS:
        return False
    marks = sum(rest.count(c) for c in _RULE_MARKS)
    return marks >= 3 and (not rest.translate({ord(c): None for c in _RULE_MARKS}).strip())


def _bold(line: str) -> str:
    found = [(m.start(), m.group(1)) for m in work.finditer(_BOLD, line)]
    by_kind = {kind: [p for p, k in found if k == kind] for kind in ("**", "__")}
    spans, cursor = [], 0
    for start, kind in found:
        if start < cursor:
            continue
        end = _after(by_kind[kind], start + 3)  # the nearest closer with at least one character inside
        if end is not None:
            spans.append((start, end + 2, line[start + 2:end]))
            cursor = end + 2
    return _rebuild(line, spans)


def _italic(line: str, mark: str) -> str:
    if mark not in line:
        return line
    opening, closing = _ITALIC[mark]
    closers = _positions(closing, line)
    spans, cursor = [], 0
    for start in _positions(opening, line):
        if start < cursor:
            continue
        end = _after(closers, start + 2)
        if end is not None:
            spans.append((start, end + 1, line[start + 1:end]))
            cursor = end + 1
    return _rebuild(line, spans)


def _links(line: str) -> str:
    """`[text](target)` and `![alt](image)` keep their text."""
    if "[" not in line:
        return line
    opens, closes, parens = (_positions(_CHAR[c], line) for c in "[])")
    spans, cursor, search = [], 0, 0
    while (start := _after(opens, search)) is not None:
        close = _after(closes, start + 1)
        if close is None:
            break
        end = _after(parens, close + 2) if line[close + 1:close + 2] == "(" else None
        if end is not None:
            first = start - 1 if start - 1 >= cursor and line[start - 1] == "!" else start
            spans.append((first, end + 1, line[start + 1:close]))
            cursor = search = end + 1
        else:  # every "[" before this "]" reaches the same "]", and fails the same way
            search = close + 1
    return _rebuild(line, spans)


def _code(line: str) -> str:
    if "`" not in line:
        return line
    ticks = _positions(_CHAR["`"], line)
    spans = [(ticks[i], ticks[i + 1] + 1, line[ticks[i] + 1:ticks[i + 1]]) for i in range(0, len(ticks) - 1, 2)]
    return _rebuild(line, spans)


def _line(line: str) -> str:
    if m := work.match(_HEADING, line):
        line = line[m.end():]
    if _is_rule(line):
        return ""
    if m := work.match(_QUOTE, line):
        line = line[m.end():]
    line = _code(_links(_italic(_italic(_bold(line), "*"), "_")))
    return work.sub(_ESCAPE, r"\1", line) if "\\" in line else line


def markdown_text(raw: str) -> str:
    return "\n".join(_line(line) for line in work.lines(raw))
