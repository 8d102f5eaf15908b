"""The residual scan's list: known originals still in the project and what still looks like an identifier, each
with its context. Enter opens a hit's passage in the transcript; A adds it as an identifier (found everywhere, to
be applied), D dismisses it (a possible one is then never suggested again); the list moves on to the next."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QVBoxLayout,
    QWidget,
)

from annotator.deid.candidates import TYPES, entity_key
from annotator.deid.mention_context import context_of
from annotator.gui.row_table_model import Index, RowTableModel
from annotator.gui.widgets import (
    ElidedLabel,
    ElideLeftDelegate,
    ReportsErrors,
    counted,
    edits,
    make_table,
)
from annotator.services.deid_apply import Residual
from annotator.services.project_service import ProjectService


@dataclass(frozen=True)
class ResidualRow:
    hit: Residual
    where: str  # "01_P01_interview", "memo", ...
    before: str
    text: str
    after: str
    done: str = ""  # "added as a place", "dismissed"


class ResidualTableModel(RowTableModel):
    columns = ("Found", "Where", "Before", "Text", "After", "Done", "Why")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r: ResidualRow = self.rows[index.row()]
        h = r.hit
        if role == Qt.ItemDataRole.DisplayRole:
            found = "in the key" if h.known else "possible"
            why = f"a known identifier of {h.pseudonym}" if h.known else h.why
            return (found, r.where, r.before, r.text, r.after, r.done, why)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"…{r.before} [{r.text}] {r.after}…" if r.text else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and r.done:
            return Qt.GlobalColor.gray
        return None


class ResidualDialog(ReportsErrors, QDialog):
    open_passage = Signal(int, int, int)  # document id, start, end
    error = Signal(str)
    scan_again = Signal()

    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.stale = False
        self.setWindowTitle("Residual scan")
        self.setObjectName("residualDialog")
        self.setModal(False)
        self.summary = ElidedLabel(self)
        self.summary.setObjectName("residualSummary")
        self.model = ResidualTableModel(self)
        self.table = make_table(self, self.model, multi=True, name="residualTable")
        self._elide_left = ElideLeftDelegate(self.table)
        self.table.setItemDelegateForColumn(2, self._elide_left)
        self.table.activated.connect(lambda _: self.open_current())
        buttons = QDialogButtonBox(self)
        for text, tip, slot, edit in (
                ("Open", "Show the passage in the transcript (Enter)", self.open_current, False),
                ("Add as Identifier", "Accept it as an identifier of its type, found everywhere (A); Apply then "
                 "replaces it", self.add_current, True),
                ("Add as…", "Accept it as an identifier of a type you choose", self.add_as, True),
                ("Dismiss", "Not an identifier: never suggested again (D)", self.dismiss_current, True),
                ("Scan Again", "Scan the project again", self.scan_again.emit, False)):
            button = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
            button.setToolTip(tip)
            button.setAutoDefault(False)  # Enter in the list opens the hit, not the first button
            button.clicked.connect(lambda _=False, slot=slot: slot())
            if edit:
                edits(button)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # (the list passes Enter on to the dialog, which would press it: closed)
        close.clicked.connect(self.close)
        for key, slot in (("A", self.add_current), ("D", self.dismiss_current), ("Delete", self.dismiss_current)):
            action = edits(QAction(self.table, shortcut=QKeySequence(key),
                                   shortcutContext=Qt.ShortcutContext.WidgetShortcut))
            action.triggered.connect(lambda _=False, slot=slot: slot())
            self.table.addAction(action)
        if service.project.readonly:  # (made after the window disabled what edits: it does the same itself)
            for thing in [*self.findChildren(QWidget), *self.findChildren(QAction)]:
                if thing.property("edits"):
                    thing.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(1200, screen.width() - 60) if screen else 1000, 440)

    # ------------------------------------------------------------------------------------------------- state
    def show_hits(self, hits: list[Residual]) -> None:
        names = {d.id: d.name for d in self.service.documents(shares=False)}
        texts: dict[int, str] = {}
        rows = []
        for h in hits:
            before = text = after = ""
            if h.where == "document" and h.document_id is not None:
                whole = texts.setdefault(h.document_id, self.service.document_text(h.document_id))
                around = context_of(whole, h.start, h.end)
                before, text, after = around.before, whole[h.start:h.end], around.after
            elif not h.known:
                text = h.text
            where = names.get(h.document_id, "") if h.where == "document" else h.where
            rows.append(ResidualRow(h, where, before, text, after))
        self.stale = False
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        room = self.table.fontMetrics().horizontalAdvance
        for column, cap in ((1, 18), (2, 28), (3, 22), (4, 28)):  # the reason and what was done stay in view
            self.table.setColumnWidth(column, min(room("x" * cap), self.table.columnWidth(column)))
        self._say()
        if rows:
            self.table.selectRow(0)
        self.table.setFocus()

    def _say(self, done: str = "") -> None:
        rows = self.model.rows
        known = sum(1 for r in rows if r.hit.known)
        left = sum(1 for r in rows if not r.done)
        if not rows:
            text = "Nothing left: no known identifier, and nothing that still looks like one."
        else:
            text = (f"{counted(known, 'known identifier')} and {counted(len(rows) - known, 'possible one')} in the "
                    f"project; {left} to look at. Enter opens one, A adds it as an identifier, D dismisses it.")
        if self.stale:
            text = "The text has changed since this scan: Scan Again. " + text
        self.summary.setText(f"{done} {text}".strip())

    def mark_stale(self) -> None:
        """After the text changed (Apply): the hits' places no longer hold."""
        if self.model.rows:
            self.stale = True
            self._say()

    def _current_rows(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        current = self.table.currentIndex()
        return rows or ([current.row()] if current.isValid() else [])

    def _usable(self, row: int) -> bool:
        if self.stale:
            self.summary.setText("The text has changed since this scan: Scan Again first.")
            return False
        if self.model.rows[row].hit.where != "document":
            self.summary.setText(f"This one is in a {self.model.rows[row].where}: change it there.")
            return False
        return True

    def _mark(self, rows: list[int], done: str) -> None:
        """Mark these rows done, and every other document row of the same words (adding or dismissing is for the
        form everywhere); then select the next row still to look at."""
        forms = {entity_key(self.model.rows[r].text) for r in rows if self.model.rows[r].hit.where == "document"}
        rows = sorted(set(rows) | {i for i, r in enumerate(self.model.rows) if not r.done and r.hit.where == "document"
                                   and r.text and entity_key(r.text) in forms})
        for row in rows:
            self.model.rows[row] = replace(self.model.rows[row], done=done)
            self.model.dataChanged.emit(self.model.index(row, 0), self.model.index(row, len(self.model.columns) - 1))
        after = max(rows)
        following = [r for r in range(after + 1, len(self.model.rows)) if not self.model.rows[r].done]
        earlier = [r for r in range(after) if not self.model.rows[r].done]
        target = (following or earlier or [after])[0]
        self.table.selectRow(target)
        self._say()

    # ----------------------------------------------------------------------------------------------- actions
    def open_current(self) -> None:
        rows = self._current_rows()
        if not rows:
            return
        r = self.model.rows[rows[0]]
        if r.hit.where in ("document", "document name") and r.hit.document_id is not None and not self.stale:
            self.open_passage.emit(r.hit.document_id, *((r.hit.start, r.hit.end) if r.hit.where == "document"
                                                        else (0, 0)))
            self.activateWindow()
            self.table.setFocus()  # the transcript shows it; the keys stay in the list (A, D, the next one)
        else:
            self._usable(rows[0])

    def add_current(self, kind: str | None = None) -> None:
        rows = [r for r in self._current_rows() if not self.model.rows[r].done]
        if not rows or not all(self._usable(r) for r in rows):
            return
        added = 0
        for row in rows:
            if self.model.rows[row].done:  # the same words, added with an earlier row
                continue
            h = self.model.rows[row].hit
            the_kind = kind or (h.type if h.type in TYPES else "OTHER")
            if self._run(self.service.deid.add, h.document_id, h.start, h.end, the_kind) is None:
                return
            added += 1
            self._mark([row], f"added as {the_kind.lower()}")
        if added:
            self._say(f"Added {counted(added, 'identifier')}; Apply in the De-identification panel replaces it "
                      "everywhere.")

    def add_as(self) -> None:
        kind, ok = QInputDialog.getItem(self, "Add as identifier", "It is a:", [t.title() for t in TYPES], 0, False)
        if ok:
            self.add_current(kind.upper())

    def dismiss_current(self) -> None:
        rows = [r for r in self._current_rows() if not self.model.rows[r].done]
        if not rows:
            return
        forms = {}  # a known original stays in the key (only this look passes over it); a possible one, for good
        for row in rows:
            r = self.model.rows[row]
            if not r.hit.known and r.text:
                forms.setdefault(entity_key(r.text), r)
        for r in forms.values():
            if self._run(self.service.deid.dismiss, r.text, r.hit.type) is None:
                return
        self._mark(rows, "dismissed")
