"""The start screen: new project, open project, recent projects, the demo project."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from annotator.gui.projects import (
    Opener,
    ask_new_project,
    ask_open_project,
    open_demo,
    open_recent,
    recent_label,
)


class StartDialog(QDialog):
    def __init__(self, recent: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Annotator")
        self.setObjectName("startDialog")
        self.opener: Opener | None = None
        title = QLabel("<h2>Annotator</h2><p>Code interview transcripts, offline. Your project never leaves this "
                       "computer.</p>")
        new, open_, demo = QPushButton("New Project…"), QPushButton("Open Project…"), QPushButton("Open the Demo Project")
        new.clicked.connect(lambda: self._choose(ask_new_project(self)))
        open_.clicked.connect(lambda: self._choose(ask_open_project(self)))
        demo.clicked.connect(lambda: self._choose(open_demo()))
        self.recent = QListWidget(self)
        for path in recent:
            item = QListWidgetItem(recent_label(path))
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        self.recent.itemActivated.connect(lambda item: self._choose(open_recent(item.data(Qt.ItemDataRole.UserRole))))
        buttons = QHBoxLayout()
        for button in (new, open_, demo):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Recent projects" if recent else "No recent projects yet."))
        layout.addWidget(self.recent, 1)
        self.resize(560, 380)

    def _choose(self, opener: Opener | None) -> None:
        if opener is not None:
            self.opener = opener
            self.accept()
