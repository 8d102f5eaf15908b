"""Opening a .qdpx a stranger sent: a zip read safely (no path traversal, bounded sizes, no zip bombs), its
project.qde found whatever the producer named it, and the texts of its sources and notes decoded."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from annotator.core.errors import AnnotatorError

MAX_ENTRIES = 20_000
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200


class Archive:
    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            entries = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError) as exc:
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
        self.names: dict[str, str] = {}
        for entry in entries:
            path = PurePosixPath(entry.filename.replace("\\", "/"))
            if path.is_absolute() or ".." in path.parts or entry.is_dir():
                continue
            self.names[str(path).lower()] = entry.filename

    def project_xml(self) -> bytes:
        if "project.qde" in self.names:
            return self.zip.read(self.names["project.qde"])
        qde = [n for lower, n in self.names.items() if lower.endswith(".qde") and "/" not in lower]
        if len(qde) == 1:  # some producers name it after the project
            return self.zip.read(qde[0])
        raise AnnotatorError("The project file has no project.qde inside.")

    def part(self, name: str) -> bytes | None:
        real = self.names.get(name.lower())
        return self.zip.read(real) if real is not None else None

    def text(self, path: str | None) -> str | None:
        """The text a plainTextPath points at (internal://NAME, in sources/ or beside project.qde), or None."""
        if not path:
            return None
        name = path.split("internal://", 1)[-1].replace("\\", "/").lstrip("/")
        for candidate in (name, f"sources/{name}"):
            data = self.part(candidate)
            if data is not None:
                for encoding in ("utf-8-sig", "utf-16"):
                    try:
                        return data.decode(encoding)
                    except UnicodeDecodeError:
                        continue
                return data.decode("latin-1")
        return None
