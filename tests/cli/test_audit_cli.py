"""`annotator audit PROJECT`: the log filtered and exported, and --verify against the key file, the backups and
reports, exiting 1 when the log was cut short (issue 13, points 14 and 15)."""

import json
import sqlite3

from annotator.cli import COMMANDS, main


def _project(tmp_path, samples, capsys):
    project, key = tmp_path / "study.annotator", tmp_path / "study.annotator-key"
    assert main(["new", str(project), "--coder", "ana"]) == 0
    assert main(["import", str(project), str(samples / "01_P01_interview.txt"), "--coder", "ana"]) == 0
    assert main(["deid", "identifiers", str(project), "--key", str(key), "--add", "Dana=PERSON"]) == 0
    assert main(["report", "codebook", str(project), str(tmp_path / "codebook.docx")]) == 0
    assert main(["import", str(project), str(samples / "02_P02_interview.docx"), "--coder", "ben"]) == 0
    capsys.readouterr()
    return project, key


def test_audit_lists_filters_exports_and_verifies(tmp_path, samples, capsys, monkeypatch):
    monkeypatch.delenv("ANNOTATOR_KEY_PASSPHRASE", raising=False)
    assert "audit" in COMMANDS
    project, key = _project(tmp_path, samples, capsys)
    assert main(["audit", str(project), "--coder", "ben", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert {e["coder"] for e in entries} == {"ben"} and entries[0]["action"] == "import document"
    assert main(["audit", str(project), "--since", "2000-01-01", "--csv", str(tmp_path / "log.csv")]) == 0
    assert capsys.readouterr().out.strip().endswith(f"written to {tmp_path / 'log.csv'}")
    assert (tmp_path / "log.csv").read_text("utf-8-sig").splitlines()[0].startswith("entry,time (UTC),coder,action")
    args = ["audit", str(project), "--verify", "--key", str(key), "--report", str(tmp_path / "codebook.docx")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Anchor in key file study.annotator-key: matches" in out and "Verdict: no sign of tampering" in out
    db = sqlite3.connect(project)
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute("DELETE FROM audit_log WHERE id > 1")
    db.commit()
    db.close()
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "Anchor in report codebook.docx: CUT SHORT" in out and "audit_log_no_delete" in out
    assert out.strip().endswith("TAMPERING DETECTED.")
    assert main(args + ["--json"]) == 1
    assert json.loads(capsys.readouterr().out)["tampered"] is True


def test_a_bad_date_is_one_line(tmp_path, capsys):
    project = tmp_path / "p.annotator"
    assert main(["new", str(project)]) == 0
    try:
        main(["audit", str(project), "--since", "yesterday"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "is not a date" in capsys.readouterr().err
