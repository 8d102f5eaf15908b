"""Encrypting, decrypting and re-keying a closed project, with its backups: each file is copied into a new file of
the new kind, checked, and renamed over the old one; the old file's bytes are then overwritten through a handle
that still reaches them, so a kill at any moment leaves either the old project or the new one, whole.

(Overwriting reaches the bytes through the file system; an SSD or a copy-on-write file system may keep older
copies of the blocks, which only whole-disk encryption rules out. The README says so.)
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.storage import backups
from annotator.storage.connection import Error, connect, export_database, remove_files
from annotator.storage.file_checks import kind_of, probe
from annotator.storage.lock import holding
from annotator.storage.schema import SCHEMA_VERSION

_CHUNK = 1 << 20


def convert(path: Path, old_passphrase: str | None, new_passphrase: str | None) -> int:
    """Re-write the project at `path` (closed: its lock is taken here) and every backup of it from
    `old_passphrase` (None: plain) to `new_passphrase` (None: plain). Returns how many files were converted."""
    path = Path(path)
    with holding(path):
        expected = "plain" if old_passphrase is None else "encrypted"
        if kind_of(path) != expected:
            raise ProjectError(f"{path.name} is {'already encrypted' if expected == 'plain' else 'not encrypted'}.")
        probe(path, SCHEMA_VERSION, old_passphrase)  # a wrong passphrase or a damaged file stops here, unchanged
        converted = 0
        for target in [path] + [b.path for b in backups.list_backups(path)]:
            if target != path and kind_of(target) != expected:
                continue  # a backup already of the new kind (an earlier conversion was interrupted)
            _convert_file(target, old_passphrase, new_passphrase)
            converted += 1
        return converted


def _convert_file(path: Path, old_passphrase: str | None, new_passphrase: str | None) -> None:
    partial = path.with_name(f".{path.name}.converting")
    _fold_wal(path, old_passphrase)
    try:
        export_database(path, partial, old_passphrase, new_passphrase)
        _check_same(path, partial, old_passphrase, new_passphrase)
        with _fsynced(partial):
            pass
        old = os.open(path, os.O_RDWR)
        try:
            os.replace(partial, path)
            _overwrite(old)
        finally:
            os.close(old)
    finally:
        remove_files(partial)


def _check_same(old: Path, new: Path, old_passphrase: str | None, new_passphrase: str | None) -> None:
    counts = []
    for path, passphrase in ((old, old_passphrase), (new, new_passphrase)):
        db = connect(path, readonly=True, passphrase=passphrase)
        try:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                               "'documents_fts%' ORDER BY name")]
            counts.append({t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables})
            if path == new and db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise ProjectError(f"The converted copy of {old.name} did not check out; the project is unchanged.")
        finally:
            with contextlib.suppress(*Error):
                db.close()
    if counts[0] != counts[1]:
        raise ProjectError(f"The converted copy of {old.name} differs from it; the project is unchanged.")


def _fold_wal(path: Path, passphrase: str | None) -> None:
    """A WAL left by a crash belongs to the old file: fold it in first, or it would be replayed onto the new one."""
    if Path(str(path) + "-wal").exists():
        db = connect(path, passphrase=passphrase)
        try:
            db.execute("PRAGMA journal_mode = DELETE")
        finally:
            db.close()


@contextlib.contextmanager
def _fsynced(path: Path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        yield
    finally:
        os.close(fd)


def _overwrite(fd: int) -> None:
    """Zeros over the replaced file's bytes (reachable only through `fd` now), so its plain text is not left behind."""
    size = os.fstat(fd).st_size
    os.lseek(fd, 0, os.SEEK_SET)
    zeros = bytes(_CHUNK)
    done = 0
    while done < size:
        done += os.write(fd, zeros[:min(_CHUNK, size - done)])
    os.fsync(fd)
