"""Retrieval and search: every passage coded with a code (optionally with its subcodes), or matching a search,
with its document, speaker and paragraph; the selected passage shown in its context; Enter opens it."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.attributes import parse_condition
from annotator.core.errors import AnnotatorError
from annotator.core.ids import CodeId
from annotator.gui.folders import save_path
from annotator.gui.row_table_model import Index, RowTableModel
from annotator.gui.widgets import ElidedLabel, counted, edits, make_table
from annotator.services.project_service import ProjectService
from annotator.services.retrieval_service import Passage


class PassageTableModel(RowTableModel):
    columns = ("Document", "Speaker", "¶", "Code", "Passage")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.code_names: dict[int, str] = {}

    @property
    def passages(self) -> list[Passage]:
        return self.rows

    def set_passages(self, passages: list[Passage], code_names: dict[int, str]) -> None:
        self.code_names = code_names
        self.set_rows(passages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self.passages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (p.document, p.speaker or "", p.paragraph, self.code_names.get(p.code_id, ""),
                    " ".join(p.text.split()))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return p.text if len(p.text) < 600 else p.text[:600] + "…"
        return None


class RetrievalPanel(QWidget):
    open_passage = Signal(int, int, int)  # document id, start, end

    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.code_id: CodeId | None = None
        self.query = ""
        self.coders: set[str] | None = None  # None: every coder's codings
        # Passages from an analysis (a query, a matrix cell): how to get them again after a change, and what they are
        self.source: Callable[[], list[Passage]] | None = None
        self.source_what = ""
        self._refresh_pending = False
        self.search_box = QLineEdit(placeholderText="Search all transcripts (words, \"a phrase\", prefix*)")
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.returnPressed.connect(lambda: self.search(self.search_box.text()))
        self.who = QLineEdit(placeholderText="Participants, e.g. gender=female; age>=45")
        self.who.setObjectName("participantFilter")
        self.who.setClearButtonEnabled(True)
        self.who.returnPressed.connect(self.refresh)
        self.subcodes = QCheckBox("Subcodes", checked=True)
        self.subcodes.setToolTip("Include the passages coded with the code's subcodes")
        self.subcodes.toggled.connect(lambda _: self.refresh())
        self.summary = ElidedLabel(self, "Select a code to list its passages, or search.")
        self.summary.setObjectName("retrievalSummary")
        self.model = PassageTableModel(self)
        self.table = make_table(self, self.model, name="passageTable")
        self.table.activated.connect(self._on_open)
        self.table.doubleClicked.connect(self._on_open)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.context = QTextBrowser(self)
        self.context.setObjectName("passageContext")
        self.context.setMinimumHeight(self.fontMetrics().height() * 4)
        code_all = QToolButton(text="Code All…", toolTip="Code every passage listed (search hits, query results) with "
                               "a code, in one undoable step")
        code_all.clicked.connect(self.code_all)
        edits(code_all)
        exporter = QToolButton(text="Export…", toolTip="The passages listed to Excel, CSV or Word")
        exporter.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(self.search_box, 2)
        top.addWidget(self.who, 1)
        top.addWidget(self.subcodes)
        top.addWidget(code_all)
        top.addWidget(exporter)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.context)
        self.splitter = splitter
        self._split_by_hand = False
        splitter.splitterMoved.connect(lambda *_: setattr(self, "_split_by_hand", True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._split_by_hand:  # beside the Analysis panel or full width: the list keeps most of the room
            width = self.splitter.width()
            self.splitter.setSizes([int(width * 0.68), width - int(width * 0.68)])

    def show_code(self, code_id: CodeId | None) -> None:
        self.code_id, self.query, self.source = code_id, "", None
        self.refresh()

    def search(self, query: str) -> None:
        self.query, self.code_id, self.source = query.strip(), None, None
        self.refresh()

    def show_passages(self, source: Callable[[], list[Passage]], what: str) -> None:
        """Passages from an analysis; `source` gives them again (fresh) after the project changes."""
        self.code_id, self.query, self.source, self.source_what = None, "", source, what
        self.refresh()

    def refresh(self) -> None:
        book = self.service.codebook.codebook
        names = {c: book[c].name for c in book.codes}
        if self.source is not None:
            try:
                passages = self.source()
            except AnnotatorError as exc:
                self._fail(str(exc))
                return
            what = ("passage", "passages", f" {self.source_what}")
        elif self.query:
            passages = self.service.retrieval.search(self.query)
            what = ("match", "matches", f" for {self.query!r}")
        elif self.code_id is not None and self.code_id in book:
            try:
                documents = self._documents()
            except AnnotatorError as exc:
                self._fail(str(exc))
                return
            passages = self.service.retrieval.retrieve(self.code_id, include_subcodes=self.subcodes.isChecked(),
                                                       document_ids=documents, coders=self.coders)
            what = ("passage", "passages", f" coded '{book.path(self.code_id)}'" + (
                f" ({self.who.text().strip()})" if documents is not None else ""))
        else:
            passages, what = [], None
        self.model.set_passages(passages, names)
        self._size_columns(passages, names)
        self.context.clear()
        documents = len({p.document_id for p in passages})
        if what is None:
            self.summary.setText("Select a code to list its passages, or search.")
        else:
            noun, plural, about = what
            self.summary.setText(f"{counted(len(passages), noun, plural)}{about} in {counted(documents, 'document')}")
        if passages:  # the first passage's context shows at once; Enter opens it
            self.table.selectRow(0)

    def _size_columns(self, passages, names) -> None:
        """Widths from the widest of each column's distinct values (asking the view reads every row: 0.2 s for
        6,000 passages), capped so long names never push the passage out of view."""
        metrics = self.table.fontMetrics()
        pad = 16

        def widest(values, header, cap):
            values = set(values) or {""}
            return min(cap, max(metrics.horizontalAdvance(header), *(metrics.horizontalAdvance(v) for v in values)) + pad)

        self.table.setColumnWidth(0, widest((p.document for p in passages), "Document", 180))
        self.table.setColumnWidth(1, widest((p.speaker or "" for p in passages), "Speaker", 140))
        self.table.setColumnWidth(2, widest((str(p.paragraph) for p in passages), "¶", 60))
        self.table.setColumnWidth(3, widest((names.get(p.code_id, "") for p in passages), "Code", 200))

    def _fail(self, message: str) -> None:
        """A filter that cannot be read: say why, and show no passages (the last filter's would mislead)."""
        self.model.set_passages([], {})
        self.context.clear()
        self.summary.setText(message)

    def _documents(self):
        """The documents of participants matching the filter, or None for everyone."""
        conditions = [parse_condition(part) for part in self.who.text().split(";") if part.strip()]
        if not conditions:
            return None
        return self.service.people.documents_of(self.service.people.matching(conditions))

    def on_changes(self, changes) -> None:
        relevant = ((self.code_id is not None or self.source is not None) and (changes.codings or changes.codes)
                    or (self.query or self.source is not None) and changes.documents)
        book = self.service.codebook.codebook
        if (relevant and self.code_id is not None and self.code_id in book and changes.code_ids
                and not (changes.codes or changes.documents)):
            shown = set(book.subtree(self.code_id)) if self.subcodes.isChecked() else {self.code_id}
            relevant = bool(changes.code_ids & shown)  # a coding under another code leaves this list as it is
        if relevant and not self._refresh_pending:
            # On the next event-loop turn, once per burst: the transcript draws a new coding first.
            self._refresh_pending = True
            QTimer.singleShot(0, self, self._deferred_refresh)

    def _deferred_refresh(self) -> None:
        self._refresh_pending = False
        if self.service.closed:
            return
        self.refresh()

    def _on_current(self, current, _previous) -> None:
        if not current.isValid():
            return
        p = self.model.passages[current.row()]
        who = f"{html.escape(p.speaker)} · " if p.speaker else ""
        palette = self.context.palette()  # the passage marked in the palette's selection colours: readable in any theme
        mark, marked_text = (palette.color(QPalette.ColorRole.Highlight).name(),
                             palette.color(QPalette.ColorRole.HighlightedText).name())
        quiet = palette.color(QPalette.ColorRole.PlaceholderText).name()
        self.context.setHtml(
            f"<p style='color:{quiet}'>{html.escape(p.document)} · {who}¶ {p.paragraph}</p>"
            f"<p>…{html.escape(p.before)}<b style='background:{mark}; color:{marked_text}'>{html.escape(p.text)}</b>"
            f"{html.escape(p.after)}…</p>".replace("\n", "<br>"))

    def _on_open(self, index) -> None:
        if index.isValid():
            p = self.model.passages[index.row()]
            self.open_passage.emit(p.document_id, p.start, p.end)

    # -------------------------------------------------------------------------------------------- actions
    def code_all(self) -> None:
        from annotator.gui.analysis_common import code_all_with

        said = code_all_with(self, self.service, self.model.passages, "passage")
        if said:
            self.window().show_status(said)

    def export(self) -> None:
        if not self.model.passages:
            self.summary.setText("There are no passages listed to export.")
            return
        path = save_path(self, "Export passages", "passages.xlsx",
                         "Excel workbook (*.xlsx);;CSV (*.csv);;Word document (*.docx)", project=self.service.path)
        if not path:
            return
        try:
            self.service.reports.passage_list(Path(path), self.model.passages, self.summary.text())
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return
        self.window().show_status(f"Exported {counted(len(self.model.passages), 'passage')} to {Path(path).name}")
