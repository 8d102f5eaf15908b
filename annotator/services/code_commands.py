"""Undoable commands on the codebook and on codings. Each applies in one transaction, is audited (ids and counts,
never text), and returns its inverse with the changes it made."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.changes import Changes
from annotator.core.ids import CodeId, CodingId, DocumentId, ParticipantId
from annotator.services.commands import Session
from annotator.storage import audit, codes, codings, documents
from annotator.storage.rows import Row, fetch_rows, id_list, insert_rows

CODES = Changes(codes=True)


def _coding_changes(document_ids, codes_changed: bool = False, code_ids=(), same_coverage: bool = False) -> Changes:
    """Codings changed in these documents, under these codes (none named: any code)."""
    return Changes(codings=True, codes=codes_changed, document_ids=frozenset(document_ids),
                   code_ids=frozenset(code_ids), same_coverage=same_coverage)


@dataclass
class AddCode:
    code_name: str
    parent_id: CodeId | None
    colour: str
    fields: dict[str, str] = field(default_factory=dict)
    index: int | None = None
    name: str = "Add code"
    created_id: CodeId | None = None  # filled in by apply, for the caller

    def apply(self, session: Session) -> tuple[DeleteCode, Changes]:
        with session.project.atomic() as db:
            self.created_id = codes.insert_code(db, name=self.code_name, parent_id=self.parent_id, colour=self.colour,
                                                coder_id=session.coder_id, **self.fields)
            if self.index is not None:
                codes.place_code(db, self.created_id, self.parent_id, self.index)
            audit.record(db, session.coder, "add code", "code", self.created_id)
        return DeleteCode(self.created_id, [self.created_id], self.name), CODES


@dataclass
class DeleteCode:
    code_id: CodeId
    subtree: list[CodeId]
    name: str = "Delete code"

    def apply(self, session: Session) -> tuple[RestoreCode, Changes]:
        with session.project.atomic() as db:
            saved = codes.delete_code(db, self.code_id, self.subtree)
            audit.record(db, session.coder, "delete code", "code", self.code_id, codes=len(saved["codes"]),
                         codings=len(saved["codings"]), memos=len(saved["memos"]))
        return (RestoreCode(self.code_id, saved, self.name),
                _coding_changes((c["document_id"] for c in saved["codings"]), codes_changed=True))


@dataclass
class RestoreCode:
    code_id: CodeId
    saved: dict[str, list[Row]]
    name: str = "Restore code"

    def apply(self, session: Session) -> tuple[DeleteCode, Changes]:
        with session.project.atomic() as db:
            codes.restore_subtree(db, self.saved)
            audit.record(db, session.coder, "restore code", "code", self.code_id, codes=len(self.saved["codes"]),
                         codings=len(self.saved["codings"]))
        subtree = [CodeId(c["id"]) for c in self.saved["codes"]]
        return (DeleteCode(self.code_id, subtree, self.name),
                _coding_changes((c["document_id"] for c in self.saved["codings"]), codes_changed=True))


@dataclass
class UpdateCode:
    """Rename, recolour or describe: set some of a code's editable fields."""

    code_id: CodeId
    fields: dict[str, str]
    name: str = "Edit code"

    def apply(self, session: Session) -> tuple[UpdateCode, Changes]:
        with session.project.atomic() as db:
            old = codes.update_code(db, self.code_id, self.fields)
            audit.record(db, session.coder, "edit code", "code", self.code_id, fields=sorted(self.fields))
        return UpdateCode(self.code_id, old, self.name), CODES


@dataclass
class MoveCode:
    code_id: CodeId
    parent_id: CodeId | None
    index: int
    name: str = "Move code"

    def apply(self, session: Session) -> tuple[MoveCode, Changes]:
        with session.project.atomic() as db:
            old_parent, old_index = codes.place_code(db, self.code_id, self.parent_id, self.index)
            audit.record(db, session.coder, "move code", "code", self.code_id, parent_id=self.parent_id)
        return MoveCode(self.code_id, old_parent, old_index, self.name), CODES


@dataclass
class MergeCode:
    """Merge `source` into `target`: codings move (exact duplicates collapse), subcodes and code memos move, the
    source code goes."""

    source: CodeId
    target: CodeId
    name: str = "Merge codes"

    def apply(self, session: Session) -> tuple[UnmergeCode, Changes]:
        with session.project.atomic() as db:
            source_row = fetch_rows(db, "codes", "id = ?", [self.source])[0]
            moved, duplicates = [], []
            for coding in fetch_rows(db, "codings", "code_id = ?", [self.source]):
                same = codings.find_exact(db, coding["document_id"], self.target, coding["start"], coding["end"])
                (duplicates if same is not None else moved).append(CodingId(coding["id"]))
            removed = codings.delete_codings(db, duplicates)
            codings.recode(db, moved, self.target)
            memo_ids = [r[0] for r in db.execute("SELECT id FROM memos WHERE code_id = ?", [self.source])]
            db.execute(f"UPDATE memos SET code_id = ? WHERE id IN ({id_list(memo_ids)})", [self.target])
            children = [CodeId(r[0]) for r in db.execute(
                "SELECT id FROM codes WHERE parent_id = ? ORDER BY position, id", [self.source])]
            for child in children:
                codes.place_code(db, child, self.target, 10**9)
            codes.delete_code(db, self.source, [self.source])
            audit.record(db, session.coder, "merge codes", "code", self.target, source=self.source,
                         moved=len(moved), collapsed=len(duplicates))
            documents_touched = {c["document_id"] for c in removed["codings"]} | {
                r[0] for r in db.execute(f"SELECT document_id FROM codings WHERE id IN ({id_list(moved)})")}
        return (UnmergeCode(self.source, self.target, source_row, moved, removed, memo_ids, children, self.name),
                _coding_changes(documents_touched, codes_changed=True, code_ids=[self.source, self.target],
                                same_coverage=True))  # (duplicates collapse onto the same characters)


@dataclass
class UnmergeCode:
    source: CodeId
    target: CodeId
    source_row: Row
    moved: list[CodingId]
    removed: dict[str, list[Row]]
    memo_ids: list[int]
    children: list[CodeId]
    name: str = "Unmerge codes"

    def apply(self, session: Session) -> tuple[MergeCode, Changes]:
        with session.project.atomic() as db:
            codes.restore_subtree(db, {"codes": [self.source_row], "codings": [], "memos": []})
            for index, child in enumerate(self.children):
                codes.place_code(db, child, self.source, index)
            codings.recode(db, self.moved, self.source)
            codings.restore(db, self.removed)
            db.execute(f"UPDATE memos SET code_id = ? WHERE id IN ({id_list(self.memo_ids)})", [self.source])
            audit.record(db, session.coder, "unmerge codes", "code", self.source, target=self.target)
            touched = {c["document_id"] for c in self.removed["codings"]} | {
                r[0] for r in db.execute(f"SELECT document_id FROM codings WHERE id IN ({id_list(self.moved)})")}
        return MergeCode(self.source, self.target, self.name), _coding_changes(
            touched, codes_changed=True, code_ids=[self.source, self.target], same_coverage=True)


# ------------------------------------------------------------------------------------------------------- codings

@dataclass
class AddCoding:
    document_id: DocumentId
    code_id: CodeId
    start: int
    end: int
    name: str = "Code passage"
    created_id: CodingId | None = None

    def apply(self, session: Session) -> tuple[RemoveCodings, Changes]:
        with session.project.atomic() as db:
            quote = documents.document_text(db, self.document_id)[self.start:self.end]
            self.created_id = codings.add_coding(db, self.document_id, self.code_id, self.start, self.end, quote,
                                                 session.coder_id)
            audit.record(db, session.coder, "code passage", "coding", self.created_id, code_id=self.code_id,
                         document_id=self.document_id, characters=self.end - self.start)
        return RemoveCodings([self.created_id], self.name), _coding_changes([self.document_id], code_ids=[self.code_id])


@dataclass
class SetCodingExtent:
    """Move a coding's ends, e.g. to take in the rest of a sentence; undo moves them back."""

    coding_id: CodingId
    document_id: DocumentId
    start: int
    end: int
    name: str = "Change coding extent"

    def apply(self, session: Session) -> tuple[SetCodingExtent, Changes]:
        with session.project.atomic() as db:
            quote = documents.document_text(db, self.document_id)[self.start:self.end]
            old_start, old_end = codings.set_extent(db, self.coding_id, self.start, self.end, quote)
            code = codings.get(db, self.coding_id).code_id
            audit.record(db, session.coder, "change coding extent", "coding", self.coding_id,
                         characters=self.end - self.start)
        return (SetCodingExtent(self.coding_id, self.document_id, old_start, old_end, self.name),
                _coding_changes([self.document_id], code_ids=[code]))


@dataclass
class RemoveCodings:
    coding_ids: list[CodingId]
    name: str = "Uncode passage"

    def apply(self, session: Session) -> tuple[RestoreCodings, Changes]:
        with session.project.atomic() as db:
            saved = codings.delete_codings(db, self.coding_ids)
            audit.record(db, session.coder, "uncode passage", "coding", self.coding_ids[0] if self.coding_ids else None,
                         codings=len(saved["codings"]))
        return RestoreCodings(saved, self.name), _coding_changes((c["document_id"] for c in saved["codings"]),
                                                                 code_ids=(c["code_id"] for c in saved["codings"]))


@dataclass
class RestoreCodings:
    saved: dict[str, list[Row]]
    name: str = "Restore codings"

    def apply(self, session: Session) -> tuple[RemoveCodings, Changes]:
        with session.project.atomic() as db:
            codings.restore(db, self.saved)
            audit.record(db, session.coder, "restore codings", "coding", None, codings=len(self.saved["codings"]))
        ids = [CodingId(c["id"]) for c in self.saved["codings"]]
        return RemoveCodings(ids, self.name), _coding_changes((c["document_id"] for c in self.saved["codings"]),
                                                              code_ids=(c["code_id"] for c in self.saved["codings"]))


@dataclass
class InVivoCode:
    """Create a code named after the selected words and code the selection with it, as one action."""

    document_id: DocumentId
    start: int
    end: int
    code_name: str
    parent_id: CodeId | None
    colour: str
    name: str = "In-vivo code"
    created_id: CodeId | None = None

    def apply(self, session: Session) -> tuple[DeleteCode, Changes]:
        with session.project.atomic() as db:
            self.created_id = codes.insert_code(db, name=self.code_name, parent_id=self.parent_id, colour=self.colour,
                                                coder_id=session.coder_id)
            text = documents.document_text(db, self.document_id)
            coding_id = codings.add_coding(db, self.document_id, self.created_id, self.start, self.end,
                                           text[self.start:self.end], session.coder_id)
            audit.record(db, session.coder, "in-vivo code", "coding", coding_id, code_id=self.created_id,
                         document_id=self.document_id)
        return DeleteCode(self.created_id, [self.created_id], self.name), _coding_changes([self.document_id], True)


# --------------------------------------------------------------------------------------------------------- memos

@dataclass
class AddMemo:
    target: str
    body: str
    title: str = ""
    document_id: DocumentId | None = None
    code_id: CodeId | None = None
    coding_id: CodingId | None = None
    start: int | None = None
    end: int | None = None
    name: str = "Add memo"
    created_id: int | None = None
    participant_id: ParticipantId | None = None

    def apply(self, session: Session) -> tuple[DeleteMemo, Changes]:
        with session.project.atomic() as db:
            self.created_id = codings.add_memo(
                db, target=self.target, coder_id=session.coder_id, title=self.title, body=self.body,
                document_id=self.document_id, code_id=self.code_id, coding_id=self.coding_id, start=self.start,
                end=self.end, participant_id=self.participant_id)
            audit.record(db, session.coder, "add memo", "memo", self.created_id, on=self.target)
        return DeleteMemo(self.created_id, self.name), Changes(memos=True)


@dataclass
class DeleteMemo:
    memo_id: int
    name: str = "Delete memo"

    def apply(self, session: Session) -> tuple[RestoreMemo, Changes]:
        with session.project.atomic() as db:
            saved = codings.delete_memo(db, self.memo_id)
            audit.record(db, session.coder, "delete memo", "memo", self.memo_id)
        return RestoreMemo(saved, self.name), Changes(memos=True)


@dataclass
class RestoreMemo:
    saved: list[Row]
    name: str = "Restore memo"

    def apply(self, session: Session) -> tuple[DeleteMemo, Changes]:
        with session.project.atomic() as db:
            insert_rows(db, "memos", self.saved)
            audit.record(db, session.coder, "restore memo", "memo", self.saved[0]["id"])
        return DeleteMemo(self.saved[0]["id"], self.name), Changes(memos=True)


@dataclass
class EditMemo:
    memo_id: int
    title: str
    body: str
    name: str = "Edit memo"

    def apply(self, session: Session) -> tuple[EditMemo, Changes]:
        with session.project.atomic() as db:
            old_title, old_body = codings.update_memo(db, self.memo_id, self.title, self.body)
            audit.record(db, session.coder, "edit memo", "memo", self.memo_id)
        return EditMemo(self.memo_id, old_title, old_body, self.name), Changes(memos=True)
