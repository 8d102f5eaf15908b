"""Every dialog laid out by layouts alone: no widget floats over another (a bins field sat over "Codes", a text box
over the codebook dialog's OK), each fits a 1366×768 screen, and each is drawn to a PNG (kept in the folder named
by ANNOTATOR_SCREENSHOTS, for looking at)."""

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLayout, QWidget

from annotator.gui.agreement_dialog import AgreementDialog
from annotator.gui.code_dialogs import CodeDialog, MemoDialog
from annotator.gui.help_dialogs import ManualDialog, ShortcutsDialog
from annotator.gui.identifier_list_dialog import IdentifierListDialog
from annotator.gui.preferences import PreferencesDialog
from annotator.gui.report_dialog import KINDS, ReportOptions
from annotator.gui.start_dialog import StartDialog


def managed(layout: QLayout) -> set[int]:
    """Ids of the widgets a layout (and the layouts inside it) places."""
    found = set()
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None:
            found.add(id(item.widget()))
        elif item.layout() is not None:
            found |= managed(item.layout())
    return found


def stray_widgets(dialog: QDialog) -> list[str]:
    """Visible widgets straight on the dialog that no layout places."""
    placed = managed(dialog.layout())
    return [f"{type(w).__name__} {w.objectName()!r}" for w in dialog.findChildren(QWidget)
            if w.parentWidget() is dialog and w.isVisibleTo(dialog) and not w.isWindow() and id(w) not in placed]


def overlapping_siblings(dialog: QDialog) -> list[str]:
    """Pairs of visible widgets placed by the same layout whose rectangles overlap."""
    found = []

    def check(layout):
        widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
        widgets = [w for w in widgets if w is not None and w.isVisibleTo(dialog)]
        for i, a in enumerate(widgets):
            for b in widgets[i + 1:]:
                if a.geometry().intersects(b.geometry()):
                    found.append(f"{type(a).__name__} over {type(b).__name__}")
        for i in range(layout.count()):
            if layout.itemAt(i).layout() is not None:
                check(layout.itemAt(i).layout())

    check(dialog.layout())
    return found


@pytest.fixture
def window(demo_window):
    return demo_window


def dialogs(window):
    service = window.service
    book = service.codebook.codebook
    first = next(iter(book.tree_order()))
    made = {f"report-{kind}": ReportOptions(kind, service, window) for kind in KINDS}
    made.update({
        "code": CodeDialog(book[first], window, title="Code"),
        "memo-new": MemoDialog("Memo on a passage", parent=window, about="“A passage.”"),
        "memo-existing": MemoDialog("Memo", "Title", "Body", window, existing=True),
        "preferences": PreferencesDialog(window),
        "shortcuts": ShortcutsDialog(window),
        "manual": ManualDialog(window),
        "start": StartDialog(["/home/researcher/study.annotator"], window),
        "agreement": AgreementDialog(service, window),
        "identifier-list": IdentifierListDialog([("Dana Lachance", "PERSON"), ("Esquimalt", "PLACE")], window),
    })
    return made


def test_every_dialog_is_laid_out_by_layouts_and_fits_a_laptop_screen(qtbot, window, tmp_path):
    out = Path(os.environ.get("ANNOTATOR_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name, dialog in dialogs(window).items():
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        stray, overlaps = stray_widgets(dialog), overlapping_siblings(dialog)
        size = dialog.size()
        if stray or overlaps or size.width() > 1366 or size.height() > 740:
            problems[name] = (stray, overlaps, (size.width(), size.height()))
        assert dialog.grab().save(str(out / f"dialog-{name}.png"))
        dialog.close()
    assert problems == {}


def test_the_codebook_report_dialog_asks_nothing_it_does_not_use(window):
    dialog = ReportOptions("codebook", window.service, window)
    assert dialog.codes is None and dialog.filters is None and dialog.bins is None
    assert dialog.chosen_codes() is None and dialog.conditions() == []
