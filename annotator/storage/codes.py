"""Codes (the codebook tree) in the project file."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

import sqlite_utils

from annotator.core.codebook import Code
from annotator.core.ids import CodeId, CoderId
from annotator.storage.project_file import utc_now
from annotator.storage.rows import Row, fetch_rows, id_list, insert_rows

EDITABLE = ("name", "colour", "description", "when_to_use", "when_not_to_use", "example", "codable")


def list_codes(db: sqlite_utils.Database) -> list[Code]:
    return [
        Code(CodeId(r[0]), r[1], r[2], CodeId(r[3]) if r[3] is not None else None, r[4], r[5], r[6], r[7], r[8], r[9],
             bool(r[10]))
        for r in db.execute(
            "SELECT id, guid, name, parent_id, position, colour, description, when_to_use, when_not_to_use, example, "
            "codable FROM codes ORDER BY position, id"
        )
    ]


def insert_code(
    db: sqlite_utils.Database, *, name: str, parent_id: CodeId | None, colour: str, coder_id: CoderId | None,
    description: str = "", guid: str | None = None, position: int | None = None, created: str | None = None,
    **details: str,
) -> CodeId:
    if position is None:
        position = db.execute("SELECT coalesce(max(position) + 1, 0) FROM codes WHERE parent_id IS ?",
                              [parent_id]).fetchone()[0]
    fields = {k: v for k, v in details.items() if k in EDITABLE}
    cursor = db.execute(
        f"""INSERT INTO codes (guid, parent_id, position, name, colour, description, coder_id, created
                               {''.join(', ' + k for k in fields)})
            VALUES (?, ?, ?, ?, ?, ?, ?, ?{', ?' * len(fields)})""",
        [guid or str(uuid.uuid4()), parent_id, position, name, colour, description, coder_id, created or utc_now(),
         *fields.values()],
    )
    return CodeId(cursor.lastrowid)


def update_code(db: sqlite_utils.Database, code_id: CodeId, fields: dict[str, str]) -> dict[str, str]:
    """Set the given editable fields; returns their previous values."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    row = db.execute(f"SELECT {', '.join(fields)} FROM codes WHERE id = ?", [code_id]).fetchone()
    if row is None:
        raise KeyError(code_id)
    db.execute(f"UPDATE codes SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?", [*fields.values(), code_id])
    return dict(zip(fields, row))


def _siblings(db: sqlite_utils.Database, parent_id: CodeId | None) -> list[CodeId]:
    return [CodeId(r[0]) for r in db.execute("SELECT id FROM codes WHERE parent_id IS ? ORDER BY position, id",
                                             [parent_id])]


def _renumber(db: sqlite_utils.Database, ids: list[CodeId]) -> None:
    db.conn.executemany("UPDATE codes SET position = ? WHERE id = ?", list(enumerate(ids)))


def place_code(db: sqlite_utils.Database, code_id: CodeId, parent_id: CodeId | None, index: int) -> tuple[CodeId | None, int]:
    """Put a code under `parent_id` at `index` among its siblings; returns where it was (parent, index)."""
    old_parent = db.execute("SELECT parent_id FROM codes WHERE id = ?", [code_id]).fetchone()
    if old_parent is None:
        raise KeyError(code_id)
    old_parent_id = CodeId(old_parent[0]) if old_parent[0] is not None else None
    old_siblings = _siblings(db, old_parent_id)
    old_index = old_siblings.index(code_id)
    old_siblings.remove(code_id)
    _renumber(db, old_siblings)
    new_siblings = old_siblings if parent_id == old_parent_id else _siblings(db, parent_id)
    new_siblings.insert(max(0, min(index, len(new_siblings))), code_id)
    db.execute("UPDATE codes SET parent_id = ? WHERE id = ?", [parent_id, code_id])
    _renumber(db, new_siblings)
    return old_parent_id, old_index


def snapshot_subtree(db: sqlite_utils.Database, code_ids: list[CodeId]) -> dict[str, list[Row]]:
    """The rows that deleting these codes (a subtree) takes with it: codes, codings, memos."""
    ids = id_list(code_ids)
    codings = fetch_rows(db, "codings", f"code_id IN ({ids})")
    coding_ids = id_list([c["id"] for c in codings])
    return {
        "codes": fetch_rows(db, "codes", f"id IN ({ids})"),
        "codings": codings,
        "memos": fetch_rows(db, "memos", f"code_id IN ({ids}) OR coding_id IN ({coding_ids})"),
    }


def delete_code(db: sqlite_utils.Database, code_id: CodeId, subtree: list[CodeId]) -> dict[str, list[Row]]:
    snapshot = snapshot_subtree(db, subtree)
    parent = db.execute("SELECT parent_id FROM codes WHERE id = ?", [code_id]).fetchone()[0]
    db.execute("DELETE FROM codes WHERE id = ?", [code_id])  # children, codings and memos cascade
    _renumber(db, _siblings(db, parent))
    return snapshot


def restore_subtree(db: sqlite_utils.Database, snapshot: dict[str, list[Row]]) -> None:
    by_id = {row["id"]: row for row in snapshot["codes"]}
    ordered: list[Row] = []
    placed: set[int] = set()

    def add(row: Row) -> None:  # parents before children, so foreign keys hold on every insert
        if row["id"] in placed:
            return
        if row["parent_id"] in by_id:
            add(by_id[row["parent_id"]])
        placed.add(row["id"])
        ordered.append(row)

    for row in snapshot["codes"]:
        add(row)
    root = next(r for r in ordered if r["parent_id"] not in by_id)
    siblings = _siblings(db, root["parent_id"])
    insert_rows(db, "codes", ordered)
    siblings.insert(min(root["position"], len(siblings)), CodeId(root["id"]))
    _renumber(db, siblings)
    insert_rows(db, "codings", snapshot["codings"])
    insert_rows(db, "memos", snapshot["memos"])


def code_counts(db: sqlite_utils.Database, code_ids: Iterable[CodeId] | None = None
                ) -> dict[CodeId, tuple[int, set[int], set[int]]]:
    """Per code (all, or these): its own references, and the sets of documents and participants they fall in."""
    counts: dict[CodeId, tuple[int, set[int], set[int]]] = {}
    where = f"WHERE c.code_id IN ({id_list(code_ids)})" if code_ids is not None else ""
    for code_id, refs, docs, people in db.execute(
        f"""SELECT c.code_id, count(*), json_group_array(DISTINCT c.document_id),
                  json_group_array(DISTINCT d.participant_id)
           FROM codings c JOIN documents d ON d.id = c.document_id {where} GROUP BY c.code_id"""
    ):
        counts[CodeId(code_id)] = (refs, set(json.loads(docs)), {p for p in json.loads(people) if p is not None})
    return counts
