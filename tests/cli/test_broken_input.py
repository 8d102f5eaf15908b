"""Broken and hostile input is one line on the command line, never a traceback or a hang: damaged exchange files
and documents, a FIFO where a file should be, a full disk or a read-only file system under the lock file, another
program reading a closed project, a tampered audit row; and read-only mode searches without writing a byte."""

import errno
import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import zipfile

import pytest

from annotator.cli import main
from annotator.storage import lock as lock_module
from tests.importers.helpers import make_docx

fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")


@pytest.fixture
def project(tmp_path, samples):
    path = tmp_path / "study.annotator"
    assert main(["new", str(path)]) == 0
    assert main(["import", str(path), str(samples / "01_P01_interview.txt")]) == 0
    return path


def one_line(capsys, code: int) -> str:
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert "Traceback" not in err and err.startswith("annotator: ") and len(err.strip().splitlines()) == 1, err
    return err


def _damaged_deflate(name: str, data: bytes, member: str) -> bytes:
    """A zip whose directory is sound but whose `member` holds deflate data that cannot be inflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, data)
    raw = bytearray(buffer.getvalue())
    start = raw.index(member.encode()) + len(member)
    raw[start + 2:start + 12] = b"\xff" * 10  # the start of the compressed stream
    return bytes(raw)


def test_a_qdpx_with_damaged_compressed_data_is_one_line(tmp_path, project, capsys):
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(_damaged_deflate("bad.qdpx", b"<Project>" + b"<Sources/>" * 500 + b"</Project>", "project.qde"))
    assert "damaged" in one_line(capsys, main(["qdpx", "import", str(bad), str(tmp_path / "new.annotator")]))
    assert not (tmp_path / "new.annotator").exists()
    assert "damaged" in one_line(capsys, main(["merge", str(project), str(bad)]))


def test_a_docx_with_a_damaged_part_says_so_not_unexpected(tmp_path, project, capsys):
    good = make_docx(["Interviewer: Hello.", "Participant: Hi."])
    parts = {i.filename: zipfile.ZipFile(io.BytesIO(good)).read(i) for i in zipfile.ZipFile(io.BytesIO(good)).infolist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    raw = bytearray(buffer.getvalue())
    at = raw.index(b"word/styles.xml") + len("word/styles.xml") + 40
    raw[at] ^= 0xFF  # one flipped byte in the styles' compressed data: a bad checksum or bad data
    (tmp_path / "damaged.docx").write_bytes(bytes(raw))
    code = main(["import", str(project), str(tmp_path / "damaged.docx")])
    err = capsys.readouterr().err
    assert code == 1 and "damaged.docx: failed, it is not a valid .docx file (damaged" in err, err
    assert "unexpected" not in err


@fifo_only
@pytest.mark.parametrize("argv", [
    ["info", "{fifo}.annotator"], ["documents", "{fifo}.annotator"], ["import", "{project}", "{fifo}.txt"],
    ["codebook", "import", "{project}", "{fifo}.qdc"], ["qdpx", "import", "{fifo}.qdpx", "{tmp}/n.annotator"],
    ["merge", "{project}", "{fifo}.qdpx"], ["deid", "residual", "{project}", "--key", "{fifo}.key"],
])
def test_a_fifo_where_a_file_should_be_is_refused_not_read(tmp_path, project, argv):
    fifo = tmp_path / "pipe"
    for suffix in (".annotator", ".txt", ".qdc", ".qdpx", ".key"):
        os.mkfifo(str(fifo) + suffix)
    argv = [a.format(fifo=fifo, project=project, tmp=tmp_path) for a in argv]
    try:  # (in a process of its own: a hang here would otherwise hang the test run)
        run = subprocess.run([sys.executable, "-m", "annotator", *argv], capture_output=True, text=True, timeout=60,
                             stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"annotator {' '.join(argv)} hung reading a FIFO")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "not a regular file" in run.stderr + run.stdout


@pytest.mark.parametrize("where, error", [("open", errno.EROFS), ("open", errno.EACCES), ("write", errno.ENOSPC)])
def test_a_lock_file_that_cannot_be_written_is_one_line(project, capsys, monkeypatch, tmp_path, where, error):
    real = getattr(os, where)

    def failing(*args, **kwargs):
        if where == "open" and str(args[0]).endswith(".lock") or where == "write":
            raise OSError(error, os.strerror(error))
        return real(*args, **kwargs)

    monkeypatch.setattr(lock_module.os, where, failing)
    (tmp_path / "more.txt").write_text("Interviewer: More?\nParticipant: Yes.\n")
    err = one_line(capsys, main(["import", str(project), str(tmp_path / "more.txt")]))
    assert os.strerror(error) in err
    monkeypatch.undo()
    assert main(["import", str(project), str(tmp_path / "more.txt")]) == 0  # nothing was left locked


def test_a_full_disk_anywhere_is_one_line(project, capsys, monkeypatch, tmp_path):
    from annotator.services import importing

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(importing, "expand_folders", full)  # (an OSError from anywhere a command reaches)
    err = one_line(capsys, main(["import", str(project), str(tmp_path)]))
    assert "No space left on device" in err


def test_another_program_reading_a_closed_project_is_one_line(project, capsys, tmp_path):
    reader = sqlite3.connect(project)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM documents").fetchone()  # holds a read lock, as a backup tool would
    try:
        (tmp_path / "more.txt").write_text("Interviewer: More?\nParticipant: Yes.\n")
        err = one_line(capsys, main(["import", str(project), str(tmp_path / "more.txt")]))
        assert "in use by another program" in err
    finally:
        reader.close()


def _tamper(project, sql):
    db = sqlite3.connect(project)
    for (trigger,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute(f'DROP TRIGGER "{trigger}"')
    db.execute(sql)
    db.commit()
    db.close()


@pytest.mark.parametrize("sql", [
    "UPDATE audit_log SET details = '{not json' WHERE id = 2",
    "UPDATE audit_log SET at = 'yesterday', action = 'apply de-identification' WHERE id = 2",
    "UPDATE audit_log SET details = '[1, 2]' WHERE id = 2",
])
def test_a_tampered_audit_row_is_reported_not_a_traceback(project, capsys, sql):
    _tamper(project, sql)
    for argv in (["info", project], ["backups", project], ["backups", project, "--remove-before-deid"],
                 ["codes", project]):
        code = main([str(a) for a in argv])
        err = capsys.readouterr().err
        assert "Traceback" not in err and code in (0, 1), (argv, err)
    main(["info", str(project)])
    assert "audit log intact  False" in capsys.readouterr().out


def _snapshot(project):
    return hashlib.sha256(project.read_bytes()).hexdigest(), sorted(os.listdir(project.parent))


def test_read_only_mode_searches_without_writing_a_byte(project):
    from annotator.services.project_service import ProjectService

    before = _snapshot(project)
    with ProjectService.open(project, readonly=True) as service:  # never searched before: no index yet
        assert service.retrieval.search("naloxone")
    assert _snapshot(project) == before


def test_searching_a_project_open_in_the_app_falls_back_to_read_only(project, capsys):
    from annotator.services.project_service import ProjectService

    with ProjectService.open(project, backup=False):  # the app has it open (and locked)
        assert main(["search", str(project), "naloxone"]) == 0
        assert "naloxone" in capsys.readouterr().out
