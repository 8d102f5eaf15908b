"""The key file: the originals behind every pseudonym, and the project's identifier list, kept apart from the
project and optionally locked with a passphrase (scrypt key derivation, Fernet authenticated encryption).

The project itself only records that a key exists (its id). Without the key file nobody can see who a pseudonym
stands for; with it, the researcher can, and later interviews get the same pseudonyms.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timezone
from pathlib import Path

from annotator.core.audit_anchor import AuditAnchor
from annotator.core.errors import AnnotatorError
from annotator.core.leftovers import alive, named_like

FORMAT = "annotator-deid-key"
_ENCRYPTED_MAGIC = b"ANNOTATOR-KEY-ENCRYPTED-1\n"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
# A key being saved is written to `.key-<pid>-<random>.tmp` beside it, then renamed over it. One a kill left behind
# holds everything the key holds: removed the next time a key in that folder is saved or opened, or Annotator starts.
_TEMPORARY = re.compile(r"^\.key-(?:(?P<pid>\d+)-)?[\w-]+\.tmp$")
_STALE_SECONDS = 60
_MAX_KEY_BYTES = 200 * 1024 * 1024


class KeyFileError(AnnotatorError):
    pass


@dataclass
class KeyEntity:
    guid: str
    type: str
    pseudonym: str
    originals: list[str] = field(default_factory=list)


@dataclass
class KeyFile:
    key_id: str
    project_guid: str
    identifiers: list[dict[str, str]] = field(default_factory=list)  # [{"text": ..., "type": ...}]
    entities: list[KeyEntity] = field(default_factory=list)
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    # The project's newest audit entry when the key was last saved: a copy of the log's head kept outside the
    # project, so cutting the log short or rewriting it shows (annotator audit PROJECT --verify --key KEY).
    audit_anchor: AuditAnchor | None = None

    @classmethod
    def new(cls, project_guid: str) -> KeyFile:
        return cls(key_id=secrets.token_hex(16), project_guid=project_guid)

    def entity(self, guid: str) -> KeyEntity | None:
        return next((e for e in self.entities if e.guid == guid), None)

    def originals(self) -> list[tuple[str, KeyEntity]]:
        """Every original form with its entity, longest first (so 'Jen Lachance' is found before 'Jen')."""
        pairs = [(o, e) for e in self.entities for o in e.originals]
        return sorted(pairs, key=lambda p: len(p[0]), reverse=True)

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT, "version": 1, "key_id": self.key_id, "project_guid": self.project_guid,
            "created": self.created, "identifiers": self.identifiers,
            "entities": [e.__dict__ for e in self.entities],
            **({"audit_anchor": self.audit_anchor.to_json()} if self.audit_anchor else {}),
        }, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:  # (RecursionError: thousands of nested brackets)
            raise KeyFileError("This is not an Annotator key file (it is damaged or of another kind).") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KeyFileError("This is not an Annotator key file.")
        try:
            if data.get("version", 1) > 1:
                raise KeyFileError("This key file was written by a newer version of Annotator.")
            key = cls(str(data["key_id"]), str(data["project_guid"]), [dict(i) for i in data.get("identifiers", [])],
                      [KeyEntity(**e) for e in data.get("entities", [])], str(data.get("created", "")),
                      AuditAnchor.from_json(data.get("audit_anchor")))
            for entity in key.entities:
                if not (isinstance(entity.originals, list) and all(isinstance(o, str) for o in entity.originals)
                        and isinstance(entity.pseudonym, str) and isinstance(entity.guid, str)):
                    raise TypeError("entity")
            if not all(isinstance(i.get("text"), str) and isinstance(i.get("type"), str) for i in key.identifiers):
                raise TypeError("identifier")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # Which part is wrong, never what it holds (its values are the originals).
            raise KeyFileError("This key file is damaged (a part it needs is missing or of the wrong kind).") from None
        return key


def _fernet(passphrase: str, salt: bytes):
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    key = Scrypt(salt=salt, length=32, **_SCRYPT).derive(passphrase.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def save_key(key: KeyFile, path: Path, passphrase: str | None = None) -> None:
    """Write atomically (a crash never leaves half a key), encrypted when a passphrase is given; owner-only. The
    temporary file is protected exactly as the key is: the same (encrypted) bytes, owner-only from its creation."""
    payload = key.to_json().encode("utf-8")
    if passphrase:
        salt = os.urandom(16)
        payload = _ENCRYPTED_MAGIC + base64.b64encode(salt) + b"\n" + _fernet(passphrase, salt).encrypt(payload)
    path = Path(path)
    remove_stale_temporaries(path.parent)
    tmp = path.with_name(f".key-{os.getpid()}-{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)  # (Windows ignores the mode given to open)
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def remove_stale_temporaries(folder: Path) -> int:
    """Remove the temporary files of key saves that were killed (their process is gone, or they are old); returns
    how many. Their bytes are overwritten first: an unlocked key's temporary file holds every original."""
    removed = 0
    for entry, match in named_like(folder, _TEMPORARY):
        if not entry.is_file():
            continue
        pid = int(match["pid"]) if match["pid"] else None
        try:
            age = time.time() - entry.stat().st_mtime
        except OSError:
            continue
        if (pid is not None and pid != os.getpid() and not alive(pid)) or age > _STALE_SECONDS:
            removed += _remove(entry)
    return removed


def _remove(path: Path) -> int:
    try:
        size = path.stat().st_size
        with open(path, "r+b") as f:
            f.write(bytes(size))
            f.flush()
            os.fsync(f.fileno())
        path.unlink()
    except OSError:
        return 0
    return 1


def _regular(path: Path) -> Path:
    """A FIFO or a device given as the key would hang or be consumed by reading it."""
    path = Path(path)
    if path.exists() and not path.is_file():
        raise KeyFileError(f"{path.name} is not a regular file, so it is not a key file.")
    return path


def is_encrypted(path: Path) -> bool:
    with _regular(path).open("rb") as f:
        return f.read(len(_ENCRYPTED_MAGIC)) == _ENCRYPTED_MAGIC


def load_key(path: Path, passphrase: str | None = None) -> KeyFile:
    path = _regular(path)
    if not path.is_file():
        raise KeyFileError(f"There is no key file at {path}.")
    remove_stale_temporaries(path.parent)
    if path.stat().st_size > _MAX_KEY_BYTES:
        raise KeyFileError("This is not an Annotator key file (it is far too large).")
    data = path.read_bytes()
    if data.startswith(_ENCRYPTED_MAGIC):
        if not passphrase:
            raise KeyFileError("This key file is locked with a passphrase; give the passphrase to open it.")
        from cryptography.fernet import InvalidToken

        try:
            salt_line, token = data[len(_ENCRYPTED_MAGIC):].split(b"\n", 1)
            data = _fernet(passphrase, base64.b64decode(salt_line)).decrypt(token)
        except (InvalidToken, ValueError) as exc:
            raise KeyFileError("Wrong passphrase for this key file (or the file is damaged).") from exc
    try:
        return KeyFile.from_json(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise KeyFileError("This is not an Annotator key file.") from exc
