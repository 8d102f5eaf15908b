"""The quick-code bar over the transcript: a box where typing part of a code's name lists the matching codes (the
first highlighted, Enter takes the highlighted row, a new code only from an explicit "Create code …" row), and the
number keys 1-9 as buttons, each pinned to one code until the researcher changes it (as MAXQDA's favourites)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from annotator.core.codebook import PATH_SEPARATOR, Codebook
from annotator.core.ids import CodeId

MAX_ROWS = 12
_CREATE = -1  # the role value of the "Create code" row


@dataclass(frozen=True)
class Choice:
    code_id: CodeId | None  # None: create `text` as a new code
    text: str


def matches(book: Codebook, typed: str) -> list[CodeId]:
    """Codes whose path contains what was typed, best first: the name starting with it, then the name containing
    it, then only the path; shorter paths before longer."""
    wanted = " ".join(typed.lower().split())
    if not wanted:
        return []
    ranked = []
    for code_id in book.tree_order():
        name, path = book[code_id].name.lower(), book.path(code_id).lower()
        if name.startswith(wanted) or path.startswith(wanted):
            rank = 0
        elif wanted in name:
            rank = 1
        elif wanted in path:
            rank = 2
        else:
            continue
        ranked.append((rank, len(path), code_id))
    return [code_id for *_, code_id in sorted(ranked)]


def exact(book: Codebook, typed: str) -> CodeId | None:
    """The code the text names exactly: its path, or a name no other code has (any case)."""
    code = book.by_path(typed)
    if code is not None:
        return code.id
    named = [c.id for c in book.codes.values() if c.name.lower() == " ".join(typed.lower().split())]
    return named[0] if len(named) == 1 else None


class QuickCodeBox(QLineEdit):
    chosen = Signal(object)  # Choice
    cancelled = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("quickCodeBox")
        self.setPlaceholderText("Quick code (Ctrl+K): type a code")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 34))
        self.book = Codebook()
        self.keys: dict[CodeId, int] = {}
        self.popup = QListWidget(self)
        self.popup.setObjectName("quickCodeMatches")
        self.popup.setWindowFlags(Qt.WindowType.ToolTip)  # floats over the transcript, never takes the focus
        self.popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.popup.setUniformItemSizes(True)
        self.popup.itemClicked.connect(lambda item: self._take(item))
        self.textEdited.connect(self._on_edited)

    def set_codes(self, book: Codebook, keys: dict[CodeId, int]) -> None:
        self.book, self.keys = book, dict(keys)
        if self.popup.isVisible():
            self._on_edited(self.text())

    # -------------------------------------------------------------------------------------------------- list
    def _on_edited(self, text: str) -> None:
        self.popup.clear()
        typed = " ".join(text.split())
        if not typed:
            self.popup.hide()
            return
        for code_id in matches(self.book, typed)[:MAX_ROWS]:
            key = self.keys.get(code_id)
            item = QListWidgetItem(f"{self.book.path(code_id)}" + (f"   [{key}]" if key else ""))
            item.setData(Qt.ItemDataRole.UserRole, code_id)
            self.popup.addItem(item)
        if exact(self.book, typed) is None:
            parent, _, name = typed.rpartition(PATH_SEPARATOR.strip())
            where = ""
            if parent.strip():
                new = "" if self.book.by_path(parent.strip()) is not None else "new code "
                where = f" under {new}'{parent.strip()}'"
            item = QListWidgetItem(f"Create code '{name.strip()}'{where}")
            item.setData(Qt.ItemDataRole.UserRole, _CREATE)
            item.setForeground(self.palette().placeholderText())
            self.popup.addItem(item)
        self.popup.setCurrentRow(0)
        self._place_popup()

    def _place_popup(self) -> None:
        rows = min(self.popup.count(), MAX_ROWS + 1)
        height = rows * max(self.popup.sizeHintForRow(0), self.fontMetrics().height() + 4) + 6
        width = max(self.width(), min(560, self.popup.sizeHintForColumn(0) + 24))
        self.popup.setPalette(self.palette())  # a floating window would otherwise take the tooltip colours
        self.popup.setGeometry(self.mapToGlobal(QPoint(0, self.height())).x(),
                               self.mapToGlobal(QPoint(0, self.height())).y(), width, height)
        self.popup.show()

    def _take(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        value = item.data(Qt.ItemDataRole.UserRole)
        self.popup.hide()
        self.chosen.emit(Choice(None if value == _CREATE else CodeId(value), " ".join(self.text().split())))

    def current_choice_text(self) -> str:
        item = self.popup.currentItem()
        return item.text() if item is not None and self.popup.isVisible() else ""

    # -------------------------------------------------------------------------------------------------- keys
    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.popup.isVisible():
            step = 1 if key == Qt.Key.Key_Down else -1
            self.popup.setCurrentRow(max(0, min(self.popup.count() - 1, self.popup.currentRow() + step)))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.popup.isVisible():
                self._take(self.popup.currentItem())
            elif self.text().strip():
                found = exact(self.book, self.text())
                if found is not None:
                    self.chosen.emit(Choice(found, self.text().strip()))
                else:  # never a silent new code: show the choices
                    self._on_edited(self.text())
            return
        if key == Qt.Key.Key_Escape:
            if self.popup.isVisible():
                self.popup.hide()
            else:
                self.clear()
                self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        self.popup.hide()
        super().focusOutEvent(event)

    def event(self, event) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize) and self.popup.isVisible():
            self._place_popup()
        return super().event(event)


class QuickCodeBar(QWidget):
    """The box, then one button per number key: click (or press the number in the transcript) to code with it."""

    key_clicked = Signal(int)
    unpin_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("quickCodeBar")
        self.box = QuickCodeBox(self)
        self._keys = QWidget(self)
        self._keys.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never squeezes the box
        self._key_layout = QHBoxLayout(self._keys)
        self._key_layout.setContentsMargins(0, 0, 0, 0)
        self._key_layout.setSpacing(2)
        self.buttons: list[QToolButton] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.box, 0)
        layout.addWidget(self._keys, 1)

    def set_keys(self, pinned: list[tuple[int, str, str]]) -> None:
        """[(number, code name, code path)] in number order."""
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        while self._key_layout.count():
            self._key_layout.takeAt(0)
        for number, name, path in pinned:
            button = QToolButton(self._keys)
            button.setObjectName(f"quickKey{number}")
            label = self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, 130)
            button.setText(f"{number}  {label}")
            button.setToolTip(f"Press {number} in the transcript to code the selection with '{path}'. "
                              "Right-click to free the key.")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the transcript keeps its selection and focus
            button.clicked.connect(lambda _=False, n=number: self.key_clicked.emit(n))
            button.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            button.customContextMenuRequested.connect(lambda _p, n=number, b=button: self._on_key_menu(n, b))
            self._key_layout.addWidget(button)
            self.buttons.append(button)
        if not pinned:
            hint = QToolButton(self._keys)
            hint.setText("Number keys: right-click a code, Quick-Code Key")
            hint.setAutoRaise(True)
            hint.setEnabled(False)
            self._key_layout.addWidget(hint)
            self.buttons.append(hint)
        self._key_layout.addStretch(1)

    def _on_key_menu(self, number: int, button: QToolButton) -> None:
        menu = QMenu(self)
        menu.addAction(f"Free Key {number}", lambda: self.unpin_requested.emit(number))
        menu.exec(button.mapToGlobal(QPoint(0, button.height())))
