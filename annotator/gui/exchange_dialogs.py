"""Exporting a project for other programs (positions as the standard counts them, or as NVivo does, the default
explained for this project's text) and the summary after an import or merge: what arrived, what was already here,
and what was left out and why."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
)

from annotator.exchange.positions import CODE_POINTS, UTF16
from annotator.services.project_service import ProjectService


class ExportProjectDialog(QDialog):
    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export project (REFI-QDA .qdpx)")
        self.setObjectName("exportProject")
        astral = service.exchange.astral_characters()
        self.standard = QRadioButton("For ATLAS.ti, MAXQDA, QualCoder and Annotator (the standard: code points)")
        self.nvivo = QRadioButton("For NVivo (UTF-16 positions)")
        self.standard.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.standard)
        group.addButton(self.nvivo)
        box = QGroupBox("Text positions", self)
        inner = QVBoxLayout(box)
        inner.addWidget(self.standard)
        inner.addWidget(self.nvivo)
        if astral:
            effect = (f"This project's text has {astral:,} such character{'s' if astral != 1 else ''}, so the "
                      "choice matters: a file made for one reader puts codings after them a little off in the other.")
        else:
            effect = "This project's text has none, so both choices give the same positions."
        explain = QLabel("The REFI-QDA standard counts characters as code points, and that is the default: "
                         "ATLAS.ti, MAXQDA, QualCoder and Annotator read it so. NVivo counts UTF-16 units instead, "
                         "in which an emoji or another character outside the Basic Multilingual Plane counts twice. "
                         + effect, self)
        explain.setWordWrap(True)
        inner.addWidget(explain)
        also = QLabel("The file carries the de-identified text, the codebook, every coding with its coder, memos, "
                      "participants and their attributes. What other programs have no place for travels in a part "
                      "of the file only Annotator reads, so it comes back whole.", self)
        also.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(also)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 80)

    @property
    def positions(self) -> str:
        return UTF16 if self.nvivo.isChecked() else CODE_POINTS


class ImportSummaryDialog(QDialog):
    """Every import and merge ends with this: the counts, then each thing left out with its reason."""

    def __init__(self, title: str, heading: str, report: tuple[list[str], list[str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("importSummary")
        added, left_out = report
        self.heading = QLabel(f"<b>{escape(heading)}</b><br>" + "<br>".join(escape(line) for line in added), self)
        self.heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        self.left_out = QListWidget(self)
        if left_out:
            layout.addWidget(QLabel("Left out, and why:", self))
            self.left_out.addItems(left_out)
            layout.addWidget(self.left_out, 1)
        else:
            self.left_out.hide()
            layout.addWidget(QLabel("Nothing in the file was left out.", self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 80)
