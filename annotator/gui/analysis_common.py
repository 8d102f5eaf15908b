"""What the analysis views share: the scope bar (participants, coder, participants' words only), a grid model for
matrices and co-occurrence tables shaded as a heat map whose cells know their passages, and exporting a result to
CSV, Excel or Word (and a chart to PNG or SVG)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from annotator.analysis.model import Scope
from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted
from annotator.gui.folders import save_path
from annotator.gui.row_table_model import Index, RowTableModel
from annotator.gui.theme import MIN_CONTRAST, contrast
from annotator.gui.widgets import choose_code, compact
from annotator.services.project_service import ProjectService

ALL_CODERS = "All coders"
TABLE_FILTERS = "Excel workbook (*.xlsx);;CSV (*.csv);;Word document (*.docx)"
CHART_FILTERS = "PNG picture (*.png);;SVG drawing (*.svg)"


class ResultView(QWidget):
    """An analysis tab: it runs, shows a result, and sends a cell's or row's passages to the Retrieval panel. When
    the project changes, a shown result is run again (at once if the tab is in view, else when it comes into view),
    so no number on screen is from before the change."""

    # A function giving the passages (fresh each time it is called: the Retrieval panel calls it again after a
    # change), and what they are.
    passages_chosen = Signal(object, str)

    # A result in view is run again once the researcher pauses (this long after the last change), not after every
    # coding: on a large project an analysis takes longer than a frame.
    PAUSE_MS = 400

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stale = False
        self._generation = -1  # the analysis snapshot the shown result comes from
        self._rerun = QTimer(self)
        self._rerun.setSingleShot(True)
        self._rerun.setInterval(self.PAUSE_MS)
        self._rerun.timeout.connect(self._refresh)

    def run(self):  # pragma: no cover - each view runs its own analysis
        raise NotImplementedError

    def ran(self) -> None:
        """Called by a view once it has a result: remember which snapshot it is from."""
        self._generation = self.service.analysis.generation()

    def ensure_fresh(self) -> None:
        """Run again if the project changed since the shown result (before reading a cell's passages)."""
        if self.has_result() and self._generation != self.service.analysis.generation():
            self.refresh()

    def has_result(self) -> bool:
        return False

    def mark_stale(self) -> None:
        if not self.has_result():
            return
        if self.isVisible():
            self._rerun.start()  # (again: a burst of changes is one run, after it)
        else:
            self._stale = True

    def _refresh(self) -> None:
        if not self.service.closed:
            self.refresh()

    def refresh(self) -> None:
        """Run again after a change (a view may do it without sending its passages anywhere)."""
        self.run()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()


class ScopeBar(QWidget):
    """Which participants, whose codings, and whether the interviewer's words count."""

    changed = Signal()

    def __init__(self, service: ProjectService, parent=None, *, participants_only: bool = False):
        super().__init__(parent)
        self.service = service
        self.where = QLineEdit(placeholderText="Participants, e.g. gender=female; age>=45 (blank: everyone)")
        self.where.setObjectName("scopeWhere")
        self.where.setClearButtonEnabled(True)
        self.where.returnPressed.connect(self.changed)
        self.coder = QComboBox()
        self.coder.setObjectName("scopeCoder")
        self.coder.addItems([ALL_CODERS, *service.analysis.coders()])
        self.coder.setToolTip("Count every coder's codings, or one coder's")
        self.coder.currentIndexChanged.connect(lambda _i: self.changed.emit())
        compact(self.coder, 9)
        self.documents = QToolButton(text="All documents", toolTip="Which documents the analysis reads")
        self.documents.setObjectName("scopeDocuments")
        self.documents.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._document_menu = QMenu(self.documents)
        self._document_menu.aboutToShow.connect(self._fill_documents)
        self.documents.setMenu(self._document_menu)
        self.chosen_documents: set | None = None  # None: all of them
        self.speech = QCheckBox("Participants only")
        self.speech.setToolTip("Participants' words only: leave the interviewer's turns out")
        self.speech.setChecked(participants_only)
        self.speech.toggled.connect(lambda _on: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.where, 1)
        layout.addWidget(self.documents)
        layout.addWidget(self.coder)
        layout.addWidget(self.speech)

    def scope(self) -> Scope:
        """The scope chosen; a filter that cannot be read raises AnnotatorError (never an empty result)."""
        coder = self.coder.currentText()
        return self.service.analysis.scope(where=[p for p in self.where.text().split(";") if p.strip()],
                                           documents=sorted(self.chosen_documents)
                                           if self.chosen_documents is not None else None,
                                           coders=None if coder == ALL_CODERS else [coder],
                                           participant_turns_only=self.speech.isChecked())

    def _fill_documents(self) -> None:
        menu = self._document_menu
        menu.clear()
        everything = menu.addAction("All documents", lambda: self.choose_documents(None))
        everything.setCheckable(True)
        everything.setChecked(self.chosen_documents is None)
        menu.addSeparator()
        for document in self.service.documents(shares=False):
            action = menu.addAction(document.name, lambda checked, d=document.id: self._toggle(d, checked))
            action.setCheckable(True)
            action.setChecked(self.chosen_documents is None or document.id in self.chosen_documents)

    def _toggle(self, document_id, checked: bool) -> None:
        chosen = set(self.chosen_documents if self.chosen_documents is not None
                     else (d.id for d in self.service.documents(shares=False)))
        (chosen.add if checked else chosen.discard)(document_id)
        self.choose_documents(None if len(chosen) == len(self.service.documents(shares=False)) else chosen)

    def choose_documents(self, documents) -> None:
        """Some documents (ids), or None for all of them."""
        self.chosen_documents = set(documents) if documents is not None else None
        count = len(self.chosen_documents) if self.chosen_documents is not None else None
        self.documents.setText("All documents" if count is None else counted(count, "document"))
        self.changed.emit()

    def describe(self) -> str:
        parts = [self.where.text().strip()] if self.where.text().strip() else []
        if self.coder.currentText() != ALL_CODERS:
            parts.append(f"coded by {self.coder.currentText()}")
        if self.chosen_documents is not None:
            parts.append(counted(len(self.chosen_documents), "document"))
        if self.speech.isChecked():
            parts.append("participants' words")
        return "; ".join(parts)


class GridModel(RowTableModel):
    """Rows × columns of numbers, the last row and column totals, shaded by value. `value(r, c)` gives a cell's
    number (totals at r == len(rows) or c == len(columns)); `text(v)` formats it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.row_labels: list[str] = []
        self.row_depths: list[int] = []
        self.value: Callable[[int, int], float] = lambda r, c: 0
        self.text: Callable[[float], str] = lambda v: f"{v:g}"
        self.totals = True
        self._max = 1.0

    def load(self, rows: list[str], columns: list[str], value: Callable[[int, int], float], *,
             text: Callable[[float], str] | None = None, depths: list[int] | None = None, totals: bool = True) -> None:
        self.beginResetModel()
        self.row_labels, self.row_depths = rows, depths or [0] * len(rows)
        self.columns = (*columns, "Total") if totals else tuple(columns)
        self.value, self.totals = value, totals
        self.text = text or (lambda v: f"{v:g}")
        self.rows = list(range(len(rows) + (1 if totals else 0)))
        body = [value(r, c) for r in range(len(rows)) for c in range(len(columns))]
        self._max = max(body, default=0) or 1.0
        self.endResetModel()

    def is_total(self, index: Index) -> bool:
        return self.totals and (index.row() == len(self.row_labels) or index.column() == len(self.columns) - 1)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            if section == len(self.row_labels):
                return "Total"
            return "    " * self.row_depths[section] + self.row_labels[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:  # headers are elided to keep the numbers in view
            return self.headerData(section, orientation, Qt.ItemDataRole.DisplayRole).strip()
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.value(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(value)
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.is_total(index):
            font = QFont()
            font.setBold(True)
            return font
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and not self.is_total(index):
            background, foreground = heat(value / self._max, self.parent().palette() if self.parent() else QPalette())
            return background if role == Qt.ItemDataRole.BackgroundRole else foreground
        return None

    def cell(self, index: QModelIndex) -> tuple[int, int]:
        return index.row(), index.column()


def code_all_with(parent: QWidget, service: ProjectService, passages, noun: str) -> str | None:
    """Ask for a code and code every passage with it, as one undoable step; what to tell the researcher (None if
    they cancelled). Passages already coded so by them are left out."""
    if not passages:
        return f"There are no {noun}s to code."
    code = choose_code(parent, "Code all", f"Code {counted(len(passages), noun)} with:", service.codebook.codebook)
    if code is None:
        return None if service.codebook.codebook.codes else "Create a code first (Ctrl+Shift+N)."
    try:
        done = service.analysis.code_all(passages, code.id)
    except AnnotatorError as exc:
        return str(exc)
    return f"Coded {counted(done, noun)} with '{code.name}' (one step to undo)."


def fit_grid(table) -> None:
    """Columns as wide as their numbers, headers elided past a width; rows one line high."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    cap = table.fontMetrics().horizontalAdvance("x" * 16)
    for column in range(table.model().columnCount()):
        table.setColumnWidth(column, min(cap, table.columnWidth(column)))
    table.verticalHeader().setMaximumWidth(table.fontMetrics().horizontalAdvance("x" * 40))


def heat(share: float, palette: QPalette) -> tuple[QColor, QColor]:
    """A cell's shade (the palette's highlight mixed into its base by the value's share of the largest) and a
    text colour that reads on it."""
    base, mark = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Highlight)
    share = max(0.0, min(1.0, share)) * 0.85
    shade = QColor(round(mark.red() * share + base.red() * (1 - share)),
                   round(mark.green() * share + base.green() * (1 - share)),
                   round(mark.blue() * share + base.blue() * (1 - share)))
    text = palette.color(QPalette.ColorRole.Text)
    other = palette.color(QPalette.ColorRole.HighlightedText)
    return shade, text if contrast(shade, text) >= max(MIN_CONTRAST, contrast(shade, other)) else other


def export(parent: QWidget, service: ProjectService, result, name: str, *, figure=None, **options) -> Path | None:
    """Ask where, then write the result's table (.xlsx, .csv, .docx) or its chart (.png, .svg). `figure` makes
    the chart afresh (the one on screen wears the screen's colours)."""
    filters = TABLE_FILTERS + (";;" + CHART_FILTERS if figure is not None else "")
    path = save_path(parent, "Export", f"{name}.xlsx", filters, project=service.path)
    if not path:
        return None
    target = Path(path)
    try:
        if target.suffix.lower() in (".png", ".svg"):
            from annotator.reports.charts import save_figure

            save_figure(figure(), target)
        else:
            service.analysis.export(result, target, **options)
    except AnnotatorError as exc:
        parent.window()._show_error(str(exc))
        return None
    except OSError as exc:
        parent.window()._show_error(f"Could not write {target.name} ({exc.strerror}).")
        return None
    parent.window().show_status(f"Exported to {target.name}")
    return target
