"""REFI-QDA exchange for the project: codebooks out and in (with a preview, undoable), whole projects out (checked
for identifiers first) and in (one transaction: all or nothing)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from annotator import __version__
from annotator.core.changes import Changes
from annotator.core.codebook import PATH_SEPARATOR, Codebook, check_colour
from annotator.core.commands import CompoundCommand
from annotator.core.errors import AnnotatorError
from annotator.core.transcript import Transcript
from annotator.deid.keyfile import KeyFile
from annotator.exchange.codebook_xml import read_codebook, write_codebook
from annotator.exchange.model import (
    QdaCase,
    QdaCode,
    QdaNote,
    QdaProject,
    QdaSelection,
    QdaSource,
)
from annotator.exchange.qdpx import read_qdpx, write_qdpx
from annotator.importers.speakers import detect_turns
from annotator.services.code_commands import CODES, DeleteCode, MoveCode, UpdateCode
from annotator.services.commands import Session
from annotator.services.part import ServicePart
from annotator.storage import attributes as attribute_store
from annotator.storage import audit, codes, codings, documents, people

ORIGIN = f"Annotator {__version__}"


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
                                            coder_id=session.coder_id, description=code.description, guid=code.guid)
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


class ExchangeService(ServicePart):
    # ----------------------------------------------------------------------------------------------- codebook
    def codebook_model(self) -> list[QdaCode]:
        book = self._project.codebook.codebook

        def build(code_id) -> QdaCode:
            code = book[code_id]
            return QdaCode(code.guid, code.name, code.colour, code.description,
                           [build(c) for c in book.children(code_id)])
        return [build(c) for c in book.children(None)]

    def export_codebook(self, path: Path) -> int:
        model = self.codebook_model()
        Path(path).write_bytes(write_codebook(model, ORIGIN))
        return sum(1 for root in model for _ in root.walk())

    def plan_codebook_import(self, data: bytes) -> CodebookPlan:
        """Match codes by GUID first, then by path; report what would change. Nothing is overwritten silently."""
        incoming, _origin = read_codebook(data)
        book = self._project.codebook.codebook
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

    def import_codebook(self, data: bytes) -> CodebookPlan:
        plan = self.plan_codebook_import(data)
        if plan.add or plan.rename or plan.recolour or plan.describe or plan.move:
            self._project.execute(ImportCodebook(plan, f"Import codebook ({len(plan.add)} new codes)"))
        return plan

    # ------------------------------------------------------------------------------------------------ project
    def project_model(self) -> QdaProject:
        db = self._db
        coder_guids = {r[0]: r[1] for r in db.execute("SELECT name, guid FROM coders")}
        code_guids = {c.id: c.guid for c in self._project.codebook.codebook.codes.values()}
        project = QdaProject(self._project.name, ORIGIN, users={g: n for n, g in coder_guids.items()},
                             codes=self.codebook_model())
        doc_guids = {r[0]: r[1] for r in db.execute("SELECT id, guid FROM documents")}
        coding_guids = {r[0]: r[1] for r in db.execute("SELECT id, guid FROM codings")}  # one selection per coding
        for doc in self._project.documents():
            source = QdaSource(doc_guids[doc.id], doc.name, self._project.document_text(doc.id))
            for coding in codings.for_document(db, doc.id):
                source.selections.append(QdaSelection(coding_guids[coding.id], coding.start, coding.end,
                                                      [code_guids[coding.code_id]], coder_guids.get(coding.coder)))
            project.sources.append(source)
        for memo in codings.memos_where(db, "1", []):
            target = (code_guids.get(memo.code_id) if memo.target == "code" else
                      coding_guids.get(memo.coding_id) if memo.target == "coding" else
                      doc_guids.get(memo.document_id) if memo.target in ("document", "range") else None)
            text = memo.body if memo.target != "range" else f"{memo.body}\n[on characters {memo.start}-{memo.end}]"
            project.notes.append(QdaNote(str(uuid.uuid4()), memo.title or f"{memo.target.title()} memo", text,
                                         coder_guids.get(memo.coder), target))
        attributes = self._project.people.attributes()
        kinds = {"number": "Float", "date": "Date"}
        project.variables = {a.name: kinds.get(a.kind, "Text") for a in attributes}
        by_name = {a.id: a.name for a in attributes}
        for row in self._project.people.rows():
            participant_guid = db.execute("SELECT guid FROM participants WHERE id = ?", [row.id]).fetchone()[0]
            sources = [doc_guids[r[0]] for r in db.execute("SELECT id FROM documents WHERE participant_id = ?", [row.id])]
            project.cases.append(QdaCase(participant_guid, row.name, {by_name[a]: v for a, v in row.values.items()},
                                         sources))
        return project

    def export_qdpx(self, path: Path, *, key: KeyFile | None = None, allow_residual: bool = False) -> dict:
        warnings = self._project.reports.check_identifiers(key, allow_residual)
        model = self.project_model()
        write_qdpx(model, path, ORIGIN)
        return {"documents": len(model.sources), "codings": sum(len(s.selections) for s in model.sources),
                "codes": sum(1 for r in model.codes for _ in r.walk()), "memos": len(model.notes),
                "warnings": warnings}

    def import_qdpx(self, data: bytes) -> dict[str, int]:
        """Everything in a .qdpx into this project, in one transaction: documents (matched by text), codes (by
        GUID, then path), codings under their coder's name, notes as memos, cases as participants."""
        return self.import_model(read_qdpx(data))

    def merge(self, path: Path) -> dict[str, int]:
        """A co-author's work (their .qdpx, or their Annotator project) into this project, their codings kept
        under their coder name."""
        path = Path(path)
        if path.suffix.lower() == ".qdpx":
            try:
                return self.import_qdpx(path.read_bytes())
            except OSError as exc:
                raise AnnotatorError(f"{path.name} could not be read ({exc.strerror}).") from exc
        from annotator.services.project_service import ProjectService

        with ProjectService.open(path, readonly=True) as other:
            if other.project.setting("project_guid") == self._project.project.setting("project_guid") and \
                    other.path.resolve() == self._project.path.resolve():
                raise AnnotatorError("That is this project itself.")
            model = other.exchange.project_model()
        return self.import_model(model)

    def import_model(self, model: QdaProject) -> dict[str, int]:
        db = self._db
        counts = {"documents": 0, "documents_matched": 0, "codes": 0, "codings": 0, "memos": 0, "participants": 0}
        with self._project.project.atomic():
            coder_ids = {g: people.ensure_coder(db, name) for g, name in model.users.items()}
            fallback = self._project.coder_id or people.ensure_coder(db, self._project.coder)
            code_ids = self._import_codes(db, model.codes, counts)
            doc_ids = {}
            selection_codings: dict[str, int] = {}  # for notes about a coded passage
            for source in model.sources:
                existing = documents.find_duplicate(db, "", documents.text_hash(source.text))
                if existing is not None:
                    doc_ids[source.guid] = existing[0]
                    counts["documents_matched"] += 1
                else:
                    transcript = Transcript(source.text, detect_turns(source.text), "qdpx",
                                            {"origin": model.origin})
                    doc_ids[source.guid] = documents.insert_document(
                        db, name=documents.unique_name(db, source.name), transcript=transcript,
                        source_name=f"{source.name} ({model.origin or 'REFI-QDA'})", file_hash="qdpx:" + source.guid)
                    counts["documents"] += 1
                for s in source.selections:
                    for code_guid in s.code_guids:
                        code_id = code_ids.get(code_guid)
                        if code_id is None:
                            continue
                        coder_id = coder_ids.get(s.coder_guid, fallback)
                        same = codings.find_exact(db, doc_ids[source.guid], code_id, s.start, s.end, coder_id)
                        if same is None:
                            same = codings.add_coding(db, doc_ids[source.guid], code_id, s.start, s.end,
                                                      source.text[s.start:s.end], coder_id)
                            counts["codings"] += 1
                        selection_codings[s.guid] = same
            source_docs = {g: d for g, d in doc_ids.items()}
            for note in model.notes:
                target = note.target_guid or ""
                target_code, target_doc = code_ids.get(target), source_docs.get(target)
                target_coding = selection_codings.get(target)
                kind = "code" if target_code else "coding" if target_coding else "document" if target_doc else "project"
                codings.add_memo(db, target=kind, coder_id=coder_ids.get(note.coder_guid, fallback), title=note.name,
                                 body=note.text, code_id=target_code, document_id=target_doc, coding_id=target_coding)
                counts["memos"] += 1
            self._import_cases(db, model, doc_ids, counts)
            audit.record(db, self._project.coder, "import REFI-QDA project", "project", None,
                         **{k: v for k, v in counts.items()})
        self._project.history.clear()  # an import is not undone step by step; the file can be re-imported
        self._project.announce(Changes(documents=True, speaker_turns=True, codes=True, codings=True, memos=True,
                                        participants=True, document_ids=frozenset(doc_ids.values())))
        return counts

    def _import_codes(self, db, roots: list[QdaCode], counts: dict) -> dict[str, int]:
        book = Codebook.from_codes(codes.list_codes(db))
        by_guid = {c.guid.lower().strip("{}"): c.id for c in book.codes.values()}
        ids: dict[str, int] = {}

        def place(code: QdaCode, parent: int | None, path: str) -> None:
            found = by_guid.get(code.guid)
            if found is None:
                existing = book.by_path(path)
                found = existing.id if existing else None
            if found is None:
                found = codes.insert_code(db, name=code.name, parent_id=parent, colour=code.colour or "#999999",
                                          coder_id=None, description=code.description,
                                          guid=code.guid if code.guid and code.guid not in by_guid else None)
                counts["codes"] += 1
            ids[code.guid] = found
            for sub in code.children:
                place(sub, found, f"{path}{PATH_SEPARATOR}{sub.name}")

        for root in roots:
            place(root, None, root.name)
        return ids

    def _import_cases(self, db, model: QdaProject, doc_ids: dict[str, int], counts: dict) -> None:
        if not model.cases:
            return
        existing = {a.name.lower(): a.id for a in attribute_store.list_attributes(db)}
        kinds = {"Integer": "number", "Float": "number", "Date": "date"}
        for name, kind in model.variables.items():
            if name.lower() not in existing:
                existing[name.lower()] = attribute_store.add_attribute(db, name, kinds.get(kind, "text"))
        for case in model.cases:
            found = people.participant_by_name(db, case.name)
            participant_id = found.id if found else people.add_participant(db, case.name)
            counts["participants"] += not found
            for name, value in case.variables.items():
                if name.lower() not in existing:
                    existing[name.lower()] = attribute_store.add_attribute(db, name, "text")
                attribute_store.set_value(db, participant_id, existing[name.lower()], value)
            for source_guid in case.source_guids:
                if source_guid in doc_ids:
                    db.execute("UPDATE documents SET participant_id = ? WHERE id = ?", [participant_id,
                                                                                        doc_ids[source_guid]])

