"""The benchmark scripts still run against the code as it is (one broke when the window's internals changed):
each is run once on a tiny project and must print one JSON line. Their figures are not checked: no test asserts
on time."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT


def test_the_workspace_benchmark_runs_and_prints_one_json_line(tmp_path):
    env = {**os.environ, "BENCH_SMOKE": "1", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_workspace.py")], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["benchmark"] == "workspace" and figures["open_transcript_ms"] > 0


def test_the_review_keystroke_benchmark_runs_and_prints_one_json_line(tmp_path):
    env = {**os.environ, "BENCH_SMOKE": "1", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_deid_review.py")], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["benchmark"] == "deid_review" and figures["entities"] == 8
    assert figures["by_key"].get("arrows", 0) == 0  # every decision moved on to the next entity by itself


def test_the_encryption_benchmark_runs_and_prints_one_json_line(tmp_path):
    env = {**os.environ, "BENCH_SMOKE": "1", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_encryption.py")], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["benchmark"] == "encryption" and figures["documents"] == 3
    assert {"import", "open", "open_warm", "retrieve", "report"} <= {k.split("_overhead")[0] for k in figures
                                                                     if k.endswith("_overhead_pct")}
