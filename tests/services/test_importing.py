"""Batch import through the service: per-file results, duplicates, no half-imported files, cancel, audit."""

import pytest

from annotator.services.importing import Status
from annotator.storage import audit, documents


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_batch_with_bad_files_imports_the_good_ones(service, tmp_path):
    good = write(tmp_path, "P01.txt", "Interviewer: Hello\n\nParticipant: Hi there.\n")
    files = [
        good,
        write(tmp_path, "empty.txt", b""),
        write(tmp_path, "audio.txt", b"\x00\x01\x02\x03binary"),
        write(tmp_path, "broken.docx", b"PK\x03\x04garbage"),
        write(tmp_path, "scan.pdf", b"%PDF-1.4"),
        tmp_path / "missing.txt",
        write(tmp_path, "P02.txt", "I: One\nR: Two\n"),
    ]
    report = service.import_files(files)
    assert [r.status for r in report.results] == [Status.IMPORTED] + [Status.FAILED] * 5 + [Status.IMPORTED]
    lines = [r.line() for r in report.results]
    assert lines[0] == "P01.txt: imported (5 words, 2 turns, 2 speakers)"
    assert lines[1] == "empty.txt: failed, it is empty"
    assert lines[2] == "audio.txt: failed, it is not a text file (it contains binary data)"
    assert lines[5] == "missing.txt: failed, it does not exist"
    assert all("\n" not in line for line in lines)
    assert report.summary() == "2 imported, 5 failed"
    assert [d.name for d in service.documents()] == ["P01", "P02"]
    assert service.info()["speaker_turns"] == 4
    assert report.changes.documents and len(report.changes.document_ids) == 2


def test_reimporting_an_identical_file_is_reported_not_duplicated(service, tmp_path):
    path = write(tmp_path, "P01.txt", "I: Hello\nR: Hi\n")
    service.import_files([path])
    copy = write(tmp_path, "P01 copy.txt", "I: Hello\r\nR: Hi\r\n")  # other bytes, same text
    report = service.import_files([path, copy])
    assert [r.status for r in report.results] == [Status.DUPLICATE, Status.DUPLICATE]
    assert report.results[0].line() == "P01.txt: duplicate, already in the project as 'P01'"
    assert len(service.documents()) == 1
    assert not report.changes


def test_same_name_different_content_gets_a_distinct_name(service, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    service.import_files([write(tmp_path / "a", "P01.txt", "I: one\nR: x"), write(tmp_path / "b", "P01.txt", "I: two\nR: y")])
    assert [d.name for d in service.documents()] == ["P01", "P01 (2)"]
    assert [d.interview_order for d in service.documents()] == [1, 2]


def test_a_failure_while_saving_leaves_nothing_half_imported(service, tmp_path, monkeypatch):
    real_insert = documents.insert_document

    def insert_then_fail(db, **kwargs):
        real_insert(db, **kwargs)  # the document row and its turns are written...
        raise RuntimeError("disk full")  # ...then something fails before the transaction commits

    monkeypatch.setattr(documents, "insert_document", insert_then_fail)
    with pytest.raises(RuntimeError):
        service.import_files([write(tmp_path, "P01.txt", "I: Hello\nR: Hi\n")])
    db = service.project.db
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM speaker_turns").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM speakers").fetchone()[0] == 0


def test_cancel_stops_between_files(service, tmp_path):
    files = [write(tmp_path, f"P0{i}.txt", f"I: q{i}\nR: a{i}\n") for i in range(1, 5)]
    seen = []
    report = service.import_files(files, progress=lambda done, total, name: seen.append((done, total, name)),
                                  is_cancelled=lambda: len(seen) >= 2)
    assert [r.status for r in report.results] == [Status.IMPORTED, Status.IMPORTED, Status.CANCELLED, Status.CANCELLED]
    assert report.summary() == "2 imported, 2 not imported (cancelled)"
    assert seen[:2] == [(0, 4, "P01.txt"), (1, 4, "P02.txt")]
    assert len(service.documents()) == 2


def test_import_is_audited_without_transcript_text(service, tmp_path):
    service.import_files([write(tmp_path, "P01.txt", "I: My name is Jennifer\nR: Hi Jennifer\n")])
    entries = audit.entries(service.project.db)
    assert entries[0].action == "import document" and entries[0].coder == "tester"
    assert entries[0].details == {"format": "txt", "characters": 37, "speaker_turns": 2}
    dump = "\n".join(service.project.db.conn.iterdump())
    audit_rows = [line for line in dump.splitlines() if "audit_log" in line and "INSERT" in line]
    assert audit_rows and not any("Jennifer" in row for row in audit_rows)


def test_change_notices_reach_subscribers(service, tmp_path):
    heard = []
    service.subscribe(heard.append)
    service.import_files([write(tmp_path, "P01.txt", "I: a\nR: b\n")])
    assert len(heard) == 1 and heard[0].documents and heard[0].speaker_turns


def test_a_folder_imports_the_transcripts_inside_it(service, tmp_path):
    folder = tmp_path / "interviews"
    (folder / "round 2").mkdir(parents=True)
    write(folder, "P01.txt", "I: a\nR: b\n")
    write(folder / "round 2", "P02.md", "I: c\nR: d\n")
    write(folder, "notes.pdf", b"%PDF")  # not a transcript type: left alone, not reported
    (folder / ".cache").mkdir()
    write(folder / ".cache", "P09.txt", "I: hidden\nR: x\n")
    report = service.import_files([folder])
    assert [r.path.name for r in report.results] == ["P01.txt", "P02.md"]
    assert report.imported == 2


def test_a_reader_bug_fails_one_file_and_logs_no_content(service, tmp_path, monkeypatch, caplog):
    import annotator.services.importing as importing

    def broken(name, data, limits):
        raise UnicodeDecodeError("utf-8", b"secret name Jennifer", 0, 1, "invalid start byte")

    monkeypatch.setattr(importing, "read_transcript", broken)
    report = service.import_files([write(tmp_path, "P01.txt", "I: Jennifer\nR: hi\n")])
    assert report.results[0].line() == "P01.txt: failed, it could not be read (unexpected UnicodeDecodeError)"
    assert "Jennifer" not in caplog.text and "UnicodeDecodeError" in caplog.text
