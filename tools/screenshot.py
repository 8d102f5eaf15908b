"""Take the README screenshot from the real app on a freshly built demo project: python tools/screenshot.py OUT.png"""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.services.demo import build_demo  # noqa: E402


def main(out: str) -> None:
    app = QApplication([])
    QStandardPaths.setTestModeEnabled(True)  # leave the user's saved window layout alone...
    app.setOrganizationName("AnnotatorScreenshot")
    QSettings().clear()  # ...and start from the first-run layout
    with tempfile.TemporaryDirectory() as tmp:
        service, _ = build_demo(Path(tmp) / "demo.annotator")
        window = MainWindow(service)
        window.resize(1400, 820)
        window.show()
        window.select_document(service.documents()[0].id)
        stipend = service.codebook.codebook.by_path("Organizational support for peer work > Pay and employment conditions")
        window.code_panel.select_code(stipend.id)
        window.retrieval_panel.table.selectRow(1)
        first = window.retrieval_panel.model.passages[1]
        window.open_passage(first.document_id, first.start, first.end)
        for _ in range(3):  # let the first-run dock sizes and the layout settle
            app.processEvents()
        window.open_passage(first.document_id, first.start, first.end)
        app.processEvents()
        window.grab().save(out)
        window.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")
