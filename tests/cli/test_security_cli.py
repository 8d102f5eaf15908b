"""`annotator new --encrypted`, `encrypt`, `decrypt`, `passphrase`, `backups` and `deid new-key`, run as a researcher
runs them: the passphrase from the environment (or a prompt), never an argument."""

import json

import pytest

from annotator.cli import main
from annotator.storage.connection import SQLITE_MAGIC

SECRET = "correct horse battery"


@pytest.fixture
def secret(monkeypatch):
    monkeypatch.setenv("ANNOTATOR_PROJECT_PASSPHRASE", SECRET)
    monkeypatch.delenv("ANNOTATOR_NEW_PROJECT_PASSPHRASE", raising=False)


def test_an_encrypted_project_from_new_to_decrypted(tmp_path, samples, secret, monkeypatch, capsys):
    project = tmp_path / "study.annotator"
    assert main(["new", str(project), "--encrypted"]) == 0
    assert "Created" in capsys.readouterr().out and not project.read_bytes().startswith(SQLITE_MAGIC)
    assert main(["import", str(project), str(samples / "01_P01_interview.txt")]) == 0
    assert main(["search", str(project), "naloxone", "--json"]) == 0
    assert "naloxone" in capsys.readouterr().out.split("\n[", 1)[-1]
    monkeypatch.setenv("ANNOTATOR_NEW_PROJECT_PASSPHRASE", "a second passphrase")
    assert main(["passphrase", str(project)]) == 0
    assert main(["info", str(project)]) == 1
    assert capsys.readouterr().err.strip().startswith("annotator: Wrong passphrase for study.annotator")
    monkeypatch.setenv("ANNOTATOR_PROJECT_PASSPHRASE", "a second passphrase")
    assert main(["decrypt", str(project)]) == 0
    assert project.read_bytes().startswith(SQLITE_MAGIC)
    monkeypatch.delenv("ANNOTATOR_PROJECT_PASSPHRASE")
    capsys.readouterr()
    assert main(["info", str(project), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 1
    monkeypatch.setenv("ANNOTATOR_PROJECT_PASSPHRASE", "short")
    assert main(["encrypt", str(project)]) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    monkeypatch.setenv("ANNOTATOR_PROJECT_PASSPHRASE", SECRET)
    assert main(["encrypt", str(project)]) == 0 and not project.read_bytes().startswith(SQLITE_MAGIC)
    assert "backups included" in capsys.readouterr().out


def test_the_passphrase_is_never_an_argument_and_without_one_the_message_says_where_it_comes_from(tmp_path, secret,
                                                                                                  monkeypatch, capsys):
    project = tmp_path / "study.annotator"
    main(["new", str(project), "--encrypted"])
    with pytest.raises(SystemExit):
        main(["info", str(project), "--passphrase", SECRET])
    monkeypatch.delenv("ANNOTATOR_PROJECT_PASSPHRASE")
    capsys.readouterr()
    assert main(["info", str(project)]) == 1  # no terminal here, no variable: a clear line
    assert "ANNOTATOR_PROJECT_PASSPHRASE" in capsys.readouterr().err


def test_backups_list_restore_keep_and_remove_after_de_identification(tmp_path, samples, capsys):
    project = tmp_path / "study.annotator"
    main(["new", str(project)])
    main(["import", str(project), str(samples / "01_P01_interview.txt")])  # backed up as it opens
    main(["import", str(project), str(samples / "04_P04_interview.txt")])
    capsys.readouterr()
    assert main(["backups", str(project), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["number"] for b in listed] == [1, 2] and {b["reason"] for b in listed} == {"opened"}
    assert main(["backups", str(project), "--restore", "2"]) == 0  # the one taken before anything was imported
    assert "the project as it was is kept at" in capsys.readouterr().out
    main(["documents", str(project), "--json"])
    assert json.loads(capsys.readouterr().out) == []
    assert main(["backups", str(project), "--keep", "2"]) == 0
    assert "2 backups in" in capsys.readouterr().out
    key = tmp_path / "study.key"
    main(["import", str(project), str(samples / "04_P04_interview.txt")])
    main(["deid", "identifiers", str(project), "--key", str(key), "--add", "Tommy=PERSON"])
    capsys.readouterr()
    assert main(["deid", "detect", str(project), "--key", str(key)]) == 0
    assert main(["deid", "apply", str(project), "--key", str(key), "--accept-all"]) == 0
    out = capsys.readouterr().out
    assert "still hold the originals, in " + str(tmp_path / "study.annotator-backups") in out
    assert main(["backups", str(project), "--remove-before-deid"]) == 0
    assert "Removed" in capsys.readouterr().out


def test_a_new_key_file_needs_confirming(tmp_path, samples, capsys, monkeypatch):
    monkeypatch.delenv("ANNOTATOR_KEY_PASSPHRASE", raising=False)
    project, key = tmp_path / "study.annotator", tmp_path / "study.key"
    main(["new", str(project)])
    main(["import", str(project), str(samples / "04_P04_interview.txt")])
    main(["deid", "identifiers", str(project), "--key", str(key), "--add", "Tommy=PERSON"])
    main(["deid", "detect", str(project), "--key", str(key)])
    main(["deid", "apply", str(project), "--key", str(key), "--accept-all"])
    key.unlink()
    capsys.readouterr()
    assert main(["deid", "apply", str(project), "--key", str(tmp_path / "new.key")]) == 1
    assert "annotator deid new-key" in capsys.readouterr().err
    assert main(["deid", "new-key", str(project), "--key", str(tmp_path / "new.key")]) == 1
    assert "cannot be recovered" in capsys.readouterr().out and not (tmp_path / "new.key").exists()
    assert main(["deid", "new-key", str(project), "--key", str(tmp_path / "new.key"), "--confirm"]) == 0
    assert "cannot be recovered" in capsys.readouterr().out and (tmp_path / "new.key").exists()
