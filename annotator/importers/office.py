"""Word-processor transcripts: .docx (python-docx) and .odt (content.xml); .rtf is in rtf.py.

Paragraphs and tables are read in reading order; each paragraph becomes a paragraph of the transcript. A table row
laid out as [time,] speaker, speech becomes one labelled line, which is how transcription services lay them out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from annotator.core.errors import ImportFailed
from annotator.core.transcript import Transcript
from annotator.importers.limits import ImportLimits
from annotator.importers.plain import transcript_from_text
from annotator.importers.zipsafe import check_parts, open_zip, read_member

_TIME_CELL = re.compile(r"\[?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\]?")
_HEADER_CELLS = {"speaker", "name", "text", "time", "timestamp", "transcript", "utterance", "speech", "start", "who"}
# What python-docx raises on parts that parse as XML but are not what Word writes (a missing relationship, a cell
# span that is not a number, a value of the wrong kind), besides a part that does not parse at all.
_MALFORMED = (KeyError, ValueError, TypeError, AttributeError, IndexError, NotImplementedError, etree.LxmlError)
# No DTDs, no entities, no network: a document from a stranger cannot make the parser fetch or expand anything.
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _row_line(cells: list[str]) -> str | None:
    """One transcript line for a table row, or None for a header row."""
    cells = [c.strip() for c in cells]
    if cells and all(c.lower().rstrip(":") in _HEADER_CELLS for c in cells if c):
        return None
    filled = [c for c in cells if c]
    if 2 <= len(filled) <= 3 and "\n" not in "".join(filled[:-1]) and all(len(c) <= 40 for c in filled[:-1]):
        *head, speech = filled
        time = next((c for c in head if _TIME_CELL.fullmatch(c)), None)
        label = next((c.rstrip(":") for c in head if c is not time), None)
        if label:
            prefix = f"[{time.strip('[]')}] " if time else ""
            return f"{prefix}{label}: {speech}"
    return "\t".join(cells)


# ---------------------------------------------------------------------------------------------------------- docx


def _docx_rows(tbl, parent) -> Iterator[list[str]]:
    """Each row's cells, each cell once; a cell a vertical merge continues holds the text of the cell it continues.
    Read from the XML directly: python-docx finds a continued cell by walking up the rows, once per row (a column
    merged down 10,000 rows took minutes, and past 1,000 it recursed too deep), and repeats a cell once per column
    it spans (gridSpan="1000000000" asked for a billion)."""
    from docx.table import _Cell

    continued: dict[int, str] = {}  # grid column -> the text of the cell a vertical merge started there
    for tr in tbl.tr_lst:
        offset, cells = tr.grid_before, []
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                cells.append(continued.get(offset, ""))
            else:
                cells.append(_Cell(tc, parent).text)
                continued[offset] = cells[-1]
            offset += tc.grid_span
        yield cells


def read_docx(data: bytes, limits: ImportLimits) -> Transcript:
    import docx  # python-docx: imported here so a text-only import never pays for it
    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import PackageNotFoundError
    from docx.text.paragraph import Paragraph

    archive = open_zip(data, limits, ".docx")
    read_member(archive, "word/document.xml", ".docx")  # a clear message before python-docx's generic one
    check_parts(archive, ".docx")
    try:
        document = docx.Document(archive.fp)
    except (PackageNotFoundError, PythonDocxError, *_MALFORMED) as exc:
        raise ImportFailed("is not a valid .docx file (its parts do not fit together as Word writes them)") from exc

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def blocks(parent_element, parent) -> Iterator[str]:
        for child in parent_element.iterchildren():
            if child.tag == w + "p":
                yield Paragraph(child, parent).text
            elif child.tag == w + "tbl":
                for cells in _docx_rows(child, parent):
                    line = _row_line(cells)
                    if line is not None:
                        yield line
            elif child.tag == w + "sdt":  # content controls wrap ordinary paragraphs
                content = child.find(w + "sdtContent")
                if content is not None:
                    yield from blocks(content, parent)

    try:
        paragraphs = list(blocks(document.element.body, document))
    except (PythonDocxError, *_MALFORMED) as exc:
        raise ImportFailed("is not a valid .docx file (its paragraphs or tables are malformed)") from exc
    return transcript_from_text("\n\n".join(paragraphs), "docx")


# ----------------------------------------------------------------------------------------------------------- odt

_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


class _Budget:
    """Characters left before the text limit: `<text:s text:c="1500000000"/>` is 40 bytes that ask for 1.5 GB."""

    def __init__(self, limits: ImportLimits):
        self.limit = self.left = limits.max_text_chars

    def spend(self, n: int) -> int:
        self.left -= n
        if self.left < 0:
            raise ImportFailed(f"holds more than {self.limit:,} characters, over the limit")
        return n


def _spaces(value: str | None) -> int:
    try:
        return max(0, int(value)) if value is not None else 1
    except ValueError:
        return 1


def _odf_inline(element, budget: _Budget) -> str:
    parts = [element.text or ""]
    budget.spend(len(parts[0]))
    for child in element:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag == "s":
            parts.append(" " * budget.spend(_spaces(child.get(f"{{{_ODF_TEXT}}}c"))))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        elif tag not in ("note", "annotation", "bookmark", "bookmark-start", "bookmark-end"):
            parts.append(_odf_inline(child, budget))
        parts.append(child.tail or "")
        budget.spend(len(parts[-1]))
    return "".join(parts)


def _odf_blocks(element, budget: _Budget) -> Iterator[str]:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        qname = etree.QName(child)
        if qname.namespace == _ODF_TEXT and qname.localname in ("p", "h"):
            yield _odf_inline(child, budget)
        elif qname.namespace == _ODF_TABLE and qname.localname == "table":
            for row in child.iter(f"{{{_ODF_TABLE}}}table-row"):
                cells = ["\n".join(_odf_inline(p, budget) for p in cell.iter(f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"))
                         for cell in row.iterchildren(f"{{{_ODF_TABLE}}}table-cell")]
                line = _row_line(cells)
                if line is not None:
                    yield line
        else:  # lists, sections, and other containers hold paragraphs
            yield from _odf_blocks(child, budget)


def read_odt(data: bytes, limits: ImportLimits) -> Transcript:
    archive = open_zip(data, limits, ".odt")
    content = read_member(archive, "content.xml", ".odt")
    try:
        root = etree.fromstring(content, _SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise ImportFailed("is not a valid .odt file (its text is damaged)") from exc
    body = root.find(f"{{{_ODF_OFFICE}}}body/{{{_ODF_OFFICE}}}text")
    if body is None:
        raise ImportFailed("is not a text document (.odt without a text body)")
    return transcript_from_text("\n\n".join(_odf_blocks(body, _Budget(limits))), "odt")
