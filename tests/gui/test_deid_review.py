"""A de-identification review session driven through the real window: detect with progress, review with the
keyboard, add a missed name from the transcript, apply with a new key file, redact on a selection, residual scan
(tests/gui/test_deid_residual.py has its list; test_deid_review_table.py the table, its filters and keys)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from annotator.deid.keyfile import load_key
from annotator.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_service):
    w = MainWindow(demo_service)
    qtbot.addWidget(w)
    w.show()
    w.deid_panel.parentWidget().raise_()  # its tab, beside Retrieval
    qtbot.waitExposed(w)
    return w


def run_detection(qtbot, window):
    panel = window.deid_panel
    panel.detect()
    # (not waitSignal on the worker's finished: it can finish before the wait is connected)
    qtbot.waitUntil(lambda: panel.worker is None, timeout=60000)


def select_entity(panel, label):
    row = next(i for i, e in enumerate(panel.entities.rows) if e.label == label)
    panel.entity_table.selectRow(row)
    return panel.entities.rows[row]


def test_review_session_from_detection_to_applied_key(qtbot, window, monkeypatch, tmp_path):
    panel, service = window.deid_panel, window.service
    run_detection(qtbot, window)
    assert panel.entities.rowCount() > 80 and "to review" in panel.summary.text()
    louise = select_entity(panel, "Louise Tremblay")
    assert panel.mentions.rowCount() == louise.mentions
    assert "Louise" in panel.mentions.data(panel.mentions.index(0, 3))  # the mention whole, in its own column
    assert "Louise Tremblay" in panel.mentions.data(panel.mentions.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    # keyboard: R rejects, A accepts, on the entity table
    hastings = select_entity(panel, "Hastings")
    window.activateWindow()
    panel.entity_table.setFocus()
    qtbot.waitUntil(panel.entity_table.hasFocus)
    qtbot.keyClick(panel.entity_table, Qt.Key.Key_R)
    assert next(e for e in service.deid.entities() if e.id == hastings.id).status == "rejected"
    window.undo_action.trigger()
    assert next(e for e in service.deid.entities() if e.id == hastings.id).status == "suggested"
    select_entity(panel, "Louise Tremblay")
    qtbot.keyClick(panel.entity_table, Qt.Key.Key_A)
    assert next(e for e in service.deid.entities() if e.id == louise.id).status == "accepted"
    # a name detection missed, selected in the transcript and added
    doc = next(d for d in service.documents() if d.participant == "P04")
    window.select_document(doc.id)
    start = window.transcript_view.text.index("Esquimalt")
    window.transcript_view.select_range(start, start + len("Esquimalt"))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Place", True))
    panel.add_selection()
    assert any(e.label == "Esquimalt" and e.status == "accepted" for e in service.deid.entities())
    # opening a mention selects it in the transcript
    panel.view.setCurrentText("Accepted")
    assert {e.status for e in panel.entities.rows} == {"accepted"}
    louise_row = select_entity(panel, "Louise Tremblay")
    panel.mention_table.activated.emit(panel.mentions.index(0, 0))
    assert window.transcript_view.textCursor().selectedText() == "Louise Tremblay" and louise_row
    # apply: create the key file on the way
    key_path = tmp_path / "study.annotator-key"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(key_path), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("passphrase", True))
    panel.apply()
    assert key_path.exists() and "Replaced" in panel.summary.text()
    assert "Esquimalt" not in window.transcript_view.text  # the open transcript shows the new text
    key = load_key(key_path, "passphrase")
    assert {"Louise Tremblay", "Esquimalt"} <= {o for e in key.entities for o in e.originals}
    # redact on a selection, with the key already open
    window.select_document(doc.id)
    text = window.transcript_view.text
    at = text.index("Darren")
    window.transcript_view.select_range(at, at + len("Darren"))
    window.coding.redact_requested.emit("PERSON")
    assert "Darren" not in window.transcript_view.text
    assert "Darren" in {o for e in load_key(key_path, "passphrase").entities for o in e.originals}


def test_residual_scan_reports_what_is_left(qtbot, window, monkeypatch, tmp_path):
    panel, service = window.deid_panel, window.service
    run_detection(qtbot, window)
    select_entity(panel, "Louise Tremblay")
    panel.accept()
    key_path = tmp_path / "k.annotator-key"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(key_path), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    panel.apply()
    service.codings.add_memo("project", "Louise said she would call")
    panel.residual()
    qtbot.waitUntil(lambda: panel.residual_dialog is not None and panel.residual_dialog.isVisible())
    rows = panel.residual_dialog.model.rows
    assert [(r.where, r.hit.known) for r in rows if r.hit.known] == [("memo", True)]
    assert panel.residual_dialog.summary.text().startswith("1 known identifier and ")


def test_identifier_list_and_originals_shown_while_the_key_is_open(qtbot, window, monkeypatch, tmp_path):
    from annotator.gui.identifier_list_dialog import IdentifierListDialog

    panel = window.deid_panel
    key_path = tmp_path / "k.annotator-key"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(key_path), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))

    def fill(dialog):
        dialog.add_row("Wayne", "PERSON")
        return IdentifierListDialog.DialogCode.Accepted

    monkeypatch.setattr(IdentifierListDialog, "exec", fill)
    panel.edit_identifiers()
    assert [i["text"] for i in load_key(key_path).identifiers] == ["Wayne"]
    run_detection(qtbot, window)
    wayne = select_entity(panel, "Wayne")
    assert {m.reason for m in window.service.deid.mentions(wayne.id)} == {"identifier list"}
    panel.accept()
    panel.apply()
    panel.view.setCurrentText("Applied")
    assert panel.entities.rows[0].label == ""  # the project has forgotten the original...
    assert panel.entities.data(panel.entities.index(0, 0)) == "Wayne"  # ...but the open key file knows it


def test_detection_in_the_worker_touches_widgets_only_from_the_gui_thread(qtbot, window):
    from PySide6.QtCore import QThread

    threads = []
    original = window._update_undo_actions
    window._relay.history_changed.disconnect()
    window._relay.history_changed.connect(lambda: (threads.append(QThread.currentThread()), original()))
    run_detection(qtbot, window)
    qtbot.waitUntil(lambda: bool(threads))
    assert all(t is window.thread() for t in threads)
    assert window.undo_action.text() == "&Undo Detect identifiers"
