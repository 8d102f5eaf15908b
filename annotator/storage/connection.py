"""The one factory for SQLite connections: every connection to a project is opened here.

Passphrase encryption (SQLCipher) and automatic backups belong here later, so no caller changes when they come.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

# 'ANNO' as a big-endian int: written into the SQLite header so a project is recognised as ours.
APPLICATION_ID = 0x414E4E4F
BUSY_TIMEOUT_MS = 5000


def connect(path: Path, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open `path` with the pragmas every project connection needs: foreign keys on, WAL, a busy timeout."""
    if readonly:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    return db


def copy_database(db: sqlite_utils.Database, target: Path) -> None:
    """A consistent copy of an open project (SQLite's online backup), e.g. before migrating it."""
    copy = connect(target)
    try:
        db.conn.backup(copy.conn)
    finally:
        copy.close()
