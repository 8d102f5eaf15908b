"""Issue 13, point 9: creating is atomic. A real SIGKILL at chosen moments of `annotator new`, of the demo's build and
of a migration's backup leaves either nothing under the final name (and the next attempt succeeds) or the whole
thing; and opening a damaged file for writing leaves every byte of it as it was."""

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import ProjectError
from annotator.storage import audit, open_project
from annotator.storage.backups import list_backups
from annotator.storage.file_checks import probe
from annotator.storage.schema import SCHEMA_VERSION
from tests.killpoint import run_killed, was_killed

NEW_MOMENTS = [  # (function, before or after, which call): the partial file made; built; named; reopened
    ("annotator.storage.project_file:connect", "after", 1),
    ("annotator.storage.project_file:publish", "before", 1),
    ("annotator.storage.project_file:publish", "after", 1),
    ("annotator.storage.project_file:connect", "after", 2),
]


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


@pytest.mark.parametrize(("target", "when", "nth"), NEW_MOMENTS)
def test_a_killed_new_leaves_nothing_or_a_whole_project_and_new_works_again(tmp_path, capsys, target, when, nth):
    project = tmp_path / "study.annotator"
    assert was_killed(run_killed(target, cli=["new", str(project)], when=when, nth=nth))
    if project.exists():  # killed after the name was given: the project is whole, its creation in the log
        with open_project(project) as opened:
            assert probe(project, SCHEMA_VERSION, None) == SCHEMA_VERSION
            assert audit.starts_at_creation(opened.db) and audit.verify(opened.db) is None
        return
    assert main(["new", str(project)]) == 0, capsys.readouterr().err
    assert _visible(tmp_path) == ["study.annotator"]  # the killed attempt's partial file is gone too
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


DEMO_MOMENTS = [
    ("annotator.services.project_service:ProjectService.import_files", "after", 1),  # imported, not yet coded
    ("annotator.services.deid_service:DeidService.apply", "before", 1),  # coded, not de-identified
    ("annotator.storage.project_file:publish", "before", 2),  # the whole demo, not yet under its name
]


@pytest.mark.parametrize(("target", "when", "nth"), DEMO_MOMENTS)
def test_a_killed_demo_build_never_leaves_a_half_built_demo(tmp_path, capsys, target, when, nth):
    demo = tmp_path / "demo.annotator"
    assert was_killed(run_killed(target, cli=["demo", str(demo)], when=when, nth=nth))
    assert not demo.exists()  # the app opens the demo when it exists: it must never exist half built
    assert main(["demo", str(demo)]) == 0, capsys.readouterr().err
    assert _visible(tmp_path) == ["demo.annotator", "demo.annotator-backups", "demo.annotator-key"]
    with open_project(demo, readonly=True) as project:
        applied = project.db.execute("SELECT count(*) FROM deid_entities WHERE status = 'applied'").fetchone()[0]
        assert applied > 50 and audit.starts_at_creation(project.db)
    assert all(not b.path.name.startswith(".") for b in list_backups(demo))


MIGRATE = """
import sqlite_utils, sys
from annotator.storage import open_project
from annotator.storage.schema import MIGRATIONS, SCHEMA_VERSION
migrations = sqlite_utils.Migrations("annotator")
migrations._migrations = list(MIGRATIONS._migrations)
@migrations(name="%04d_next" % (SCHEMA_VERSION + 1))
def _next(db):
    db.execute("ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT 'en'")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
open_project(sys.argv[2], migrations=migrations, schema_version=SCHEMA_VERSION + 1).close()
"""


@pytest.mark.parametrize(("target", "when", "match"), [
    ("annotator.storage.connection:connect", "after", ".partial-"),  # the copy begun, nothing in it yet
    ("sqlite_utils.db:Database.execute", "before", "journal_mode = DELETE"),  # every page copied, not renamed
])
def test_a_migration_killed_during_its_backup_leaves_no_damaged_backup(tmp_path, samples, target, when, match):
    from annotator.services.project_service import ProjectService

    path = tmp_path / "old.annotator"
    with ProjectService.create(path) as service:
        service.import_files([samples / "01_P01_interview.txt"])
    killed = run_killed(target, code=MIGRATE.replace("sys.argv[2]", repr(str(path))), when=when, match=match)
    assert was_killed(killed), killed.stderr
    for backup in list_backups(path):  # whatever is listed as a backup is a whole, readable project
        assert probe(backup.path, SCHEMA_VERSION, None) == SCHEMA_VERSION
    with open_project(path) as project:  # the project itself was not touched, and opens
        assert project.schema_version == SCHEMA_VERSION
        project.backup("opened")
    leftovers = [p.name for p in (tmp_path / "old.annotator-backups").iterdir() if ".partial-" in p.name]
    assert leftovers == []  # the killed copy (all of the project, maybe unencrypted) does not stay behind


def _damaged(original: bytes) -> list[tuple[str, bytes]]:
    page = 4096
    variants = [("truncated to the header", original[:100]), ("truncated mid-page", original[:page + 1000]),
                ("last page cut", original[:-page]), ("page count doubled", original[:28] + (
                    (int.from_bytes(original[28:32], "big") * 2).to_bytes(4, "big")) + original[32:])]
    for offset in (100, page + 8, 2 * page + 16, 3 * page + 200, len(original) - 500):
        for value in (0x00, 0xFF):
            variants.append((f"byte {offset} = {value}", original[:offset] + bytes([value]) * 64 + original[offset + 64:]))
    return variants


def test_opening_a_damaged_file_for_writing_changes_none_of_its_bytes(tmp_path, samples):
    from annotator.services.project_service import ProjectService

    path = tmp_path / "good.annotator"
    with ProjectService.create(path) as service:
        service.import_files([samples / "01_P01_interview.txt", samples / "02_P02_interview.docx"])
    original = path.read_bytes()
    refused = 0
    for what, data in _damaged(original):
        damaged = tmp_path / "damaged.annotator"
        damaged.write_bytes(data)
        try:
            open_project(damaged).close()
        except ProjectError:
            refused += 1
            assert damaged.read_bytes() == data, f"{what}: refused, but the file was changed"
            assert _visible(tmp_path) == ["damaged.annotator", "good.annotator"], what
        for companion in tmp_path.glob("damaged.annotator*"):
            companion.unlink()
    assert refused >= 5
