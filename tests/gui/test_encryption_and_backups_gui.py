"""Encryption and backups through the real window: an encrypted project asks for its passphrase (masked) when
opened, a wrong one says so; New Project offers encryption; File > Restore from Backup lists the backups, says where
they are and restores one; after de-identification the window, still open, leaves no original on disk and offers to
remove the backups that hold them; File > Encryption encrypts the open project, changes its passphrase or decrypts it."""

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.gui import backups_dialog
from annotator.gui.main import open_service
from annotator.gui.passphrase_dialogs import ask_passphrase, passphrase_prompt
from annotator.gui.projects import ask_new_project, open_recent
from annotator.services import passphrases
from annotator.services.demo import sample_identifiers
from annotator.services.project_service import ProjectService
from tests.leftovers import left_on_disk

SECRET = "correct horse battery"


@pytest.fixture
def gui_passphrases():
    """The passphrase source run_gui installs."""
    previous = passphrases.set_source(ask_passphrase)
    yield
    passphrases.set_source(previous)


@pytest.fixture
def typed(monkeypatch):
    """Every QInputDialog.getText answered from a list; what each asked and its echo mode recorded."""
    asked = []

    def answer(answers):
        """Each answer a text (typed, OK) or None (Cancel)."""
        answers = list(answers)

        def get_text(parent, title, label, mode=QLineEdit.EchoMode.Normal, *a, **k):
            asked.append((label, mode))
            value = answers.pop(0)
            return ("", False) if value is None else (value, True)
        monkeypatch.setattr(QInputDialog, "getText", get_text)
        return asked
    return answer


def test_an_encrypted_project_asks_for_its_passphrase_masked_and_opens(tmp_path, gui_passphrases, typed, open_window):
    path = tmp_path / "secret.annotator"
    ProjectService.create(path, passphrase=SECRET).close()
    asked = typed([SECRET])
    service = open_service(path)
    assert asked == [(passphrase_prompt("secret.annotator"), QLineEdit.EchoMode.Password)]
    window = open_window(service)
    assert window.service.project.encrypted and window.windowTitle().startswith("secret - Annotator")


def test_a_wrong_passphrase_says_so_and_the_window_keeps_its_project(tmp_path, gui_passphrases, typed, open_window,
                                                                     service, shown_errors):
    path = tmp_path / "secret.annotator"
    ProjectService.create(path, passphrase=SECRET).close()
    window = open_window(service)
    typed(["not the passphrase"])
    assert window.switch_to(open_recent(str(path))) is False
    assert shown_errors == ["Wrong passphrase for secret.annotator (or the file is damaged, or not an Annotator "
                            "project)."]
    shown_errors.clear()
    assert window.service is service and not service.closed
    typed([None])  # cancelled: nothing opened, and why
    assert window.switch_to(open_recent(str(path))) is False
    assert shown_errors[0].startswith("secret.annotator is encrypted; its passphrase is needed")
    shown_errors.clear()


def test_new_project_offers_encryption(tmp_path, monkeypatch, typed, open_window, service):
    window = open_window(service)
    path = tmp_path / "new study.annotator"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    asked = typed([SECRET, SECRET])
    assert window.switch_to(ask_new_project(window))
    assert [mode for _, mode in asked] == [QLineEdit.EchoMode.Password] * 2
    assert window.service.path == path and window.service.project.encrypted
    assert not path.read_bytes().startswith(b"SQLite format 3")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    plain = tmp_path / "plain.annotator"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(plain), ""))
    assert window.switch_to(ask_new_project(window))
    assert plain.read_bytes().startswith(b"SQLite format 3") and not window.service.project.encrypted


def test_restore_from_backup_lists_says_where_and_restores(qtbot, tmp_path, monkeypatch, open_window):
    path = tmp_path / "study.annotator"
    ProjectService.create(path, passphrase=SECRET).close()
    service = ProjectService.open(path, passphrase=SECRET)  # backed up as it is opened
    service.codebook.add_code("Added after the backup")
    window = open_window(service)
    chosen = {}

    def run_dialog(dialog):
        chosen["where"] = dialog.where.text()
        chosen["rows"] = dialog.table.rowCount()
        dialog.table.selectRow(0)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(backups_dialog.BackupsDialog, "exec", run_dialog)
    backups_dialog.restore_from_backup(window)
    assert chosen["rows"] == 1 and str(tmp_path / "study.annotator-backups") in chosen["where"]
    assert "encrypted like the project" in chosen["where"]
    assert window.service is not service and window.service.project.encrypted
    assert [c.name for c in window.service.codebook.codebook.codes.values()] == []
    assert window.code_panel.model.rowCount() == 0
    reasons = [b.reason for b in window.service.backups.list()]
    assert "before-restore" in reasons  # the project as it was, kept


def test_after_apply_the_open_window_leaves_no_original_on_disk_and_offers_to_remove_backups(
        qtbot, tmp_path, monkeypatch, demo_service, open_window):
    service = demo_service
    window = open_window(service)
    service.retrieval.search("Dana")
    key_path = tmp_path / "study.annotator-key"
    key = service.deid.new_key()
    service.deid.set_identifiers(key, key_path, sample_identifiers())
    service.deid.detect(key)
    service.deid.accept_all()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(key_path), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))  # the key file: no passphrase
    window.deid_panel.apply()
    assert "Replaced" in window.deid_panel.summary.text()
    assert left_on_disk(service.path) == {}  # the project still open, its WAL in place
    assert any("still holds the originals" in a or "still hold the originals" in a for a in asked)
    assert any(str(service.backups.folder) in a for a in asked)
    assert service.backups.holding_originals() == []  # removed, as the researcher chose


def test_every_reason_for_a_backup_reads_as_words_in_the_dialog():
    from annotator.storage.backups import REASONS

    assert set(backups_dialog.WHY) == set(REASONS)
    assert "originals" in backups_dialog.WHY["before-deid"]


def test_the_window_opens_before_its_opening_backup_and_hears_when_one_fails(qtbot, tmp_path, monkeypatch, open_window):
    """The GUI opens a project with its backup left for later and takes it on a thread once the window is up (a
    team-sized project's copy took 0.2 s of the window's 0.5 s); a backup that cannot be written says so."""
    path = tmp_path / "study.annotator"
    ProjectService.create(path).close()
    service = open_service(path)
    assert service.backup_pending and service.backups.list() == []  # not before the window
    window = open_window(service)
    assert not service.backup_pending
    service.project.wait_for_backup()
    qtbot.waitUntil(lambda: len(service.backups.list()) == 1)

    shown = []
    monkeypatch.setattr(window, "_show_error", shown.append)
    window.switch_to(lambda: ProjectService.create(tmp_path / "other.annotator"))
    (tmp_path / "study.annotator-backups").rename(tmp_path / "moved")
    (tmp_path / "study.annotator-backups").write_text("a file where the folder was")  # (no backup holds it now)
    window.switch_to(lambda: open_service(path))
    window.service.project.wait_for_backup()
    qtbot.waitUntil(lambda: bool(shown))
    assert "could not be written" in shown[0] and window.service.path == path


def test_the_open_project_is_encrypted_its_passphrase_changed_and_decrypted_from_the_file_menu(
        tmp_path, monkeypatch, open_window):
    from annotator.gui import encryption_actions

    path = tmp_path / "study.annotator"
    service = ProjectService.create(path)
    service.codebook.add_code("Kept through it all")
    window = open_window(service)
    menu = QMenu()
    encryption_actions.fill_menu(menu, window)
    assert [a.text() for a in menu.actions()] == ["&Encrypt Project…"]

    monkeypatch.setattr(encryption_actions, "ask_new_passphrase", lambda parent, name: SECRET)
    assert encryption_actions.encrypt(window)
    assert window.service.project.encrypted and not path.read_bytes().startswith(b"SQLite format 3")
    encryption_actions.fill_menu(menu, window)
    assert [a.text() for a in menu.actions()] == ["Change &Passphrase…", "&Decrypt Project…"]

    monkeypatch.setattr(encryption_actions, "ask_new_passphrase", lambda parent, name: "another long passphrase")
    assert encryption_actions.change_passphrase(window)
    assert window.service.project.passphrase == "another long passphrase"
    window.service.close()
    with pytest.raises(AnnotatorError):
        ProjectService.open(path, passphrase=SECRET)
    window.switch_to(lambda: ProjectService.open(path, passphrase="another long passphrase"))

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert encryption_actions.decrypt(window)
    assert not window.service.project.encrypted and path.read_bytes().startswith(b"SQLite format 3")
    assert [c.name for c in window.service.codebook.codebook.codes.values()] == ["Kept through it all"]
    assert window.code_panel.model.rowCount() == 1


def test_an_encryption_that_fails_leaves_the_project_open_as_it_was(tmp_path, monkeypatch, open_window):
    from annotator.gui import encryption_actions
    from annotator.services import project_encryption

    path = tmp_path / "study.annotator"
    service = ProjectService.create(path)
    service.codebook.add_code("Still here")
    window = open_window(service)
    shown = []
    monkeypatch.setattr(window, "_show_error", shown.append)
    monkeypatch.setattr(encryption_actions, "ask_new_passphrase", lambda parent, name: SECRET)

    def fail(*args):
        raise AnnotatorError("study.annotator could not be encrypted (disk full).")

    monkeypatch.setattr(project_encryption, "encrypt", fail)
    assert not encryption_actions.encrypt(window)
    assert shown == ["study.annotator could not be encrypted (disk full)."]
    assert not window.service.project.encrypted and not window.service.closed
    assert [c.name for c in window.service.codebook.codebook.codes.values()] == ["Still here"]
