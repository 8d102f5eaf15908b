"""Opening a .qdpx a stranger sent: a zip read safely (no path traversal, bounded sizes, no zip bombs, every damaged
part one clear message), its project.qde found whatever the producer named it, and the texts of its sources and
notes decoded. Opened from its path, the archive is read part by part: a 2 GB file of videos costs what its
project.qde and texts cost, not 2 GB."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from annotator.core.errors import AnnotatorError
from annotator.importers.limits import DEFAULT_LIMITS

MAX_ENTRIES = 20_000
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200
# A source's text, as any imported transcript (UTF-8 takes at most 4 bytes a character; UTF-16 mostly 2).
MAX_TEXT_CHARS = DEFAULT_LIMITS.max_text_chars
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS
MAX_XML_BYTES = 200 * 1024 * 1024

# What zipfile raises on a damaged member: bad CRC or header (BadZipFile), bad deflate data (zlib.error), cut short
# (EOFError), an unknown compression or a password (NotImplementedError, RuntimeError), and the rest.
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError,
           KeyError, IndexError, OverflowError)


class TextTooLarge(AnnotatorError):
    """One source's text is over the limit: that source is left out, with its reason."""


def _damaged(what: str) -> AnnotatorError:
    return AnnotatorError(f"The project file is damaged: its {what} cannot be read (the .qdpx is a zip archive; "
                          "this one is broken). Ask for a new copy of it.")


class Archive:
    def __init__(self, source: bytes | Path):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else Path(source))
            entries = self.zip.infolist()
        except DAMAGED as exc:
            raise AnnotatorError("This is not a REFI-QDA project file (.qdpx is a zip archive; this one is damaged "
                                 "or of another kind).") from exc
        if len(entries) > MAX_ENTRIES:
            raise AnnotatorError(f"The project file holds {len(entries)} parts, too many to read safely.")
        if sum(e.file_size for e in entries) > MAX_TOTAL_BYTES:
            raise AnnotatorError("The project file expands to more than 1 GB; it was not read (possible zip bomb).")
        for e in entries:
            if e.file_size > 10_000_000 and e.file_size > MAX_RATIO * max(1, e.compress_size):
                raise AnnotatorError("The project file has a part compressed beyond any real file (possible zip "
                                     "bomb).")
        # Safe member names by their lower-cased path; names that climb out of the archive are never used.
        self.names: dict[str, zipfile.ZipInfo] = {}
        for entry in entries:
            path = PurePosixPath(entry.filename.replace("\\", "/"))
            if path.is_absolute() or ".." in path.parts or entry.is_dir():
                continue
            self.names[str(path).lower()] = entry

    def close(self) -> None:
        self.zip.close()

    def _read(self, entry: zipfile.ZipInfo, limit: int, what: str) -> bytes:
        if entry.file_size > limit:
            raise TextTooLarge(f"The project file's {what} is {entry.file_size // 2**20} MB, over the "
                               f"{limit // 2**20} MB limit; it was not read.")
        try:
            with self.zip.open(entry) as stream:
                data = stream.read(limit + 1)  # (never more than the limit, whatever the header claims)
        except DAMAGED as exc:
            raise _damaged(what) from exc
        if len(data) > limit:
            raise TextTooLarge(f"The project file's {what} is over the {limit // 2**20} MB limit; it was not read.")
        return data

    def project_xml(self) -> bytes:
        entry = self.names.get("project.qde")
        if entry is None:
            qde = [e for lower, e in self.names.items() if lower.endswith(".qde") and "/" not in lower]
            if len(qde) != 1:  # some producers name it after the project
                raise AnnotatorError("The project file has no project.qde inside.")
            entry = qde[0]
        return self._read(entry, MAX_XML_BYTES, "project.qde")

    def part(self, name: str, limit: int = MAX_XML_BYTES) -> bytes | None:
        entry = self.names.get(name.lower())
        return self._read(entry, limit, "part " + PurePosixPath(entry.filename).name) if entry is not None else None

    def text(self, path: str | None) -> str | None:
        """The text a plainTextPath points at (internal://NAME, in sources/ or beside project.qde), or None.
        TextTooLarge if it is over the limit any imported transcript has."""
        if not path:
            return None
        name = path.split("internal://", 1)[-1].replace("\\", "/").lstrip("/")
        for candidate in (name, f"sources/{name}"):
            data = self.part(candidate, MAX_TEXT_BYTES)
            if data is not None:
                return check_text(decode(data))
        return None


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def check_text(text: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLarge(f"holds {len(text):,} characters, over the {MAX_TEXT_CHARS:,} limit")
    return text
