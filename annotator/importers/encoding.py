"""Decoding text files: byte-order marks, UTF-8, then the Windows and Latin-1 code pages transcripts arrive in.

A fixed cascade rather than statistical guessing: for the encodings researchers actually receive (UTF-8 with or
without BOM, UTF-16 with BOM, cp1252 from Word on Windows, Latin-1), the cascade is exact, while a detector guesses
among dozens of code pages on short English text.
"""

from __future__ import annotations

import codecs

from annotator.core.errors import ImportFailed

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Every byte except the C0 controls that do not occur in text (tab, LF, FF, CR and the DOS end-of-file mark do).
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13, 26))


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 1% control characters, in the first 8 KiB."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROL))
    return controls > max(2, len(sample) // 100)


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read with."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding + "-bom" if encoding == "utf-8" else encoding
            except UnicodeDecodeError as exc:
                raise ImportFailed(f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()} text") from exc
    if looks_binary(data):
        raise ImportFailed("is not a text file (it contains binary data)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined: Latin-1 reads them as C1 controls, which canonicalisation drops.
        return data.decode("latin-1"), "latin-1"
