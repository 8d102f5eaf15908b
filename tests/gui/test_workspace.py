"""The coding workspace driven with qtbot: code a selection every way, see highlight and stripe, undo and redo,
reorganise, merge and delete codes, retrieve and jump, search; asserting on widgets and database rows."""

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from annotator.gui.code_dialogs import MemoDialog
from annotator.gui.code_tree_model import CODE_MIME
from annotator.gui.main_window import MainWindow


@pytest.fixture
def workspace(qtbot, service, tmp_path):
    path = tmp_path / "P01.txt"
    path.write_text("Interviewer: How are you paid?\n\nJEN: 😀 Mostly a stipend, in cash. Sometimes gift cards.\n\n"
                    "Interviewer: And training?\n\nJEN: Two days of training. That was it.\n", encoding="utf-8")
    service.import_files([path])
    theme = service.codebook.add_code("Pay")
    stipend = service.codebook.add_code("Stipend pay", theme)
    training = service.codebook.add_code("Training")
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, service, {"theme": theme, "stipend": stipend, "training": training}


def select(window, text):
    view = window.transcript_view
    start = view.text.index(text)
    view.select_range(start, start + len(text))
    return start, start + len(text)


def rows(service, sql="SELECT code_id, quote FROM codings ORDER BY id"):
    return service.project.db.execute(sql).fetchall()


def background_at(window, offset):
    """The highlight colour of the character at a code-point offset, or None."""
    cursor = QTextCursor(window.transcript_view.document())
    cursor.setPosition(window.transcript_view.positions.to_qt(offset) + 1)
    brush = cursor.charFormat().background()
    return None if brush.style() == Qt.BrushStyle.NoBrush else brush.color()


def tree_index(window, code_id):
    panel = window.code_panel
    return panel.proxy.mapFromSource(panel.model.index_of(code_id))


def test_double_click_a_code_codes_the_selection_with_highlight_and_stripe(workspace, qtbot):
    window, service, codes = workspace
    start, end = select(window, "Mostly a stipend, in cash.")
    window.code_panel.tree.activated.emit(tree_index(window, codes["stipend"]))
    assert rows(service) == [(codes["stipend"], "Mostly a stipend, in cash.")]
    assert background_at(window, start) is not None and background_at(window, end - 1) is not None
    assert background_at(window, end + 1) is None and background_at(window, start - 2) is None
    assert [c.quote for c in window.transcript_view.stripes.codings] == ["Mostly a stipend, in cash."]
    window.undo_action.trigger()
    assert rows(service) == [] and window.transcript_view.stripes.codings == []
    assert background_at(window, start) is None
    assert window.redo_action.text() == "&Redo Code passage as 'Stipend pay'"
    window.redo_action.trigger()
    assert len(rows(service)) == 1 and len(window.transcript_view.stripes.codings) == 1


def test_emoji_before_a_coding_does_not_shift_its_highlight(workspace):
    window, service, codes = workspace
    start, end = select(window, "stipend")
    window.coding.code_selection(codes["stipend"])
    view = window.transcript_view
    qt_start = view.positions.to_qt(start)
    assert qt_start == start + 1  # the emoji before it is two UTF-16 units
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt_start)
    cursor.setPosition(view.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "stipend"
    assert background_at(window, start) is not None and background_at(window, end - 1) is not None
    assert background_at(window, start - 1) is None and background_at(window, end) is None


def test_drag_a_selection_onto_a_code(workspace, qtbot):
    window, service, codes = workspace
    select(window, "Sometimes gift cards.")
    tree = window.code_panel.tree
    rect = tree.visualRect(tree_index(window, codes["stipend"]))
    mime = QMimeData()
    mime.setText("Sometimes gift cards.")
    event = QDropEvent(QPointF(rect.center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    tree.dropEvent(event)
    assert rows(service) == [(codes["stipend"], "Sometimes gift cards.")]


def test_quick_code_box_finds_a_code_or_creates_one(workspace, qtbot):
    window, service, codes = workspace
    select(window, "Two days of training.")
    qtbot.keyClicks(window.quick_box, "training")
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Return)
    assert rows(service) == [(codes["training"], "Two days of training.")]
    assert window.quick_box.text() == ""
    select(window, "That was it.")
    qtbot.keyClicks(window.quick_box, "Pay > Too little")
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Return)
    book = service.codebook.codebook
    new = book.by_path("Pay > Too little")
    assert new is not None and rows(service)[-1] == (new.id, "That was it.")


def test_number_keys_code_with_the_code_pinned_to_them(workspace, qtbot):
    window, service, codes = workspace
    select(window, "Mostly a stipend")
    window.coding.code_selection(codes["stipend"])  # a free key: Stipend pay takes 1
    select(window, "Two days")
    window.coding.code_selection(codes["training"])  # and Training takes 2, for good
    assert [b.text() for b in window.quick_bar.buttons] == ["1  Stipend pay", "2  Training"]
    select(window, "gift cards")
    window.transcript_view.setFocus()
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_1)
    assert rows(service)[-1] == (codes["stipend"], "gift cards")


def test_context_menu_codes_turns_in_vivo_and_uncodes(workspace, qtbot, monkeypatch):
    window, service, codes = workspace
    select(window, "Mostly a stipend")
    window.coding.code_selection(codes["stipend"])
    chosen = []

    def pick(menu, where):
        for action in menu.actions():
            targets = [action, *(action.menu().actions() if action.menu() else [])]
            for candidate in targets:
                if candidate.text() == chosen[0]:
                    candidate.trigger()
                    return candidate
        raise AssertionError(f"no menu item {chosen[0]!r} in {[a.text() for a in menu.actions()]}")

    monkeypatch.setattr(window.coding, "exec_menu", pick)
    view = window.transcript_view
    cursor = view.textCursor()
    cursor.clearSelection()  # no selection: the menu is about the turn under the mouse
    view.setTextCursor(cursor)
    where = view.viewport().mapToGlobal(view.cursorRect(view.textCursor()).center())
    chosen.append("&1  Stipend pay")  # Code JEN's Whole Turn As > 1  Stipend pay
    window.coding.show_context_menu(where)
    assert rows(service)[-1] == (codes["stipend"], "😀 Mostly a stipend, in cash. Sometimes gift cards.")
    select(window, "gift cards")
    chosen[0] = "In-Vivo Code (name a code after the selection)"
    window.coding.show_context_menu(where)
    assert service.codebook.codebook.by_path("gift cards") is not None
    assert [c for c, _ in rows(service)].count(codes["stipend"]) == 2  # the passage, and the whole turn
    select(window, "Mostly a stipend")
    chosen[0] = "Uncode 'Stipend pay'"
    window.coding.show_context_menu(view.viewport().mapToGlobal(view.cursorRect(view.textCursor()).center()))
    assert [c for c, _ in rows(service)].count(codes["stipend"]) == 1


def test_clicking_a_stripe_selects_its_coding(workspace):
    window, service, codes = workspace
    select(window, "Two days of training.")
    coding_id = window.coding.code_selection(codes["training"])
    window.transcript_view.setTextCursor(QTextCursor(window.transcript_view.document()))
    window.transcript_view.stripes.coding_clicked.emit(coding_id)
    assert window.transcript_view.textCursor().selectedText() == "Two days of training."


def test_memo_on_a_coding_marks_the_stripe(workspace, monkeypatch):
    window, service, codes = workspace
    select(window, "Two days of training.")
    coding_id = window.coding.code_selection(codes["training"])

    def fill(dialog):
        dialog.body.setPlainText("Contrast with P04's two months")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MemoDialog, "exec", fill)
    window.memos.on_coding(coding_id)
    assert service.codings.memos("coding", coding_id)[0].body == "Contrast with P04's two months"
    assert coding_id in window.transcript_view.stripes.memoed
    start, _ = select(window, "That was it.")
    window.memo_on_selection()
    view = window.transcript_view
    block = view.document().findBlock(view.positions.to_qt(start)).blockNumber()
    assert view.paragraphs.memo_blocks == {block: "Contrast with P04's two months"}
    assert service.codings.memos("range", window.current_document)[0].start == start


def test_reorganise_merge_and_delete_codes_from_the_tree(workspace, monkeypatch):
    window, service, codes = workspace
    select(window, "Two days of training.")
    window.coding.code_selection(codes["training"])
    select(window, "Mostly a stipend")
    window.coding.code_selection(codes["stipend"])
    model = window.code_panel.model
    # drag 'Training' under 'Pay'
    mime = model.mimeData([model.index_of(codes["training"])])
    assert mime.hasFormat(CODE_MIME)
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index_of(codes["theme"]))
    assert service.codebook.codebook.path(codes["training"]) == "Pay > Training"
    assert window.code_panel.model.rowCount(window.code_panel.model.index_of(codes["theme"])) == 2
    # merge 'Training' into 'Stipend pay'
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Pay > Stipend pay", True))
    window.code_panel.merge(codes["training"])
    assert rows(service, "SELECT DISTINCT code_id FROM codings") == [(codes["stipend"],)]
    assert codes["training"] not in service.codebook.codebook
    # delete 'Pay' with its subcode, after a confirmation naming what goes
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: asked.append(text) or QMessageBox.StandardButton.Yes)
    window.code_panel.delete(codes["theme"])
    assert asked and "Delete 'Pay' and its 1 subcode? 2 codings will be removed" in asked[0]
    assert rows(service) == [] and window.transcript_view.stripes.codings == []
    window.undo_action.trigger()
    assert len(rows(service)) == 2 and len(window.transcript_view.stripes.codings) == 2
    window.undo_action.trigger()  # unmerge
    assert codes["training"] in service.codebook.codebook


def test_retrieve_and_jump_to_a_passage(qtbot, demo_service):
    window = MainWindow(demo_service)
    qtbot.addWidget(window)
    window.show()
    book = demo_service.codebook.codebook
    pay = book.by_path("Organizational support for peer work > Pay and employment conditions")
    window.code_panel.select_code(pay.id)
    table = window.retrieval_panel.model
    assert table.rowCount() == demo_service.codebook.counts()[pay.id].total_references == 34
    assert "34 passages coded" in window.retrieval_panel.summary.text()
    window.retrieval_panel.subcodes.setChecked(False)
    assert table.rowCount() == 0
    window.retrieval_panel.subcodes.setChecked(True)
    last = table.passages[-1]
    window.retrieval_panel.table.activated.emit(table.index(table.rowCount() - 1, 0))
    assert window.current_document == last.document_id
    assert window.transcript_view.selected_range() == (last.start, last.end)
    window.retrieval_panel.table.selectRow(0)
    assert table.passages[0].text in window.retrieval_panel.context.toPlainText()


def test_search_lists_matches_across_transcripts(qtbot, demo_service):
    window = MainWindow(demo_service)
    qtbot.addWidget(window)
    window.show()
    box = window.retrieval_panel.search_box
    qtbot.keyClicks(box, '"gift card"')
    qtbot.keyClick(box, Qt.Key.Key_Return)
    passages = window.retrieval_panel.model.passages
    assert passages and all(p.text.lower().startswith("gift card") for p in passages)
    assert "matches for '\"gift card\"'" in window.retrieval_panel.summary.text()


def test_last_document_and_scroll_come_back_on_reopen(qtbot, tmp_path):
    from annotator.services.demo import build_demo
    from annotator.services.project_service import ProjectService

    service, _ = build_demo(tmp_path / "demo.annotator", deidentify=False)
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    fourth = service.documents()[3].id
    window.select_document(fourth)
    window.transcript_view.verticalScrollBar().setValue(200)
    window.close()
    again = MainWindow(ProjectService.open(tmp_path / "demo.annotator"))
    qtbot.addWidget(again)
    again.show()
    assert again.current_document == fourth
    qtbot.waitUntil(lambda: again.transcript_view.verticalScrollBar().value() == 200)
    again.close()


def test_new_code_and_describe_from_the_tree(workspace, monkeypatch):
    window, service, codes = workspace
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Emotional toll", True))
    new = window.code_panel.new_code(codes["theme"])
    assert service.codebook.codebook.path(new) == "Pay > Emotional toll"
    assert window.code_panel.current_code() == new

    def fill(dialog):
        dialog.name.setText("Emotional labour")
        dialog.colour = "#AA3377"
        dialog.description.setPlainText("Feelings managed as part of the job")
        dialog.when_not_to_use.setPlainText("Pay")
        return QDialog.DialogCode.Accepted

    from annotator.gui.code_dialogs import CodeDialog

    monkeypatch.setattr(CodeDialog, "exec", fill)
    window.code_panel.describe(new)
    code = service.codebook.codebook[new]
    assert (code.name, code.colour, code.description, code.when_not_to_use) == (
        "Emotional labour", "#AA3377", "Feelings managed as part of the job", "Pay")
    assert window.code_panel.model.data(window.code_panel.model.index_of(new)) == "Emotional labour"
    window.undo_action.trigger()  # the description, then the colour, then the name: one step each
    assert service.codebook.codebook[new].description == ""


def test_errors_reach_the_researcher_as_one_message(workspace, shown_errors):
    window, service, codes = workspace
    window.transcript_view.setTextCursor(QTextCursor(window.transcript_view.document()))
    window.coding.code_selection(codes["stipend"])  # a hint, not an error: the status bar says it, no box
    assert shown_errors == [] and window.statusBar().currentMessage().startswith("Select the passage to code first")


def test_renaming_relabels_the_stripes_without_repainting_and_recolouring_repaints(workspace, qtbot, monkeypatch):
    window, service, codes = workspace
    start, end = select(window, "Mostly a stipend, in cash.")
    window.coding.code_selection(codes["stipend"])
    painted = []
    original = window.transcript_view.highlighter.reset
    monkeypatch.setattr(window.transcript_view.highlighter, "reset",
                        lambda *a: painted.append(1) or original(*a))
    before = background_at(window, start)
    service.codebook.rename_code(codes["stipend"], "Cash stipend")
    assert painted == [] and background_at(window, start) == before  # a rename repaints nothing
    assert window.transcript_view.stripes.codes[codes["stipend"]].name == "Cash stipend"
    service.codebook.recolour_code(codes["stipend"], "#D55E00")
    assert painted == [1] and background_at(window, start) != before
    # a code made after the document opened gets its own colour on its first coding, not the unknown grey
    fresh = service.codebook.add_code("Gift cards", colour="#009E73")
    cards, _ = select(window, "gift cards")
    window.coding.code_selection(fresh)
    assert window.transcript_view.highlighter.colours[fresh] == "#009E73"
    assert painted == [1] and background_at(window, cards) is not None
