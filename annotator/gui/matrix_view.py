"""Matrices: codes (the tree, subtrees rolled up or not; click a row's header to fold its subcodes) by an
attribute's values, participants (the case overview), documents or themes; each cell counts passages,
participants, documents or coded words, or a row or column percentage, shaded as a heat map; a cell opens its
passages in the Retrieval panel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
)

from annotator.analysis.matrix import Matrix
from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted
from annotator.gui.analysis_common import (
    GridModel,
    ResultView,
    ScopeBar,
    export,
    fit_grid,
)
from annotator.gui.widgets import ElidedLabel, compact
from annotator.services.project_service import ProjectService

COLUMNS = (("attribute", "Attribute values"), ("participants", "Participants (case overview)"),
           ("documents", "Documents"), ("codes", "Themes"))
MEASURES = (("passages", "Passages"), ("participants", "Participants"), ("documents", "Documents"),
            ("words", "Coded words"))
PERCENTAGES = ((None, "Counts"), ("row", "Row %"), ("column", "Column %"))
_TOTAL = object()  # the key of the totals row and column


class MatrixView(ResultView):
    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.matrix: Matrix | None = None
        self.collapsed: set = set()  # row keys whose subcodes are folded away
        self.columns = _combo(COLUMNS, "matrixColumns")
        self.attribute = compact(QComboBox(objectName="matrixAttribute"), 9)
        self.measure = _combo(MEASURES, "matrixMeasure")
        self.percentage = _combo(PERCENTAGES, "matrixPercentage")
        self.subcodes = QCheckBox("Roll up subcodes", checked=True,
                                  toolTip="A code's row counts its subcodes' passages too")
        self.scope_bar = ScopeBar(service, self)
        run = QPushButton("Run")
        run.clicked.connect(self.run)
        exporter = QToolButton(text="Export…", toolTip="The table to Excel, CSV or Word")
        exporter.clicked.connect(self.export)
        self.chart_button = QToolButton(text="Chart…", toolTip="The codes as bars, split by the attribute's values")
        self.chart_button.clicked.connect(self.chart)
        for combo in (self.columns, self.attribute):
            combo.activated.connect(lambda _i: self.run())
        for combo in (self.measure, self.percentage):
            combo.activated.connect(lambda _i: self._show())
        self.subcodes.toggled.connect(lambda _on: self.run())
        self.scope_bar.changed.connect(self.run)
        self.columns.currentIndexChanged.connect(lambda _i: (
            self.attribute.setEnabled(self.columns.currentData() == "attribute"),
            self.chart_button.setEnabled(self.columns.currentData() == "attribute")))
        first = QHBoxLayout()
        for widget in (self.columns, self.attribute, self.measure, self.percentage, self.subcodes):
            first.addWidget(widget)
        first.addStretch(1)
        second = QHBoxLayout()  # two rows of options, so the tab fits a small screen
        second.addWidget(self.scope_bar, 1)
        second.addWidget(run)
        second.addWidget(self.chart_button)
        second.addWidget(exporter)
        self.model = GridModel(self)
        self.table = QTableView(self, objectName="matrixTable")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.setWordWrap(False)
        self.table.activated.connect(self._on_cell)
        self.table.doubleClicked.connect(self._on_cell)
        self.table.verticalHeader().sectionClicked.connect(self._on_row_header)
        self.table.setMinimumHeight(self.fontMetrics().height() * 3)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.summary = ElidedLabel(self, "Choose what the columns are, then Run.")
        self.summary.setObjectName("matrixSummary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.refresh_attributes()

    def refresh_attributes(self) -> None:
        current = self.attribute.currentText()
        self.attribute.clear()
        self.attribute.addItems([a.name for a in self.service.people.attributes()])
        if current:
            self.attribute.setCurrentText(current)

    # ------------------------------------------------------------------------------------------------ run
    def run(self) -> Matrix | None:
        columns = self.columns.currentData()
        try:
            scope = self.scope_bar.scope()
            if columns == "codes":
                book = self.service.codebook.codebook
                matrix = self.service.analysis.matrix("codes", column_codes=book.children(None),
                                                      subcodes=self.subcodes.isChecked(), scope=scope)
            elif columns == "participants":
                matrix = self.service.analysis.case_overview(subcodes=self.subcodes.isChecked(), scope=scope)
            else:
                matrix = self.service.analysis.matrix(columns, attribute=self.attribute.currentText() or None,
                                                      subcodes=self.subcodes.isChecked(), scope=scope)
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return None
        self.matrix = matrix
        self.ran()
        self._show()
        return matrix

    def _value(self, row: int, column: int) -> float:
        matrix = self.matrix
        measure, percentage = self.measure.currentData(), self.percentage.currentData()
        rows, columns = len(matrix.rows), len(matrix.columns)
        if row < rows and column < columns:
            return matrix.value(row, column, measure, percentage)
        cell = (matrix.total if row == rows and column == columns else
                matrix.row_totals[row] if column == columns else matrix.column_totals[column])
        value = cell.measure(measure)
        if percentage is None:
            return value
        return 100.0 if value else 0.0

    def _show(self) -> None:
        matrix = self.matrix
        if matrix is None:
            return
        percent = self.percentage.currentData() is not None
        book = self.service.codebook.codebook
        rows = [book[h.key].name if h.key in book else h.label for h in matrix.rows]  # indented, so the tree shows
        codes = self.columns.currentData() == "codes"
        columns = [book[h.key].name if codes and h.key in book else h.label for h in matrix.columns]
        self.model.load(rows, columns, self._value,
                        text=(lambda v: f"{v:.0f}%") if percent else (lambda v: f"{v:,.0f}"),
                        depths=[h.depth for h in matrix.rows])
        fit_grid(self.table)
        self._fold()
        total = matrix.total.measure(self.measure.currentData())
        self.summary.setText(f"{counted(len(matrix.rows), 'code')} × {counted(len(matrix.columns), 'column')} · "
                             f"total {total:,} {self.measure.currentText().lower()}; double-click a cell for its "
                             "passages, click a code to fold its subcodes")

    # ------------------------------------------------------------------------------------------- folding
    def _on_row_header(self, row: int) -> None:
        if self.matrix is None or row >= len(self.matrix.rows):
            return
        key = self.matrix.rows[row].key
        self.collapsed ^= {key}
        self._fold()

    def _fold(self) -> None:
        rows = self.matrix.rows
        parents = {h.key: h.parent for h in rows}
        for i, header in enumerate(rows):
            hidden, up = False, header.parent
            while up is not None:
                if up in self.collapsed:
                    hidden = True
                    break
                up = parents.get(up)
            self.table.setRowHidden(i, hidden)

    # --------------------------------------------------------------------------------------------- cells
    def cell_passages(self, row: int, column: int) -> list:
        """A cell's codings (totals included), from a result as fresh as the project."""
        self.ensure_fresh()
        matrix = self.matrix
        rows, columns = len(matrix.rows), len(matrix.columns)
        cell = (matrix.cells[row][column] if row < rows and column < columns else
                matrix.total if row == rows and column == columns else
                matrix.row_totals[row] if column == columns else matrix.column_totals[column])
        return cell.passages

    def _on_cell(self, index) -> None:
        if self.matrix is None or not index.isValid():
            return
        row, column = index.row(), index.column()
        rows, columns = self.matrix.rows, self.matrix.columns
        row_key = rows[row].key if row < len(rows) else _TOTAL
        column_key = columns[column].key if column < len(columns) else _TOTAL
        names = self.model.row_labels
        what = (names[row] if row < len(rows) else "all codes") + " × " + (
            self.model.columns[column] if column < len(columns) else "every column")
        self.passages_chosen.emit(lambda: self.service.analysis.place(self._by_keys(row_key, column_key)), f"in {what}")

    def _by_keys(self, row_key, column_key) -> list:
        """The cell of this row and column (found again by what they stand for: a rerun may reorder them)."""
        self.ensure_fresh()
        rows = [h.key for h in self.matrix.rows] + [_TOTAL]
        columns = [h.key for h in self.matrix.columns] + [_TOTAL]
        if row_key not in rows or column_key not in columns:
            return []
        return self.cell_passages(rows.index(row_key), columns.index(column_key))

    def has_result(self) -> bool:
        return self.matrix is not None

    def on_changes(self, changes) -> None:
        if changes.participants:
            self.refresh_attributes()
        if changes.codings or changes.codes or changes.participants or changes.documents:
            self.mark_stale()

    def chart(self):
        """Code frequencies by the attribute's values, as bars (the chart the coded report carries)."""
        if self.matrix is None and self.run() is None:
            return None
        from annotator.gui.chart_canvas import ChartDialog
        from annotator.reports.charts import code_frequency_figure

        matrix, measure, percentage = self.matrix, self.measure.currentData(), self.percentage.currentData()
        attribute = self.attribute.currentText()
        try:
            dialog = ChartDialog(f"Codes by {attribute}", lambda: code_frequency_figure(
                matrix, measure=measure, percentage=percentage, attribute=attribute), self)
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return None
        dialog.show()
        return dialog

    def export(self) -> None:
        if self.matrix is None:
            self.summary.setText("Run the matrix first.")
            return
        export(self, self.service, self.matrix, "matrix", measure=self.measure.currentData(),
               percentage=self.percentage.currentData())


def _combo(items, name: str) -> QComboBox:
    combo = QComboBox(objectName=name)
    for key, label in items:
        combo.addItem(label, key)
    return compact(combo, 9)
