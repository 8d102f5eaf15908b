"""Rich Text Format transcripts (.rtf), through striprtf, with the two places striprtf's regexes go quadratic
made harmless first: a field group's hyperlink pattern (`\\field{...HYPERLINK...}`, tried with `.*` from every
field) and the font table (`\\f1 ... \\fcharset0 ...;`, tried with `.*?` from every font). A 16 KB file of either
took seconds before."""

from __future__ import annotations

import re

from annotator.core import work
from annotator.core.errors import ImportFailed
from annotator.core.transcript import Transcript
from annotator.importers.limits import ImportLimits
from annotator.importers.plain import transcript_from_text

# `{\field {` is the same RTF as `{\field{`, but striprtf's hyperlink pattern needs the brace right after the word.
_FIELD = re.compile(r"\{\\field\{", re.IGNORECASE)
_FONT_TABLE = re.compile(r"\\fonttbl")
_BRACE = re.compile(r"[{}]")
_FONT_ID = re.compile(r"\\f(\d{1,10})")
_CHARSET = re.compile(r"\\fcharset(\d{1,10})")


def _font_table(text: str) -> tuple[int, int] | None:
    """Where the `{\\fonttbl ...}` group lies (to the end of the text if it is never closed)."""
    at = work.find(text, "\\fonttbl")
    if at == -1:
        return None
    start = text.rfind("{", 0, at)
    work.charge(at - start)
    if start == -1 or "}" in text[start:at]:
        return None
    depth = 0
    for brace in work.finditer(_BRACE, text, start):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return start, brace.end()
    return start, len(text)


def _canonical_fonts(group: str) -> str:
    """The font table with each font as `{\\fN\\fcharsetC F;}`: what striprtf reads of it, in a form its pattern
    matches at once."""
    fonts = []
    for entry in group.split(";"):
        font = _FONT_ID.search(entry)
        charset = _CHARSET.search(entry)
        work.charge(len(entry))
        if font and charset and font.start() < charset.start():
            fonts.append(f"{{\\f{font.group(1)}\\fcharset{charset.group(1)} F;}}")
    return "{\\fonttbl" + "".join(fonts) + "}"


def safe_rtf(text: str) -> str:
    text = work.sub(_FIELD, "{\\\\field {", text)
    table = _font_table(text)
    if table is not None:
        start, end = table
        text = text[:start] + _canonical_fonts(text[start:end]) + text[end:]
    return text


def read_rtf(data: bytes, limits: ImportLimits) -> Transcript:
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise ImportFailed("is not a valid .rtf file (it does not start with {\\rtf)")
    text = safe_rtf(data.decode("latin-1"))
    work.charge(len(text))  # striprtf's own pass: one bounded pattern over the text
    try:
        text = rtf_to_text(text, encoding="cp1252", errors="replace")
    except Exception as exc:  # striprtf raises assorted errors on malformed input
        raise ImportFailed("is not a valid .rtf file (damaged)") from exc
    # RTF ends a paragraph with one line break; separate paragraphs as the other formats do.
    paragraphs = [line for line in text.replace("\r\n", "\n").split("\n")]
    return transcript_from_text("\n\n".join(paragraphs), "rtf")
