"""Kill a child process at a chosen moment, as a crash or a power cut would: the child runs annotator code with one
function wrapped so that its Nth call (optionally only calls whose arguments mention `match`) sends SIGKILL to the
process before the function runs, or after it returns. No hook in the product: the wrapping happens in the child."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r'''
import importlib, json, os, signal, sys
spec = json.loads(sys.argv[1])
module_name, attribute = spec["target"].split(":")
owner = importlib.import_module(module_name)
*path, name = attribute.split(".")
for part in path:
    owner = getattr(owner, part)
original = getattr(owner, name)
calls = [0]

def wrapper(*args, **kwargs):
    if spec["match"] and not any(spec["match"] in str(a) for a in (*args, *kwargs.values())):
        return original(*args, **kwargs)
    calls[0] += 1
    if calls[0] == spec["nth"] and spec["when"] == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    result = original(*args, **kwargs)
    if calls[0] == spec["nth"] and spec["when"] == "after":
        os.kill(os.getpid(), signal.SIGKILL)
    return result

setattr(owner, name, wrapper)
if spec["cli"] is not None:
    from annotator.cli import main
    sys.exit(main(spec["cli"]))
exec(spec["code"])
'''


def run_killed(target: str, *, cli: list[str] | None = None, code: str = "", when: str = "before", nth: int = 1,
               match: str = "", cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `annotator CLI...` (or Python `code`) in a child killed at `target` ('package.module:function' or
    ':Class.method'); returns the finished process (returncode -SIGKILL when the moment came)."""
    spec = {"target": target, "cli": cli, "code": code, "when": when, "nth": nth, "match": match}
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run([sys.executable, "-c", _CHILD, json.dumps(spec)], cwd=cwd or ROOT, env=environment,
                          capture_output=True, text=True, timeout=300, check=False)


def was_killed(process: subprocess.CompletedProcess) -> bool:
    return process.returncode == -signal.SIGKILL
