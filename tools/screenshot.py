"""Take the README screenshot from the real app on a freshly built demo project: python tools/screenshot.py OUT.png"""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.services.demo import build_demo  # noqa: E402


def main(out: str) -> None:
    app = QApplication([])
    QStandardPaths.setTestModeEnabled(True)  # leave the user's saved window layout alone
    with tempfile.TemporaryDirectory() as tmp:
        service, _ = build_demo(Path(tmp) / "demo.annotator")
        window = MainWindow(service)
        window.resize(1400, 820)
        window.show()
        window.select_document(service.documents()[2].id)
        app.processEvents()
        window.grab().save(out)
        window.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")
