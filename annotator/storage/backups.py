"""Rolling backups of a project: valid projects (encrypted like their source), taken with SQLite's online backup
API into a folder beside the project (`study.annotator-backups/`), named by time and reason, the newest K kept.

A backup holds everything its project held at the time, originals included if it was taken before de-identification:
that is why the folder is named in every message and removal is offered after de-identification.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from annotator.core.errors import ProjectError
from annotator.storage.connection import (
    DatabaseError,
    Error,
    connect,
    copy_database,
    remove_files,
    remove_stale_partials,
)
from annotator.storage.file_checks import probe
from annotator.storage.lock import holding
from annotator.storage.schema import SCHEMA_VERSION

FOLDER_SUFFIX = "-backups"
DEFAULT_KEEP = 10
DEFAULT_MINUTES = 15
REASONS = ("opened", "periodic", "before-deid", "before-merge", "before-import", "before-migration",
           "before-restore", "before-encryption")
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.annotator$")


@dataclass(frozen=True)
class Backup:
    number: int  # 1 is the newest: what `annotator backups PROJECT --restore 1` restores
    path: Path
    taken: datetime
    reason: str
    size: int

    @property
    def describe(self) -> str:
        return f"{self.taken.astimezone():%Y-%m-%d %H:%M:%S}  {self.reason.replace('-', ' ')}"


def folder_for(project: Path) -> Path:
    return project.with_name(project.name + FOLDER_SUFFIX)


def list_backups(project: Path) -> list[Backup]:
    """The project's backups, newest first, numbered from 1."""
    folder = folder_for(project)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match and entry.is_file():
            taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
            found.append((taken, entry, match["reason"]))
    found.sort(key=lambda item: item[0], reverse=True)
    return [Backup(i, p, t, r, p.stat().st_size) for i, (t, p, r) in enumerate(found, 1)]


def take(db: sqlite_utils.Database, project: Path, reason: str, passphrase: str | None = None,
         keep: int = DEFAULT_KEEP) -> Path:
    """Copy the open project into its backup folder (owner-only), then keep only the newest `keep` backups."""
    if reason not in REASONS:
        raise ValueError(reason)
    folder = folder_for(project)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        remove_stale_partials(folder)  # a backup killed half way (a migration's, say) is not left lying there
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")  # UTC: comparable with the audit log
        target = folder / f"{project.stem}-{stamp}-{reason}{project.suffix}"
        copy_database(db, target, passphrase)
    except OSError as exc:
        raise ProjectError(f"A backup of {project.name} could not be written in {folder} "
                           f"({exc.strerror or type(exc).__name__}).") from exc
    prune(project, keep)
    return target


def prune(project: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups; returns what was removed."""
    removed = [b.path for b in list_backups(project)[max(keep, 1):]]
    for path in removed:
        remove_files(path)
    return removed


def move_all(source: Path, target: Path) -> int:
    """Give `source`'s backups to `target` (a project built under a temporary name, then renamed): moved into
    target's folder under target's name. Returns how many."""
    moved = 0
    for backup in list_backups(source):
        folder = folder_for(target)
        folder.mkdir(mode=0o700, exist_ok=True)
        match = _NAME.match(backup.path.name)
        os.replace(backup.path, folder / f"{target.stem}-{match['stamp']}-{match['reason']}{target.suffix}")
        moved += 1
    with contextlib.suppress(OSError):
        folder_for(source).rmdir()
    return moved


def remove(backups: list[Backup]) -> int:
    for backup in backups:
        remove_files(backup.path)
    return len(backups)


def newest_is_current(project: Path) -> bool:
    """True when the newest backup was taken after the project last changed on disk (no need for another)."""
    backups = list_backups(project)
    if not backups:
        return False
    changed = max((os.stat(p).st_mtime for p in (project, project.with_name(project.name + "-wal")) if p.exists()),
                  default=0.0)
    return backups[0].path.stat().st_mtime >= changed


def mark_current(backup: Path) -> None:
    """Say that `backup` holds its project as it is now (see newest_is_current): the project was closed unchanged."""
    if backup.exists():
        os.utime(backup)


def restore(project: Path, backup: Backup, passphrase: str | None = None) -> Path:
    """Put `backup` in the closed project's place; the project as it is now is backed up first (as `before-restore`,
    or byte for byte if it no longer opens). Returns that safety copy's path."""
    with holding(project):
        probe(backup.path, SCHEMA_VERSION, passphrase)  # the backup must be a whole, readable project
        safety = _safety_copy(project, passphrase)
        source = connect(backup.path, readonly=True, passphrase=passphrase)
        try:
            remove_files(Path(str(project) + "-wal"))  # the current file's WAL is in the safety copy already
            Path(str(project) + "-shm").unlink(missing_ok=True)
            copy_database(source, project, passphrase)
        finally:
            source.close()
        return safety


def _safety_copy(project: Path, passphrase: str | None) -> Path:
    folder = folder_for(project)
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{project.stem}-{stamp}-before-restore{project.suffix}"
    try:
        current = connect(project, readonly=True, passphrase=passphrase)
        try:
            copy_database(current, target, passphrase)
        finally:
            with contextlib.suppress(*Error):
                current.close()
    except (*DatabaseError, ProjectError):  # damaged (or under another passphrase): keep its bytes as they are
        shutil.copyfile(project, target)
        os.chmod(target, 0o600)
    return target
