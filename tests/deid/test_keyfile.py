import os
import stat

import pytest

from annotator.deid.keyfile import (
    KeyEntity,
    KeyFile,
    KeyFileError,
    is_encrypted,
    load_key,
    save_key,
)


def make_key():
    key = KeyFile.new("project-guid")
    key.entities.append(KeyEntity("g1", "PERSON", "[Participant 3]", ["Dana", "Dana Smith"]))
    key.identifiers.append({"text": "Dana Smith", "type": "PERSON"})
    return key


def test_plain_key_round_trips(tmp_path):
    path = tmp_path / "study.key"
    save_key(make_key(), path)
    assert not is_encrypted(path) and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    key = load_key(path)
    assert key.entities[0].originals == ["Dana", "Dana Smith"] and key.identifiers[0]["text"] == "Dana Smith"
    assert [o for o, _ in key.originals()] == ["Dana Smith", "Dana"]


def test_encrypted_key_needs_the_right_passphrase(tmp_path):
    path = tmp_path / "study.key"
    save_key(make_key(), path, "correct horse battery staple")
    assert is_encrypted(path) and b"Dana" not in path.read_bytes()
    assert load_key(path, "correct horse battery staple").entities[0].pseudonym == "[Participant 3]"
    with pytest.raises(KeyFileError, match="Wrong passphrase"):
        load_key(path, "wrong")
    with pytest.raises(KeyFileError, match="locked with a passphrase"):
        load_key(path)


def test_other_files_are_not_keys(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(KeyFileError, match="not an Annotator key file"):
        load_key(other)
    with pytest.raises(KeyFileError, match="no key file"):
        load_key(tmp_path / "missing.key")
