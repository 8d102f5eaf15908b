"""Plain text (.txt) and Markdown (.md) transcripts."""

from __future__ import annotations

import re

from annotator.core.transcript import Transcript, canonical_text
from annotator.importers.encoding import decode_text
from annotator.importers.limits import ImportLimits
from annotator.importers.speakers import detect_turns


def transcript_from_text(raw: str, source_format: str, metadata: dict[str, str] | None = None) -> Transcript:
    """The shared tail of every paragraph-based reader: canonicalise, then find the speaker turns."""
    text = canonical_text(raw)
    return Transcript(text=text, turns=detect_turns(text), source_format=source_format, metadata=metadata or {})


def read_txt(data: bytes, limits: ImportLimits) -> Transcript:
    raw, encoding = decode_text(data)
    return transcript_from_text(raw, "txt", {"encoding": encoding})


_MD_RULES = [
    (re.compile(r"^\s{0,3}#{1,6}\s+", re.M), ""),  # headings
    (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.M), ""),  # horizontal rules
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # block quotes
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"), r"\1"),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images keep their text
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),  # escapes
]


def read_markdown(data: bytes, limits: ImportLimits) -> Transcript:
    """Markdown is read as the text a reader sees: emphasis (`**Interviewer:**`), headings and links unwrapped."""
    raw, encoding = decode_text(data)
    for pattern, replacement in _MD_RULES:
        raw = pattern.sub(replacement, raw)
    return transcript_from_text(raw, "md", {"encoding": encoding})
