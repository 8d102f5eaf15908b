"""What a file someone picked really is (by its content, not its name), so a wrong choice is answered with the
command or menu that takes it rather than 'damaged or of another kind'."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.exchange.qdpx_archive import DAMAGED, MAX_XML_BYTES

_SQLITE = b"SQLite format 3\x00"
_ANNOTATOR_ID = 0x414E4E4F  # PRAGMA application_id of an Annotator project, at byte 68 of the SQLite header

IMPORT_CODEBOOK = ("Import Codebook (File > Share with Other QDA Software > Import Codebook…; on the command line: "
                   "annotator codebook import PROJECT {name})")
MERGE = ("Import or Merge a Project (File > Import or Merge a Project…; on the command line: "
         "annotator merge PROJECT {name}, or annotator qdpx import {name} NEW.annotator)")
TRANSCRIPTS = "Import Transcripts (File > Import Transcripts…; on the command line: annotator import PROJECT {name})"


def checked_file(path: Path, limit: int | None = None) -> Path:
    """`path` if it is a regular file (a FIFO or a device would hang or be consumed by reading) of at most `limit`
    bytes; otherwise a one-line refusal."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise AnnotatorError(f"There is no file {path.name}.") from None
    except OSError as exc:
        raise AnnotatorError(f"{path.name} could not be read ({exc.strerror or type(exc).__name__}).") from exc
    if not stat.S_ISREG(info.st_mode):
        raise AnnotatorError(f"{path.name} is {'a folder' if stat.S_ISDIR(info.st_mode) else 'not a regular file'}, "
                             "not a file Annotator can read.")
    if limit is not None and info.st_size > limit:
        raise AnnotatorError(f"{path.name} is {info.st_size // 2**20} MB, over the {limit // 2**20} MB limit; it was "
                             "not read.")
    return path


def read_file(path: Path, limit: int = MAX_XML_BYTES) -> bytes:
    """A whole file that must be small (a codebook), its size checked before any of it is read."""
    path = checked_file(path, limit)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise AnnotatorError(f"{path.name} could not be read ({exc.strerror or type(exc).__name__}).") from exc


def _head(source: bytes | Path) -> bytes:
    if isinstance(source, bytes):
        return source[:4096]
    try:
        with checked_file(source).open("rb") as f:
            return f.read(4096)
    except OSError as exc:
        raise AnnotatorError(f"{Path(source).name} could not be read ({exc.strerror or 'I/O error'}).") from exc


def file_kind(source: bytes | Path) -> str:
    """'qdpx', 'qdc', 'qde', 'annotator', 'transcript', 'zip', 'xml' or 'other', from the bytes or from the file
    (of which only the start and the zip directory are read)."""
    data = _head(source)
    if data.startswith(_SQLITE):
        return "annotator" if int.from_bytes(data[68:72], "big") == _ANNOTATOR_ID else "other"
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
                names = [n.lower() for n in archive.namelist()]
        except DAMAGED:
            return "other"
        if any(n.endswith(".qde") and "/" not in n for n in names):
            return "qdpx"
        if "word/document.xml" in names or "content.xml" in names:
            return "transcript"  # a Word or OpenDocument file
        return "zip"
    head = data[:2048].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<"):
        if b"CodeBook" in head and b"<Project" not in head:
            return "qdc"
        if b"<Project" in head or b":Project" in head:
            return "qde"
        return "xml"
    if head.startswith(b"{\\rtf") or b"WEBVTT" in head[:16]:
        return "transcript"
    try:
        data[:4096].decode("utf-8")
        return "transcript"
    except UnicodeDecodeError:
        return "other"


def check_project_file(data: bytes | Path, name: str) -> None:
    """Refuse, naming the right command, anything but a .qdpx where a project is wanted."""
    kind = file_kind(data)
    if kind == "qdc":
        raise AnnotatorError(f"{name} is a REFI-QDA codebook (.qdc), not a whole project: bring its codes in "
                             f"with {IMPORT_CODEBOOK.format(name=name)}.")
    if kind == "qde":
        raise AnnotatorError(f"{name} is the project.qde part of a REFI-QDA project without its sources: import "
                             "the .qdpx file it came in.")
    if kind == "transcript":
        raise AnnotatorError(f"{name} looks like a transcript, not a REFI-QDA project: import it with "
                             f"{TRANSCRIPTS.format(name=name)}.")
    if kind == "annotator":
        raise AnnotatorError(f"{name} is an Annotator project, not a .qdpx: bring it in with "
                             f"{MERGE.format(name=name).split(', or')[0]}).")


def check_codebook_file(data: bytes | Path, name: str) -> None:
    """Refuse, naming the right command, anything but a .qdc where a codebook is wanted."""
    kind = file_kind(data)
    if kind in ("qdpx", "annotator"):
        what = "a REFI-QDA project (.qdpx)" if kind == "qdpx" else "an Annotator project"
        raise AnnotatorError(f"{name} is {what}, not a codebook: bring it in, codes and all, with "
                             f"{MERGE.format(name=name)}.")
    if kind == "transcript":
        raise AnnotatorError(f"{name} looks like a transcript, not a REFI-QDA codebook: import it with "
                             f"{TRANSCRIPTS.format(name=name)}.")
