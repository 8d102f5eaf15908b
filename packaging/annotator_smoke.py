"""The smoke test that runs inside the packaged app (`annotator --smoke-test FOLDER`), watched for network use.

It does what a researcher's first hour does, through the same CLI subcommands and window the bundle ships: build
the demo, detect identifiers on a raw copy (on one and on two processes), apply pseudonyms, write a coded report
and a .qdpx, encrypt a copy and read it back, then open the app as on a first launch and read Help > About. An
audit hook, installed before anything is imported, records any connection, name lookup or datagram, and any
socket bound beyond loopback. One JSON line (`SMOKE {...}`) reports it all; packaging/smoke.py runs this and checks the line.

`--window [PROJECT]` only starts the app (on PROJECT, else as on a first launch) and reports how long after
ANNOTATOR_SMOKE_T0 (the launcher's clock) its main window was on screen: the cold-start time.
"""

import sys
import time

NETWORK_EVENTS: list[str] = []
_LOOPBACK = ("::1", "127.0.0.1", "localhost")


def _watch(event: str, args: tuple) -> None:
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo", "socket.gethostbyname",
                 "socket.gethostbyaddr", "socket.getnameinfo"):
        NETWORK_EVENTS.append(f"{event} {args[1:2]!r}")
    elif event == "socket.bind" and str(args[1][0]) not in _LOOPBACK:
        # urllib3 (imported by spaCy's config loading) binds ::1 once to learn whether IPv6 exists: allowed.
        NETWORK_EVENTS.append(f"{event} {args[1][0]}")


sys.addaudithook(_watch)

# Everything else is imported after the hook, so nothing an import does escapes it.
import contextlib
import io
import json
import os
import zipfile
from pathlib import Path


def _cli(*args: str) -> tuple[int, str]:
    """Run one `annotator SUBCOMMAND ...` in this process (the same parser and handlers), capturing stdout."""
    from annotator.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([str(a) for a in args])
    return code, out.getvalue()


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)


def _headless_steps(folder: Path, result: dict) -> None:
    steps = result["steps"]
    began = time.perf_counter()

    def done(name: str) -> None:
        nonlocal began
        steps[name] = round(time.perf_counter() - began, 2)
        began = time.perf_counter()

    from annotator.deid import language_model

    language_model.load()  # first on its own: the CLI below would turn a failure into one line without its cause
    done("language model loaded")

    demo, raw, key = folder / "demo.annotator", folder / "raw.annotator", folder / "raw.annotator-key"
    code, _ = _cli("demo", demo)
    _check(code == 0 and demo.exists(), "annotator demo built no project")
    code, out = _cli("info", demo, "--json")
    info = json.loads(out)
    _check(code == 0 and info["documents"] == 8 and info["codings"] > 100 and info["audit_log_intact"],
           f"the demo is not whole: {info}")
    result["demo"] = {k: info[k] for k in ("documents", "speaker_turns", "participants", "codes", "codings")}
    done("demo (built and de-identified)")

    code, _ = _cli("demo", "--raw", raw)
    _check(code == 0, "annotator demo --raw failed")
    code, out = _cli("deid", "detect", raw, "--json")
    found = json.loads(out)
    kinds = {e["type"] for e in found["entities"]}
    _check(code == 0 and found["new_mentions"] > 50 and {"PERSON", "PLACE", "AGENCY"} <= kinds,
           f"detection found too little: {found['new_mentions']} mentions of {sorted(kinds)}")
    result["detected"] = {"mentions": found["new_mentions"], "entities": len(found["entities"])}
    done("deid detect (raw demo)")

    # The statistical layer alone on two worker processes, as large projects run it: same entities as on one.
    from annotator.services.demo import sample_files
    texts = [p.read_text("utf-8") for p in sample_files() if p.suffix == ".txt"]
    one = [[(c.start, c.end, c.type) for c in found] for found in language_model.find_entities_many(texts, 1)]
    two = [[(c.start, c.end, c.type) for c in found] for found in language_model.find_entities_many(texts, 2)]
    _check(one == two and sum(map(len, one)) > 0, "the language model on two processes differs from one process")
    done("language model on two processes")

    with contextlib.redirect_stderr(io.StringIO()):  # the warning that the new key has no passphrase
        code, _ = _cli("deid", "apply", raw, "--key", key, "--accept-all")
    _check(code == 0 and key.exists(), "deid apply failed")
    code, _ = _cli("deid", "residual", raw, "--key", key)
    _check(code == 0, "known identifiers remain after apply")
    done("deid apply and residual")

    report = folder / "coded.docx"
    code, _ = _cli("report", "coded", raw, report, "--key", key)
    with zipfile.ZipFile(report) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    _check(code == 0 and body.count("<w:p>") + body.count("<w:p ") > 100, "the coded report is empty")
    done("report coded")

    qdpx = folder / "raw.qdpx"
    code, _ = _cli("qdpx", "export", raw, qdpx, "--key", key)
    with zipfile.ZipFile(qdpx) as archive:
        names = archive.namelist()
        project = archive.read("project.qde").decode("utf-8")
    _check(code == 0 and project.count("<TextSource") == 8 and project.count("<Coding") > 100,
           f"the .qdpx is not whole: {len(names)} files")
    result["outputs"] = {p.name: p.stat().st_size for p in (report, qdpx)}
    done("qdpx export")

    # SQLCipher, whose native library the bundle must carry: encrypt a copy of the demo, read it back, and check
    # that no byte of it reads as SQLite any more.
    encrypted = folder / "encrypted.annotator"
    encrypted.write_bytes(demo.read_bytes())
    os.environ["ANNOTATOR_PROJECT_PASSPHRASE"] = "the smoke test's passphrase"
    try:
        code, _ = _cli("encrypt", encrypted)
        _check(code == 0 and not encrypted.read_bytes().startswith(b"SQLite format 3"), "annotator encrypt failed")
        code, out = _cli("info", encrypted, "--json")
        _check(code == 0 and json.loads(out)["codings"] == info["codings"], "the encrypted project reads differently")
        code, out = _cli("retrieve", encrypted, "Pay and employment conditions")
        _check(code == 0 and out.count("\n") > 5, "retrieval on the encrypted project found nothing")
    finally:
        del os.environ["ANNOTATOR_PROJECT_PASSPHRASE"]
    done("encrypted project")


def _start_window(project: str | None, on_shown) -> int:
    """Start the app as the `annotator` command does (annotator.gui.main.run_gui) and call on_shown(window) once
    the event loop runs; closing the window ends it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])

    def check() -> None:
        from annotator.gui.main_window import MainWindow

        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:  # a message box or the start screen instead of the project: say which, and leave
            shown = [f"{type(w).__name__}: {w.windowTitle()}" for w in app.topLevelWidgets() if w.isVisible()]
            on_shown(None, shown)
            for w in app.topLevelWidgets():
                w.close()
            app.quit()
            return
        on_shown(windows[0], [])
        windows[0].close()

    QTimer.singleShot(0, check)
    from annotator.gui.main import run_gui

    return run_gui(project)


def _window_step(result: dict) -> None:
    """First launch on a fresh home folder: the demo is built in the app's data folder and opened."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    import annotator

    seen: dict = {}

    def on_shown(window, instead) -> None:
        if window is None:
            seen["instead"] = instead
            return
        window.grab()  # paint it once, as the screen would
        seen["title"] = window.windowTitle()
        seen["documents"] = len(window.service.documents(shares=False))
        about = next(a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()
                     if a.text().replace("&", "") == "About Annotator")

        def read_about() -> None:
            box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()),
                       None)
            seen["about"] = box.text() if box else None
            if box:
                box.accept()

        QTimer.singleShot(0, read_about)
        about.trigger()  # modal: read_about runs inside its event loop and closes it

    began = time.perf_counter()
    code = _start_window(None, on_shown)
    result["steps"]["first launch (demo built, window shown)"] = round(time.perf_counter() - began, 2)
    _check(code == 0 and "instead" not in seen, f"the app did not open the demo: {seen.get('instead')}")
    _check("Demo" in seen["title"] and seen["documents"] == 8, f"the window shows {seen}")
    _check(bool(seen["about"]) and f"Annotator {annotator.__version__}" in seen["about"],
           f"Help > About does not give the version {annotator.__version__}: {seen['about']!r}")
    result["window"] = {"title": seen["title"], "documents": seen["documents"]}


def _timed_window(project: str | None) -> int:
    t0 = float(os.environ.get("ANNOTATOR_SMOKE_T0") or time.time())
    seen: dict = {}

    def on_shown(window, instead) -> None:
        seen["shown_after_s"] = round(time.time() - t0, 3)
        if window is not None:
            window.grab()
            seen["painted_after_s"] = round(time.time() - t0, 3)
            seen["title"] = window.windowTitle()
        else:
            seen["instead"] = instead

    code = _start_window(project, on_shown)
    print("WINDOW " + json.dumps({**seen, "exit_code": code, "network_events": NETWORK_EVENTS}), flush=True)
    return 0 if code == 0 and "title" in seen and not NETWORK_EVENTS else 1


def main(argv: list[str]) -> int:
    if argv[:1] == ["--window"]:
        return _timed_window(argv[1] if len(argv) > 1 else None)
    if len(argv) != 1:
        print("usage: annotator --smoke-test FOLDER | annotator --smoke-test --window [PROJECT]", file=sys.stderr)
        return 2
    import annotator

    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    result: dict = {"version": annotator.__version__, "frozen": bool(getattr(sys, "frozen", False)), "steps": {}}
    try:
        _headless_steps(folder, result)
        _window_step(result)
        result["ok"] = not NETWORK_EVENTS
    except Exception as exc:  # reported in the JSON line, with the failing step's message and where it came from
        import traceback

        result["ok"], result["error"] = False, f"{type(exc).__name__}: {exc}"
        result["traceback"] = traceback.format_exc()[-4000:]
    result["network_events"] = NETWORK_EVENTS
    print("SMOKE " + json.dumps(result), flush=True)
    return 0 if result["ok"] else 1
