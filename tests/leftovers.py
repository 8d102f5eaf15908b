"""What a project leaves on disk: every original of the samples' gold list (sample_transcripts/identifiers.json),
looked for in the raw bytes of a project file and its -wal and -shm companions, whole words, as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import SAMPLES


def originals() -> set[str]:
    return {g["text"] for g in json.loads((SAMPLES / "identifiers.json").read_text("utf-8"))}


def companions(project: Path) -> list[Path]:
    return [p for p in (project, Path(f"{project}-wal"), Path(f"{project}-shm")) if p.exists()]


def found_in_bytes(raw: bytes, words: set[str]) -> list[str]:
    return sorted(w for w in words
                  if re.search(rb"(?<![\w-])" + re.escape(w.encode("utf-8")) + rb"(?![\w-])", raw))


def left_on_disk(project: Path, words: set[str] | None = None) -> dict[str, list[str]]:
    """{file name: the originals in its bytes}, for the project and whichever of -wal and -shm exist. In an
    encrypted project's noise a three-letter word turns up by chance (1 in 17 million bytes, before the boundaries
    either side): there only originals of five letters or more are looked for."""
    words = originals() if words is None else words
    if not project.read_bytes()[:16].startswith(b"SQLite format 3"):
        words = {w for w in words if len(w) >= 5}
    return {p.name: hits for p in companions(project) if (hits := found_in_bytes(p.read_bytes(), words))}
