"""The views of one open project and how they talk to each other. The main window builds a new set for every
project it opens (Workspace.build_panels) and throws the old set away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from annotator.core.ids import DocumentId
from annotator.gui.analysis_panel import AnalysisPanel
from annotator.gui.code_tree_panel import CodeTreePanel
from annotator.gui.coding_controller import CodingController
from annotator.gui.deid_key import KeySession
from annotator.gui.deid_panel import DeidPanel
from annotator.gui.documents_panel import DocumentsPanel
from annotator.gui.memo_editor import MemoEditor
from annotator.gui.memo_panel import MemoPanel
from annotator.gui.participants_panel import ParticipantsPanel
from annotator.gui.preferences import apply_transcript_preferences
from annotator.gui.quick_code import QuickCodeBar
from annotator.gui.report_dialog import ReportRunner
from annotator.gui.retrieval_panel import RetrievalPanel
from annotator.gui.speakers_panel import SpeakersPanel
from annotator.gui.transcript_view import TranscriptView
from annotator.services.project_service import ProjectService
from annotator.storage.codings import Memo


class Workspace:
    """Mixed into the main window: the per-project panels as attributes, built and wired in one place."""

    def build_panels(self, service: ProjectService, central: QWidget, layout: QVBoxLayout) -> None:
        self.transcript_view = TranscriptView(central)
        apply_transcript_preferences(self.transcript_view)
        self.quick_bar = QuickCodeBar(central)
        self.quick_box = self.quick_bar.box
        layout.addWidget(self.quick_bar)
        layout.addWidget(self.transcript_view, 1)
        self.documents = DocumentsPanel(self)
        self.documents.participants = service.participants
        self.document_model = self.documents.model_
        self.speakers_panel = SpeakersPanel(service, self)
        self.code_panel = CodeTreePanel(service, self)
        self.retrieval_panel = RetrievalPanel(service, self)
        self.keys = KeySession(self)
        self.memos = MemoEditor(service, self)
        self.coding = CodingController(service, self.transcript_view, self.quick_bar, self)
        self.deid_panel = DeidPanel(service, self.keys, self._transcript_selection, self)
        self.participants_panel = ParticipantsPanel(service, self)
        self.memo_panel = MemoPanel(service, self.memos, self)
        self.analysis_panel = AnalysisPanel(service, self.code_panel.current_code, self)
        self.reports = ReportRunner(self, self.keys)
        self._wire()

    def project_objects(self) -> list:
        """The project's controllers, which live beside the panels (children of the window, not of a panel)."""
        return [self.coding, self.memos, self.reports]

    def apply_readonly(self) -> None:
        """A project open read-only (another window has it) offers nothing that would change it: every button,
        box and menu item marked as editing is disabled, with a tooltip saying why."""
        readonly = self.service.project.readonly
        from PySide6.QtGui import QAction

        for thing in [*self.findChildren(QWidget), *self.findChildren(QAction)]:
            if thing.property("edits"):
                thing.setEnabled(not readonly)
        self.quick_box.setEnabled(not readonly)
        self.quick_box.setPlaceholderText("Read-only: this project is open in another window" if readonly
                                          else self.quick_box.placeholderText())
        self.code_panel.tree.setDragDropMode(self.code_panel.tree.DragDropMode.NoDragDrop if readonly
                                             else self.code_panel.tree.DragDropMode.DragDrop)

    def panels_by_dock(self) -> dict[str, QWidget]:
        return {"Documents": self.documents, "Speakers": self.speakers_panel, "Codebook": self.code_panel,
                "Retrieval and Search": self.retrieval_panel, "De-identification": self.deid_panel,
                "Participants": self.participants_panel, "Memos": self.memo_panel, "Analysis": self.analysis_panel}

    def _wire(self) -> None:
        for signal in (self.speakers_panel.error, self.code_panel.error, self.coding.error, self.deid_panel.error,
                       self.participants_panel.error, self.reports.error, self.memos.error):
            signal.connect(self._show_error)
        for signal in (self.coding.status, self.memos.status, self.speakers_panel.status, self.code_panel.status):
            signal.connect(self.show_status)
        self.documents.document_chosen.connect(self._on_document_chosen)
        self.documents.memo_requested.connect(self.memos.on_document)
        self.documents.link_requested.connect(lambda d, p: self._step(lambda: self.service.link_document(d, p)))
        self.documents.move_requested.connect(lambda d, place: self._step(
            lambda: self.service.analysis.move_document(d, place)))
        self.documents.order_by_requested.connect(self.order_interviews)
        self.deid_panel.open_mention.connect(self.open_passage)
        self.coding.redact_requested.connect(self.deid_panel.redact)
        self.coding.memo_requested.connect(self.memo_on_selection)
        self.coding.coding_memo_requested.connect(self.memos.on_coding)
        self.coding.keys_changed.connect(lambda: self.code_panel.set_keys(self.coding.keys.number_of()))
        self.code_panel.set_keys(self.coding.keys.number_of())
        self.code_panel.code_activated.connect(self.coding.code_selection)
        self.code_panel.selection_dropped.connect(self.coding.code_selection)
        self.code_panel.current_code_changed.connect(self.retrieval_panel.show_code)
        self.code_panel.memo_requested.connect(self.memos.on_code)
        self.code_panel.key_requested.connect(self.coding.pin)
        self.code_panel.key_freed.connect(self.coding.unpin)
        self.retrieval_panel.open_passage.connect(self.open_passage)
        self.participants_panel.memo_requested.connect(self.memos.on_participant)
        self.transcript_view.passage_memo_clicked.connect(
            lambda offset: self.memos.on_passage(self.current_document, offset, offset))
        self.memo_panel.go_to.connect(self.go_to_memo)
        self.analysis_panel.passages_chosen.connect(self.show_analysis_passages)

    def order_interviews(self) -> None:
        """Interview order from a date (or number) attribute, e.g. the interview date."""
        from PySide6.QtWidgets import QInputDialog

        names = [a.name for a in self.service.people.attributes() if a.kind in ("date", "number")]
        if not names:
            self.show_status("Add a date attribute (e.g. interview date) to the Participants sheet first.")
            return
        name, ok = QInputDialog.getItem(self, "Order interviews", "Order the interviews by:", names, 0, False)
        if ok:
            self._step(lambda: self.service.analysis.order_by_attribute(name))

    def show_analysis_passages(self, source, what: str) -> None:
        """An analysis's passages in the Retrieval panel, beside the Analysis panel: while the two are tabs of one
        area (as they start), they are put side by side, so a click on a cell does not hide the table."""
        self.retrieval_panel.show_passages(source, what)
        retrieval, analysis = self.docks["Retrieval and Search"], self.docks["Analysis"]
        if analysis in self.tabifiedDockWidgets(retrieval) and not analysis.isFloating():
            # (splitDockWidget on a tabbed dock only adds another tab: take the panel out and put it beside)
            self.removeDockWidget(analysis)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, analysis, Qt.Orientation.Horizontal)
            analysis.show()
            self.resizeDocks([retrieval, analysis], [self.width() // 2, self.width() // 2], Qt.Orientation.Horizontal)
        retrieval.show()
        retrieval.raise_()
        analysis.raise_()

    def show_analysis(self, tab: str) -> None:
        dock = self.docks["Analysis"]
        dock.show()
        dock.raise_()
        if not dock.isFloating() and dock.height() < self.height() * 0.4:  # tables and charts need room
            self.resizeDocks([dock], [int(self.height() * 0.45)], Qt.Orientation.Vertical)
        self.analysis_panel.show_tab(tab)

    # ------------------------------------------------------------------------------------------------ memos
    def memo_on_selection(self) -> None:
        """Ctrl+M: the memo on the selected passage (reopened if it has one), or on the passage at the caret."""
        if self.current_document is None:
            self.show_status("Open a document first.")
            return
        view = self.transcript_view
        selected = view.selected_range()
        if selected is None:
            caret = view.caret_offset()
            here = sorted(view.codings_at(caret), key=lambda c: c.end - c.start)
            if here and self.service.codings.range_memo_at(self.current_document, caret, caret) is None:
                self.memos.on_coding(here[0].id)  # the caret in a coding: that coding's memo (the innermost)
                return
            selected = (caret, caret)
        self.memos.on_passage(self.current_document, *selected)

    def go_to_memo(self, memo: Memo) -> None:
        if memo.target == "range":
            self.open_passage(memo.document_id, memo.start, memo.end)
        elif memo.target == "coding":
            coding = self.service.codings.get(memo.coding_id)
            if coding is not None:
                self.open_passage(coding.document_id, coding.start, coding.end)
        elif memo.target == "document":
            self.select_document(DocumentId(memo.document_id))
            self.transcript_view.setFocus()
        elif memo.target == "code":
            self.docks["Codebook"].raise_()
            self.code_panel.select_code(memo.code_id)
            self.code_panel.tree.setFocus()
        elif memo.target == "participant":
            self.docks["Participants"].raise_()
            self.participants_panel.select_participant(memo.participant_id)
        else:
            self.memos.open_memo(memo.id)
