"""A second process opening the same project gets a clear message or read-only access, never a corrupted file."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from annotator.core.errors import ProjectLockedError
from annotator.storage import create_project, open_project

HOLDER = textwrap.dedent("""
    import sys, time
    from annotator.storage import open_project
    project = open_project(sys.argv[1])
    with project.atomic() as db:
        db["settings"].insert({"key": "written_by_holder", "value": "yes"})
    print("open", flush=True)
    sys.stdin.readline()
    project.close()
""")


@pytest.fixture
def holder(tmp_path):
    path = tmp_path / "shared.annotator"
    create_project(path).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    yield path, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_second_process_is_refused_with_a_clear_message(holder):
    path, proc = holder
    with pytest.raises(ProjectLockedError, match=rf"already open in another Annotator window \(process {proc.pid}"):
        open_project(path)


def test_second_process_can_read_while_the_first_writes(holder):
    path, _proc = holder
    with open_project(path, readonly=True) as project:
        assert project.setting("written_by_holder") == "yes"


def test_lock_is_released_when_the_holder_exits_or_crashes(holder):
    path, proc = holder
    os.kill(proc.pid, signal.SIGKILL)  # a crash: no clean close, the OS drops the lock
    proc.wait()
    with open_project(path) as project:
        assert project.setting("written_by_holder") == "yes"
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
