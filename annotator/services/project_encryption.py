"""Encrypting, decrypting and changing the passphrase of a closed project and its backups (storage/encryption.py
does the copying), each recorded in the project's audit log."""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.storage import audit
from annotator.storage.encryption import convert
from annotator.storage.project_file import open_project

MIN_PASSPHRASE = 8


def check_new_passphrase(passphrase: str | None) -> str:
    if not passphrase or len(passphrase) < MIN_PASSPHRASE:
        raise AnnotatorError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters (a few words are best).")
    return passphrase


def encrypt(path: Path | str, passphrase: str, coder: str = "researcher") -> int:
    """Encrypt a plain project and its backups with `passphrase`; returns how many files were converted."""
    files = convert(Path(path), None, check_new_passphrase(passphrase))
    _record(Path(path), passphrase, coder, "encrypt project", files)
    return files


def decrypt(path: Path | str, passphrase: str, coder: str = "researcher") -> int:
    """Make an encrypted project and its backups plain again (anyone who can read the files can then read them)."""
    files = convert(Path(path), passphrase, None)
    _record(Path(path), None, coder, "decrypt project", files)
    return files


def change_passphrase(path: Path | str, old: str, new: str, coder: str = "researcher") -> int:
    if old == new:
        raise AnnotatorError("The new passphrase is the same as the old one.")
    files = convert(Path(path), old, check_new_passphrase(new))
    _record(Path(path), new, coder, "change project passphrase", files)
    return files


def _record(path: Path, passphrase: str | None, coder: str, action: str, files: int) -> None:
    with open_project(path, passphrase=passphrase) as project, project.atomic() as db:
        audit.record(db, coder, action, "project", None, files=files)
