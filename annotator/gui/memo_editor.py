"""Writing, reopening, editing and deleting memos on anything: the project, a document, a code, a coding, a
participant or a passage. A target that already has a memo opens it (Ctrl+M on the same passage, a click on a
passage's mark, a coding's menu) instead of starting another one; every change is one undoable step."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from annotator.core.ids import CodeId, CodingId, DocumentId, ParticipantId
from annotator.gui.code_dialogs import MemoDialog
from annotator.gui.widgets import ReportsErrors
from annotator.services.project_service import ProjectService
from annotator.storage.codings import Memo

_EXCERPT = 160


def excerpt(text: str, limit: int = _EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class MemoEditor(ReportsErrors, QObject):
    error = Signal(str)
    status = Signal(str)

    def __init__(self, service: ProjectService, parent: QWidget):
        super().__init__(parent)
        self.service = service
        self.parent_widget = parent

    # ------------------------------------------------------------------------------------------- describing
    def describe(self, memo: Memo) -> tuple[str, str]:
        """(kind, what it is about) for lists and headings."""
        book = self.service.codebook.codebook
        if memo.target == "project":
            return "Project", self.service.name
        if memo.target == "code":
            return "Code", book.path(memo.code_id) if memo.code_id in book else "?"
        if memo.target == "participant":
            name = next((p.name for p in self.service.participants() if p.id == memo.participant_id), "?")
            return "Participant", name
        if memo.target == "coding":
            coding = self.service.codings.get(memo.coding_id)
            code = book[coding.code_id].name if coding and coding.code_id in book else "?"
            return "Coding", f"{code}: “{excerpt(coding.quote, 80)}”" if coding else code
        document = self._document_name(memo.document_id)
        if memo.target == "document":
            return "Document", document
        text = self.service.document_text(memo.document_id)[memo.start:memo.end]
        return "Passage", f"{document}: “{excerpt(text, 80)}”"

    def _document_name(self, document_id: DocumentId | None) -> str:
        return next((d.name for d in self.service.documents(shares=False) if d.id == document_id), "?")

    # ---------------------------------------------------------------------------------------------- dialogs
    def run_dialog(self, dialog: MemoDialog) -> int:
        """Show the dialog and return its result (one place, so tests can fill it in instead of a person)."""
        return dialog.exec()

    def _edit(self, heading: str, about: str, memo: Memo | None, **target) -> None:
        dialog = MemoDialog(heading, memo.title if memo else "", memo.body if memo else "", self.parent_widget,
                            existing=memo is not None, about=about)
        result = self.run_dialog(dialog)
        if result == MemoDialog.DELETE and memo is not None:
            self.delete(memo.id)
            return
        if result != QDialog.DialogCode.Accepted:
            return
        title, body = dialog.title.text(), dialog.body.toPlainText()
        if memo is not None:
            if not title.strip() and not body.strip():
                self.delete(memo.id)
            elif (title, body) != (memo.title, memo.body):
                self._run(self.service.codings.edit_memo, memo.id, title, body)
        elif title.strip() or body.strip():
            kind = target.pop("target")
            self._run(lambda: self.service.codings.add_memo(kind, body, title=title, **target))

    def open_memo(self, memo_id: int) -> None:
        memo = self.service.codings.memo(memo_id)
        if memo is None:
            self.status.emit("That memo is no longer in the project.")
            return
        kind, about = self.describe(memo)
        self._edit(f"Memo on {kind.lower()}", about, memo)

    def delete(self, memo_id: int) -> None:
        if self._run(lambda: self.service.codings.delete_memo(memo_id) or True):
            self.status.emit("Memo deleted (Edit > Undo brings it back).")

    # ----------------------------------------------------------------------------------------------- targets
    def _first(self, target: str, target_id: int | None) -> Memo | None:
        existing = self.service.codings.memos(target, target_id)
        return existing[0] if existing else None

    def on_project(self) -> None:
        self._edit("Project memo", self.service.name, self._first("project", None), target="project")

    def on_document(self, document_id: DocumentId) -> None:
        name = self._document_name(document_id)
        self._edit(f"Memo on {name}", name, self._first("document", document_id), target="document",
                   document_id=document_id)

    def on_code(self, code_id: CodeId) -> None:
        book = self.service.codebook.codebook
        self._edit(f"Memo on code '{book[code_id].name}'", book.path(code_id), self._first("code", code_id),
                   target="code", code_id=code_id)

    def on_coding(self, coding_id: CodingId) -> None:
        coding = self.service.codings.get(coding_id)
        if coding is None:
            return
        name = self.service.codebook.codebook[coding.code_id].name
        self._edit(f"Memo on a coding of '{name}'", f"“{excerpt(coding.quote)}”", self._first("coding", coding_id),
                   target="coding", coding_id=coding_id)

    def on_participant(self, participant_id: ParticipantId, name: str) -> None:
        self._edit(f"Memo on {name}", name, self._first("participant", participant_id), target="participant",
                   participant_id=participant_id)

    def on_passage(self, document_id: DocumentId, start: int, end: int) -> None:
        """The memo on exactly this passage, or the one around the cursor (start == end), or a new one."""
        memo = self.service.codings.range_memo_at(document_id, start, end)
        if memo is None and start == end:
            self.status.emit("Select the passage the memo is about (or put the cursor in a passage with a memo).")
            return
        if memo is not None:
            start, end = memo.start, memo.end
        about = f"“{excerpt(self.service.document_text(document_id)[start:end])}”"
        self._edit("Memo on a passage", about, memo, target="range", document_id=document_id, start=start, end=end)
