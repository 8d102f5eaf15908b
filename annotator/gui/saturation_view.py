"""Saturation (Guest, Namey & Chen 2020): for each interview in interview order, the codes it brought first, the
running total and each run's share of new information; whether and where saturation is reached under the base
size, run length and threshold chosen; as a chart and a table. A row opens the passages of its new codes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
)

from annotator.analysis.saturation import Saturation
from annotator.core.errors import AnnotatorError
from annotator.gui.analysis_common import ALL_CODERS, ResultView, ScopeBar, export
from annotator.gui.chart_canvas import ChartCanvas
from annotator.gui.row_table_model import Index, RowTableModel
from annotator.gui.widgets import ElidedLabel, make_table
from annotator.services.project_service import ProjectService

DEPTHS = (("codes", "Every code"), ("subthemes", "Subthemes"), ("themes", "Themes"))


class InterviewModel(RowTableModel):
    columns = ("#", "Interview", "New", "Codes first applied here", "Total", "Run ending here")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: Saturation | None = None
        self.names = lambda code: str(code)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.result is None:
            return None
        interview = self.rows[index.row()]
        run = self.result.run_ending_at(interview.number)
        if role == Qt.ItemDataRole.DisplayRole:
            ratio = f"{run.ratio:.0%}" + (" ≤ threshold" if run.at_or_below else "") if run else (
                "base" if interview.in_base else "")
            return (interview.number, interview.label, len(interview.new),
                    ", ".join(self.names(c) for c in interview.new), interview.cumulative, ratio)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return "\n".join(self.names(c) for c in interview.new) or "No new code"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SaturationView(ResultView):
    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.result: Saturation | None = None
        self.depth = QComboBox(objectName="saturationDepth")
        for key, label in DEPTHS:
            self.depth.addItem(label, key)
        self.base = QSpinBox(minimum=1, maximum=50, value=4, prefix="base ", toolTip="Interviews in the base")
        self.run_length = QSpinBox(minimum=1, maximum=20, value=2, prefix="run ", toolTip="Interviews in each run")
        self.threshold = QDoubleSpinBox(minimum=0, maximum=100, value=5, decimals=1, singleStep=1, suffix=" %",
                                        toolTip="A run with this share of new information or less shows saturation")
        self.scope_bar = ScopeBar(service, self)
        exporter = QToolButton(text="Export…", toolTip="The table (Excel, CSV, Word) or the chart (PNG, SVG)")
        exporter.clicked.connect(self.export)
        for combo in (self.depth,):
            combo.activated.connect(lambda _i: self.run())
        for spin in (self.base, self.run_length, self.threshold):
            spin.valueChanged.connect(lambda _v: self.run())
        self.scope_bar.changed.connect(self.run)
        top = QHBoxLayout()
        for widget in (QLabel("Count"), self.depth, self.base, self.run_length, self.threshold):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(exporter)
        self.verdict = ElidedLabel(self, "")
        self.verdict.setObjectName("saturationVerdict")
        self.chart = ChartCanvas(self)
        self.model = InterviewModel(self)
        self.table = make_table(self, self.model, name="saturationTable")
        self.table.activated.connect(self._on_row)
        self.table.doubleClicked.connect(self._on_row)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setSizes([420, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.scope_bar)
        layout.addWidget(self.verdict)
        layout.addWidget(split, 1)

    def _coder(self) -> str | None:
        coder = self.scope_bar.coder.currentText()
        return None if coder == ALL_CODERS else coder

    def run(self) -> Saturation | None:
        try:
            scope = self.scope_bar.scope()
            self.result = self.service.analysis.saturation(
                depth=self.depth.currentData(), base_size=self.base.value(), run_length=self.run_length.value(),
                threshold=self.threshold.value() / 100, scope=scope)
        except AnnotatorError as exc:
            self.verdict.setText(str(exc))
            return None
        self.ran()
        result = self.result
        book = self.service.codebook.codebook
        self.model.result = result
        self.model.names = lambda c: book[c].name if c in book else str(c)
        self.model.set_rows(list(result.interviews))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), 320))
        if result.note:
            self.verdict.setText(result.note)
        elif result.reached:
            run = result.run
            self.verdict.setText(
                f"Saturation reached at {result.label}: the {result.run_length} interviews after interview "
                f"{result.reached_at} brought {run.new} new code{'s' if run.new != 1 else ''}, {run.ratio:.0%} of the "
                f"{result.base_codes} in the base (threshold {result.threshold:.0%}).")
        else:
            self.verdict.setText(f"Saturation not reached: no run of {result.run_length} interviews brought "
                                 f"{result.threshold:.0%} or less new information (base of {result.base_size}).")
        from annotator.reports.charts import saturation_figure

        figure = saturation_figure(result)
        axes = figure.axes[0]  # in a panel there is no room for slanted names: numbers, the names are in the table
        axes.set_xticks([i.number for i in result.interviews], [str(i.number) for i in result.interviews],
                        rotation=0, ha="center")
        axes.set_xlabel("Interview, in interview order (names in the table)")
        for note in list(axes.texts):  # the verdict above says what these say, and a panel has no room for them
            note.remove()
        self.chart.show_figure(figure)
        return result

    def _on_row(self, index) -> None:
        if self.result is None or not index.isValid():
            return
        interview = self.model.rows[index.row()]
        number, depth, coder = interview.number, self.depth.currentData(), self._coder()

        def passages():
            self.ensure_fresh()
            return self.service.analysis.place(self.service.analysis.new_code_passages(
                self.result, number, depth=depth, coder=coder, scope=self.scope_bar.scope()))

        self.passages_chosen.emit(passages, f"of the codes first applied in {interview.label}")

    def has_result(self) -> bool:
        return self.result is not None

    def on_changes(self, changes) -> None:
        if changes.codings or changes.codes or changes.documents:
            self.mark_stale()

    def export(self) -> None:
        if self.result is None:
            self.run()
        if self.result is None:
            return
        from annotator.reports.charts import saturation_figure

        result = self.result
        export(self, self.service, result, "saturation", figure=lambda: saturation_figure(result))
