"""The Analysis panel with real widgets on the demo: queries (run, errors, save, code results), matrices (values,
totals, cells to passages, folding, fresh after a change), co-occurrence, saturation (verdict, chart, rows to
passages), word frequencies with keyword lines, exports, and the interview order dragged in the Documents panel."""

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from annotator.gui.document_table_model import DOCUMENT_MIME

STIGMA = "Organizational support for peer work > The \"peer\" role title > Stigma of the title"


@pytest.fixture
def window(demo_window):
    demo_window.resize(1366, 768)
    return demo_window


def retrieval_rows(window):
    return window.retrieval_panel.model.passages


def test_a_query_runs_shows_its_passages_and_codes_them_in_one_step(window, monkeypatch):
    service = window.service
    window.show_analysis("Query")
    view = window.analysis_panel.query
    expression = '"Stigma of the title" AND NOT "Legitimacy"'
    view.expression.setText(expression)
    view.run()
    expected = service.analysis.query(expression)
    assert len(retrieval_rows(window)) == len(expected.passages) > 0
    assert window.retrieval_panel.summary.text().startswith(f"{len(expected.passages)} passage")
    assert f"{expected.documents} document" in view.summary.text()
    # a bad query says where, in the tab, with no message box
    view.expression.setText('"Stigma of the title" AND AND "Legitimacy"')
    assert view.run() is None and "at character" in view.summary.text()
    # saved, chosen again from the list, and run
    view.expression.setText(expression)
    view.run()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Stigma, not legitimacy", True))
    view.save()
    assert [q.name for q in service.analysis.saved_queries()] == ["Stigma, not legitimacy"]
    view.expression.setText("")
    view._on_saved_chosen(view.saved.findText("Stigma, not legitimacy"))
    assert view.expression.text() == expression and view.result is not None
    # results into a new code: one undo step
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Stigma without legitimacy", True))
    before = service.counts()["codings"]
    view.code_as_new()
    new = service.codebook.codebook.by_path("Stigma without legitimacy")
    assert new is not None and service.counts()["codings"] == before + len(expected.passages)
    window.undo_action.trigger()
    assert service.codebook.codebook.by_path("Stigma without legitimacy") is None
    assert service.counts()["codings"] == before


def test_matrix_cells_totals_folding_and_freshness(qtbot, window):
    service = window.service
    window.show_analysis("Matrix")
    view = window.analysis_panel.matrix
    view.attribute.setCurrentText("gender")
    view.measure.setCurrentIndex(view.measure.findData("passages"))
    matrix = view.run()
    expected = service.analysis.matrix(attribute="gender")
    model = view.model
    columns = len(expected.columns)
    for r in range(len(expected.rows)):
        for c in range(columns):
            assert model.data(model.index(r, c), Qt.ItemDataRole.UserRole) == expected.value(r, c)
        assert model.data(model.index(r, columns), Qt.ItemDataRole.UserRole) == expected.row_totals[r].count
    # a cell opens its passages
    stigma = next(i for i, h in enumerate(matrix.rows) if h.key == service.codebook.codebook.by_path(STIGMA).id)
    female = next(i for i, h in enumerate(matrix.columns) if h.label == "female")
    view._on_cell(model.index(stigma, female))
    assert len(retrieval_rows(window)) == expected.cells[stigma][female].count
    assert window.docks["Analysis"].isVisible() and window.docks["Retrieval and Search"].isVisible()
    # folding a theme hides its subcodes' rows
    theme = next(i for i, h in enumerate(matrix.rows) if h.depth == 0)
    children = [i for i, h in enumerate(matrix.rows) if h.parent == matrix.rows[theme].key]
    view._on_row_header(theme)
    assert all(view.table.isRowHidden(i) for i in children) and not view.table.isRowHidden(theme)
    view._on_row_header(theme)
    assert not any(view.table.isRowHidden(i) for i in children)
    # a new coding: the numbers on screen follow
    doc = next(d for d in service.documents() if d.participant == "P01")
    code = service.codebook.codebook.by_path(STIGMA).id
    text = service.document_text(doc.id)
    start = text.index("Okay, it's recording")
    before = model.data(model.index(stigma, columns), Qt.ItemDataRole.UserRole)
    service.codings.code_passage(doc.id, code, start, start + 20)
    qtbot.waitUntil(lambda: model.data(model.index(stigma, columns), Qt.ItemDataRole.UserRole) == before + 1)


def test_cooccurrence_cells_open_where_both_codes_are(window):
    service = window.service
    window.show_analysis("Co-occurrence")
    view = window.analysis_panel.cooccurrence
    result = view.result
    assert result is not None
    i, j, n, c = result.pairs()[0]
    assert view.model.data(view.model.index(i, j), Qt.ItemDataRole.UserRole) == n
    view._on_cell(view.model.index(i, j))
    assert len(retrieval_rows(window)) == len(result.passages(i, j)) == n
    view.coefficient.setChecked(True)
    assert view.model.data(view.model.index(i, j), Qt.ItemDataRole.UserRole) == pytest.approx(c)
    assert result.count(i, j) == service.analysis.cooccurrence().count(i, j)


def test_saturation_says_where_it_is_reached_and_rows_open_the_new_codes(window):
    window.show_analysis("Saturation")
    view = window.analysis_panel.saturation
    result = view.result
    assert result.label == "6+2" and view.verdict.text().startswith("Saturation reached at 6+2")
    assert view.model.rowCount() == len(result.interviews) == 8
    bars = view.chart.figure.axes[0].patches
    heights = [round(b.get_height()) for b in bars if b.get_width() < 1]
    assert heights == [len(i.new) for i in result.interviews]
    fifth = result.interviews[4]
    view._on_row(view.model.index(4, 0))
    passages = retrieval_rows(window)
    assert passages and {p.document_id for p in passages} == {fifth.key}
    view.base.setValue(6)  # a larger base: the figures follow at once
    assert view.result.base_size == 6 and view.model.rowCount() == 8


def test_word_frequencies_keyword_lines_open_and_code(qtbot, window, monkeypatch):
    service = window.service
    window.show_analysis("Frequencies")
    view = window.analysis_panel.frequencies
    result = view.run()
    assert result.words and view.words.rowCount() == min(2000, len(result.words))
    words = [w.word for w in result.words]
    counts = {w.word: w.count for w in result.words}
    assert counts.get("person", 0) < 5 and counts.get("agency", 0) < 5  # "[Person A]", "[Agency B]" are not said
    view.word_table.selectRow(words.index("stipend"))
    lines = view.lines.rows
    assert lines and all(line.keyword.lower() == "stipend" for line in lines)
    view._on_line(view.lines.index(0, 0))
    assert window.transcript_view.textCursor().selectedText().lower() == "stipend"
    pay = service.codebook.codebook.by_path("Organizational support for peer work > Pay and employment conditions")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (service.codebook.codebook.path(pay.id), True))
    before = service.counts()["codings"]
    view.line_table.selectRow(0)
    view.code_lines()
    assert service.counts()["codings"] == before + 1
    # the stop words are the project's own
    service.analysis.set_stop_words([*service.analysis.stop_words(), "stipend"])
    assert "stipend" not in [w.word for w in view.run().words]


def test_every_result_exports(window, monkeypatch, tmp_path):
    chosen = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen[-1]), ""))
    panel = window.analysis_panel
    window.show_analysis("Saturation")
    for name, view in (("saturation.png", panel.saturation), ("saturation.svg", panel.saturation),
                       ("saturation.xlsx", panel.saturation), ("saturation.csv", panel.saturation)):
        chosen.append(tmp_path / name)
        view.export()
        assert (tmp_path / name).stat().st_size > 200, name
    window.show_analysis("Matrix")
    chosen.append(tmp_path / "matrix.xlsx")
    panel.matrix.export()
    assert (tmp_path / "matrix.xlsx").stat().st_size > 1000
    panel.query.expression.setText('"Stigma of the title"')
    panel.query.run()
    chosen.append(tmp_path / "passages.csv")
    window.retrieval_panel.export()
    lines = (tmp_path / "passages.csv").read_text("utf-8-sig").splitlines()
    assert len(lines) == 1 + len(window.retrieval_panel.model.passages)


def test_interview_order_by_drag_and_from_the_menu(window):
    service = window.service
    docs = service.documents()
    model = window.documents.model_
    mime = QMimeData()
    mime.setData(DOCUMENT_MIME, str(docs[6].id).encode())
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, model.index(-1, -1))  # the 7th dropped second
    order = [d.id for d in sorted(service.documents(), key=lambda d: d.interview_order)]
    assert order[1] == docs[6].id and order[0] == docs[0].id
    saturation = service.analysis.saturation()
    assert saturation.interviews[1].key == docs[6].id  # saturation follows the new order
    window.undo_action.trigger()
    assert [d.id for d in sorted(service.documents(), key=lambda d: d.interview_order)] == [d.id for d in docs]


def test_word_cloud_code_frequency_chart_and_document_scope(qtbot, window):
    service = window.service
    window.show_analysis("Frequencies")
    view = window.analysis_panel.frequencies
    view.run()
    view.left.setCurrentWidget(view.cloud)
    assert view.cloud.figure is not None and view.cloud.figure.axes[0].images
    window.show_analysis("Matrix")
    matrix = window.analysis_panel.matrix
    matrix.attribute.setCurrentText("gender")
    matrix.run()
    dialog = matrix.chart()
    qtbot.addWidget(dialog)
    bars = [p for p in dialog.canvas.figure.axes[0].patches if p.get_height() > 0]
    assert len(bars) >= len(matrix.matrix.rows)  # a bar a code and value
    # the analysis reads only the documents chosen
    first_two = [d.id for d in service.documents()[:2]]
    window.show_analysis("Saturation")
    saturation = window.analysis_panel.saturation
    saturation.scope_bar.choose_documents(first_two)
    assert [i.key for i in saturation.result.interviews] == first_two
    assert saturation.scope_bar.documents.text() == "2 documents"


def test_a_word_clicked_in_the_cloud_lists_its_lines_as_in_the_words_list(qtbot, window):
    from matplotlib.backend_bases import MouseEvent

    from annotator.reports.word_cloud import word_at

    window.show_analysis("Frequencies")
    view = window.analysis_panel.frequencies
    view.run()
    view.left.setCurrentWidget(view.cloud)
    figure = view.cloud.figure
    boxes = figure.word_boxes
    assert {b.word for b in boxes} <= {w.word for w in view.result.words}
    target = next(b for b in boxes if b.word != view.result.words[0].word)  # not the row already selected
    canvas = figure.canvas
    canvas.draw()
    # A click on a point of the word's ink, as the canvas gets it (display pixels from the image's pixels).
    point = next((x, y) for y in range(target.top, target.bottom + 1, 3) for x in range(target.left, target.right + 1, 3)
                 if word_at(boxes, x, y) == target.word)
    x, y = figure.axes[0].transData.transform(point)
    canvas.callbacks.process("button_press_event", MouseEvent("button_press_event", canvas, x, y, button=1))
    assert view.words.rows[view.word_table.currentIndex().row()].word == target.word
    assert view.keyword_summary.text().startswith(f"'{target.word}': ") and view.lines.rows
    between = MouseEvent("button_press_event", canvas, 1, 1, button=1)  # a corner: no word there
    canvas.callbacks.process("button_press_event", between)
    assert view.words.rows[view.word_table.currentIndex().row()].word == target.word


def test_the_cooccurrence_network_opens_from_its_tab(qtbot, window):
    window.show_analysis("Co-occurrence")
    view = window.analysis_panel.cooccurrence
    dialog = view.network()
    qtbot.addWidget(dialog)
    figure = dialog.canvas.figure
    strongest = view.result.pairs()[0]
    assert {view.result.codes[strongest[0]].label, view.result.codes[strongest[1]].label} <= set(figure.node_codes)
    assert figure.edge_count >= 1 and figure.axes[0].lines
