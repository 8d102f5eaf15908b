"""Choosing a project: new, open, recent, demo, and which one to open at launch (the last one; the demo only on the
very first run). Each chooser returns an opener (called by the window, which reports errors) or None when the
researcher cancels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from annotator.gui.folders import open_path, save_path
from annotator.services.project_service import ProjectService

PROJECT_FILTER = "Annotator projects (*.annotator)"
RECENT_PROJECTS = 8
Opener = Callable[[], ProjectService | None]


def _stored_recent() -> list[str]:
    # type=list: QSettings hands a one-item list back as a bare string after a restart, and iterating that
    # string gave one "recent project" per character ("/", "t", "m", ...).
    value = QSettings().value("recent_projects", [], type=list)
    return [str(p) for p in value if isinstance(p, str) and p.strip()]


def remember_recent_project(path: Path) -> None:
    resolved = str(Path(path).resolve())
    recent = [p for p in _stored_recent() if p != resolved]
    QSettings().setValue("recent_projects", [resolved, *recent][:RECENT_PROJECTS])


def recent_projects() -> list[str]:
    """Recent project files that still exist, most recent first (never a folder, never a stray character)."""
    return [p for p in _stored_recent() if Path(p).suffix == ".annotator" and Path(p).is_file()]


def recent_label(path: str) -> str:
    """'Peer workers study — /home/me/studies/peer.annotator': the name tells projects apart, the path where."""
    name = ProjectService.peek_name(path)
    return f"{name} — {path}" if name else path


def has_run_before() -> bool:
    return QSettings().value("first_run_done", False, type=bool) or bool(_stored_recent())


def mark_run() -> None:
    QSettings().setValue("first_run_done", True)


def ask_new_project(parent: QWidget) -> Opener | None:
    path = save_path(parent, "New project", "study.annotator", PROJECT_FILTER, kind="projects")
    if not path:
        return None
    path = path if path.endswith(".annotator") else path + ".annotator"
    from annotator.gui.passphrase_dialogs import offer_encryption

    go_on, passphrase = offer_encryption(parent, Path(path).name)
    if not go_on:
        return None
    return lambda: ProjectService.create(path, passphrase=passphrase)


def ask_open_project(parent: QWidget) -> Opener | None:
    path = open_path(parent, "Open project", PROJECT_FILTER, kind="projects")
    return open_recent(path) if path else None


def open_recent(path: str) -> Opener:
    from annotator.gui.main import open_service

    return lambda: open_service(Path(path))


def open_demo() -> Opener:
    from annotator.gui.main import open_service

    return lambda: open_service(None)
