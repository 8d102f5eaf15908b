"""Small pieces the panels share: a row-selecting table, a label that elides instead of widening the window,
counted nouns, and running a service call that may refuse."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSizePolicy,
    QStyledItemDelegate,
    QTableView,
    QToolBar,
    QToolButton,
)

from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted

__all__ = ["choose_code", "compact", "edits", "ElideLeftDelegate", "ElidedLabel", "ReportsErrors", "counted", "make_table", "make_toolbar",
           "toolbar_button"]


def make_table(parent, model, *, multi: bool = False, name: str = "") -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab moves on to the next widget instead of cell by cell
    table.horizontalHeader().setHighlightSections(False)  # headers never turn bold with a selected row
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    table.setMinimumHeight(table.fontMetrics().height() * 4)  # a header and a few rows: panels fold small screens
    return table


def make_toolbar(parent, actions, *, name: str = "") -> QToolBar:
    """A row of buttons that folds what does not fit behind a » button, so a narrow panel (a small screen, a large
    scale factor) never forces the window wider than the screen. `actions` are (text, tooltip, slot)."""
    bar = QToolBar(parent)
    bar.setObjectName(name)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    bar.setIconSize(QSize(1, 1))
    for text, tip, slot in actions:
        action = bar.addAction(text, slot)
        action.setToolTip(tip or text)
    return bar


def toolbar_button(bar: QToolBar, text: str) -> QToolButton:
    """The button a toolbar shows for its action called `text` (for tests and for focus)."""
    action = next(a for a in bar.actions() if a.text() == text)
    return bar.widgetForAction(action)


def edits(thing):
    """Mark a button, action or box as one that changes the project: a read-only window disables it."""
    thing.setProperty("edits", True)
    return thing


def choose_code(parent, title: str, label: str, book, exclude=()):
    """Ask for one code of the codebook by its path (those in `exclude` left out); the Code, or None when there is
    none to choose or the researcher cancels."""
    from PySide6.QtWidgets import QInputDialog

    paths = [book.path(c) for c in book.tree_order() if c not in set(exclude)]
    if not paths:
        return None
    choice, ok = QInputDialog.getItem(parent, title, label, paths, 0, False)
    return book.by_path(choice) if ok else None


def compact(combo, characters: int = 10):
    """A combo box as narrow as `characters` (its list still shows whole items): rows of options then fit a
    small screen or a scale factor of 2."""
    combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
    return combo


class ElideLeftDelegate(QStyledItemDelegate):
    """Cells that lose their start, not their end, when too narrow: text that leads up to the next column (the
    words before a mention or a keyword)."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class ElidedLabel(QLabel):
    """One line of plain text that shortens with '…' to the room it has: a long code name or path never widens
    the window past the screen. The whole text is in the tooltip."""

    def __init__(self, parent=None, text: str = ""):
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self.setToolTip(text if self.fontMetrics().horizontalAdvance(text) > self.width() else "")
        super().setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(self.width(), 40)))

    def text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(10, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))
        self.setToolTip(self._full if self.fontMetrics().horizontalAdvance(self._full) > self.width() else "")


class ReportsErrors:
    """For widgets with an `error` signal: run a call, and turn a refusal into one message for the researcher."""

    def _run(self, action, *args):
        try:
            return action(*args)
        except AnnotatorError as exc:
            self.error.emit(str(exc))
            return None
