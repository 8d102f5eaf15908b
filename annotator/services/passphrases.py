"""Where a project's passphrase comes from when an encrypted project is opened: the front end (the command line's
environment variable or prompt, the GUI's masked dialog) installs a source once, so every way of opening a project
(commands, merges, restores) asks the same way. The passphrase lives in memory only, never in a file or a setting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator.core.errors import PassphraseNeededError

#: (project path, why: "open" or "new") -> the passphrase, or None when the researcher declines.
PassphraseSource = Callable[[Path, str], "str | None"]

_source: PassphraseSource | None = None


def set_source(source: PassphraseSource | None) -> PassphraseSource | None:
    """Install the front end's way of asking; returns the one it replaces (so a test can put it back)."""
    global _source
    previous, _source = _source, source
    return previous


def ask(path: Path, why: str = "open") -> str:
    """The passphrase for `path`, from the installed source; a clear error when there is none or it gives none."""
    value = _source(path, why) if _source is not None else None
    if not value:
        raise PassphraseNeededError(
            f"{path.name} is encrypted; its passphrase is needed to open it "
            "(at the prompt, or in the environment variable ANNOTATOR_PROJECT_PASSPHRASE).")
    return value
