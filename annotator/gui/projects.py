"""Choosing a project: new, open, recent, demo. Each chooser returns an opener (called by the window, which reports
errors) or None when the researcher cancels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.services.project_service import ProjectService

PROJECT_FILTER = "Annotator projects (*.annotator)"
RECENT_PROJECTS = 8
Opener = Callable[[], ProjectService | None]


def remember_recent_project(path: Path) -> None:
    settings = QSettings()
    recent = [p for p in (settings.value("recent_projects") or []) if p != str(path)]
    settings.setValue("recent_projects", [str(path), *recent][:RECENT_PROJECTS])


def recent_projects() -> list[str]:
    return [p for p in (QSettings().value("recent_projects") or []) if Path(p).exists()]


def ask_new_project(parent: QWidget) -> Opener | None:
    path, _ = QFileDialog.getSaveFileName(parent, "New project", "study.annotator", PROJECT_FILTER)
    if not path:
        return None
    path = path if path.endswith(".annotator") else path + ".annotator"
    return lambda: ProjectService.create(path)


def ask_open_project(parent: QWidget) -> Opener | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open project", "", PROJECT_FILTER)
    return (lambda: ProjectService.open(path)) if path else None


def open_recent(path: str) -> Opener:
    return lambda: ProjectService.open(path)


def open_demo() -> Opener:
    from annotator.gui.main import open_service

    return lambda: open_service(None)
