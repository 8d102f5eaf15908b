"""Participants (cases) and coders."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlite_utils

from annotator.core.ids import CoderId, ParticipantId
from annotator.storage.project_file import utc_now


@dataclass(frozen=True)
class Participant:
    id: ParticipantId
    name: str
    description: str


def ensure_coder(db: sqlite_utils.Database, name: str) -> CoderId:
    row = db.execute("SELECT id FROM coders WHERE name = ?", [name]).fetchone()
    if row:
        return CoderId(row[0])
    return CoderId(db.execute("INSERT INTO coders (guid, name, created) VALUES (?, ?, ?)",
                              [str(uuid.uuid4()), name, utc_now()]).lastrowid)


def add_participant(db: sqlite_utils.Database, name: str, description: str = "") -> ParticipantId:
    position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM participants").fetchone()[0]
    return ParticipantId(db.execute(
        "INSERT INTO participants (guid, name, description, position, created) VALUES (?, ?, ?, ?, ?)",
        [str(uuid.uuid4()), name, description, position, utc_now()],
    ).lastrowid)


def participant_by_name(db: sqlite_utils.Database, name: str) -> Participant | None:
    row = db.execute("SELECT id, name, description FROM participants WHERE name = ?", [name]).fetchone()
    return Participant(ParticipantId(row[0]), row[1], row[2]) if row else None


def list_participants(db: sqlite_utils.Database) -> list[Participant]:
    return [Participant(ParticipantId(r[0]), r[1], r[2])
            for r in db.execute("SELECT id, name, description FROM participants ORDER BY position, id")]


def participant_snapshot(db: sqlite_utils.Database, participant_id: ParticipantId) -> dict:
    """Everything that deleting a participant loses, so undo can put it back exactly (same id and links)."""
    row = db.execute("SELECT * FROM participants WHERE id = ?", [participant_id]).fetchone()
    if row is None:
        raise KeyError(participant_id)
    columns = [d[0] for d in db.execute("SELECT * FROM participants LIMIT 0").description]
    return {
        "row": dict(zip(columns, row)),
        "attributes": db.execute("SELECT attribute_id, value FROM participant_attributes WHERE participant_id = ?",
                                 [participant_id]).fetchall(),
        "speakers": [r[0] for r in db.execute("SELECT id FROM speakers WHERE participant_id = ?", [participant_id])],
        "documents": [r[0] for r in db.execute("SELECT id FROM documents WHERE participant_id = ?", [participant_id])],
    }


def remove_participant(db: sqlite_utils.Database, participant_id: ParticipantId) -> dict:
    snapshot = participant_snapshot(db, participant_id)
    db.execute("DELETE FROM participants WHERE id = ?", [participant_id])
    return snapshot


def restore_participant(db: sqlite_utils.Database, snapshot: dict) -> ParticipantId:
    row = snapshot["row"]
    db["participants"].insert(row)
    participant_id = ParticipantId(row["id"])
    db.conn.executemany("INSERT INTO participant_attributes (participant_id, attribute_id, value) VALUES (?, ?, ?)",
                        [(participant_id, a, v) for a, v in snapshot["attributes"]])
    db.conn.executemany("UPDATE speakers SET participant_id = ? WHERE id = ?",
                        [(participant_id, s) for s in snapshot["speakers"]])
    db.conn.executemany("UPDATE documents SET participant_id = ? WHERE id = ?",
                        [(participant_id, d) for d in snapshot["documents"]])
    return participant_id
