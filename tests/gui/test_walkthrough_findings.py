"""What a new user's walkthrough of the rebuilt workspace found, each as a test: the layout kept when switching
projects, stripes that never hide each other, paragraph numbers at once, counts that follow new codes, a read-only
window that offers no editing, an import result for every import, review that moves down the list, a bad filter
that clears stale results, plain words in the Edit menu, and file dialogs that start in sensible folders."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from annotator.gui.help_dialogs import ShortcutsDialog
from annotator.gui.theme import luminance
from annotator.services.project_service import ProjectService

TEXT = ("Interviewer: How are you paid?\n\n"
        "JEN: Most of it is overdose response. Like, somebody goes down, you're on it. That part nobody counts.\n")


@pytest.fixture
def window(interview_window):
    return interview_window(TEXT, ["Emotional labour", "Stigma", "Pay"])


def select(window, text):
    start = window.transcript_view.text.index(text)
    window.transcript_view.select_range(start, start + len(text))


def test_switching_projects_keeps_the_transcript_its_room(qtbot, window, tmp_path):
    window.resize(1366, 768)
    qtbot.wait(20)
    before = window.transcript_view.width()
    assert window.switch_to(lambda: ProjectService.create(tmp_path / "other.annotator"))
    qtbot.wait(20)
    assert abs(window.transcript_view.width() - before) <= 8, (before, window.transcript_view.width())


def test_two_codings_on_one_line_get_two_stripes(window):
    book = window.service.codebook.codebook
    select(window, "Most of it is overdose response.")
    first = window.coding.code_selection(book.by_path("Emotional labour").id)
    select(window, "Like, somebody goes down")
    second = window.coding.code_selection(book.by_path("Stigma").id)
    lanes = window.transcript_view.stripes.lanes
    assert lanes[first] != lanes[second]  # same paragraph, same line: side by side, not on top of each other


def test_paragraph_numbers_are_drawn_before_any_scroll(qtbot, window):
    qtbot.waitExposed(window)
    margin = window.transcript_view.paragraphs
    image = margin.grab().toImage()
    background = image.pixelColor(1, image.height() - 2)
    inked = sum(1 for x in range(image.width()) for y in range(0, min(image.height(), 120), 2)
                if abs(luminance(image.pixelColor(x, y)) - luminance(background)) > 0.2)
    assert inked > 5  # the digits are there


def test_the_code_count_follows_a_new_code_at_once(window):
    assert "3 codes" in window.counts_label.text()
    window.service.codebook.add_code("Burnout")
    assert "4 codes" in window.counts_label.text()


def test_a_read_only_window_offers_no_editing(qtbot, open_window, service, tmp_path):
    path = tmp_path / "P01.txt"
    path.write_text(TEXT, encoding="utf-8")
    service.import_files([path])
    service.codebook.add_code("Pay")
    reader = ProjectService.open(service.path, readonly=True)
    window = open_window(reader)
    assert "(read-only)" in window.windowTitle()
    assert not window.quick_box.isEnabled() and not window.import_action.isEnabled()
    code_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Code")
    editing = [a for a in code_menu.actions() if a.property("edits")]
    assert len(editing) >= 5 and not any(a.isEnabled() for a in editing)
    buttons = [b for b in window.code_panel.findChildren(type(window.quick_bar.buttons[0])) if b.property("edits")]
    assert buttons and not any(b.isEnabled() for b in buttons)
    seen = []
    window.coding.exec_menu = lambda menu, where: seen.append([a.text() for a in menu.actions()])
    view = window.transcript_view
    view.select_range(view.text.index("Most"), view.text.index("Most") + 4)
    window.coding.show_context_menu(view.viewport().mapToGlobal(view.cursorRect().center()), view.text.index("Most"))
    assert seen and all(not t.startswith(("Code", "In-Vivo", "Memo", "Uncode", "Redact")) for t in seen[0])
    window.coding.pin(reader.codebook.codebook.by_path("Pay").id, 1)
    window.coding.code_with_key(1)  # a number key: a word in the status bar, no coding, no error box
    assert "read-only" in window.statusBar().currentMessage()
    reader.close()


def test_every_import_ends_with_its_result_per_file(qtbot, open_window, service, samples):
    window = open_window(service)
    assert window.import_paths([samples / "01_P01_interview.txt"]) is not None
    qtbot.waitUntil(lambda: window.importer.worker is None, timeout=20000)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "importReport") is not None)
    box = window.findChild(QMessageBox, "importReport")
    assert box.text() == "1 imported" and "01_P01_interview.txt: imported" in box.informativeText()
    assert "words" in box.informativeText() and "turns" in box.informativeText()


def test_accepting_moves_on_down_the_review_list(demo_window):
    panel, service = demo_window.deid_panel, demo_window.service
    doc = service.documents()[0]
    text = service.document_text(doc.id)
    for word in ("recording", "confidential", "anybody", "whenever"):
        at = text.index(word)
        service.deid.add(doc.id, at, at + len(word), "OTHER")
    panel.view.setCurrentText("Accepted")  # (added by hand, they start accepted; rejecting moves them out)
    assert panel.entities.rowCount() >= 4
    panel.entity_table.selectRow(2)
    third, fourth = panel.entities.rows[2].id, panel.entities.rows[3].id
    panel.reject()
    assert panel.entity_table.currentIndex().row() == 2 and panel.current_entity() == fourth


def test_a_bad_filter_clears_the_passages_it_no_longer_describes(window):
    service = window.service
    select(window, "That part nobody counts.")
    window.coding.code_selection(service.codebook.codebook.by_path("Pay").id)
    panel = window.retrieval_panel
    panel.show_code(service.codebook.codebook.by_path("Pay").id)
    assert panel.model.rowCount() == 1
    panel.who.setText("gendr=male")
    panel.refresh()
    assert panel.model.rowCount() == 0 and "gendr" in panel.summary.text()


def test_headers_stay_plain_and_the_shortcut_filter_takes_the_keys(qtbot, window):
    for table in (window.documents, window.retrieval_panel.table, window.memo_panel.table,
                  window.analysis_panel.matrix.table):
        assert not table.horizontalHeader().highlightSections()
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.filter


def test_memo_undo_names_a_passage_not_a_range(window):
    service = window.service
    start = window.transcript_view.text.index("Most")
    service.codings.add_memo("range", "Busy", document_id=window.current_document, start=start, end=start + 4)
    assert window.undo_action.text() == "&Undo Add memo on passage"


def test_file_dialogs_start_in_sensible_folders(window, monkeypatch, tmp_path):
    asked = []

    def where_it_starts(parent, title, where, *args):
        asked.append(where)
        return "", ""  # and the researcher cancels

    monkeypatch.setattr(QFileDialog, "getSaveFileName", where_it_starts)
    project = window.service.path
    window.reports.start("codebook", window.service)  # no options to ask: straight to where to save
    assert Path(asked[-1]).parent == project.parent  # reports go beside the project by default
    window.keys.create(window.service)
    assert Path(asked[-1]).parent != project.parent  # a key file is never suggested beside its project
    assert Path(asked[-1]).parent != Path.cwd()  # nor the folder the app happened to start in
