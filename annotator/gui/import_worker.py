"""Runs a batch import off the GUI thread with a progress dialog and Cancel (honoured between files), and reports
the per-file results when it ends."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

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


class ImportRunner(QObject):
    """One import at a time for a window: progress, Cancel, and a summary with every file's line when it ends."""

    imported = Signal(object)  # ImportReport
    error = Signal(str)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.window = parent
        self.worker: ImportWorker | None = None

    def start(self, service: ProjectService, paths: list[Path]) -> ImportWorker | None:
        if service.project.readonly or self.worker is not None:
            return None
        progress = QProgressDialog("Importing transcripts…", "Cancel", 0, len(paths), self.window)
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        worker = ImportWorker(service, paths, self)
        worker.progressed.connect(lambda done, total, name: (progress.setMaximum(total), progress.setValue(done),
                                                            progress.setLabelText(f"Importing {name}…" if name else "")))
        progress.canceled.connect(worker.cancel)
        worker.finished_import.connect(self._on_finished)
        worker.failed.connect(self.error)
        worker.finished.connect(progress.close)
        worker.finished.connect(self._on_done)
        self.worker = worker
        worker.start()
        return worker

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()

    def _on_done(self) -> None:
        if self.worker is not None:
            self.worker.deleteLater()
        self.worker = None

    def _on_finished(self, report: ImportReport) -> None:
        if report.failed or report.duplicates:
            box = QMessageBox(QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information,
                              "Import", report.summary(), parent=self.window)
            box.setDetailedText("\n".join(r.line() for r in report.results))
            box.open()
        self.imported.emit(report)
