"""Code co-occurrence: code × code, where both are applied to overlapping text or in the same speaker turn; the
count or ATLAS.ti's coefficient c = n12 / (n1 + n2 - n12), shaded; a cell opens the passages where both occur."""

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

from annotator.analysis.cooccurrence import Cooccurrence
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

RELATIONS = (("overlap", "On overlapping text"), ("turn", "In the same speaker turn"))


class CooccurrenceView(ResultView):
    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.result: Cooccurrence | None = None
        self.relation = QComboBox(objectName="cooccurrenceRelation")
        for key, label in RELATIONS:
            self.relation.addItem(label, key)
        compact(self.relation, 12)
        self.coefficient = QCheckBox("Coefficient c", toolTip="n12 / (n1 + n2 - n12): 0 never together, 1 always")
        self.subcodes = QCheckBox("Roll up subcodes", toolTip="A code counts its subcodes' passages too")
        self.themes = QCheckBox("Themes only", toolTip="Only the top-level codes (themes)")
        self.scope_bar = ScopeBar(service, self)
        run = QPushButton("Run")
        run.clicked.connect(self.run)
        exporter = QToolButton(text="Export…", toolTip="The table to Excel, CSV or Word")
        exporter.clicked.connect(self.export)
        self.network_button = QToolButton(text="Network…", toolTip="The codes most often together as a network: "
                                          "circles sized by each code's frequency, lines by the pair's (or by c)")
        self.network_button.clicked.connect(self.network)
        self.relation.activated.connect(lambda _i: self.run())
        for box in (self.subcodes, self.themes):
            box.toggled.connect(lambda _on: self.run())
        self.coefficient.toggled.connect(lambda _on: self._show())
        self.scope_bar.changed.connect(self.run)
        top = QHBoxLayout()
        for widget in (self.relation, self.coefficient, self.subcodes, self.themes):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(run)
        top.addWidget(self.network_button)
        top.addWidget(exporter)
        self.model = GridModel(self)
        self.table = QTableView(self, objectName="cooccurrenceTable")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.activated.connect(self._on_cell)
        self.table.doubleClicked.connect(self._on_cell)
        self.table.setMinimumHeight(self.fontMetrics().height() * 3)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.summary = ElidedLabel(self, "Run to see which codes are applied together.")
        self.summary.setObjectName("cooccurrenceSummary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.scope_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def run(self) -> Cooccurrence | None:
        book = self.service.codebook.codebook
        codes = book.children(None) if self.themes.isChecked() else None
        try:
            self.result = self.service.analysis.cooccurrence(codes, relation=self.relation.currentData(),
                                                             subcodes=self.subcodes.isChecked(),
                                                             scope=self.scope_bar.scope())
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return None
        self.ran()
        self._show()
        return self.result

    def _show(self) -> None:
        result = self.result
        if result is None:
            return
        book = self.service.codebook.codebook
        labels = [book[h.key].name if h.key in book else h.label for h in result.codes]
        if self.coefficient.isChecked():
            self.model.load(labels, labels, lambda i, j: result.coefficient(i, j) if i != j else 0.0,
                            text=lambda v: f"{v:.2f}" if v else "", totals=False)
        else:
            self.model.load(labels, labels, lambda i, j: result.count(i, j) if i != j else 0,
                            text=lambda v: f"{v:,.0f}" if v else "", totals=False)
        fit_grid(self.table)
        pairs = result.pairs()
        top = ""
        if pairs:
            i, j, n, _c = pairs[0]
            top = f"; most often together: {labels[i]} and {labels[j]} ({n})"
        self.summary.setText(f"{counted(len(pairs), 'pair')} of codes applied together{top}")

    def _on_cell(self, index) -> None:
        if self.result is None or not index.isValid() or index.row() == index.column():
            return
        a, b = self.result.codes[index.row()].key, self.result.codes[index.column()].key
        names = self.model.row_labels
        what = f"where {names[index.row()]} and {names[index.column()]} occur together"
        self.passages_chosen.emit(lambda: self.service.analysis.place(self.pair_passages(a, b)), what)

    def pair_passages(self, a, b) -> list:
        """Where codes a and b occur together, from a result as fresh as the project."""
        self.ensure_fresh()
        keys = [h.key for h in self.result.codes]
        if a not in keys or b not in keys:
            return []
        return self.result.passages(keys.index(a), keys.index(b))

    def has_result(self) -> bool:
        return self.result is not None

    def on_changes(self, changes) -> None:
        if changes.codings or changes.codes or changes.documents or changes.speaker_turns:
            self.mark_stale()

    def network(self):
        """The table as a network picture, in a window of its own with Export (PNG or SVG)."""
        if self.result is None and self.run() is None:
            return None
        from annotator.gui.chart_canvas import ChartDialog
        from annotator.reports.network_chart import cooccurrence_network_figure

        result, measure = self.result, "coefficient" if self.coefficient.isChecked() else "count"
        try:
            dialog = ChartDialog("Code co-occurrence network",
                                 lambda: cooccurrence_network_figure(result, measure=measure), self)
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return None
        dialog.show()
        return dialog

    def export(self) -> None:
        if self.result is None:
            self.summary.setText("Run the table first.")
            return
        export(self, self.service, self.result, "co-occurrence", coefficient=self.coefficient.isChecked())
