"""Writing records that come from another project or program with the identities and dates they came with, and
the rows an import or merge added or changed, taken and put back so the whole of it undoes and redoes as one."""

from __future__ import annotations

import contextlib
import json

import sqlite_utils

from annotator.core.transcript import SpeakerTurn
from annotator.storage import attributes
from annotator.storage.documents import text_hash
from annotator.storage.project_file import utc_now
from annotator.storage.rows import Row, fetch_rows, id_list, insert_rows


def insert_coder(db: sqlite_utils.Database, guid: str, name: str, created: str | None) -> int:
    return db.execute("INSERT INTO coders (guid, name, created) VALUES (?, ?, ?)",
                      [guid, name, created or utc_now()]).lastrowid


def insert_document(db: sqlite_utils.Database, *, guid: str, name: str, text: str, source_name: str,
                    source_format: str, file_hash: str, imported_at: str | None, interview_order: int | None,
                    metadata: dict, participant_id: int | None, speakers: list[tuple[str, int | None]],
                    turns: list[SpeakerTurn]) -> int:
    if interview_order is None or db.execute("SELECT 1 FROM documents WHERE interview_order = ?",
                                             [interview_order]).fetchone():
        interview_order = db.execute("SELECT coalesce(max(interview_order), 0) + 1 FROM documents").fetchone()[0]
    document_id = db.execute(
        """INSERT INTO documents (guid, name, text, text_hash, source_name, source_format, file_hash, imported_at,
                                  interview_order, word_count, char_count, participant_id, metadata)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [guid, name, text, text_hash(text), source_name, source_format, file_hash, imported_at or utc_now(),
         interview_order, len(text.split()), len(text), participant_id, json.dumps(metadata, sort_keys=True)],
    ).lastrowid
    speaker_ids = {}
    for label, participant in speakers:
        speaker_ids[label] = db.execute("INSERT INTO speakers (document_id, label, participant_id) VALUES (?, ?, ?)",
                                        [document_id, label, participant]).lastrowid
    db.conn.executemany(
        """INSERT INTO speaker_turns (document_id, speaker_id, start, "end", text_start, timestamp_ms, end_timestamp_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [(document_id, speaker_ids[t.speaker], t.start, t.end, t.text_start, t.timestamp_ms, t.end_timestamp_ms)
         for t in turns if t.speaker in speaker_ids])
    return document_id


def insert_coding(db: sqlite_utils.Database, guid: str, document_id: int, code_id: int, start: int, end: int,
                  quote: str, coder_id: int, created: str | None) -> int:
    return db.execute('INSERT INTO codings (guid, document_id, code_id, start, "end", quote, coder_id, created) '
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      [guid, document_id, code_id, start, end, quote, coder_id, created or utc_now()]).lastrowid


def insert_memo(db: sqlite_utils.Database, guid: str, target: str, *, coder_id: int | None, title: str, body: str,
                document_id=None, code_id=None, coding_id=None, participant_id=None, start=None, end=None,
                created: str | None = None, modified: str | None = None) -> int:
    created = created or utc_now()
    return db.execute(
        """INSERT INTO memos (guid, target, document_id, code_id, coding_id, participant_id, start, "end", title, body,
                              coder_id, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [guid, target, document_id, code_id, coding_id, participant_id, start, end, title, body, coder_id, created,
         modified or created]).lastrowid


def same_memo(db: sqlite_utils.Database, target: str, title: str, body: str, **about) -> bool:
    """A memo on the same thing with the same words is here already (so merging twice adds nothing)."""
    where = " AND ".join(f'"{column}" IS ?' for column in about)
    return db.execute(f"SELECT 1 FROM memos WHERE target = ? AND body = ? AND title = ? AND {where or '1'}",
                      [target, body, title, *about.values()]).fetchone() is not None


def insert_participant(db: sqlite_utils.Database, guid: str, name: str, position: int | None,
                       created: str | None) -> int:
    if position is None:
        position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM participants").fetchone()[0]
    return db.execute("INSERT INTO participants (guid, name, position, created) VALUES (?, ?, ?, ?)",
                      [guid, name, position, created or utc_now()]).lastrowid


def insert_attribute(db: sqlite_utils.Database, guid: str, name: str, kind: str, categories: tuple[str, ...],
                     position: int | None) -> int:
    if position is None:
        position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM attributes").fetchone()[0]
    return db.execute("INSERT INTO attributes (guid, name, type, categories, position) VALUES (?, ?, ?, ?, ?)",
                      [guid, name, kind, json.dumps(list(categories)), position]).lastrowid


def set_project_name(db: sqlite_utils.Database, name: str) -> None:
    db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('project_name', ?)", [name])


def set_coder_guid(db: sqlite_utils.Database, coder_id: int, guid: str) -> None:
    db.execute("UPDATE coders SET guid = ? WHERE id = ?", [guid, coder_id])


# ------------------------------------------------------------------------------------------------- undo and redo
# Small tables (coders, codes, participants and their attributes) are kept whole before and after; of the big ones
# (documents with their speakers and turns, codings, memos) only the rows the import added.

def small_state(db: sqlite_utils.Database) -> dict:
    return {"coders": fetch_rows(db, "coders", "1"), "codes": fetch_rows(db, "codes", "1"),
            "people": attributes.snapshot(db),
            "settings": [{"key": k, "value": v} for k, v in
                         db.execute("SELECT key, value FROM settings WHERE key = 'project_name'")]}


def _sync(db: sqlite_utils.Database, table: str, rows: list[Row]) -> None:
    """Make `table` hold exactly `rows`: missing rows inserted first (parents before children: by id), then the rest
    updated in place (so nothing that refers to them is cascaded away), then rows not wanted deleted."""
    wanted = {r["id"]: r for r in rows}
    current = {r[0] for r in db.execute(f"SELECT id FROM {table}")}
    insert_rows(db, table, [wanted[i] for i in sorted(set(wanted) - current)])
    for row_id in sorted(set(wanted) & current):
        row = wanted[row_id]
        columns = [c for c in row if c != "id"]
        assignments = ", ".join(f'"{c}" = ?' for c in columns)
        db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*(row[c] for c in columns), row_id])
    gone = current - set(wanted)
    if gone:
        db.execute(f"DELETE FROM {table} WHERE id IN ({id_list(sorted(gone))})")


def put_small_state(db: sqlite_utils.Database, state: dict) -> None:
    """Coders first and last: codes and memos refer to them, so they are added before and removed after."""
    current_coders = {r[0] for r in db.execute("SELECT id FROM coders")}
    insert_rows(db, "coders", [r for r in state["coders"] if r["id"] not in current_coders])
    _sync(db, "codes", state["codes"])
    attributes.restore(db, state["people"])
    for row in state["settings"]:
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [row["key"], row["value"]])
    _sync(db, "coders", state["coders"])


def take_added(db: sqlite_utils.Database, added: dict[str, list[int]]) -> dict[str, list[Row]]:
    documents = id_list(added["documents"])
    return {"documents": fetch_rows(db, "documents", f"id IN ({documents})"),
            "speakers": fetch_rows(db, "speakers", f"document_id IN ({documents})"),
            "speaker_turns": fetch_rows(db, "speaker_turns", f"document_id IN ({documents})"),
            "codings": fetch_rows(db, "codings", f"id IN ({id_list(added['codings'])})"),
            "memos": fetch_rows(db, "memos", f"id IN ({id_list(added['memos'])})")}


def remove_added(db: sqlite_utils.Database, added: dict[str, list[int]]) -> None:
    db.execute(f"DELETE FROM memos WHERE id IN ({id_list(added['memos'])})")
    db.execute(f"DELETE FROM codings WHERE id IN ({id_list(added['codings'])})")
    db.execute(f"DELETE FROM documents WHERE id IN ({id_list(added['documents'])})")  # speakers and turns cascade


def put_added(db: sqlite_utils.Database, rows: dict[str, list[Row]]) -> None:
    for table in ("documents", "speakers", "speaker_turns", "codings", "memos"):
        insert_rows(db, table, rows[table])


class _Preview(Exception):
    """Raised to roll a preview back."""


@contextlib.contextmanager
def rolled_back(db: sqlite_utils.Database):
    """Run writes only to see what they would do: everything in the block is rolled back."""
    try:
        with db.atomic():
            yield db
            raise _Preview
    except _Preview:
        pass
