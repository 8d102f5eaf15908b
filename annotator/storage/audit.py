"""The audit log: an append-only, hash-chained record of every change. Details hold counts and ids, never text."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from annotator.storage.project_file import utc_now

_GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    coder: str
    action: str
    target_type: str
    target_id: int | None
    details: dict[str, Any]


def _digest(previous: str, at: str, coder: str, action: str, target_type: str, target_id: int | None, details: str) -> str:
    payload = json.dumps([previous, at, coder, action, target_type, target_id, details], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def record(
    db: sqlite_utils.Database,
    coder: str,
    action: str,
    target_type: str = "",
    target_id: int | None = None,
    **details: Any,
) -> None:
    """Append one entry; call inside the transaction that makes the change, so both land or neither does."""
    row = db.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    previous = row[0] if row else _GENESIS
    at = utc_now()
    details_json = json.dumps(details, sort_keys=True, ensure_ascii=False)
    db.execute(
        "INSERT INTO audit_log (at, coder, action, target_type, target_id, details, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [at, coder, action, target_type, target_id, details_json,
         _digest(previous, at, coder, action, target_type, target_id, details_json)],
    )


def entries(db: sqlite_utils.Database, limit: int | None = None) -> list[AuditEntry]:
    sql = "SELECT id, at, coder, action, target_type, target_id, details FROM audit_log ORDER BY id DESC"
    rows = db.execute(sql + (" LIMIT ?" if limit else ""), [limit] if limit else []).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6])) for r in rows]


def verify(db: sqlite_utils.Database) -> int | None:
    """The id of the first entry whose hash does not follow from its predecessor, or None if the chain is intact."""
    previous = _GENESIS
    for id_, at, coder, action, target_type, target_id, details, stored in db.execute(
        "SELECT id, at, coder, action, target_type, target_id, details, hash FROM audit_log ORDER BY id"
    ):
        if _digest(previous, at, coder, action, target_type, target_id, details) != stored:
            return id_
        previous = stored
    return None
