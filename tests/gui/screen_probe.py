"""Run by tests/gui/test_layout.py in a fresh process whose offscreen screen has a given size and scale factor (Qt's
screen is fixed for the life of a process): open the main window on the demo project, select a code with a very
long name, and print what lies where as one JSON line."""

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QDockWidget


def rect(r):
    return [r.x(), r.y(), r.width(), r.height()]


def main() -> None:
    app = QApplication([])
    QStandardPaths.setTestModeEnabled(True)
    app.setOrganizationName("AnnotatorScreenProbe")
    QSettings().clear()
    from annotator.gui.main_window import MainWindow
    from annotator.services.demo import build_demo

    with tempfile.TemporaryDirectory() as tmp:
        service, _ = build_demo(Path(tmp) / "demo.annotator")
        long = service.codebook.add_code("A code whose name is far longer than any panel could show on one line "
                                         "without eliding it, as researchers' in-vivo codes often are")
        window = MainWindow(service)
        window.show()
        for _ in range(5):
            app.processEvents()
        before = rect(window.frameGeometry())
        window.code_panel.select_code(long)
        for _ in range(3):
            app.processEvents()
        table = window.documents
        header = table.horizontalHeader()
        columns = {}
        for column in range(table.model().columnCount()):
            name = table.model().headerData(column, Qt.Orientation.Horizontal)
            columns[name] = {"hidden": table.isColumnHidden(column),
                             "right": header.sectionViewportPosition(column) + header.sectionSize(column)}
        out = {
            "screen": rect(window.screen().availableGeometry()),
            "frame_before": before,
            "frame": rect(window.frameGeometry()),
            "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
            "docks": {d.windowTitle(): rect(d.geometry()) for d in window.findChildren(QDockWidget) if d.isVisible()
                      and not d.visibleRegion().isEmpty()},
            "quick_box": window.quick_box.width(),
            "readable_box": window.quick_box.fontMetrics().horizontalAdvance("x" * 24),
            "documents_viewport": table.viewport().width(),
            "documents_columns": columns,
        }
        window.close()
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
