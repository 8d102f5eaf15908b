"""Each view refreshes only its part: after a coding, the statements the whole window runs until it is idle are
counted and read, so a full reload of the documents list or of every code's counts cannot come back unnoticed
(on 500 interviews that reload took 300 ms a coding)."""

import re

import pytest
from PySide6.QtWidgets import QApplication

from annotator.services.project_service import ProjectService


def idle(qtbot):
    for _ in range(4):
        QApplication.processEvents()
    qtbot.wait(5)


class Statements:
    """Every SQL statement the project's connection runs while recording."""

    def __init__(self, service: ProjectService):
        self.seen: list[str] = []
        self.recording = False
        service.project.db.conn.set_trace_callback(lambda sql: self.recording and self.seen.append(" ".join(sql.split())))

    def __enter__(self):
        self.seen.clear()
        self.recording = True
        return self

    def __exit__(self, *exc):
        self.recording = False


@pytest.fixture
def project(open_window, service, tmp_path, samples):
    for i in range(12):  # a dozen interviews: a full reload would read all twelve
        path = tmp_path / f"P{i:02d}.txt"
        # (each its own text: the same text twice is one document, the second skipped as a duplicate)
        path.write_text((samples / "01_P01_interview.txt").read_text("utf-8") + f"\n\nInterviewer: Thank you, {i}.\n",
                        encoding="utf-8")
    service.import_files(sorted(tmp_path.glob("P*.txt")))
    assert len(service.documents()) == 12
    themes = [service.codebook.add_code(f"Theme {t}") for t in range(3)]
    codes = [service.codebook.add_code(f"Code {t}.{c}", themes[t]) for t in range(3) for c in range(3)]
    window = open_window(service)
    return window, service, codes


def whole_table_reads(statements: list[str]) -> list[str]:
    """Statements that read every document's row or every code's codings."""
    suspicious = []
    for sql in statements:
        if re.search(r"FROM documents d LEFT JOIN participants", sql) and "IN (" not in sql:
            suspicious.append(sql)
        if "GROUP BY c.code_id" in sql and "IN (" not in sql:
            suspicious.append(sql)
        if re.search(r'SELECT document_id, start, "end" FROM codings ORDER BY', sql):
            suspicious.append(sql)
    return suspicious


def test_a_coding_refreshes_its_document_row_and_its_codes_counts_only(qtbot, project):
    window, service, codes = project
    idle(qtbot)
    document = window.current_document
    text = window.transcript_view.text
    watch = Statements(service)
    for n in range(3):
        start = text.index("stipend") if n == 0 else 200 * n
        window.transcript_view.select_range(start, start + 40)
        with watch:
            window.coding.code_selection(codes[n])
            idle(qtbot)
        assert whole_table_reads(watch.seen) == [], watch.seen
        assert len(watch.seen) < 60, len(watch.seen)
    # and the rows and counts on screen are right
    row = window.document_model.row_of(document)
    summary = window.document_model.document_at(row)
    assert summary.coded_share == service.documents([document])[0].coded_share > 0
    counts = service.codebook.counts()
    for code in codes[:3]:
        assert window.code_panel.model.counts[code] == counts[code]
    theme = service.codebook.codebook[codes[0]].parent_id
    assert window.code_panel.model.counts[theme].total_references == counts[theme].total_references == 3


def test_uncoding_and_undo_stay_local_too(qtbot, project):
    window, service, codes = project
    idle(qtbot)
    view = window.transcript_view
    view.select_range(100, 160)
    coding = window.coding.code_selection(codes[4])
    idle(qtbot)
    watch = Statements(service)
    with watch:
        window.coding.uncode([coding])
        idle(qtbot)
        window.undo_action.trigger()
        idle(qtbot)
    assert whole_table_reads(watch.seen) == [], watch.seen
    assert window.code_panel.model.counts[codes[4]].references == 1


def test_merging_codes_leaves_every_share_coded_alone_and_keeps_the_counts_right(qtbot, project):
    """A merge moves codings between codes: which characters are coded does not change, so no document's share is
    read again (a merge of 353 codings touched 300 documents' rows on the team-sized project)."""
    window, service, codes = project
    documents = [d.id for d in service.documents()]
    for n, document in enumerate(documents[:4]):
        service.codings.code_passage(document, codes[0], 100, 160)
        service.codings.code_passage(document, codes[1], 100 + 50 * n, 180 + 50 * n)
    idle(qtbot)
    shares = {d.id: d.coded_share for d in service.documents()}
    watch = Statements(service)
    for step in ("merge", "undo"):
        with watch:
            if step == "merge":
                service.codebook.merge_codes(codes[0], codes[1])
            else:
                window.undo_action.trigger()
            idle(qtbot)
        assert not [s for s in watch.seen if 'SELECT document_id, start, "end" FROM codings' in s], step
        assert whole_table_reads(watch.seen) == [], watch.seen
        on_screen = {window.document_model.document_at(r).id: window.document_model.document_at(r).coded_share
                     for r in range(window.document_model.rowCount())}
        assert on_screen == shares == {d.id: d.coded_share for d in service.documents()}
        counts = service.codebook.counts()
        assert {c: window.code_panel.model.counts[c] for c in counts} == counts
    assert window.code_panel.model.counts[codes[0]].references == 4


def test_a_folded_codebook_stays_folded_when_a_code_changes(qtbot, project):
    window, service, codes = project
    tree, panel = window.code_panel.tree, window.code_panel
    theme = service.codebook.codebook[codes[0]].parent_id
    index = lambda code: panel.proxy.mapFromSource(panel.model.index_of(code))  # noqa: E731
    assert tree.isExpanded(index(theme))  # opened the first time
    tree.collapseAll()
    service.codebook.rename_code(codes[0], "Renamed")
    idle(qtbot)
    assert not any(tree.isExpanded(index(c)) for c in service.codebook.codebook.codes)
    tree.setExpanded(index(theme), True)
    service.codebook.rename_code(codes[1], "Renamed too")
    idle(qtbot)
    assert tree.isExpanded(index(theme))


def test_a_window_opening_reads_every_share_coded_and_every_count_once(qtbot, open_window, service, samples):
    """The documents list needs each document's share coded; the other panels (de-identification's document filter,
    the analyses' document choosers) need only names. On 500 interviews each extra read of every coding was 45 ms."""
    service.import_files([samples / "01_P01_interview.txt", samples / "02_P02_interview.txt"])
    statements = Statements(service)
    with statements:
        open_window(service)
        idle(qtbot)
    shares = [s for s in statements.seen if re.search(r'SELECT document_id, start, "end" FROM codings', s)]
    counts = [s for s in statements.seen if "GROUP BY c.code_id" in s]
    assert len(shares) == 1 and len(counts) == 1, (shares, counts)


def test_renaming_or_recolouring_a_code_updates_its_row_without_rebuilding_the_codebook(qtbot, project):
    window, service, codes = project
    model = window.code_panel.model
    resets = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    window.code_panel.tree.collapseAll()
    window.code_panel.tree.expand(window.code_panel.proxy.mapFromSource(model.index_of(service.codebook.codebook[codes[0]].parent_id)))
    with Statements(service) as statements:
        service.codebook.rename_code(codes[0], "Renamed")
        service.codebook.recolour_code(codes[0], "#123456")
        idle(qtbot)
    assert resets == [] and whole_table_reads(statements.seen) == []
    assert model.data(model.index_of(codes[0])) == "Renamed"
    assert not any("GROUP BY c.code_id" in s for s in statements.seen)  # counts do not change with a name
    service.undo()  # the colour
    service.undo()  # the name
    idle(qtbot)
    assert model.data(model.index_of(codes[0])) == "Code 0.0" and resets == []
    service.codebook.add_code("A new one")  # the tree's shape changes: rebuilt
    idle(qtbot)
    assert resets == [1] and window.code_panel.tree.isExpanded(
        window.code_panel.proxy.mapFromSource(model.index_of(service.codebook.codebook[codes[0]].parent_id)))
