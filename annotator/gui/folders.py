"""Where file dialogs start: the folder last used for that kind of file; else for projects and transcripts the
Documents folder, for reports and exports the project's own folder, and for key files the Documents folder,
never the project's (a key kept beside its project protects nothing). Never the folder the app was started in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

KINDS = ("projects", "inputs", "outputs", "keys")


def _documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def folder(kind: str, project: Path | None = None) -> Path:
    last = QSettings().value(f"folders/{kind}", "", type=str)
    if last and Path(last).is_dir():
        return Path(last)
    if kind == "outputs" and project is not None and project.parent.is_dir():
        return project.parent
    return _documents()


def remember(kind: str, chosen: str | Path) -> None:
    QSettings().setValue(f"folders/{kind}", str(Path(chosen).parent))


def save_path(parent: QWidget, title: str, filename: str, filters: str, kind: str = "outputs",
              project: Path | None = None) -> str:
    """Ask where to save, starting in the right folder; '' when the researcher cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(folder(kind, project) / filename), filters)
    if path:
        remember(kind, path)
    return path


def open_path(parent: QWidget, title: str, filters: str, kind: str = "inputs", project: Path | None = None) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(folder(kind, project)), filters)
    if path:
        remember(kind, path)
    return path


def open_paths(parent: QWidget, title: str, filters: str, kind: str = "inputs") -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(folder(kind)), filters)
    if paths:
        remember(kind, paths[0])
    return paths
