"""Import 100 generated .txt transcripts of ~12,000 words each into a new project; print one JSON line of figures.

Run: python benchmarks/bench_import.py [--files 100] [--words 12000] [--runs 3]
The transcripts alternate Interviewer/Participant turns (some wrapping over several paragraphs), so the figure
includes speaker-turn detection, hashing, duplicate checks and one transaction per file.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from annotator.services.project_service import ProjectService

WORDS = ("peer work overdose naloxone outreach site shift stipend housing welfare form paperwork nurse coordinator "
         "training honestly like you know really people community support role title expectations cleaning phone "
         "meeting health authority trust experience lived the a and to of it that was I we they in on for with "
         "but so just because when what who there").split()


def make_transcript(rng: random.Random, words: int) -> str:
    out, count, speaker = [], 0, 0
    while count < words:
        label = ("Interviewer", "Participant")[speaker]
        paragraphs = 1 if speaker == 0 else rng.choice((1, 1, 2, 3))
        for p in range(paragraphs):
            n = rng.randint(8, 25) if speaker == 0 else rng.randint(30, 120)
            sentence = " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."
            out.append(f"{label}: {sentence}" if p == 0 else sentence)
            count += n
        speaker = 1 - speaker
    return "\n\n".join(out) + "\n"


def run_once(folder: Path, files: list[Path], run: int) -> tuple[float, int]:
    project = folder / f"bench{run}.annotator"
    with ProjectService.create(project) as service:
        start = time.perf_counter()
        report = service.import_files(files)
        elapsed = time.perf_counter() - start
        assert report.imported == len(files), report.summary()
        turns = service.info()["speaker_turns"]
    return elapsed, turns


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--words", type=int, default=12_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for i in range(args.files):
            path = folder / f"P{i:03d}.txt"
            path.write_text(make_transcript(rng, args.words), encoding="utf-8")
            files.append(path)
        total_mb = sum(p.stat().st_size for p in files) / 1e6
        times, turns = [], 0
        for run in range(args.runs):
            elapsed, turns = run_once(folder, files, run)
            times.append(elapsed)
    median = statistics.median(times)
    print(json.dumps({
        "benchmark": "import_txt", "files": args.files, "words_per_file": args.words, "megabytes": round(total_mb, 1),
        "runs": args.runs, "median_s": round(median, 3), "min_s": round(min(times), 3),
        "ms_per_file": round(1000 * median / args.files, 2), "speaker_turns": turns,
        "words_per_s": int(args.files * args.words / median),
    }))


if __name__ == "__main__":
    main()
