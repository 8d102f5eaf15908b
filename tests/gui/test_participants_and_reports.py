"""The participants sheet and the Reports menu, driven through the real window."""

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from annotator.gui.report_dialog import ReportOptions


@pytest.fixture
def window(demo_window):
    return demo_window


def test_sheet_shows_participants_and_edits_are_validated_and_undoable(window, shown_errors, monkeypatch):
    panel, service = window.participants_panel, window.service
    model = panel.model
    assert model.rowCount() == 8 and model.headerData(2, Qt.Orientation.Horizontal) == "age"
    age = next(i for i, a in enumerate(model.attributes) if a.name == "age") + 2
    model.setData(model.index(0, age), "45")
    assert service.people.rows()[0].values[model.attributes[age - 2].id] == "45"
    assert model.data(model.index(0, age)) == "45"  # the sheet reloaded from the service
    model.setData(model.index(0, age), "forty")
    assert shown_errors == ["'forty' is not a number."]
    shown_errors.clear()
    window.undo_action.trigger()
    assert model.data(model.index(0, age)) == "44"
    answers = iter([("age group", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("category", True))
    panel.add_attribute()
    assert model.headerData(model.columnCount() - 1, Qt.Orientation.Horizontal) == "age group"
    model.setData(model.index(0, model.columnCount() - 1), "35-44")
    assert service.people.attribute("age group").categories == ("35-44",)


def test_import_and_export_csv_from_the_sheet(window, monkeypatch, tmp_path):
    extra = tmp_path / "more.csv"
    extra.write_text("participant,role\nP01,outreach\nP09,navigator\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(extra), ""))
    window.participants_panel.import_csv()
    assert window.participants_panel.model.rowCount() == 9
    out = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.participants_panel.export_csv()
    assert out.read_text("utf-8").splitlines()[0].endswith(",role")


def run_report(qtbot, window, monkeypatch, kind, out, configure=lambda options: None):
    def accept(options):
        configure(options)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReportOptions, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.reports.start(kind, window.service)
    # (not waitSignal on the worker's finished: a quick report can finish before the wait is connected)
    qtbot.waitUntil(lambda: window.reports.worker is None, timeout=60000)


def test_coded_report_from_the_menu_with_filters_and_anonymous_quotes(qtbot, window, monkeypatch, tmp_path):
    out = tmp_path / "coded.docx"

    def configure(options):
        options.filters.setText("gender=female; age<45")
        options.anonymous.setChecked(True)
        options.codes.item(0).setSelected(True)  # the first theme, with its subcodes

    run_report(qtbot, window, monkeypatch, "coded", out, configure)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Filter: gender = female" in texts and "Filter: age < 45" in texts
    assert "Peer work in practice" in texts and "Organizational support for peer work" not in texts
    assert not any(t.startswith("— ") for t in texts)
    qtbot.waitUntil(lambda: any(b.text().startswith("Wrote coded.docx") for b in window.findChildren(QMessageBox)))


def test_table_one_and_passages_from_the_menu(qtbot, window, monkeypatch, tmp_path):
    table = tmp_path / "t1.docx"
    run_report(qtbot, window, monkeypatch, "participants", table,
               lambda o: o.bins.setText("age=25-34,35-44,45-54,55+; years peer work=<2,2-5,6-9,10+"))
    rows = [[c.text for c in r.cells] for r in docx.Document(str(table)).tables[0].rows]
    assert ["6–9", "3 (38%)"] in rows
    passages = tmp_path / "passages.csv"
    run_report(qtbot, window, monkeypatch, "passages", passages)
    assert len(passages.read_text("utf-8-sig").splitlines()) > 300


def test_a_bad_filter_is_reported_and_nothing_written(qtbot, window, monkeypatch, tmp_path, shown_errors):
    out = tmp_path / "x.docx"
    monkeypatch.setattr(ReportOptions, "exec", lambda options: (options.filters.setText("age"),
                                                                QDialog.DialogCode.Accepted)[1])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.reports.start("coded", window.service)
    assert shown_errors and "not a filter" in shown_errors[0] and not out.exists()
    shown_errors.clear()


def test_retrieval_filters_by_participant_attributes(qtbot, window):
    book = window.service.codebook.codebook
    pay = book.by_path("Organizational support for peer work > Pay and employment conditions")
    window.code_panel.select_code(pay.id)
    everyone = window.retrieval_panel.model.rowCount()
    qtbot.keyClicks(window.retrieval_panel.who, "interview mode=telephone")
    qtbot.keyClick(window.retrieval_panel.who, Qt.Key.Key_Return)
    rows = window.retrieval_panel.model.passages
    assert 0 < len(rows) < everyone
    assert {p.document for p in rows} <= {"03_P03_interview", "08_P08_interview"}
    window.retrieval_panel.who.setText("height>2")
    window.retrieval_panel.refresh()
    assert "no attribute called 'height'" in window.retrieval_panel.summary.text()
