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


def test_the_temporary_file_of_a_save_is_protected_as_the_key_is(tmp_path, monkeypatch):
    seen = {}
    real_replace = os.replace

    def replace(src, dst):
        seen["mode"] = stat.S_IMODE(os.stat(src).st_mode)
        seen["bytes"] = open(src, "rb").read()
        seen["name"] = os.path.basename(src)
        real_replace(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    save_key(make_key(), tmp_path / "study.key", "a passphrase")
    assert seen["mode"] == 0o600 and seen["name"].startswith(f".key-{os.getpid()}-")
    assert b"Dana" not in seen["bytes"] and seen["bytes"] == (tmp_path / "study.key").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.key"]


def test_a_temporary_file_left_by_a_killed_save_is_removed_the_next_time(tmp_path):
    import subprocess
    import sys

    from annotator.deid.keyfile import remove_stale_temporaries

    # A save killed between writing its temporary file and renaming it: a process that is gone now.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = tmp_path / f".key-{dead.stdout.strip()}-abc123.tmp"
    left.write_text('{"entities": [{"originals": ["Dana Smith"]}]}')
    older = tmp_path / ".key-u7x2k9.tmp"  # the name an earlier version gave it, an hour old
    older.write_text("Dana")
    os.utime(older, (0, 0))
    mine = tmp_path / f".key-{os.getpid()}-live.tmp"  # a save in progress in a live process: kept
    mine.write_text("saving")
    save_key(make_key(), tmp_path / "study.key")
    assert not left.exists() and not older.exists() and mine.exists()
    mine.unlink()
    left.write_text("Dana")
    load_key(tmp_path / "study.key")
    assert not left.exists()
    assert remove_stale_temporaries(tmp_path / "no such folder") == 0


@pytest.mark.parametrize("text", [
    '{"format": "annotator-deid-key"}',
    '{"format": "annotator-deid-key", "key_id": "k", "project_guid": "p", "entities": [{"guid": "g"}]}',
    '{"format": "annotator-deid-key", "key_id": "k", "project_guid": "p", "entities": [{"guid": "g", "type": "PERSON",'
    ' "pseudonym": "[P]", "originals": "Dana Smith"}]}',
    '{"format": "annotator-deid-key", "key_id": "k", "project_guid": "p", "identifiers": [["Dana Smith"]]}',
    '{"format": "annotator-deid-key", "version": "two", "key_id": "k", "project_guid": "p"}',
    '{"format": "annotator-deid-key", "key_id": "k", "project_guid": "p", "entities": 7}',
])
def test_a_malformed_key_file_is_one_clear_message_that_quotes_nothing(tmp_path, text):
    path = tmp_path / "study.key"
    path.write_text(text)
    with pytest.raises(KeyFileError) as error:
        load_key(path)
    assert "damaged" in str(error.value) or "not an Annotator key file" in str(error.value)
    assert "Dana" not in str(error.value) and error.value.__cause__ is None


def test_a_key_of_thousands_of_nested_brackets_is_one_message(tmp_path):
    from annotator.deid.keyfile import KeyFileError, load_key

    path = tmp_path / "deep.key"
    path.write_text('{"format": "annotator-deid-key", "entities": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(KeyFileError, match="not an Annotator key file"):
        load_key(path)
