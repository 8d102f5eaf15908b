"""Every way of coding from the transcript: a code from the tree, the quick-code box, number keys for recent
codes, in-vivo, whole speaker turns, uncoding, and memos on codings, passages, documents and codes."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCompleter, QDialog, QLineEdit, QMenu, QWidget

from annotator.core.codebook import PATH_SEPARATOR
from annotator.core.ids import CodeId, CodingId, DocumentId
from annotator.gui.code_dialogs import MemoDialog
from annotator.gui.transcript_view import TranscriptView
from annotator.gui.widgets import ReportsErrors
from annotator.services.project_service import ProjectService

RECENT_LIMIT = 9


class QuickCodeBox(QLineEdit):
    """Type part of a code's name or path, pick with the arrow keys, Enter codes the selection.
    A name that matches no code creates it (a path 'Theme > New code' creates it under Theme)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("quickCodeBox")
        self.setPlaceholderText("Quick code (Ctrl+K): type a code, Enter")
        self.setClearButtonEnabled(True)
        self.paths = QStringListModel(self)
        completer = QCompleter(self.paths, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)


class CodingController(ReportsErrors, QObject):
    error = Signal(str)
    recent_changed = Signal(list)  # [(code id, name)], most recent first
    redact_requested = Signal(str)  # identifier type: replace the selection everywhere, now

    def __init__(self, service: ProjectService, view: TranscriptView, quick_box: QuickCodeBox, parent: QWidget):
        super().__init__(parent)
        self.service = service
        self.view = view
        self.quick_box = quick_box
        self.document_id: DocumentId | None = None
        self.recent: list[CodeId] = []
        quick_box.returnPressed.connect(self._on_quick_code)
        QShortcut(QKeySequence("Ctrl+K"), parent, self._focus_quick_box)
        for number in range(1, RECENT_LIMIT + 1):
            shortcut = QShortcut(QKeySequence(str(number)), view, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=number: self.code_with_recent(n))
        view.context_menu_requested.connect(self.show_context_menu)
        view.stripes.coding_clicked.connect(self.select_coding)
        view.stripes.coding_menu.connect(lambda coding_id, where: self.exec_menu(self._coding_menu([coding_id]), where))
        self.refresh_codes()

    def set_service(self, service: ProjectService) -> None:
        self.service = service
        self.recent = []
        self.refresh_codes()

    # ------------------------------------------------------------------------------------------------- helpers
    def refresh_codes(self) -> None:
        book = self.service.codebook.codebook
        self.quick_box.paths.setStringList([book.path(c) for c in book.tree_order()])
        self.recent = [c for c in self.recent if c in book]
        self.recent_changed.emit([(c, book[c].name) for c in self.recent])

    def _remember(self, code_id: CodeId) -> None:
        self.recent = [code_id, *[c for c in self.recent if c != code_id]][:RECENT_LIMIT]
        book = self.service.codebook.codebook
        self.recent_changed.emit([(c, book[c].name) for c in self.recent])

    def _selection(self) -> tuple[int, int] | None:
        if self.document_id is None:
            self.error.emit("Open a document first.")
            return None
        selected = self.view.selected_range()
        if selected is None:
            self.error.emit("Select the passage to code first.")
        return selected

    def _focus_quick_box(self) -> None:
        self.quick_box.setFocus()
        self.quick_box.selectAll()

    # ------------------------------------------------------------------------------------------------- coding
    def code_selection(self, code_id: CodeId) -> CodingId | None:
        selected = self._selection()
        if selected is None:
            return None
        coding_id = self._run(self.service.codings.code_passage, self.document_id, code_id, *selected)
        if coding_id is not None:
            self._remember(code_id)
        return coding_id

    def code_with_recent(self, number: int) -> None:
        if number <= len(self.recent):
            self.code_selection(self.recent[number - 1])

    def _on_quick_code(self) -> None:
        text = self.quick_box.text().strip()
        if not text or self._selection() is None:
            return
        book = self.service.codebook.codebook
        code = book.by_path(text)
        if code is None:
            matches = [c for c in book.codes.values() if c.name.lower() == text.lower()]
            code = matches[0] if len(matches) == 1 else None
        if code is not None:
            code_id = code.id
        else:  # a new code, under an existing parent when a path is typed
            parent_path, _, name = text.rpartition(PATH_SEPARATOR.strip())
            parent = book.by_path(parent_path.strip()) if parent_path else None
            if parent_path and parent is None:
                self.error.emit(f"There is no code '{parent_path.strip()}' to put '{name.strip()}' under.")
                return
            code_id = self._run(self.service.codebook.add_code, name.strip(), parent.id if parent else None)
            if code_id is None:
                return
        if self.code_selection(code_id) is not None:
            self.quick_box.clear()
            self.view.setFocus()

    def code_in_vivo(self) -> None:
        selected = self._selection()
        if selected is not None:
            code_id = self._run(self.service.codings.code_in_vivo, self.document_id, *selected)
            if code_id is not None:
                self._remember(code_id)

    def code_turn(self, code_id: CodeId, offset: int) -> None:
        if self.document_id is not None and self._run(self.service.codings.code_turn, self.document_id, code_id,
                                                      offset) is not None:
            self._remember(code_id)

    def uncode(self, coding_ids: list[CodingId]) -> None:
        self._run(self.service.codings.uncode, coding_ids)

    def select_coding(self, coding_id: CodingId) -> None:
        coding = self.service.codings.get(coding_id)
        if coding is not None:
            self.view.select_range(coding.start, coding.end)

    # -------------------------------------------------------------------------------------------------- memos
    def edit_memo(self, target: str, heading: str, **where) -> None:
        """Open the memo on this target (the first, if several), or start one."""
        target_id = next(iter(where.values()), None) if target != "range" else where.get("document_id")
        existing = [] if target == "range" else self.service.codings.memos(target, target_id)
        memo = existing[0] if existing else None
        dialog = MemoDialog(heading, memo.title if memo else "", memo.body if memo else "", self.view)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        title, body = dialog.title.text(), dialog.body.toPlainText()
        if memo is not None:
            if not title.strip() and not body.strip():
                self._run(self.service.codings.delete_memo, memo.id)
            elif (title, body) != (memo.title, memo.body):
                self._run(self.service.codings.edit_memo, memo.id, title, body)
        elif title.strip() or body.strip():
            self._run(lambda: self.service.codings.add_memo(target, body, title=title, **where))

    def memo_on_selection(self) -> None:
        selected = self._selection()
        if selected is not None:
            self.edit_memo("range", "Memo on a passage", document_id=self.document_id, start=selected[0],
                           end=selected[1])

    # --------------------------------------------------------------------------------------------------- menus
    def _coding_menu(self, coding_ids: list[CodingId], menu: QMenu | None = None) -> QMenu:
        menu = menu or QMenu(self.view)
        book = self.service.codebook.codebook
        for coding_id in coding_ids:
            coding = self.service.codings.get(coding_id)
            if coding is None or coding.code_id not in book:
                continue
            name = book[coding.code_id].name
            menu.addAction(f"Uncode '{name}'", lambda c=coding_id: self.uncode([c]))
            menu.addAction(f"Memo on '{name}' Coding…",
                           lambda c=coding_id, n=name: self.edit_memo("coding", f"Memo on a coding of '{n}'", coding_id=c))
            menu.addAction(f"Select '{name}' Coding", lambda c=coding_id: self.select_coding(c))
            menu.addSeparator()
        return menu

    def show_context_menu(self, where: QPoint) -> None:
        if self.document_id is None:
            return
        menu = QMenu(self.view)
        book = self.service.codebook.codebook
        selected = self.view.selected_range()
        offset = self.view.offset_at(self.view.viewport().mapFromGlobal(where))
        recent = [(c, book[c].name) for c in self.recent if c in book]
        if selected:
            code_menu = menu.addMenu("Code Selection As")
            for number, (code_id, name) in enumerate(recent, 1):
                code_menu.addAction(f"&{number}  {name}", lambda c=code_id: self.code_selection(c))
            if recent:
                code_menu.addSeparator()
            code_menu.addAction("Other Code… (Ctrl+K)", self._focus_quick_box)
            menu.addAction("In-Vivo Code (name a code after the selection)", self.code_in_vivo)
            menu.addAction("Memo on Selection…", self.memo_on_selection)
            redact = menu.addMenu("Redact This")
            for kind, label in (("PERSON", "Person"), ("PLACE", "Place"), ("AGENCY", "Agency"), ("OTHER", "Other")):
                redact.addAction(label, lambda k=kind: self.redact_requested.emit(k))
        turn = self.view.turn_at(offset)
        if turn is not None:
            turn_menu = menu.addMenu(f"Code {turn.speaker}'s Whole Turn As")
            for code_id, name in recent:
                turn_menu.addAction(name, lambda c=code_id: self.code_turn(c, offset))
            turn_menu.addAction("Other Code…", lambda: self._choose_code_for_turn(offset))
        here = [c.id for c in self.view.codings_at(offset)]
        if here:
            menu.addSeparator()
            self._coding_menu(here, menu)
        menu.addSeparator()
        menu.addAction("Copy", self.view.copy).setEnabled(bool(selected))
        self.exec_menu(menu, where)

    def exec_menu(self, menu: QMenu, where: QPoint) -> None:
        """Show a menu and run the chosen action (one place, so tests can choose instead of a person)."""
        menu.exec(where)

    def _choose_code_for_turn(self, offset: int) -> None:
        from PySide6.QtWidgets import QInputDialog

        book = self.service.codebook.codebook
        paths = [book.path(c) for c in book.tree_order()]
        if not paths:
            self.error.emit("Create a code first.")
            return
        choice, ok = QInputDialog.getItem(self.view, "Code whole turn", "Code:", paths, 0, False)
        if ok and book.by_path(choice) is not None:
            self.code_turn(book.by_path(choice).id, offset)
