"""Importing a REFI-QDA codebook (.qdc) into the project: the plan (what would be added, renamed, recoloured,
redescribed or moved) and the undoable command that applies it."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.codebook import PATH_SEPARATOR, Codebook, check_colour
from annotator.core.commands import CompoundCommand
from annotator.exchange.model import QdaCode
from annotator.services.code_commands import CODES, DeleteCode, MoveCode, UpdateCode
from annotator.services.commands import Session
from annotator.storage import audit, codes


@dataclass
class CodebookPlan:
    """What importing a codebook would do; nothing is changed until it is applied."""

    add: list[tuple[str, QdaCode, str | None]] = field(default_factory=list)  # (path, code, parent path)
    rename: list[tuple[int, str, str]] = field(default_factory=list)  # (code id, old name, new name)
    recolour: list[tuple[int, str, str]] = field(default_factory=list)
    describe: list[tuple[int, str]] = field(default_factory=list)
    move: list[tuple[int, str, str]] = field(default_factory=list)  # (code id, old path, new parent path)
    unchanged: int = 0

    def summary(self) -> str:
        return (f"{len(self.add)} to add, {len(self.rename)} to rename, {len(self.recolour)} to recolour, "
                f"{len(self.describe)} to redescribe, {len(self.move)} to move, {self.unchanged} unchanged")

    def lines(self) -> list[str]:
        return ([f"add {p}" for p, _, _ in self.add] + [f"rename {o} -> {n}" for _, o, n in self.rename]
                + [f"recolour {p} -> {c}" for _, p, c in self.recolour] + [f"move {o} -> under {n or '(top)'}"
                                                                           for _, o, n in self.move]
                + [f"redescribe code {i}" for i, _ in self.describe])


@dataclass
class ImportCodebook:
    plan: CodebookPlan
    name: str = "Import codebook"

    def apply(self, session: Session):
        db = session.project.db
        inverses = []
        existing = Codebook.from_codes(codes.list_codes(db))  # parents that were there before the import

        def find(path: str) -> int | None:
            code = existing.by_path(path)
            return code.id if code else None

        with session.project.atomic():
            created: dict[str, int] = {}
            for path, code, parent_path in self.plan.add:
                parent = created.get(parent_path) if parent_path else None
                if parent_path and parent is None:
                    parent = find(parent_path)
                code_id = codes.insert_code(db, name=code.name, parent_id=parent, colour=code.colour or "#999999",
                                            coder_id=session.coder_id, description=code.description, guid=code.guid,
                                            codable=int(code.codable))
                created[path] = code_id
                inverses.append(DeleteCode(code_id, [code_id], "Remove imported code"))
            for code_id, _old, new in self.plan.rename:
                inverses.append(UpdateCode(code_id, codes.update_code(db, code_id, {"name": new})))
            for code_id, _path, colour in self.plan.recolour:
                inverses.append(UpdateCode(code_id, codes.update_code(db, code_id, {"colour": colour})))
            for code_id, description in self.plan.describe:
                inverses.append(UpdateCode(code_id, codes.update_code(db, code_id, {"description": description})))
            for code_id, _old, parent_path in self.plan.move:
                parent = (created.get(parent_path) or find(parent_path)) if parent_path else None
                old_parent, old_index = codes.place_code(db, code_id, parent, 10**9)
                inverses.append(MoveCode(code_id, old_parent, old_index))
            audit.record(db, session.coder, "import codebook", "code", None, added=len(self.plan.add),
                         changed=len(inverses) - len(self.plan.add))
        return CompoundCommand(self.name, list(reversed(inverses))), CODES


def plan_codebook(book: Codebook, incoming: list[QdaCode]) -> CodebookPlan:
    """Match codes by GUID first, then by path; report what would change. Nothing is overwritten silently."""
    by_guid = {c.guid.lower().strip("{}"): c for c in book.codes.values()}
    plan = CodebookPlan()
    for root in incoming:
        for names, code in root.walk():
            path = PATH_SEPARATOR.join(names)
            parent_path = PATH_SEPARATOR.join(names[:-1]) or None
            existing = by_guid.get(code.guid) or book.by_path(path)
            if existing is None:
                plan.add.append((path, code, parent_path))
                continue
            changed = False
            if existing.name != code.name:
                plan.rename.append((existing.id, existing.name, code.name))
                changed = True
            if code.colour and code.colour.upper() != existing.colour.upper():
                plan.recolour.append((existing.id, book.path(existing.id), check_colour(code.colour)))
                changed = True
            if code.description and code.description != existing.description:
                plan.describe.append((existing.id, code.description))
                changed = True
            current_parent = PATH_SEPARATOR.join(book.path(existing.id).split(PATH_SEPARATOR)[:-1]) or None
            if by_guid.get(code.guid) is not None and current_parent != parent_path:  # matched by GUID elsewhere
                plan.move.append((existing.id, book.path(existing.id), parent_path))
                changed = True
            plan.unchanged += not changed
    return plan
