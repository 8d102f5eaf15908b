"""The review table as a reviewer uses it, in the real window on the demo after detection: sorting and filtering by
type, status, confidence band and document; the pseudonym each entity will get, before it is accepted; accepting
all of a band; a review done from the keyboard alone that moves down the list; the mentions in whole sentences."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette

from annotator.gui.main_window import MainWindow
from annotator.gui.theme import contrast, dark_palette


@pytest.fixture
def window(qtbot, demo_service):
    demo_service.deid.detect()
    w = MainWindow(demo_service)
    qtbot.addWidget(w)
    w.show()
    w.docks["De-identification"].raise_()
    qtbot.waitExposed(w)
    return w


def status(service, entity_id):
    return next(e for e in service.deid.entities() if e.id == entity_id).status


def click_header(qtbot, table, column):
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def focus_table(qtbot, window):
    window.activateWindow()
    table = window.deid_panel.entity_table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    return table


def test_filters_by_type_band_document_words_and_status(window):
    panel, deid = window.deid_panel, window.service.deid
    suggested = deid.entities("suggested")
    assert [e.id for e in panel.entities.rows] == [e.id for e in suggested]  # detection order, to review
    panel.type_filter.setCurrentText("Places")
    assert {e.type for e in panel.entities.rows} == {"PLACE"}
    assert len(panel.entities.rows) == len(deid.entities("suggested", kind="PLACE"))
    assert f"showing {len(panel.entities.rows)}" in panel.summary.text()
    panel.band_filter.setCurrentText("High confidence")
    assert [e.id for e in panel.entities.rows] == [e.id for e in deid.entities("suggested", kind="PLACE",
                                                                                 bands=("high",))]
    assert panel.entities.rows, "the demo has high-confidence places"
    panel.type_filter.setCurrentText("Every type")
    panel.band_filter.setCurrentText("Any confidence")
    doc = window.service.documents()[3]
    panel.document_filter.setCurrentIndex(panel.document_filter.findData(doc.id))
    assert [e.id for e in panel.entities.rows] == [e.id for e in deid.entities("suggested", document_id=doc.id)]
    assert panel.current_entity() in {e.id for e in panel.entities.rows}  # the selection follows the filter
    panel.document_filter.setCurrentIndex(0)
    panel.filter_box.setText("hastings")
    assert panel.entities.rows and all("hastings" in e.label.lower() for e in panel.entities.rows)
    panel.filter_box.clear()
    panel.view.setCurrentText("All")
    assert len(panel.entities.rows) == len(deid.entities())
    assert "showing" not in panel.summary.text()


def test_sorting_by_a_header_click_and_back_to_detection_order(qtbot, window):
    panel = window.deid_panel
    table = panel.entity_table
    before = [e.id for e in panel.entities.rows]
    click_header(qtbot, table, panel.entity_model.CONFIDENCE)
    rising = [e.confidence for e in panel.entities.rows]
    assert rising == sorted(rising) and rising[0] < rising[-1]
    click_header(qtbot, table, panel.entity_model.CONFIDENCE)
    assert [e.confidence for e in panel.entities.rows] == sorted(rising, reverse=True)
    click_header(qtbot, table, panel.entity_model.CONFIDENCE)  # a third click: unsorted again
    assert [e.id for e in panel.entities.rows] == before
    click_header(qtbot, table, 1)  # by type, then the band filter still applies to the sorted rows
    panel.band_filter.setCurrentText("Low confidence")
    kinds = [e.type for e in panel.entities.rows]
    assert kinds == sorted(kinds) and {e.band for e in panel.entities.rows} == {"low"}


def test_the_pseudonym_is_shown_before_accepting_and_kept(qtbot, window):
    panel, service = window.deid_panel, window.service
    model = panel.entities
    first = panel.entities.rows[0]
    shown = model.data(model.index(0, panel.entity_model.PSEUDONYM))
    assert first.status == "suggested" and shown.startswith("[") and shown == first.pseudonym
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert f"will become {shown}" in tip and "confidence" in tip
    assert model.data(model.index(0, panel.entity_model.WHY)) == "; ".join(first.reasons)
    assert model.data(model.index(0, panel.entity_model.CONFIDENCE)) == f"{first.band} {first.confidence:.2f}"
    table = focus_table(qtbot, window)
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert next(e for e in service.deid.entities() if e.id == first.id).pseudonym == shown  # accepting keeps it


def test_accept_all_high_confidence_places_from_the_menu(window):
    panel, deid = window.deid_panel, window.service.deid
    high_places = {e.id for e in deid.entities("suggested", kind="PLACE", bands=("high",))}
    other = {e.id for e in deid.entities("suggested")} - high_places
    panel.accept_menu.aboutToShow.emit()
    high = next(a.menu() for a in panel.accept_menu.actions() if a.text() == "&High Confidence")
    places = next(a for a in high.actions() if a.text().startswith("P&laces"))
    assert places.text() == f"P&laces ({len(high_places)})" and places.isEnabled()
    places.trigger()
    assert {e.id for e in deid.entities("accepted")} == high_places
    assert {e.id for e in deid.entities("suggested")} == other
    assert panel.summary.text().startswith(f"Accepted {len(high_places)} high-confidence places.")
    window.undo_action.trigger()  # one undoable step
    assert not deid.entities("accepted")


def test_accept_everything_shown_after_filtering(window):
    panel, deid = window.deid_panel, window.service.deid
    panel.type_filter.setCurrentText("People")
    panel.band_filter.setCurrentText("Medium confidence")
    shown = {e.id for e in panel.entities.rows}
    assert shown
    panel.accept_menu.aboutToShow.emit()
    everything = panel.accept_menu.actions()[0]
    assert everything.text() == f"&Everything Shown in the Table ({len(shown)})"
    everything.trigger()
    assert {e.id for e in deid.entities("accepted")} == shown
    assert panel.entities.rowCount() == 0


def test_a_review_from_the_keyboard_moves_down_the_list(qtbot, window):
    panel, service = window.deid_panel, window.service
    order = [e.id for e in panel.entities.rows]
    table = focus_table(qtbot, window)
    table.selectRow(0)
    keys = 0
    # A, R, A, R ...: each key decides one entity and the next one comes up, no arrow key in between
    for i, key in enumerate([Qt.Key.Key_A, Qt.Key.Key_R] * 5):
        assert panel.current_entity() == order[i]
        qtbot.keyClick(table, key)
        keys += 1
        assert status(service, order[i]) == ("accepted" if key == Qt.Key.Key_A else "rejected")
    assert keys == 10 and panel.current_entity() == order[10]
    assert panel.entity_table.selectionModel().selectedRows()[0].row() == 0  # the decided ones left the list
    # T: the next type, with its pseudonym shown at once; then A accepts it as that type
    entity = panel.entities.rows[0]
    qtbot.keyClick(table, Qt.Key.Key_T)
    changed = next(e for e in service.deid.entities() if e.id == entity.id)
    kinds = ("PERSON", "PLACE", "AGENCY", "OTHER")
    assert changed.type == kinds[(kinds.index(entity.type) + 1) % 4] and changed.pseudonym != entity.pseudonym
    assert panel.entities.data(panel.entities.index(0, panel.entity_model.PSEUDONYM)) == changed.pseudonym
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert entity.id == order[10] and status(service, entity.id) == "accepted" and panel.current_entity() == order[11]
    # arrows move; Enter shows the mention in the transcript and steps on to the next one, the keys stay here
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert panel.current_entity() == order[12]
    row = next(i for i, e in enumerate(panel.entities.rows) if e.mentions >= 2 and i > 1)
    table.selectRow(row)
    mentions = service.deid.mentions(panel.current_entity())
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.transcript_view.textCursor().selectedText() == mentions[0].text
    assert window.current_document == mentions[0].document_id and table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    cursor = window.transcript_view.textCursor()
    assert window.current_document == mentions[1].document_id and cursor.selectedText() == mentions[1].text
    assert panel.mention_table.currentIndex().row() == 1 and panel.context.current == 1
    # N: the next one still to review; / filters and Down comes back
    panel.view.setCurrentText("All")
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_N)
    assert panel.entities.row(panel.entity_table.currentIndex().row()).status == "suggested"
    qtbot.keyClick(table, Qt.Key.Key_Slash)
    assert panel.filter_box.hasFocus()
    qtbot.keyClicks(panel.filter_box, "vandu")
    qtbot.keyClick(panel.filter_box, Qt.Key.Key_Down)
    assert table.hasFocus() and panel.entities.rows[0].label == "VANDU"
    window.undo_action.trigger()  # the last decision (T's accept) undone, in the database too
    assert status(service, entity.id) == "suggested"


def test_r_in_the_mention_list_rejects_one_mention(qtbot, window):
    panel, service = window.deid_panel, window.service
    row = next(i for i, e in enumerate(panel.entities.rows) if e.mentions >= 2)
    panel.entity_table.selectRow(row)
    window.activateWindow()
    panel.mention_table.setFocus()
    qtbot.waitUntil(panel.mention_table.hasFocus)
    panel.mention_table.selectRow(1)
    mention = panel.mentions.rows[1]
    qtbot.keyClick(panel.mention_table, Qt.Key.Key_R)
    assert next(m for m in service.deid.mentions(panel.current_entity()) if m.id == mention.id).rejected
    assert "rejected" in panel.mentions.data(panel.mentions.index(1, 1))
    panel.mention_table.selectRow(1)
    qtbot.keyClick(panel.mention_table, Qt.Key.Key_R)  # again: restored
    assert not next(m for m in service.deid.mentions(panel.current_entity()) if m.id == mention.id).rejected


def test_each_mention_in_its_sentence_highlighted_readably_light_and_dark(window):
    panel, service = window.deid_panel, window.service
    row = next(i for i, e in enumerate(panel.entities.rows) if e.label == "Hastings and Columbia")
    panel.entity_table.selectRow(row)
    text = panel.context.toPlainText()
    assert "I work mostly out of the overdose prevention site down on Hastings, the one right by Hastings and " \
           "Columbia, and I do a couple of shifts a week with VANDU, and then whatever else comes up." in text
    assert "01_P01_interview" in text
    for palette in (QPalette(window.palette()), dark_palette()):
        panel.context.setPalette(palette)  # a palette change draws the marks again in its colours
        mark, deep, label, ink = panel.context._colours()
        assert deep in panel.context.toHtml() or QColor(deep).name() in panel.context.toHtml().lower()
        base = palette.color(QPalette.ColorRole.Base)
        for background in (mark, deep):
            assert contrast(QColor(background), QColor(ink)) >= 4.5
        assert contrast(QColor(label), base) >= 4.5
        assert QColor(deep) != base and QColor(mark) != base
    # every mention of an entity, each in its sentence; a click on one chooses it
    many = next(i for i, e in enumerate(panel.entities.rows) if e.mentions >= 3)
    panel.entity_table.selectRow(many)
    mentions = service.deid.mentions(panel.current_entity())
    assert panel.context.toPlainText().count("·") >= len(mentions)
    panel.context.mention_chosen.emit(2)
    assert panel.mention_table.currentIndex().row() == 2 and panel.context.current == 2
    assert window.transcript_view.textCursor().selectedText() == mentions[2].text


def test_t_twice_on_a_filtered_list_turns_the_same_entity_round_and_moving_on_lets_the_filter_apply(qtbot, window):
    """Filtered to places, T makes a place a person: it stays in view (and selected) until the reviewer moves on, so
    a second T turns the same entity on to an agency instead of the place that would have slid into its row."""
    panel, deid = window.deid_panel, window.service.deid
    panel.type_filter.setCurrentText("Places")
    table = focus_table(qtbot, window)
    table.selectRow(0)
    first, second = panel.entities.rows[0].id, panel.entities.rows[1].id
    qtbot.keyClick(table, Qt.Key.Key_T)
    assert next(e.type for e in deid.entities() if e.id == first) == "AGENCY"  # (place -> agency, in TYPES' order)
    assert panel.current_entity() == first and panel.entities.rows[0].id == first
    qtbot.keyClick(table, Qt.Key.Key_T)
    assert next(e.type for e in deid.entities() if e.id == first) == "OTHER"
    assert next(e.type for e in deid.entities() if e.id == second) == "PLACE"  # untouched
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert first not in {e.id for e in panel.entities.rows}  # moved on: filtered out now
    assert {e.type for e in panel.entities.rows} == {"PLACE"} and panel.current_entity() == second
