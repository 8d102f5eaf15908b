"""Counted nouns for messages, reports and the command line: '1 passage', '2 passages', '1,204 codings'."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"
