"""Fuzz every reader: mutate real files of every format (docx, odt, txt, md, rtf, vtt, srt, qdpx, qdc, .annotator
projects, key files) for a fixed number of cases and print one JSON line: cases, crashes (exceptions that are not
Annotator's own one-line errors), hangs (cases over the time limit) and the peak memory of any worker.

Run: python benchmarks/fuzz.py [--cases 5000] [--seed 1] [--workers 2] [--timeout 20] [--save DIR]
With --save, each crashing or hanging case's file is kept in DIR to reproduce it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz.harness import KINDS, run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--save", help="keep the files of crashing and hanging cases here")
    args = parser.parse_args()
    if args.save:
        Path(args.save).mkdir(parents=True, exist_ok=True)
    report = run(args.cases, args.seed, workers=args.workers, timeout=args.timeout,
                 kinds=tuple(args.kinds.split(",")), save=args.save)
    for kind, number, crash in report.crashes:
        print(f"crash: {kind} case {number}: {crash}", file=sys.stderr)
    for kind, number in report.hangs:
        print(f"hang: {kind} case {number}", file=sys.stderr)
    print(json.dumps(report.figures()))


if __name__ == "__main__":
    main()
