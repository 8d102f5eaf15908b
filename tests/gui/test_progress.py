"""Long work in the background: the progress dialog says what it is on and, once it can tell, the time left."""

import threading
from types import SimpleNamespace

import shiboken6
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.gui import import_worker


def test_the_progress_dialog_names_the_step_and_the_time_left(qtbot, monkeypatch):
    now = [0.0]
    monkeypatch.setattr(import_worker, "time", SimpleNamespace(monotonic=lambda: now[0]))
    parent = QWidget()
    qtbot.addWidget(parent)
    release, halfway = threading.Event(), threading.Event()

    def task(progress, cancelled):
        progress(0, 10, "P01")
        halfway.wait(60)  # (never long enough to end the task on its own)
        progress(5, 10, "P06")
        release.wait(60)
        return "done"

    worker = import_worker.run_with_progress(parent, "Detect identifiers", "Looking in", task)
    dialog = parent.findChild(QProgressDialog)
    qtbot.waitUntil(lambda: "P01" in dialog.labelText())
    assert dialog.labelText() == "Looking in P01"  # nothing to go on yet
    now[0] = 100.0  # half the interviews in 100 s
    halfway.set()
    qtbot.waitUntil(lambda: "P06" in dialog.labelText())
    assert dialog.labelText() == "Looking in P06\nabout 2 minutes left"
    assert (dialog.value(), dialog.maximum()) == (5, 10)
    release.set()
    # the task returned and its thread ended (and, its end heard, the worker is deleted)
    qtbot.waitUntil(lambda: not shiboken6.isValid(worker) or worker.isFinished(), timeout=30000)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)  # and the window heard it: the dialog goes


def test_a_task_done_before_the_caller_goes_on_is_still_heard(qtbot, monkeypatch, demo_window, tmp_path):
    """A quick report could end before ReportRunner connected to its worker: its end went unheard, no 'Wrote'
    message came, and the window refused every later report as one still running. Here every task ends inside
    start(), before run_with_progress returns, and each runner still hears it."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    from annotator.gui.report_dialog import ReportOptions

    start = import_worker.TaskWorker.start

    def start_and_finish_at_once(worker):
        start(worker)
        worker.wait()  # the thread has ended (its signals queued) before the caller's next line

    monkeypatch.setattr(import_worker.TaskWorker, "start", start_and_finish_at_once)
    monkeypatch.setattr(ReportOptions, "exec", lambda options: QDialog.DialogCode.Accepted)
    window = demo_window
    for name in ("first.csv", "second.csv"):
        out = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, out=out, **k: (str(out), ""))
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
        window.reports.start("passages", window.service)
        qtbot.waitUntil(lambda: window.reports.worker is None)
        assert out.exists() and window.busy_with() is None
        qtbot.waitUntil(lambda name=name: any(b.text().startswith(f"Wrote {name}")
                                              for b in window.findChildren(QMessageBox)))
    panel = window.deid_panel
    monkeypatch.setattr(window.service.deid, "detect", lambda *a, **k: 0)
    panel.detect()
    qtbot.waitUntil(lambda: panel.worker is None)
    assert panel.summary.text().startswith("0 new mentions found. 0 to review")
