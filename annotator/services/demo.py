"""The demo project: the fictional sample transcripts, imported, with their participants linked."""

from __future__ import annotations

import csv
import importlib.resources
import io
from collections.abc import Callable
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.importers import SUPPORTED_SUFFIXES
from annotator.services.importing import ImportReport
from annotator.services.project_service import ProjectService

DEMO_NAME = "Demo: peer workers in harm reduction (fictional)"


def sample_files() -> list[Path]:
    """The sample transcripts shipped with Annotator, in interview order (their file names sort that way)."""
    folder = importlib.resources.files("annotator.sample_transcripts")
    return sorted(
        Path(str(entry)) for entry in folder.iterdir()
        if entry.is_file() and Path(entry.name).suffix.lower() in SUPPORTED_SUFFIXES and entry.name != "README.md"
    )


def sample_participants_csv() -> str:
    return importlib.resources.files("annotator.sample_transcripts").joinpath("participants.csv").read_text("utf-8")


def build_demo(path: Path | str, progress: Callable[[int, int, str], None] | None = None) -> tuple[ProjectService, ImportReport]:
    """Create the demo project at `path` and return it open."""
    service = ProjectService.create(path)
    try:
        with service.project.atomic() as db:
            db.execute("UPDATE settings SET value = ? WHERE key = 'project_name'", [DEMO_NAME])
            db["settings"].insert({"key": "demo", "value": "1"}, replace=True)
        report = service.import_files(sample_files(), progress=progress)
        if report.failed:
            raise AnnotatorError("The sample transcripts did not all import: " + "; ".join(
                r.line() for r in report.results if r.status.value == "failed"))
        _link_participants(service, report)
        service.history.clear()  # building the demo is not something to undo
    except BaseException:
        service.close()
        raise
    return service, report


def _link_participants(service: ProjectService, report: ImportReport) -> None:
    by_file = {r.path.name: r.document_id for r in report.results if r.document_id is not None}
    for row in csv.DictReader(io.StringIO(sample_participants_csv())):
        participant_id = service.add_participant(row["participant"])
        document_id = by_file.get(row["transcript"])
        if document_id is None:
            continue
        service.link_document(document_id, participant_id)
        if row.get("speaker"):
            service.map_speaker(document_id, row["speaker"], participant_id)
