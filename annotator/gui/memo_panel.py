"""The Memos panel: every memo in the project with what it is about, searchable; Enter opens one to edit, Go To
shows its passage, coding, document or code, Delete removes it (undoably)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from annotator.core.changes import Changes
from annotator.gui.memo_editor import MemoEditor, excerpt
from annotator.gui.row_table_model import Index, RowTableModel
from annotator.gui.widgets import ElidedLabel, counted, edits, make_table, make_toolbar
from annotator.services.project_service import ProjectService
from annotator.storage.codings import Memo


class MemoTableModel(RowTableModel):
    """Rows of (memo, kind, what it is about)."""

    columns = ("On", "About", "Title", "Memo", "By", "Modified")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        memo, kind, about = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return (kind, about, memo.title, excerpt(memo.body, 200), memo.coder or "", memo.modified[:16].replace(
                "T", " "))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return excerpt(memo.body, 600) or memo.title
        return None


class _Filter(QSortFilterProxyModel):
    """Rows whose kind, subject, title or body contain every word typed."""

    words: list[str] = []

    def set_words(self, words: list[str]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and newer
            self.beginFilterChange()
            self.words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.words = words
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self.words:
            return True
        memo, kind, about = self.sourceModel().rows[row]
        haystack = " ".join((kind, about, memo.title, memo.body, memo.coder or "")).lower()
        return all(w in haystack for w in self.words)


class MemoPanel(QWidget):
    go_to = Signal(object)  # the Memo whose subject to show

    def __init__(self, service: ProjectService, editor: MemoEditor, parent=None):
        super().__init__(parent)
        self.service = service
        self.editor = editor
        self.model = MemoTableModel(self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.search = QLineEdit(placeholderText="Search memos")
        self.search.setObjectName("memoSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.table = make_table(self, self.proxy, name="memoTable")
        self.table.setSortingEnabled(True)
        self.table.activated.connect(lambda index: self.open_current())
        self.summary = ElidedLabel(self)
        self.toolbar = make_toolbar(self, (
            ("Open", "Open the memo to read or edit it (Enter)", self.open_current),
            ("Go To", "Show what the memo is about", self.go_to_current),
            ("Delete", "Delete the memo (Edit > Undo brings it back)", self.delete_current),
            ("New Project Memo…", "A memo on the whole project", editor.on_project)), name="memoToolbar")
        for action in self.toolbar.actions()[2:]:  # Delete and New change the project; Open and Go To read
            edits(action)
        buttons = QHBoxLayout()
        buttons.addWidget(self.toolbar)
        buttons.addWidget(self.search, 1)
        delete = QAction("Delete memo", self.table, shortcut=QKeySequence.StandardKey.Delete,
                         shortcutContext=Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_current)
        self.table.addAction(delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        current = self.current_memo()
        rows = []
        for memo in self.service.codings.all_memos():
            kind, about = self.editor.describe(memo)
            rows.append((memo, kind, about))
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for column, width in ((1, 260), (3, 320)):
            self.table.setColumnWidth(column, min(width, self.table.columnWidth(column)))
        shown = self.proxy.rowCount()
        total = len(rows)
        self.summary.setText(counted(total, "memo") if shown == total else f"{shown} of {counted(total, 'memo')}")
        if current is not None:
            self.select(current.id)

    def on_changes(self, changes: Changes) -> None:
        if changes.memos or changes.codes or changes.documents or changes.participants:
            self.refresh()

    def _on_search(self, text: str) -> None:
        self.proxy.set_words(text.lower().split())
        total = self.model.rowCount()
        self.summary.setText(f"{self.proxy.rowCount()} of {counted(total, 'memo')}" if text.strip() else
                             counted(total, "memo"))

    def current_memo(self) -> Memo | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[self.proxy.mapToSource(index).row()][0]

    def select(self, memo_id: int) -> None:
        for row, (memo, _, _) in enumerate(self.model.rows):
            if memo.id == memo_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
                return

    def open_current(self) -> None:
        memo = self.current_memo()
        if memo is not None:
            self.editor.open_memo(memo.id)

    def go_to_current(self) -> None:
        memo = self.current_memo()
        if memo is not None:
            self.go_to.emit(memo)

    def delete_current(self) -> None:
        memo = self.current_memo()
        if memo is not None:
            self.editor.delete(memo.id)
