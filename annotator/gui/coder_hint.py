"""Until the researcher has given their name as a coder, the status bar says whose name their codings carry (the
login name, "root" on many machines, which is what a co-author's merge, the agreement tables and every report
would show) and offers to set it: a word and a button, never a dialog in the way of a first look."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from annotator.gui.preferences import coder_name


class CoderHint(QWidget):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("coderHint")
        self.label = QLabel(self)
        self.button = QPushButton("Set Your &Name…", self)
        self.button.setToolTip("Your codings and memos carry this name; co-authors see it when you share the project")
        self.button.clicked.connect(self.ask)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)

    def refresh(self) -> None:
        """Shown only while no name has been given (in Preferences or here)."""
        if coder_name() is None:
            self.label.setText(f"Your codings are signed “{self.window_.service.coder}”.")
            self.show()
        else:
            self.hide()

    def ask(self) -> None:
        from annotator.gui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.window_)
        dialog.coder.selectAll()
        dialog.coder.setFocus()
        dialog.exec()
        self.refresh()
