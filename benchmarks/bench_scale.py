"""A team-sized project through the real main window: 500 interviews of ~12,000 words, 50,000 codings under 200
codes, two coders, five attributes (bench_analysis's generator). Prints one JSON line of medians.

Figures (issue 14's targets in brackets): add one coding until the event loop is idle (< 16 ms), main window up
and drawn (< 0.5 s; its counts and shares follow: window_idle_ms), switch document, uncode, rename a code with ~2,000 codings, undo a merge, retrieve a theme (< 0.1 s),
search after indexing, coded Word report of every passage (< 3 s), .qdpx export (< 2 s), agreement of two coders
over all documents, and peak memory (< 300 MB).
The project is built once and cached (by a hash of the generator and its sizes) in ~/.cache/annotator-bench; each
run works on a copy. Run: python benchmarks/bench_scale.py [--documents 500] [--codings 50000] [--runs 5]
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

import bench_analysis  # noqa: E402
import bench_import  # noqa: E402
from PySide6.QtCore import QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.services.project_service import ProjectService  # noqa: E402
from annotator.storage.schema import SCHEMA_VERSION  # noqa: E402


def cached_project(documents: int, codings: int) -> Path:
    recipe = inspect.getsource(bench_analysis.build) + inspect.getsource(bench_import.make_transcript)
    # The project format too: a cached file of an older format would be migrated (and backed up) on every open.
    digest = hashlib.sha256(f"{recipe}|{documents}|{codings}|{SCHEMA_VERSION}".encode()).hexdigest()[:16]
    folder = Path.home() / ".cache" / "annotator-bench"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"scale-{digest}.annotator"
    if not target.exists():
        with tempfile.TemporaryDirectory() as tmp:
            built = bench_analysis.build(Path(tmp), documents, codings)
            shutil.copy(built, target)
    return target


def until_idle(app: QApplication) -> None:
    """Run what the last action queued (the views' deferred refreshes) until nothing is left."""
    for _ in range(4):
        app.processEvents()


def timed(action, app: QApplication, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        until_idle(app)
        times.append(time.perf_counter() - start)
    return round(1000 * statistics.median(times), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--codings", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    source = cached_project(args.documents, args.codings)
    app = QApplication.instance() or QApplication([])
    QStandardPaths.setTestModeEnabled(True)
    from annotator.gui.main_window import MainWindow

    figures: dict[str, object] = {"benchmark": "scale", "documents": args.documents, "codings": args.codings}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "scale.annotator"
        shutil.copy(source, project)
        start = time.perf_counter()
        service = ProjectService.open(project, coder="coder A", backup="later")  # as the GUI opens it
        window = MainWindow(service)
        window.resize(1366, 768)
        window.show()
        app.processEvents()  # drawn once: the window is usable; counts and shares follow
        figures["window_up_ms"] = round(1000 * (time.perf_counter() - start), 1)
        until_idle(app)
        figures["window_idle_ms"] = round(1000 * (time.perf_counter() - start), 1)
        book = service.codebook.codebook
        documents = service.documents()
        theme = book.children(None)[0]
        leaf = next(c for c in book.tree_order() if not book.children(c))
        doc = documents[0].id
        window.select_document(doc)
        until_idle(app)
        text = service.document_text(doc)
        offsets = iter(range(100, len(text) - 400, 97))

        def add():
            at = next(offsets)
            service.codings.code_passage(doc, leaf, at, at + 60)

        figures["add_coding_until_idle_ms"] = timed(add, app, args.runs * 3)
        added = sorted(service.codings.ids_for_document(doc))[-args.runs:]
        figures["uncode_ms"] = timed(lambda: service.codings.uncode([added.pop()]), app, args.runs)
        others = iter([d.id for d in documents[1:args.runs + 1]])
        figures["switch_document_ms"] = timed(lambda: window.select_document(next(others)), app, args.runs)
        counts = service.codebook.counts()
        busy = max((c for c in book.tree_order() if not book.children(c)), key=lambda c: counts[c].references)
        figures["renamed_code_codings"] = counts[busy].references
        names = iter(f"Renamed {i}" for i in range(args.runs))
        figures["rename_code_ms"] = timed(lambda: service.codebook.rename_code(busy, next(names)), app, args.runs)
        siblings = book.children(book[busy].parent_id)
        target = next(c for c in siblings if c != busy)

        def merge_and_undo():
            service.codebook.merge_codes(busy, target)
            until_idle(app)
            t0 = time.perf_counter()
            service.undo()
            until_idle(app)
            merge_and_undo.undo.append(time.perf_counter() - t0)

        merge_and_undo.undo = []
        figures["merge_ms"] = timed(merge_and_undo, app, 3)
        figures["undo_merge_ms"] = round(1000 * statistics.median(merge_and_undo.undo), 2)
        window.code_panel.select_code(theme)
        figures["retrieve_theme_ms"] = timed(lambda: window.retrieval_panel.show_code(theme), app, args.runs)
        figures["retrieved_passages"] = window.retrieval_panel.model.rowCount()
        service.retrieval.search("naloxone")  # the index is built once
        figures["search_ms"] = timed(lambda: window.retrieval_panel.search("gift card"), app, args.runs)
        t0 = time.perf_counter()
        result = service.reports.coded_report(Path(tmp) / "all.docx")
        figures["coded_report_s"] = round(time.perf_counter() - t0, 2)
        figures["coded_report_passages"] = result.get("passages")
        t0 = time.perf_counter()
        service.exchange.export_qdpx(Path(tmp) / "all.qdpx")
        figures["qdpx_export_s"] = round(time.perf_counter() - t0, 2)
        coders = service.agreement.coders()
        if len(coders) >= 2:
            t0 = time.perf_counter()
            service.agreement.compare(coders[:2])
            figures["agreement_two_coders_s"] = round(time.perf_counter() - t0, 2)
        window.close()
    figures["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
