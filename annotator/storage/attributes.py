"""Participant attributes and their values; a snapshot of all participant data for undo."""

from __future__ import annotations

import json
import uuid

import sqlite_utils

from annotator.core.attributes import Attribute
from annotator.storage.rows import Row, fetch_rows, insert_rows


def list_attributes(db: sqlite_utils.Database) -> list[Attribute]:
    return [Attribute(r[0], r[1], r[2], tuple(json.loads(r[3])))
            for r in db.execute("SELECT id, name, type, categories FROM attributes ORDER BY position, id")]


def add_attribute(db: sqlite_utils.Database, name: str, kind: str, categories: tuple[str, ...] = ()) -> int:
    position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM attributes").fetchone()[0]
    return db.execute("INSERT INTO attributes (guid, name, type, categories, position) VALUES (?, ?, ?, ?, ?)",
                      [str(uuid.uuid4()), name, kind, json.dumps(list(categories)), position]).lastrowid


def set_categories(db: sqlite_utils.Database, attribute_id: int, categories: tuple[str, ...]) -> None:
    db.execute("UPDATE attributes SET categories = ? WHERE id = ?", [json.dumps(list(categories)), attribute_id])


def set_value(db: sqlite_utils.Database, participant_id: int, attribute_id: int, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM participant_attributes WHERE participant_id = ? AND attribute_id = ?",
                   [participant_id, attribute_id])
    else:
        db.execute("INSERT OR REPLACE INTO participant_attributes (participant_id, attribute_id, value) VALUES (?, ?, ?)",
                   [participant_id, attribute_id, value])


def values(db: sqlite_utils.Database) -> dict[int, dict[int, str]]:
    """participant id -> attribute id -> value."""
    out: dict[int, dict[int, str]] = {}
    for participant_id, attribute_id, value in db.execute(
            "SELECT participant_id, attribute_id, value FROM participant_attributes WHERE value IS NOT NULL"):
        out.setdefault(participant_id, {})[attribute_id] = value
    return out


_TABLES = ("participants", "attributes", "participant_attributes")


def snapshot(db: sqlite_utils.Database) -> dict[str, list[Row]]:
    """All participant data, and which documents and speakers point at participants (small: one row each)."""
    saved = {t: fetch_rows(db, t, "1") if t != "participant_attributes" else
             [dict(zip(("participant_id", "attribute_id", "value"), r)) for r in
              db.execute("SELECT participant_id, attribute_id, value FROM participant_attributes")] for t in _TABLES}
    saved["document_links"] = [{"id": r[0], "participant_id": r[1]} for r in
                               db.execute("SELECT id, participant_id FROM documents WHERE participant_id IS NOT NULL")]
    saved["speaker_links"] = [{"id": r[0], "participant_id": r[1]} for r in
                              db.execute("SELECT id, participant_id FROM speakers WHERE participant_id IS NOT NULL")]
    return saved


def _sync(db: sqlite_utils.Database, table: str, rows: list[Row]) -> None:
    """Make `table` hold exactly `rows`, updating rows that exist in place so nothing that refers to them (memos
    on a participant, an identifier linked to one) is cascaded away."""
    wanted = {r["id"]: r for r in rows}
    current = {r[0] for r in db.execute(f"SELECT id FROM {table}")}
    gone = current - set(wanted)
    if gone:
        db.execute(f"DELETE FROM {table} WHERE id IN ({', '.join(map(str, gone))})")
    for row_id, row in wanted.items():
        if row_id in current:
            columns = [c for c in row if c != "id"]
            db.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                       [*(row[c] for c in columns), row_id])
        else:
            insert_rows(db, table, [row])


def restore(db: sqlite_utils.Database, saved: dict[str, list[Row]]) -> None:
    db.execute("DELETE FROM participant_attributes")
    _sync(db, "participants", saved["participants"])
    _sync(db, "attributes", saved["attributes"])
    insert_rows(db, "participant_attributes", saved["participant_attributes"])
    db.execute("UPDATE documents SET participant_id = NULL")
    db.execute("UPDATE speakers SET participant_id = NULL")
    db.conn.executemany("UPDATE documents SET participant_id = ? WHERE id = ?",
                        [(r["participant_id"], r["id"]) for r in saved["document_links"]])
    db.conn.executemany("UPDATE speakers SET participant_id = ? WHERE id = ?",
                        [(r["participant_id"], r["id"]) for r in saved["speaker_links"]])
