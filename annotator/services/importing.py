"""Batch import: each file lands whole in its own transaction or not at all, with a one-line result per file."""

from __future__ import annotations

import hashlib
import logging
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from annotator.core.changes import NO_CHANGES, Changes
from annotator.core.errors import ImportFailed
from annotator.core.ids import DocumentId
from annotator.core.plural import counted
from annotator.importers import (
    DEFAULT_LIMITS,
    SUPPORTED_SUFFIXES,
    ImportLimits,
    read_transcript,
)
from annotator.importers.limits import megabytes
from annotator.storage import audit, documents
from annotator.storage.project_file import ProjectFile

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


class Status(str, Enum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class FileResult:
    path: Path
    status: Status
    message: str
    document_id: DocumentId | None = None
    speaker_turns: int = 0
    speakers: tuple[str, ...] = ()

    def line(self) -> str:
        """One line for a person, e.g. 'P03.docx: imported (1,912 words, 84 turns, 2 speakers)' or
        'notes.txt: failed, it is empty'."""
        return f"{self.path.name}: {self.status.value}{self.message}"


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    changes: Changes = NO_CHANGES

    def _count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def imported(self) -> int:
        return self._count(Status.IMPORTED)

    @property
    def failed(self) -> int:
        return self._count(Status.FAILED)

    @property
    def duplicates(self) -> int:
        return self._count(Status.DUPLICATE)

    def summary(self) -> str:
        parts = [f"{self.imported} imported"]
        if self.duplicates:
            parts.append(f"{self.duplicates} already in the project")
        if self.failed:
            parts.append(f"{self.failed} failed")
        cancelled = self._count(Status.CANCELLED)
        if cancelled:
            parts.append(f"{cancelled} not imported (cancelled)")
        return ", ".join(parts)


def import_one(project: ProjectFile, path: Path, coder: str, limits: ImportLimits) -> FileResult:
    try:
        info = path.stat()
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would hang the import, or be consumed by it
            raise ImportFailed("is a folder" if stat.S_ISDIR(info.st_mode) else "is not a regular file")
        if size > limits.max_file_bytes:
            raise ImportFailed(f"is {megabytes(size)}, over the {megabytes(limits.max_file_bytes)} limit")
        data = path.read_bytes()
        transcript = read_transcript(path.name, data, limits)
    except ImportFailed as exc:
        return FileResult(path, Status.FAILED, f", it {exc}")
    except FileNotFoundError:
        return FileResult(path, Status.FAILED, ", it does not exist")
    except PermissionError:
        return FileResult(path, Status.FAILED, ", it could not be read (permission denied)")
    except OSError as exc:
        return FileResult(path, Status.FAILED, f", it could not be read ({exc.strerror or 'I/O error'})")
    except Exception as exc:  # a reader bug must not stop the batch; neither the message nor the log quotes content
        log.error("unexpected %s reading a %s file", type(exc).__name__, path.suffix)
        return FileResult(path, Status.FAILED, f", it could not be read (unexpected {type(exc).__name__})")

    file_hash = hashlib.sha256(data).hexdigest()
    content_hash = documents.text_hash(transcript.text)
    duplicate = documents.find_duplicate(project.db, file_hash, content_hash)
    if duplicate is not None:
        return FileResult(path, Status.DUPLICATE, f", already in the project as '{duplicate[1]}'", duplicate[0])
    with project.atomic() as db:
        name = documents.unique_name(db, path.stem)
        document_id = documents.insert_document(
            db, name=name, transcript=transcript, source_name=path.name, file_hash=file_hash
        )
        audit.record(db, coder, "import document", "document", document_id, format=transcript.source_format,
                     characters=len(transcript.text), speaker_turns=len(transcript.turns))
    speakers = tuple(transcript.speakers)
    return FileResult(
        path, Status.IMPORTED,
        f" ({counted(transcript.word_count, 'word')}, {counted(len(transcript.turns), 'turn')}, "
        f"{counted(len(speakers), 'speaker')})",
        document_id, len(transcript.turns), speakers,
    )


def expand_folders(paths: Sequence[Path]) -> list[Path]:
    """Folders stand for the transcripts inside them (recursively, in name order, hidden files skipped)."""
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            expanded.extend(sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ))
        else:
            expanded.append(path)
    return expanded


def import_files(
    project: ProjectFile,
    paths: Sequence[Path],
    coder: str,
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    paths = expand_folders(paths)
    report = ImportReport()
    imported: set[DocumentId] = set()
    for index, path in enumerate(paths):
        if is_cancelled is not None and is_cancelled():
            report.results.extend(FileResult(p, Status.CANCELLED, "") for p in paths[index:])
            break
        if progress is not None:
            progress(index, len(paths), path.name)
        result = import_one(project, path, coder, limits)
        report.results.append(result)
        if result.status is Status.IMPORTED and result.document_id is not None:
            imported.add(result.document_id)
    if progress is not None:
        progress(len(paths), len(paths), "")
    if imported:
        report.changes = Changes(documents=True, speaker_turns=True, document_ids=frozenset(imported))
    return report
