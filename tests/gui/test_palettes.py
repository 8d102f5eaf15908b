"""Readable in a light and a dark palette: every coded stretch of text, speaker labels and the margins are drawn in
colours computed against the palette (a dark palette once gave white text on pastel highlights, dark-blue labels
on black, and light margins)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.gui.main_window import MainWindow
from annotator.gui.theme import MIN_CONTRAST, apply_theme, contrast, luminance


@pytest.fixture(params=["Light", "Dark"])
def themed(request, qapp):
    apply_theme(qapp, request.param)
    yield request.param
    apply_theme(qapp, "System")


def backgrounds_and_text(view):
    """(background, text colour) of every differently formatted stretch of the transcript."""
    seen = set()
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fmt = iterator.fragment().charFormat()
            background = fmt.background().color() if fmt.background().style() != Qt.BrushStyle.NoBrush else None
            foreground = fmt.foreground().color() if fmt.foreground().style() != Qt.BrushStyle.NoBrush else None
            seen.add((background.name() if background else None, foreground.name() if foreground else None,
                      fmt.fontWeight()))
            iterator += 1
        block = block.next()
    return seen


def test_every_highlight_label_and_margin_reads_on_the_palette(qtbot, demo_service, themed):
    window = MainWindow(demo_service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view = window.transcript_view
    palette = view.palette()
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    assert (luminance(base) < 0.1) == (themed == "Dark")
    stretches = backgrounds_and_text(view)
    highlighted = {bg for bg, _, _ in stretches if bg}
    assert len(highlighted) >= 10  # the demo's codes and their overlaps
    for background, foreground, _ in stretches:
        page = QColor(background) if background else base
        ink = QColor(foreground) if foreground else text
        assert contrast(page, ink) >= MIN_CONTRAST, (themed, background, foreground)
    labels = {fg for _, fg, weight in stretches if weight >= 700 and fg}
    assert labels and all(contrast(QColor(fg), base) >= MIN_CONTRAST for fg in labels)
    for margin in (view.paragraphs, view.stripes):
        image = margin.grab().toImage()
        pixel = image.pixelColor(2, image.height() - 3)
        assert abs(luminance(pixel) - luminance(base)) < 0.15, (themed, margin.objectName(), pixel.name())


def test_switching_the_palette_redraws_the_open_transcript(qtbot, demo_service, qapp):
    window = MainWindow(demo_service)
    qtbot.addWidget(window)
    window.show()
    view = window.transcript_view
    label_at = view.turns[0].start
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_qt(label_at) + 1)
    light_label = cursor.charFormat().foreground().color()
    try:
        apply_theme(qapp, "Dark")
        QApplication.processEvents()
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.positions.to_qt(label_at) + 1)
        dark_label = cursor.charFormat().foreground().color()
        assert dark_label != light_label
        assert contrast(dark_label, view.palette().color(QPalette.ColorRole.Base)) >= MIN_CONTRAST
    finally:
        apply_theme(qapp, "System")
