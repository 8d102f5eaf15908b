"""Finding what a killed process left behind (a key file's temporary copy, a half-made copy of a project): the
entries of a folder whose names say they are temporary, and whether the process that made one is still running."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path


def named_like(folder: Path, pattern: re.Pattern[str]) -> Iterator[tuple[Path, re.Match[str]]]:
    """The entries of `folder` whose whole name matches `pattern`, with the match (none if it cannot be read)."""
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if match is not None:
            yield entry, match


def alive(pid: int) -> bool:
    """True while `pid` runs; also when that cannot be told (another user's process; Windows, where os.kill would
    end it instead of asking), so a file still in use is never taken for a leftover."""
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) terminates the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
