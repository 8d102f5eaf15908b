"""The fuzzing harness: seeds of every format, mutated for a fixed number of cases (the same cases for the same
seed), each run in a worker process with a time limit and a memory ceiling. It reports crashes (an exception that
is not Annotator's own one-line error), hangs (a case over the time limit: the worker is killed and replaced) and
the peak resident memory of any worker. benchmarks/fuzz.py runs it long; tests/fuzz/test_fuzz.py runs it short."""

from __future__ import annotations

import multiprocessing
import os
import random
import resource
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("txt", "md", "docx", "odt", "rtf", "vtt", "srt", "qdpx", "qdc", "annotator", "key")
MEMORY_CEILING = 3 * 2**30  # a worker's address space: past it, allocation fails (MemoryError) rather than the machine


@dataclass
class Report:
    cases: int = 0
    crashes: list[tuple[str, int, str]] = field(default_factory=list)  # (kind, case, signature)
    hangs: list[tuple[str, int]] = field(default_factory=list)
    peak_memory_mb: float = 0.0
    by_kind: Counter = field(default_factory=Counter)

    def figures(self) -> dict:
        return {"benchmark": "fuzz", "cases": self.cases, "crashes": len(self.crashes), "hangs": len(self.hangs),
                "peak_memory_mb": round(self.peak_memory_mb, 1), "by_kind": dict(self.by_kind),
                "crash_kinds": dict(Counter(s for _k, _n, s in self.crashes).most_common(20)),
                "hang_kinds": dict(Counter(k for k, _n in self.hangs))}


def _case_file(kind: str, number: int, seed: int, seeds: dict[str, Path], folder: Path) -> Path:
    from tests.fuzz.mutations import mutate, mutate_project

    rng = random.Random(f"{seed}:{kind}:{number}")
    path = folder / f"case-{number}.{kind}"
    if kind == "annotator":
        shutil.copy(seeds[kind], path)
        mutate_project(path, rng)
    else:
        path.write_bytes(mutate(kind, seeds[kind].read_bytes(), rng))
    return path


def _worker(conn, seeds: dict[str, Path], seed: int, save: str | None) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))
    os.environ.pop("ANNOTATOR_PROJECT_PASSPHRASE", None)
    os.environ.pop("ANNOTATOR_KEY_PASSPHRASE", None)
    from tests.fuzz.targets import prepare, run_case

    while True:
        job = conn.recv()
        if job is None:
            return
        kind, number = job
        with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
            work = Path(tmp)
            prepare(work, seeds)
            path = _case_file(kind, number, seed, seeds, work)
            if save:  # the case as it was before it ran, to reproduce a crash or a hang
                shutil.copy(path, Path(save) / path.name)
            crash = run_case(kind, path, work)
            if crash is None and save:
                (Path(save) / path.name).unlink(missing_ok=True)
        conn.send((crash, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


class _Worker:
    def __init__(self, context, seeds, seed, save):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, seeds, seed, save), daemon=True)
        self.process.start()
        self.job: tuple[str, int] | None = None
        self.done = 0

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            self.conn.send(None)
        self.process.join(5)


def run(cases: int, seed: int = 0, *, workers: int = 2, timeout: float = 20.0, kinds=KINDS,
        save: str | None = None, recycle: int = 100) -> Report:
    """`cases` cases spread over `kinds` in turn; each over `timeout` seconds is a hang."""
    from multiprocessing.connection import wait

    from tests.fuzz.seeds import build_seeds

    report = Report()
    jobs = [(kinds[n % len(kinds)], n) for n in range(cases)]
    with tempfile.TemporaryDirectory(prefix="fuzz-seeds-") as tmp:
        seeds = build_seeds(Path(tmp))
        context = multiprocessing.get_context("spawn")
        pool = [_Worker(context, seeds, seed, save) for _ in range(min(workers, max(1, cases)))]
        deadlines: dict[int, float] = {}
        import time

        def give(worker: _Worker) -> None:
            if jobs:
                worker.job = jobs.pop(0)
                worker.conn.send(worker.job)
                deadlines[id(worker)] = time.monotonic() + timeout

        for worker in pool:
            give(worker)
        while any(w.job for w in pool):
            busy = [w for w in pool if w.job]
            ready = wait([w.conn for w in busy], timeout=1.0)
            for worker in busy:
                if worker.conn in ready:
                    try:
                        crash, rss = worker.conn.recv()
                    except EOFError:  # the worker died (a memory ceiling hit in C code, a segfault)
                        crash, rss = "worker died", 0.0
                    kind, number = worker.job
                    report.cases += 1
                    report.by_kind[kind] += 1
                    report.peak_memory_mb = max(report.peak_memory_mb, rss)
                    if crash:
                        report.crashes.append((kind, number, crash))
                    worker.job, worker.done = None, worker.done + 1
                    if crash == "worker died" or worker.done >= recycle:  # a fresh process: memory per case, not cumulative
                        worker.stop(kill=crash == "worker died")
                        pool[pool.index(worker)] = worker = _Worker(context, seeds, seed, save)
                    give(worker)
                elif time.monotonic() > deadlines[id(worker)]:
                    kind, number = worker.job
                    report.cases += 1
                    report.by_kind[kind] += 1
                    report.hangs.append((kind, number))
                    worker.stop(kill=True)
                    pool[pool.index(worker)] = worker = _Worker(context, seeds, seed, save)
                    give(worker)
        for worker in pool:
            worker.stop()
    return report
