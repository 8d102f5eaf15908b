"""The audit anchor a report carries in its document properties (Word's and Excel's "Comments"): the project's
newest audit entry when the report was written, so a report handed to a board later shows whether the project's log
was cut short or rewritten since. The service sets it around the writing; every writer stamps what it saves."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

# A context variable rather than an argument to each of the writers: a report is written in one thread (the GUI's
# worker or the command line), from the service call that set it.
_TOKEN: ContextVar[str | None] = ContextVar("annotator_report_anchor", default=None)
_MAX_PROPERTIES = 1 << 20


@contextmanager
def anchored(token: str | None) -> Iterator[None]:
    reset = _TOKEN.set(token)
    try:
        yield
    finally:
        _TOKEN.reset(reset)


def comments() -> str:
    token = _TOKEN.get()
    return f"Written by Annotator. Audit log anchor: {token}" if token else "Written by Annotator."


def stamp_docx(document) -> None:
    """Annotator's properties in place of python-docx's template ones (author 'python-docx', created 2013)."""
    properties = document.core_properties
    properties.author = properties.last_modified_by = "Annotator"
    properties.comments = comments()
    properties.created = properties.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    properties.revision = 1


def stamp_xlsx(book) -> None:
    book.properties.creator = "Annotator"
    book.properties.description = comments()


def properties_text(path: Path) -> str:
    """The document properties of a .docx or .xlsx (where the anchor is), as text; '' when it has none."""
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("docProps/core.xml")
            if info.file_size > _MAX_PROPERTIES:
                return ""
            return package.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return ""
