"""Issue 13, point 14: the audit log's head is anchored outside the project (key file, backups, reports), so
deleting its newest entries, deleting all of them, or rewriting it with fresh hashes shows, as does a dropped
append-only trigger; and what cannot be detected without an anchor is said, not hidden."""

import json
import zipfile

import pytest

from annotator.core.audit_anchor import AuditAnchor
from annotator.deid.keyfile import load_key
from annotator.services.project_service import ProjectService
from annotator.storage import audit
from annotator.storage.backups import list_backups
from annotator.storage.connection import connect


@pytest.fixture
def anchored(tmp_path, samples):
    """A project with a key file, a backup and a report, each anchoring the log; then more work after them."""
    service = ProjectService.create(tmp_path / "study.annotator", coder="ana")
    service.import_files([samples / "01_P01_interview.txt"])
    key, key_path = service.deid.new_key(), tmp_path / "study.annotator-key"
    service.deid.set_identifiers(key, key_path, [("Dana", "PERSON")])
    service.backups.take("periodic")
    service.codebook.add_code("Stigma")
    service.reports.codebook_report(tmp_path / "codebook.docx")
    service.codebook.add_code("Support")  # newer than every anchor
    yield service, key_path, tmp_path / "codebook.docx"
    service.close()


def _tamper(service: ProjectService, *statements: str, rehash: bool = False) -> ProjectService:
    """What someone with SQLite and the file can do: drop the triggers, change rows, recompute every hash."""
    path, passphrase = service.path, service.project.passphrase
    service.close()
    db = connect(path, passphrase=passphrase)
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("DROP TRIGGER audit_log_no_delete")
    for statement in statements:
        db.execute(statement)
    if rehash:
        previous = "0" * 64
        for id_, at, coder, action, target_type, target_id, details in db.execute(
                "SELECT id, at, coder, action, target_type, target_id, details FROM audit_log ORDER BY id").fetchall():
            previous = audit._digest(previous, at, coder, action, target_type, target_id, details)
            db.execute("UPDATE audit_log SET hash = ? WHERE id = ?", [previous, id_])
    db.conn.commit()
    db.close()
    return ProjectService.open(path, readonly=True, passphrase=passphrase)


def _statuses(check) -> dict[str, str]:
    return {c.source.split()[0]: c.status for c in check.anchors}


def test_every_anchor_matches_an_untouched_log(anchored):
    service, key_path, report = anchored
    key = load_key(key_path)
    head = service.audit.head()
    assert key.audit_anchor and key.audit_anchor.entry < head.entry  # the key's anchor is older than the head
    assert key.audit_anchor.project_guid == service.project.setting("project_guid")
    token = AuditAnchor.parse(zipfile.ZipFile(report).read("docProps/core.xml").decode())
    assert token is not None and token.entry < head.entry
    check = service.audit.verify([("study.annotator-key", key)], [report])
    assert not check.tampered and _statuses(check) == {"key": "matches", "backup": "matches", "report": "matches"}
    assert check.lines()[-1] == "Verdict: no sign of tampering found."


def test_deleting_the_newest_entries_is_detected_by_the_anchors(anchored):
    service, key_path, report = anchored
    key_entry = load_key(key_path).audit_anchor.entry
    service = _tamper(service, f"DELETE FROM audit_log WHERE id >= {key_entry}")
    with service:
        assert audit.verify(service.project.db) is None  # the chain alone cannot see it
        check = service.audit.verify([("k", load_key(key_path))], [report])
        assert check.tampered and set(_statuses(check).values()) == {"cut short"}
        assert check.missing_triggers == ["audit_log_no_update", "audit_log_no_delete"]
        assert any("CUT SHORT" in line for line in check.lines())


def test_deleting_every_entry_is_detected_even_without_an_anchor(anchored):
    service, _key_path, _report = anchored
    service = _tamper(service, "DELETE FROM audit_log", "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON "
                      "audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    with service:
        check = service.audit.verify(backups=False)
        assert check.entries == 0 and not check.starts_at_creation and check.tampered
        assert check.missing_triggers == ["audit_log_no_delete"]
        assert not service.info()["audit_log_intact"]


def test_rewriting_a_row_and_every_hash_after_it_is_detected_where_an_anchor_exists(anchored):
    service, key_path, report = anchored
    service = _tamper(service, "UPDATE audit_log SET coder = 'mallory' WHERE id = 2", rehash=True)
    with service:
        assert audit.verify(service.project.db) is None  # a consistent chain: only an anchor can tell
        check = service.audit.verify([("k", load_key(key_path))], [report])
        assert set(_statuses(check).values()) == {"rewritten"} and check.tampered
        no_anchor = service.audit.verify(backups=False)
        assert any("would not show" in line for line in no_anchor.lines())  # said plainly, not claimed


def test_an_anchor_from_another_project_is_not_a_match(anchored, tmp_path):
    service, _key_path, _report = anchored
    other = ProjectService.create(tmp_path / "other.annotator")
    other.reports.codebook_report(tmp_path / "other.docx")
    other.close()
    check = service.audit.verify(reports=[tmp_path / "other.docx"], backups=False)
    assert _statuses(check) == {"report": "other project"} and not check.tampered


def test_the_key_file_keeps_its_anchor_through_a_save_and_a_load(tmp_path):
    from annotator.deid.keyfile import KeyFile, save_key

    key = KeyFile.new("guid")
    key.audit_anchor = AuditAnchor("guid", 7, "a" * 64)
    save_key(key, tmp_path / "k", "secret words")
    assert load_key(tmp_path / "k", "secret words").audit_anchor == key.audit_anchor
    assert json.loads(KeyFile.new("g").to_json()).get("audit_anchor") is None


def test_the_viewer_filters_and_the_csv_for_an_ethics_board(anchored, tmp_path):
    import csv
    from datetime import date, timedelta

    service, _key_path, _report = anchored
    service.set_coder("ben")
    service.codebook.add_code("Ben's code")
    assert service.audit.coders() == ["ana", "ben"]
    assert "add code" in service.audit.actions()
    bens = service.audit.entries(coder="ben")
    assert [e.action for e in bens] == ["add code"]
    today = date.today()
    assert len(service.audit.entries(since=today, until=today)) == len(service.audit.entries())
    assert service.audit.entries(until=today - timedelta(days=1)) == []
    assert service.audit.counts(service.audit.entries())["add code"] == 3
    assert service.audit.export_csv(tmp_path / "log.csv", service.audit.entries()) == len(service.audit.entries())
    rows = list(csv.reader((tmp_path / "log.csv").open(encoding="utf-8-sig")))
    assert rows[0][:4] == ["entry", "time (UTC)", "coder", "action"] and rows[1][3] == "create project"
    assert rows[-1][2:4] == ["ben", "add code"] and len(rows) == len(service.audit.entries()) + 1


def test_anchors_from_before_a_restore_are_told_apart_from_tampering(anchored):
    from annotator.services.backup_service import restore

    service, key_path, report = anchored
    path, passphrase = service.path, service.project.passphrase
    service.backups.take("periodic")  # newer than the first: its anchor is past what the restore brings back
    service.close()
    oldest = list_backups(path)[-1]
    restore(path, oldest.number, passphrase, coder="ana")
    with ProjectService.open(path, readonly=True, passphrase=passphrase) as restored:
        entry = restored.audit.entries(action="restore from backup")[0]
        assert entry.coder == "ana" and entry.details["replaced_entries"] > 0
        check = restored.audit.verify([("k", load_key(key_path))], [report])
        statuses = [c.status for c in check.anchors]
        assert "before a restore" in statuses and "cut short" not in statuses and "rewritten" not in statuses
        assert not check.tampered, check.lines()
