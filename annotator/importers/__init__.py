"""File -> transcript: the text every offset refers to, with speaker turns, for each supported format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator.core.errors import ImportFailed
from annotator.core.transcript import Transcript
from annotator.importers.captions import read_srt, read_vtt
from annotator.importers.limits import DEFAULT_LIMITS, ImportLimits, megabytes
from annotator.importers.office import read_docx, read_odt
from annotator.importers.plain import read_markdown, read_txt
from annotator.importers.rtf import read_rtf

Reader = Callable[[bytes, ImportLimits], Transcript]

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".docx": read_docx,
    ".odt": read_odt,
    ".rtf": read_rtf,
    ".vtt": read_vtt,
    ".srt": read_srt,
}
SUPPORTED_SUFFIXES = tuple(READERS)


def read_transcript(filename: str, data: bytes, limits: ImportLimits = DEFAULT_LIMITS) -> Transcript:
    """Read one file's bytes into a Transcript, or raise ImportFailed with a one-line reason."""
    suffix = Path(filename).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        kinds = ", ".join(s for s in SUPPORTED_SUFFIXES if s not in (".text", ".markdown"))
        raise ImportFailed(f"has an unsupported type '{suffix or '(none)'}' (Annotator imports {kinds})")
    if len(data) > limits.max_file_bytes:
        raise ImportFailed(f"is {megabytes(len(data))}, over the {megabytes(limits.max_file_bytes)} limit")
    if not data.strip():
        raise ImportFailed("is empty")
    transcript = reader(data, limits)
    if not transcript.text.strip():
        raise ImportFailed("contains no text")
    if len(transcript.text) > limits.max_text_chars:
        raise ImportFailed(f"holds {len(transcript.text):,} characters, over the {limits.max_text_chars:,} limit")
    return transcript


__all__ = ["DEFAULT_LIMITS", "ImportLimits", "READERS", "SUPPORTED_SUFFIXES", "read_transcript"]
