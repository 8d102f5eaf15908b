"""The analyses on a large generated project; prints one JSON line of figures (medians of several runs).

500 interviews of ~12,000 words (bench_import's generator, Interviewer/Participant turns), 50,000 codings under a
200-code tree (8 themes > 4 subthemes > 5 codes), two coders, five participant attributes (one of them an age group
with 6 values). Timed through the service, as the GUI and CLI call it:
- nested query: ("Theme 1" OR "Theme 2") AND NOT ("Theme 3" AND "Theme 4"), themes standing for their subtrees
  (target < 100 ms);
- matrix: 200 codes (rolled up) x the 6 age groups (< 200 ms);
- co-occurrence: 200 x 200 on overlapping text (< 300 ms), and by speaker turn;
- saturation over the 500 interviews at the depth of all codes (< 100 ms);
- word frequencies over all participants' text (< 1 s): cold (a freshly opened project: the snapshot, every text read
  and counted), a recount (texts already read), and after a coding (the counts are kept while texts and turns stay).
"warm" figures reuse the project snapshot the service keeps between calls (rebuilt after any change);
`snapshot_ms` is what rebuilding it costs, paid once after a change.
Run: python benchmarks/bench_analysis.py [--documents 500] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_import import make_transcript  # noqa: E402

from annotator.analysis.model import Scope  # noqa: E402
from annotator.core.changes import Changes  # noqa: E402
from annotator.services.project_service import ProjectService  # noqa: E402
from annotator.storage import attributes as attribute_store  # noqa: E402
from annotator.storage import codes as code_store  # noqa: E402
from annotator.storage import codings as coding_store  # noqa: E402
from annotator.storage import documents as document_store  # noqa: E402
from annotator.storage import people  # noqa: E402

AGE_GROUPS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")


def build(folder: Path, documents: int, codings: int, seed: int = 11) -> Path:
    rng = random.Random(seed)
    paths = []
    for i in range(documents):
        path = folder / f"P{i:03d}.txt"
        path.write_text(make_transcript(rng, 12_000), encoding="utf-8")
        paths.append(path)
    project = folder / "bench_analysis.annotator"
    with ProjectService.create(project, coder="coder A") as service:
        service.import_files(paths)
        db = service.project.db
        with service.project.atomic():
            coders = [service.coder_id, people.ensure_coder(db, "coder B")]
            leaves = []
            for t in range(8):
                theme = code_store.insert_code(db, name=f"Theme {t}", parent_id=None, colour="#0072B2", coder_id=coders[0])
                for s in range(4):
                    sub = code_store.insert_code(db, name=f"Sub {t}.{s}", parent_id=theme, colour="#E69F00",
                                                 coder_id=coders[0])
                    leaves += [code_store.insert_code(db, name=f"Code {t}.{s}.{c}", parent_id=sub, colour="#009E73",
                                                      coder_id=coders[0]) for c in range(5)]
            kinds = (("gender", "category", ("female", "male")), ("age group", "category", AGE_GROUPS),
                     ("years peer work", "number", ()), ("interviewed", "date", ()),
                     ("mode", "category", ("in person", "telephone")))
            attribute_ids = [attribute_store.add_attribute(db, n, k, c) for n, k, c in kinds]
            per_document = codings // documents
            for n, document in enumerate(service.documents()):
                participant = people.add_participant(db, f"P{n:03d}")
                document_store.set_document_participant(db, document.id, participant)
                document_store.set_speaker_participant(db, document.id, "Participant", participant)
                values = (rng.choice(("female", "male")), rng.choice(AGE_GROUPS), str(rng.randint(0, 30)),
                          f"201{rng.randint(5, 9)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                          rng.choice(("in person", "telephone")))
                for attribute_id, value in zip(attribute_ids, values):
                    attribute_store.set_value(db, participant, attribute_id, value)
                text = service.document_text(document.id)
                for _ in range(per_document):
                    start = rng.randrange(len(text) - 400)
                    end = start + rng.randint(20, 400)
                    coding_store.add_coding(db, document.id, rng.choice(leaves), start, end, text[start:end],
                                            rng.choice(coders))
    return project


def median_ms(call, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return round(1000 * statistics.median(samples), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--codings", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    figures: dict[str, object] = {"benchmark": "analysis", "runs": args.runs}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        project = build(Path(tmp), args.documents, args.codings)
        figures["build_s"] = round(time.perf_counter() - t0, 1)
        with ProjectService.open(project, readonly=True) as service:
            analysis = service.analysis
            info = service.counts()
            figures.update(documents=info["documents"], codings=info["codings"], codes=info["codes"],
                           coders=len(analysis.coders()), attributes=len(service.people.attributes()))
            t0 = time.perf_counter()
            counted = analysis.frequencies(top=100)
            figures["frequencies_all_text_cold_ms"] = round(1000 * (time.perf_counter() - t0), 1)
            figures["words_counted"] = counted.total_words
            figures["snapshot_ms"] = median_ms(lambda: (service.announce(Changes(codings=True)), analysis.data()),
                                               args.runs)
            nested = '("Theme 1" OR "Theme 2") AND NOT ("Theme 3" AND "Theme 4")'
            result = analysis.query(nested)
            figures["nested_query_passages"] = len(result.passages)
            figures["nested_query_ms"] = median_ms(lambda: analysis.query(nested), args.runs)
            figures["nested_query_passages_mode_ms"] = median_ms(lambda: analysis.query(nested, mode="passages"),
                                                                 args.runs)
            matrix = analysis.matrix(attribute="age group")
            figures["matrix_shape"] = [len(matrix.rows), len(matrix.columns)]
            figures["matrix_200x6_ms"] = median_ms(lambda: analysis.matrix(attribute="age group"), args.runs)
            table = analysis.cooccurrence()
            figures["cooccurrence_pairs"] = len(table.pairs())
            figures["cooccurrence_200x200_ms"] = median_ms(analysis.cooccurrence, args.runs)
            figures["cooccurrence_200x200_turn_ms"] = median_ms(lambda: analysis.cooccurrence(relation="turn"),
                                                                args.runs)
            figures["saturation"] = analysis.saturation().label
            figures["saturation_ms"] = median_ms(analysis.saturation, args.runs)
            every = frozenset(d.id for d in service.documents())
            figures["frequencies_all_text_recount_ms"] = median_ms(
                lambda: analysis.frequencies(top=100, scope=Scope(document_ids=every, participant_turns_only=True)),
                1)  # a new scope is counted afresh (texts already read); then it is kept
            figures["frequencies_all_text_after_coding_ms"] = median_ms(  # the snapshot rebuilt, the counts kept
                lambda: (service.announce(Changes(codings=True)), analysis.frequencies(top=100)), args.runs)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
