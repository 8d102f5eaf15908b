"""The transcript's character formats: labels styled, the body plain, and nothing carried from one document to the
next (a new user saw a whole transcript turn bold after opening a caption file whose first line is a turn)."""

from PySide6.QtGui import QFont, QTextCursor

from annotator.gui.main_window import MainWindow


def weight_and_colour(view, offset):
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_qt(offset) + 1)
    fmt = cursor.charFormat()
    return fmt.fontWeight(), fmt.foreground().color().name()


def body_offsets(view):
    """Offsets inside speech (not labels), spread over the document."""
    text = view.text
    offsets = [t.text_start + 2 for t in view.turns if t.end - t.text_start > 4]
    first_line = text.index("\n") // 2 if "\n" in text else 0
    return [first_line, *offsets[::5]]


def test_no_label_format_leaks_into_the_next_document(qtbot, demo_service):
    window = MainWindow(demo_service)
    qtbot.addWidget(window)
    window.show()
    docs = {d.name: d.id for d in demo_service.documents()}
    view = window.transcript_view
    window.select_document(docs["03_P03_interview"])
    assert view.text.startswith(view.turns[0].speaker) or view.turns[0].start == 0  # a turn on the first line
    plain = weight_and_colour(view, view.turns[0].text_start + 1)
    window.select_document(docs["01_P01_interview"])
    assert view.text == demo_service.document_text(docs["01_P01_interview"])
    for offset in body_offsets(view):
        assert weight_and_colour(view, offset) == plain, offset
    label = view.turns[0]
    assert weight_and_colour(view, label.start)[0] == QFont.Weight.Bold
    # and back again, and to every other document: the body is never bold
    for name in docs:
        window.select_document(docs[name])
        assert all(weight_and_colour(view, o)[0] != QFont.Weight.Bold for o in body_offsets(view)), name
