"""The quick-code box and the number keys: Enter takes the highlighted match (a partial name once silently made a
new top-level code), a new code only from the explicit "Create code" row, the box stays readable however many keys
are pinned, and a key keeps its code until the researcher moves it (numbers that followed recent use miscoded a
passage)."""

import pytest
from PySide6.QtCore import Qt

from annotator.gui.main_window import MainWindow


@pytest.fixture
def workspace(qtbot, interview_window, service):
    window = interview_window("Interviewer: How was it?\n\nJEN: Exhausting, emotionally. You carry it home. "
                              "Nobody pays for that.\n", ["Emotional labour", "Pay", "Training", "Stigma"])
    qtbot.waitExposed(window)
    ids = {code.name: code.id for code in service.codebook.codebook.codes.values()}
    return window, service, ids


def select(window, text):
    start = window.transcript_view.text.index(text)
    window.transcript_view.select_range(start, start + len(text))


def codings(service):
    return service.project.db.execute("SELECT code_id, quote FROM codings ORDER BY id").fetchall()


def type_in_box(qtbot, window, text):
    window.coding.focus_quick_box()
    qtbot.keyClicks(window.quick_box, text)


def test_a_partial_name_and_enter_takes_the_only_match(qtbot, workspace):
    window, service, ids = workspace
    select(window, "You carry it home.")
    type_in_box(qtbot, window, "emotional")
    box = window.quick_box
    assert box.popup.isVisible()
    rows = [box.popup.item(i).text() for i in range(box.popup.count())]
    assert rows == ["Emotional labour", "Create code 'emotional'"]
    assert box.popup.currentRow() == 0  # the match is highlighted, not the new code
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert codings(service) == [(ids["Emotional labour"], "You carry it home.")]
    assert len(service.codebook.codebook.codes) == 4  # no code "emotional" was made
    assert box.text() == "" and not box.popup.isVisible()


def test_a_new_code_needs_the_create_row(qtbot, workspace):
    window, service, ids = workspace
    select(window, "Nobody pays for that.")
    type_in_box(qtbot, window, "pa")  # matches Pay; the create row is second
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Down)
    assert window.quick_box.current_choice_text() == "Create code 'pa'"
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Up)
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Return)
    assert codings(service) == [(ids["Pay"], "Nobody pays for that.")]
    select(window, "Exhausting, emotionally.")
    type_in_box(qtbot, window, "Pay > Unpaid care")  # nothing matches: the only row creates, under Pay
    assert window.quick_box.current_choice_text() == "Create code 'Unpaid care' under 'Pay'"
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Return)
    new = service.codebook.codebook.by_path("Pay > Unpaid care")
    assert new is not None and codings(service)[-1] == (new.id, "Exhausting, emotionally.")


def test_enter_with_the_list_closed_never_creates_a_code(qtbot, workspace):
    window, service, ids = workspace
    select(window, "Nobody pays for that.")
    type_in_box(qtbot, window, "trai")
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Escape)  # the list closes; the text stays
    assert not window.quick_box.popup.isVisible() and window.quick_box.text() == "trai"
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Return)  # shows the choices again, codes nothing
    assert window.quick_box.popup.isVisible() and codings(service) == []
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Escape)
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Escape)  # and again: back to the transcript
    assert window.quick_box.text() == ""
    window.quick_box.setText("stigma")  # the exact name (any case) is taken without the list
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Return)
    assert codings(service) == [(ids["Stigma"], "Nobody pays for that.")]


def test_the_box_stays_readable_with_every_key_pinned(qtbot, workspace):
    window, service, ids = workspace
    for number in range(1, 10):
        code = service.codebook.add_code(f"A rather long code name for key number {number}")
        window.coding.pin(code, number)
    window.resize(1366, 768)
    qtbot.wait(10)
    box = window.quick_box
    assert len(window.quick_bar.buttons) == 9
    assert box.width() >= box.fontMetrics().horizontalAdvance("x" * 30)
    assert box.width() == box.minimumWidth() or box.width() > box.minimumWidth()


def test_number_keys_stay_on_their_codes(qtbot, workspace):
    window, service, ids = workspace
    view = window.transcript_view
    for name, text in (("Pay", "Nobody pays"), ("Training", "You carry"), ("Stigma", "Exhausting")):
        select(window, text)
        window.coding.code_selection(ids[name])
    assert window.coding.keys.pinned() == {1: ids["Pay"], 2: ids["Training"], 3: ids["Stigma"]}
    select(window, "it home")
    window.coding.code_selection(ids["Stigma"])  # using a code again never renumbers anything
    select(window, "for that")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert codings(service)[-1] == (ids["Pay"], "for that")
    assert window.coding.keys.pinned() == {1: ids["Pay"], 2: ids["Training"], 3: ids["Stigma"]}
    # the number is shown beside the code in the codebook
    model = window.code_panel.model
    assert "Key 2" in model.data(model.index_of(ids["Training"]), Qt.ItemDataRole.ToolTipRole)
    # the researcher moves a key from the code's menu; the keys survive reopening the project
    chosen = []
    window.code_panel.exec_menu = lambda menu, where: chosen.append(menu)
    window.code_panel._on_context_menu(window.code_panel.tree.visualRect(
        window.code_panel.proxy.mapFromSource(model.index_of(ids["Emotional labour"]))).center())
    keys_menu = next(a.menu() for a in chosen[0].actions() if a.text() == "Quick-Code Key")
    next(a for a in keys_menu.actions() if a.text().startswith("&2")).trigger()
    assert window.coding.keys.pinned() == {1: ids["Pay"], 2: ids["Emotional labour"], 3: ids["Stigma"]}
    assert [b.text() for b in window.quick_bar.buttons] == ["1  Pay", "2  Emotional labour", "3  Stigma"]
    window.coding.unpin(3)
    assert window.coding.keys.pinned() == {1: ids["Pay"], 2: ids["Emotional labour"]}
    path = service.path
    window.close()
    reopened = MainWindow(type(service).open(path, coder="tester"))
    qtbot.addWidget(reopened)
    assert reopened.coding.keys.pinned() == {1: ids["Pay"], 2: ids["Emotional labour"]}


def test_a_key_with_no_code_or_no_selection_says_so_in_the_status_bar(qtbot, workspace, shown_errors):
    window, service, ids = workspace
    view = window.transcript_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_5)
    assert "Key 5 has no code yet" in window.statusBar().currentMessage()
    window.coding.pin(ids["Pay"], 5)
    cursor = view.textCursor()
    cursor.clearSelection()
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_5)
    assert window.statusBar().currentMessage().startswith("Select the passage to code first")
    assert shown_errors == [] and codings(service) == []


def test_a_path_with_a_new_parent_makes_both_codes(qtbot, workspace):
    window, service, ids = workspace
    select(window, "Nobody pays for that.")
    type_in_box(qtbot, window, "Outreach > Supplies")
    assert window.quick_box.current_choice_text() == "Create code 'Supplies' under new code 'Outreach'"
    qtbot.keyClick(window.quick_box, Qt.Key.Key_Return)
    new = service.codebook.codebook.by_path("Outreach > Supplies")
    assert new is not None and codings(service) == [(new.id, "Nobody pays for that.")]
