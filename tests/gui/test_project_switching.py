"""Opening another project: every panel shows the new project and nothing of the old one (a new user saw the other
project's entities with their original names, its participants, its speakers and its search after switching);
recent projects survive a restart; launch reopens the last project; a damaged project leads to the start screen."""

import subprocess
import sys
import textwrap

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from annotator.gui import main as gui_main
from annotator.gui.main_window import MainWindow
from annotator.gui.projects import open_recent, recent_projects, remember_recent_project
from annotator.gui.start_dialog import StartDialog
from annotator.services.project_service import ProjectService


def shown_texts(window) -> str:
    """Everything the window's panels display: every model's cells and headers, every label and text box."""
    texts = []
    for model in window.findChildren(QAbstractItemModel):  # the panels' models, and the completer's

        columns = 1 if isinstance(model, QAbstractListModel) else None

        def walk(parent=QModelIndex()):
            for row in range(model.rowCount(parent)):
                for column in range(columns or model.columnCount(parent)):
                    index = model.index(row, column, parent)
                    texts.append(str(model.data(index) or ""))
                    if column == 0 and model.rowCount(index):
                        walk(index)

        walk()
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns or model.columnCount(QModelIndex()))]
    texts += [w.text() for w in window.findChildren(QLabel) if w.isVisibleTo(window)]
    texts += [w.text() for w in window.findChildren(QLineEdit) if w.isVisibleTo(window)]
    texts.append(window.transcript_view.toPlainText())
    return "\n".join(texts)


def project_b(tmp_path, samples) -> ProjectService:
    path = tmp_path / "b" / "other.annotator"
    path.parent.mkdir()
    other = tmp_path / "b" / "Q1.txt"
    other.write_text("FACILITATOR: Welcome back.\n\nROBIN: Thanks, glad to be here.\n", encoding="utf-8")
    service = ProjectService.create(path, coder="tester")
    service.import_files([other])
    service.codebook.add_code("Belonging")
    service.close()
    return path


def test_every_panel_shows_the_new_project_and_nothing_of_the_old(qtbot, demo_service, tmp_path, samples):
    a = demo_service  # the demo with its (fictional) names still in
    doc = next(d for d in a.documents() if d.participant == "P01")
    text = a.document_text(doc.id)
    name_at = text.index("Louise")
    a.deid.add(doc.id, name_at, name_at + len("Louise Tremblay"), "PERSON")  # an entity with its original name
    window = MainWindow(a)
    qtbot.addWidget(window)
    window.show()
    window.retrieval_panel.search_box.setText("stipend")
    window.retrieval_panel.search(window.retrieval_panel.search_box.text())
    window.code_panel.select_code(next(iter(a.codebook.codebook.tree_order())))
    window.coding.pin(next(iter(a.codebook.codebook.tree_order())), 1)
    before = shown_texts(window)
    assert "Louise Tremblay" in before and "01_P01_interview" in before and "stipend" in before

    b = project_b(tmp_path, samples)
    assert window.switch_to(open_recent(str(b)))
    qtbot.waitUntil(lambda: window.windowTitle().startswith("other"))
    after = shown_texts(window)
    for leftover in ("Louise Tremblay", "01_P01_interview", "stipend", "Peer work in practice", "Interviewer",
                     "P01", "Analytic decisions"):
        assert leftover not in after, leftover
    service = window.service
    assert service.path == b
    assert window.document_model.rowCount() == 1 and window.transcript_view.text.startswith("FACILITATOR")
    assert [window.speakers_panel.topLevelItem(i).text(0) for i in range(window.speakers_panel.topLevelItemCount())] \
        == ["FACILITATOR", "ROBIN"]
    assert window.deid_panel.entities.rowCount() == 0 and "0 to review" in window.deid_panel.summary.text()
    assert window.participants_panel.model.rowCount() == 0
    assert window.retrieval_panel.search_box.text() == "" and window.retrieval_panel.model.rowCount() == 0
    assert window.memo_panel.model.rowCount() == 0
    assert [b.text() for b in window.quick_bar.buttons] == ["Number keys: right-click a code, Quick-Code Key"]
    assert window.code_panel.model.rowCount() == 1
    assert not window.undo_action.isEnabled()
    # the buttons act on the new project: accepting with nothing selected changes nothing anywhere
    window.deid_panel.accept()
    assert service.deid.entities() == []
    # the old project was closed: its file is free for another program
    ProjectService.open(a.path).close()


def test_a_new_empty_project_shows_no_speakers_or_participants(qtbot, demo_service, tmp_path):
    window = MainWindow(demo_service)
    qtbot.addWidget(window)
    window.show()
    assert window.speakers_panel.topLevelItemCount() == 2
    assert window.switch_to(lambda: ProjectService.create(tmp_path / "empty.annotator"))
    assert window.speakers_panel.topLevelItemCount() == 0
    assert window.document_model.rowCount() == 0 and window.transcript_view.text == ""
    assert window.participants_panel.model.rowCount() == 0 and window.code_panel.model.rowCount() == 0
    assert window.counts_label.text().startswith("0 documents")


def test_a_pending_refresh_from_the_old_project_never_reaches_the_new_one(qtbot, demo_service, tmp_path):
    window = MainWindow(demo_service)
    qtbot.addWidget(window)
    window.show()
    view = window.transcript_view
    start = view.text.index("Okay, it's recording")
    view.select_range(start, start + 20)
    window.coding.code_selection(next(iter(demo_service.codebook.codebook.tree_order())))  # queues count refreshes
    assert window.switch_to(lambda: ProjectService.create(tmp_path / "next.annotator"))
    qtbot.wait(50)  # the old panels' queued refreshes would run now, against a closed project
    assert window.code_panel.model.rowCount() == 0


RESTART = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    QStandardPaths.setTestModeEnabled(True)
    app.setOrganizationName("AnnotatorRestartTest")
    app.setApplicationName("AnnotatorRestartTest")
    from annotator.gui.projects import recent_projects, remember_recent_project
    if sys.argv[1] == "write":
        QSettings().clear()
        remember_recent_project(sys.argv[2])
        QSettings().sync()
    else:
        print(repr(recent_projects()))
""")


def test_one_recent_project_reads_back_as_one_entry_after_a_restart(tmp_path):
    project = tmp_path / "study.annotator"
    ProjectService.create(project).close()
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": ""}
    subprocess.run([sys.executable, "-c", RESTART, "write", str(project)], check=True, env=env, timeout=60)
    read = subprocess.run([sys.executable, "-c", RESTART, "read"], check=True, env=env, capture_output=True, text=True,
                          timeout=60)
    assert read.stdout.strip() == repr([str(project)])


def test_recent_menu_never_lists_characters_or_folders(qtbot, demo_service, tmp_path):
    project = tmp_path / "study.annotator"
    ProjectService.create(project).close()
    QSettings().setValue("recent_projects", str(project))  # how QSettings hands back a one-item list
    assert recent_projects() == [str(project)]
    QSettings().setValue("recent_projects", ["/", str(tmp_path), str(project)])
    assert recent_projects() == [str(project)]
    window = MainWindow(demo_service)
    qtbot.addWidget(window)
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == [f"study — {project}"]  # name, then where


def test_launch_reopens_the_last_project_and_the_demo_only_the_first_time(tmp_path, monkeypatch):
    monkeypatch.setattr(gui_main, "demo_project_path", lambda: tmp_path / "demo.annotator")
    opener = gui_main.first_project(None)  # the very first run: the demo
    service = opener()
    assert service.path == tmp_path / "demo.annotator"
    remember_recent_project(service.path)
    service.close()
    study = tmp_path / "study.annotator"
    ProjectService.create(study).close()
    remember_recent_project(study)
    service = gui_main.first_project(None)()
    assert service.path == study  # the last one, not the demo
    service.close()
    study.unlink()
    (tmp_path / "demo.annotator").unlink()
    assert gui_main.first_project(None) is None  # nothing left to reopen: the start screen


def test_a_damaged_project_shows_why_then_the_start_screen(tmp_path, monkeypatch, shown_errors):
    damaged = tmp_path / "damaged.annotator"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    good = tmp_path / "good.annotator"
    ProjectService.create(good).close()
    offered = []

    def start_screen(dialog):
        offered.append(dialog)
        dialog.opener = open_recent(str(good))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(StartDialog, "exec", start_screen)
    service = gui_main.choose_at_start(open_recent(str(damaged)))
    assert len(shown_errors) == 1 and "damaged.annotator" in shown_errors[0]
    shown_errors.clear()
    assert len(offered) == 1 and service is not None and service.path == good
    service.close()
    monkeypatch.setattr(StartDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert gui_main.choose_at_start(None) is None  # closing the start screen quits, nothing half-open
