"""The codebook API: create, rename, recolour, describe, move, merge and delete codes, all undoable; counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.codebook import Codebook, check_colour
from annotator.core.errors import AnnotatorError
from annotator.core.ids import CodeId
from annotator.services.code_commands import (
    AddCode,
    DeleteCode,
    MergeCode,
    MoveCode,
    UpdateCode,
)
from annotator.storage import codes

if TYPE_CHECKING:
    from annotator.services.project_service import ProjectService

DESCRIPTION_FIELDS = ("description", "when_to_use", "when_not_to_use", "example")


@dataclass(frozen=True)
class CodeCounts:
    """References, documents and participants: the code's own, and including its subcodes."""

    references: int = 0
    documents: int = 0
    participants: int = 0
    total_references: int = 0
    total_documents: int = 0
    total_participants: int = 0


class CodebookService:
    def __init__(self, project: ProjectService):
        self._project = project
        self._codebook: Codebook | None = None
        # Each code's own references and the sets of documents and participants they fall in, as last counted:
        # a coding recounts its code alone, and totals are unions of these (not a query over a whole theme).
        self._own: dict[CodeId, tuple[int, set, set]] | None = None
        self._recount: set[CodeId] = set()
        project.subscribe(self._on_changes)

    def _on_changes(self, changes) -> None:
        if changes.codes:
            self._codebook = None
        # A code's own counts hold while its codings do: renaming, recolouring or moving codes keeps them (totals
        # are summed from the tree each time); documents, people, or codings changed without saying whose: afresh.
        if changes.documents or changes.participants or (changes.codings and not changes.code_ids):
            self._own = None
        elif changes.codings:
            self._recount |= changes.code_ids

    @property
    def codebook(self) -> Codebook:
        """The current tree, rebuilt only after codes change."""
        if self._codebook is None:
            self._codebook = Codebook.from_codes(codes.list_codes(self._project.project.db))
        return self._codebook

    def _code(self, code_id: CodeId):
        if code_id not in self.codebook:
            raise AnnotatorError("That code is no longer in the codebook.")
        return self.codebook[code_id]

    # ------------------------------------------------------------------------------------------------ changes
    def add_code(self, name: str, parent_id: CodeId | None = None, colour: str | None = None, *,
                 index: int | None = None, **fields: str) -> CodeId:
        book = self.codebook
        if parent_id is not None:
            self._code(parent_id)
        name = book.check_name(name, parent_id)
        colour = check_colour(colour) if colour else book.next_colour()
        unknown = set(fields) - set(DESCRIPTION_FIELDS)
        if unknown:
            raise AnnotatorError(f"Unknown code field(s): {', '.join(sorted(unknown))}.")
        command = AddCode(name, parent_id, colour, fields, index, f"Add code '{name}'")
        self._project.execute(command)
        assert command.created_id is not None
        return command.created_id

    def rename_code(self, code_id: CodeId, name: str) -> None:
        code = self._code(code_id)
        name = self.codebook.check_name(name, code.parent_id, renaming=code_id)
        if name != code.name:
            self._project.execute(UpdateCode(code_id, {"name": name}, f"Rename code '{code.name}'"))

    def recolour_code(self, code_id: CodeId, colour: str) -> None:
        code = self._code(code_id)
        colour = check_colour(colour)
        if colour != code.colour.upper():
            self._project.execute(UpdateCode(code_id, {"colour": colour}, f"Recolour code '{code.name}'"))

    def describe_code(self, code_id: CodeId, **fields: str) -> None:
        code = self._code(code_id)
        unknown = set(fields) - set(DESCRIPTION_FIELDS)
        if unknown:
            raise AnnotatorError(f"Unknown code field(s): {', '.join(sorted(unknown))}.")
        changed = {k: v.strip() for k, v in fields.items() if v.strip() != getattr(code, k)}
        if changed:
            self._project.execute(UpdateCode(code_id, changed, f"Describe code '{code.name}'"))

    def move_code(self, code_id: CodeId, parent_id: CodeId | None, index: int) -> None:
        code = self._code(code_id)
        if parent_id is not None:
            self._code(parent_id)
        self.codebook.check_move(code_id, parent_id)
        siblings = self.codebook.children(parent_id)
        if code.parent_id == parent_id and code_id in siblings:
            current = siblings.index(code_id)
            if index > current:
                index -= 1  # the code leaves its old slot first
            if index == current:
                return
        self._project.execute(MoveCode(code_id, parent_id, index, f"Move code '{code.name}'"))

    def merge_codes(self, source: CodeId, target: CodeId) -> None:
        book = self.codebook
        source_code, target_code = self._code(source), self._code(target)
        if source == target or target in book.descendants(source):
            raise AnnotatorError("A code can only be merged into a code outside its own branch.")
        taken = {book[c].name.lower() for c in book.children(target)}
        clash = [book[c].name for c in book.children(source) if book[c].name.lower() in taken]
        if clash:
            raise AnnotatorError(f"'{target_code.name}' already has a subcode called '{clash[0]}'; rename one first.")
        self._project.execute(MergeCode(source, target, f"Merge '{source_code.name}' into '{target_code.name}'"))

    def deletion_impact(self, code_id: CodeId) -> tuple[int, int]:
        """(codes, codings) that deleting this code would remove, for the confirmation."""
        subtree = self.codebook.subtree(code_id)
        db = self._project.project.db
        placeholders = ", ".join("?" for _ in subtree)
        codings = db.execute(f"SELECT count(*) FROM codings WHERE code_id IN ({placeholders})", subtree).fetchone()[0]
        return len(subtree), codings

    def delete_code(self, code_id: CodeId) -> None:
        code = self._code(code_id)
        self._project.execute(DeleteCode(code_id, self.codebook.subtree(code_id), f"Delete code '{code.name}'"))

    # ------------------------------------------------------------------------------------------------- counts
    def counts(self, code_ids: Iterable[CodeId] | None = None) -> dict[CodeId, CodeCounts]:
        """For every code (or these codes and every code above them: what a coding under them changes): its own
        counts and its counts with all subcodes (distinct documents and participants)."""
        book = self.codebook
        db = self._project.project.db
        if self._own is None:
            self._own, self._recount = codes.code_counts(db), set()
        elif self._recount:
            fresh = codes.code_counts(db, sorted(self._recount))
            for code_id in self._recount:
                self._own[code_id] = fresh.get(code_id, (0, set(), set()))  # (a merged-away code: none)
            self._recount = set()
        own = self._own
        wanted = book.codes if code_ids is None else dict.fromkeys(
            a for c in code_ids if c in book for a in [c, *book.ancestors(c)])
        result: dict[CodeId, CodeCounts] = {}
        for code_id in wanted:
            refs, docs, people = own.get(code_id, (0, set(), set()))
            total_refs, total_docs, total_people = 0, set(), set()
            for member in book.subtree(code_id):
                r, d, p = own.get(member, (0, set(), set()))
                total_refs += r
                total_docs |= d
                total_people |= p
            result[code_id] = CodeCounts(refs, len(docs), len(people), total_refs, len(total_docs), len(total_people))
        return result
