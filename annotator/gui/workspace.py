"""The views of one open project and how they talk to each other. The main window builds a new set for every
project it opens (Workspace.build_panels) and throws the old set away."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from annotator.core.ids import DocumentId
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
        self.reports = ReportRunner(self, self.keys)
        self._wire()

    def project_objects(self) -> list:
        """The project's controllers, which live beside the panels (children of the window, not of a panel)."""
        return [self.coding, self.memos, self.reports]

    def panels_by_dock(self) -> dict[str, QWidget]:
        return {"Documents": self.documents, "Speakers": self.speakers_panel, "Codebook": self.code_panel,
                "Retrieval and Search": self.retrieval_panel, "De-identification": self.deid_panel,
                "Participants": self.participants_panel, "Memos": self.memo_panel}

    def _wire(self) -> None:
        for signal in (self.speakers_panel.error, self.code_panel.error, self.coding.error, self.deid_panel.error,
                       self.participants_panel.error, self.reports.error, self.memos.error):
            signal.connect(self._show_error)
        for signal in (self.coding.status, self.memos.status, self.speakers_panel.status, self.code_panel.status):
            signal.connect(self.show_status)
        self.documents.document_chosen.connect(self._on_document_chosen)
        self.documents.memo_requested.connect(self.memos.on_document)
        self.documents.link_requested.connect(lambda d, p: self._step(lambda: self.service.link_document(d, p)))
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

    # ------------------------------------------------------------------------------------------------ memos
    def memo_on_selection(self) -> None:
        """Ctrl+M: the memo on the selected passage (reopened if it has one), or on the passage at the caret."""
        if self.current_document is None:
            self.show_status("Open a document first.")
            return
        start, end = self.transcript_view.selected_range() or (self.transcript_view.caret_offset(),) * 2
        self.memos.on_passage(self.current_document, start, end)

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
