"""Word frequencies over all text, the code selected in the Codebook, or the last query's results (participants'
words only by default), stemmed or exact, without the project's stop words (editable); a word shows its lines in
context (KWIC), which open in the transcript and can be coded from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.analysis.frequencies import Frequencies, KeywordLine
from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted
from annotator.gui.analysis_common import ResultView, ScopeBar, code_all_with, export
from annotator.gui.chart_canvas import ChartCanvas
from annotator.gui.row_table_model import Index, RowTableModel
from annotator.gui.widgets import ElidedLabel, compact, edits, make_table
from annotator.services.analysis_service import TextSource
from annotator.services.project_service import ProjectService

SOURCES = (("all", "All text"), ("code", "The code selected in the Codebook"), ("query", "The last query's results"))


class WordModel(RowTableModel):
    columns = ("Word", "Count", "%", "Forms")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        w = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (w.word, f"{w.count:,}", f"{w.share:.2f}", ", ".join(f"{f} {n}" for f, n in w.forms[:6]))[
                index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class KeywordModel(RowTableModel):
    columns = ("Document", "Before", "Word", "After")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.names: dict = {}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line: KeywordLine = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.names.get(line.document_id, ""), line.before, line.keyword, line.after)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StopWordsDialog(QDialog):
    def __init__(self, words: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Stop words")
        self.setObjectName("stopWordsDialog")
        self.edit = QPlainTextEdit("\n".join(words))
        self.edit.setTabChangesFocus(True)
        self.reset = False
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self._on_reset)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Words left out of frequencies, one a line (or separated by commas):"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(buttons)
        self.resize(360, 480)

    def _on_reset(self) -> None:
        self.reset = True
        self.accept()

    def words(self) -> list[str]:
        return [w for line in self.edit.toPlainText().splitlines() for w in line.split(",") if w.strip()]


class FrequencyView(ResultView):
    def __init__(self, service: ProjectService, parent=None, *, current_code=lambda: None, last_query=lambda: None):
        super().__init__(parent)
        self.service = service
        self.current_code, self.last_query = current_code, last_query
        self.result: Frequencies | None = None
        self._source: TextSource | None = None
        self.source = QComboBox(objectName="frequencySource")
        for key, label in SOURCES:
            self.source.addItem(label, key)
        compact(self.source, 12)
        self.stemmed = QCheckBox("Stemmed", toolTip="Count 'pay', 'paid', 'paying' as one word")
        self.min_length = QSpinBox(minimum=1, maximum=20, value=3, prefix="at least ", suffix=" letters")
        self.scope_bar = ScopeBar(service, self, participants_only=True)
        run = QPushButton("Run")
        run.clicked.connect(self.run)
        stop = QToolButton(text="Stop Words…", toolTip="The words left out (this project's list)")
        stop.clicked.connect(self.edit_stop_words)
        exporter = QToolButton(text="Export…", toolTip="The word list to Excel, CSV or Word")
        exporter.clicked.connect(self.export)
        self.source.activated.connect(lambda _i: self.run())
        self.stemmed.toggled.connect(lambda _on: self.run())
        self.min_length.valueChanged.connect(lambda _v: self.run())
        self.scope_bar.changed.connect(self.run)
        top = QHBoxLayout()
        for widget in (self.source, self.stemmed, self.min_length):
            top.addWidget(widget)
        top.addStretch(1)
        for widget in (run, stop, exporter):
            top.addWidget(widget)
        self.summary = ElidedLabel(self, "Run to count the words.")
        self.summary.setObjectName("frequencySummary")
        self.words = WordModel(self)
        self.word_table = make_table(self, self.words, name="wordTable")
        self.word_table.selectionModel().currentRowChanged.connect(lambda current, _p: self._on_word(current))
        self.lines = KeywordModel(self)
        self.line_table = make_table(self, self.lines, multi=True, name="keywordTable")
        self.line_table.activated.connect(self._on_line)
        self.line_table.doubleClicked.connect(self._on_line)
        code_lines = QToolButton(text="Code Lines With…", toolTip="Code the selected keyword lines (the word, or "
                                 "the selected lines' sentences) with a code, in one undoable step")
        code_lines.clicked.connect(self.code_lines)
        edits(code_lines)
        edits(stop)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        line_bar = QHBoxLayout()
        self.keyword_summary = ElidedLabel(self, "Select a word for its lines in context.")
        line_bar.addWidget(self.keyword_summary, 1)
        line_bar.addWidget(code_lines)
        right.addLayout(line_bar)
        right.addWidget(self.line_table, 1)
        self.cloud = ChartCanvas(self)
        self.cloud.setToolTip("Click a word for its lines in context")
        self.left = QTabWidget(self)
        self.left.setObjectName("frequencyTabs")
        self.left.addTab(self.word_table, "Words")
        self.left.addTab(self.cloud, "Cloud")
        self.left.currentChanged.connect(lambda _i: self._draw_cloud())
        self._cloud_of = None  # the result the cloud was drawn from
        holder = QSplitter(Qt.Orientation.Horizontal, self)
        holder.addWidget(self.left)
        box = QWidget(holder)
        box.setLayout(right)
        holder.addWidget(box)
        holder.setSizes([360, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.scope_bar)
        layout.addWidget(self.summary)
        layout.addWidget(holder, 1)

    # ------------------------------------------------------------------------------------------------ run
    def _text_source(self) -> TextSource | None:
        kind = self.source.currentData()
        if kind == "code":
            code = self.current_code()
            if code is None:
                self.summary.setText("Select a code in the Codebook first.")
                return None
            return TextSource(code_id=code)
        if kind == "query":
            result = self.last_query()
            if result is None:
                self.summary.setText("Run a coding query first (the Query tab).")
                return None
            return TextSource(result=result)
        return TextSource()

    def run(self) -> Frequencies | None:
        source = self._text_source()
        if source is None:
            return None
        try:
            scope = self.scope_bar.scope()
            self.result = self.service.analysis.frequencies(source, stemmed=self.stemmed.isChecked(),
                                                            min_length=self.min_length.value(), scope=scope)
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return None
        self._source = source
        self.ran()
        self.words.set_rows(list(self.result.words[:2000]))
        self.word_table.resizeColumnsToContents()
        self.lines.set_rows([])
        self._draw_cloud()
        self.summary.setText(f"{counted(self.result.total_words, 'word')} read, {counted(self.result.counted_words, 'word')}"
                             f" counted, {counted(len(self.result.words), 'different word')}"
                             + (" (the first 2,000 listed)" if len(self.result.words) > 2000 else ""))
        return self.result

    def _draw_cloud(self) -> None:
        """Drawn when the Cloud tab is in view, once for each result (laying out a cloud takes a moment)."""
        if self.left.currentWidget() is not self.cloud or self.result is None or self._cloud_of is self.result:
            return
        from annotator.reports.word_cloud import word_at, word_cloud_figure

        self._cloud_of = self.result
        try:
            figure = word_cloud_figure(self.result)
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return
        self.cloud.show_figure(figure)
        self.cloud.on_click(lambda x, y: self._on_cloud_word(word_at(figure.word_boxes, x, y)))

    def _on_cloud_word(self, word: str | None) -> None:
        """A word clicked in the cloud: its lines in context, as when it is chosen in the Words list."""
        row = next((i for i, w in enumerate(self.words.rows) if w.word == word), None) if word else None
        if row is not None:
            self.word_table.selectRow(row)

    def _on_word(self, current) -> None:
        if not current.isValid() or self._source is None:
            return
        word = self.words.rows[current.row()].word
        try:
            lines = self.service.analysis.keyword_in_context(word, self._source, stemmed=self.stemmed.isChecked(),
                                                             scope=self.scope_bar.scope())
        except AnnotatorError as exc:
            self.keyword_summary.setText(str(exc))
            return
        self.lines.names = {d.id: d.name for d in self.service.documents(shares=False)}
        self.lines.set_rows(lines)
        self.line_table.resizeColumnsToContents()
        self.keyword_summary.setText(f"'{word}': {counted(len(lines), 'line')}; double-click one to open it")

    def _on_line(self, index) -> None:
        if not index.isValid():
            return
        line = self.lines.rows[index.row()]
        self.window().open_passage(line.document_id, line.start, line.end)

    def code_lines(self) -> None:
        rows = sorted({i.row() for i in self.line_table.selectionModel().selectedRows()})
        lines = [self.lines.rows[r] for r in rows] or list(self.lines.rows)
        if not lines:
            self.keyword_summary.setText("Select a word, then the lines to code.")
            return
        said = code_all_with(self, self.service, lines, "keyword line")
        if said:
            self.keyword_summary.setText(said)

    def edit_stop_words(self) -> None:
        dialog = StopWordsDialog(self.service.analysis.stop_words(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.service.analysis.set_stop_words(None if dialog.reset else dialog.words())
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return
        if self.result is not None:
            self.run()

    def has_result(self) -> bool:
        return self.result is not None

    def on_changes(self, changes) -> None:
        if changes.documents or changes.speaker_turns or (changes.codings and self.source.currentData() != "all"):
            self.mark_stale()

    def export(self) -> None:
        if self.result is None:
            self.summary.setText("Run the word count first.")
            return
        from annotator.reports.word_cloud import word_cloud_figure

        result = self.result
        export(self, self.service, result, "word frequencies", figure=lambda: word_cloud_figure(result))
