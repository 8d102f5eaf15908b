"""The coding API: code and uncode passages (by selection, whole speaker turn, in vivo), and memos; all undoable."""

from __future__ import annotations

from annotator.core.clean_text import clean_text
from annotator.core.errors import AnnotatorError
from annotator.core.ids import CodeId, CodingId, DocumentId, ParticipantId
from annotator.core.transcript import trim_range
from annotator.services.code_commands import (
    AddCoding,
    AddMemo,
    DeleteMemo,
    EditMemo,
    InVivoCode,
    RemoveCodings,
    SetCodingExtent,
)
from annotator.services.part import ServicePart
from annotator.storage import codings, documents
from annotator.storage.codings import Coding, Memo

MEMO_TARGETS = ("project", "document", "code", "coding", "range", "participant")


class CodingService(ServicePart):
    def _text(self, document_id: DocumentId) -> str:
        try:
            return documents.document_text(self._db, document_id)
        except KeyError:
            raise AnnotatorError("That document is no longer in the project.") from None

    def _without_label(self, document_id: DocumentId, start: int, end: int) -> tuple[int, int]:
        """A selection that begins on a speaker's label ("JEN:") begins at their words instead: a label is not
        something anyone said, and in-vivo codes are named after what was said."""
        for turn in documents.speaker_turns(self._db, document_id):
            if turn.start <= start < turn.text_start < end:
                return turn.text_start, end
            if turn.start > start:
                break
        return start, end

    def _check_code(self, code_id: CodeId) -> str:
        book = self._project.codebook.codebook
        if code_id not in book:
            raise AnnotatorError("That code is no longer in the codebook.")
        return book[code_id].name

    # ---------------------------------------------------------------------------------------------- reading
    def for_document(self, document_id: DocumentId) -> list[Coding]:
        return codings.for_document(self._db, document_id)

    def ids_for_document(self, document_id: DocumentId) -> set[CodingId]:
        return codings.ids_for_document(self._db, document_id)

    def extents_for_document(self, document_id: DocumentId) -> dict[CodingId, tuple[int, int]]:
        return codings.extents_for_document(self._db, document_id)

    def get_many(self, coding_ids: list[CodingId]) -> list[Coding]:
        return codings.get_many(self._db, coding_ids)

    def get(self, coding_id: CodingId) -> Coding | None:
        return codings.get(self._db, coding_id)

    # ---------------------------------------------------------------------------------------------- coding
    def code_passage(self, document_id: DocumentId, code_id: CodeId, start: int, end: int) -> CodingId:
        """Code [start, end) (trimmed of surrounding white space) with the code; returns the new coding."""
        name = self._check_code(code_id)
        start, end = trim_range(self._text(document_id), *self._without_label(document_id, start, end))
        if start >= end:
            raise AnnotatorError("Select some text to code first.")
        if codings.find_exact(self._db, document_id, code_id, start, end, self._project.coder_id) is not None:
            raise AnnotatorError(f"This passage is already coded with '{name}'.")
        command = AddCoding(document_id, code_id, start, end, f"Code passage as '{name}'")
        self._project.execute(command)
        assert command.created_id is not None
        return command.created_id

    def code_turn(self, document_id: DocumentId, code_id: CodeId, position: int) -> CodingId:
        """Code the speech of the speaker turn at `position` (without its label)."""
        turn = next((t for t in documents.speaker_turns(self._db, document_id) if t.start <= position < max(t.end, t.start + 1)), None)
        if turn is None:
            raise AnnotatorError("There is no speaker turn here to code.")
        return self.code_passage(document_id, code_id, turn.text_start, turn.end)

    def code_in_vivo(self, document_id: DocumentId, start: int, end: int, parent_id: CodeId | None = None) -> CodeId:
        """Create a code named after the selected words, and code the selection with it."""
        text = self._text(document_id)
        start, end = trim_range(text, *self._without_label(document_id, start, end))
        words = " ".join(text[start:end].split())
        if not words:
            raise AnnotatorError("Select the words to name the code after.")
        book = self._project.codebook.codebook
        try:
            name = book.check_name(words[:60].rstrip(" ,.;:") + ("…" if len(words) > 60 else ""), parent_id)
        except AnnotatorError:  # its message would quote the passage: say what is wrong without it
            raise AnnotatorError("There is already a code named after these words here; code the selection with "
                                 "it, or choose other words.") from None
        command = InVivoCode(document_id, start, end, name, parent_id, book.next_colour(), f"In-vivo code '{name}'")
        self._project.execute(command)
        assert command.created_id is not None
        return command.created_id

    def set_extent(self, coding_id: CodingId, start: int, end: int) -> None:
        """Move a coding to cover [start, end) (trimmed of surrounding white space), in one undoable step."""
        coding = self.get(coding_id)
        if coding is None:
            raise AnnotatorError("That coding is no longer in the project.")
        start, end = trim_range(self._text(coding.document_id), start, end)
        if start >= end:
            raise AnnotatorError("Select the text the coding should cover.")
        if (start, end) == (coding.start, coding.end):
            return
        other = codings.find_exact(self._db, coding.document_id, coding.code_id, start, end, self._project.coder_id)
        if other is not None and other != coding_id:
            name = self._project.codebook.codebook[coding.code_id].name
            raise AnnotatorError(f"That passage is already coded with '{name}'.")
        name = self._project.codebook.codebook[coding.code_id].name
        self._project.execute(SetCodingExtent(coding_id, coding.document_id, start, end,
                                              f"Change extent of '{name}' coding"))

    def extend(self, coding_id: CodingId, start: int, end: int) -> None:
        """Widen a coding to take in [start, end) as well (and whatever lies between)."""
        coding = self.get(coding_id)
        if coding is None:
            raise AnnotatorError("That coding is no longer in the project.")
        self.set_extent(coding_id, min(coding.start, start), max(coding.end, end))

    def memos_where_target(self, target: str) -> list[Memo]:
        """Every memo on one kind of target (all coding memos, say), oldest first."""
        return codings.memos_where(self._db, "m.target = ?", [target])

    def all_memos(self) -> list[Memo]:
        """Every memo in the project, oldest first."""
        return codings.memos_where(self._db, "1 = 1", [])

    def memo(self, memo_id: int) -> Memo | None:
        found = codings.memos_where(self._db, "m.id = ?", [memo_id])
        return found[0] if found else None

    def range_memo_at(self, document_id: DocumentId, start: int, end: int) -> Memo | None:
        """The passage memo on exactly this passage (after trimming), or the one around a point (start == end)."""
        text = self._text(document_id)
        if start < end:
            start, end = trim_range(text, start, end)
        for memo in self.memos("range", document_id):
            if (memo.start, memo.end) == (start, end) or (start == end and memo.start <= start < memo.end):
                return memo
        return None

    def uncode(self, coding_ids: list[CodingId]) -> None:
        if not coding_ids:
            return
        found = [c for c in (self.get(i) for i in coding_ids) if c is not None]
        if not found:
            raise AnnotatorError("Those codings are no longer in the project.")
        label = f"Uncode '{self._project.codebook.codebook[found[0].code_id].name}'" if len(found) == 1 else \
            f"Uncode {len(found)} passages"
        self._project.execute(RemoveCodings([c.id for c in found], label))

    # ------------------------------------------------------------------------------------------------ memos
    def add_memo(self, target: str, body: str, *, title: str = "", document_id: DocumentId | None = None,
                 code_id: CodeId | None = None, coding_id: CodingId | None = None, start: int | None = None,
                 end: int | None = None, participant_id: ParticipantId | None = None) -> int:
        if target not in MEMO_TARGETS:
            raise AnnotatorError(f"A memo is written on {', '.join(MEMO_TARGETS)}, not on {target!r}.")
        title, body = clean_text(title), clean_text(body)  # pasted from Word: no control characters kept
        if not body.strip() and not title.strip():
            raise AnnotatorError("The memo is empty.")
        if target == "range":
            start, end = trim_range(self._text(document_id), start or 0, end or 0)
            if start >= end:
                raise AnnotatorError("Select the passage the memo is about.")
        command = AddMemo(target, body, title, document_id, code_id, coding_id, start, end, f"Add memo on {'passage' if target == 'range' else target}",
                          participant_id=participant_id)
        self._project.execute(command)
        assert command.created_id is not None
        return command.created_id

    def edit_memo(self, memo_id: int, title: str, body: str) -> None:
        self._project.execute(EditMemo(memo_id, clean_text(title), clean_text(body)))

    def delete_memo(self, memo_id: int) -> None:
        self._project.execute(DeleteMemo(memo_id))

    def memos(self, target: str, target_id: int | None = None) -> list[Memo]:
        column = {"document": "m.document_id", "code": "m.code_id", "coding": "m.coding_id",
                  "participant": "m.participant_id"}.get(target)
        if target == "project":
            return codings.memos_where(self._db, "m.target = 'project'", [])
        if target == "range":
            return codings.memos_where(self._db, "m.target = 'range' AND m.document_id = ?", [target_id])
        if column is None:
            raise AnnotatorError(f"Unknown memo target {target!r}.")
        return codings.memos_where(self._db, f"m.target = ? AND {column} = ?", [target, target_id])

    def memoed_codings(self, document_id: DocumentId) -> set[CodingId]:
        return codings.memoed_codings(self._db, document_id)
