"""The Documents panel: the project's transcripts in interview order with participant, words, share coded and
turns; columns can be shown or hidden from the header's menu; a document's menu holds its memo and whose
interview it is."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from annotator.core.ids import DocumentId
from annotator.gui.document_table_model import COLUMNS, DocumentTableModel
from annotator.storage.documents import DocumentSummary

# Shown by default at a laptop's width; the others are one right-click on the header away.
_HIDDEN_BY_DEFAULT = ("Turns", "Speakers")


class DocumentsPanel(QTableView):
    document_chosen = Signal(object)  # DocumentId
    memo_requested = Signal(object)  # DocumentId
    link_requested = Signal(object, object)  # DocumentId, ParticipantId | None
    move_requested = Signal(object, int)  # DocumentId, new place in the interview order (from 0)
    order_by_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("documentTable")
        self.model_ = DocumentTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model_)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the next panel
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # names differ at their ends: 01_P01_interview
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setAlternatingRowColors(True)
        self.setMinimumHeight(self.fontMetrics().height() * 4)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Partic…", its tooltip says the rest
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        hidden = QSettings().value("documents/hidden_columns", list(_HIDDEN_BY_DEFAULT), type=list)
        for column, name in enumerate(COLUMNS):
            self.setColumnHidden(column, name in hidden)
        self.selectionModel().currentRowChanged.connect(self._on_current)
        # Rows are dragged into interview order (which saturation follows), while the list is sorted by it.
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.model_.move_requested.connect(lambda d, place: self.move_requested.emit(d, place))
        header.sortIndicatorChanged.connect(lambda column, order: self.setDragEnabled(
            column == 0 and order == Qt.SortOrder.AscendingOrder))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_menu)
        self.participants = lambda: []  # set by the window: the project's participants, for "Interview With"

    # --------------------------------------------------------------------------------------------------- rows
    def set_documents(self, documents: list[DocumentSummary]) -> None:
        current = self.current_document()
        self.model_.set_documents(documents)
        self._measure()
        self._size_columns()
        if current is not None:
            self.select(current)

    def update_documents(self, documents: list[DocumentSummary]) -> None:
        """New figures for some documents (their share coded after a coding): those rows only, sizes kept."""
        self.model_.update_documents(documents)

    def _measure(self) -> None:
        """Each column's width from its widest text, measured once per reload (asking the view for it reads every
        cell of every row: 0.1 s a time with 500 interviews)."""
        metrics, rows = self.fontMetrics(), self.model_.rows()
        padding = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_HeaderMargin) + 10
        widest = {
            "#": max((str(d.interview_order) for d in rows), key=len, default="9"),
            "Participant": max((d.participant or "" for d in rows), key=metrics.horizontalAdvance, default=""),
            "Words": max((f"{d.word_count:,}" for d in rows), key=len, default="9"),
            "Coded": "100%", "Turns": max((str(d.turn_count) for d in rows), key=len, default="9"),
            "Speakers": max((", ".join(d.speakers) for d in rows), key=metrics.horizontalAdvance, default=""),
        }
        self._widths = {name: max(metrics.horizontalAdvance(text) + padding, metrics.horizontalAdvance(name[:5])
                                  + padding, 28) for name, text in widest.items()}

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_columns()

    def _size_columns(self) -> None:
        """The other columns as wide as their values (a long header is elided; its tooltip says it all); the name
        takes what is left and elides in the middle."""
        header = self.horizontalHeader()
        if not hasattr(self, "_widths"):
            self._measure()
        for column, name in enumerate(COLUMNS):
            if name == "Document":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            if self.columnWidth(column) != self._widths[name]:
                self.setColumnWidth(column, self._widths[name])
        # In a narrow panel (a small screen, a large scale factor) the name keeps room to be read: the least
        # needed of the columns shown give way for now (the researcher's choice of columns is kept).
        chosen = QSettings().value("documents/hidden_columns", list(_HIDDEN_BY_DEFAULT), type=list)
        room = self.viewport().width() - self.fontMetrics().horizontalAdvance("x" * 12)
        for name in ("Turns", "Speakers", "Words", "Participant", "Coded"):
            column = COLUMNS.index(name)
            if name in chosen:
                continue
            self.setColumnHidden(column, False)
        for name in ("Speakers", "Turns", "Words", "Participant", "Coded"):
            shown = sum(self.columnWidth(c) for c, n in enumerate(COLUMNS) if n != "Document" and not self.isColumnHidden(c))
            if shown <= room:
                break
            self.setColumnHidden(COLUMNS.index(name), True)

    def current_document(self) -> DocumentId | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.model_.document_at(self.proxy.mapToSource(index).row()).id

    def select(self, document_id: DocumentId) -> bool:
        row = self.model_.row_of(document_id)
        if row is None:
            return False
        self.selectRow(self.proxy.mapFromSource(self.model_.index(row, 0)).row())
        return True

    def _on_current(self, current, _previous) -> None:
        if current.isValid():
            self.document_chosen.emit(self.model_.document_at(self.proxy.mapToSource(current).row()).id)

    # -------------------------------------------------------------------------------------------------- menus
    def _on_header_menu(self, point) -> None:
        menu = QMenu(self)
        for column, name in enumerate(COLUMNS):
            if name == "Document":
                continue
            action = menu.addAction(name, lambda checked, c=column: self._show_column(c, checked))
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
        menu.exec(self.horizontalHeader().mapToGlobal(point))

    def _show_column(self, column: int, shown: bool) -> None:
        self.setColumnHidden(column, not shown)
        QSettings().setValue("documents/hidden_columns",
                             [n for c, n in enumerate(COLUMNS) if self.isColumnHidden(c)])

    def _on_menu(self, point) -> None:
        index = self.indexAt(point)
        if not index.isValid():
            return
        document = self.model_.document_at(self.proxy.mapToSource(index).row())
        menu = QMenu(self)
        menu.addAction("Memo…", lambda: self.memo_requested.emit(document.id))
        link = menu.addMenu("Interview With")
        for participant in self.participants():
            link.addAction(participant.name, lambda p=participant.id: self.link_requested.emit(document.id, p))
        link.addAction("(nobody in particular)", lambda: self.link_requested.emit(document.id, None))
        menu.addSeparator()
        place = document.interview_order - 1
        earlier = menu.addAction("Earlier in Interview Order", lambda: self.move_requested.emit(document.id, place - 1))
        earlier.setEnabled(place > 0)
        later = menu.addAction("Later in Interview Order", lambda: self.move_requested.emit(document.id, place + 1))
        later.setEnabled(place < self.model_.rowCount() - 1)
        menu.addAction("Order Interviews by an Attribute…", self.order_by_requested.emit)
        self.exec_menu(menu, self.viewport().mapToGlobal(point))

    def exec_menu(self, menu: QMenu, where) -> None:
        """Show a menu and run the chosen action (one place, so tests can choose instead of a person)."""
        menu.exec(where)

