"""A whole project as plain data keyed by GUIDs, every field of every record an exchange carries, so two projects
can be compared field by field (a round trip must show no difference). Local row ids are replaced by the GUIDs of
what they point at; the audit log, de-identification records and search index are not part of an exchange."""

from __future__ import annotations

import json

TABLES = {
    "coders": "SELECT guid, name, created FROM coders",
    "codes": """SELECT c.guid, p.guid AS parent, c.position, c.name, c.colour, c.description, c.when_to_use,
                       c.when_not_to_use, c.example, k.guid AS coder, c.created, c.codable
                FROM codes c LEFT JOIN codes p ON p.id = c.parent_id LEFT JOIN coders k ON k.id = c.coder_id""",
    "documents": """SELECT d.guid, d.name, d.text, d.text_hash, d.source_name, d.source_format, d.file_hash,
                           d.imported_at, d.interview_order, d.word_count, d.char_count, p.guid AS participant,
                           d.description, d.metadata
                    FROM documents d LEFT JOIN participants p ON p.id = d.participant_id""",
    "speakers": """SELECT d.guid AS document, s.label, p.guid AS participant FROM speakers s
                   JOIN documents d ON d.id = s.document_id LEFT JOIN participants p ON p.id = s.participant_id""",
    "speaker_turns": """SELECT d.guid AS document, s.label, t.start, t."end", t.text_start, t.timestamp_ms,
                               t.end_timestamp_ms FROM speaker_turns t JOIN speakers s ON s.id = t.speaker_id
                        JOIN documents d ON d.id = t.document_id""",
    "codings": """SELECT c.guid, d.guid AS document, k.guid AS code, c.start, c."end", c.quote, r.guid AS coder,
                         c.created FROM codings c JOIN documents d ON d.id = c.document_id
                  JOIN codes k ON k.id = c.code_id JOIN coders r ON r.id = c.coder_id""",
    "memos": """SELECT m.guid, m.target, d.guid AS document, k.guid AS code, c.guid AS coding, p.guid AS participant,
                       m.start, m."end", m.title, m.body, r.guid AS coder, m.created, m.modified
                FROM memos m LEFT JOIN documents d ON d.id = m.document_id LEFT JOIN codes k ON k.id = m.code_id
                LEFT JOIN codings c ON c.id = m.coding_id LEFT JOIN participants p ON p.id = m.participant_id
                LEFT JOIN coders r ON r.id = m.coder_id""",
    "participants": "SELECT guid, name, description, position, created FROM participants",
    "attributes": "SELECT guid, name, type, categories, position FROM attributes",
    "values": """SELECT p.guid AS participant, a.guid AS attribute, v.value FROM participant_attributes v
                 JOIN participants p ON p.id = v.participant_id JOIN attributes a ON a.id = v.attribute_id""",
    "name": "SELECT value FROM settings WHERE key = 'project_name'",
}


def dump(service, *, coders_with_work_only: bool = True) -> dict[str, list]:
    db = service.project.db
    out = {}
    for table, sql in TABLES.items():
        cursor = db.execute(sql)
        columns = [d[0] for d in cursor.description]
        out[table] = sorted((dict(zip(columns, row)) for row in cursor.fetchall()),
                            key=lambda r: json.dumps(r, sort_keys=True, default=str))
    if coders_with_work_only:  # the person who opens a project to import into it is a coder without work
        used = {r["coder"] for t in ("codes", "codings", "memos") for r in out[t]}
        out["coders"] = [c for c in out["coders"] if c["guid"] in used]
    return out


def differences(a: dict[str, list], b: dict[str, list]) -> list[str]:
    """Every record that is in one project and not the other, field by field."""
    found = []
    for table in TABLES:
        left = {json.dumps(r, sort_keys=True, default=str) for r in a[table]}
        right = {json.dumps(r, sort_keys=True, default=str) for r in b[table]}
        for row in sorted(left - right):
            found.append(f"{table}: only in the first: {row[:300]}")
        for row in sorted(right - left):
            found.append(f"{table}: only in the second: {row[:300]}")
    return found
