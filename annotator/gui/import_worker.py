"""Runs a batch import off the GUI thread, reporting progress and honouring Cancel between files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from annotator.core.errors import AnnotatorError
from annotator.services.importing import ImportReport
from annotator.services.project_service import ProjectService


class ImportWorker(QThread):
    progressed = Signal(int, int, str)  # done, total, file name
    finished_import = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(self, service: ProjectService, paths: list[Path], parent=None):
        super().__init__(parent)
        self._service = service
        self._paths = paths
        self._cancelled = False
        self.report: ImportReport | None = None

    def cancel(self) -> None:
        self._cancelled = True

    def run(self) -> None:
        try:
            self.report = self._service.import_files(
                self._paths, progress=self.progressed.emit, is_cancelled=lambda: self._cancelled
            )
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # other messages might quote data: name the kind of failure only
            self.failed.emit(f"The import stopped on an unexpected error ({type(exc).__name__}).")
            return
        self.finished_import.emit(self.report)
