"""The de-identification review: entities sorted and filtered by type, status, confidence band and document, with
the confidence, reasons and pseudonym each will get; the selected entity's mentions in a list and each in its whole
sentence. The keyboard does the review (A accept, R reject, T next type, N next to review, Enter shows the next
mention in the transcript, / filters) and a decision moves on to the next entity to review."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.deid.candidates import TYPES
from annotator.gui.deid_context_view import MentionContextView
from annotator.gui.deid_key import KeySession
from annotator.gui.deid_models import EntityFilter, EntityTableModel, MentionTableModel
from annotator.gui.deid_panel_actions import ReviewActions
from annotator.gui.widgets import (
    ElidedLabel,
    ElideLeftDelegate,
    ReportsErrors,
    compact,
    edits,
    make_table,
    make_toolbar,
    toolbar_button,
)
from annotator.services.project_service import ProjectService

_VIEWS = {"To review": "suggested", "Accepted": "accepted", "Rejected": "rejected", "Applied": "applied", "All": None}
_KINDS = {"Every type": None, "People": "PERSON", "Places": "PLACE", "Agencies": "AGENCY", "Other": "OTHER"}
_BANDS = {"Any confidence": None, "High confidence": "high", "Medium confidence": "medium", "Low confidence": "low"}
ACCEPT_ALL = "Accept All…"


class DeidPanel(ReviewActions, ReportsErrors, QWidget):
    open_mention = Signal(int, int, int)  # document id, start, end
    error = Signal(str)

    def __init__(self, service: ProjectService, keys: KeySession, selection, parent=None):
        super().__init__(parent)
        self.service = service
        self.keys = keys
        self.selection = selection  # () -> (document id, start, end) | None: the transcript's selection
        self._stepping: int | None = None  # the entity whose mentions Enter is stepping through
        self._sized = False
        self._mentions_of: int | None = None  # the entity whose mentions are listed
        self.toolbar = make_toolbar(self, (
            ("Identifier List…", "Names that must always go; kept in the key file", self.edit_identifiers),
            ("Detect", "Find names, places and agencies in every document", self.detect),
            ("Accept (A)", "Accept the selected identifiers; every other mention is found too", self.accept),
            ("Reject (R)", "Not an identifier", self.reject),
            (ACCEPT_ALL, "Accept every suggestion of a confidence band and type, or every one shown (Shift+A)",
             lambda: None),  # (its menu pops up instead)
            ("Add Selection…", "Add the text selected in the transcript as an identifier", self.add_selection),
            ("Apply…", "Replace accepted identifiers by pseudonyms; the originals go to the key file", self.apply),
            ("Residual Scan", "Look for known identifiers, and anything that still looks like one, left in the "
             "project", self.residual),
        ), name="deidToolbar")
        for action in self.toolbar.actions():
            if action.text() != "Residual Scan":
                edits(action)
        self.accept_menu = QMenu(self)
        self.accept_menu.aboutToShow.connect(self._fill_accept_menu)
        next(a for a in self.toolbar.actions() if a.text() == ACCEPT_ALL).setMenu(self.accept_menu)
        toolbar_button(self.toolbar, ACCEPT_ALL).setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.summary = ElidedLabel(self)
        self.summary.setObjectName("deidSummary")
        self._build_filters()
        self.entity_model = EntityTableModel(self)
        self.entities = EntityFilter(self.entity_model, self)
        self.entity_table = make_table(self, self.entities, multi=True, name="entityTable")
        header = self.entity_table.horizontalHeader()
        header.setSortIndicatorClearable(True)  # a third click gives back the order of detection
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.entity_table.setSortingEnabled(True)
        self.entity_table.selectionModel().currentRowChanged.connect(lambda *_: self._on_current_entity())
        self.entity_table.activated.connect(lambda _: self.show_next_mention())
        self.entity_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.entity_table.customContextMenuRequested.connect(self._on_entity_menu)
        self.mentions = MentionTableModel(self)
        self.mention_table = make_table(self, self.mentions, multi=True, name="mentionTable")
        self._elide_left = ElideLeftDelegate(self.mention_table)
        self.mention_table.setItemDelegateForColumn(2, self._elide_left)
        self.mention_table.activated.connect(self._on_open_mention)
        self.mention_table.selectionModel().currentRowChanged.connect(
            lambda now, _: self.context.set_current(now.row()))
        self.mention_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.mention_table.customContextMenuRequested.connect(self._on_mention_menu)
        self.context = MentionContextView(self)
        self.context.mention_chosen.connect(self._on_mention_chosen)
        self._layout()
        self._keys()
        self.refresh()

    def _build_filters(self) -> None:
        self.filter_box = QLineEdit(self, placeholderText="Filter identifiers (/)", clearButtonEnabled=True)
        self.filter_box.setObjectName("entityFilter")
        self.filter_box.textChanged.connect(lambda text: self._filter(words=text.casefold().split()))
        self.filter_box.returnPressed.connect(lambda: self.entity_table.setFocus())
        self.view = QComboBox(self)
        self.view.addItems(list(_VIEWS))
        compact(self.view, 9)
        self.view.setToolTip("Which decisions to list")
        self.view.currentTextChanged.connect(lambda text: self._filter(status=_VIEWS[text]))
        self.type_filter = QComboBox(self)
        self.type_filter.addItems(list(_KINDS))
        compact(self.type_filter, 9)
        self.type_filter.currentTextChanged.connect(lambda text: self._filter(kind=_KINDS[text]))
        self.band_filter = QComboBox(self)
        self.band_filter.addItems(list(_BANDS))
        compact(self.band_filter, 12)
        self.band_filter.setToolTip("High: named by a rule or the identifier list, or by several signs together; "
                                    "low: a capitalised word that is not common English, a generic reference")
        self.band_filter.currentTextChanged.connect(lambda text: self._filter(band=_BANDS[text]))
        self.document_filter = QComboBox(self)
        self.document_filter.setToolTip("Only the identifiers mentioned in one document")
        self._fill_documents()
        compact(self.document_filter, 12)
        self.document_filter.currentIndexChanged.connect(
            lambda _: self._filter(document_id=self.document_filter.currentData()))

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.toolbar)
        top.addWidget(self.summary, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_box, 2)
        for combo in (self.view, self.type_filter, self.band_filter, self.document_filter):
            filters.addWidget(combo)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.mention_table)
        right.addWidget(self.context)
        self.right = right
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.entity_table)
        self.splitter.addWidget(right)
        self._split_by_hand = False
        for splitter in (self.splitter, right):
            splitter.splitterMoved.connect(lambda *_: setattr(self, "_split_by_hand", True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        for first, second in zip((self.filter_box, self.view, self.type_filter, self.band_filter,
                                  self.document_filter, self.entity_table),
                                 (self.view, self.type_filter, self.band_filter, self.document_filter,
                                  self.entity_table, self.mention_table)):
            QWidget.setTabOrder(first, second)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if not self._split_by_hand:  # the entities and their reasons take most of the width, the sentences
            width, height = self.splitter.width(), self.right.height()  # most of the height beside them
            self.splitter.setSizes([int(width * 0.58), width - int(width * 0.58)])
            self.right.setSizes([int(height * 0.42), height - int(height * 0.42)])

    def _keys(self) -> None:
        for widget, key, slot, changes in (
                (self.entity_table, "A", self.accept, True), (self.entity_table, "R", self.reject, True),
                (self.entity_table, "T", self.cycle_type, True), (self.entity_table, "N", self.next_to_review, False),
                (self.entity_table, "Shift+A", self.show_accept_menu, True),
                (self.entity_table, "/", self.filter_box.setFocus, False),
                (self.filter_box, "Down", self.entity_table.setFocus, False),
                (self.mention_table, "R", self.reject_mentions, True)):
            action = QAction(widget, shortcut=QKeySequence(key), shortcutContext=Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, slot=slot: slot())
            widget.addAction(edits(action) if changes else action)

    # ------------------------------------------------------------------------------------------------- state
    def refresh(self) -> None:
        rows = self.service.deid.entities()
        if self.keys.key is not None:  # with the key open, applied entities show who they stand for
            self.entity_model.originals = {e.guid: ", ".join(e.originals) for e in self.keys.key.entities}
        self.entity_model.update_rows(rows)
        if not self._sized and rows:
            self._size_columns()
        self._say()
        if not self.entity_table.currentIndex().isValid() and self.entities.rowCount():
            self.entity_table.selectRow(0)
        self._show_mentions()

    def _say(self, done: str = "") -> None:
        rows = self.entity_model.rows
        counts = {s: sum(1 for e in rows if e.status == s) for s in _VIEWS.values() if s}
        text = (f"{counts['suggested']} to review · {counts['accepted']} accepted · {counts['rejected']} rejected · "
                f"{counts['applied']} applied")
        by_status = counts.get(self.entities.status, len(rows)) if self.entities.status else len(rows)
        if self.entities.rowCount() != by_status:
            text += f" · showing {self.entities.rowCount()}"
        self.summary.setText(f"{done} {text}".strip())

    def _size_columns(self) -> None:
        """Widths from the text once (not on every decision: the columns would jump), capped so a long name or
        reason never pushes the rest out of view."""
        self._sized = True
        metrics = self.entity_table.fontMetrics()
        rows = self.entity_model.rows

        def widest(column: int, values, cap: int) -> None:
            header = self.entity_model.columns[column]
            width = max([metrics.horizontalAdvance(header), *(metrics.horizontalAdvance(str(v)) for v in set(values))])
            self.entity_table.setColumnWidth(column, min(metrics.horizontalAdvance("x" * cap), width + 22))

        widest(0, (self.entity_model.label(e) for e in rows), 22)
        widest(1, (e.type.title() for e in rows), 9)
        widest(2, (e.status for e in rows), 10)
        widest(3, (f"{e.band} {e.confidence:.2f}" for e in rows), 16)
        widest(4, (e.pseudonym for e in rows), 16)
        widest(5, (e.mentions for e in rows), 8)
        widest(6, (e.documents for e in rows), 6)

    def _filter(self, **criteria) -> None:
        current = self.current_entity()
        self.entities.set_filter(**criteria)
        row = self.entities.view_row(current) if current is not None else None
        if row is None and self.entities.rowCount():
            row = 0
        if row is not None:
            self.entity_table.selectRow(row)
        self._say()
        self._show_mentions()

    def _fill_documents(self) -> None:
        chosen = self.document_filter.currentData()
        self.document_filter.blockSignals(True)
        self.document_filter.clear()
        self.document_filter.addItem("Every document", None)
        for d in self.service.documents(shares=False):
            self.document_filter.addItem(d.name, d.id)
        at = self.document_filter.findData(chosen)
        self.document_filter.setCurrentIndex(max(0, at))
        self.document_filter.blockSignals(False)
        if at < 0 and chosen is not None:
            self._filter(document_id=None)

    def on_changes(self, changes) -> None:
        if changes.documents:
            self._fill_documents()
            if self.residual_dialog is not None:
                self.residual_dialog.mark_stale()
        if changes.settings or changes.documents:
            self.refresh()

    def selected_entities(self) -> list[int]:
        rows = sorted({i.row() for i in self.entity_table.selectionModel().selectedRows()})
        if not rows and self.entity_table.currentIndex().isValid():
            rows = [self.entity_table.currentIndex().row()]
        return [self.entities.row(r).id for r in rows if r < self.entities.rowCount()]

    def current_entity(self) -> int | None:
        index = self.entity_table.currentIndex()
        return self.entities.row(index.row()).id if index.isValid() and index.row() < self.entities.rowCount() else None

    def _on_current_entity(self) -> None:
        if self.entities.kept and self.current_entity() not in self.entities.kept:
            self.entities.set_filter(kept=set())  # the reviewer moved on: the filters apply to it again
        self._show_mentions()

    def _show_mentions(self) -> None:
        """The current entity's mentions, in the list and the reading pane; the same entity again (after a change
        elsewhere) keeps the mention the reviewer was on."""
        entity = self.current_entity()
        index = self.mention_table.currentIndex()
        was = self.mentions.rows[index.row()].id if entity == self._mentions_of and index.isValid() else None
        self._mentions_of = entity
        mentions = self.service.deid.mentions(entity) if entity is not None else []
        row = next((i for i, m in enumerate(mentions) if m.id == was), 0)
        self.mentions.set_rows(mentions)
        self.mention_table.resizeColumnsToContents()
        room = self.mention_table.fontMetrics().horizontalAdvance
        for column, cap in ((0, 16), (1, 14), (2, 26)):  # document, layer, words before: the mention stays in view
            self.mention_table.setColumnWidth(column, min(room("x" * cap), self.mention_table.columnWidth(column)))
        self.context.show_mentions(mentions, row, "Select an identifier to read its mentions here." if entity is None
                                   else "No mentions left (all were applied or rejected).")
        if mentions:
            self.mention_table.selectRow(row)

    def _selected_mentions(self) -> list[int]:
        return [self.mentions.rows[i.row()].id for i in self.mention_table.selectionModel().selectedRows()]

    # ------------------------------------------------------------------------------------------------ review
    def _decide(self, action, ids: list[int], *args) -> None:
        """Run a decision on these entities, then move on: to the next entity below still to review (else the
        next one below, else the nearest above), as a reviewer works down the list."""
        if not ids:
            return
        rows = [r for r in (self.entities.view_row(i) for i in ids) if r is not None]
        last = max(rows) if rows else max(0, self.entity_table.currentIndex().row())
        below = [self.entities.row(r).id for r in range(last + 1, self.entities.rowCount())]
        above = [self.entities.row(r).id for r in range(min(rows or [last]) - 1, -1, -1)]
        self._run(action, ids, *args)
        self.refresh()  # (in the window the change notice has refreshed already; this is a no-op diff then)
        shown = {e.id: e for e in self.entities.rows}
        following = [i for i in below if i in shown and i not in ids]
        target = next((i for i in following if shown[i].status == "suggested"), None)
        target = target or next(iter(following), None) or next((i for i in above if i in shown), None)
        if target is None and set(ids) & set(shown):
            target = ids[0]
        if target is not None:
            self.entity_table.clearSelection()
            self.entity_table.selectRow(self.entities.view_row(target))

    def accept(self) -> None:
        self._decide(self.service.deid.accept, self.selected_entities())

    def reject(self) -> None:
        self._decide(self.service.deid.reject, self.selected_entities())

    def cycle_type(self) -> None:
        """T: the next type (person, place, agency, other, person...), with the pseudonym of the new type."""
        ids = self.selected_entities()
        self.entities.set_filter(kept=set(ids))  # still shown, though a filter by type would now hide them
        for entity_id in ids:
            kind = next(e.type for e in self.entity_model.rows if e.id == entity_id)
            self._run(self.service.deid.set_type, entity_id, TYPES[(TYPES.index(kind) + 1) % len(TYPES)])

    def next_to_review(self) -> None:
        """N: the next entity still to review below this one (from the top after the last)."""
        count = self.entities.rowCount()
        start = self.entity_table.currentIndex().row()
        for step in range(1, count + 1):
            row = (start + step) % count
            if self.entities.row(row).status == "suggested":
                self.entity_table.selectRow(row)
                return
        self._say("Nothing shown is left to review.")

    def show_next_mention(self) -> None:
        """Enter: the selected entity's next mention, shown in the transcript; the keys stay in the review."""
        entity, count = self.current_entity(), self.mentions.rowCount()
        if entity is None or not count:
            return
        row = self.mention_table.currentIndex().row()
        row = (row + 1) % count if self._stepping == entity and row >= 0 else max(0, row)
        self._stepping = entity
        self.mention_table.selectRow(row)
        self._on_open_mention(self.mentions.index(row, 0))
        self.entity_table.setFocus()

    def reject_mentions(self) -> None:
        """R in the mention list: 'not this one' (again: restore it)."""
        chosen = [self.mentions.rows[i.row()] for i in self.mention_table.selectionModel().selectedRows()]
        for m in chosen:
            self._run(self.service.deid.reject_mention, m.id, not m.rejected)
        if chosen:
            self._show_mentions()
            self.mention_table.setFocus()

    def _on_open_mention(self, index) -> None:
        if index.isValid():
            m = self.mentions.rows[index.row()]
            focus = self.focusWidget()
            self.open_mention.emit(m.document_id, m.start, m.end)
            if focus is not None:
                focus.setFocus()  # the transcript shows it; the review keeps the keyboard (Ctrl+2 goes there)

    def _on_mention_chosen(self, row: int) -> None:
        self.mention_table.selectRow(row)
        self._on_open_mention(self.mentions.index(row, 0))
