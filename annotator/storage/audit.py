"""The audit log: an append-only, hash-chained record of every change. Details hold counts and ids, never text.

The chain shows an entry changed in place; what it cannot show alone (the newest entries deleted, or every entry
rewritten with fresh hashes) an anchor kept outside the project shows: see core/audit_anchor.py and check().
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from annotator.core.audit_anchor import AnchorCheck, AuditAnchor
from annotator.core.errors import AnnotatorError
from annotator.storage.connection import DatabaseError, Error, connect
from annotator.storage.project_file import utc_now
from annotator.storage.schema import AUDIT_TRIGGERS

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


def entries(db: sqlite_utils.Database, limit: int | None = None, *, coder: str | None = None,
            action: str | None = None, since: str | None = None, until: str | None = None) -> list[AuditEntry]:
    """Newest first; only this coder's, this action's, or those at or after `since` and before `until` (UTC ISO
    times, or their date part: '2026-12-01')."""
    where, params = [], []
    for clause, value in (("coder = ?", coder), ("action = ?", action), ("at >= ?", since), ("at < ?", until)):
        if value:
            where.append(clause)
            params.append(value)
    sql = "SELECT id, at, coder, action, target_type, target_id, details FROM audit_log"
    sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC" + (" LIMIT ?" if limit else "")
    rows = db.execute(sql, params + ([limit] if limit else [])).fetchall()
    return [AuditEntry(r[0], str(r[1]), str(r[2]), str(r[3]), str(r[4]), r[5], _details(r[6])) for r in rows]


def _details(text) -> dict[str, Any]:
    """An entry's details; a row edited outside Annotator (which `verify` reports) reads as damaged, not as a crash."""
    try:
        details = json.loads(text)
    except (TypeError, ValueError):
        return {"damaged": True}
    return details if isinstance(details, dict) else {"damaged": True}


def distinct(db: sqlite_utils.Database, column: str) -> list[str]:
    """The coders or the actions that occur in the log, sorted (for filters)."""
    if column not in ("coder", "action"):
        raise ValueError(column)
    return [r[0] for r in db.execute(f"SELECT DISTINCT {column} FROM audit_log ORDER BY {column}")]


def head(db: sqlite_utils.Database) -> AuditAnchor | None:
    """The newest committed entry as an anchor to keep outside the project (None for an empty log, or inside an
    open transaction, whose entries may still be rolled back)."""
    if db.conn.in_transaction:
        return None
    row = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    guid = db.execute("SELECT value FROM settings WHERE key = 'project_guid'").fetchone()
    return AuditAnchor(guid[0] if guid else "", row[0], row[1]) if row else None


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


def missing_triggers(db: sqlite_utils.Database) -> list[str]:
    """The append-only triggers that are gone or no longer as created (anyone with SQLite can drop them)."""
    found = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"))
    return [name for name, sql in AUDIT_TRIGGERS.items() if " ".join((found.get(name) or "").split()) != " ".join(sql.split())]


def starts_at_creation(db: sqlite_utils.Database) -> bool:
    """Every project's log begins with entry 1, 'create project': a log without it lost its oldest entries."""
    row = db.execute("SELECT id, action FROM audit_log ORDER BY id LIMIT 1").fetchone()
    return row is not None and row[0] == 1 and row[1] == "create project"


def check(db: sqlite_utils.Database, anchor: AuditAnchor | None, source: str) -> AnchorCheck:
    """Does the log still hold the anchor's entry with the anchor's hash?"""
    if anchor is None:
        return AnchorCheck(source, None, "no anchor")
    guid = db.execute("SELECT value FROM settings WHERE key = 'project_guid'").fetchone()
    if anchor.project_guid and guid and anchor.project_guid != guid[0]:
        return AnchorCheck(source, anchor, "other project", "it belongs to another project")
    row = db.execute("SELECT hash FROM audit_log WHERE id = ?", [anchor.entry]).fetchone()
    if row is None:
        newest = db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
        return AnchorCheck(source, anchor, "cut short", f"it names entry {anchor.entry}, but the log "
                           + (f"ends at entry {newest}" if newest else "is empty"))
    if row[0] != anchor.hash:
        return AnchorCheck(source, anchor, "rewritten", f"entry {anchor.entry} no longer has the hash it had")
    return AnchorCheck(source, anchor, "matches", f"entry {anchor.entry} is as it was")


def head_of_file(path: Path, passphrase: str | None = None) -> AuditAnchor | None:
    """The newest entry of another copy of the project (a backup), read-only; None if it cannot be read."""
    try:
        db = connect(Path(path), readonly=True, passphrase=passphrase)
    except (*Error, OSError, AnnotatorError):
        return None
    try:
        return head(db)
    except DatabaseError:
        return None
    finally:
        with contextlib.suppress(*Error):
            db.close()
