"""Coding queries: an expression of codes ("A" AND NOT "B", NEAR, FOLLOWED BY, TEXT "words", parentheses), its
mode and scope; results go to the Retrieval panel as passages; a query can be saved by name and run again, and
its results coded as a new code, or with an existing one, in one undoable step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from annotator.analysis.query import QueryResult
from annotator.analysis.query_parser import QueryError
from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted
from annotator.gui.analysis_common import ResultView, ScopeBar, code_all_with, export
from annotator.gui.widgets import ElidedLabel, choose_code, compact, edits
from annotator.services.analysis_service import SavedQuery
from annotator.services.project_service import ProjectService

MODES = (("overlap", "Only the text coded with both (overlap)"), ("passages", "The whole passages"))
OPERATORS = ("AND", "OR", "AND NOT", "NEAR", "NEAR/2", "FOLLOWED BY", "(", ")", 'TEXT ""')
_NO_SAVED = "Saved queries…"


class QueryView(ResultView):
    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.result: QueryResult | None = None
        self.expression = QLineEdit(placeholderText='"Stigma of the title" AND NOT "Legitimacy"')
        self.expression.setObjectName("queryExpression")
        self.expression.setClearButtonEnabled(True)
        self.expression.returnPressed.connect(self.run)
        insert_code = QToolButton(text="Code…", toolTip="Insert a code's name at the cursor")
        insert_code.clicked.connect(self._on_insert_code)
        operators = QToolButton(text="Operator ▾", toolTip="Insert AND, OR, NOT, NEAR, FOLLOWED BY, TEXT")
        operators.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(operators)
        for op in OPERATORS:
            menu.addAction(op, lambda o=op: self._insert(f" {o} " if o[0].isalpha() else o))
        operators.setMenu(menu)
        run = QPushButton("Run")
        run.setDefault(True)
        run.clicked.connect(self.run)
        top = QHBoxLayout()
        top.addWidget(self.expression, 1)
        top.addWidget(insert_code)
        top.addWidget(operators)
        top.addWidget(run)
        self.mode = QComboBox()
        for key, label in MODES:
            self.mode.addItem(label, key)
        compact(self.mode, 14)
        self.subcodes = QCheckBox("Subcodes", checked=True, toolTip="A code includes its subcodes' passages")
        self.scope_bar = ScopeBar(service, self)
        self.scope_bar.changed.connect(self._rerun_if_shown)
        options = QHBoxLayout()
        options.addWidget(self.mode)
        options.addWidget(self.subcodes)
        options.addWidget(self.scope_bar, 1)
        self.saved = QComboBox()
        self.saved.setObjectName("savedQueries")
        self.saved.activated.connect(self._on_saved_chosen)
        self.summary = ElidedLabel(self, "Write a query of codes and press Enter.")
        self.summary.setObjectName("querySummary")
        actions = QHBoxLayout()
        actions.addWidget(self.saved)
        for text, tip, slot in (("Save…", "Save this query by name", self.save),
                                ("Delete", "Delete the saved query chosen", self.delete_saved),
                                ("Code as New Code…", "Code every result passage with a new code (one undo)",
                                 self.code_as_new),
                                ("Code All With…", "Code every result passage with an existing code (one undo)",
                                 self.code_all),
                                ("Export…", "The results to Excel, CSV or Word", self.export)):
            button = QToolButton(text=text, toolTip=tip)
            button.clicked.connect(slot)
            actions.addWidget(edits(button) if text != "Export…" else button)
        actions.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addLayout(actions)
        layout.addStretch(1)
        self._fill_saved()

    # ------------------------------------------------------------------------------------------------ run
    def _insert(self, text: str) -> None:
        self.expression.insert(text)
        self.expression.setFocus()

    def _on_insert_code(self) -> None:
        book = self.service.codebook.codebook
        code = choose_code(self, "Insert code", "Code:", book)
        if code is not None:
            self._insert(f'"{book.path(code.id)}"')
        elif not book.codes:
            self.summary.setText("The codebook is empty.")

    def run(self, show: bool = True) -> QueryResult | None:
        text = self.expression.text().strip()
        if not text:
            self.summary.setText("Write a query first, e.g. \"Stipend pay\" AND \"Casual work and income limits\".")
            return None
        try:
            result = self.service.analysis.query(text, mode=self.mode.currentData(),
                                                 include_subcodes=self.subcodes.isChecked(),
                                                 scope=self.scope_bar.scope())
        except QueryError as exc:
            self.summary.setText(str(exc))
            self.expression.setFocus()
            self.expression.setCursorPosition(exc.position)
            return None
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return None
        self.result = result
        self.ran()
        self.summary.setText(f"{counted(len(result.passages), 'passage')} in {counted(result.documents, 'document')}"
                             f", {counted(result.participants, 'participant')}")
        scope = self.scope_bar.describe()
        if show:
            self.passages_chosen.emit(lambda: self.service.analysis.place(self.fresh_passages()),
                                      f"for {text}" + (f" ({scope})" if scope else ""))
        return result

    def fresh_passages(self) -> list:
        self.ensure_fresh()
        return self.result.passages if self.result is not None else []

    def refresh(self) -> None:
        self.run(show=False)

    def _rerun_if_shown(self) -> None:
        if self.result is not None:
            self.run()

    def has_result(self) -> bool:
        return self.result is not None

    def on_changes(self, changes) -> None:
        if changes.codings or changes.codes or changes.documents or changes.participants:
            self.mark_stale()
        if changes.settings:
            self._fill_saved()

    # ---------------------------------------------------------------------------------------------- saved
    def _fill_saved(self) -> None:
        self.saved.clear()
        self.saved.addItem(_NO_SAVED)
        for saved in self.service.analysis.saved_queries():
            self.saved.addItem(saved.name, saved)

    def _on_saved_chosen(self, index: int) -> None:
        saved: SavedQuery | None = self.saved.itemData(index)
        if saved is None:
            return
        self.expression.setText(saved.expression)
        self.mode.setCurrentIndex(max(0, self.mode.findData(saved.mode)))
        self.subcodes.setChecked(saved.include_subcodes)
        self.scope_bar.where.setText("; ".join(saved.where))
        self.scope_bar.speech.setChecked(saved.participant_turns_only)
        self.run()

    def save(self) -> None:
        if not self.expression.text().strip():
            self.summary.setText("Write the query to save first.")
            return
        name, ok = QInputDialog.getText(self, "Save query", "Name of the query:", text=self.saved.currentText()
                                        if self.saved.currentIndex() > 0 else "")
        if not ok:
            return
        coder = self.scope_bar.coder.currentText()
        saved = SavedQuery(name, self.expression.text().strip(), self.mode.currentData(), self.subcodes.isChecked(),
                           tuple(p.strip() for p in self.scope_bar.where.text().split(";") if p.strip()),
                           () if self.scope_bar.coder.currentIndex() == 0 else (coder,), (),
                           self.scope_bar.speech.isChecked())
        try:
            self.service.analysis.save_query(saved)
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return
        self._fill_saved()
        self.saved.setCurrentIndex(max(0, self.saved.findText(" ".join(name.split()))))
        self.summary.setText(f"Saved as '{' '.join(name.split())}'.")

    def delete_saved(self) -> None:
        if self.saved.currentIndex() <= 0:
            self.summary.setText("Choose the saved query to delete.")
            return
        name = self.saved.currentText()
        try:
            self.service.analysis.delete_query(name)
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return
        self._fill_saved()
        self.summary.setText(f"Deleted '{name}' (Edit > Undo brings it back).")

    # --------------------------------------------------------------------------------------------- coding
    def _results(self) -> QueryResult | None:
        if self.result is None:
            self.summary.setText("Run the query first.")
        elif not self.result.passages:
            self.summary.setText("The query found no passages.")
            return None
        return self.result

    def code_as_new(self) -> None:
        result = self._results()
        if result is None:
            return
        name, ok = QInputDialog.getText(self, "Code as new code", f"Name of the new code for "
                                        f"{counted(len(result.passages), 'passage')}:")
        if ok:
            try:
                self.service.analysis.code_as_new_code(result.passages, name)
            except AnnotatorError as exc:
                self.summary.setText(str(exc))
                return
            self.summary.setText(f"Coded {counted(len(result.passages), 'passage')} as '{name.strip()}'.")

    def code_all(self) -> None:
        result = self._results()
        if result is None:
            return
        said = code_all_with(self, self.service, result.passages, "passage")
        if said:
            self.summary.setText(said)

    def export(self) -> None:
        if self.result is None:
            self.summary.setText("Run the query first.")
            return
        export(self, self.service, self.result, "query results")
