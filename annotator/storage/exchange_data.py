"""A whole project read with every record's GUID and dates, for exporting it or merging it into another: rows as
plain dicts, references to other records given by GUID."""

from __future__ import annotations

import json
from collections.abc import Iterator

import sqlite_utils


def _rows(db: sqlite_utils.Database, sql: str, params=()) -> list[dict]:
    cursor = db.execute(sql, list(params))
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def read_project(db: sqlite_utils.Database, *, texts: bool = True) -> dict[str, list[dict]]:
    """Everything an exchange file carries but the turns and codings (read by `turns` and `codings` as they are
used); de-identification records and the audit log stay behind. Without `texts`, documents come without
their text (an export reads each as it writes it)."""
    return {
        "coders": _rows(db, "SELECT guid, name, created FROM coders ORDER BY id"),
        "codes": _rows(db, """SELECT c.id, c.guid, c.created, k.guid AS coder FROM codes c
                              LEFT JOIN coders k ON k.id = c.coder_id"""),
        "documents": _rows(db, f"""SELECT d.id, d.guid, d.name, {'d.text' if texts else "'' AS text"}, d.source_name, d.source_format, d.file_hash,
                                         d.imported_at, d.interview_order, d.metadata, p.guid AS participant
                                  FROM documents d LEFT JOIN participants p ON p.id = d.participant_id
                                  ORDER BY d.interview_order, d.id"""),
        "speakers": _rows(db, """SELECT s.document_id, s.label, p.guid AS participant FROM speakers s
                                 LEFT JOIN participants p ON p.id = s.participant_id ORDER BY s.id"""),
        "memos": _rows(db, """SELECT m.guid, m.target, d.guid AS document, k.guid AS code, c.guid AS coding,
                                     p.guid AS participant, m.start, m."end", m.title, m.body, r.guid AS coder,
                                     m.created, m.modified
                              FROM memos m LEFT JOIN documents d ON d.id = m.document_id
                              LEFT JOIN codes k ON k.id = m.code_id LEFT JOIN codings c ON c.id = m.coding_id
                              LEFT JOIN participants p ON p.id = m.participant_id
                              LEFT JOIN coders r ON r.id = m.coder_id ORDER BY m.id"""),
        "participants": _rows(db, "SELECT id, guid, name, position, created FROM participants ORDER BY position, id"),
        "attributes": _rows(db, "SELECT id, guid, name, type, categories, position FROM attributes "
                                "ORDER BY position, id"),
        "values": _rows(db, """SELECT p.guid AS participant, a.guid AS attribute, v.value
                               FROM participant_attributes v JOIN participants p ON p.id = v.participant_id
                               JOIN attributes a ON a.id = v.attribute_id WHERE v.value IS NOT NULL"""),
    }


def turns(db: sqlite_utils.Database) -> Iterator[tuple]:
    """Every speaker turn, (document id, speaker label, start, end, text start, timestamp, end timestamp), in
    document and text order, read as it goes: a team's project has a quarter of a million."""
    yield from db.execute("""SELECT t.document_id, s.label, t.start, t."end", t.text_start, t.timestamp_ms,
                                    t.end_timestamp_ms FROM speaker_turns t JOIN speakers s ON s.id = t.speaker_id
                             ORDER BY t.document_id, t.start, t.id""")


def codings(db: sqlite_utils.Database) -> Iterator[tuple]:
    """Every coding, (guid, document id, code guid, start, end, coder guid, created), in document and text
    order, read as it goes."""
    yield from db.execute("""SELECT c.guid, c.document_id, k.guid, c.start, c."end", r.guid, c.created
                             FROM codings c JOIN codes k ON k.id = c.code_id JOIN coders r ON r.id = c.coder_id
                             ORDER BY c.document_id, c.start, c.id""")


def categories(row: dict) -> tuple[str, ...]:
    return tuple(json.loads(row["categories"] or "[]"))


def guid_ids(db: sqlite_utils.Database, table: str) -> dict[str, int]:
    """GUID (lower case, no braces) -> id, for matching an incoming record to one already here."""
    return {g.lower().strip("{}"): i for i, g in db.execute(f"SELECT id, guid FROM {table}")}
