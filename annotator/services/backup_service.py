"""Automatic backups of the open project: when it is opened, after every `minutes` of changes, and before each risky
step (de-identification, merges and REFI-QDA imports; migrations are backed up by storage itself); the newest `keep`
are kept. Also which backups still hold originals after de-identification, and restoring a closed project."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.services.part import ServicePart
from annotator.storage import audit
from annotator.storage import backups as store
from annotator.storage.analysis_data import set_setting
from annotator.storage.backups import Backup


class BackupService(ServicePart):
    def __init__(self, project):
        super().__init__(project)
        self._last = time.monotonic()
        # Called (path, error message or None) on the backup's thread when a background backup ends; the GUI relays
        # it to its own thread. `failed` keeps the last failure's message.
        self.report: Callable[[Path | None, str | None], None] | None = None
        self.failed: str | None = None
        self._holding: Path | None = None  # the backup taken this session that holds the project as it is now
        self._dirty = False  # a change since that backup began
        self.unchanged_since_backup = False  # the newest backup held the project as it was when it was opened
        self.check_pending = False  # opened without SQLite's quick check: the opening backup's thread runs it
        self._minutes: float | None = None  # (the interval, read once; set_policy sets it)

    @property
    def folder(self) -> Path:
        return store.folder_for(self._project.path)

    @property
    def keep(self) -> int:
        return int(self._project.project.setting("backup.keep") or store.DEFAULT_KEEP)

    @property
    def minutes(self) -> float:
        # Read once: every change notice asks (after_change), and a coding must not cost a query for it.
        if self._minutes is None:
            self._minutes = float(self._project.project.setting("backup.minutes") or store.DEFAULT_MINUTES)
        return self._minutes

    def set_policy(self, *, keep: int | None = None, minutes: float | None = None) -> None:
        """How many backups to keep and how often to take one while changes are made (kept in the project)."""
        if keep is not None and keep < 1:
            raise AnnotatorError("Keep at least one backup.")
        if minutes is not None and minutes <= 0:
            raise AnnotatorError("The interval between backups is a number of minutes above zero.")
        with self._project.project.atomic() as db:
            for key, value in (("backup.keep", keep), ("backup.minutes", minutes)):
                if value is not None:
                    set_setting(db, key, str(value))
        if minutes is not None:
            self._minutes = float(minutes)
        if keep is not None:
            store.prune(self._project.path, keep)

    def list(self) -> list[Backup]:
        return store.list_backups(self._project.path)

    def take(self, reason: str) -> Path | None:
        """A backup now (None for a read-only project, which cannot have changed)."""
        if self._project.project.readonly:
            return None
        self._dirty = False
        path = self._project.project.backup(reason, self.keep)
        self._last, self._holding = time.monotonic(), path
        return path

    def on_open(self) -> Path | None:
        """The backup taken when a project is opened, unless the newest one already holds it as it is."""
        if self._project.project.readonly or self.unchanged_since_backup:
            self._still_holding()
            return None
        return self.take("opened")

    def on_open_in_background(self) -> bool:
        """The opening backup (see on_open) read on a thread while the project is already in use, so a big
        project's window does not wait for its copy; `report` hears how it went. A project opened without its
        quick check (a big one, see ProjectService.open) is checked there first. False if nothing was needed."""
        check, self.check_pending = self.check_pending, False
        needed = not (self._project.project.readonly or self.unchanged_since_backup)
        if not needed:
            self._still_holding()
            if not check:
                return False
        self._last, self._dirty = time.monotonic(), False
        self._project.project.backup_in_background("opened", self.keep, self._heard, check=check, backup=needed)
        return True

    def after_change(self) -> bool:
        """Called with every change notice: once `minutes` have passed since the last backup, one is read on a
        thread (a coding session never stops for it); `report` hears how it went."""
        if self._project.project.readonly or self._project.closed:
            return False
        self._dirty = True
        if time.monotonic() - self._last < self.minutes * 60:
            return False
        self._in_background("periodic")
        return True

    def _still_holding(self) -> None:
        """No opening backup needed: the newest one holds the project as it is (until a change)."""
        self._last = time.monotonic()
        if not self._project.project.readonly:
            newest = self.list()[:1]
            self._holding = newest[0].path if newest else None

    def _in_background(self, reason: str) -> None:
        self._last, self._dirty = time.monotonic(), False
        self._project.project.backup_in_background(reason, self.keep, self._heard)

    def _heard(self, path: Path | None, error: str | None) -> None:
        self.failed = error
        if path is not None or error is not None:
            self._holding = path
        if self.report is not None:
            self.report(path, error)

    def closed(self) -> None:
        """After the project is closed: if nothing changed since this session's last backup, that backup still
        holds it, so the next opening need not take another (closing rewrites the file without changing it)."""
        if self._holding is not None and not self._dirty:
            store.mark_current(self._holding)

    def holding_originals(self) -> list[Backup]:
        """The backups taken before the latest de-identification: they still hold the originals it replaced."""
        applied = [_moment(e.at) for e in audit.entries(self._db) if e.action == "apply de-identification"]
        applied = [moment for moment in applied if moment is not None]  # (a row edited outside Annotator is not)
        if not applied:
            return []
        latest = max(applied)
        return [b for b in self.list() if b.taken <= latest]

    def remove(self, chosen: list[Backup]) -> int:
        """Delete these backups (after de-identification, the ones that still hold originals); audited."""
        removed = store.remove(chosen)
        if removed and not self._project.project.readonly:
            with self._project.project.atomic() as db:
                audit.record(db, self._project.coder, "remove backups", "project", None, backups=removed)
        return removed


def restore(path: Path | str, number: int, passphrase: str | None = None, coder: str | None = None
            ) -> tuple[Backup, Path]:
    """Restore backup `number` (1 = newest) of the closed project at `path`; returns it and the safety copy taken of
    the project as it was. The restored log records the restore and how far the log it replaced went, so anchors
    taken from that log (newer backups, key files, reports) are told apart from tampering."""
    from annotator.services.project_service import default_coder
    from annotator.storage.project_file import open_project

    path = Path(path)
    found = {b.number: b for b in store.list_backups(path)}
    if number not in found:
        raise AnnotatorError(f"{path.name} has no backup {number} (see: annotator backups {path.name}).")
    replaced = audit.head_of_file(path, passphrase)
    safety = store.restore(path, found[number], passphrase)
    with open_project(path, passphrase=passphrase) as project, project.atomic() as db:
        audit.record(db, coder or default_coder(), "restore from backup", "project", None,
                     backup_reason=found[number].reason, replaced_entries=replaced.entry if replaced else 0)
    return found[number], safety


def _moment(at: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
