"""What the analyses read, in a few whole-project queries (documents, turns, codings), and what they keep: saved
queries and the stop-word list as project settings, and the interview order."""

from __future__ import annotations

import json
from typing import Any, cast

import sqlite_utils

from annotator.core.ids import CodeId, CodingId, DocumentId, ParticipantId

QUERY_PREFIX = "analysis.query."


# Rows come back as SQLite gives them (ids are plain ints at run time): wrapping each id of 100,000 rows in its
# NewType would double the time these reads take.

def documents(db: sqlite_utils.Database) -> list[tuple[DocumentId, str, int, ParticipantId | None, int, str]]:
    """(id, name, interview order, participant, characters, text hash), in interview order."""
    return cast(list, db.execute("SELECT id, name, interview_order, participant_id, char_count, text_hash "
                                 "FROM documents ORDER BY interview_order, id").fetchall())


def turns(db: sqlite_utils.Database) -> list[tuple[DocumentId, int, int, int, str, ParticipantId | None]]:
    """(document, start, end, speech start, speaker label, the speaker's participant), by document and position."""
    return cast(list, db.execute('SELECT t.document_id, t.start, t."end", t.text_start, s.label, s.participant_id '
                                 "FROM speaker_turns t JOIN speakers s ON s.id = t.speaker_id "
                                 "ORDER BY t.document_id, t.start").fetchall())


def codings(db: sqlite_utils.Database) -> list[tuple[CodingId, DocumentId, CodeId, int, int, str]]:
    """(id, document, code, start, end, coder name) for every coding, by document and position."""
    return cast(list, db.execute('SELECT c.id, c.document_id, c.code_id, c.start, c."end", k.name '
                                 "FROM codings c JOIN coders k ON k.id = c.coder_id "
                                 "ORDER BY c.document_id, c.start, c.id").fetchall())


def texts(db: sqlite_utils.Database, document_ids: list[DocumentId]) -> dict[DocumentId, tuple[str, str]]:
    """id -> (text hash, text) for these documents."""
    placeholders = ", ".join("?" for _ in document_ids) or "NULL"
    return {DocumentId(r[0]): (r[1], r[2]) for r in db.execute(
        f"SELECT id, text_hash, text FROM documents WHERE id IN ({placeholders})", list(document_ids))}


def coders(db: sqlite_utils.Database) -> list[str]:
    """Coders with at least one coding."""
    return [r[0] for r in db.execute(
        "SELECT k.name FROM coders k WHERE EXISTS (SELECT 1 FROM codings c WHERE c.coder_id = k.id) ORDER BY k.name")]


# ------------------------------------------------------------------------------------------------------ settings

def get_setting(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(db: sqlite_utils.Database, key: str, value: str | None) -> str | None:
    """Set (or, with None, remove) a setting; returns its previous value."""
    previous = get_setting(db, key)
    if value is None:
        db.execute("DELETE FROM settings WHERE key = ?", [key])
    else:
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, value])
    return previous


def saved_queries(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """Saved query name -> its stored form, by name."""
    rows = db.execute("SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key",
                      [len(QUERY_PREFIX), QUERY_PREFIX]).fetchall()
    return {key[len(QUERY_PREFIX):]: json.loads(value) for key, value in rows}


# ------------------------------------------------------------------------------------------------ interview order

def interview_order(db: sqlite_utils.Database) -> list[DocumentId]:
    return [DocumentId(r[0]) for r in db.execute("SELECT id FROM documents ORDER BY interview_order, id")]


def set_interview_order(db: sqlite_utils.Database, order: list[DocumentId]) -> list[DocumentId]:
    """Number the documents 1, 2, ... in this order (documents left out follow, as they were); returns the old
    order."""
    old = interview_order(db)
    listed = set(order)
    full = [*order, *(d for d in old if d not in listed)]
    db.conn.executemany("UPDATE documents SET interview_order = ? WHERE id = ?",
                        [(n, d) for n, d in enumerate(full, 1)])
    return old
