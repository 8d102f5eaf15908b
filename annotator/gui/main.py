"""Starting the app: the QApplication, which project to open (the demo when none is named), and lock handling."""

from __future__ import annotations

import importlib.resources
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import AnnotatorError, ProjectLockedError
from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService


def demo_project_path() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "demo.annotator"


def open_service(path: Path | None) -> ProjectService | None:
    """Open `path` (or the demo project, building it the first time); ask before opening read-only."""
    if path is None:
        path = demo_project_path()
        if not path.exists():
            service, _report = build_demo(path)
            return service
    try:
        return ProjectService.open(path)
    except ProjectLockedError as exc:
        answer = QMessageBox.question(None, "Project in use", f"{exc}\n\nOpen it read-only?")
        if answer == QMessageBox.StandardButton.Yes:
            return ProjectService.open(path, readonly=True)
        return None


def run_gui(project: str | None) -> int:
    from annotator.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Annotator")
    app.setOrganizationName("Annotator")
    app.setWindowIcon(QIcon(str(importlib.resources.files("annotator.resources") / "icons" / "annotator.svg")))
    try:
        service = open_service(Path(project).expanduser() if project else None)
    except AnnotatorError as exc:
        QMessageBox.critical(None, "Annotator", str(exc))
        return 1
    if service is None:
        return 1
    window = MainWindow(service)
    window.show()
    return app.exec()
