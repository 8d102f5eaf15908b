"""De-identification state in the project: entities, their mentions, and rewriting a document's text with every
anchored range (codings, memo ranges, speaker turns, pending mentions) moved through the one remap function."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlite_utils

from annotator.core.ids import DocumentId
from annotator.core.spans import EditList
from annotator.storage.documents import text_hash
from annotator.storage.project_file import utc_now
from annotator.storage.rows import Row, fetch_rows, insert_rows


@dataclass(frozen=True)
class Entity:
    id: int
    guid: str
    type: str
    label: str
    status: str
    pseudonym: str
    custom: bool
    participant_id: int | None
    confidence: float = 1.0
    reasons: str = ""  # "; "-joined


@dataclass(frozen=True)
class Mention:
    id: int
    entity_id: int
    document_id: DocumentId
    start: int
    end: int
    reason: str
    rejected: bool


def entities(db: sqlite_utils.Database, where: str = "1", params: list | None = None) -> list[Entity]:
    return [Entity(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9]) for r in db.execute(
        "SELECT id, guid, type, label, status, pseudonym, custom, participant_id, confidence, reasons FROM "
        f"deid_entities WHERE {where} ORDER BY id", params or [])]


def mentions(db: sqlite_utils.Database, where: str = "1", params: list | None = None) -> list[Mention]:
    return [Mention(r[0], r[1], DocumentId(r[2]), r[3], r[4], r[5], bool(r[6])) for r in db.execute(
        f'SELECT id, entity_id, document_id, start, "end", reason, rejected FROM deid_mentions WHERE {where} '
        "ORDER BY document_id, start", params or [])]


def add_entity(db: sqlite_utils.Database, kind: str, label: str, status: str = "suggested", confidence: float = 1.0,
               reasons: str = "") -> int:
    return db.execute(
        "INSERT INTO deid_entities (guid, type, label, status, created, confidence, reasons) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [str(uuid.uuid4()), kind, label, status, utc_now(), confidence, reasons]).lastrowid


def add_mentions(db: sqlite_utils.Database, entity_id: int, found: list[tuple[int, int, int, str]]) -> None:
    """found: (document_id, start, end, reason)."""
    db.conn.executemany('INSERT INTO deid_mentions (entity_id, document_id, start, "end", reason) VALUES (?, ?, ?, ?, ?)',
                        [(entity_id, d, s, e, r) for d, s, e, r in found])


def snapshot(db: sqlite_utils.Database, entity_ids: list[int]) -> dict[str, list[Row]]:
    ids = ", ".join(str(int(i)) for i in entity_ids) or "NULL"
    return {"entities": fetch_rows(db, "deid_entities", f"id IN ({ids})"),
            "mentions": fetch_rows(db, "deid_mentions", f"entity_id IN ({ids})")}


def replace_state(db: sqlite_utils.Database, entity_ids: list[int], saved: dict[str, list[Row]]) -> None:
    """Make the given entities exactly as saved: rows not in the snapshot are deleted (with their mentions)."""
    ids = ", ".join(str(int(i)) for i in entity_ids) or "NULL"
    db.execute(f"DELETE FROM deid_entities WHERE id IN ({ids})")  # mentions cascade
    insert_rows(db, "deid_entities", saved["entities"])
    insert_rows(db, "deid_mentions", saved["mentions"])


def rewrite_document(db: sqlite_utils.Database, document_id: DocumentId, edits: EditList) -> str:
    """Apply `edits` to a document's text and move everything anchored in it through the same edits.

    Codings keep their words (their quote is refreshed from the new text); a range that disappears entirely is
    removed rather than left pointing at the wrong words. Returns the new text."""
    old_text = db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
    new_text = edits.apply(old_text)
    for table, quote in (("codings", True), ("memos", False), ("deid_mentions", False)):
        rows = db.execute(f'SELECT id, start, "end" FROM {table} WHERE document_id = ? AND start IS NOT NULL',
                          [document_id]).fetchall()
        for row_id, start, end in rows:
            moved = edits.remap_span(start, end)
            if moved is None:
                db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
            elif moved != (start, end) or quote:
                if quote:
                    db.execute(f'UPDATE {table} SET start = ?, "end" = ?, quote = ? WHERE id = ?',
                               [*moved, new_text[moved[0]:moved[1]], row_id])
                else:
                    db.execute(f'UPDATE {table} SET start = ?, "end" = ? WHERE id = ?', [*moved, row_id])
    for turn_id, start, end, text_start in db.execute(
            'SELECT id, start, "end", text_start FROM speaker_turns WHERE document_id = ?', [document_id]).fetchall():
        moved = edits.remap_span(start, end) or (start, start)
        speech = edits.remap_span(text_start, end) if text_start < end else None
        db.execute('UPDATE speaker_turns SET start = ?, "end" = ?, text_start = ? WHERE id = ?',
                   [moved[0], moved[1], speech[0] if speech else moved[1], turn_id])
    db.execute("UPDATE documents SET text = ?, text_hash = ?, word_count = ?, char_count = ? WHERE id = ?",
               [new_text, text_hash(new_text), len(new_text.split()), len(new_text), document_id])
    return new_text
