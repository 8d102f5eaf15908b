"""Documents, their speakers and speaker turns."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from annotator.core.ids import DocumentId, ParticipantId
from annotator.core.transcript import SpeakerTurn, Transcript
from annotator.storage.project_file import utc_now
from annotator.storage.rows import id_list


@dataclass(frozen=True)
class DocumentSummary:
    id: DocumentId
    name: str
    source_format: str
    interview_order: int
    word_count: int
    turn_count: int
    coded_share: float | None  # the fraction of the text's characters under at least one coding (None: not yet)
    speakers: tuple[str, ...]
    participant: str | None


@dataclass(frozen=True)
class Speaker:
    label: str
    turn_count: int
    participant_id: ParticipantId | None
    participant: str | None


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_duplicate(db: sqlite_utils.Database, file_hash: str, content_hash: str) -> tuple[DocumentId, str] | None:
    """An existing document imported from the same bytes, or holding the same text."""
    row = db.execute(
        "SELECT id, name FROM documents WHERE file_hash = ? OR text_hash = ? ORDER BY id LIMIT 1", [file_hash, content_hash]
    ).fetchone()
    return (DocumentId(row[0]), row[1]) if row else None


def unique_name(db: sqlite_utils.Database, base: str) -> str:
    taken = {r[0] for r in db.execute("SELECT name FROM documents WHERE name = ? OR name LIKE ?", [base, base + " (%)"])}
    if base not in taken:
        return base
    n = 2
    while f"{base} ({n})" in taken:
        n += 1
    return f"{base} ({n})"


def insert_document(
    db: sqlite_utils.Database, *, name: str, transcript: Transcript, source_name: str, file_hash: str
) -> DocumentId:
    """Insert a document with its speakers and turns; call inside a transaction."""
    order = db.execute("SELECT coalesce(max(interview_order), 0) + 1 FROM documents").fetchone()[0]
    cursor = db.execute(
        """INSERT INTO documents (guid, name, text, text_hash, source_name, source_format, file_hash, imported_at,
                                  interview_order, word_count, char_count, metadata)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [str(uuid.uuid4()), name, transcript.text, text_hash(transcript.text), source_name, transcript.source_format,
         file_hash, utc_now(), order, transcript.word_count, len(transcript.text),
         json.dumps(transcript.metadata, sort_keys=True)],
    )
    document_id = DocumentId(cursor.lastrowid)
    speaker_ids: dict[str, int] = {}
    for label in transcript.speakers:
        speaker_ids[label] = db.execute(
            "INSERT INTO speakers (document_id, label) VALUES (?, ?)", [document_id, label]
        ).lastrowid
    db.conn.executemany(
        """INSERT INTO speaker_turns (document_id, speaker_id, start, "end", text_start, timestamp_ms, end_timestamp_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [(document_id, speaker_ids[t.speaker], t.start, t.end, t.text_start, t.timestamp_ms, t.end_timestamp_ms)
         for t in transcript.turns],
    )
    return document_id


def coded_characters(db: sqlite_utils.Database, document_ids: Sequence[DocumentId] | None = None
                     ) -> dict[DocumentId, int]:
    """Per document (all, or these), how many characters lie under at least one coding (overlaps counted once)."""
    covered: dict[DocumentId, int] = {}
    current, run_start, run_end = None, 0, 0
    where = f"WHERE document_id IN ({id_list(document_ids)})" if document_ids is not None else ""
    for doc, start, end in db.execute(f'SELECT document_id, start, "end" FROM codings {where} ORDER BY document_id, start'):
        if doc != current or start > run_end:
            if current is not None:
                covered[current] = covered.get(current, 0) + run_end - run_start
            current, run_start, run_end = doc, start, end
        else:
            run_end = max(run_end, end)
    if current is not None:
        covered[current] = covered.get(current, 0) + run_end - run_start
    return covered


def list_documents(db: sqlite_utils.Database, document_ids: Sequence[DocumentId] | None = None, *,
                   shares: bool = True) -> list[DocumentSummary]:
    """Every document's summary (or these documents': what a coding changed), in interview order; without
    `shares`, the share coded is left None (it reads every coding: a window opening shows the list first)."""
    where = f"WHERE d.id IN ({id_list(document_ids)})" if document_ids is not None else ""
    rows = db.execute(
        f"""SELECT d.id, d.name, d.source_format, d.interview_order, d.word_count,
                  (SELECT count(*) FROM speaker_turns t WHERE t.document_id = d.id),
                  (SELECT json_group_array(label) FROM (SELECT label FROM speakers s WHERE s.document_id = d.id
                                                        ORDER BY s.id)),
                  p.name, d.char_count
           FROM documents d LEFT JOIN participants p ON p.id = d.participant_id {where}
           ORDER BY d.interview_order, d.id"""
    ).fetchall()
    coded = coded_characters(db, document_ids) if shares else None
    return [
        DocumentSummary(DocumentId(r[0]), r[1], r[2], r[3], r[4], r[5],
                        coded.get(r[0], 0) / max(1, r[8]) if coded is not None else None,
                        tuple(json.loads(r[6])), r[7])
        for r in rows
    ]


def lengths(db: sqlite_utils.Database) -> dict[DocumentId, int]:
    """Each document's length in characters (without reading its text)."""
    return {DocumentId(r[0]): r[1] for r in db.execute("SELECT id, char_count FROM documents")}


def document_text(db: sqlite_utils.Database, document_id: DocumentId) -> str:
    row = db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        raise KeyError(document_id)
    return row[0]


def speaker_turns(db: sqlite_utils.Database, document_id: DocumentId) -> list[SpeakerTurn]:
    return [
        SpeakerTurn(start=r[0], end=r[1], speaker=r[2], text_start=r[3], timestamp_ms=r[4], end_timestamp_ms=r[5])
        for r in db.execute(
            """SELECT t.start, t."end", s.label, t.text_start, t.timestamp_ms, t.end_timestamp_ms
               FROM speaker_turns t JOIN speakers s ON s.id = t.speaker_id
               WHERE t.document_id = ? ORDER BY t.start""",
            [document_id],
        )
    ]


def speakers(db: sqlite_utils.Database, document_id: DocumentId) -> list[Speaker]:
    return [
        Speaker(r[0], r[1], ParticipantId(r[2]) if r[2] is not None else None, r[3])
        for r in db.execute(
            """SELECT s.label, (SELECT count(*) FROM speaker_turns t WHERE t.document_id = s.document_id
                                                                   AND t.speaker_id = s.id),
                      s.participant_id, p.name
               FROM speakers s LEFT JOIN participants p ON p.id = s.participant_id
               WHERE s.document_id = ? ORDER BY s.id""",
            [document_id],
        )
    ]


def set_speaker_participant(
    db: sqlite_utils.Database, document_id: DocumentId, label: str, participant_id: ParticipantId | None
) -> ParticipantId | None:
    """Map a speaker label to a participant (or unmap it); returns the previous mapping."""
    row = db.execute("SELECT id, participant_id FROM speakers WHERE document_id = ? AND label = ?",
                     [document_id, label]).fetchone()
    if row is None:
        raise KeyError(label)
    db.execute("UPDATE speakers SET participant_id = ? WHERE id = ?", [participant_id, row[0]])
    return ParticipantId(row[1]) if row[1] is not None else None


def document_participant(db: sqlite_utils.Database, document_id: DocumentId) -> ParticipantId | None:
    row = db.execute("SELECT participant_id FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        raise KeyError(document_id)
    return ParticipantId(row[0]) if row[0] is not None else None


def set_document_participant(
    db: sqlite_utils.Database, document_id: DocumentId, participant_id: ParticipantId | None
) -> ParticipantId | None:
    row = db.execute("SELECT participant_id FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        raise KeyError(document_id)
    db.execute("UPDATE documents SET participant_id = ? WHERE id = ?", [participant_id, document_id])
    return ParticipantId(row[0]) if row[0] is not None else None


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    tables = {"documents": "documents", "speaker_turns": "speaker_turns", "participants": "participants",
              "codes": "codes", "codings": "codings", "memos": "memos", "coders": "coders"}
    return {key: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for key, table in tables.items()}
