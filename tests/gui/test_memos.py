"""Memos can be reopened, edited and deleted: Ctrl+M on the same passage opens its memo (it used to start another),
a click on a passage's mark opens it, Ctrl+Enter saves, and the Memos panel lists every memo, searchable, with
open, go to and delete (undoable)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from annotator.gui.code_dialogs import MemoDialog


@pytest.fixture
def window(interview_window):
    return interview_window("Interviewer: How are you paid?\n\nJEN: Mostly a stipend, in cash. Sometimes gift cards.\n\n"
                            "Interviewer: And training?\n\nJEN: Two days of training. That was it.\n", ["Pay"])


class Writer:
    """Stands in for the person at the memo window: records what it showed, then types and chooses."""

    def __init__(self, monkeypatch, window):
        self.seen: list[tuple[str, str]] = []
        self.reply: tuple[int, str] | None = None
        monkeypatch.setattr(window.memos, "run_dialog", self.run)

    def run(self, dialog: MemoDialog) -> int:
        self.seen.append((dialog.title.text(), dialog.body.toPlainText()))
        result, body = self.reply
        if body is not None:
            dialog.body.setPlainText(body)
        return result


def select(window, text):
    start = window.transcript_view.text.index(text)
    window.transcript_view.select_range(start, start + len(text))
    return start


def memos(window):
    return window.service.project.db.execute("SELECT target, body FROM memos ORDER BY id").fetchall()


def test_the_same_passage_reopens_its_memo_and_a_click_on_its_mark_opens_it(window, monkeypatch):
    writer = Writer(monkeypatch, window)
    start = select(window, "Two days of training.")
    writer.reply = (QDialog.DialogCode.Accepted, "Short compared with P04")
    window.memo_on_selection()
    select(window, "Two days of training. ")  # the same passage (a trailing space is trimmed)
    writer.reply = (QDialog.DialogCode.Accepted, "Short compared with P04 and P06")
    window.memo_on_selection()
    assert writer.seen[-1] == ("", "Short compared with P04")  # the memo it had, not an empty new one
    assert memos(window) == [("range", "Short compared with P04 and P06")]
    view = window.transcript_view
    block = view.document().findBlock(view.positions.to_qt(start)).blockNumber()
    writer.reply = (QDialog.DialogCode.Rejected, None)
    view.paragraphs.memo_clicked.emit(block)  # a click on the ✎ in the margin
    assert writer.seen[-1][1] == "Short compared with P04 and P06"
    cursor = view.textCursor()
    cursor.setPosition(view.positions.to_qt(start + 3))  # no selection, the caret inside the passage: Ctrl+M opens it
    view.setTextCursor(cursor)
    window.memo_on_selection()
    assert len(writer.seen) == 4 and writer.seen[-1][1] == "Short compared with P04 and P06"
    writer.reply = (MemoDialog.DELETE, None)
    window.memo_on_selection()
    assert memos(window) == [] and view.paragraphs.memo_blocks == {}
    window.undo_action.trigger()
    assert memos(window) == [("range", "Short compared with P04 and P06")]


def test_ctrl_enter_saves_the_memo(qtbot, window):
    dialog = MemoDialog("Memo", parent=window, existing=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.body.setPlainText("A thought")
    dialog.body.setFocus()
    qtbot.keyClick(dialog.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


def test_the_memos_panel_lists_searches_opens_goes_to_and_deletes(qtbot, window, monkeypatch):
    service = window.service
    writer = Writer(monkeypatch, window)
    pay = service.codebook.codebook.by_path("Pay").id
    select(window, "Mostly a stipend")
    coding = window.coding.code_selection(pay)
    service.codings.add_memo("project", "Coding unit: the sentence")
    service.codings.add_memo("code", "Pay covers stipends and gift cards", code_id=pay)
    service.codings.add_memo("coding", "Cash, as P03 said too", coding_id=coding)
    passage = select(window, "That was it.")
    service.codings.add_memo("range", "Dismissive?", document_id=window.current_document, start=passage,
                             end=passage + len("That was it."))
    p = service.add_participant("P01")
    service.codings.add_memo("participant", "Recruited through the drop-in", participant_id=p)
    panel = window.memo_panel
    assert panel.model.rowCount() == 5
    kinds = [panel.model.data(panel.model.index(r, 0)) for r in range(5)]
    assert sorted(kinds) == ["Code", "Coding", "Participant", "Passage", "Project"]
    about = {panel.model.data(panel.model.index(r, 0)): panel.model.data(panel.model.index(r, 1)) for r in range(5)}
    assert about["Passage"] == "P01: “That was it.”" and about["Code"] == "Pay"
    panel.search.setText("stipends")
    assert panel.proxy.rowCount() == 1 and panel.summary.text() == "1 of 5 memos"
    panel.search.setText("")
    # go to the passage memo: the transcript selects the passage
    window.transcript_view.select_range(0, 1)
    panel.select(service.codings.memos("range", window.current_document)[0].id)
    panel.go_to_current()
    assert window.transcript_view.textCursor().selectedText() == "That was it."
    # open one to edit it
    writer.reply = (QDialog.DialogCode.Accepted, "Dismissive, or tired?")
    panel.open_current()
    assert service.codings.memos("range", window.current_document)[0].body == "Dismissive, or tired?"
    # Delete key deletes the current memo, undo brings it back
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert panel.model.rowCount() == 4 and service.codings.memos("range", window.current_document) == []
    window.undo_action.trigger()
    assert panel.model.rowCount() == 5


def test_ctrl_m_with_the_caret_in_a_coding_opens_the_coding_memo(window, monkeypatch):
    writer = Writer(monkeypatch, window)
    service = window.service
    start = select(window, "Mostly a stipend")
    coding = window.coding.code_selection(service.codebook.codebook.by_path("Pay").id)
    view = window.transcript_view
    cursor = view.textCursor()
    cursor.setPosition(view.positions.to_qt(start + 3))
    view.setTextCursor(cursor)
    writer.reply = (QDialog.DialogCode.Accepted, "Cash matters")
    window.memo_on_selection()
    assert service.codings.memos("coding", coding)[0].body == "Cash matters"


def test_escape_with_unsaved_text_asks_first(qtbot, window, monkeypatch):
    dialog = MemoDialog("Memo", parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.body.setPlainText("Half a thought")
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(dialog, "ask_about_changes", lambda: answers[-1])
    dialog.reject()  # what Escape does
    assert dialog.isVisible()  # Cancel: keep writing
    answers.append(QMessageBox.StandardButton.Save)
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.body.toPlainText() == "Half a thought"
    untouched = MemoDialog("Memo", "T", "B", window, existing=True)
    qtbot.addWidget(untouched)
    untouched.show()
    untouched.reject()  # nothing changed: no question, just closes
    assert untouched.result() == QDialog.DialogCode.Rejected and not untouched.isVisible()
