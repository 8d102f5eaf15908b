"""The window on real laptop screens: it fits a 1366×768 screen (the bottom tabs and status bar were off-screen at a
fixed 1400×860), and a 1920×1080 one at a scale factor of 2 (the Codebook was off-screen); a long code name never
widens it; the Documents panel shows its numbers at the default size; View > Reset Layout brings every panel
back."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.gui.main_window import MainWindow

PROBE = Path(__file__).with_name("screen_probe.py")
ROOT = Path(__file__).resolve().parents[2]


def probe(tmp_path, width, height, scale=1):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": str(scale),
           "HOME": str(tmp_path), "PATH": "", "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, str(PROBE)], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def inside(inner, outer):
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.parametrize("width, height, scale", [(1366, 768, 1), (1920, 1080, 2)])
def test_the_window_and_every_panel_fit_the_screen(tmp_path, width, height, scale):
    seen = probe(tmp_path, width, height, scale)
    screen = seen["screen"]
    assert inside(seen["frame"], screen), seen
    assert seen["minimum"][0] <= screen[2] and seen["minimum"][1] <= screen[3], seen
    assert seen["frame"] == seen["frame_before"]  # selecting a code with a long name widened the window
    window = [0, 0, seen["frame"][2], seen["frame"][3]]
    for title, geometry in seen["docks"].items():
        assert inside(geometry, window), (title, geometry, window)
    assert {"Documents", "Codebook", "Retrieval and Search"} <= set(seen["docks"])
    assert seen["quick_box"] >= seen["readable_box"]


def test_the_documents_panel_shows_its_numbers_at_the_default_size(tmp_path):
    seen = probe(tmp_path, 1366, 768)
    columns, room = seen["documents_columns"], seen["documents_viewport"]
    for name in ("#", "Document", "Participant", "Words", "Coded"):
        assert not columns[name]["hidden"] and columns[name]["right"] <= room, (name, columns, room)


def test_reset_layout_brings_every_panel_back(qtbot, service):
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    window.docks["Codebook"].hide()
    window.docks["Documents"].setFloating(True)
    window.removeDockWidget(window.docks["Memos"])
    window.layout_keeper.reset()
    qtbot.wait(10)
    for title, dock in window.docks.items():
        assert dock.isVisibleTo(window) and not dock.isFloating(), title
    assert window.dockWidgetArea(window.docks["Codebook"]) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.dockWidgetArea(window.docks["Memos"]) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert window.tabifiedDockWidgets(window.docks["Retrieval and Search"])  # the bottom panels are tabs again
