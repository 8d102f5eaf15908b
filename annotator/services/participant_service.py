"""Participants (cases) and their attributes: the sheet, CSV import and export, and attribute filters. Every
change is undoable as one step (the participant data is small, so a step keeps a snapshot of all of it)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from annotator.core.attributes import (
    KINDS,
    Attribute,
    Condition,
    clean_value,
    guess_kind,
)
from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.ids import DocumentId, ParticipantId
from annotator.services.commands import SnapshotChange
from annotator.services.part import ServicePart
from annotator.storage import attributes as store
from annotator.storage import people

PEOPLE = Changes(participants=True, documents=True, speaker_turns=True)
_ID_COLUMNS = ("participant", "id", "case", "pseudonym", "name")
_DOCUMENT_COLUMNS = ("transcript", "document", "file", "interview")


@dataclass(frozen=True)
class ParticipantRow:
    id: ParticipantId
    name: str
    values: dict[int, str]
    documents: tuple[str, ...]


class ParticipantService(ServicePart):
    def _change(self, name: str, action: str, mutate: Callable):
        """One undoable step; the participant data is small, so the step keeps a snapshot of all of it."""
        command = SnapshotChange(name, action, lambda _created: (store.snapshot, store.restore), mutate, PEOPLE)
        self._project.execute(command)
        return command.result

    # ---------------------------------------------------------------------------------------------- reading
    def attributes(self) -> list[Attribute]:
        return store.list_attributes(self._db)

    def attribute(self, name: str) -> Attribute:
        match = [a for a in self.attributes() if a.name.lower() == name.strip().lower()]
        if not match:
            raise AnnotatorError(f"There is no attribute called '{name}' (attributes: "
                                 f"{', '.join(a.name for a in self.attributes()) or 'none yet'}).")
        return match[0]

    def rows(self) -> list[ParticipantRow]:
        values = store.values(self._db)
        documents: dict[int, list[str]] = {}
        for participant_id, name in self._db.execute(
                "SELECT participant_id, name FROM documents WHERE participant_id IS NOT NULL ORDER BY interview_order"):
            documents.setdefault(participant_id, []).append(name)
        return [ParticipantRow(p.id, p.name, values.get(p.id, {}), tuple(documents.get(p.id, ())))
                for p in people.list_participants(self._db)]

    def matching(self, conditions: Iterable[Condition]) -> set[ParticipantId]:
        """Participants meeting every condition."""
        conditions = list(conditions)
        checks = [(self.attribute(c.attribute), c) for c in conditions]
        return {row.id for row in self.rows()
                if all(c.matches(a, row.values.get(a.id)) for a, c in checks)}

    def documents_of(self, participant_ids: set[ParticipantId]) -> set[DocumentId]:
        return {DocumentId(r[0]) for r in self._db.execute("SELECT id, participant_id FROM documents")
                if r[1] in participant_ids}

    # ---------------------------------------------------------------------------------------------- changes
    def add_attribute(self, name: str, kind: str = "text", categories: Iterable[str] = ()) -> int:
        name = " ".join(name.split())
        if not name:
            raise AnnotatorError("An attribute needs a name.")
        if kind not in KINDS:
            raise AnnotatorError(f"An attribute is one of: {', '.join(KINDS)}.")
        if any(a.name.lower() == name.lower() for a in self.attributes()):
            raise AnnotatorError(f"There is already an attribute called '{name}'.")
        return self._change(f"Add attribute '{name}'", "add attribute",
                            lambda db: store.add_attribute(db, name, kind, tuple(categories)))

    def set_categories(self, attribute_id: int, categories: Iterable[str]) -> None:
        ordered = tuple(dict.fromkeys(c.strip() for c in categories if c.strip()))
        self._change("Order categories", "order categories", lambda db: store.set_categories(db, attribute_id, ordered))

    def set_value(self, participant_id: ParticipantId, attribute_id: int, value: str | None) -> None:
        attribute = next((a for a in self.attributes() if a.id == attribute_id), None)
        if attribute is None:
            raise AnnotatorError("That attribute is no longer in the project.")
        cleaned = clean_value(attribute, value, new_category=True)

        def mutate(db):
            if attribute.kind == "category" and cleaned and cleaned not in attribute.categories:
                store.set_categories(db, attribute_id, (*attribute.categories, cleaned))
            store.set_value(db, participant_id, attribute_id, cleaned)
        self._change(f"Set {attribute.name}", "set attribute value", mutate)

    def rename(self, participant_id: ParticipantId, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise AnnotatorError("A participant needs a name or pseudonym.")
        if any(p.name == name and p.id != participant_id for p in people.list_participants(self._db)):
            raise AnnotatorError(f"There is already a participant called {name}.")
        self._change("Rename participant", "rename participant",
                     lambda db: db.execute("UPDATE participants SET name = ? WHERE id = ?", [name, participant_id]))

    # ------------------------------------------------------------------------------------------------- CSV
    def import_csv(self, data: str) -> dict[str, int]:
        """Participants from a CSV: an id column (participant/id/case/name, else the first), optionally a transcript
        column (linked by document name or file name) and a speaker column, and attributes in the rest. Everything
        is checked before anything changes; the whole import is one undo step."""
        rows = list(csv.DictReader(io.StringIO(data.lstrip("\ufeff"))))
        if not rows or not rows[0]:
            raise AnnotatorError("The CSV has no rows.")
        header = [h for h in rows[0] if h is not None]
        lower = {h.strip().lower(): h for h in header}
        id_column = next((lower[c] for c in _ID_COLUMNS if c in lower), header[0])
        doc_column = next((lower[c] for c in _DOCUMENT_COLUMNS if c in lower), None)
        speaker_column = lower.get("speaker")
        attribute_columns = [h for h in header if h not in (id_column, doc_column, speaker_column) and h.strip()]
        existing = {a.name.lower(): a for a in self.attributes()}
        plans: dict[str, Attribute] = {}
        for column in attribute_columns:
            name = column.strip().replace("_", " ")
            if name.lower() in existing:
                plans[column] = existing[name.lower()]
            else:
                kind, categories = guess_kind([r.get(column) or "" for r in rows])
                plans[column] = Attribute(0, name, kind, categories)
        documents = {}
        for doc in self._project.documents(shares=False):
            documents[doc.name.lower()] = doc.id
        for source, doc_id in self._db.execute("SELECT source_name, id FROM documents"):
            documents.setdefault(source.lower(), doc_id)
        cleaned: list[tuple[str, dict[str, str | None], DocumentId | None, str]] = []
        for number, row in enumerate(rows, 2):
            name = " ".join((row.get(id_column) or "").split())
            if not name:
                raise AnnotatorError(f"Line {number} has no participant in the '{id_column}' column.")
            values = {}
            for column, attribute in plans.items():
                try:
                    values[column] = clean_value(Attribute(0, attribute.name, attribute.kind), row.get(column))
                except AnnotatorError as exc:
                    raise AnnotatorError(f"Line {number}, column '{column}': {exc}") from None
            doc_id = None
            if doc_column and (row.get(doc_column) or "").strip():
                wanted = row[doc_column].strip().lower()
                doc_id = documents.get(wanted) or documents.get(wanted.rsplit(".", 1)[0])
            cleaned.append((name, values, doc_id, (row.get(speaker_column) or "").strip() if speaker_column else ""))

        def mutate(db):
            ids = {}
            for column, attribute in plans.items():
                if attribute.id:
                    ids[column] = attribute.id
                    if attribute.kind == "category":
                        extra = [v for _, values, _, _ in cleaned if (v := values[column]) and v not in attribute.categories]
                        store.set_categories(db, attribute.id, (*attribute.categories, *dict.fromkeys(extra)))
                else:
                    ids[column] = store.add_attribute(db, attribute.name, attribute.kind, attribute.categories)
            counts = {"participants": 0, "attributes": sum(1 for a in plans.values() if not a.id), "documents": 0,
                      "speakers": 0}
            for name, values, doc_id, speaker in cleaned:
                found = people.participant_by_name(db, name)
                participant_id = found.id if found else people.add_participant(db, name)
                counts["participants"] += 1
                for column, value in values.items():
                    store.set_value(db, participant_id, ids[column], value)
                if doc_id is not None:
                    db.execute("UPDATE documents SET participant_id = ? WHERE id = ?", [participant_id, doc_id])
                    counts["documents"] += 1
                    if speaker and db.execute("UPDATE speakers SET participant_id = ? WHERE document_id = ? AND label = ?",
                                              [participant_id, doc_id, speaker]).rowcount:
                        counts["speakers"] += 1
            return counts
        return self._change("Import participants", "import participants", mutate)

    def export_csv(self) -> str:
        attributes = self.attributes()
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["participant", "transcripts", *(a.name for a in attributes)])
        for row in self.rows():
            writer.writerow([row.name, "; ".join(row.documents), *(row.values.get(a.id, "") for a in attributes)])
        return out.getvalue()
