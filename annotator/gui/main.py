"""Starting the app: the QApplication, which project to open (the last one; the demo on the very first run), the
start screen when that fails, and lock handling."""

from __future__ import annotations

import importlib.resources
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import AnnotatorError, ProjectLockedError
from annotator.deid.keyfile import remove_stale_temporaries
from annotator.gui.folders import folder
from annotator.gui.passphrase_dialogs import ask_passphrase
from annotator.gui.projects import Opener
from annotator.services import passphrases
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
        return ProjectService.open(path, backup="later")  # the window takes the opening backup once it is up
    except ProjectLockedError as exc:
        answer = QMessageBox.question(None, "Project in use", f"{exc}\n\nOpen it read-only?")
        if answer == QMessageBox.StandardButton.Yes:
            return ProjectService.open(path, readonly=True)
        return None


def first_project(project: str | None) -> Opener | None:
    """What to open at launch: the named file; else the last project; else, on the very first run, the demo;
    else nothing (the start screen)."""
    from annotator.gui.projects import (
        has_run_before,
        open_demo,
        open_recent,
        recent_projects,
    )

    if project:
        return open_recent(str(Path(project).expanduser()))
    recent = recent_projects()
    if recent:
        return open_recent(recent[0])
    return None if has_run_before() else open_demo()


def choose_at_start(opener: Opener | None) -> ProjectService | None:
    """Open the first project; when there is none, or it cannot be opened (damaged, newer, locked), say why and
    offer the start screen until the researcher opens one or closes the screen."""
    from annotator.gui.projects import recent_projects
    from annotator.gui.start_dialog import StartDialog

    while True:
        if opener is not None:
            try:
                service = opener()
            except AnnotatorError as exc:
                QMessageBox.critical(None, "Annotator", str(exc))
                service = None
            if service is not None:
                return service
        dialog = StartDialog(recent_projects())
        if not dialog.exec() or dialog.opener is None:
            return None
        opener = dialog.opener


def run_gui(project: str | None) -> int:
    from annotator.gui.main_window import MainWindow
    from annotator.gui.preferences import coder_name, theme
    from annotator.gui.projects import mark_run
    from annotator.gui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Annotator")
    app.setOrganizationName("Annotator")
    app.setDesktopFileName("annotator")  # the installed annotator.desktop: its icon and name in Wayland's task bar
    app.setWindowIcon(QIcon(str(importlib.resources.files("annotator.resources") / "icons" / "annotator.svg")))
    apply_theme(app, theme())
    passphrases.set_source(ask_passphrase)  # an encrypted project's passphrase: asked in a masked dialog
    remove_stale_temporaries(folder("keys"))  # a key file's save killed last time left its temporary copy
    service = choose_at_start(first_project(project))
    if service is None:
        return 0
    mark_run()
    window = MainWindow(service)
    window.show()
    if coder_name() is None:
        window.show_status(f"You code as '{service.coder}'. To code under your own name: File > Preferences.")
    return app.exec()
