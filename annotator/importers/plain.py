"""Plain text (.txt) and Markdown (.md) transcripts."""

from __future__ import annotations

from annotator.core.transcript import Transcript, canonical_text
from annotator.importers.encoding import decode_text
from annotator.importers.limits import ImportLimits
from annotator.importers.markdown import markdown_text
from annotator.importers.speakers import detect_turns


def transcript_from_text(raw: str, source_format: str, metadata: dict[str, str] | None = None) -> Transcript:
    """The shared tail of every paragraph-based reader: canonicalise, then find the speaker turns."""
    text = canonical_text(raw)
    return Transcript(text=text, turns=detect_turns(text), source_format=source_format, metadata=metadata or {})


def read_txt(data: bytes, limits: ImportLimits) -> Transcript:
    raw, encoding = decode_text(data)
    return transcript_from_text(raw, "txt", {"encoding": encoding})


def read_markdown(data: bytes, limits: ImportLimits) -> Transcript:
    """Markdown is read as the text a reader sees: emphasis (`**Interviewer:**`), headings and links unwrapped."""
    raw, encoding = decode_text(data)
    return transcript_from_text(markdown_text(raw), "md", {"encoding": encoding})
