"""Opening, creating and migrating a project file: one SQLite file per project.

A file that is not a project, or comes from a newer Annotator, is refused with a clear message; a file from an older
schema is copied aside before it is migrated; a file open for writing in another process is refused (or opened
read-only on request).
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from annotator.core.errors import NewerSchemaError, NotAProjectError, ProjectError
from annotator.storage.connection import APPLICATION_ID, connect, copy_database
from annotator.storage.lock import ProjectLock
from annotator.storage.schema import MIGRATIONS, SCHEMA_VERSION

PROJECT_SUFFIX = ".annotator"
_SQLITE_MAGIC = b"SQLite format 3\x00"


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class ProjectFile:
    """An open project: its connection, its lock and its schema version."""

    def __init__(self, path: Path, db: sqlite_utils.Database, lock: ProjectLock | None, readonly: bool):
        self.path = path
        self.db = db
        self._lock = lock
        self.readonly = readonly
        self.backup_path: Path | None = None
        self._closed = False

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    @contextlib.contextmanager
    def atomic(self) -> Iterator[sqlite_utils.Database]:
        """One transaction: every write in it lands, or none does."""
        if self.readonly:
            raise ProjectError("This project is open read-only; changes cannot be saved.")
        with self.db.atomic():
            yield self.db

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if not self.readonly:
                # Fold the WAL back so a closed project is one self-contained file, safe to copy or back up.
                # (Fails harmlessly while another process is reading it.)
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("PRAGMA journal_mode = DELETE")
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> ProjectFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def create_project(path: Path | str, *, name: str | None = None) -> ProjectFile:
    """Create a new, empty project at `path` (which must not exist yet)."""
    path = Path(path)
    if path.exists():
        raise ProjectError(f"{path.name} already exists; choose another name or open it instead.")
    if not path.parent.is_dir():
        raise ProjectError(f"The folder for {path.name} does not exist.")
    lock = ProjectLock(path)
    lock.acquire()
    db = None
    try:
        db = connect(path)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        MIGRATIONS.apply(db)
        now = utc_now()
        with db.atomic():
            db["settings"].insert_all(
                [
                    {"key": "project_guid", "value": str(uuid.uuid4())},
                    {"key": "project_name", "value": name or path.stem},
                    {"key": "created", "value": now},
                ]
            )
    except BaseException:
        if db is not None:
            db.close()
        lock.release()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return ProjectFile(path, db, lock, readonly=False)


def open_project(
    path: Path | str,
    *,
    readonly: bool = False,
    migrations: sqlite_utils.Migrations = MIGRATIONS,
    schema_version: int = SCHEMA_VERSION,
) -> ProjectFile:
    """Open an existing project, migrating it (after taking a copy) if it comes from an older schema."""
    path = Path(path)
    _check_is_sqlite(path)
    lock = None if readonly else ProjectLock(path)
    if lock is not None:
        lock.acquire()
    db = None
    try:
        version = _probe(path, schema_version)
        db = connect(path, readonly=readonly)
        project = ProjectFile(path, db, lock, readonly)
        if version < schema_version:
            if readonly:
                raise ProjectError(f"{path.name} needs upgrading to the current format and cannot be opened read-only.")
            project.backup_path = _backup_before_migrating(db, path, version)
            try:
                migrations.apply(db)
            except Exception as exc:
                raise ProjectError(
                    f"Upgrading {path.name} from format {version} failed; the file is unchanged and a copy is at "
                    f"{project.backup_path.name}."
                ) from exc
        return project
    except BaseException:
        if db is not None:
            db.close()
        if lock is not None:
            lock.release()
        raise


def _check_is_sqlite(path: Path) -> None:
    if not path.exists():
        raise ProjectError(f"There is no project at {path}.")
    if path.is_dir():
        raise NotAProjectError(f"{path.name} is a folder, not an Annotator project.")
    with path.open("rb") as f:
        header = f.read(len(_SQLITE_MAGIC))
    if header != _SQLITE_MAGIC:
        raise NotAProjectError(f"{path.name} is not an Annotator project.")


def peek_name(path: Path | str) -> str | None:
    """A project's name, read without opening it (for lists of recent projects); None if it cannot be read."""
    try:
        probe = connect(Path(path), readonly=True)
        try:
            if probe.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return None
            row = probe.execute("SELECT value FROM settings WHERE key = 'project_name'").fetchone()
            return row[0] if row and row[0] else Path(path).stem
        finally:
            probe.close()
    except (sqlite3.Error, OSError):
        return None


def _probe(path: Path, schema_version: int) -> int:
    """Check, over a read-only connection that cannot change the file, that it is a project we can read."""
    try:
        probe = connect(path, readonly=True)
        try:
            app_id = probe.execute("PRAGMA application_id").fetchone()[0]
            version = probe.execute("PRAGMA user_version").fetchone()[0]
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        raise NotAProjectError(f"{path.name} is not an Annotator project (the file is damaged or not a database).") from exc
    if app_id != APPLICATION_ID:
        raise NotAProjectError(f"{path.name} is a database, but not an Annotator project.")
    if version > schema_version:
        raise NewerSchemaError(
            f"{path.name} was saved by a newer version of Annotator (project format {version}; this version reads "
            f"up to {schema_version}). Update Annotator to open it; the file has not been changed."
        )
    return version


def _backup_before_migrating(db: sqlite_utils.Database, path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.format{version}-backup-{stamp}{path.suffix}")
    copy_database(db, backup)
    return backup
