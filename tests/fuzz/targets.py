"""What a damaged file is given to: the code path a researcher's command takes with it. A case passes when the
file is read or refused with Annotator's own one-line error; anything else that escapes is a crash (a traceback
on the command line), and so is an import that reports an 'unexpected' error (a crash it swallowed)."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

from annotator.cli import main
from annotator.core.errors import AnnotatorError
from annotator.deid.keyfile import load_key
from annotator.exchange.qdpx_read import read_qdpx
from annotator.importers import read_transcript
from annotator.services.exchange_service import import_into_new_project
from annotator.services.project_service import ProjectService

TRANSCRIPTS = ("txt", "md", "docx", "odt", "rtf", "vtt", "srt")


class Swallowed(Exception):
    """An error the code caught and reported as 'unexpected': a crash that did not show."""


def _cli(*argv) -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    if "(unexpected " in err.getvalue() + out.getvalue():  # "could not be read (unexpected ValueError)"
        raise Swallowed(err.getvalue().strip().splitlines()[-1][:200])
    return code


def _transcript(path: Path, work: Path) -> None:
    read_transcript(path.name, path.read_bytes())


def _qdpx(path: Path, work: Path) -> None:
    read_qdpx(path)
    service, _plan, _result = import_into_new_project(path, work / "imported.annotator", path.name)
    service.close()


def _qdc(path: Path, work: Path) -> None:
    _cli("codebook", "import", work / "base.annotator", path)


def _project(path: Path, work: Path) -> None:
    _cli("info", path)
    _cli("search", path, "naloxone")
    _cli("codes", path)
    _cli("audit", path, "--verify", "--json")
    _cli("import", path, work / "note.txt")  # opens it for writing: migrations, WAL, quick check, backups


def _key(path: Path, work: Path) -> None:
    load_key(path)
    _cli("deid", "residual", work / "base.annotator", "--key", path)
    _cli("audit", work / "base.annotator", "--verify", "--key", path)


def prepare(work: Path, seeds: dict[str, Path]) -> None:
    """What the targets need beside the damaged file: a sound project and a small transcript."""
    shutil.copy(seeds["annotator"], work / "base.annotator")
    (work / "note.txt").write_text("Interviewer: One more question.\nParticipant: Sure.\n", "utf-8")
    with ProjectService.open(work / "base.annotator", backup=False):
        pass


def target(kind: str):
    if kind in TRANSCRIPTS:
        return _transcript
    return {"qdpx": _qdpx, "qdc": _qdc, "annotator": _project, "key": _key}[kind]


def run_case(kind: str, path: Path, work: Path) -> str | None:
    """None if the file was handled; else the crash's signature (exception type and where it was raised)."""
    try:
        target(kind)(path, work)
    except AnnotatorError:
        return None
    except Exception as exc:  # noqa: BLE001 - every other exception is what the fuzzing looks for
        return signature(exc)
    return None


def signature(exc: BaseException) -> str:
    tb = exc.__traceback__
    where = "?"
    while tb is not None:
        frame = tb.tb_frame
        name = frame.f_code.co_filename
        if "/annotator/" in name and "/tests/" not in name:
            where = f"{name.rsplit('/annotator/', 1)[-1]}:{tb.tb_lineno}"
        tb = tb.tb_next
    return f"{type(exc).__name__} at {where}: {str(exc).splitlines()[0][:120] if str(exc) else ''}"
