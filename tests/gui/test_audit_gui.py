"""Issue 13, point 15 in the real window: Reports > Audit Log shows who did what and when with its counts, filters
by coder, action and date, exports CSV for an ethics board and checks the log for tampering (off the GUI thread);
Reports > Data Handling Summary writes the one-page summary."""

import csv
import shutil
import sqlite3

import docx
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.gui.audit_dialog import AuditLogDialog
from annotator.services.project_service import ProjectService


def _menu_action(window, menu_title: str, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == menu_title)
    return next(a for a in menu.actions() if a.text().replace("&", "").startswith(text))


def _two_coders(service, samples):
    service.import_files([samples / "01_P01_interview.txt"])
    service.codebook.add_code("Stigma")
    service.set_coder("ben")
    service.codebook.add_code("Support")
    service.codebook.add_code("Burnout")


def _dialog(window, qtbot) -> AuditLogDialog:
    _menu_action(window, "Reports", "Audit Log").trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(AuditLogDialog)))
    return next(d for d in window.findChildren(AuditLogDialog) if d.isVisible())


def test_the_audit_log_filters_and_exports_for_an_ethics_board(qtbot, open_window, service, samples, tmp_path,
                                                               monkeypatch):
    _two_coders(service, samples)
    window = open_window(service)
    dialog = _dialog(window, qtbot)
    rows = service.project.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert dialog.model.rowCount() == rows and dialog.shown.text().startswith(f"{rows} entries shown")
    assert [dialog.model.index(r, 3).data() for r in range(rows)][-1] == "create project"  # newest first
    dialog.coder.setCurrentText("ben")
    assert dialog.model.rowCount() == 2 and {dialog.model.index(r, 2).data() for r in range(2)} == {"ben"}
    assert dialog.shown.text() == "2 entries shown: add code 2."
    dialog.coder.setCurrentText("All")
    dialog.action.setCurrentText("import document")
    assert dialog.model.rowCount() == 1 and "speaker turns=" in dialog.model.index(0, 5).data()
    dialog.action.setCurrentText("All")
    dialog.since.setDate(QDate.currentDate().addDays(1))
    assert dialog.model.rowCount() == 0 and not dialog.export_button.isEnabled()
    dialog.since.setDate(QDate(2000, 1, 1))  # "Any"
    assert dialog.since.text() == "Any" and dialog.model.rowCount() == rows
    out = tmp_path / "log.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    lines = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert len(lines) == rows + 1 and lines[1][3] == "create project" and lines[-1][2] == "ben"
    assert dialog.shown.text().endswith(f"written to {out}.")


def test_check_for_tampering_reports_a_log_cut_short(qtbot, open_window, tmp_path, samples):
    path, tampered = tmp_path / "study.annotator", tmp_path / "tampered.annotator"
    service = ProjectService.create(path, coder="ana")
    _two_coders(service, samples)
    service.backups.take("periodic")  # an anchor outside the project
    service.close()
    shutil.copy(path, tampered)
    shutil.copytree(tmp_path / "study.annotator-backups", tmp_path / "tampered.annotator-backups")
    db = sqlite3.connect(tampered)
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute("DELETE FROM audit_log WHERE id > 2")
    db.commit()
    db.close()
    window = open_window(ProjectService.open(path, backup=False))
    dialog = _dialog(window, qtbot)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Verdict" in dialog.check_result.text(), timeout=20000)
    assert "no sign of tampering" in dialog.check_result.text()
    dialog.close()
    assert window.switch_to(lambda: ProjectService.open(tampered, backup=False))
    dialog = _dialog(window, qtbot)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Verdict" in dialog.check_result.text(), timeout=20000)
    text = dialog.check_result.text()
    assert "TAMPERING DETECTED" in text and "CUT SHORT" in text and "audit_log_no_delete" in text
    assert dialog.check_button.isEnabled()


def test_check_reports_compares_the_log_with_a_report_written_from_it(qtbot, open_window, service, samples,
                                                                      tmp_path, monkeypatch):
    _two_coders(service, samples)
    service.reports.codebook_report(tmp_path / "codebook.docx")
    window = open_window(service)
    dialog = _dialog(window, qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(tmp_path / "codebook.docx")], ""))
    qtbot.mouseClick(dialog.check_reports_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Verdict" in dialog.check_result.text(), timeout=20000)
    assert "Anchor in report codebook.docx: matches" in dialog.check_result.text()


def test_the_data_handling_summary_from_the_reports_menu(qtbot, open_window, service, samples, tmp_path,
                                                         monkeypatch):
    _two_coders(service, samples)
    window = open_window(service)
    out = tmp_path / "summary.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    _menu_action(window, "Reports", "Data Handling Summary").trigger()
    qtbot.waitUntil(lambda: window.reports.worker is None, timeout=60000)  # (a waitSignal could be too late)
    qtbot.waitUntil(lambda: any(b.text().startswith("Wrote summary.docx") for b in window.findChildren(QMessageBox)))
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Data handling summary" in texts and "Residual scan" in texts
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert str(service.path.resolve()) in cells
