"""The project file: creation, pragmas, refusals, migrations with a copy taken first, and the audit chain."""

import sqlite3

import pytest
import sqlite_utils

from annotator.core.errors import NewerSchemaError, NotAProjectError, ProjectError
from annotator.storage import audit, create_project, open_project
from annotator.storage.schema import MIGRATIONS, SCHEMA_VERSION


def test_new_project_has_schema_wal_foreign_keys_and_settings(tmp_path):
    path = tmp_path / "study.annotator"
    with create_project(path, name="Peer work") as project:
        assert project.schema_version == SCHEMA_VERSION
        assert project.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert project.setting("project_name") == "Peer work"
        tables = set(project.db.table_names())
        assert {"documents", "speaker_turns", "speakers", "participants", "attributes", "participant_attributes",
                "codes", "codings", "memos", "coders", "audit_log", "settings"} <= tables
    # Closed, the project is one self-contained file.
    assert not (tmp_path / "study.annotator-wal").exists()
    assert not (tmp_path / "study.annotator.lock").exists()


def test_creating_over_an_existing_file_is_refused(tmp_path):
    path = tmp_path / "study.annotator"
    path.write_text("my thesis")
    with pytest.raises(ProjectError, match="already exists"):
        create_project(path)
    assert path.read_text() == "my thesis"


def test_foreign_keys_and_checks_are_enforced(tmp_path):
    with create_project(tmp_path / "p.annotator") as project:
        with pytest.raises(sqlite3.IntegrityError):
            with project.atomic() as db:
                db.execute("INSERT INTO speakers (document_id, label) VALUES (999, 'X')")
        with pytest.raises(sqlite3.IntegrityError):
            with project.atomic() as db:
                db.execute("INSERT INTO memos (guid, target, document_id, created, modified) "
                           "VALUES ('g', 'project', 1, 'now', 'now')")


@pytest.mark.parametrize("content", [b"", b"just some notes\n", b"PK\x03\x04 a zip", b"SQLite format 3\x00" + b"\x00" * 50])
def test_files_that_are_not_projects_are_refused(tmp_path, content):
    path = tmp_path / "notes.annotator"
    path.write_bytes(content)
    with pytest.raises(NotAProjectError, match="not an Annotator project"):
        open_project(path)
    assert path.read_bytes() == content
    assert not (tmp_path / "notes.annotator.lock").exists()


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    sqlite_utils.Database(path)["t"].insert({"a": 1})
    before = path.read_bytes()
    with pytest.raises(NotAProjectError, match="not an Annotator project"):
        open_project(path)
    assert path.read_bytes() == before


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(ProjectError, match="no project"):
        open_project(tmp_path / "missing.annotator")
    with pytest.raises(NotAProjectError, match="folder"):
        open_project(tmp_path)


def test_project_from_a_newer_schema_is_refused_unchanged(tmp_path):
    path = tmp_path / "future.annotator"
    create_project(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version of Annotator"):
        open_project(path)
    assert path.read_bytes() == before


NEXT = SCHEMA_VERSION + 1


def _migrations_with_v2(fail: bool = False) -> sqlite_utils.Migrations:
    """The real migrations and one more, as the next release would add it."""
    migrations = sqlite_utils.Migrations("annotator")
    migrations._migrations = list(MIGRATIONS._migrations)

    @migrations(name=f"{NEXT:04d}_test_column")
    def _v2(db):
        db.execute("ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT 'en'")
        if fail:
            raise RuntimeError("migration bug")
        db.execute(f"PRAGMA user_version = {NEXT}")

    return migrations


def test_migrating_an_older_project_takes_a_copy_first(tmp_path):
    path = tmp_path / "old.annotator"
    with create_project(path) as project:
        with project.atomic() as db:
            db["settings"].insert({"key": "marker", "value": "kept"})
    with open_project(path, migrations=_migrations_with_v2(), schema_version=NEXT) as project:
        assert project.schema_version == NEXT
        assert "language" in project.db["documents"].columns_dict
        assert project.setting("marker") == "kept"
        backup = project.backup_path
    assert backup is not None and backup.exists() and backup.name.endswith("-before-migration.annotator")
    assert backup.parent.name == "old.annotator-backups"
    with open_project(backup) as old:  # the copy is the project as it was, still readable by this version
        assert old.schema_version == SCHEMA_VERSION and old.setting("marker") == "kept"


def test_failed_migration_leaves_the_project_as_it_was(tmp_path):
    path = tmp_path / "old.annotator"
    create_project(path).close()
    with pytest.raises(ProjectError, match=f"Upgrading old.annotator from format {SCHEMA_VERSION} failed"):
        open_project(path, migrations=_migrations_with_v2(fail=True), schema_version=NEXT)
    with open_project(path) as project:
        assert project.schema_version == SCHEMA_VERSION
        assert "language" not in project.db["documents"].columns_dict


def test_readonly_project_refuses_writes(tmp_path):
    path = tmp_path / "p.annotator"
    create_project(path).close()
    with open_project(path, readonly=True) as project:
        with pytest.raises(ProjectError, match="read-only"):
            with project.atomic():
                pass


def test_audit_log_is_append_only_and_hash_chained(tmp_path):
    with create_project(tmp_path / "p.annotator") as project:
        with project.atomic() as db:
            audit.record(db, "ana", "import document", "document", 1, characters=1200)
            audit.record(db, "ana", "map speaker", "document", 1, participant_id=3)
        assert audit.verify(project.db) is None
        entries = audit.entries(project.db)
        assert [e.action for e in entries] == ["map speaker", "import document", "create project"]
        assert entries[1].details == {"characters": 1200}
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            with project.atomic() as db:
                db.execute("UPDATE audit_log SET coder = 'mallory'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            with project.atomic() as db:
                db.execute("DELETE FROM audit_log")
        # Someone who drops the trigger and edits history is still caught by the chain.
        with project.atomic() as db:
            db.execute("DROP TRIGGER audit_log_no_update")
            db.execute("UPDATE audit_log SET coder = 'mallory' WHERE id = 1")
        assert audit.verify(project.db) == 1
