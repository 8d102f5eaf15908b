"""What encryption at rest costs: the same work on a plain and on an encrypted (SQLCipher 4) project — import 100
generated transcripts of 12,000 words, open the project, retrieve a theme (4,000 codings), write the coded Word
report — medians of 3 runs; prints one JSON line with each time and the encrypted/plain overhead in percent.
Target (issue 13): under 30%.

Opening is given twice: `open` as a new process opens (SQLCipher's key derivation, PBKDF2-HMAC-SHA512 with 256,000
rounds, a fixed ~0.3 s that is the point of it: it is what makes guessing passphrases slow), and `open_warm` with
the key already derived (a second open in the same process, as the app's backups and re-opens do). No backup is
taken on open, for either kind. BENCH_SMOKE=1: a tiny project, for tests/test_benchmarks.py.
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

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's annotator, not an installed one

from bench_import import make_transcript  # noqa: E402

from annotator.services.project_service import ProjectService  # noqa: E402
from annotator.storage import codes as code_store  # noqa: E402
from annotator.storage import codings as coding_store  # noqa: E402
from annotator.storage import connection  # noqa: E402

SMOKE = os.environ.get("BENCH_SMOKE") == "1"
DOCUMENTS, WORDS, CODINGS, RUNS = (3, 800, 10, 1) if SMOKE else (100, 12_000, 40, 3)
PASSPHRASE = "a benchmark passphrase"


def median(samples: list[float]) -> float:
    return round(statistics.median(samples), 4)


def transcripts(folder: Path) -> list[Path]:
    rng = random.Random(3)
    paths = []
    for i in range(DOCUMENTS):
        path = folder / f"P{i:03d}.txt"
        path.write_text(make_transcript(rng, WORDS), encoding="utf-8")
        paths.append(path)
    return paths


def code(service: ProjectService) -> int:
    """A codebook of 6 themes of 9 codes, and CODINGS codings in each transcript; returns the first theme."""
    rng, db = random.Random(5), service.project.db
    with service.project.atomic():
        themes = [code_store.insert_code(db, name=f"Theme {t}", parent_id=None, colour="#0072B2",
                                         coder_id=service.coder_id) for t in range(6)]
        leaves = [code_store.insert_code(db, name=f"Code {t}.{c}", parent_id=themes[t], colour="#D55E00",
                                         coder_id=service.coder_id) for t in range(6) for c in range(9)]
        for document in service.documents():
            text = service.document_text(document.id)
            for _ in range(CODINGS):
                start = rng.randrange(len(text) - 400)
                end = start + rng.randint(20, 400)
                coding_store.add_coding(db, document.id, rng.choice(leaves), start, end, text[start:end],
                                        service.coder_id)
    return themes[0]


KINDS = (("plain", None), ("encrypted", PASSPHRASE))


def measure(folder: Path, files: list[Path]) -> dict[str, dict[str, float]]:
    """Each step on both kinds in turn, run after run (and retrieval call by call), so a busy spell on the
    machine falls on both rather than on whichever kind happened to run then."""
    times = {kind: {step: [] for step in ("import", "open", "open_warm", "retrieve", "report")} for kind, _ in KINDS}

    def timed(kind: str, step: str, work):
        start = time.perf_counter()
        result = work()
        times[kind][step].append(time.perf_counter() - start)
        return result

    for run in range(RUNS):
        paths, themes, open_ = {}, {}, {}
        for kind, passphrase in KINDS:
            paths[kind] = folder / f"{kind}{run}.annotator"
            with ProjectService.create(paths[kind], passphrase=passphrase) as service:
                timed(kind, "import", lambda s=service: s.import_files(files))
                themes[kind] = code(service)
        for kind, passphrase in KINDS:
            connection._derived.clear()  # as a new process opens it: the key derived from the passphrase
            timed(kind, "open", lambda p=paths[kind], k=passphrase: ProjectService.open(p, passphrase=k,
                                                                                           backup=False)).close()
        for kind, passphrase in KINDS:
            open_[kind] = timed(kind, "open_warm", lambda p=paths[kind], k=passphrase: ProjectService.open(
                p, passphrase=k, backup=False))
        for _ in range(9):
            for kind, _passphrase in KINDS:
                timed(kind, "retrieve", lambda k=kind: open_[k].retrieval.retrieve(themes[k]))
        for kind, _passphrase in KINDS:
            timed(kind, "report", lambda k=kind: open_[k].reports.coded_report(folder / f"{k}{run}.docx"))
            open_[kind].close()
    return {kind: {step: median(values) for step, values in steps.items()} for kind, steps in times.items()}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = transcripts(folder)
        measured = measure(folder, files)
    plain, encrypted = measured["plain"], measured["encrypted"]
    figures: dict[str, object] = {"benchmark": "encryption", "documents": DOCUMENTS, "words_each": WORDS,
                                  "codings": DOCUMENTS * CODINGS, "runs": RUNS}
    for name in plain:
        figures[f"{name}_plain_s"] = plain[name]
        figures[f"{name}_encrypted_s"] = encrypted[name]
        figures[f"{name}_overhead_pct"] = round(100 * (encrypted[name] / plain[name] - 1), 1) if plain[name] else None
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
