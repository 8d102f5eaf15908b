"""Keystrokes and time for a careful review of 100 entities in the real window, keyboard only; prints one JSON line.

The project is the fictional development set (tests/deid/devset, ten transcripts with gold spans and types). After
detection the reviewer works down the To review list in the De-identification panel, reading each entity's
mentions in the reading pane (no key needed), and decides with the gold list as their knowledge: an entity with a
mention on a gold span is an identifier (T until its type is the gold one, then A), any other is not (R). Every key
goes through QTest to the focused widget; when the selection is not already on the next entity, arrow keys are
pressed (and counted) to get there. Reported: keys for the decisions alone, and with one Enter per entity to see it
in the transcript too, keys per entity, and the median time from a decision's key to the panel showing the next
entity. Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_deid_review.py
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QStandardPaths, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.services.project_service import ProjectService  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "deid" / "devset"
ENTITIES = 100 if not os.environ.get("BENCH_SMOKE") else 8
TYPES = ("PERSON", "PLACE", "AGENCY", "OTHER")


def gold_spans() -> dict[str, list[tuple[int, int, str]]]:
    gold = defaultdict(list)
    for part in ("tuned", "heldout"):
        for g in json.loads((DEVSET / part / "identifiers.json").read_text("utf-8")):
            gold[Path(g["file"]).stem].append((g["start"], g["end"], g["type"]))
    return gold


def truth(service: ProjectService, entity_id: int, gold, names) -> str | None:
    """The gold type of an entity (the most common among its mentions' gold spans), or None: not an identifier."""
    kinds = Counter()
    for m in service.deid.mentions(entity_id):
        for start, end, kind in gold.get(names[m.document_id], []):
            if start < m.end and m.start < end:
                kinds[kind] += 1
    return kinds.most_common(1)[0][0] if kinds else None


def main() -> None:
    app = QApplication.instance() or QApplication([])
    QStandardPaths.setTestModeEnabled(True)
    app.setOrganizationName("AnnotatorBenchReview")
    with tempfile.TemporaryDirectory() as tmp:
        service = ProjectService.create(Path(tmp) / "devset.annotator", coder="bench")
        files = [p for part in ("tuned", "heldout") for p in sorted((DEVSET / part).iterdir())
                 if p.suffix in (".txt", ".docx", ".vtt")]
        service.import_files(files)
        service.deid.detect()
        names = {d.id: d.name for d in service.documents()}
        gold = gold_spans()
        window = MainWindow(service)
        window.resize(1366, 768)
        window.show()
        window.docks["De-identification"].raise_()
        app.processEvents()
        panel = window.deid_panel
        table = panel.entity_table
        window.activateWindow()
        table.setFocus()
        app.processEvents()
        table.selectRow(0)
        plan = [e.id for e in panel.entities.rows][:ENTITIES]
        keys = Counter()
        decision_ms = []
        outcome = Counter()
        for entity_id in plan:
            while panel.current_entity() != entity_id:  # only if the panel did not move on by itself
                row = panel.entities.view_row(entity_id)
                key = Qt.Key.Key_Down if row > table.currentIndex().row() else Qt.Key.Key_Up
                QTest.keyClick(table, key)
                keys["arrows"] += 1
            kind = truth(service, entity_id, gold, names)
            current = next(e for e in panel.entities.rows if e.id == entity_id)
            if kind is not None:
                while current.type != kind:
                    QTest.keyClick(table, Qt.Key.Key_T)
                    keys["T"] += 1
                    current = next(e for e in panel.entities.rows if e.id == entity_id)
                start = time.perf_counter()
                QTest.keyClick(table, Qt.Key.Key_A)
                keys["A"] += 1
                outcome["accepted"] += 1
            else:
                start = time.perf_counter()
                QTest.keyClick(table, Qt.Key.Key_R)
                keys["R"] += 1
                outcome["rejected"] += 1
            app.processEvents()
            decision_ms.append((time.perf_counter() - start) * 1000)
        decided = {e.id: e.status for e in service.deid.entities()}
        assert all(decided[i] in ("accepted", "rejected") for i in plan), "every entity decided"
        total = sum(keys.values())
        window.close()
    print(json.dumps({
        "benchmark": "deid_review", "entities": len(plan), "keys": total,
        "keys_with_one_enter_each": total + len(plan), "keys_per_entity": round(total / max(1, len(plan)), 2),
        "by_key": dict(keys), "accepted": outcome["accepted"], "rejected": outcome["rejected"],
        "decision_to_next_entity_ms_median": round(statistics.median(decision_ms), 1),
        "decision_to_next_entity_ms_max": round(max(decision_ms), 1),
    }))


if __name__ == "__main__":
    main()
