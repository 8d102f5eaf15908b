"""Opening zip-based documents (.docx, .odt) without trusting their declared sizes to be harmless."""

from __future__ import annotations

import io
import zipfile
import zlib

from annotator.core.errors import ImportFailed
from annotator.importers.limits import ImportLimits, megabytes

# What zipfile raises on a damaged part: bad CRC or header, bad deflate data, data cut short, an unknown compression
# method or a password, and sizes that do not add up.
ZIP_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError,
              OverflowError)


def open_zip(data: bytes, limits: ImportLimits, kind: str) -> zipfile.ZipFile:
    """A ZipFile over `data` once its entries pass the size and compression-ratio limits.

    zipfile never inflates an entry past its declared size, so checking the declared sizes bounds memory.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except ZIP_DAMAGE as exc:
        raise ImportFailed(f"is not a valid {kind} file (damaged or not a {kind})") from exc
    if len(entries) > 10_000:
        raise ImportFailed(f"is not a plausible {kind} file ({len(entries)} parts)")
    total = sum(e.file_size for e in entries)
    if total > limits.max_unzipped_bytes:
        raise ImportFailed(
            f"expands to {megabytes(total)}, over the {megabytes(limits.max_unzipped_bytes)} limit (possible zip bomb)"
        )
    for entry in entries:
        if entry.file_size > limits.max_part_bytes:
            raise ImportFailed(f"has a part of {megabytes(entry.file_size)}, over the "
                               f"{megabytes(limits.max_part_bytes)} limit")
        if entry.file_size > 1_000_000 and entry.file_size > limits.max_compression_ratio * max(entry.compress_size, 1):
            raise ImportFailed(f"has a part compressed {entry.file_size // max(entry.compress_size, 1)}:1 (possible zip bomb)")
    return archive


def check_parts(archive: zipfile.ZipFile, kind: str) -> None:
    """Read every part once (the sizes are bounded above), so a damaged one is this message rather than an error
    from deep inside a library that reads them all (python-docx)."""
    try:
        bad = archive.testzip()
    except ZIP_DAMAGE as exc:
        raise ImportFailed(f"is not a valid {kind} file (damaged: a part of it cannot be unpacked)") from exc
    if bad is not None:
        raise ImportFailed(f"is not a valid {kind} file (damaged: a part of it fails its checksum)")


def read_member(archive: zipfile.ZipFile, name: str, kind: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError as exc:
        raise ImportFailed(f"is not a valid {kind} file (it has no {name})") from exc
    except ZIP_DAMAGE as exc:  # bad CRC, truncated data, bad compression
        raise ImportFailed(f"is not a valid {kind} file (damaged)") from exc
