"""What a path holds before anything opens it for writing: a project (plain or encrypted), something else, or a
damaged project, found over read-only connections that cannot change a byte of the file."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from annotator.core.errors import (
    DamagedProjectError,
    NewerSchemaError,
    NotAProjectError,
    ProjectError,
)
from annotator.storage.connection import (
    APPLICATION_ID,
    SQLITE_MAGIC,
    DatabaseError,
    Error,
    connect,
    looks_encrypted,
)

QUICK_CHECK_LINES = 3


def kind_of(path: Path) -> str:
    """'plain' or 'encrypted' for what may be a project; raise with a clear message for anything else. Never opens a
    FIFO or a device (reading one would hang or consume it)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise ProjectError(f"There is no project at {path}.") from None
    except OSError as exc:
        raise ProjectError(f"{path.name} cannot be read ({exc.strerror or type(exc).__name__}).") from exc
    if stat.S_ISDIR(mode):
        raise NotAProjectError(f"{path.name} is a folder, not an Annotator project.")
    if not stat.S_ISREG(mode):
        raise NotAProjectError(f"{path.name} is not a regular file, so it is not an Annotator project.")
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ProjectError(f"{path.name} cannot be read ({exc.strerror or type(exc).__name__}).") from exc
    if header == SQLITE_MAGIC:
        return "plain"
    if looks_encrypted(path):
        return "encrypted"
    raise NotAProjectError(f"{path.name} is not an Annotator project.")


def probe(path: Path, schema_version: int, passphrase: str | None, *, check: bool = True) -> int:
    """Check, read-only, that the file is an undamaged project we can read; returns its schema version. Without
    `check` its pages are not all read (SQLite's quick check: 0.1 s on a team's 60 MB project); the caller then
    runs quick_check itself, as the GUI's opening backup does on its thread."""
    try:
        db = connect(path, readonly=True, passphrase=passphrase)
    except DatabaseError as exc:
        raise NotAProjectError(f"{path.name} is not an Annotator project (the file is damaged or not a database).") from exc
    try:
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except DatabaseError as exc:
            raise NotAProjectError(
                f"{path.name} is not an Annotator project (the file is damaged or not a database).") from exc
        if app_id != APPLICATION_ID:
            raise NotAProjectError(f"{path.name} is a database, but not an Annotator project.")
        if version > schema_version:
            raise NewerSchemaError(
                f"{path.name} was saved by a newer version of Annotator (project format {version}; this version "
                f"reads up to {schema_version}). Update Annotator to open it; the file has not been changed.")
        problems = quick_check(db) if check else []
        if problems:
            raise DamagedProjectError(damaged(path.name, problems))
        return version
    finally:
        with contextlib.suppress(*Error):
            db.close()


def damaged(name: str, problems: list[str]) -> str:
    return (f"{name} is damaged ({'; '.join(problems)}); it was not changed. Restore a backup (File > Restore from "
            f"Backup, or annotator backups {name}), or keep a copy and ask for help.")


def quick_check(db) -> list[str]:
    """SQLite's structural check: what is wrong (page and index names, never the rows' contents), or []."""
    try:
        rows = [r[0] for r in db.execute(f"PRAGMA quick_check({QUICK_CHECK_LINES})").fetchall()]
    except DatabaseError as exc:
        return [_reason(exc)]
    return [] if rows == ["ok"] else [" ".join(r.split())[:120] for r in rows]


def _reason(exc: Exception) -> str:
    # SQLite's own words ("database disk image is malformed"): they name no row and quote no text.
    return str(exc).split("\n")[0][:120]
