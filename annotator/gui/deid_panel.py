"""The de-identification review: run detection (progress, Cancel), review entities with their mentions in
context, accept or reject (keys A and R), accept all of a type, merge, split, change type or replacement, reject
or re-extent one mention, add a missed one from the transcript, apply with the key file, and scan for residuals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.deid.candidates import TYPES
from annotator.gui.deid_key import KeySession
from annotator.gui.deid_models import EntityTableModel, MentionTableModel
from annotator.gui.identifier_list_dialog import IdentifierListDialog
from annotator.gui.import_worker import run_with_progress
from annotator.gui.widgets import (
    ElidedLabel,
    ElideLeftDelegate,
    ReportsErrors,
    counted,
    edits,
    make_table,
    make_toolbar,
)
from annotator.services.project_service import ProjectService

_VIEWS = {"To review": "suggested", "Accepted": "accepted", "Rejected": "rejected", "Applied": "applied", "All": None}


class DeidPanel(ReportsErrors, QWidget):
    open_mention = Signal(int, int, int)  # document id, start, end
    error = Signal(str)

    def __init__(self, service: ProjectService, keys: KeySession, selection, parent=None):
        super().__init__(parent)
        self.service = service
        self.keys = keys
        self.selection = selection  # () -> (document id, start, end) | None: the transcript's selection
        self.worker = None
        self._last_row = 0
        self.view = QComboBox(self)
        self.view.addItems(list(_VIEWS))
        self.view.currentTextChanged.connect(lambda _: self.refresh())
        self.summary = ElidedLabel(self)
        self.entities = EntityTableModel(self)
        self.entity_table = make_table(self, self.entities, multi=True, name="entityTable")
        self.entity_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_mentions())
        self.entity_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.entity_table.customContextMenuRequested.connect(self._on_entity_menu)
        self.mentions = MentionTableModel(self)
        self.mention_table = make_table(self, self.mentions, multi=True, name="mentionTable")
        self._elide_left = ElideLeftDelegate(self.mention_table)
        self.mention_table.setItemDelegateForColumn(2, self._elide_left)
        self.mention_table.activated.connect(self._on_open_mention)
        self.mention_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.mention_table.customContextMenuRequested.connect(self._on_mention_menu)
        self.toolbar = make_toolbar(self, (
            ("Identifier List…", "Names that must always go; kept in the key file", self.edit_identifiers),
            ("Detect", "Find names, places and agencies in every document", self.detect),
            ("Accept (A)", "Accept the selected identifiers; every other mention is found too", self.accept),
            ("Reject (R)", "Not an identifier", self.reject),
            ("Accept All…", "Accept every suggestion of a type", self.accept_all),
            ("Add Selection…", "Add the text selected in the transcript as an identifier", self.add_selection),
            ("Apply…", "Replace accepted identifiers by pseudonyms; the originals go to the key file", self.apply),
            ("Residual Scan", "Look for known identifiers left anywhere in the project", self.residual),
        ), name="deidToolbar")
        for action in self.toolbar.actions():
            if action.text() not in ("Residual Scan",):
                edits(action)
        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.view)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.entity_table)
        splitter.addWidget(self.mention_table)
        splitter.setSizes([520, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        for key, slot in (("A", self.accept), ("R", self.reject)):
            action = QAction(self.entity_table, shortcut=QKeySequence(key),
                             shortcutContext=Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.entity_table.addAction(action)
        self.refresh()

    # ------------------------------------------------------------------------------------------------- state
    def refresh(self) -> None:
        current = self.current_entity()
        if self.entity_table.currentIndex().isValid():
            self._last_row = self.entity_table.currentIndex().row()
        all_entities = self.service.deid.entities()
        status = _VIEWS[self.view.currentText()]
        if self.keys.key is not None:  # with the key open, applied entities show who they stand for
            self.entities.originals = {e.guid: ", ".join(e.originals) for e in self.keys.key.entities}
        self.entities.set_rows([e for e in all_entities if status is None or e.status == status])
        self.entity_table.resizeColumnsToContents()
        counts = {s: sum(1 for e in all_entities if e.status == s) for s in _VIEWS.values() if s}
        self.summary.setText(f"{counts['suggested']} to review · {counts['accepted']} accepted · "
                             f"{counts['rejected']} rejected · {counts['applied']} applied")
        # The same entity if it is still listed; else the one now in its place (accepting moves on down the
        # list, as a reviewer works, instead of back to the top).
        row = next((i for i, e in enumerate(self.entities.rows) if e.id == current), None)
        if row is None and self.entities.rows:
            row = min(self._last_row, len(self.entities.rows) - 1)
        if row is not None:
            self.entity_table.selectRow(row)
            self._last_row = row
        self._show_mentions()

    def on_changes(self, changes) -> None:
        if changes.settings or changes.documents:
            self.refresh()

    def selected_entities(self) -> list[int]:
        rows = sorted({i.row() for i in self.entity_table.selectionModel().selectedRows()})
        return [self.entities.rows[r].id for r in rows]

    def current_entity(self) -> int | None:
        index = self.entity_table.currentIndex()
        return self.entities.rows[index.row()].id if index.isValid() and index.row() < len(self.entities.rows) else None

    def _show_mentions(self) -> None:
        entity = self.current_entity()
        self.mentions.set_rows(self.service.deid.mentions(entity) if entity is not None else [])
        self.mention_table.resizeColumnsToContents()
        room = self.mention_table.fontMetrics().horizontalAdvance("x" * 28)
        for column in (0, 2):  # the document's name and the words before: never pushing the mention out of view
            self.mention_table.setColumnWidth(column, min(room, self.mention_table.columnWidth(column)))

    def _selected_mentions(self) -> list[int]:
        return [self.mentions.rows[i.row()].id for i in self.mention_table.selectionModel().selectedRows()]

    # ----------------------------------------------------------------------------------------------- actions
    def detect(self) -> None:
        if self.worker is not None:
            return
        key = self.keys.key
        self.worker = run_with_progress(self, "Detect identifiers", "Looking for names, places and agencies in",
                                        lambda progress, cancelled: self.service.deid.detect(
                                            key, progress=progress, is_cancelled=cancelled))
        self.worker.done.connect(lambda found: self.summary.setText(f"{found} new mentions found."))
        self.worker.failed.connect(self.error)
        self.worker.finished.connect(self._on_detect_finished)

    def _on_detect_finished(self) -> None:
        self.worker = None
        self.refresh()

    def edit_identifiers(self) -> None:
        if not self._run(self.keys.ensure, self.service):
            return
        dialog = IdentifierListDialog([(i["text"], i["type"]) for i in self.keys.key.identifiers], self)
        if dialog.exec() == IdentifierListDialog.DialogCode.Accepted:
            count = self._run(self.service.deid.set_identifiers, self.keys.key, self.keys.path, dialog.entries(),
                              self.keys.passphrase)
            if count is not None:
                self.summary.setText(f"{counted(count, 'name')} in the identifier list; run Detect to find them.")

    def accept(self) -> None:
        self._run(self.service.deid.accept, self.selected_entities())

    def reject(self) -> None:
        self._run(self.service.deid.reject, self.selected_entities())

    def accept_all(self) -> None:
        kinds = ["Every type", *(t.title() for t in TYPES)]
        choice, ok = QInputDialog.getItem(self, "Accept all", "Accept every suggestion of:", kinds, 0, False)
        if ok:
            self._run(self.service.deid.accept_all, None if choice == "Every type" else choice.upper())

    def add_selection(self) -> None:
        selected = self.selection()
        if selected is None:
            self.error.emit("Select the missed name, place or agency in the transcript first.")
            return
        kind, ok = QInputDialog.getItem(self, "Add identifier", "It is a:", [t.title() for t in TYPES], 0, False)
        if ok:
            self._run(self.service.deid.add, *selected, kind.upper())

    def apply(self) -> None:
        accepted = [e for e in self.service.deid.entities("accepted")]
        if not accepted:
            self.error.emit("Accept some identifiers first.")
            return
        mentions = sum(e.mentions for e in accepted)
        answer = QMessageBox.question(
            self, "Apply de-identification",
            f"Replace {counted(mentions, 'mention')} of {counted(len(accepted), 'identifier')} by their pseudonyms "
            "in every document?\n\n"
            "Codings, memos and speaker turns stay on their words. The originals are written to the key file and "
            "leave the project; this cannot be undone from the Edit menu.")
        if answer != QMessageBox.StandardButton.Yes or not self._run(self.keys.ensure, self.service):
            return
        result = self._run(self.service.deid.apply, self.keys.key, self.keys.path, self.keys.passphrase)
        if result:
            self.summary.setText(f"Replaced {counted(result['mentions'], 'mention')} in {counted(result['documents'], 'document')}; "
                                 f"the originals are in {self.keys.path.name}.")

    def redact(self, kind: str) -> None:
        """'Redact this' on the transcript's selection: add, find everywhere, apply."""
        selected = self.selection()
        if selected is None:
            self.error.emit("Select the name, place or agency to redact.")
            return
        if self._run(self.keys.ensure, self.service):
            self._run(self.service.deid.redact, *selected, kind, self.keys.key, self.keys.path, self.keys.passphrase)

    def residual(self) -> None:
        if not self._run(self.keys.ensure, self.service):
            return
        hits = self._run(self.service.deid.residual, self.keys.key)
        if hits is None:
            return
        if not hits:
            QMessageBox.information(self, "Residual scan", "No known identifier remains in the project.")
            return
        names = {d.id: d.name for d in self.service.documents()}
        lines = [f"{h.where} {names.get(h.document_id, '')} (characters {h.start}-{h.end}): {h.pseudonym}" for h in hits]
        box = QMessageBox(QMessageBox.Icon.Warning, "Residual scan",
                          f"{len(hits)} known identifiers remain in the project.", parent=self)
        box.setDetailedText("\n".join(lines))
        box.open()

    def _on_open_mention(self, index) -> None:
        if index.isValid():
            m = self.mentions.rows[index.row()]
            self.open_mention.emit(m.document_id, m.start, m.end)

    def _on_entity_menu(self, point) -> None:
        ids = self.selected_entities()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction("Accept", self.accept)
        menu.addAction("Reject", self.reject)
        menu.addAction("Merge Selected", lambda: self._run(self.service.deid.merge, ids)).setEnabled(len(ids) > 1)
        type_menu = menu.addMenu("Type")
        for kind in TYPES:
            type_menu.addAction(kind.title(), lambda k=kind: [self._run(self.service.deid.set_type, i, k) for i in ids])
        menu.addAction("Replacement…", lambda: self._ask_replacement(ids[0]))
        participants = self.service.participants()
        if participants:
            link = menu.addMenu("Is Participant")
            for p in participants:
                link.addAction(p.name, lambda pid=p.id: self._run(self.service.deid.link_participant, ids[0], pid))
        menu.exec(self.entity_table.viewport().mapToGlobal(point))

    def _ask_replacement(self, entity_id: int) -> None:
        current = next((e.pseudonym for e in self.entities.rows if e.id == entity_id), "")
        text, ok = QInputDialog.getText(self, "Replacement", "Replace every mention with:", text=current)
        if ok:
            self._run(self.service.deid.set_replacement, entity_id, text)

    def _on_mention_menu(self, point) -> None:
        mentions = self._selected_mentions()
        entity = self.current_entity()
        if not mentions or entity is None:
            return
        menu = QMenu(self)
        menu.addAction("Not This One (reject the mention)", lambda: [self._run(self.service.deid.reject_mention, m)
                                                                     for m in mentions])
        menu.addAction("Split Off into a New Entity", lambda: self._run(self.service.deid.split, entity, mentions))
        menu.addAction("Set Extent to the Transcript Selection", lambda: self._set_extent(mentions[0]))
        menu.exec(self.mention_table.viewport().mapToGlobal(point))

    def _set_extent(self, mention_id: int) -> None:
        selected = self.selection()
        if selected is None:
            self.error.emit("Select the mention's new extent in the transcript first.")
            return
        self._run(self.service.deid.edit_mention, mention_id, selected[1], selected[2])
