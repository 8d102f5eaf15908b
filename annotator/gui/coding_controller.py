"""Every way of coding from the transcript: a code from the tree, the quick-code box, the number keys, in-vivo,
whole speaker turns, uncoding, changing a coding's extent, and the transcript's context menu (mouse or Menu key).
Hints (nothing selected yet) go to the status bar; only refusals open a message box."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QWidget

from annotator.core.codebook import PATH_SEPARATOR
from annotator.core.ids import CodeId, CodingId, DocumentId
from annotator.core.selection import whole_words
from annotator.gui.quick_code import Choice, QuickCodeBar
from annotator.gui.quick_keys import KEYS, QuickKeys
from annotator.gui.transcript_view import TranscriptView
from annotator.gui.widgets import ReportsErrors, choose_code
from annotator.services.project_service import ProjectService

WHOLE_WORDS_SETTING = "coding/whole_words"
NOTHING_SELECTED = "Select the passage to code first (drag, or Shift+arrow keys; Ctrl+Shift+S selects a sentence)."


class CodingController(ReportsErrors, QObject):
    error = Signal(str)
    status = Signal(str)
    keys_changed = Signal()
    redact_requested = Signal(str)  # identifier type: replace the selection everywhere, now
    memo_requested = Signal()  # the selection's or the cursor's passage memo
    coding_memo_requested = Signal(int)  # coding id

    def __init__(self, service: ProjectService, view: TranscriptView, bar: QuickCodeBar, parent: QWidget):
        super().__init__(parent)
        self.service = service
        self.view = view
        self.bar = bar
        self.keys = QuickKeys(service)
        self.document_id: DocumentId | None = None
        bar.box.chosen.connect(self._on_quick_choice)
        bar.box.cancelled.connect(self.view.setFocus)
        bar.key_clicked.connect(self.code_with_key)
        bar.unpin_requested.connect(self.unpin)
        for number in KEYS:
            shortcut = QShortcut(QKeySequence(str(number)), view, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=number: self.code_with_key(n))
        view.context_menu_requested.connect(self.show_context_menu)
        view.stripes.coding_clicked.connect(self.select_coding)
        view.stripes.coding_menu.connect(lambda coding_id, where: self.exec_menu(self._coding_menu([coding_id]), where))
        self.refresh_codes()

    # ------------------------------------------------------------------------------------------------- helpers
    def refresh_codes(self) -> None:
        book = self.service.codebook.codebook
        pinned = self.keys.pinned()
        self.bar.box.set_codes(book, self.keys.number_of())
        self.bar.set_keys([(n, book[c].name, book.path(c)) for n, c in pinned.items()])
        self.keys_changed.emit()

    def _selection(self) -> tuple[int, int] | None:
        """The passage to code: the selection, taking in whole words unless the preference says not to."""
        if self.service.project.readonly:
            self.status.emit("This project is open read-only: codings cannot be added or changed.")
            return None
        if self.document_id is None:
            self.status.emit("Open a document first.")
            return None
        selected = self.view.selected_range()
        if selected is None:
            self.status.emit(NOTHING_SELECTED)
        elif QSettings().value(WHOLE_WORDS_SETTING, True, type=bool):
            selected = whole_words(self.view.text, *selected)
        return selected

    def focus_quick_box(self) -> None:
        self.bar.box.setFocus()
        self.bar.box.selectAll()

    def _used(self, code_id: CodeId) -> None:
        if self.keys.fill_free(code_id):
            self.refresh_codes()
            number = self.keys.number_of()[code_id]
            self.status.emit(f"Key {number} now codes with '{self.service.codebook.codebook[code_id].name}'.")

    # ---------------------------------------------------------------------------------------------- number keys
    def pin(self, code_id: CodeId, number: int) -> None:
        self.keys.pin(code_id, number)
        self.refresh_codes()

    def unpin(self, number: int) -> None:
        self.keys.unpin(number)
        self.refresh_codes()

    def code_with_key(self, number: int) -> None:
        code_id = self.keys.code_for(number)
        if code_id is None:
            self.status.emit(f"Key {number} has no code yet: right-click a code in the Codebook, Quick-Code Key.")
            return
        self.code_selection(code_id)

    # ------------------------------------------------------------------------------------------------- coding
    def code_selection(self, code_id: CodeId) -> CodingId | None:
        selected = self._selection()
        if selected is None:
            return None
        coding_id = self._run(self.service.codings.code_passage, self.document_id, code_id, *selected)
        if coding_id is not None:
            self._used(code_id)
        return coding_id

    def _on_quick_choice(self, choice: Choice) -> None:
        if self._selection() is None:
            return
        code_id = choice.code_id
        if code_id is None:  # the researcher chose the "Create code" row: every missing level of the path is made
            code_id = self._create_path(choice.text)
            if code_id is None:
                return
        if self.code_selection(code_id) is not None:
            self.bar.box.clear()
            self.view.setFocus()

    def _create_path(self, path: str) -> CodeId | None:
        """'Theme > Subtheme > Code': the codes that do not exist yet, each under the one before."""
        parent: CodeId | None = None
        created = []
        for name in (part.strip() for part in path.split(PATH_SEPARATOR.strip())):
            book = self.service.codebook.codebook
            existing = next((c for c in book.children(parent) if book[c].name.lower() == name.lower()), None)
            if existing is not None:
                parent = existing
                continue
            parent = self._run(self.service.codebook.add_code, name, parent)
            if parent is None:
                return None
            created.append(name)
        if len(created) > 1:
            self.status.emit(f"Created {', '.join(repr(n) for n in created)}.")
        return parent

    def code_in_vivo(self) -> None:
        selected = self._selection()
        if selected is not None:  # an in-vivo code is one passage's words: it takes no number key
            self._run(self.service.codings.code_in_vivo, self.document_id, *selected)

    def code_turn(self, code_id: CodeId, offset: int) -> None:
        if self.document_id is not None and self._run(self.service.codings.code_turn, self.document_id, code_id,
                                                      offset) is not None:
            self._used(code_id)

    def uncode(self, coding_ids: list[CodingId]) -> None:
        self._run(self.service.codings.uncode, coding_ids)

    def select_coding(self, coding_id: CodingId) -> None:
        coding = self.service.codings.get(coding_id)
        if coding is not None:
            self.view.select_range(coding.start, coding.end)

    def set_extent_to_selection(self, coding_id: CodingId, extend: bool) -> None:
        selected = self._selection()
        if selected is not None:
            call = self.service.codings.extend if extend else self.service.codings.set_extent
            self._run(call, coding_id, *selected)

    # --------------------------------------------------------------------------------------------------- menus
    def _coding_menu(self, coding_ids: list[CodingId], menu: QMenu | None = None) -> QMenu:
        menu = menu or QMenu(self.view)
        book = self.service.codebook.codebook
        selected = self.view.selected_range()
        for coding_id in coding_ids:
            coding = self.service.codings.get(coding_id)
            if coding is None or coding.code_id not in book:
                continue
            name = book[coding.code_id].name
            menu.addAction(f"Uncode '{name}'", lambda c=coding_id: self.uncode([c]))
            menu.addAction(f"Memo on '{name}' Coding…", lambda c=coding_id: self.coding_memo_requested.emit(c))
            menu.addAction(f"Select '{name}' Coding", lambda c=coding_id: self.select_coding(c))
            if selected and selected != (coding.start, coding.end):
                menu.addAction(f"Extend '{name}' Coding to Take In the Selection",
                               lambda c=coding_id: self.set_extent_to_selection(c, extend=True))
                menu.addAction(f"Set '{name}' Coding to the Selection",
                               lambda c=coding_id: self.set_extent_to_selection(c, extend=False))
            menu.addSeparator()
        return menu

    def show_context_menu(self, where: QPoint, offset: int | None = None) -> None:
        if self.document_id is None:
            return
        menu = QMenu(self.view)
        book = self.service.codebook.codebook
        selected = self.view.selected_range()
        if offset is None:
            offset = self.view.offset_at(self.view.viewport().mapFromGlobal(where))
        keyed = [(n, c, book[c].name) for n, c in self.keys.pinned().items()]
        if self.service.project.readonly:  # reading only: copy, select a turn
            if turn := self.view.turn_at(offset):
                menu.addAction(f"Select {turn.speaker}'s Turn", lambda: self.view.select_turn(offset))
            menu.addAction("Copy", self.view.copy).setEnabled(bool(selected))
            self.exec_menu(menu, where)
            return
        if selected:
            code_menu = menu.addMenu("Code Selection As")
            for number, code_id, name in keyed:
                code_menu.addAction(f"&{number}  {name}", lambda c=code_id: self.code_selection(c))
            if keyed:
                code_menu.addSeparator()
            code_menu.addAction("Other Code… (Ctrl+K)", self.focus_quick_box)
            menu.addAction("In-Vivo Code (name a code after the selection)", self.code_in_vivo)
            menu.addAction("Memo on Selection…", self.memo_requested.emit)
            redact = menu.addMenu("Redact This")
            for kind, label in (("PERSON", "Person"), ("PLACE", "Place"), ("AGENCY", "Agency"), ("OTHER", "Other")):
                redact.addAction(label, lambda k=kind: self.redact_requested.emit(k))
        turn = self.view.turn_at(offset)
        if turn is not None:
            turn_menu = menu.addMenu(f"Code {turn.speaker}'s Whole Turn As")
            for number, code_id, name in keyed:
                turn_menu.addAction(f"&{number}  {name}", lambda c=code_id: self.code_turn(c, offset))
            turn_menu.addAction("Other Code…", lambda: self._choose_code_for_turn(offset))
            menu.addAction("Select This Turn", lambda: self.view.select_turn(offset))
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
        book = self.service.codebook.codebook
        if not book.codes:
            self.status.emit("Create a code first (Ctrl+Shift+N).")
            return
        code = choose_code(self.view, "Code whole turn", "Code:", book)
        if code is not None:
            self.code_turn(code.id, offset)
