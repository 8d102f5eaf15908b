"""Co-authors in the GUI: codebook and project exchange from the File menu, merging, showing or hiding a coder's
codings, and the agreement dialog with its side-by-side disagreements."""

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from annotator.gui import exchange_actions
from annotator.gui.exchange_dialogs import ExportProjectDialog
from annotator.gui.merge_preview_dialog import MergePreviewDialog
from annotator.gui.main_window import MainWindow
from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService
from tests.services.test_collaboration import recode_as


@pytest.fixture
def window(qtbot, tmp_path):
    mine = tmp_path / "mine.annotator"
    service, _ = build_demo(mine)
    me = service.coder
    service.close()
    theirs = tmp_path / "theirs.annotator"
    theirs.write_bytes(mine.read_bytes())
    with ProjectService.open(theirs, coder="ben") as other:
        recode_as(other, missed=4)
    w = MainWindow(ProjectService.open(mine))
    qtbot.addWidget(w)
    w.show()
    w.coauthor, w.me = theirs, me
    return w


def test_merge_then_hide_a_coder_then_compare(window, monkeypatch, qtbot):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(window.coauthor), ""))
    monkeypatch.setattr(MergePreviewDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    exchange_actions.merge_project(window)
    qtbot.waitUntil(lambda: window.merge_worker is None, timeout=30000)  # read, then applied, both off the GUI thread
    assert set(window.service.agreement.coders()) == {window.me, "ben"}
    shown = len(window.transcript_view.stripes.codings)
    exchange_actions.set_coder_visible(window, "ben", False)
    assert 0 < len(window.transcript_view.stripes.codings) < shown
    assert all(c.coder == window.me for c in window.transcript_view.stripes.codings)
    book = window.service.codebook.codebook
    window.code_panel.select_code(book.by_path("Peer work in practice").id)
    assert {p.coder for p in window.retrieval_panel.model.passages} == {window.me}
    exchange_actions.set_coder_visible(window, "ben", True)
    assert len(window.transcript_view.stripes.codings) == shown
    exchange_actions.show_agreement(window)
    dialog = window.agreement_dialog
    dialog.compare()
    assert dialog.results.item(dialog.results.rowCount() - 1, 0).text() == "All codes"
    dialog.results.setCurrentCell(0, 0)
    assert dialog.side_by_side.rowCount() > 0
    texts = [(dialog.side_by_side.item(r, 1).text(), dialog.side_by_side.item(r, 2).text())
             for r in range(dialog.side_by_side.rowCount())]
    assert all(bool(a) != bool(b) for a, b in texts)  # each disagreement is one coder's passage, beside the other's
    dialog.side_by_side.cellDoubleClicked.emit(0, 1)
    gap = dialog.gaps[0]
    assert window.current_document == gap.document_id
    assert window.transcript_view.selected_range() == (gap.start, gap.end)


def test_codebook_and_project_exchange_from_the_file_menu(window, monkeypatch, tmp_path):
    qdc, qdpx = tmp_path / "c.qdc", tmp_path / "p.qdpx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(qdc), ""))
    exchange_actions.export_codebook(window)
    assert qdc.read_bytes().startswith(b"<?xml")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(qdpx), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(ExportProjectDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    exchange_actions.export_project(window)
    assert qdpx.exists()
    changed = tmp_path / "changed.qdc"
    changed.write_text(qdc.read_text("utf-8").replace('name="Tokenism"', 'name="Token roles"'), "utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(changed), ""))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    exchange_actions.import_codebook(window)
    assert window.service.codebook.codebook.by_path(
        "Organizational support for peer work > Offering role support and training > Token roles") is not None
    window.undo_action.trigger()
    assert window.service.codebook.codebook.by_path(
        "Organizational support for peer work > Offering role support and training > Tokenism") is not None


def test_the_merge_is_applied_off_the_gui_thread_and_the_window_waits_for_it(window, monkeypatch, qtbot):
    import threading

    applying, release = threading.Event(), threading.Event()
    service = window.service
    apply = service.exchange.apply

    def slow_apply(plan):
        applying.set()
        assert threading.current_thread() is not threading.main_thread()
        release.wait(30)
        return apply(plan)

    monkeypatch.setattr(service.exchange, "apply", slow_apply)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(window.coauthor), ""))
    monkeypatch.setattr(MergePreviewDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    shown = []
    monkeypatch.setattr(window, "_show_error", shown.append)
    exchange_actions.merge_project(window)
    qtbot.waitUntil(applying.is_set, timeout=30000)
    try:
        assert window.busy_with() == "merge"
        assert window.switch_to(lambda: service) is False
        assert shown == ["Wait for the merge to finish before opening another project."]
    finally:
        release.set()
    qtbot.waitUntil(lambda: window.merge_worker is None, timeout=30000)
    qtbot.waitUntil(lambda: getattr(window, "import_summary", None) is not None)
    assert "ben" in window.service.agreement.coders() and window.busy_with() is None
