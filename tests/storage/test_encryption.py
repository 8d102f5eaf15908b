"""Encryption at rest (SQLCipher 4 in the one connection factory): encrypted projects, wrong and missing
passphrases, owner-only files, and converting a closed project and its backups between plain and encrypted."""

import os
import stat

import pytest

from annotator.core.errors import (
    PassphraseNeededError,
    ProjectError,
    WrongPassphraseError,
)
from annotator.storage import backups, create_project, open_project
from annotator.storage.connection import SQLITE_MAGIC, is_encrypted_connection
from annotator.storage.encryption import convert

SECRET = "correct horse battery"
MARKER = "Zorblatt Quixley lives at 12 Main Street"


def _make(path, passphrase=None):
    with create_project(path, passphrase=passphrase) as project:
        with project.atomic() as db:
            db["settings"].insert({"key": "marker", "value": MARKER})
    return path


def test_an_encrypted_project_has_no_readable_byte_and_opens_with_its_passphrase(tmp_path):
    path = _make(tmp_path / "secret.annotator", SECRET)
    raw = path.read_bytes()
    assert not raw.startswith(SQLITE_MAGIC) and b"Zorblatt" not in raw and b"CREATE TABLE" not in raw
    with open_project(path, passphrase=SECRET) as project:
        assert project.encrypted and is_encrypted_connection(project.db)
        assert project.setting("marker") == MARKER
        assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert project.db.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        with project.atomic() as db:  # its WAL is encrypted too
            db["settings"].insert({"key": "second", "value": "Quixley again"})
        assert b"Quixley" not in (tmp_path / "secret.annotator-wal").read_bytes()


def test_a_wrong_or_missing_passphrase_is_a_clear_one_line_message_and_changes_nothing(tmp_path):
    path = _make(tmp_path / "secret.annotator", SECRET)
    before = path.read_bytes()
    with pytest.raises(WrongPassphraseError) as wrong:
        open_project(path, passphrase="not the passphrase")
    assert str(wrong.value).startswith("Wrong passphrase for secret.annotator") and "\n" not in str(wrong.value)
    with pytest.raises(PassphraseNeededError, match="secret.annotator is encrypted; its passphrase is needed"):
        open_project(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "secret.annotator.lock").exists()


def test_projects_and_their_companions_are_created_owner_only(tmp_path):
    for name, passphrase in (("plain.annotator", None), ("secret.annotator", SECRET)):
        path = tmp_path / name
        with create_project(path, passphrase=passphrase) as project:
            with project.atomic() as db:
                db["settings"].insert({"key": "x", "value": "y"})
            for companion in (path, tmp_path / f"{name}-wal", tmp_path / f"{name}-shm"):
                assert stat.S_IMODE(companion.stat().st_mode) == 0o600, companion
            backup = project.backup("opened")
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700


def test_a_plain_project_is_encrypted_rekeyed_and_decrypted_with_its_backups(tmp_path):
    path = _make(tmp_path / "study.annotator")
    with open_project(path) as project:
        project.backup("opened")
        project.backup("before-deid")
    assert convert(path, None, SECRET) == 3
    for file in [path] + [b.path for b in backups.list_backups(path)]:
        raw = file.read_bytes()
        assert not raw.startswith(SQLITE_MAGIC) and b"Zorblatt" not in raw, file
        with open_project(file, passphrase=SECRET, ) as project:
            assert project.setting("marker") == MARKER and project.schema_version >= 3
    assert convert(path, SECRET, "another passphrase") == 3
    with pytest.raises(WrongPassphraseError):
        open_project(path, passphrase=SECRET)
    assert convert(path, "another passphrase", None) == 3
    with open_project(path) as project:
        assert not project.encrypted and project.setting("marker") == MARKER
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert project.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] >= 0


def test_a_conversion_that_fails_leaves_the_project_as_it_was(tmp_path, monkeypatch):
    path = _make(tmp_path / "study.annotator")
    before = path.read_bytes()

    def killed(*args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(OSError):
        convert(path, None, SECRET)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["study.annotator"]  # no partial copy left behind
    with pytest.raises(WrongPassphraseError):
        convert(_make(tmp_path / "s.annotator", SECRET), "wrong passphrase", None)
    with pytest.raises(ProjectError, match="already encrypted"):
        convert(tmp_path / "s.annotator", None, SECRET)


def test_a_conversion_refuses_a_project_that_is_open(tmp_path):
    path = _make(tmp_path / "study.annotator")
    with open_project(path):
        with pytest.raises(ProjectError, match="already open"):
            convert(path, None, SECRET)
