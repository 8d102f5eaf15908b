"""The main window: documents, the transcript with its highlights and stripes, the codebook, speakers and
retrieval in dockable panels whose layout is remembered; menus; import by menu or drag and drop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.ids import DocumentId
from annotator.gui.code_tree_panel import CodeTreePanel
from annotator.gui.coding_controller import CodingController, QuickCodeBox
from annotator.gui.deid_key import KeySession
from annotator.gui.deid_panel import DeidPanel
from annotator.gui.document_table_model import DocumentTableModel
from annotator.gui.import_worker import ImportRunner, TaskWorker
from annotator.gui.menus import build_menus
from annotator.gui.participants_panel import ParticipantsPanel
from annotator.gui.projects import (
    Opener,
    open_recent,
    recent_projects,
    remember_recent_project,
)
from annotator.gui.report_dialog import ReportRunner
from annotator.gui.retrieval_panel import RetrievalPanel
from annotator.gui.speakers_panel import SpeakersPanel
from annotator.gui.transcript_margins import StripeInfo
from annotator.gui.transcript_view import TranscriptView
from annotator.importers import SUPPORTED_SUFFIXES
from annotator.services.importing import ImportReport
from annotator.services.project_service import ProjectService


class ChangeRelay(QObject):
    """Carries service notices onto the GUI thread: imports and detection run in a worker thread, and a widget
    may only be touched from the GUI thread."""

    changed = Signal(object)
    history_changed = Signal()


class MainWindow(QMainWindow):
    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.current_document: DocumentId | None = None
        self.importer = ImportRunner(self)
        self.importer.imported.connect(self._on_import_finished)
        self._documents_pending = False
        self.hidden_coders: set[str] = set()
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.resize(1400, 860)
        self._relay = ChangeRelay(self)
        self._relay.changed.connect(self._on_changes)
        self._relay.history_changed.connect(self._update_undo_actions)

        self.transcript_view = TranscriptView(self)
        self.quick_box = QuickCodeBox(self)
        self.recent_label = QLabel(self, objectName="recentCodes")
        self.recent_label.setTextFormat(Qt.TextFormat.RichText)
        central = QWidget(self)
        bar = QHBoxLayout()
        bar.addWidget(self.quick_box, 2)
        bar.addWidget(self.recent_label, 3)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.transcript_view, 1)
        self.setCentralWidget(central)

        self.document_model = DocumentTableModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.document_model)
        self._proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.document_table = QTableView(self, objectName="documentTable")
        self.document_table.setModel(self._proxy)
        self.document_table.setSortingEnabled(True)
        self.document_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.document_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.document_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.document_table.verticalHeader().hide()
        self.document_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.document_table.setAlternatingRowColors(True)
        self.document_table.horizontalHeader().setStretchLastSection(True)
        self.document_table.selectionModel().currentRowChanged.connect(self._on_document_selected)
        self.document_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.document_table.customContextMenuRequested.connect(self._on_document_menu)

        self.speakers_panel = SpeakersPanel(service, self)
        self.code_panel = CodeTreePanel(service, self)
        self.retrieval_panel = RetrievalPanel(service, self)
        self.coding = CodingController(service, self.transcript_view, self.quick_box, self)
        self.keys = KeySession(self)
        self.deid_panel = DeidPanel(service, self.keys, self._transcript_selection, self)
        self.participants_panel = ParticipantsPanel(service, self)
        self.reports = ReportRunner(self, self.keys)

        docks = [self._add_dock("Documents", self.document_table, Qt.DockWidgetArea.LeftDockWidgetArea),
                 self._add_dock("Codebook", self.code_panel, Qt.DockWidgetArea.RightDockWidgetArea)]
        self._add_dock("Speakers", self.speakers_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        retrieval = self._add_dock("Retrieval and Search", self.retrieval_panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        for title, panel in (("De-identification", self.deid_panel), ("Participants", self.participants_panel)):
            self.tabifyDockWidget(retrieval, self._add_dock(title, panel, Qt.DockWidgetArea.BottomDockWidgetArea))
        retrieval.raise_()
        self._default_dock_sizes = lambda: (self.resizeDocks(docks, [300, 440], Qt.Orientation.Horizontal),
                                            self.resizeDocks([retrieval], [250], Qt.Orientation.Vertical))

        self.deid_panel.open_mention.connect(self.open_passage)
        self.coding.redact_requested.connect(self.deid_panel.redact)
        for signal in (self.speakers_panel.error, self.code_panel.error, self.coding.error, self.importer.error,
                       self.deid_panel.error, self.participants_panel.error, self.reports.error):
            signal.connect(self._show_error)
        self.code_panel.code_activated.connect(self.coding.code_selection)
        self.code_panel.selection_dropped.connect(self.coding.code_selection)
        self.code_panel.current_code_changed.connect(self.retrieval_panel.show_code)
        self.code_panel.memo_requested.connect(
            lambda c: self.coding.edit_memo("code", f"Memo on code '{self.service.codebook.codebook[c].name}'", code_id=c))
        self.retrieval_panel.open_passage.connect(self.open_passage)
        self.coding.recent_changed.connect(self._show_recent)

        build_menus(self)
        self._attach(service)
        self._restore_layout()

    # ------------------------------------------------------------------------------------------------ building
    def _add_dock(self, title: str, widget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title.lower().replace(" ", "_") + "_dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _attach(self, service: ProjectService) -> None:
        self.service = service
        for part in (self.speakers_panel, self.code_panel, self.retrieval_panel, self.deid_panel,
                     self.participants_panel):
            part.service = service
        self.keys.forget()
        self.coding.set_service(service)
        service.subscribe(self._relay.changed.emit)
        service.history.listeners.append(self._relay.history_changed.emit)
        remember_recent_project(service.path)
        self.setWindowTitle(f"{service.name} - Annotator" + (" (read-only)" if service.project.readonly else ""))
        self.import_action.setEnabled(not service.project.readonly)
        self.current_document = None
        self.transcript_view.show_transcript("", [])
        self.code_panel.reload()
        self.retrieval_panel.show_code(None)
        self._reload_documents()
        self._update_undo_actions()
        last = service.ui_state("last_document")
        if last is not None and self.document_model.row_of(int(last)) is not None:
            self.select_document(DocumentId(int(last)))
            scroll = int(service.ui_state(f"scroll.{last}", "0") or 0)
            QTimer.singleShot(0, lambda: self.transcript_view.verticalScrollBar().setValue(scroll))
        elif self.document_model.rowCount():
            self.document_table.selectRow(0)

    # ------------------------------------------------------------------------------------------------- refresh
    def _reload_documents(self) -> None:
        self._documents_pending = False
        current = self.current_document
        self.document_model.set_documents(self.service.documents())
        self.document_table.resizeColumnsToContents()
        if current is not None:
            self.select_document(current)
        docs = self.document_model.rowCount()
        info = self.service.counts()  # not info(): that re-hashes the whole audit log
        self.statusBar().showMessage(f"{docs} documents · {info['speaker_turns']:,} speaker turns · "
                                     f"{info['codes']} codes · {info['codings']:,} codings")

    def _on_changes(self, changes: Changes) -> None:
        if changes.documents or changes.participants or changes.speaker_turns:
            self._reload_documents()
        elif changes.codings and not self._documents_pending:
            # The share coded and the status line follow on the next event-loop turn, once per burst of changes.
            self._documents_pending = True
            QTimer.singleShot(0, self._reload_documents)
        if self.current_document is not None and (changes.speaker_turns or changes.participants):
            self.speakers_panel.show_document(self.current_document)
        self.code_panel.on_changes(changes)
        if changes.codes:
            self.coding.refresh_codes()
        if self.current_document is not None:
            if changes.codes:
                self._show_codings(full=True)
            elif changes.codings and self.current_document in changes.document_ids:
                self._show_codings(full=False)
            if changes.memos:
                self._show_memo_marks()
        self.retrieval_panel.on_changes(changes)
        self.deid_panel.on_changes(changes)
        self.participants_panel.on_changes(changes)
        if changes.documents and self.current_document in changes.document_ids:  # its text changed (de-identified)
            self._show_document(self.current_document)

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
        now = self.service.codings.ids_for_document(self.current_document)
        shown = set(view.highlighter.codings)
        for coding_id in shown - now:
            view.remove_coding(coding_id)
        for coding in self.service.codings.get_many(sorted(now - shown)):
            view.add_coding(coding)

    def _visible(self, codings: list) -> list:
        return [c for c in codings if c.coder not in self.hidden_coders] if self.hidden_coders else codings


    def _show_memo_marks(self) -> None:
        self.transcript_view.set_memo_marks(self.service.codings.memoed_codings(self.current_document),
                                            self.service.codings.memos("range", self.current_document))

    def _update_undo_actions(self) -> None:
        history = self.service.history
        self.undo_action.setEnabled(history.undo_name is not None)
        self.undo_action.setText(f"&Undo {history.undo_name}" if history.undo_name else "&Undo")
        self.redo_action.setEnabled(history.redo_name is not None)
        self.redo_action.setText(f"&Redo {history.redo_name}" if history.redo_name else "&Redo")

    def _show_recent(self, recent: list) -> None:
        self.recent_label.setText("  ".join(f"<b>{n}</b> {name}" for n, (_, name) in enumerate(recent, 1)))
        self.recent_label.setToolTip("Press a number key in the transcript to code the selection with that code")

    # --------------------------------------------------------------------------------------------- documents
    def select_document(self, document_id: DocumentId) -> None:
        row = self.document_model.row_of(document_id)
        if row is not None:
            self.document_table.selectRow(self._proxy.mapFromSource(self.document_model.index(row, 0)).row())

    def _on_document_selected(self, current, _previous) -> None:
        if not current.isValid():
            return
        document = self.document_model.document_at(self._proxy.mapToSource(current).row())
        if document.id == self.current_document:
            return
        self._save_position()
        self._show_document(document.id)

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
        if self.current_document is not None:
            self.service.set_ui_state(f"scroll.{self.current_document}",
                                      str(self.transcript_view.verticalScrollBar().value()))

    def _on_document_menu(self, point) -> None:
        index = self.document_table.indexAt(point)
        if not index.isValid():
            return
        document = self.document_model.document_at(self._proxy.mapToSource(index).row())
        menu = QMenu(self)
        menu.addAction("Memo…", lambda: self.coding.edit_memo("document", f"Memo on {document.name}",
                                                              document_id=document.id))
        link = menu.addMenu("Interview With")
        for participant in self.service.participants():
            link.addAction(participant.name, lambda p=participant.id: self._step(
                lambda: self.service.link_document(document.id, p)))
        link.addAction("(nobody in particular)", lambda: self._step(lambda: self.service.link_document(document.id, None)))
        menu.exec(self.document_table.viewport().mapToGlobal(point))

    # ------------------------------------------------------------------------------------------------ import
    def _on_import(self) -> None:
        patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(self, "Import transcripts", "", f"Transcripts ({patterns})")
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

    # --------------------------------------------------------------------------------------------- projects
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in recent_projects():
            self.recent_menu.addAction(path, lambda p=path: self.switch_to(open_recent(p)))

    def _on_start_screen(self) -> None:
        from annotator.gui.start_dialog import StartDialog

        dialog = StartDialog(recent_projects(), self)
        if dialog.exec() and dialog.opener is not None:
            self.switch_to(dialog.opener)

    def switch_to(self, opener: Opener | None) -> None:
        if opener is None:
            return
        if self.importer.worker is not None:
            self._show_error("Wait for the import to finish before opening another project.")
            return
        try:
            service = opener()
        except AnnotatorError as exc:
            self._show_error(str(exc))
            return
        if service is None or service.path == self.service.path:
            return
        self._save_position()
        self.service.close()
        self._attach(service)

    # ------------------------------------------------------------------------------------------------- edit
    def _on_undo(self) -> None:
        self._step(self.service.undo)

    def _on_redo(self) -> None:
        self._step(self.service.redo)

    def _step(self, step) -> None:
        try:
            step()
        except AnnotatorError as exc:
            self._show_error(str(exc))

    # ------------------------------------------------------------------------------------------------ misc
    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Annotator", message)

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry, state = settings.value("main_window/geometry"), settings.value("main_window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        else:  # first run: sizes apply once the window is laid out
            QTimer.singleShot(0, self._default_dock_sizes)

    def closeEvent(self, event) -> None:
        self.importer.stop()
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())
        self._save_position()
        self.service.close()
        super().closeEvent(event)
