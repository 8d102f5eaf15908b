"""Coding without a mouse: select in the transcript with the keyboard (Shift+arrows, a sentence, paragraph or turn
at a time), code by number key, quick-code box or codebook, open the transcript's menu with the Menu key, move
between panels with Ctrl+1..8 and Tab (which no table swallows), and find every shortcut in Help."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from annotator.gui.help_dialogs import ShortcutsDialog, shortcut_rows

TEXT = ("Interviewer: How are you paid?\n\n"
        "JEN: Mostly a stipend, in cash. Sometimes gift cards! Never a cheque.\n"
        "It depends on the month.\n\n"
        "Interviewer: And training?\n\n"
        "JEN: Two days of training. That was it.\n")


@pytest.fixture
def window(qtbot, interview_window):
    w = interview_window(TEXT, ["Pay", "Training"])
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def caret_at(window, text):
    view = window.transcript_view
    cursor = view.textCursor()
    cursor.setPosition(view.positions.to_qt(view.text.index(text)))
    view.setTextCursor(cursor)
    view.setFocus()


def selected(window):
    selection = window.transcript_view.selected_range()
    return window.transcript_view.text[selection[0]:selection[1]] if selection else ""


def codings(window):
    return window.service.project.db.execute("SELECT quote FROM codings ORDER BY id").fetchall()


def ctrl_shift(qtbot, widget, key):
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_shift_arrows_select_in_the_read_only_transcript(qtbot, window):
    caret_at(window, "stipend")
    view = window.transcript_view
    for _ in range(7):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert selected(window) == "stipend"
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    assert selected(window).startswith("stipend,")
    assert view.toPlainText() == view.text == window.service.document_text(window.current_document)  # read-only


def test_sentence_paragraph_and_turn_from_the_keyboard(qtbot, window):
    view = window.transcript_view
    caret_at(window, "stipend")
    ctrl_shift(qtbot, view, Qt.Key.Key_S)
    assert selected(window) == "Mostly a stipend, in cash."
    ctrl_shift(qtbot, view, Qt.Key.Key_S)  # again: one more sentence
    assert selected(window) == "Mostly a stipend, in cash. Sometimes gift cards!"
    caret_at(window, "cash")
    ctrl_shift(qtbot, view, Qt.Key.Key_P)  # the paragraph, without the speaker's label
    assert selected(window) == "Mostly a stipend, in cash. Sometimes gift cards! Never a cheque."
    ctrl_shift(qtbot, view, Qt.Key.Key_P)  # again: the next paragraph too
    assert selected(window) == "Mostly a stipend, in cash. Sometimes gift cards! Never a cheque.\nIt depends on the month."
    ctrl_shift(qtbot, view, Qt.Key.Key_P)  # and again: over the blank line, into the next paragraph with words
    assert selected(window).endswith("Interviewer: And training?")
    caret_at(window, "depends")
    ctrl_shift(qtbot, view, Qt.Key.Key_S)
    ctrl_shift(qtbot, view, Qt.Key.Key_S)  # the last sentence of the turn: it never grows into the next turn
    assert selected(window) == "It depends on the month."
    caret_at(window, "Never")
    ctrl_shift(qtbot, view, Qt.Key.Key_T)  # the speech of the turn, without its label
    assert selected(window) == "Mostly a stipend, in cash. Sometimes gift cards! Never a cheque.\nIt depends on the month."


def test_code_a_sentence_by_number_key_without_touching_the_mouse(qtbot, window):
    view = window.transcript_view
    window.coding.pin(window.service.codebook.codebook.by_path("Training").id, 4)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Ctrl+2: the transcript
    assert QApplication.focusWidget() is view
    caret_at(window, "That was")
    ctrl_shift(qtbot, view, Qt.Key.Key_S)
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert codings(window) == [("That was it.",)]


def test_code_from_the_quick_box_and_from_the_codebook_by_keyboard(qtbot, window):
    view = window.transcript_view
    caret_at(window, "Two days")
    ctrl_shift(qtbot, view, Qt.Key.Key_S)
    qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.quick_box
    qtbot.keyClicks(window.quick_box, "trai")
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Return)
    assert codings(window) == [("Two days of training.",)]
    assert QApplication.focusWidget() is view  # back to the transcript, selection kept for the next code
    qtbot.keyClick(view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # Ctrl+3: the codebook
    tree = window.code_panel.tree
    assert QApplication.focusWidget() is tree
    tree.setCurrentIndex(window.code_panel.proxy.index(0, 0))  # "Pay"
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert codings(window) == [("Two days of training.",), ("Two days of training.",)]


def test_menu_key_opens_the_menu_for_the_caret(qtbot, window, monkeypatch):
    seen = []
    monkeypatch.setattr(window.coding, "exec_menu", lambda menu, where: seen.append([a.text() for a in menu.actions()]))
    caret_at(window, "Two days")
    view = window.transcript_view
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(1, 1), view.viewport().mapToGlobal(QPoint(1, 1)))
    QApplication.sendEvent(view.viewport(), event)
    assert seen and "Code JEN's Whole Turn As" in seen[0]  # the turn at the caret, not at the top-left corner


def test_tab_leaves_tables_and_ctrl_numbers_go_to_panels(qtbot, window):
    table = window.documents
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    for key, widget in ((Qt.Key.Key_4, window.retrieval_panel.table), (Qt.Key.Key_7, window.participants_panel.table),
                        (Qt.Key.Key_8, window.memo_panel.table)):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is widget
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not widget


def test_help_lists_every_shortcut(qtbot, window):
    rows = shortcut_rows(window)
    keys = {row[1] for row in rows}
    for expected in ("Ctrl+K", "Ctrl+M", "Ctrl+Shift+S", "Ctrl+Shift+P", "Ctrl+Shift+T", "Ctrl+1", "Ctrl+8",
                     "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+F", "Ctrl+,", "1 … 9"):
        assert expected in keys, expected
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    dialog.filter.setText("sentence")
    visible = [r for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]
    assert [dialog.table.item(r, 1).text() for r in visible] == ["Ctrl+Shift+S"]
