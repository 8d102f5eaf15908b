"""The main window driven with qtbot on real temporary projects, asserting on widgets and database rows."""

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QFont, QTextCursor
from PySide6.QtWidgets import QInputDialog, QMessageBox

from annotator.gui.main import open_service
from annotator.gui.main_window import MainWindow
from annotator.services.project_service import ProjectService


def make_window(qtbot, service):
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    return window


def char_weight(view, position):
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 1)  # the format of the character before the cursor
    return cursor.charFormat().fontWeight()


def test_demo_project_opens_with_documents_and_styled_speaker_labels(qtbot, demo_service):
    window = make_window(qtbot, demo_service)
    assert window.document_model.rowCount() == 8
    assert window.current_document is not None
    text = window.transcript_view.toPlainText()
    assert text.startswith("FICTIONAL SAMPLE TRANSCRIPT")
    label_at = text.index("Interviewer: Okay")
    assert char_weight(window.transcript_view, label_at) == QFont.Weight.Bold
    assert char_weight(window.transcript_view, label_at + len("Interviewer: ")) != QFont.Weight.Bold
    assert window.counts_label.text() == "8 documents · 302 turns · 31 codes · 348 codings"
    assert window.speakers_panel.topLevelItemCount() == 2


def test_selecting_a_document_shows_it(qtbot, demo_service):
    window = make_window(qtbot, demo_service)
    third = demo_service.documents()[2]
    window.select_document(third.id)
    assert window.current_document == third.id
    assert window.transcript_view.toPlainText() == demo_service.document_text(third.id)
    labels = [window.speakers_panel.topLevelItem(i).text(0) for i in range(2)]
    assert labels == ["Interviewer", "Dana"]


def test_emoji_before_a_turn_does_not_shift_its_label(qtbot, service, tmp_path):
    path = tmp_path / "emoji.txt"
    path.write_text("Interviewer: 😀😀 hi 🎉\n\nDANA: fine 👍\n\nInterviewer: ok\n\nDANA: bye\n", encoding="utf-8")
    service.import_files([path])
    window = make_window(qtbot, service)
    view = window.transcript_view
    text = view.toPlainText()  # PySide hands back a Python str: code points
    naive = text.index("DANA")
    dana = len(text[:naive].encode("utf-16-le")) // 2  # where Qt has it: three emoji earlier, three units later
    assert dana == naive + 3
    assert all(char_weight(view, dana + i) == QFont.Weight.Bold for i in range(4))
    assert char_weight(view, naive) != QFont.Weight.Bold  # styling at the code-point offset would land here
    cursor = view.textCursor()
    cursor.setPosition(dana)
    cursor.setPosition(dana + 4, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    start, end = view.selected_range()
    assert service.document_text(window.current_document)[start:end] == "DANA"


def test_import_through_the_window_runs_off_the_gui_thread(qtbot, service, samples):
    window = make_window(qtbot, service)
    assert window.import_paths([samples / "01_P01_interview.txt", samples / "03_P03_interview.vtt"]) is not None
    # (the window's own slot says it ended: a waitSignal connected now could come after a quick import's signal)
    qtbot.waitUntil(lambda: window.importer.worker is None, timeout=20000)
    qtbot.waitUntil(lambda: window.document_model.rowCount() == 2)
    assert service.project.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Import: 2 imported")


def test_bad_files_in_a_dropped_batch_are_reported_and_the_rest_imported(qtbot, service, samples, tmp_path):
    window = make_window(qtbot, service)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(empty)), QUrl.fromLocalFile(str(samples / "04_P04_interview.txt"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.importer.worker is None, timeout=20000)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None)
    box = window.findChild(QMessageBox)
    assert box.text() == "1 imported, 1 failed"
    assert "empty.txt: failed, it is empty" in box.detailedText()
    assert [d.name for d in service.documents()] == ["04_P04_interview"]


def test_map_a_speaker_then_undo_and_redo_from_the_edit_menu(qtbot, demo_service, monkeypatch):
    window = make_window(qtbot, demo_service)
    doc = window.current_document
    interviewer = window.speakers_panel.topLevelItem(0)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("P02", True))
    window.speakers_panel._on_map(interviewer)

    def mapped():
        return demo_service.project.db.execute(
            "SELECT p.name FROM speakers s LEFT JOIN participants p ON p.id = s.participant_id "
            "WHERE s.document_id = ? AND s.label = 'Interviewer'", [doc]).fetchone()[0]

    assert mapped() == "P02"
    assert window.speakers_panel.topLevelItem(0).text(2) == "P02"
    assert window.undo_action.text() == "&Undo Map speaker Interviewer"
    window.undo_action.trigger()
    assert mapped() is None and window.speakers_panel.topLevelItem(0).text(2) == ""
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert mapped() == "P02"


def test_locked_project_can_be_opened_read_only(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "shared.annotator"
    holder = ProjectService.create(path)
    try:
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        service = open_service(path)
        window = make_window(qtbot, service)
        assert service.project.readonly
        assert window.windowTitle().endswith("(read-only)")
        assert not window.import_action.isEnabled()
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
        assert open_service(path) is None
    finally:
        holder.close()


def test_no_project_named_opens_the_demo_built_on_first_launch(qtbot, tmp_path, monkeypatch):
    from annotator.gui import main as gui_main

    monkeypatch.setattr(gui_main, "demo_project_path", lambda: tmp_path / "demo.annotator")  # not the real app data
    service = open_service(None)
    try:
        assert service.info()["documents"] == 8
        assert service.path.name == "demo.annotator"
    finally:
        service.close()
    again = open_service(None)  # second launch opens the same file rather than rebuilding it
    assert again.path == service.path
    again.close()
