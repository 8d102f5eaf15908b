"""The merge preview, before anything changes: their documents and which of ours each is (a near-identical
version shown as a diff, with the choice to align their codings onto our text), their code renames, moves and
recolours to take or leave, the coders who arrive, and what the file holds that cannot be imported."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.core.plural import counted
from annotator.exchange.model import left_out_lines
from annotator.services.merge_plan import MergePlan, matched, summary
from annotator.services.project_service import ProjectService

_HOW = {"same document": "the same document", "same text": "the same text", "near-identical": "near-identical",
        "new": "new: added"}
# Their words struck through on red, ours on green; the text colour is set too, so both read in a dark theme.
_THEIRS = "background-color:#F8D0D0; color:#5A0000; text-decoration:line-through"
_OURS = "background-color:#CDEBCF; color:#003A0C; font-weight:bold"


class MergePreviewDialog(QDialog):
    def __init__(self, service: ProjectService, plan: MergePlan, title: str, parent=None):
        super().__init__(parent)
        self.service, self.plan = service, plan
        self.setWindowTitle(title)
        self.setObjectName("mergePreview")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._documents_tab(), f"Documents ({len(plan.documents)})")
        changes = len(plan.code_changes)
        self.tabs.addTab(self._codes_tab(), f"Codes ({changes} changed, {len(plan.codes_added)} new)")
        self.tabs.addTab(self._coders_tab(), f"Coders ({len(plan.coders)})")
        left_out = left_out_lines(plan.left_out, plan.model.codings_read)
        self.left_out = QListWidget(self)
        self.left_out.addItems(left_out or ["Nothing: everything in the file can be imported."])
        self.tabs.addTab(self.left_out, f"Left out ({len(left_out)})")
        self.verb = "Merge" if any(d.our_id is not None for d in plan.documents) else "Import"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = buttons.addButton(self.verb, QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        note = QLabel(f"Nothing has changed yet. {self.verb} is one step: Edit > Undo takes all of it back.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._update_summary()
        self.resize(980, 560)

    # ----------------------------------------------------------------------------------------------- documents
    def _documents_tab(self) -> QWidget:
        self.documents = QTableWidget(len(self.plan.documents), 3, self)
        self.documents.setHorizontalHeaderLabels(["Their document", "Ours", "Match"])
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documents.verticalHeader().hide()
        header = self.documents.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for row, match in enumerate(self.plan.documents):
            how = _HOW[match.how]
            if match.how == "near-identical":
                how = f"near-identical ({counted(len(match.changes), 'change')}, {match.similarity:.1%} alike)"
            for column, text in enumerate((match.source.name, match.our_name or "—", how)):
                self.documents.setItem(row, column, QTableWidgetItem(text))
        self.documents.currentCellChanged.connect(lambda row, *_: self._on_document(row))
        self.align = QCheckBox("Align their codings onto our text (they move through the same edits; codings on "
                               "words that are gone are left out)", self)
        self.align.toggled.connect(self._on_align)
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("mergeDiff")
        details = QWidget(self)
        box = QVBoxLayout(details)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.align)
        box.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.documents)
        splitter.addWidget(details)
        near = [i for i, d in enumerate(self.plan.documents) if d.how == "near-identical"]
        self.documents.setCurrentCell(near[0] if near else 0, 0)
        self._on_document(near[0] if near else 0)
        return splitter

    def _on_document(self, row: int) -> None:
        if not 0 <= row < len(self.plan.documents):
            return
        match = self.plan.documents[row]
        near = match.how == "near-identical"
        self.align.setVisible(near)
        self.align.blockSignals(True)
        self.align.setChecked(match.align)
        self.align.blockSignals(False)
        if near:
            self.diff.setHtml(self._diff_html(match))
        elif match.our_id is None:
            self.diff.setPlainText(f"'{match.source.name}' is not in this project: it is added with its codings.")
        else:
            self.diff.setPlainText(f"'{match.source.name}' is {_HOW[match.how]} as our '{match.our_name}': their "
                                   "codings go onto it, and nothing of ours changes.")

    @staticmethod
    def _diff_html(match) -> str:
        parts = [f"<p>Their '{escape(match.source.name)}' and our '{escape(match.our_name or '')}' differ in "
                 f"{counted(len(match.changes), 'place')}: <span style='{_THEIRS}'>their words</span> struck "
                 f"through, <span style='{_OURS}'>ours</span> in green.</p>"]
        for change in match.changes[:200]:
            before, after = _whole_words(change.before, change.after)
            parts.append(f"<p>…{escape(before)}<span style='{_THEIRS}'>{escape(change.old_text) or '&nbsp;'}"
                         f"</span><span style='{_OURS}'>{escape(change.new_text) or '&nbsp;'}</span>"
                         f"{escape(after)}…</p>")
        if len(match.changes) > 200:
            parts.append(f"<p>… and {len(match.changes) - 200} more.</p>")
        return "".join(parts).replace("\n", "<br>")

    def _on_align(self, checked: bool) -> None:
        row = self.documents.currentRow()
        if 0 <= row < len(self.plan.documents):
            match = self.plan.documents[row]
            match.align = checked
            choice = "" if checked else " (their version kept apart)"
            self.documents.item(row, 2).setText(f"near-identical{choice}")
            self._update_summary()

    # ------------------------------------------------------------------------------------------- codes, coders
    def _codes_tab(self) -> QWidget:
        self.code_changes = QListWidget(self)
        for change in self.plan.code_changes:
            item = QListWidgetItem(change.line()[0].upper() + change.line()[1:])
            if change.kind == "recolour":
                swatch = QPixmap(14, 14)
                swatch.fill(QColor(change.value))
                item.setIcon(QIcon(swatch))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if change.apply else Qt.CheckState.Unchecked)
            self.code_changes.addItem(item)
        for path, _code in self.plan.codes_added:
            item = QListWidgetItem(f"New: {path}")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            self.code_changes.addItem(item)
        if not self.code_changes.count():
            self.code_changes.addItem("Their codebook and ours are the same.")
        self.code_changes.itemChanged.connect(self._on_code_change)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        hint = QLabel("Codes are matched by their GUID, then by their path. Untick a change to keep our version.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.code_changes, 1)
        return page

    def _on_code_change(self, item: QListWidgetItem) -> None:
        row = self.code_changes.row(item)
        if row < len(self.plan.code_changes):
            self.plan.code_changes[row].apply = item.checkState() == Qt.CheckState.Checked
            self._update_summary()

    def _coders_tab(self) -> QWidget:
        self.coders = QListWidget(self)
        for coder in self.plan.coders:
            how = {"same person": "the same person as our", "same name": "taken as our",
                   "added": "added as", "added under another name": "another person with a name we have: added as"}
            item = QListWidgetItem(f"{coder.name}: {how[coder.how]} '{coder.as_name}'")
            item.setToolTip(f"Told apart by GUID {coder.guid}")
            self.coders.addItem(item)
        if not self.coders.count():
            self.coders.addItem("The file names no coders: their codings are yours.")
        return self.coders

    def _update_summary(self) -> None:
        expected = self.service.exchange.preview(self.plan)
        doing = "Merging" if self.verb == "Merge" else "Importing"
        self.summary.setText(f"<b>{doing} {escape(self.plan.label)} will add {escape(summary(expected))}.</b> "
                             + escape(matched(expected)))


def _whole_words(before: str, after: str) -> tuple[str, str]:
    """Context that starts and ends on whole words, and on the change's own line."""
    before = before.rsplit("\n", 1)[-1]
    after = after.split("\n", 1)[0]
    if " " in before:
        before = before[before.index(" ") + 1:]
    if " " in after:
        after = after[:after.rindex(" ")]
    return before, after
