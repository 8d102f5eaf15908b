"""Issue 13, point 15: the one-page data handling summary — where the project and key are, encryption, backups,
de-identification state, the residual scan and the audit check — from the service (and so the GUI and the CLI)."""

import zipfile

from annotator.cli import main
from annotator.core.audit_anchor import AuditAnchor


def _deidentified(service, tmp_path, samples):
    service.import_files([samples / "01_P01_interview.txt"])
    key, key_path = service.deid.new_key(), tmp_path / "study.annotator-key"
    service.deid.set_identifiers(key, key_path, [("Dana Lachance", "PERSON"), ("Dana", "PERSON")])
    service.deid.detect(key)
    service.deid.accept_all()
    service.deid.apply(key, key_path)
    return key, key_path


def test_the_summary_says_where_everything_is_and_what_to_look_at(service, tmp_path, samples):
    key, key_path = _deidentified(service, tmp_path, samples)
    summary = service.reports.data_handling(key, key_path)
    facts = {title: dict(rows) for title, rows in summary.sections}
    assert facts["Project file"]["Where"] == str(service.path.resolve())
    assert facts["Project file"]["Permissions"] == "owner only (0600)"
    assert facts["Key file (the originals behind the pseudonyms)"]["Where"] == str(key_path.resolve())
    assert facts["Key file (the originals behind the pseudonyms)"]["Matches the project"] == "yes"
    assert facts["Backups"]["Holding originals"].startswith("1 backup")
    assert facts["De-identification"]["Last applied"] != "never"
    assert facts["Residual scan"]["Result"] == "no known original is left anywhere in the project"
    assert facts["Audit log"]["Check"] == "no sign of tampering"
    encrypted = service.project.encrypted
    assert any("still holds the originals" in c for c in summary.concerns)
    assert any("not locked" in c for c in summary.concerns)
    assert any("not encrypted" in c for c in summary.concerns) != encrypted
    text = "\n".join(summary.lines())
    assert "Dana" not in text and "Lachance" not in text  # facts only: never a name


def test_without_the_key_the_residual_scan_is_said_not_to_have_run(service, tmp_path, samples):
    _deidentified(service, tmp_path, samples)
    facts = {title: dict(rows) for title, rows in service.reports.data_handling().sections}
    assert facts["Residual scan"]["Result"].startswith("not run")
    assert facts["Key file (the originals behind the pseudonyms)"]["Where"].startswith("not given")


def test_the_word_summary_and_the_command(service, tmp_path, samples, capsys, monkeypatch):
    monkeypatch.delenv("ANNOTATOR_KEY_PASSPHRASE", raising=False)
    key, key_path = _deidentified(service, tmp_path, samples)
    service.reports.data_handling_report(tmp_path / "summary.docx", key=key, key_path=key_path)
    with zipfile.ZipFile(tmp_path / "summary.docx") as docx:
        body = docx.read("word/document.xml").decode()
        anchor = AuditAnchor.parse(docx.read("docProps/core.xml").decode())
    assert "Data handling summary" in body and "Residual scan" in body and "Lachance" not in body
    assert anchor == service.audit.head()
    path, passphrase = service.path, service.project.passphrase
    service.close()
    if passphrase:
        monkeypatch.setenv("ANNOTATOR_PROJECT_PASSPHRASE", passphrase)
    assert main(["report", "data-handling", str(path), str(tmp_path / "s.docx"), "--key", str(key_path)]) == 0
    out = capsys.readouterr().out
    assert "Residual scan\n  Result: no known original is left" in out and out.strip().endswith("s.docx")
    assert main(["report", "data-handling", str(path), str(tmp_path / "s.pdf")]) == 1
