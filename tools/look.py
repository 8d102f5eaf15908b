"""Look at the app as a researcher would: open the demo (or a project) in a real window on the current display
(Xvfb for a headless machine), run a named walk through the workspace, and save a screenshot of the whole screen
after each step, so dialogs and popups show too.

    Xvfb :99 -screen 0 1366x768x24 & openbox &   # a screen the size of a laptop's, with a window manager
    DISPLAY=:99 python tools/look.py OUT_FOLDER [--dark] [--scale 2] [--walk workspace|dialogs|all]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--scale", default="")
    parser.add_argument("--walk", default="all")
    parser.add_argument("--raw", action="store_true", help="the demo with its names, before de-identification")
    args = parser.parse_args()
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = args.scale
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

    from PySide6.QtCore import QSettings, QStandardPaths, QTimer
    from PySide6.QtWidgets import QApplication

    from annotator.gui.main_window import MainWindow
    from annotator.gui.theme import apply_theme
    from annotator.services.demo import build_demo
    from tools.walks import WALKS

    app = QApplication([])
    QStandardPaths.setTestModeEnabled(True)
    app.setOrganizationName("AnnotatorLook")
    QSettings().clear()
    apply_theme(app, "Dark" if args.dark else "System")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        service, _ = build_demo(Path(tmp) / "demo.annotator", deidentify=not args.raw)
        window = MainWindow(service)
        window.show()
        steps = [step for name, walk in WALKS.items() if args.walk in (name, "all") for step in walk(window, Path(tmp))]
        shots = []

        def shoot(name: str) -> None:
            path = args.out / f"{len(shots):02d}-{name}.png"
            app.primaryScreen().grabWindow(0).save(str(path))
            shots.append(path)

        def run(index: int = 0) -> None:
            if index == len(steps):
                window.close()
                app.quit()
                return
            name, action = steps[index]
            action()
            QTimer.singleShot(400, lambda: (shoot(name), QTimer.singleShot(50, lambda: run(index + 1))))

        QTimer.singleShot(800, run)
        app.exec()
    print("\n".join(str(p) for p in shots))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
