"""The main window: documents, the transcript, its speakers; File and Edit menus; import by menu or drag and drop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDockWidget, QFileDialog, QMainWindow, QMessageBox, QProgressDialog, QTableView,
)

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.ids import DocumentId
from annotator.gui.document_table_model import DocumentTableModel
from annotator.gui.import_worker import ImportWorker
from annotator.gui.speakers_panel import SpeakersPanel
from annotator.gui.transcript_view import TranscriptView
from annotator.importers import SUPPORTED_SUFFIXES
from annotator.services.importing import ImportReport
from annotator.services.project_service import ProjectService

PROJECT_FILTER = "Annotator projects (*.annotator)"


class ChangeRelay(QObject):
    """Carries service change notices onto the GUI thread (imports announce from a worker thread)."""

    changed = Signal(object)


class MainWindow(QMainWindow):
    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.current_document: DocumentId | None = None
        self._import_worker: ImportWorker | None = None
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        self._relay = ChangeRelay(self)
        self._relay.changed.connect(self._on_changes)

        self.transcript_view = TranscriptView(self)
        self.setCentralWidget(self.transcript_view)

        self.document_model = DocumentTableModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.document_model)
        self._proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.document_table = QTableView(self)
        self.document_table.setObjectName("documentTable")
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
        documents_dock = self._add_dock("Documents", self.document_table, Qt.DockWidgetArea.LeftDockWidgetArea)

        self.speakers_panel = SpeakersPanel(service, self)
        self.speakers_panel.error.connect(self._show_error)
        speakers_dock = self._add_dock("Speakers", self.speakers_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([documents_dock, speakers_dock], [430, 260], Qt.Orientation.Horizontal)

        self._build_menus()
        self._attach(service)
        self._restore_layout()

    # ------------------------------------------------------------------------------------------------ building
    def _add_dock(self, title: str, widget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title.lower()}Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction("&New Project…", QKeySequence.StandardKey.New, self._on_new_project)
        file_menu.addAction("&Open Project…", QKeySequence.StandardKey.Open, self._on_open_project)
        file_menu.addSeparator()
        self.import_action = file_menu.addAction("&Import Transcripts…", QKeySequence("Ctrl+I"), self._on_import)
        file_menu.addSeparator()
        file_menu.addAction("&Quit", QKeySequence.StandardKey.Quit, self.close)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = QAction("&Undo", self, shortcut=QKeySequence.StandardKey.Undo, triggered=self._on_undo)
        self.redo_action = QAction("&Redo", self, shortcut=QKeySequence("Ctrl+Shift+Z"), triggered=self._on_redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction("&About Annotator", self._on_about)

    def _attach(self, service: ProjectService) -> None:
        self.service = service
        self.speakers_panel.service = service
        service.subscribe(self._relay.changed.emit)
        service.history.listeners.append(self._update_undo_actions)
        self.setWindowTitle(f"{service.name} - Annotator" + (" (read-only)" if service.project.readonly else ""))
        self.import_action.setEnabled(not service.project.readonly)
        self.current_document = None
        self._reload_documents()
        self._update_undo_actions()
        if self.document_model.rowCount():
            self.document_table.selectRow(0)

    # ------------------------------------------------------------------------------------------------- refresh
    def _reload_documents(self) -> None:
        current = self.current_document
        self.document_model.set_documents(self.service.documents())
        self.document_table.resizeColumnsToContents()
        if current is not None:
            self.select_document(current)
        docs = self.document_model.rowCount()
        turns = sum(self.document_model.document_at(i).turn_count for i in range(docs))
        self.statusBar().showMessage(f"{docs} documents · {turns:,} speaker turns")

    def _on_changes(self, changes: Changes) -> None:
        if changes.documents or changes.participants or changes.speaker_turns:
            self._reload_documents()
        if self.current_document is not None and (changes.speaker_turns or changes.participants):
            self.speakers_panel.show_document(self.current_document)

    def _update_undo_actions(self) -> None:
        history = self.service.history
        self.undo_action.setEnabled(history.undo_name is not None)
        self.undo_action.setText(f"&Undo {history.undo_name}" if history.undo_name else "&Undo")
        self.redo_action.setEnabled(history.redo_name is not None)
        self.redo_action.setText(f"&Redo {history.redo_name}" if history.redo_name else "&Redo")

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
        self.current_document = document.id
        self.transcript_view.show_transcript(self.service.document_text(document.id),
                                             self.service.speaker_turns(document.id))
        self.speakers_panel.show_document(document.id)

    # ------------------------------------------------------------------------------------------------ import
    def _on_import(self) -> None:
        patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(self, "Import transcripts", "", f"Transcripts ({patterns})")
        if files:
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: list[Path]) -> ImportWorker | None:
        if self.service.project.readonly or self._import_worker is not None:
            return None
        progress = QProgressDialog("Importing transcripts…", "Cancel", 0, len(paths), self)
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        worker = ImportWorker(self.service, paths, self)
        worker.progressed.connect(lambda done, total, name: (progress.setValue(done),
                                                            progress.setLabelText(f"Importing {name}…" if name else "")))
        progress.canceled.connect(worker.cancel)
        worker.finished_import.connect(self._on_import_finished)
        worker.failed.connect(self._show_error)
        worker.finished.connect(progress.close)
        worker.finished.connect(self._on_worker_done)
        self._import_worker = worker
        worker.start()
        return worker

    def _on_worker_done(self) -> None:
        if self._import_worker is not None:
            self._import_worker.deleteLater()
        self._import_worker = None

    def _on_import_finished(self, report: ImportReport) -> None:
        self.statusBar().showMessage(f"Import: {report.summary()}", 10000)
        if report.failed or report.duplicates:
            box = QMessageBox(QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information,
                              "Import", report.summary(), parent=self)
            box.setDetailedText("\n".join(r.line() for r in report.results))
            box.open()
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
    def _on_new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", "study.annotator", PROJECT_FILTER)
        if path:
            if not path.endswith(".annotator"):
                path += ".annotator"
            self._switch_to(lambda: ProjectService.create(path))

    def _on_open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", PROJECT_FILTER)
        if path:
            self._switch_to(lambda: ProjectService.open(path))

    def _switch_to(self, opener) -> None:
        try:
            service = opener()
        except AnnotatorError as exc:
            self._show_error(str(exc))
            return
        self.service.close()
        self._attach(service)

    # ------------------------------------------------------------------------------------------------- edit
    def _on_undo(self) -> None:
        try:
            self.service.undo()
        except AnnotatorError as exc:
            self._show_error(str(exc))

    def _on_redo(self) -> None:
        try:
            self.service.redo()
        except AnnotatorError as exc:
            self._show_error(str(exc))

    # ------------------------------------------------------------------------------------------------ misc
    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Annotator", message)

    def _on_about(self) -> None:
        QMessageBox.about(self, "About Annotator",
                          "Annotator: qualitative coding of interview transcripts, offline.\n"
                          "Your project never leaves this computer.")

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry, state = settings.value("main_window/geometry"), settings.value("main_window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event) -> None:
        if self._import_worker is not None:
            self._import_worker.cancel()
            self._import_worker.wait()
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())
        self.service.close()
        super().closeEvent(event)
