"""Codings (a code applied to a range of a document) and memos, in the project file."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlite_utils

from annotator.core.ids import CodeId, CoderId, CodingId, DocumentId, ParticipantId
from annotator.storage.project_file import utc_now
from annotator.storage.rows import Row, fetch_rows, id_list, insert_rows


@dataclass(frozen=True)
class Coding:
    id: CodingId
    document_id: DocumentId
    code_id: CodeId
    start: int
    end: int
    quote: str
    coder: str


_SELECT = """SELECT c.id, c.document_id, c.code_id, c.start, c."end", c.quote, k.name
             FROM codings c JOIN coders k ON k.id = c.coder_id"""


def _coding(r) -> Coding:
    return Coding(CodingId(r[0]), DocumentId(r[1]), CodeId(r[2]), r[3], r[4], r[5], r[6])


def add_coding(
    db: sqlite_utils.Database, document_id: DocumentId, code_id: CodeId, start: int, end: int, quote: str,
    coder_id: CoderId,
) -> CodingId:
    cursor = db.execute(
        'INSERT INTO codings (guid, document_id, code_id, start, "end", quote, coder_id, created) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [str(uuid.uuid4()), document_id, code_id, start, end, quote, coder_id, utc_now()],
    )
    return CodingId(cursor.lastrowid)


def find_exact(db: sqlite_utils.Database, document_id: DocumentId, code_id: CodeId, start: int, end: int,
               coder_id: CoderId | None = None) -> CodingId | None:
    """The same code on the same range (by the given coder, when one is given)."""
    sql = 'SELECT id FROM codings WHERE document_id = ? AND code_id = ? AND start = ? AND "end" = ?'
    params: list = [document_id, code_id, start, end]
    if coder_id is not None:
        sql += " AND coder_id = ?"
        params.append(coder_id)
    row = db.execute(sql, params).fetchone()
    return CodingId(row[0]) if row else None


def get(db: sqlite_utils.Database, coding_id: CodingId) -> Coding | None:
    row = db.execute(_SELECT + " WHERE c.id = ?", [coding_id]).fetchone()
    return _coding(row) if row else None


def for_document(db: sqlite_utils.Database, document_id: DocumentId) -> list[Coding]:
    return [_coding(r) for r in db.execute(_SELECT + " WHERE c.document_id = ? ORDER BY c.start, c.id", [document_id])]


def for_codes(db: sqlite_utils.Database, code_ids: list[CodeId]) -> list[Coding]:
    """Every coding under these codes, in interview order then text order."""
    return [_coding(r) for r in db.execute(
        _SELECT + f""" JOIN documents d ON d.id = c.document_id WHERE c.code_id IN ({id_list(code_ids)})
                       ORDER BY d.interview_order, c.document_id, c.start, c.id""")]


def by_coders(db: sqlite_utils.Database, coders: list[str]) -> list[Coding]:
    """Every coding by these coders (by name), in document and text order."""
    marks = ", ".join("?" for _ in coders)
    return [_coding(r) for r in db.execute(_SELECT + f" WHERE k.name IN ({marks}) ORDER BY c.document_id, c.start",
                                           list(coders))]


def ids_for_document(db: sqlite_utils.Database, document_id: DocumentId) -> set[CodingId]:
    return {CodingId(r[0]) for r in db.execute("SELECT id FROM codings WHERE document_id = ?", [document_id])}


def extents_for_document(db: sqlite_utils.Database, document_id: DocumentId) -> dict[CodingId, tuple[int, int]]:
    """Each coding's (start, end): enough to tell which codings a change added, removed or moved."""
    return {CodingId(r[0]): (r[1], r[2]) for r in db.execute(
        'SELECT id, start, "end" FROM codings WHERE document_id = ?', [document_id])}


def get_many(db: sqlite_utils.Database, coding_ids: list[CodingId]) -> list[Coding]:
    return [_coding(r) for r in db.execute(_SELECT + f" WHERE c.id IN ({id_list(coding_ids)}) ORDER BY c.start, c.id")]


def snapshot(db: sqlite_utils.Database, coding_ids: list[CodingId]) -> dict[str, list[Row]]:
    ids = id_list(coding_ids)
    return {"codings": fetch_rows(db, "codings", f"id IN ({ids})"),
            "memos": fetch_rows(db, "memos", f"coding_id IN ({ids})")}


def delete_codings(db: sqlite_utils.Database, coding_ids: list[CodingId]) -> dict[str, list[Row]]:
    saved = snapshot(db, coding_ids)
    db.execute(f"DELETE FROM codings WHERE id IN ({id_list(coding_ids)})")
    return saved


def restore(db: sqlite_utils.Database, saved: dict[str, list[Row]]) -> None:
    insert_rows(db, "codings", saved["codings"])
    insert_rows(db, "memos", saved["memos"])


def set_extent(db: sqlite_utils.Database, coding_id: CodingId, start: int, end: int, quote: str) -> tuple[int, int]:
    """Move a coding's ends (its quote follows); returns the old (start, end)."""
    old = db.execute('SELECT start, "end" FROM codings WHERE id = ?', [coding_id]).fetchone()
    db.execute('UPDATE codings SET start = ?, "end" = ?, quote = ? WHERE id = ?', [start, end, quote, coding_id])
    return old[0], old[1]


def recode(db: sqlite_utils.Database, coding_ids: list[CodingId], code_id: CodeId) -> None:
    db.execute(f"UPDATE codings SET code_id = ? WHERE id IN ({id_list(coding_ids)})", [code_id])


# ----------------------------------------------------------------------------------------------------------- memos

@dataclass(frozen=True)
class Memo:
    id: int
    target: str
    document_id: DocumentId | None
    code_id: CodeId | None
    coding_id: CodingId | None
    start: int | None
    end: int | None
    title: str
    body: str
    coder: str | None
    modified: str
    participant_id: ParticipantId | None = None


_MEMO_SELECT = """SELECT m.id, m.target, m.document_id, m.code_id, m.coding_id, m.start, m."end", m.title, m.body,
                         k.name, m.modified, m.participant_id FROM memos m LEFT JOIN coders k ON k.id = m.coder_id"""


def add_memo(
    db: sqlite_utils.Database, *, target: str, coder_id: CoderId | None, title: str = "", body: str = "",
    document_id: DocumentId | None = None, code_id: CodeId | None = None, coding_id: CodingId | None = None,
    start: int | None = None, end: int | None = None, participant_id: ParticipantId | None = None,
) -> int:
    now = utc_now()
    return db.execute(
        'INSERT INTO memos (guid, target, document_id, code_id, coding_id, participant_id, start, "end", title, body, '
        "coder_id, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [str(uuid.uuid4()), target, document_id, code_id, coding_id, participant_id, start, end, title, body, coder_id,
         now, now],
    ).lastrowid


def update_memo(db: sqlite_utils.Database, memo_id: int, title: str, body: str) -> tuple[str, str]:
    row = db.execute("SELECT title, body FROM memos WHERE id = ?", [memo_id]).fetchone()
    if row is None:
        raise KeyError(memo_id)
    db.execute("UPDATE memos SET title = ?, body = ?, modified = ? WHERE id = ?", [title, body, utc_now(), memo_id])
    return row[0], row[1]


def memos_where(db: sqlite_utils.Database, where: str, params: list) -> list[Memo]:
    return [Memo(*r) for r in db.execute(_MEMO_SELECT + f" WHERE {where} ORDER BY m.id", params)]


def memo_snapshot(db: sqlite_utils.Database, memo_id: int) -> list[Row]:
    return fetch_rows(db, "memos", "id = ?", [memo_id])


def delete_memo(db: sqlite_utils.Database, memo_id: int) -> list[Row]:
    saved = memo_snapshot(db, memo_id)
    db.execute("DELETE FROM memos WHERE id = ?", [memo_id])
    return saved


def memoed_codings(db: sqlite_utils.Database, document_id: DocumentId) -> set[CodingId]:
    return {CodingId(r[0]) for r in db.execute(
        "SELECT DISTINCT m.coding_id FROM memos m JOIN codings c ON c.id = m.coding_id WHERE c.document_id = ?",
        [document_id])}
