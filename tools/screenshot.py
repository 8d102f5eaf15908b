"""Take the README screenshots from the real app on a freshly built demo project, at a laptop's 1366×768, in the
light and the dark palette: python tools/screenshot.py [docs]"""

import json
import os
import sys
import tempfile
from pathlib import Path

# An offscreen screen the size of a laptop's (the default offscreen screen is 800×600).
_SCREEN = Path(tempfile.gettempdir()) / "annotator-screenshot-screen.json"
_SCREEN.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.gui.theme import apply_theme  # noqa: E402
from annotator.services.demo import build_demo  # noqa: E402

STIPEND = "Organizational support for peer work > Pay and employment conditions"


def settle(app: QApplication) -> None:
    for _ in range(4):  # the first-run panel sizes and the layout settle
        app.processEvents()


def shoot(app: QApplication, folder: Path, theme: str, name: str) -> None:
    apply_theme(app, theme)
    with tempfile.TemporaryDirectory() as tmp:
        service, _ = build_demo(Path(tmp) / "demo.annotator")
        window = MainWindow(service)
        window.setWindowState(window.windowState())  # no maximising offscreen: the exact size below
        window.resize(1366, 768)
        window.show()
        settle(app)
        window.select_document(service.documents()[0].id)
        window.code_panel.select_code(service.codebook.codebook.by_path(STIPEND).id)
        settle(app)
        passage = window.retrieval_panel.model.passages[1]
        window.retrieval_panel.table.selectRow(1)
        window.open_passage(passage.document_id, passage.start, passage.end)
        settle(app)
        window.grab().save(str(folder / name))
        window.close()


def shoot_analysis(app: QApplication, folder: Path) -> None:
    """The Analysis panel beside Retrieval: a matrix cell's passages, and the saturation view."""
    apply_theme(app, "Light")
    with tempfile.TemporaryDirectory() as tmp:
        service, _ = build_demo(Path(tmp) / "demo.annotator")
        window = MainWindow(service)
        window.resize(1366, 768)
        window.show()
        settle(app)
        window.show_analysis("Matrix")
        view = window.analysis_panel.matrix
        view.attribute.setCurrentText("gender")
        view.measure.setCurrentIndex(view.measure.findData("participants"))
        view.run()
        stigma = service.codebook.codebook.by_path(STIGMA).id
        row = next(i for i, h in enumerate(view.matrix.rows) if h.key == stigma)
        view.table.scrollTo(view.model.index(row, 0))
        view._on_cell(view.model.index(row, 0))
        settle(app)
        window.grab().save(str(folder / "analysis-matrix.png"))
        window.show_analysis("Saturation")
        settle(app)
        window.grab().save(str(folder / "analysis-saturation.png"))
        window.show_analysis("Query")
        query = window.analysis_panel.query
        query.expression.setText('"Stigma of the title" AND NOT "Legitimacy"')
        query.run()
        settle(app)
        window.grab().save(str(folder / "analysis-query.png"))
        window.show_analysis("Co-occurrence")
        cooccurrence = window.analysis_panel.cooccurrence
        i, j, _n, _c = cooccurrence.result.pairs()[0]
        cooccurrence._on_cell(cooccurrence.model.index(i, j))
        settle(app)
        window.grab().save(str(folder / "analysis-cooccurrence.png"))
        window.show_analysis("Frequencies")
        frequencies = window.analysis_panel.frequencies
        frequencies.run()
        frequencies.left.setCurrentWidget(frequencies.cloud)
        settle(app)
        window.grab().save(str(folder / "analysis-frequencies.png"))
        window.close()


STIGMA = 'Organizational support for peer work > The "peer" role title > Stigma of the title'


def main(folder: str) -> None:
    app = QApplication([])
    QStandardPaths.setTestModeEnabled(True)  # leave the user's saved window layout alone...
    app.setOrganizationName("AnnotatorScreenshot")
    QSettings().clear()  # ...and start from the first-run layout
    out = Path(folder)
    shoot(app, out, "Light", "screenshot.png")
    QSettings().clear()
    shoot(app, out, "Dark", "screenshot-dark.png")
    QSettings().clear()
    shoot_analysis(app, out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs")
