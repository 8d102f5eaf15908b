"""The one factory for SQLite connections: every connection to a project is opened here, plain (the standard
library's sqlite3) or encrypted with a passphrase (SQLCipher 4, through the sqlcipher3 package).

Every connection deletes securely (freed pages are overwritten with zeros: CPython's Windows build of SQLite does
not do that by default, nor does SQLCipher), keeps foreign keys on and, when it writes, uses WAL.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
from pathlib import Path

import sqlite_utils

from annotator.core.errors import ProjectError, WrongPassphraseError
from annotator.core.leftovers import alive, named_like

try:  # SQLCipher 4, a required dependency; guarded so a broken install still opens plain projects
    from sqlcipher3 import dbapi2 as sqlcipher
except ImportError:  # pragma: no cover - only where the wheel is missing
    sqlcipher = None

if sqlcipher is not None:
    class _CipherConnection(sqlcipher.Connection):
        """An encrypted connection offers what a plain one does, iterdump included (the standard library's own,
        written in Python over execute, so it reads an encrypted connection the same way)."""

        def iterdump(self):
            from sqlite3.dump import _iterdump

            return _iterdump(self)

# 'ANNO' as a big-endian int: written into the SQLite header so a project is recognised as ours.
APPLICATION_ID = 0x414E4E4F
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"

#: What a connection of either kind raises; catch these, never sqlite3's alone.
Error: tuple[type[Exception], ...] = (sqlite3.Error,) + ((sqlcipher.Error,) if sqlcipher else ())
DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError,) + ((sqlcipher.DatabaseError,) if sqlcipher else ())
OperationalError: tuple[type[Exception], ...] = (sqlite3.OperationalError,) + (
    (sqlcipher.OperationalError,) if sqlcipher else ())
IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError,) + ((sqlcipher.IntegrityError,) if sqlcipher else ())


def encryption_available() -> bool:
    return sqlcipher is not None


def looks_encrypted(path: Path) -> bool:
    """True for a file that may be an encrypted project: SQLCipher leaves no plain header, only whole pages of what
    looks like noise. (Only the passphrase tells an encrypted project from a damaged file.)"""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError:
        return False
    return size >= 1024 and size % 512 == 0 and head != SQLITE_MAGIC and head != b"\x00" * len(SQLITE_MAGIC)


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# SQLCipher 4 derives each file's key from the passphrase and the file's salt (its first 16 bytes) with
# PBKDF2-HMAC-SHA512, 256,000 rounds: about 0.3 s here, for every connection. The same derivation done once with
# hashlib, and the key given raw to later connections to that file, makes opening cost one derivation, not three.
_KDF_ROUNDS = 256_000
_derived: dict[tuple[str, bytes], str] = {}


def _key_pragma(path: Path | None, passphrase: str) -> tuple[str, tuple[str, bytes] | None]:
    """What to give `PRAGMA key` (or ATTACH ... KEY) for this file (None or empty: a new one, whose salt is chosen
    here), and the cache entry to keep once the key proves right."""
    salt = b""
    if path is not None:
        try:
            with path.open("rb") as f:
                salt = f.read(16)
        except OSError:
            pass
    new = len(salt) < 16
    if new:
        salt = os.urandom(16)
    entry = (passphrase, salt)
    key = _derived.get(entry) or hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, _KDF_ROUNDS, 32).hex()
    # A raw key: SQLCipher skips its own derivation; for a new file the salt it is to write follows the key.
    raw = f"x'{key}{salt.hex() if new else ''}'"
    return f'"{raw}"', entry


def _remember(entry: tuple[str, bytes] | None, pragma: str) -> None:
    if entry is not None and entry not in _derived:
        if len(_derived) >= 16:
            _derived.pop(next(iter(_derived)))
        _derived[entry] = pragma[3:67]


def connect(path: Path, *, readonly: bool = False, passphrase: str | None = None) -> sqlite_utils.Database:
    """Open `path` with the pragmas every project connection needs. With a passphrase the file is (or becomes, if it
    is new) encrypted; a wrong one raises WrongPassphraseError."""
    path = Path(path)
    if passphrase is not None:
        if sqlcipher is None:  # pragma: no cover
            raise ProjectError("Encrypted projects need the sqlcipher3 package, which is not installed.")
        if not passphrase:
            raise ProjectError("An encrypted project needs a passphrase that is not empty.")
    driver, extra = (sqlite3, {}) if passphrase is None else (sqlcipher, {"factory": _CipherConnection})
    if readonly:
        conn = driver.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False, **extra)
    else:
        conn = driver.connect(str(path), check_same_thread=False, **extra)
    try:
        if passphrase is not None:
            conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong passphrase is our one-line message, not a log
            pragma, entry = _key_pragma(path, passphrase)
            conn.execute(f"PRAGMA key = {pragma}")
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlcipher.DatabaseError as exc:
                raise WrongPassphraseError(
                    f"Wrong passphrase for {path.name} (or the file is damaged, or not an Annotator project).") from exc
            _remember(entry, pragma)
        # Text that is not valid UTF-8 (a damaged file) raises UnicodeDecodeError, whose message names a byte and
        # a position; the default decoder's error quotes the text itself, i.e. the start of an interview.
        conn.text_factory = bytes.decode
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA secure_delete = ON")
    except BaseException:
        conn.close()
        raise
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    return db


def is_encrypted_connection(db: sqlite_utils.Database) -> bool:
    return sqlcipher is not None and isinstance(db.conn, sqlcipher.Connection)


def private_file(path: Path) -> None:
    """Owner-only permissions (0600): a project, its WAL and its backups hold confidential interviews."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            os.chmod(candidate, 0o600)


_PARTIAL = re.compile(r"^\.(?P<name>.+)\.partial-(?P<pid>\d+)$")


def remove_stale_partials(folder: Path, name: str | None = None) -> int:
    """Remove the partial copies that killed processes left in `folder` (only those of `name`, if given): each is
    a whole or half copy of a project, perhaps before de-identification, listed nowhere. Returns how many."""
    removed = 0
    for entry, match in named_like(folder, _PARTIAL):
        pid = int(match["pid"])
        if (name is None or match["name"] == name) and pid != os.getpid() and not alive(pid):
            remove_files(entry)
            removed += 1
    return removed


def copy_database(db: sqlite_utils.Database, target: Path, passphrase: str | None = None) -> None:
    """A consistent copy of an open project (SQLite's online backup) at `target`, encrypted with `passphrase` when
    one is given (the source must then be encrypted too: SQLCipher copies page by page between encrypted files).
    Written beside the target and renamed into place, so a kill never leaves half a copy under the target's name."""
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    remove_files(partial)
    try:
        _touch_private(partial)
        copy = connect(partial, passphrase=passphrase)
        try:
            db.conn.backup(copy.conn)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
        os.replace(partial, target)
        private_file(target)
    finally:
        remove_files(partial)


def export_database(source: Path, target: Path, source_passphrase: str | None, target_passphrase: str | None) -> None:
    """Copy a closed project into a new file at `target`, encrypted with `target_passphrase` or plain when it is
    None (SQLCipher's sqlcipher_export: the online backup cannot copy between a plain and an encrypted file)."""
    if sqlcipher is None:  # pragma: no cover
        raise ProjectError("Encrypting projects needs the sqlcipher3 package, which is not installed.")
    remove_files(target)
    _touch_private(target)
    conn = sqlcipher.connect(str(source))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if source_passphrase is not None:
            conn.execute(f"PRAGMA key = {_key_pragma(source, source_passphrase)[0]}")
        try:
            versions = conn.execute("PRAGMA user_version").fetchone()[0], conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlcipher.DatabaseError as exc:
            raise WrongPassphraseError(f"Wrong passphrase for {source.name} (or the file is damaged).") from exc
        if target_passphrase is None:
            conn.execute(f"ATTACH DATABASE {_quoted(str(target))} AS converted KEY ''")
        else:
            pragma, entry = _key_pragma(None, target_passphrase)
            conn.execute(f"ATTACH DATABASE {_quoted(str(target))} AS converted KEY {pragma}")
            _remember(entry, pragma)
        # A scratch file until it is checked and renamed: no journal, no syncs per statement (fsync'd once after).
        conn.execute("PRAGMA converted.journal_mode = OFF")
        conn.execute("PRAGMA converted.synchronous = OFF")
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute(f"PRAGMA converted.user_version = {int(versions[0])}")
        conn.execute(f"PRAGMA converted.application_id = {int(versions[1])}")
        conn.commit()
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    private_file(target)


def _touch_private(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def remove_files(path: Path) -> None:
    """A database file and its -wal, -shm and -journal companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
