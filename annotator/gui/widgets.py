"""Small pieces the panels share: a row-selecting table, and running a service call that may refuse."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView

from annotator.core.errors import AnnotatorError


def make_table(parent, model, *, multi: bool = False, name: str = "") -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


class ReportsErrors:
    """For widgets with an `error` signal: run a call, and turn a refusal into one message for the researcher."""

    def _run(self, action, *args):
        try:
            return action(*args)
        except AnnotatorError as exc:
            self.error.emit(str(exc))
            return None
