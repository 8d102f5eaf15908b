"""Issue 11 in the GUI: the export dialog's choice of positions (the standard by default, explained for this
project's text; NVivo's on request), the merge preview before anything changes (matched documents, a
near-identical transcript's diff and the choice to align, their code changes to take or leave, coders), and the
summary of what arrived and what was left out and why."""

import zipfile

from lxml import etree
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel

from annotator.gui import exchange_actions
from annotator.gui.exchange_dialogs import ExportProjectDialog, ImportSummaryDialog
from annotator.gui.merge_preview_dialog import MergePreviewDialog
from annotator.services.project_service import ProjectService
from tests.exchange.test_qdpx_write import EMOJI
from tests.services.test_merge import TYPO, demo_file, projects  # noqa: F401 - fixtures

Q = "{urn:QDA-XML:project:1.0}"


def test_the_export_dialog_explains_the_default_and_exports_for_nvivo_on_request(open_window, service, tmp_path,
                                                                               monkeypatch, qtbot):
    (tmp_path / "P09.txt").write_text(EMOJI, encoding="utf-8")
    service.import_files([tmp_path / "P09.txt"])
    doc = service.documents()[0].id
    text = service.document_text(doc)
    start = text.index("van runs")
    service.codings.code_passage(doc, service.codebook.add_code("Outreach"), start, start + 8)
    window = open_window(service)
    dialog = ExportProjectDialog(service, window)
    qtbot.addWidget(dialog)
    assert dialog.standard.isChecked() and dialog.positions == "codepoints"
    explanation = next(label.text() for label in dialog.findChildren(QLabel) if "code points" in label.text())
    assert "that is the default" in explanation and "3 such characters, so the choice matters" in explanation
    out = tmp_path / "for nvivo.qdpx"

    def choose_nvivo(box):
        box.show()
        qtbot.waitExposed(box)
        qtbot.mouseClick(box.nvivo, Qt.MouseButton.LeftButton, pos=QPoint(8, box.nvivo.height() // 2))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportProjectDialog, "exec", choose_nvivo)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    exchange_actions.export_project(window)
    assert window.export_dialog.positions == "utf16"
    archive = zipfile.ZipFile(out)
    selection = next(etree.fromstring(archive.read("project.qde")).iter(Q + "PlainTextSelection"))
    assert int(selection.get("startPosition")) == start + 2  # 😅 and 🚐 before it count twice, as NVivo counts


def test_the_merge_preview_shows_the_diff_and_the_choices_before_anything_changes(open_window, projects,
                                                                                monkeypatch, qtbot):
    mine, theirs = projects
    window = open_window(ProjectService.open(mine))
    before = window.service.info()
    chosen = {}

    def review(dialog):  # the researcher reads the preview, unticks two things, and merges
        dialog.show()
        qtbot.waitExposed(dialog)
        chosen["summary"] = dialog.summary.text()
        assert window.service.info() == before  # the preview changed nothing
        assert dialog.documents.currentRow() == 0 and dialog.align.isVisible()
        html = dialog.diff.toHtml()
        assert "interview" in html and TYPO in html and "differ in 1 place" in dialog.diff.toPlainText()
        assert dialog.documents.item(0, 2).text().startswith("near-identical (1 change")
        qtbot.mouseClick(dialog.align, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.align.height() // 2))
        rename = next(i for i in range(dialog.code_changes.count())
                      if dialog.code_changes.item(i).text().startswith("Renamed on their side"))
        dialog.code_changes.item(rename).setCheckState(Qt.CheckState.Unchecked)
        coders = [dialog.coders.item(i).text() for i in range(dialog.coders.count())]
        assert "ben: added as 'ben'" in coders
        chosen["after"] = dialog.summary.text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MergePreviewDialog, "exec", review)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(theirs), ""))
    exchange_actions.merge_project(window)
    qtbot.waitUntil(lambda: getattr(window, "import_summary", None) is not None)
    assert "will add 279 codings, 1 coder.</b> 8 of their documents are here already (1 near-identical" in \
        chosen["summary"]
    assert "will add 1 document, 279 codings" in chosen["after"]  # the summary follows the choices
    names = [d.name for d in window.service.documents()]
    assert "01_P01_interview (their version)" in names
    book = window.service.codebook.codebook
    assert book.by_path("Organizational support for peer work > Pay and employment conditions > Stipend pay")
    summary = window.import_summary
    assert summary.heading.text().startswith("<b>Merged theirs.annotator</b><br>Added 1 document")
    assert window.documents.model().rowCount() == 9  # the view followed
    window.undo_action.trigger()  # one step takes the whole merge back
    assert window.service.info()["codings"] == before["codings"] and len(window.service.documents()) == 8


def test_the_summary_lists_what_was_left_out_and_why(qtbot):
    arrived = ["Added 2 documents, 5 codings.", "1 of their documents is here already."]
    left_out = ["3 of 8 codings skipped: 2 empty, 1 past the end of 'Interview 4'",
                "Left out 1 picture ('map.jpg') with 1 coding: Annotator holds text transcripts only"]
    dialog = ImportSummaryDialog("Imported", "Imported colleague.qdpx", (arrived, left_out))
    qtbot.addWidget(dialog)
    assert "Added 2 documents" in dialog.heading.text() and "here already" in dialog.heading.text()
    assert [dialog.left_out.item(i).text() for i in range(dialog.left_out.count())] == left_out


def test_a_wrong_file_in_the_merge_menu_names_the_right_one(demo_window, tmp_path, monkeypatch, qtbot,
                                                           shown_errors):
    qdc = tmp_path / "codebook.qdc"
    qdc.write_text('<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(qdc), ""))
    exchange_actions.merge_project(demo_window)
    qtbot.waitUntil(lambda: bool(shown_errors))
    assert "Import Codebook" in shown_errors.pop()
