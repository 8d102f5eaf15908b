"""Rolling backups of an open project (issue 13, point 7): taken when it is opened (unless the newest one already
holds it as it is), after every N minutes of changes, the newest K kept; the opening and periodic ones read on a
thread of their own so a big project's window never waits for its copy, and a failure is reported, not lost."""

import time

import pytest

from annotator.core.errors import AnnotatorError
from annotator.services.project_service import ProjectService
from annotator.storage.backups import list_backups

TEXT = "Interviewer: How did you start?\n\nParticipant: A friend asked me to come along to the site."


def _add(service, name):
    source = service.path.parent / f"{name}.txt"
    source.write_text(f"{TEXT}\n\nInterviewer: And in interview {name}?", encoding="utf-8")  # (no two alike)
    assert service.import_files([source]).results[0].document_id is not None


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "study.annotator"
    with ProjectService.create(path, coder="tester") as service:
        _add(service, "P01")
    return path


def _documents(path):
    with ProjectService.open(path, readonly=True) as service:
        return [d.name for d in service.documents()]


def test_opening_backs_up_once_until_something_changes(project):
    with ProjectService.open(project, coder="tester"):
        pass
    assert [b.reason for b in list_backups(project)] == ["opened"]
    with ProjectService.open(project, coder="tester"):
        pass  # nothing changed since: the newest backup already holds it
    assert len(list_backups(project)) == 1
    with ProjectService.open(project, coder="tester") as service:
        _add(service, "P02")
    with ProjectService.open(project, coder="tester"):
        pass
    assert len(list_backups(project)) == 2
    with ProjectService.open(project, readonly=True):
        pass
    assert len(list_backups(project)) == 2


def test_a_backup_taken_on_a_thread_is_a_whole_project_and_close_waits_for_it(project):
    heard = []
    service = ProjectService.open(project, coder="tester", backup="later")
    assert service.backup_pending and list_backups(project) == []
    service.backups.report = lambda path, error: heard.append((path, error))
    assert service.backups.on_open_in_background()
    _add(service, "P02")  # the project is in use while the copy is read
    service.close()
    (backup,) = list_backups(project)
    assert heard == [(backup.path, None)]
    assert _documents(backup.path) in (["P01"], ["P01", "P02"])  # the project as it was at one moment
    assert _documents(project) == ["P01", "P02"]


def test_changes_are_backed_up_every_n_minutes_and_the_newest_k_kept(project, monkeypatch):
    now = [time.monotonic()]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    with ProjectService.open(project, coder="tester") as service:
        service.backups.set_policy(keep=2, minutes=10)
        for number in range(4):
            now[0] += 9 * 60  # not yet ten minutes since the last one
            _add(service, f"P{number + 2:02}")
            assert service.backups.after_change() is False
            now[0] += 2 * 60
            _add(service, f"P{number + 2:02} again")  # its notice starts one
            service.project.wait_for_backup()
    backups = list_backups(project)
    assert [b.reason for b in backups] == ["periodic", "periodic"]  # the opening one and two others pruned
    assert len(_documents(backups[0].path)) == 9  # P01 and the last two


def test_a_failing_background_backup_is_reported_and_the_project_goes_on(project):
    folder = project.with_name(project.name + "-backups")
    folder.write_text("not a folder")  # the backup folder cannot be made
    heard = []
    with ProjectService.open(project, coder="tester", backup="later") as service:
        service.backups.report = lambda path, error: heard.append((path, error))
        service.backups.on_open_in_background()
        service.project.wait_for_backup()
        _add(service, "P02")
    assert heard and heard[0][0] is None and "could not be written" in heard[0][1]
    assert TEXT not in heard[0][1]
    assert _documents(project) == ["P01", "P02"]


def test_the_backup_policy_refuses_nonsense(project):
    with ProjectService.open(project, coder="tester") as service:
        for bad in ({"keep": 0}, {"minutes": 0}):
            with pytest.raises(AnnotatorError):
                service.backups.set_policy(**bad)


def test_a_big_project_opened_by_the_gui_is_checked_on_the_backups_thread_and_a_damaged_one_reported(
        project, monkeypatch):
    """SQLite's quick check reads every page (0.1 s of a team's 60 MB project's window): from CHECK_LATER_FROM the
    GUI's opening runs it on the opening backup's thread instead. A damaged project is reported there, and not
    backed up (its copy would push a sound backup out)."""
    from annotator.services import project_service
    from annotator.storage import file_checks, project_file

    checked = []

    def counting(db):
        checked.append(1)
        return ["Tree 5 page 12: btree cell 3 extends past the page"]  # what SQLite says of a damaged page

    monkeypatch.setattr(project_service, "CHECK_LATER_FROM", 0)  # every project is "big" here
    monkeypatch.setattr(file_checks, "quick_check", counting)
    monkeypatch.setattr(project_file, "quick_check", counting)
    heard = []
    with pytest.raises(AnnotatorError, match="is damaged"):
        ProjectService.open(project, coder="tester")  # the command line checks before anything else
    checked.clear()
    service = ProjectService.open(project, coder="tester", backup="later")  # opened at once, unchecked
    assert checked == [] and service.backups.check_pending
    service.backups.report = lambda path, error: heard.append((path, error))
    backups_before = list_backups(project)
    assert service.backups.on_open_in_background()
    service.close()
    assert checked == [1] and heard[0][0] is None and "study.annotator is damaged" in heard[0][1]
    assert "Restore from Backup" in heard[0][1] and list_backups(project) == backups_before
