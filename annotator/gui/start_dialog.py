"""The start screen: new project, open project, recent projects, the demo project."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout,
)

from annotator.gui.main_window import PROJECT_FILTER
from annotator.services.project_service import ProjectService


class StartDialog(QDialog):
    def __init__(self, recent: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Annotator")
        self.setObjectName("startDialog")
        self.opener: Callable[[], ProjectService | None] | None = None
        title = QLabel("<h2>Annotator</h2><p>Code interview transcripts, offline. Your project never leaves this "
                       "computer.</p>")
        new, open_, demo = QPushButton("New Project…"), QPushButton("Open Project…"), QPushButton("Open the Demo Project")
        new.clicked.connect(self._on_new)
        open_.clicked.connect(self._on_open)
        demo.clicked.connect(self._on_demo)
        self.recent = QListWidget(self)
        self.recent.addItems(recent)
        self.recent.itemActivated.connect(lambda item: self._choose(lambda p=item.text(): ProjectService.open(p)))
        buttons = QHBoxLayout()
        for button in (new, open_, demo):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Recent projects" if recent else "No recent projects yet."))
        layout.addWidget(self.recent, 1)
        self.resize(560, 380)

    def _choose(self, opener) -> None:
        self.opener = opener
        self.accept()

    def _on_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", "study.annotator", PROJECT_FILTER)
        if path:
            path = path if path.endswith(".annotator") else path + ".annotator"
            self._choose(lambda: ProjectService.create(path))

    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", PROJECT_FILTER)
        if path:
            self._choose(lambda: ProjectService.open(path))

    def _on_demo(self) -> None:
        from annotator.gui.main import open_service

        self._choose(lambda: open_service(None))
