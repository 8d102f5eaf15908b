"""The key file: the originals behind every pseudonym, and the project's identifier list, kept apart from the
project and optionally locked with a passphrase (scrypt key derivation, Fernet authenticated encryption).

The project itself only records that a key exists (its id). Without the key file nobody can see who a pseudonym
stands for; with it, the researcher can, and later interviews get the same pseudonyms.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from annotator.core.errors import AnnotatorError

FORMAT = "annotator-deid-key"
_ENCRYPTED_MAGIC = b"ANNOTATOR-KEY-ENCRYPTED-1\n"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


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
    created: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

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
        }, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise KeyFileError("This is not an Annotator key file (it is damaged or of another kind).") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KeyFileError("This is not an Annotator key file.")
        if data.get("version", 1) > 1:
            raise KeyFileError("This key file was written by a newer version of Annotator.")
        return cls(data["key_id"], data["project_guid"], list(data.get("identifiers", [])),
                   [KeyEntity(**e) for e in data.get("entities", [])], data.get("created", ""))


def _fernet(passphrase: str, salt: bytes):
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    key = Scrypt(salt=salt, length=32, **_SCRYPT).derive(passphrase.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def save_key(key: KeyFile, path: Path, passphrase: str | None = None) -> None:
    """Write atomically (a crash never leaves half a key), encrypted when a passphrase is given; owner-only."""
    payload = key.to_json().encode("utf-8")
    if passphrase:
        salt = os.urandom(16)
        payload = _ENCRYPTED_MAGIC + base64.b64encode(salt) + b"\n" + _fernet(passphrase, salt).encrypt(payload)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_encrypted(path: Path) -> bool:
    with Path(path).open("rb") as f:
        return f.read(len(_ENCRYPTED_MAGIC)) == _ENCRYPTED_MAGIC


def load_key(path: Path, passphrase: str | None = None) -> KeyFile:
    path = Path(path)
    if not path.is_file():
        raise KeyFileError(f"There is no key file at {path}.")
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
