"""Limits that keep a hostile or mistaken file from exhausting memory. A 90-minute transcript is ~100 KB of text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportLimits:
    max_file_bytes: int = 100 * 1024 * 1024
    max_text_chars: int = 10_000_000
    # For zip-based formats (.docx, .odt): the total uncompressed size and the worst compression ratio allowed.
    max_unzipped_bytes: int = 300 * 1024 * 1024
    max_compression_ratio: int = 200
    # Any one part of them (a document.xml of 300 MB would take gigabytes once parsed).
    max_part_bytes: int = 100 * 1024 * 1024


DEFAULT_LIMITS = ImportLimits()


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"
