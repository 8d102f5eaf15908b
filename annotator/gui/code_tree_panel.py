"""The codebook panel: the code tree with counts, a filter, and every codebook action (create, rename, recolour,
describe, reorder and re-parent by drag and drop, merge, delete, memo)."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.ids import CodeId
from annotator.gui.code_dialogs import CodeDialog
from annotator.gui.code_tree_model import CODE_MIME, CodeTreeModel
from annotator.gui.widgets import ReportsErrors, choose_code, edits
from annotator.services.project_service import ProjectService


class CodeTreeView(QTreeView):
    """Drag codes to reorganise them; drop a transcript selection on a code to code it."""

    selection_dropped = Signal(int)
    menu_requested = Signal(QPoint)  # viewport position: under the mouse, or the current code's row (Menu key)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("codeTree")
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAcceptDrops(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setExpandsOnDoubleClick(False)  # double-click codes the selection; the arrow expands

    def contextMenuEvent(self, event) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard and self.currentIndex().isValid():
            self.menu_requested.emit(self.visualRect(self.currentIndex()).center())
        else:
            self.menu_requested.emit(self.viewport().mapFromGlobal(event.globalPos()))

    def _from_transcript(self, event) -> bool:
        return not event.mimeData().hasFormat(CODE_MIME) and event.mimeData().hasText()

    def dragEnterEvent(self, event) -> None:
        if self._from_transcript(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if self._from_transcript(event):
            index = self.indexAt(event.position().toPoint())
            event.setAccepted(index.isValid())
            if index.isValid():
                event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        if self._from_transcript(event):
            index = self.indexAt(event.position().toPoint())
            if index.isValid():
                event.setDropAction(Qt.DropAction.CopyAction)  # the transcript keeps its text
                event.accept()
                self.selection_dropped.emit(self.model().data(index, Qt.ItemDataRole.UserRole))
            return
        super().dropEvent(event)


class _Proxy(QSortFilterProxyModel):
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.UserRole:
            return self.sourceModel().code_id(self.mapToSource(index))
        return super().data(index, role)


class CodeTreePanel(ReportsErrors, QWidget):
    code_activated = Signal(int)  # double-click / Enter: code the selection with it
    current_code_changed = Signal(object)  # a code id or None
    selection_dropped = Signal(int)
    memo_requested = Signal(int)
    key_requested = Signal(int, int)  # code id, number key
    key_freed = Signal(int)  # number key
    error = Signal(str)
    status = Signal(str)

    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.model = CodeTreeModel(self)
        self._counts_pending = False
        self._count_codes: set | None = set()  # codes whose counts wait to be counted again; None: all
        self.model.move_requested.connect(self._on_move_requested)
        self.proxy = _Proxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(placeholderText="Filter codes")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        self.tree = CodeTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Count columns as wide as a large count, set once: sized to their contents, every new count made the
        # view read every row again (a tenth of a second with 200 codes).
        wide = self.fontMetrics().horizontalAdvance("99,999 (9,999)") + 12
        for column, width in ((1, wide), (2, self.fontMetrics().horizontalAdvance("People") + 16),
                              (3, self.fontMetrics().horizontalAdvance("People") + 16)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.tree.menu_requested.connect(self._on_context_menu)
        self.tree.activated.connect(lambda index: self.code_activated.emit(self.proxy.data(index, Qt.ItemDataRole.UserRole)))
        self.tree.selectionModel().currentChanged.connect(lambda current, _: self.current_code_changed.emit(self.current_code()))
        self.tree.selection_dropped.connect(self.selection_dropped)
        new_button = QToolButton(text="New Code", toolTip="New top-level code (Ctrl+Shift+N)")
        new_button.clicked.connect(lambda: self.new_code(None))
        sub_button = QToolButton(text="New Subcode", toolTip="New code under the selected one")
        sub_button.clicked.connect(lambda: self.new_code(self.current_code()))
        buttons = QHBoxLayout()
        buttons.addWidget(edits(new_button))
        buttons.addWidget(edits(sub_button))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._actions()
        self.reload(counts_later=True)

    def _actions(self) -> None:
        rename = QAction("Rename", self.tree, shortcut=QKeySequence("F2"),
                         shortcutContext=Qt.ShortcutContext.WidgetShortcut)
        rename.triggered.connect(lambda: self.rename(self.current_code()))
        delete = QAction("Delete", self.tree, shortcut=QKeySequence.StandardKey.Delete,
                         shortcutContext=Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(lambda: self.delete(self.current_code()))
        self.tree.addActions([rename, delete])

    # ------------------------------------------------------------------------------------------------- state
    def reload(self, *, counts_later: bool = False) -> None:
        """Rebuild from the service, keeping expanded codes and the current code. With `counts_later` (opening a
        project) the tree shows at once and its counts follow on the next turn of the event loop."""
        # Codes opened as they were (a tree the researcher folded stays folded); the first time, all of them.
        expanded = self._expanded() if self.model.book.codes else None
        current = self.current_code()
        if counts_later:
            self.model.set_codebook(self.service.codebook.codebook, {})
            self._counts_pending, self._count_codes = True, None
            QTimer.singleShot(0, self, self._update_counts)
        else:
            self.model.set_codebook(self.service.codebook.codebook, self.service.codebook.counts())
        book = self.model.book
        for code_id in expanded if expanded is not None else (c for c in book.codes if book.children(c)):
            self.tree.setExpanded(self.proxy.mapFromSource(self.model.index_of(code_id)), True)
        if current is not None:
            self.select_code(current)

    def on_changes(self, changes: Changes) -> None:
        if changes.codes and (changes.codings or not self.model.update_codebook(self.service.codebook.codebook)):
            self.reload()  # codes added, removed or moved, or codings with them (a merge, a delete)
        elif changes.codings or changes.documents or changes.participants:
            # Counts follow on the next turn of the event loop, after the transcript has drawn the change;
            # several changes in a row are counted once, and only the codes they name (with those above them).
            if not self._counts_pending:
                self._counts_pending = True
                self._count_codes = set()
                QTimer.singleShot(0, self, self._update_counts)
            if changes.documents or changes.participants or not changes.code_ids:
                self._count_codes = None  # who or where changed, or codes unnamed: every count
            elif self._count_codes is not None:
                self._count_codes |= changes.code_ids

    def _update_counts(self) -> None:
        self._counts_pending = False
        if self.service.closed:
            return
        codes, self._count_codes = self._count_codes, set()
        self.model.set_counts(self.service.codebook.counts(codes))

    def _expanded(self) -> set[CodeId]:
        book = self.model.book
        return {c for c in book.codes
                if book.children(c) and self.tree.isExpanded(self.proxy.mapFromSource(self.model.index_of(c)))}

    def current_code(self) -> CodeId | None:
        index = self.tree.currentIndex()
        return self.proxy.data(index, Qt.ItemDataRole.UserRole) if index.isValid() else None

    def select_code(self, code_id: CodeId) -> None:
        index = self.proxy.mapFromSource(self.model.index_of(code_id))
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.tree.scrollTo(index)

    def set_keys(self, keys: dict[CodeId, int]) -> None:
        self.model.set_keys(keys)

    def _on_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if text:
            self.tree.expandAll()

    # ------------------------------------------------------------------------------------------------ actions
    def new_code(self, parent_id: CodeId | None) -> CodeId | None:
        where = f" under '{self.model.book[parent_id].name}'" if parent_id is not None else ""
        name, ok = QInputDialog.getText(self, "New code", f"Name of the new code{where}:")
        if not ok:
            return None
        code_id = self._run(self.service.codebook.add_code, name, parent_id)
        if code_id is not None:
            self.select_code(code_id)
        return code_id

    def rename(self, code_id: CodeId | None) -> None:
        if code_id is None:
            return
        name, ok = QInputDialog.getText(self, "Rename code", "New name:", text=self.model.book[code_id].name)
        if ok:
            self._run(self.service.codebook.rename_code, code_id, name)

    def describe(self, code_id: CodeId | None) -> None:
        if code_id is None:
            return
        code = self.model.book[code_id]
        dialog = CodeDialog(code, self, title=f"Code: {self.model.book.path(code_id)}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        # Each change is its own undo step, named for what it did.
        self._run(self.service.codebook.rename_code, code_id, dialog.name.text())
        self._run(self.service.codebook.recolour_code, code_id, dialog.colour)
        self._run(lambda: self.service.codebook.describe_code(code_id, **dialog.fields()))

    def merge(self, code_id: CodeId | None) -> None:
        if code_id is None:
            return
        book = self.model.book
        excluded = set(book.subtree(code_id))
        if not set(book.codes) - excluded:
            self.error.emit("There is no other code to merge into.")
            return
        target = choose_code(self, "Merge code", f"Merge '{book[code_id].name}' into:", book, exclude=excluded)
        if target is not None:
            self._run(self.service.codebook.merge_codes, code_id, target.id)

    def delete(self, code_id: CodeId | None) -> None:
        if code_id is None:
            return
        codes, codings = self.service.codebook.deletion_impact(code_id)
        name = self.model.book[code_id].name
        subcodes = f" and its {codes - 1} subcode{'s' if codes > 2 else ''}" if codes > 1 else ""
        answer = QMessageBox.question(
            self, "Delete code",
            f"Delete '{name}'{subcodes}? {codings} coding{'s' if codings != 1 else ''} will be removed with "
            f"{'them' if codes > 1 else 'it'}.\n\nYou can undo this with Edit > Undo.")
        if answer == QMessageBox.StandardButton.Yes:
            self._run(self.service.codebook.delete_code, code_id)

    def _on_move_requested(self, code_id: int, parent_id, index: int) -> None:
        self._run(self.service.codebook.move_code, code_id, parent_id, index)

    def _on_context_menu(self, point) -> None:
        code_id = self.proxy.data(self.tree.indexAt(point), Qt.ItemDataRole.UserRole) if self.tree.indexAt(point).isValid() else None
        menu = QMenu(self)
        if self.service.project.readonly:
            menu.addAction("This project is open read-only").setEnabled(False)
        elif code_id is not None:
            menu.addAction("Code Selection with This Code", lambda: self.code_activated.emit(code_id))
            menu.addSeparator()
            menu.addAction("New Subcode…", lambda: self.new_code(code_id))
            menu.addAction("Rename…", lambda: self.rename(code_id))
            menu.addAction("Describe and Colour…", lambda: self.describe(code_id))
            menu.addAction("Memo…", lambda: self.memo_requested.emit(code_id))
            keys = menu.addMenu("Quick-Code Key")
            current = self.model.keys.get(code_id)
            holders = {n: c for c, n in self.model.keys.items()}
            for number in range(1, 10):
                other = holders.get(number)
                label = f"&{number}" + (f"   (now {self.model.book[other].name})" if other not in (None, code_id) else "")
                action = keys.addAction(label, lambda n=number: self.key_requested.emit(code_id, n))
                action.setCheckable(True)
                action.setChecked(number == current)
            if current is not None:
                keys.addSeparator()
                keys.addAction(f"Free Key {current}", lambda: self.key_freed.emit(current))
            menu.addAction("Merge Into…", lambda: self.merge(code_id))
            menu.addSeparator()
            menu.addAction("Delete…", lambda: self.delete(code_id))
        else:
            menu.addAction("New Code…", lambda: self.new_code(None))
        self.exec_menu(menu, self.tree.viewport().mapToGlobal(point))

    def exec_menu(self, menu: QMenu, where) -> None:
        """Show a menu and run the chosen action (one place, so tests can choose instead of a person)."""
        menu.exec(where)
