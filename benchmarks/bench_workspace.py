"""The coding workspace on a densely coded project; prints one JSON line of figures (medians of several runs).

- open: a 12,000-word transcript with 2,000 codings (many overlapping) under a 60-code tree, shown with every
  highlight and stripe (QualCoder: 11-19 s; target < 0.2 s);
- add: one more coding, from the service call to the view updated and repainted (QualCoder 67-81 ms; < 10 ms);
- retrieve: every passage under a code across 100 transcripts holding 4,000 codings (QualCoder 2.2-4.6 s; < 0.1 s).
Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_workspace.py
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from bench_import import make_transcript  # noqa: E402
from PySide6.QtCore import QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.services.project_service import ProjectService  # noqa: E402
from annotator.storage import codes as code_store  # noqa: E402
from annotator.storage import codings as coding_store  # noqa: E402


# BENCH_SMOKE=1 (the test suite's check that this script still runs) uses a tiny project; figures from it mean nothing.
SIZES = {"codings": 2000, "documents": 100} if not os.environ.get("BENCH_SMOKE") else {"codings": 60, "documents": 3}


def build(folder: Path, documents: int, codings_per_document: int, seed: int = 3) -> ProjectService:
    rng = random.Random(seed)
    paths = []
    for i in range(documents):
        path = folder / f"P{i:03d}.txt"
        path.write_text(make_transcript(rng, 12_000), encoding="utf-8")
        paths.append(path)
    service = ProjectService.create(folder / f"bench{documents}.annotator")
    service.import_files(paths)
    db = service.project.db
    with service.project.atomic():
        themes = [code_store.insert_code(db, name=f"Theme {t}", parent_id=None, colour="#0072B2", coder_id=service.coder_id)
                  for t in range(6)]
        leaves = [code_store.insert_code(db, name=f"Code {t}.{c}", parent_id=themes[t], colour=f"#{rng.randrange(1 << 24):06X}",
                                         coder_id=service.coder_id) for t in range(6) for c in range(9)]
        for document in service.documents():
            text = service.document_text(document.id)
            for _ in range(codings_per_document):
                start = rng.randrange(len(text) - 400)
                end = start + rng.randint(20, 400)  # passages of a few words to a few sentences: many overlap
                coding_store.add_coding(db, document.id, rng.choice(leaves), start, end, text[start:end], service.coder_id)
    return service


def median_ms(samples: list[float]) -> float:
    return round(1000 * statistics.median(samples), 2)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    QStandardPaths.setTestModeEnabled(True)
    figures: dict[str, object] = {"benchmark": "workspace"}
    with tempfile.TemporaryDirectory() as tmp:
        service = build(Path(tmp), 1, SIZES["codings"])
        window = MainWindow(service)
        window.resize(1400, 860)
        window.show()
        app.processEvents()
        document = service.documents()[0].id
        figures["codes"] = len(service.codebook.codebook)
        figures["codings_in_transcript"] = len(service.codings.for_document(document))
        opens = []
        for _ in range(5):
            window.current_document = None
            start = time.perf_counter()
            window._on_document_chosen(document)
            window.transcript_view.viewport().repaint()
            window.transcript_view.stripes.repaint()
            opens.append(time.perf_counter() - start)
        figures["open_transcript_ms"] = median_ms(opens)
        figures["stripe_lanes"] = window.transcript_view.stripes.lane_count
        text = service.document_text(document)
        leaf = service.codebook.codebook.children(service.codebook.codebook.children(None)[0])[0]
        adds, rng = [], random.Random(9)
        for _ in range(15):
            start = rng.randrange(len(text) - 200)
            t0 = time.perf_counter()
            service.codings.code_passage(document, leaf, start, start + 150)
            window.transcript_view.viewport().repaint()
            window.transcript_view.stripes.repaint()
            adds.append(time.perf_counter() - t0)
        figures["add_coding_ms"] = median_ms(adds)
        counts = []
        for _ in range(5):  # the codebook's counts, refreshed on the next event-loop turn after a coding
            t0 = time.perf_counter()
            window.code_panel._update_counts()
            counts.append(time.perf_counter() - t0)
        figures["counts_refresh_ms"] = median_ms(counts)
        scrolls = []
        bar = window.transcript_view.verticalScrollBar()
        for step in range(20):
            t0 = time.perf_counter()
            bar.setValue(step * bar.maximum() // 20)
            window.transcript_view.viewport().repaint()
            window.transcript_view.stripes.repaint()
            scrolls.append(time.perf_counter() - t0)
        figures["scroll_step_ms"] = median_ms(scrolls)
        window.close()

        big = build(Path(tmp), SIZES["documents"], 40)
        root = big.codebook.codebook.children(None)[0]
        cold = time.perf_counter()
        passages = big.retrieval.retrieve(root)
        figures["retrieve_cold_ms"] = round(1000 * (time.perf_counter() - cold), 2)
        warm = []
        for _ in range(5):
            t0 = time.perf_counter()
            big.retrieval.retrieve(root)
            warm.append(time.perf_counter() - t0)
        figures["retrieve_warm_ms"] = median_ms(warm)
        figures["retrieved_passages"] = len(passages)
        figures["codings_in_project"] = big.info()["codings"]
        t0 = time.perf_counter()
        hits = big.retrieval.search("naloxone")
        figures["first_search_ms"] = round(1000 * (time.perf_counter() - t0), 2)
        figures["search_hits"] = len(hits)
        big.close()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
