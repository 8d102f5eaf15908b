"""De-identification figures: per type recall, precision and type accuracy on the sample transcripts, the
development set (its tuned part, the held-out part no rule was tuned on, and the probes written to find the rules'
gaps, tuned on too) and the TAB court judgments, and the throughput of the whole pipeline on one and on two cores
(with a check that both give the same result). Prints one JSON line.

"Recall" is any-type recall: a gold span counts as found when any final span overlaps it, whatever its type (what
matters for masking). "Precision": final spans that overlap a gold span. "Type accuracy": of the gold spans found,
those whose most-overlapping final span has the gold type. Speaker labels are scored apart (their own recall) and
left out of the other figures. Final spans are every mention of every suggested entity, as a researcher who
accepts every suggestion would get. Run: python benchmarks/bench_deid.py [--tab PATH] [--no-tab] [--sets ...]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from annotator.deid.detection import DetectionSettings, candidates_of, detect_texts
from annotator.importers import read_transcript

ROOT = Path(__file__).resolve().parents[1]
TAB = ROOT.parent / "shared" / "data" / "deid-tab" / "tab_train_dev_113.jsonl"
SETS = {"samples": ROOT / "sample_transcripts", "devset_tuned": ROOT / "tests" / "deid" / "devset" / "tuned",
        "devset_heldout": ROOT / "tests" / "deid" / "devset" / "heldout",
        "devset_probes": ROOT / "tests" / "deid" / "devset" / "probes"}
TAB_TYPES = {"PERSON": "PERSON", "LOC": "PLACE", "ORG": "AGENCY"}


def overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(final: dict, gold: dict, labels: dict) -> dict:
    total, found, typed = Counter(), Counter(), Counter()
    detected, hits = Counter(), Counter()
    label_total = label_found = 0
    for name, golds in gold.items():
        spans = final.get(name, [])
        for g in golds:
            near = [c for c in spans if overlap((c.start, c.end), g)]
            if (g[0], g[1]) in labels.get(name, set()):
                label_total += 1
                label_found += bool(near)
                continue
            total[g[2]] += 1
            if near:
                found[g[2]] += 1
                typed[g[2]] += max(near, key=lambda c: overlap((c.start, c.end), g)).type == g[2]
        for c in spans:
            if (c.start, c.end) in labels.get(name, set()):
                continue
            detected[c.type] += 1
            hits[c.type] += any(overlap((c.start, c.end), g) for g in golds)
    figures = {
        "recall": round(sum(found.values()) / max(1, sum(total.values())), 3),
        "precision": round(sum(hits.values()) / max(1, sum(detected.values())), 3),
        "type_accuracy": round(sum(typed.values()) / max(1, sum(found.values())), 3),
        "per_type": {t: {"gold": total[t], "recall": round(found[t] / total[t], 3),
                         "precision": round(hits[t] / detected[t], 3) if detected[t] else None,
                         "type_accuracy": round(typed[t] / found[t], 3) if found[t] else None} for t in sorted(total)},
        "gold_spans": sum(total.values()), "detected_spans": sum(detected.values()),
    }
    if label_total:
        figures["speaker_labels_found"] = f"{label_found}/{label_total}"
    return figures


def transcript_set(folder: Path) -> dict:
    gold = defaultdict(list)
    for g in json.loads((folder / "identifiers.json").read_text("utf-8")):
        gold[g["file"]].append((g["start"], g["end"], g["type"]))
    texts, turns, labels = {}, {}, defaultdict(set)
    for path in sorted(folder.iterdir()):
        if path.suffix in {".txt", ".docx", ".vtt"}:
            transcript = read_transcript(path.name, path.read_bytes())
            texts[path.name], turns[path.name] = transcript.text, transcript.turns
            for turn in transcript.turns:
                at = transcript.text.find(turn.speaker, turn.start, turn.text_start)
                if at != -1:
                    labels[path.name].add((at, at + len(turn.speaker)))
    final = candidates_of(detect_texts(texts, turns=turns))  # one project: types decided across its interviews
    return score(final, gold, labels)


def tab(path: Path) -> dict:
    docs = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    texts = {d["metadata"]["data_id"]: d["text"] for d in docs}
    gold = {d["metadata"]["data_id"]: [(e["start_offset"], e["end_offset"], TAB_TYPES[e["entity_type"]])
                                       for e in d["entities"] if e["entity_type"] in TAB_TYPES] for d in docs}
    final = {}
    for name, text in texts.items():  # each judgment its own project: they share no one
        final.update(candidates_of(detect_texts({name: text})))
    figures = score(final, gold, {})
    figures["characters"] = sum(len(t) for t in texts.values())
    return figures


def throughput(path: Path, runs: int = 3) -> dict:
    """The whole pipeline over the TAB texts as one project, on one core and on two; medians of `runs`."""
    docs = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    texts = {d["metadata"]["data_id"]: d["text"] for d in docs}
    characters = sum(len(t) for t in texts.values())
    detect_texts({"warm": "Warm up the model and the gazetteer in Winnipeg."})
    out, results = {"characters": characters}, {}
    for cores in (1, 2):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            entities = detect_texts(texts, settings=DetectionSettings(n_process=cores))
            times.append(time.perf_counter() - start)
        results[cores] = sorted((str(k), c.start, c.end, c.type, c.confidence)
                                for k, cs in candidates_of(entities).items() for c in cs)
        out[f"chars_per_second_{cores}_core{'s' if cores > 1 else ''}"] = int(characters / sorted(times)[runs // 2])
    out["two_cores_same_result"] = results[1] == results[2]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tab", type=Path, default=TAB)
    parser.add_argument("--no-tab", action="store_true")
    parser.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    figures: dict = {"benchmark": "deid"}
    for name in args.sets:
        figures[name] = transcript_set(SETS[name])
    if not args.no_tab and args.tab.exists():
        figures["tab"] = tab(args.tab)
        figures["throughput"] = throughput(args.tab, args.runs)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
