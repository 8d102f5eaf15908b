"""After de-identification no original survives anywhere on disk: not in the search index, not in the project file,
its write-ahead log or its free pages, while the project is still open (the GUI's normal state), after a crash just
after apply, and after a crash between apply's commit and its wipe (the next open finishes the wipe). Every
original of the samples' gold list is looked for in the raw bytes (tests/leftovers.py)."""

import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from annotator.deid.keyfile import load_key
from annotator.services.demo import build_demo, sample_identifiers
from annotator.services.project_service import ProjectService
from tests.conftest import ROOT
from tests.leftovers import companions, found_in_bytes, left_on_disk, originals
from tests.services.conftest import ENCRYPTED, PASSPHRASE


@pytest.fixture(scope="module")
def accepted(tmp_path_factory):
    """The raw demo, searched once (so the index holds every word), with its identifiers detected and accepted."""
    folder = tmp_path_factory.mktemp("accepted")
    path, key_path = folder / "demo.annotator", folder / "demo.key"
    service, _ = build_demo(path, deidentify=False)
    with service:
        assert service.retrieval.search("Dana")  # a name the index now holds
        key = service.deid.new_key()
        service.deid.set_identifiers(key, key_path, sample_identifiers())
        service.deid.detect(key)
        service.deid.accept_all()
    assert left_on_disk(path) or ENCRYPTED  # before applying, the file holds them (unless it is encrypted)
    return path, key_path


@pytest.fixture
def copy(accepted, tmp_path):
    path, key_path = accepted
    shutil.copy(path, tmp_path / path.name)
    shutil.copy(key_path, tmp_path / key_path.name)
    return tmp_path / path.name, tmp_path / key_path.name


def _index_terms(service) -> set[str]:
    db = service.project.db
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, documents_fts, row)")
    return {row[0] for row in db.execute("SELECT term FROM temp.terms")}


def _original_words() -> set[str]:
    """Each single-word original as the index would keep it (lower case)."""
    return {o.lower() for o in originals() if o.isalpha()}


def test_the_search_index_keeps_no_original_after_apply(copy):
    path, key_path = copy
    with ProjectService.open(path, coder="tester") as service:
        assert _index_terms(service) & _original_words()  # searched before: the index holds the names
        service.deid.apply(load_key(key_path), key_path)
        assert _index_terms(service) == set()  # emptied in apply's own transaction
        assert service.retrieval.search("Dana") == []
        assert service.retrieval.search("naloxone")  # searching works, from the index rebuilt on the new text
        now = {w.lower() for d in service.documents() for w in re.findall(r"\w+", service.document_text(d.id))}
        left = _index_terms(service) & _original_words()
        assert left <= now and "dana" not in left  # only words the texts still hold ('mission', a common noun)


def test_apply_leaves_no_original_in_the_file_its_wal_or_free_pages_while_the_project_is_open(copy):
    path, key_path = copy
    with ProjectService.open(path, coder="tester") as service:
        service.deid.apply(load_key(key_path), key_path)
        assert path.with_name(path.name + "-wal").exists()  # open, in WAL mode: the GUI's normal state
        assert left_on_disk(path) == {}
        doc = service.documents()[0]
        service.codings.code_passage(doc.id, service.codebook.add_code("After"), 0, 40)  # work goes on
        service.retrieval.search("naloxone")
        assert left_on_disk(path) == {}
        assert service.project.setting("storage.wipe_pending") is None
    assert left_on_disk(path) == {}


def test_the_backups_taken_before_apply_hold_the_originals_and_can_be_removed(copy):
    path, key_path = copy
    with ProjectService.open(path, coder="tester") as service:
        service.deid.apply(load_key(key_path), key_path)
        before = service.backups.holding_originals()
        assert {b.reason for b in before} >= {"before-deid"}
        if not ENCRYPTED:  # honest: a backup is the project as it was
            assert any(found_in_bytes(b.path.read_bytes(), originals()) for b in before)
        assert service.backups.remove(before) == len(before)
        assert service.backups.holding_originals() == []
        assert all(not b.path.exists() for b in before)


CRASH = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from annotator.deid.keyfile import load_key
    from annotator.services.project_service import ProjectService
    from annotator.storage import connection
    from annotator.storage.project_file import ProjectFile
    path, key_path, when, passphrase = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4] or None
    connection._KDF_ROUNDS = int(sys.argv[5])  # as the suite derives keys (see conftest.py)
    service = ProjectService.open(path, coder="tester", passphrase=passphrase)
    if when == "before-wipe":  # killed after apply's transaction commits, before the wipe
        ProjectFile.wipe_removed_text = lambda self: os._exit(0)
    service.deid.apply(load_key(key_path), key_path)
    print("applied", flush=True)
    os._exit(0)  # killed after apply reported success: never closed, the WAL and -shm stay
""")


def _crash(path, key_path, when):
    from annotator.storage import connection

    run = subprocess.run([sys.executable, "-c", CRASH, str(path), str(key_path), when, PASSPHRASE if ENCRYPTED else "",
                          str(connection._KDF_ROUNDS)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def test_a_crash_right_after_apply_leaves_no_original_on_disk(copy):
    path, key_path = copy
    assert _crash(path, key_path, "after") == "applied\n"
    assert path.with_name(path.name + "-wal").exists()  # a crash: nothing was closed
    assert left_on_disk(path) == {}
    with ProjectService.open(path, coder="tester") as service:
        assert service.deid.residual(load_key(key_path)) == []


def test_a_crash_between_apply_and_its_wipe_is_wiped_on_the_next_open(copy):
    path, key_path = copy
    assert _crash(path, key_path, "before-wipe") == ""  # apply never reported success
    if not ENCRYPTED:
        assert any(found_in_bytes(p.read_bytes(), originals()) for p in companions(path))
    with ProjectService.open(path, coder="tester", backup=False) as service:
        assert left_on_disk(path) == {}  # the open finished the wipe before anything else
        assert service.project.setting("storage.wipe_pending") is None
        assert service.documents() and service.deid.residual(load_key(key_path)) == []
