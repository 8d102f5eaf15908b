"""Long work off the GUI thread (import, detection): progress, Cancel honoured between steps, and a one-line
error that never quotes data. ImportRunner adds the import's progress dialog and per-file report."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.time_left import time_left
from annotator.services.importing import ImportReport
from annotator.services.project_service import ProjectService

Task = Callable[[Callable[[int, int, str], None], Callable[[], bool]], object]


class TaskWorker(QThread):
    progressed = Signal(int, int, str)  # done, total, what
    done = Signal(object)  # the task's result
    failed = Signal(str)

    def __init__(self, task: Task, parent=None):
        super().__init__(parent)
        self._task = task
        self._cancelled = False
        self.result = None

    def cancel(self) -> None:
        self._cancelled = True

    def run(self) -> None:
        try:
            self.result = self._task(self.progressed.emit, lambda: self._cancelled)
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # other messages might quote data: name the kind of failure only
            self.failed.emit(f"The work stopped on an unexpected error ({type(exc).__name__}).")
            return
        self.done.emit(self.result)


def run_with_progress(parent: QWidget, title: str, label: str, task: Task, done=None, failed=None,
                      finished=None) -> TaskWorker:
    """Start `task` in a worker with a window-modal progress dialog (what it is on, and the time left once that can
    be told) whose Cancel reaches the task. `done`, `failed` and `finished` are connected before it starts: a task
    quicker than the caller's next line would emit to no one (a quick report's end went unheard, and the window
    then refused every other report as one still running)."""
    progress = QProgressDialog(label, "Cancel", 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    worker = TaskWorker(task, parent)
    clock = time.monotonic()

    def progressed(done: int, total: int, what: str) -> None:
        progress.setMaximum(total)
        progress.setValue(done)
        left = time_left(done, total, time.monotonic() - clock)
        progress.setLabelText("\n".join(part for part in (f"{label} {what}" if what else label, left) if part))

    worker.progressed.connect(progressed)
    progress.canceled.connect(worker.cancel)
    if done is not None:
        worker.done.connect(done)
    if failed is not None:
        worker.failed.connect(failed)
    if finished is not None:
        worker.finished.connect(finished)
    worker.finished.connect(progress.close)
    worker.finished.connect(worker.deleteLater)
    worker.start()
    return worker


class ImportRunner(QObject):
    """One import at a time for a window: progress, Cancel, and a summary with every file's line when it ends."""

    imported = Signal(object)  # ImportReport
    error = Signal(str)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.window = parent
        self.worker: TaskWorker | None = None

    def start(self, service: ProjectService, paths: list[Path]) -> TaskWorker | None:
        if service.project.readonly or self.worker is not None:
            return None
        worker = run_with_progress(self.window, "Import", "Importing transcripts…", lambda progress, cancelled:
                                   service.import_files(paths, progress=progress, is_cancelled=cancelled),
                                   done=self._on_finished, failed=self.error.emit, finished=self._on_done)
        self.worker = worker
        return worker

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()

    def _on_done(self) -> None:
        self.worker = None

    def _on_finished(self, report: ImportReport) -> None:
        """Every import ends with its result, a line a file (words, turns and speakers, or why not), in a box
        that does not block: the researcher reads it or carries on."""
        box = QMessageBox(QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information,
                          "Import", report.summary(), parent=self.window)
        box.setObjectName("importReport")
        lines = "\n".join(r.line() for r in report.results)
        if len(report.results) <= 6:
            box.setInformativeText(lines)
        box.setDetailedText(lines)  # all of it, to copy
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Close))
        box.open()
        self.imported.emit(report)
