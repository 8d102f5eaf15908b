"""A coding's extent can be changed (extend it to take in the selection, or set it to the selection, one undoable
step each); a passage opened from retrieval lands in the middle of the view, not at its bottom edge; mapping a
speaker links the interview in the same step."""

import pytest
from PySide6.QtWidgets import QInputDialog

from annotator.gui.main_window import MainWindow


@pytest.fixture
def window(interview_window):
    return interview_window("Interviewer: How are you paid?\n\nJEN: Mostly a stipend, in cash. Sometimes gift cards.\n",
                            ["Pay"])


def select(window, text):
    start = window.transcript_view.text.index(text)
    window.transcript_view.select_range(start, start + len(text))


def quotes(window):
    return window.service.project.db.execute("SELECT quote, start, \"end\" FROM codings ORDER BY id").fetchall()


def menu_item(window, monkeypatch, text, wanted):
    """Right-click inside `text` and choose the item whose label starts with `wanted`."""
    chosen = []

    def pick(menu, where):
        for action in menu.actions():
            if action.text().startswith(wanted):
                chosen.append(action.text())
                action.trigger()
                return
        raise AssertionError(f"no {wanted!r} in {[a.text() for a in menu.actions()]}")

    monkeypatch.setattr(window.coding, "exec_menu", pick)
    view = window.transcript_view
    offset = view.text.index(text)
    window.coding.show_context_menu(view.viewport().mapToGlobal(view.cursorRect().center()), offset)
    return chosen


def test_extend_and_set_a_coding_to_the_selection(window, monkeypatch):
    pay = window.service.codebook.codebook.by_path("Pay").id
    select(window, "a stipend")
    window.coding.code_selection(pay)
    select(window, "Mostly a stipend, in cash.")
    menu_item(window, monkeypatch, "stipend", "Extend 'Pay' Coding")
    assert quotes(window)[0][0] == "Mostly a stipend, in cash."
    assert window.transcript_view.highlighter.codings[1].quote == "Mostly a stipend, in cash."  # redrawn
    select(window, "gift cards")  # outside the coding: extend takes in what lies between
    menu_item(window, monkeypatch, "stipend", "Extend 'Pay' Coding")
    assert quotes(window)[0][0] == "Mostly a stipend, in cash. Sometimes gift cards"
    select(window, "in cash")
    menu_item(window, monkeypatch, "stipend", "Set 'Pay' Coding to the Selection")
    assert quotes(window)[0][0] == "in cash"
    assert window.undo_action.text() == "&Undo Change extent of 'Pay' coding"
    window.undo_action.trigger()
    assert quotes(window)[0][0] == "Mostly a stipend, in cash. Sometimes gift cards"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert quotes(window)[0][0] == "a stipend"


def test_a_passage_opened_from_retrieval_sits_in_the_middle_of_the_view(qtbot, demo_service):
    window = MainWindow(demo_service)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)  # the first-run panel sizes settle (they reflow the text)
    code = demo_service.codebook.codebook.by_path("Organizational support for peer work > Pay and employment conditions")
    window.code_panel.select_code(code.id)
    passages = window.retrieval_panel.model.passages
    view = window.transcript_view
    for passage in (passages[len(passages) // 2], passages[-1], passages[0]):
        view.verticalScrollBar().setValue(0)
        window.retrieval_panel.open_passage.emit(passage.document_id, passage.start, passage.end)
        qtbot.wait(10)
        top = view.cursorRect(view.textCursor()).top()
        height = view.viewport().height()
        at_end = view.verticalScrollBar().value() in (0, view.verticalScrollBar().maximum())
        assert at_end or height * 0.2 < top < height * 0.8, (top, height)
        assert view.selected_range() == (passage.start, passage.end)


def test_mapping_a_speaker_links_the_interview_and_says_so(qtbot, window, monkeypatch):
    service = window.service
    p01 = service.add_participant("P01")
    assert window.document_model.document_at(0).participant is None
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("P01", True))
    item = next(window.speakers_panel.topLevelItem(i) for i in range(2)
                if window.speakers_panel.topLevelItem(i).text(0) == "JEN")
    window.speakers_panel.itemActivated.emit(item, 0)
    assert window.document_model.document_at(0).participant == "P01"  # People counts see the interview now
    assert "now linked" in window.statusBar().currentMessage()
    assert service.documents()[0].participant == "P01"
    window.undo_action.trigger()  # one step undoes both
    assert service.documents()[0].participant is None
    assert {s.label: s.participant for s in service.speakers(window.current_document)}["JEN"] is None
    assert p01 in {p.id for p in service.participants()}
