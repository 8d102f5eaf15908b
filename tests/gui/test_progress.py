"""Long work in the background: the progress dialog says what it is on and, once it can tell, the time left."""

import threading
from types import SimpleNamespace

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
    with qtbot.waitSignal(worker.finished, timeout=30000):
        release.set()
