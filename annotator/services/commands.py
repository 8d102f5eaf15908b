"""Undoable commands over the project file. Each applies in one transaction, writes the audit log, and returns its
inverse with the changes it made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from annotator.core.changes import Changes
from annotator.core.ids import CoderId, DocumentId, ParticipantId
from annotator.storage import audit, documents, people
from annotator.storage.project_file import ProjectFile


@dataclass
class Session:
    """What a command applies to: the open project and who is working in it."""

    project: ProjectFile
    coder: str
    coder_id: CoderId | None = None


@dataclass
class MapSpeaker:
    """Say which participant a speaker label in a document is (or that it is nobody in particular)."""

    document_id: DocumentId
    label: str
    participant_id: ParticipantId | None
    name: str = "Map speaker to participant"

    def apply(self, session: Session) -> tuple[MapSpeaker, Changes]:
        with session.project.atomic() as db:
            previous = documents.set_speaker_participant(db, self.document_id, self.label, self.participant_id)
            audit.record(db, session.coder, "map speaker", "document", self.document_id,
                         participant_id=self.participant_id)
        return (MapSpeaker(self.document_id, self.label, previous, self.name),
                Changes(speaker_turns=True, participants=True, document_ids=frozenset({self.document_id})))


@dataclass
class LinkDocument:
    """Say whose interview a document is."""

    document_id: DocumentId
    participant_id: ParticipantId | None
    name: str = "Link document to participant"

    def apply(self, session: Session) -> tuple[LinkDocument, Changes]:
        with session.project.atomic() as db:
            previous = documents.set_document_participant(db, self.document_id, self.participant_id)
            audit.record(db, session.coder, "link document", "document", self.document_id,
                         participant_id=self.participant_id)
        return (LinkDocument(self.document_id, previous, self.name),
                Changes(documents=True, participants=True, document_ids=frozenset({self.document_id})))


@dataclass
class AddParticipant:
    """Add a participant; undoing it removes them, and redoing restores the very same record."""

    participant_name: str
    name: str = "Add participant"
    snapshot: dict | None = None  # set when this re-adds a removed participant
    created_id: ParticipantId | None = None  # filled in by apply, for the caller

    def apply(self, session: Session) -> tuple[RemoveParticipant, Changes]:
        with session.project.atomic() as db:
            if self.snapshot is not None:
                participant_id = people.restore_participant(db, self.snapshot)
            else:
                participant_id = people.add_participant(db, self.participant_name)
            audit.record(db, session.coder, "add participant", "participant", participant_id)
        self.created_id = participant_id
        return (RemoveParticipant(participant_id, self.participant_name, self.name),
                Changes(participants=True, documents=True, speaker_turns=True))


@dataclass
class RemoveParticipant:
    participant_id: ParticipantId
    participant_name: str
    name: str = "Remove participant"

    def apply(self, session: Session) -> tuple[AddParticipant, Changes]:
        with session.project.atomic() as db:
            snapshot = people.remove_participant(db, self.participant_id)
            audit.record(db, session.coder, "remove participant", "participant", self.participant_id)
        return (AddParticipant(self.participant_name, self.name, snapshot),
                Changes(participants=True, documents=True, speaker_turns=True))


@dataclass
class RestoreState:
    """Put back a snapshot of some rows (undo), keeping the current ones so redo can put those back."""

    name: str
    take: Callable  # db -> snapshot
    put: Callable  # (db, snapshot) -> None
    saved: object
    changes: Changes

    def apply(self, session: Session) -> tuple[RestoreState, Changes]:
        with session.project.atomic() as db:
            current = self.take(db)
            self.put(db, self.saved)
            audit.record(db, session.coder, "undo or redo", "", None)
        return RestoreState(self.name, self.take, self.put, current, self.changes), self.changes


@dataclass
class SnapshotChange:
    """A change undone by restoring a snapshot of the rows it touches. For small, tangled state (identifier review,
    the participants sheet) where writing an exact inverse for every edit would be error-prone. `mutate` may return
    a list of ids it created; `rows(created)` gives the take/put pair covering them too."""

    name: str  # for the Edit menu; like the audit entry, it never quotes data
    action: str
    rows: Callable  # created ids -> (take, put)
    mutate: Callable  # db -> created ids (or None)
    changes: Changes
    result: object = None

    def apply(self, session: Session) -> tuple[RestoreState, Changes]:
        with session.project.atomic() as db:
            before = self.rows([])[0](db)
            self.result = self.mutate(db)
            audit.record(db, session.coder, self.action, "", None)
        created = self.result if isinstance(self.result, list) else []
        take, put = self.rows(created)
        return RestoreState(self.name, take, put, before, self.changes), self.changes
