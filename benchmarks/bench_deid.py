"""De-identification figures: recall and precision on the sample transcripts' gold list and on the TAB court
judgments, and throughput of the whole pipeline. Prints one JSON line.

"Any-type recall": a gold span counts as found when any final span overlaps it, whatever its type (what matters for
masking). Final spans are every suggestion, accepted, plus the mentions propagation then finds, as a researcher who
accepts every suggestion would get. Run: python benchmarks/bench_deid.py [--tab PATH] [--no-tab]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from annotator.deid.detection import detect, propagate
from annotator.importers import read_transcript

ROOT = Path(__file__).resolve().parents[1]
TAB = ROOT.parent / "shared" / "data" / "deid-tab" / "tab_train_dev_113.jsonl"


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def accept_everything(texts: dict[str, str], turns: dict[str, list], project_wide: bool) -> dict[str, list]:
    """Detect in every text, accept every suggestion, propagate them (across all texts when project-wide)."""
    found = {name: detect(text, turns=turns.get(name, ())) for name, text in texts.items()}
    everywhere = {(c.text, c.type) for cands in found.values() for c in cands}
    final = {}
    for name, text in texts.items():
        confirmed = everywhere if project_wide else {(c.text, c.type) for c in found[name]}
        final[name] = found[name] + propagate(text, confirmed, found[name])
    return final


def score(final: dict[str, list], gold: dict[str, list[tuple[int, int, str]]]) -> dict:
    found = total = 0
    per_type_gold, per_type_found = Counter(), Counter()
    hits, counted = Counter(), Counter()
    for name, spans in final.items():
        golds = gold.get(name, [])
        for g in golds:
            total += 1
            per_type_gold[g[2]] += 1
            if any(overlaps((c.start, c.end), g) for c in spans):
                found += 1
                per_type_found[g[2]] += 1
        for c in spans:
            counted[c.type] += 1
            if any(overlaps((c.start, c.end), g) for g in golds):
                hits[c.type] += 1
    return {
        "recall": round(found / max(1, total), 3),
        "recall_by_gold_type": {t: round(per_type_found[t] / per_type_gold[t], 3) for t in sorted(per_type_gold)},
        "precision": round(sum(hits.values()) / max(1, sum(counted.values())), 3),
        "precision_by_type": {t: round(hits[t] / counted[t], 3) for t in sorted(counted)},
        "gold_spans": total, "detected_spans": sum(counted.values()),
    }


def samples() -> dict:
    folder = ROOT / "sample_transcripts"
    gold = defaultdict(list)
    for g in json.loads((folder / "identifiers.json").read_text("utf-8")):
        gold[g["file"]].append((g["start"], g["end"], g["type"]))
    texts, turns = {}, {}
    for path in sorted(folder.iterdir()):
        if path.suffix in {".txt", ".docx", ".vtt"}:
            transcript = read_transcript(path.name, path.read_bytes())
            texts[path.name], turns[path.name] = transcript.text, transcript.turns
    return score(accept_everything(texts, turns, project_wide=True), gold)


def tab(path: Path) -> dict:
    docs = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    texts = {d["metadata"]["data_id"]: d["text"] for d in docs}
    masked = {"PERSON", "LOC", "ORG"}
    gold = {d["metadata"]["data_id"]: [(e["start_offset"], e["end_offset"], e["entity_type"]) for e in d["entities"]
                                       if e["entity_type"] in masked] for d in docs}
    detect("warm up the model")
    start = time.perf_counter()
    final = accept_everything(texts, {}, project_wide=False)
    elapsed = time.perf_counter() - start
    figures = score(final, gold)
    figures["characters"] = sum(len(t) for t in texts.values())
    figures["chars_per_second"] = int(figures["characters"] / elapsed)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tab", type=Path, default=TAB)
    parser.add_argument("--no-tab", action="store_true")
    args = parser.parse_args()
    figures = {"benchmark": "deid", "samples": samples()}
    if not args.no_tab and args.tab.exists():
        figures["tab"] = tab(args.tab)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
