"""The main window: documents, the transcript with its highlights and stripes, the codebook, speakers, retrieval,
de-identification, participants and memos in dockable panels; menus; import by menu or drag and drop.

Every view belongs to one project: opening another project throws the views away and builds new ones from the new
service, so nothing of the previous project (its names, its ids, its query) can stay on screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.ids import DocumentId
from annotator.core.plural import counted
from annotator.gui.coder_hint import CoderHint
from annotator.gui.folders import open_paths
from annotator.gui.import_worker import ImportRunner, TaskWorker
from annotator.gui.menus import build_menus
from annotator.gui.preferences import apply_coder
from annotator.gui.project_switching import ProjectSwitching
from annotator.gui.projects import remember_recent_project
from annotator.gui.transcript_margins import StripeInfo
from annotator.gui.window_layout import LayoutKeeper
from annotator.gui.workspace import Workspace
from annotator.importers import SUPPORTED_SUFFIXES
from annotator.services.importing import ImportReport
from annotator.services.project_service import ProjectService

# (title, area); the bottom ones are tabbed together, Retrieval in front.
_DOCKS = (("Documents", Qt.DockWidgetArea.LeftDockWidgetArea), ("Speakers", Qt.DockWidgetArea.LeftDockWidgetArea),
          ("Codebook", Qt.DockWidgetArea.RightDockWidgetArea),
          ("Retrieval and Search", Qt.DockWidgetArea.BottomDockWidgetArea),
          ("De-identification", Qt.DockWidgetArea.BottomDockWidgetArea),
          ("Participants", Qt.DockWidgetArea.BottomDockWidgetArea), ("Memos", Qt.DockWidgetArea.BottomDockWidgetArea),
          ("Analysis", Qt.DockWidgetArea.BottomDockWidgetArea))


class ChangeRelay(QObject):
    """Carries service notices onto the GUI thread: imports and detection run in a worker thread, and a widget
    may only be touched from the GUI thread."""

    changed = Signal(object)
    history_changed = Signal()
    backup_done = Signal(object, object)  # (path or None, error message or None), from the backup's thread


class MainWindow(ProjectSwitching, Workspace, QMainWindow):
    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.importer = ImportRunner(self)
        self.importer.imported.connect(self._on_import_finished)
        self.importer.error.connect(self._show_error)
        self.counts_label = QLabel(self, objectName="projectCounts")
        self.coder_hint = CoderHint(self)
        self.statusBar().addPermanentWidget(self.coder_hint)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.docks: dict[str, QDockWidget] = {}
        for title, area in _DOCKS:
            dock = QDockWidget(title, self)
            dock.setObjectName(title.lower().replace(" ", "_").replace("-", "") + "_dock")
            self.addDockWidget(area, dock)
            self.docks[title] = dock
        bottom = self.docks["Retrieval and Search"]
        for title in ("De-identification", "Participants", "Memos", "Analysis"):
            self.tabifyDockWidget(bottom, self.docks[title])
        bottom.raise_()
        self.layout_keeper = LayoutKeeper(self, (self.docks["Documents"], self.docks["Codebook"], bottom))
        self.service: ProjectService | None = None
        self._relay: ChangeRelay | None = None
        self._build_views(service)
        build_menus(self)
        self._update_undo_actions()
        self.apply_readonly()
        self.layout_keeper.restore()

    # --------------------------------------------------------------------------------------------- projects
    def _build_views(self, service: ProjectService) -> None:
        """Every view, new, over this service (see the module docstring for why nothing is reused)."""
        self.service = service
        apply_coder(service)
        self.current_document: DocumentId | None = None
        self.hidden_coders: set[str] = set()
        self._documents_pending: set | None = None  # documents whose row waits for new figures; None: none
        self._every_document_pending = False
        self._relay = ChangeRelay(self)
        self._relay.changed.connect(self._on_changes)
        self._relay.history_changed.connect(self._update_undo_actions)
        # The central area stays; only what is in it is new (taking it away let the docks spread over its room).
        if self.centralWidget() is None:
            central = QWidget(self)
            layout = QVBoxLayout(central)
            layout.setContentsMargins(0, 2, 0, 0)
            layout.setSpacing(2)
            self.setCentralWidget(central)
        self.build_panels(service, self.centralWidget(), self.centralWidget().layout())
        for title, widget in self.panels_by_dock().items():
            self.docks[title].setWidget(widget)
        service.subscribe(self._relay.changed.emit)
        service.history.listeners.append(self._relay.history_changed.emit)
        self.coder_hint.refresh()
        remember_recent_project(service.path)
        self.setWindowTitle(f"{service.name} - Annotator" + (" (read-only)" if service.project.readonly else ""))
        # The list at once; each document's share coded (which reads every coding) on the next turn of the loop.
        self.documents.set_documents(self.service.documents(shares=False))
        self._update_counts()
        self._documents_pending, self._every_document_pending = set(), True
        QTimer.singleShot(0, self.documents, self._refresh_document_rows)
        self._relay.backup_done.connect(self._on_background_backup)
        service.backups.report = self._relay.backup_done.emit  # (heard on the backup's thread)
        if service.backup_pending:  # a big project's copy takes a while: read on a thread, the window usable now
            service.backup_pending = False
            service.backups.on_open_in_background()
        last = service.ui_state("last_document")
        if last is not None and self.documents.select(DocumentId(int(last))):
            scroll = int(service.ui_state(f"scroll.{last}", "0") or 0)
            QTimer.singleShot(0, self.transcript_view, lambda: self.transcript_view.verticalScrollBar().setValue(scroll))
        elif self.document_model.rowCount():
            self.documents.selectRow(0)

    # ------------------------------------------------------------------------------------------------- refresh
    def _reload_documents(self) -> None:
        self._documents_pending = None
        if self.service.closed:
            return
        self.documents.set_documents(self.service.documents())
        self._update_counts()

    def _refresh_document_rows(self) -> None:
        """After codings: the share coded of the documents they were in, those rows only, and the counts."""
        pending, self._documents_pending = self._documents_pending, None
        if self.service.closed or pending is None:
            return
        if self._every_document_pending:
            fresh = self.service.documents()
            if [d.id for d in fresh] == [d.id for d in self.document_model.rows()]:
                self.documents.update_documents(fresh)  # the same list: new figures in place, selection kept
            else:
                self.documents.set_documents(fresh)
        else:
            self.documents.update_documents(self.service.documents(sorted(pending)))
        self._update_counts()

    def _update_counts(self) -> None:
        info = self.service.counts()  # not info(): that re-hashes the whole audit log
        self.counts_label.setText(" · ".join((counted(info["documents"], "document"),
                                              counted(info["speaker_turns"], "turn"), counted(info["codes"], "code"),
                                              counted(info["codings"], "coding"))))

    def _on_changes(self, changes: Changes) -> None:
        if changes.documents or changes.participants or changes.speaker_turns:
            self._reload_documents()
        elif changes.codings and changes.same_coverage:
            self._update_counts()  # a merge: codings moved between codes, every document's share coded the same
        elif changes.codings:
            # The share coded and the counts follow on the next event-loop turn, once per burst of changes.
            if self._documents_pending is None:
                self._documents_pending, self._every_document_pending = set(), False
                QTimer.singleShot(0, self.documents, self._refresh_document_rows)
            if changes.document_ids:
                self._documents_pending |= set(changes.document_ids)
            else:
                self._every_document_pending = True  # a change that does not say where: every row
        if self.current_document is not None and (changes.speaker_turns or changes.participants):
            self.speakers_panel.show_document(self.current_document)
        self.code_panel.on_changes(changes)
        if changes.codes:
            self.coding.refresh_codes()
            if not (changes.documents or changes.participants or changes.speaker_turns or changes.codings):
                self._update_counts()  # a new code is counted at once, not at the next coding
        if self.current_document is not None:
            if changes.codes and not changes.codings and self.transcript_view.update_codes(self._stripe_infos()):
                pass  # renamed or moved codes: the same highlights, new labels on the stripes
            elif changes.codes:
                self._show_codings(full=True)
            elif changes.codings and self.current_document in changes.document_ids:
                self._show_codings(full=False)
            if changes.memos:
                self._show_memo_marks()
        self.retrieval_panel.on_changes(changes)
        self.deid_panel.on_changes(changes)
        self.participants_panel.on_changes(changes)
        self.memo_panel.on_changes(changes)
        self.analysis_panel.on_changes(changes)
        if changes.documents and self.current_document in changes.document_ids:  # its text changed (de-identified)
            scroll = self.transcript_view.verticalScrollBar().value()
            self._show_document(self.current_document)
            self.transcript_view.verticalScrollBar().setValue(scroll)  # the researcher stays where they were

    def _stripe_infos(self) -> dict[int, StripeInfo]:
        book = self.service.codebook.codebook
        return {c: StripeInfo(book[c].name, book.path(c), book[c].colour) for c in book.codes}

    def _show_codings(self, full: bool) -> None:
        """Bring the transcript's codings up to date: all of them after codebook changes, else only the difference."""
        view = self.transcript_view
        if full or self.hidden_coders:
            view.set_codings(self._visible(self.service.codings.for_document(self.current_document)),
                             self._stripe_infos(), self.service.codings.memoed_codings(self.current_document))
            return
        now = self.service.codings.extents_for_document(self.current_document)
        shown = view.highlighter.codings
        moved = {c for c, extent in now.items() if c in shown and (shown[c].start, shown[c].end) != extent}
        for coding_id in (set(shown) - set(now)) | moved:
            view.remove_coding(coding_id)
        for coding in self.service.codings.get_many(sorted((set(now) - set(shown)) | moved)):
            view.add_coding(coding)

    def _visible(self, codings: list) -> list:
        return [c for c in codings if c.coder not in self.hidden_coders] if self.hidden_coders else codings

    def _show_memo_marks(self) -> None:
        self.transcript_view.set_memo_marks(self.service.codings.memoed_codings(self.current_document),
                                            self.service.codings.memos("range", self.current_document))

    def _update_undo_actions(self) -> None:
        if not hasattr(self, "undo_action"):
            return
        history = self.service.history
        self.undo_action.setEnabled(history.undo_name is not None)
        self.undo_action.setText(f"&Undo {history.undo_name}" if history.undo_name else "&Undo")
        self.redo_action.setEnabled(history.redo_name is not None)
        self.redo_action.setText(f"&Redo {history.redo_name}" if history.redo_name else "&Redo")
        self.import_action.setEnabled(not self.service.project.readonly)

    # --------------------------------------------------------------------------------------------- documents
    def select_document(self, document_id: DocumentId) -> None:
        self.documents.select(document_id)

    def _on_document_chosen(self, document_id: DocumentId) -> None:
        if document_id == self.current_document:
            return
        self._save_position()
        self._show_document(document_id)

    def _show_document(self, document_id: DocumentId) -> None:
        self.current_document = document_id
        self.coding.document_id = document_id
        self.transcript_view.show_transcript(
            self.service.document_text(document_id), self.service.speaker_turns(document_id),
            self._visible(self.service.codings.for_document(document_id)), self._stripe_infos(),
            self.service.codings.memoed_codings(document_id))
        self._show_memo_marks()
        self.speakers_panel.show_document(document_id)
        self.service.set_ui_state("last_document", str(document_id))

    def open_passage(self, document_id: int, start: int, end: int) -> None:
        self.select_document(DocumentId(document_id))
        self.transcript_view.select_range(start, end)
        self.transcript_view.setFocus()

    def _transcript_selection(self) -> tuple[int, int, int] | None:
        selected = self.transcript_view.selected_range()
        return (self.current_document, *selected) if selected and self.current_document is not None else None

    def _save_position(self) -> None:
        if self.current_document is not None and self.service is not None:
            self.service.set_ui_state(f"scroll.{self.current_document}",
                                      str(self.transcript_view.verticalScrollBar().value()))

    # ------------------------------------------------------------------------------------------------ import
    def _on_import(self) -> None:
        patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        files = open_paths(self, "Import transcripts", f"Transcripts ({patterns})")
        if files:
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: list[Path]) -> TaskWorker | None:
        return self.importer.start(self.service, paths)

    def _on_import_finished(self, report: ImportReport) -> None:
        self.statusBar().showMessage(f"Import: {report.summary()}", 10000)
        imported = [r.document_id for r in report.results if r.document_id is not None]
        if imported:
            self.select_document(imported[0])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ------------------------------------------------------------------------------------------------- edit
    def _on_undo(self) -> None:
        self._step(self.service.undo)

    def _on_redo(self) -> None:
        self._step(self.service.redo)

    def _step(self, step):
        try:
            return step()
        except AnnotatorError as exc:
            self._show_error(str(exc))
            return None

    # ------------------------------------------------------------------------------------------------ misc
    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Annotator", message)

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def closeEvent(self, event) -> None:
        self.importer.stop()
        self.layout_keeper.save()
        self._save_position()
        self.service.close()
        super().closeEvent(event)
