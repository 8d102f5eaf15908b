"""The residual scan's list in the real window: known originals and possible identifiers left after Apply, each
opening its passage in the transcript, added as an identifier or dismissed from the keyboard; a clean project says
so in the list itself."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.deid.candidates import entity_key
from annotator.gui.main_window import MainWindow
from annotator.services.demo import build_demo, demo_key_path


@pytest.fixture
def applied(qtbot, demo_service, tmp_path, monkeypatch):
    """The demo with only one name applied, a memo that still names her, and the window on it."""
    deid = demo_service.deid
    deid.detect()
    deid.accept([e.id for e in deid.entities() if e.label == "Louise Tremblay"])
    key_path = tmp_path / "study.annotator-key"
    deid.apply(deid.new_key(), key_path)
    demo_service.codings.add_memo("project", "Louise said she would call")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(key_path), ""))
    window = MainWindow(demo_service)
    qtbot.addWidget(window)
    window.show()
    window.docks["De-identification"].raise_()
    qtbot.waitExposed(window)
    return window


def scan(qtbot, panel):
    panel.residual()
    qtbot.waitUntil(lambda: panel.worker is None and panel.residual_dialog is not None
                    and panel.residual_dialog.isVisible(), timeout=20000)
    return panel.residual_dialog


def row_of(dialog, text):
    return next(i for i, r in enumerate(dialog.model.rows) if r.text == text and r.hit.where == "document")


def test_the_list_opens_each_hit_and_adds_or_dismisses_it(qtbot, applied, monkeypatch):
    window, service = applied, applied.service
    dialog = scan(qtbot, window.deid_panel)
    rows = dialog.model.rows
    assert [r.where for r in rows if r.hit.known] == ["memo"]  # the original name the memo still holds
    assert sum(1 for r in rows if not r.hit.known) > 20  # nothing else was applied: the rules still see plenty
    assert dialog.summary.text().startswith("1 known identifier and ")
    table = dialog.table
    dialog.activateWindow()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    # Enter opens the passage in the transcript
    vandu = row_of(dialog, "VANDU")
    table.selectRow(vandu)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    hit = rows[vandu].hit
    assert window.current_document == hit.document_id
    assert window.transcript_view.textCursor().selectedText() == "VANDU"
    assert dialog.isVisible()  # (the list passes Enter on to the dialog: it must not press Close)
    qtbot.waitUntil(table.hasFocus)  # the list keeps the keys
    # A adds it as an identifier of its type: accepted, every row of the same words done, the list moves on
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert {e.status for e in service.deid.entities() if e.label == "VANDU"} == {"accepted"}
    done = [r for r in dialog.model.rows if r.text == "VANDU"]
    assert len(done) >= 2 and all(r.done == f"added as {hit.type.lower()}" for r in done)
    assert not dialog.model.rows[table.currentIndex().row()].done
    # D dismisses a possible one: a rejected entity, and the next scan passes over it
    word = dialog.model.rows[table.currentIndex().row()].text
    qtbot.keyClick(table, Qt.Key.Key_D)
    assert "rejected" in {e.status for e in service.deid.entities() if entity_key(e.label) == entity_key(word)}
    dialog.scan_again.emit()
    qtbot.waitUntil(lambda: window.deid_panel.worker is None)
    again = dialog.model.rows
    assert again and not any(entity_key(r.text) == entity_key(word) for r in again)
    assert any(r.text == "VANDU" and not r.done for r in again)  # accepted, but in the text until Apply
    # the memo's hit cannot be opened in a transcript: the list says where it is
    table.selectRow(next(i for i, r in enumerate(again) if r.hit.known))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert dialog.summary.text() == "This one is in a memo: change it there."
    # Apply changes the text: the list says its places no longer hold
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.deid_panel.apply()
    assert "VANDU" not in service.document_text(hit.document_id)
    assert dialog.summary.text().startswith("The text has changed since this scan")
    table.selectRow(next(i for i, r in enumerate(dialog.model.rows) if not r.done and not r.hit.known))
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert dialog.summary.text() == "The text has changed since this scan: Scan Again first."


def test_a_clean_project_says_so_in_the_list(qtbot, tmp_path, monkeypatch):
    service, _ = build_demo(tmp_path / "clean.annotator")  # de-identified with its own identifier list
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(demo_key_path(tmp_path / "clean.annotator")), ""))
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    dialog = scan(qtbot, window.deid_panel)
    assert dialog.model.rowCount() == 0
    assert dialog.summary.text() == "Nothing left: no known identifier, and nothing that still looks like one."


def test_before_any_apply_the_scan_needs_no_key(qtbot, demo_service):
    window = MainWindow(demo_service)
    qtbot.addWidget(window)
    window.show()
    dialog = scan(qtbot, window.deid_panel)  # no key file asked for: there is none yet
    assert window.keys.key is None
    assert dialog.model.rows and not any(r.hit.known for r in dialog.model.rows)


def test_while_the_scan_runs_the_window_says_it_is_the_residual_scan_it_waits_for(qtbot, applied, monkeypatch):
    import threading

    release = threading.Event()
    service = applied.service
    monkeypatch.setattr(service.deid, "residual", lambda *a, **k: release.wait(60) and [])
    shown = []
    monkeypatch.setattr(applied, "_show_error", shown.append)
    panel = applied.deid_panel
    panel.residual()
    try:
        assert applied.busy_with() == "residual scan"
        assert applied.switch_to(lambda: service) is False
        assert shown == ["Wait for the residual scan to finish before opening another project."]
    finally:
        release.set()
        qtbot.waitUntil(lambda: panel.worker is None, timeout=20000)
    assert applied.busy_with() is None
