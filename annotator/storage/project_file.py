"""Opening, creating and migrating a project file: one SQLite file per project, plain or encrypted.

A file that is not a project, is damaged, or comes from a newer Annotator is refused with a clear message before
anything can change it; a new project is built under a temporary name and renamed into place whole; a file from an
older schema is backed up (encrypted like the project) before it is migrated; a file open for writing in another
process is refused (or opened read-only on request).
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from annotator.core.errors import PassphraseNeededError, ProjectError
from annotator.storage import backups, purge
from annotator.storage.connection import (
    APPLICATION_ID,
    Error,
    OperationalError,
    connect,
    remove_files,
    remove_stale_partials,
)
from annotator.storage.file_checks import damaged, kind_of, probe, quick_check
from annotator.storage.lock import ProjectLock
from annotator.storage.schema import MIGRATIONS, SCHEMA_VERSION

PROJECT_SUFFIX = ".annotator"



def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class ProjectFile:
    """An open project: its connection, its lock, its schema version and (in memory only) its passphrase."""

    def __init__(self, path: Path, db: sqlite_utils.Database, lock: ProjectLock | None, readonly: bool,
                 passphrase: str | None = None):
        self.path = path
        self.db = db
        self._lock = lock
        self.readonly = readonly
        self._passphrase = passphrase
        self.backup_path: Path | None = None  # the backup taken before migrating, if there was one
        self._closed = False
        self._background: threading.Thread | None = None

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    @property
    def encrypted(self) -> bool:
        return self._passphrase is not None

    @property
    def passphrase(self) -> str | None:
        """In memory only, for what must reopen or copy the project (backups, restoring, re-opening)."""
        return self._passphrase

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

    def backup(self, reason: str, keep: int | None = None) -> Path:
        """A backup in the project's backup folder, encrypted as the project is (see storage/backups.py)."""
        if keep is None:
            keep = int(self.setting("backup.keep") or backups.DEFAULT_KEEP)
        self.wait_for_backup()
        return backups.take(self.db, self.path, reason, self._passphrase, keep)

    def backup_in_background(self, reason: str, keep: int, done, *, check: bool = False, backup: bool = True) -> None:
        """The same backup, read through a connection of its own on a thread, so a window need not wait for a big
        project's copy; `done(path, error)` is called on that thread. close() waits for it to finish. With `check`,
        SQLite's quick check first (a project opened without it): a damaged project is reported and not backed up
        (its copy would push a sound backup out); with `backup` False, the check alone."""
        def run() -> None:
            try:
                source = connect(self.path, readonly=True, passphrase=self._passphrase)
                try:
                    problems = quick_check(source) if check else []
                    if problems:
                        done(None, damaged(self.path.name, problems))
                        return
                    path = backups.take(source, self.path, reason, self._passphrase, keep) if backup else None
                finally:
                    source.close()
            except ProjectError as exc:
                done(None, str(exc))
            except Error as exc:
                done(None, f"A backup of {self.path.name} could not be taken ({type(exc).__name__}).")
            else:
                done(path, None)

        self.wait_for_backup()
        self._background = threading.Thread(target=run, name="opening backup", daemon=True)
        self._background.start()

    def wait_for_backup(self) -> None:
        if self._background is not None:
            self._background.join()
            self._background = None

    def wipe_removed_text(self) -> None:
        """Leave nothing deleted anywhere in the file or its WAL (see storage/purge.py)."""
        self.wait_for_backup()  # its reader would keep the WAL from being truncated
        purge.wipe(self.db, self.path.name)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.wait_for_backup()  # (a backup being read must end before the lock goes)
        try:
            if not self.readonly:
                # Fold the WAL back so a closed project is one self-contained file, safe to copy or back up.
                # (Fails harmlessly while another process is reading it.)
                with contextlib.suppress(*Error):
                    self.db.execute("PRAGMA journal_mode = DELETE")
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> ProjectFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _acquire(path: Path) -> ProjectLock:
    lock = ProjectLock(path)
    try:
        lock.acquire()
    except OSError as exc:  # a read-only file system, a full disk, no permission on the folder
        raise ProjectError(f"{path.name} cannot be opened for changes here ({exc.strerror or type(exc).__name__}); "
                           "open it read-only, or copy it somewhere you can write.") from exc
    return lock


def create_project(path: Path | str, *, name: str | None = None, passphrase: str | None = None,
                   coder: str = "unknown") -> ProjectFile:
    """Create a new, empty project at `path` (which must not exist yet), encrypted when a passphrase is given.
    It is built under a hidden temporary name and renamed into place complete, its creation in its audit log by
    `coder`, so a kill leaves no half project and no project whose log misses its first entry."""
    from annotator.storage import audit  # (audit reads utc_now from here)

    path = Path(path)
    if path.exists() or path.is_symlink():
        raise ProjectError(f"{path.name} already exists; choose another name or open it instead.")
    if not path.parent.is_dir():
        raise ProjectError(f"The folder for {path.name} does not exist.")
    lock = _acquire(path)
    partial = path.with_name(f".{path.name}.creating")
    try:
        remove_files(partial)  # left by a creation that was killed (we hold the lock: nobody else is making it)
        try:
            os.close(os.open(partial, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
            db = connect(partial, passphrase=passphrase)
            try:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                MIGRATIONS.apply(db)
                with db.atomic():
                    db["settings"].insert_all([
                        {"key": "project_guid", "value": str(uuid.uuid4())},
                        {"key": "project_name", "value": name or path.stem},
                        {"key": "created", "value": utc_now()},
                    ])
                    audit.record(db, coder, "create project")
                db.execute("PRAGMA journal_mode = DELETE")
            finally:
                db.close()
            publish(partial, path)
        except OSError as exc:
            raise ProjectError(f"{path.name} could not be created ({exc.strerror or type(exc).__name__}).") from exc
        db = connect(path, passphrase=passphrase)
    except BaseException:
        remove_files(partial)
        lock.release()
        raise
    return ProjectFile(path, db, lock, readonly=False, passphrase=passphrase)


def publish(partial: Path, path: Path) -> None:
    """Give a finished file its name, never over an existing one (a hard link fails if the name is taken)."""
    try:
        os.link(partial, path)
    except FileExistsError:
        raise ProjectError(f"{path.name} already exists; choose another name or open it instead.") from None
    except OSError:  # no hard links on this drive (some shared or FAT drives): rename, having checked the name
        if path.exists():
            raise ProjectError(f"{path.name} already exists; choose another name or open it instead.") from None
        os.replace(partial, path)
    remove_files(partial)
    with contextlib.suppress(OSError):  # the new name durable too
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def needs_passphrase(path: Path | str) -> bool:
    """True if `path` looks like an encrypted project (only its passphrase can confirm it)."""
    try:
        return kind_of(Path(path)) == "encrypted"
    except ProjectError:
        return False


def open_project(
    path: Path | str,
    *,
    readonly: bool = False,
    passphrase: str | None = None,
    migrations: sqlite_utils.Migrations = MIGRATIONS,
    schema_version: int = SCHEMA_VERSION,
    check: bool = True,
) -> ProjectFile:
    """Open an existing project, migrating it (after taking a backup) if it comes from an older schema, and finishing
    a wipe of removed text that a crash interrupted. A passphrase given for a plain project is not used. Without
    `check`, SQLite's quick check of every page is the caller's to run (backup_in_background(check=True))."""
    path = Path(path)
    if kind_of(path) == "plain":
        passphrase = None
    elif passphrase is None:
        raise PassphraseNeededError(f"{path.name} is encrypted; its passphrase is needed to open it.")
    lock = None if readonly else _acquire(path)
    db = None
    try:
        version = probe(path, schema_version, passphrase, check=check)  # read-only: refused unchanged if damaged
        if lock is not None:  # copies a killed restore or backup left half made (whole projects, listed nowhere)
            remove_stale_partials(path.parent, path.name)
            remove_stale_partials(backups.folder_for(path))
        try:
            db = connect(path, readonly=readonly, passphrase=passphrase)
        except OperationalError as exc:  # another program holds it (switching to WAL needs a moment alone)
            raise ProjectError(f"{path.name} is in use by another program ({exc}); close it there and try again, "
                               "or open the project read-only.") from exc
        project = ProjectFile(path, db, lock, readonly, passphrase)
        if version < schema_version:
            if readonly:
                raise ProjectError(f"{path.name} needs upgrading to the current format and cannot be opened read-only.")
            project.backup_path = project.backup("before-migration")
            try:
                migrations.apply(db)
            except Exception as exc:
                raise ProjectError(
                    f"Upgrading {path.name} from format {version} failed; the file is unchanged and a backup is at "
                    f"{project.backup_path}."
                ) from exc
        if not readonly and purge.is_pending(db):
            project.wipe_removed_text()
        return project
    except BaseException:
        if db is not None:
            db.close()
        if lock is not None:
            lock.release()
        raise


def peek_name(path: Path | str) -> str | None:
    """A project's name, read without opening it (for lists of recent projects); None if it cannot be read (an
    encrypted project's name is encrypted too)."""
    try:
        if kind_of(Path(path)) != "plain":
            return None
        probe_db = connect(Path(path), readonly=True)
        try:
            if probe_db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return None
            row = probe_db.execute("SELECT value FROM settings WHERE key = 'project_name'").fetchone()
            return row[0] if row and row[0] else Path(path).stem
        finally:
            probe_db.close()
    except (*Error, OSError, ProjectError):
        return None
