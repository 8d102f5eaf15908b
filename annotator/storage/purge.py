"""Removing what a project no longer holds from the bytes on disk: after de-identification the originals must be
gone from the file, its write-ahead log and its free pages, not merely from the tables.

Deleted rows survive in three places: free pages (overwritten with zeros by `secure_delete`, which every connection
sets), old page versions in the database file that the WAL has superseded, and the WAL itself. A VACUUM rewrites
every page; a checkpoint that truncates copies the rewritten pages home and empties the WAL.
"""

from __future__ import annotations

import contextlib

import sqlite_utils

from annotator.core.errors import ProjectError

#: Set in the transaction that removes text (de-identification), cleared once the file is wiped: a crash in between
#: leaves it set, and the next writable open finishes the wipe.
PENDING = "storage.wipe_pending"


def mark_pending(db: sqlite_utils.Database) -> None:
    """Inside the transaction that removes text: a crash before `wipe` completes leaves the mark behind."""
    db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')", [PENDING])


def is_pending(db: sqlite_utils.Database) -> bool:
    return db.execute("SELECT 1 FROM settings WHERE key = ?", [PENDING]).fetchone() is not None


def wipe(db: sqlite_utils.Database, name: str) -> None:
    """Rewrite the whole file so no deleted row survives anywhere in it, then empty the WAL; raise if another
    process's reading stops the WAL from being emptied (the mark stays, and the next open finishes the job)."""
    if db.conn.in_transaction:
        raise ProjectError("The project cannot be wiped in the middle of a change.")  # a bug, not a user error
    previous = db.execute("PRAGMA temp_store").fetchone()[0]
    db.execute("PRAGMA temp_store = MEMORY")  # VACUUM's scratch copy stays in memory, never in a temporary file
    try:
        db.execute("VACUUM")
        _checkpoint(db, name)
        with db.atomic():  # the settings page holds no text: emptying the WAL again is enough
            db.execute("DELETE FROM settings WHERE key = ?", [PENDING])
        _checkpoint(db, name)
    finally:
        with contextlib.suppress(Exception):
            db.execute(f"PRAGMA temp_store = {int(previous)}")


def _checkpoint(db: sqlite_utils.Database, name: str) -> None:
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal":
        return
    busy, _log, _done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise ProjectError(
            f"The change to {name} is saved, but another program is reading the project, so the removed text "
            "cannot yet be wiped from the file. Close that program; the wipe finishes the next time the project "
            "is opened.")
