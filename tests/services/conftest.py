"""The service suite runs on both kinds of project: plain here, and encrypted when ANNOTATOR_TEST_PROJECTS=encrypted
(tests/services/test_encrypted_suite.py runs the whole folder again that way in a subprocess). Encrypted, every
project a test creates gets the test passphrase, and every encrypted project a test opens asks for it and gets it."""

import os

import pytest

ENCRYPTED = os.environ.get("ANNOTATOR_TEST_PROJECTS") == "encrypted"
PASSPHRASE = "a test passphrase, not a secret"


@pytest.fixture(autouse=True, scope="session")
def project_kind():
    if not ENCRYPTED:
        yield "plain"
        return
    from annotator.services import passphrases, project_service
    from annotator.storage import connection, project_file

    # The suite tests features on encrypted files, not the key derivation's strength (tests/storage does, at full
    # strength): a thousand rounds instead of 256,000 keep the run from spending minutes deriving keys.
    connection._KDF_ROUNDS = 1000

    created = project_file.create_project

    def create_encrypted(path, *, name=None, passphrase=None, **options):
        project = created(path, name=name, passphrase=passphrase or PASSPHRASE, **options)
        assert project.encrypted and not project.path.read_bytes().startswith(b"SQLite format 3")
        return project

    saved = (project_service.create_project, passphrases.set_source(lambda path, why: PASSPHRASE))
    project_service.create_project = create_encrypted
    yield "encrypted"
    project_service.create_project = saved[0]
    passphrases.set_source(saved[1])
