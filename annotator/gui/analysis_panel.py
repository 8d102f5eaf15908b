"""The Analysis panel: coding queries, matrices and the case overview, co-occurrence, saturation and word
frequencies, one tab each; what a tab finds goes to the Retrieval panel as passages that open in the transcript."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from annotator.core.changes import Changes
from annotator.gui.cooccurrence_view import CooccurrenceView
from annotator.gui.frequency_view import FrequencyView
from annotator.gui.matrix_view import MatrixView
from annotator.gui.query_view import QueryView
from annotator.gui.saturation_view import SaturationView
from annotator.services.project_service import ProjectService

TABS = ("Query", "Matrix", "Co-occurrence", "Saturation", "Frequencies")


class AnalysisPanel(QWidget):
    passages_chosen = Signal(object, str)  # a function giving the passages, and what they are

    def __init__(self, service: ProjectService, current_code, parent=None):
        super().__init__(parent)
        self.service = service
        self.query = QueryView(service, self)
        self.matrix = MatrixView(service, self)
        self.cooccurrence = CooccurrenceView(service, self)
        self.saturation = SaturationView(service, self)
        self.frequencies = FrequencyView(service, self, current_code=current_code,
                                         last_query=lambda: self.query.result)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("analysisTabs")
        for name, view in zip(TABS, self.views(), strict=True):
            self.tabs.addTab(view, name)
            view.passages_chosen.connect(self.passages_chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def views(self):
        return (self.query, self.matrix, self.cooccurrence, self.saturation, self.frequencies)

    def show_tab(self, name: str) -> QWidget:
        view = self.views()[TABS.index(name)]
        self.tabs.setCurrentWidget(view)
        if not view.has_result() and name in ("Saturation", "Co-occurrence", "Matrix"):
            view.run()  # these have sensible defaults: show something at once
        return view

    def on_changes(self, changes: Changes) -> None:
        for view in self.views():
            view.on_changes(changes)
