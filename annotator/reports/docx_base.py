"""What every Word report shares: styles resolved once (python-docx looks a style name up by walking every style,
~1 ms a paragraph), text made safe for XML, a title page, a contents page written out as linked text, page
numbers, and a long report's body written out as it goes (spool) instead of held as one XML tree."""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree
from lxml.etree import SubElement

from annotator.reports.anchor import stamp_docx

# Characters XML 1.0 forbids (python-docx raises ValueError on them): transcripts from other tools carry them.
# Lone surrogates cannot be encoded at all, so they go too.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

GREY = RGBColor(0x59, 0x59, 0x59)
CONTENTS_INDENT = Inches(0.25)  # one step of the code tree in the contents
_W, _VAL, _SPACE = qn("w:x")[:-1], qn("w:val"), qn("xml:space")  # Clark names, worked out once
_SPOOL_MARK = "annotator-spooled-body"  # a comment where the spooled paragraphs go back in
_SPOOL_EVERY = 2000  # body elements written out at a time


def safe(text: str) -> str:
    return _XML_INVALID.sub("", text or "")


class ReportDocument:
    """A python-docx Document with the report styles looked up once, and fast paragraph writing."""

    def __init__(self) -> None:
        self.doc = Document()
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        normal.paragraph_format.widow_control = True  # python-docx's template leaves it off: one-line widows
        quote = styles["Quote"]
        quote.font.italic = False
        quote.font.color.rgb = RGBColor(0x20, 0x20, 0x20)
        quote.paragraph_format.left_indent = Pt(24)
        quote.paragraph_format.space_after = Pt(2)
        caption = styles["Caption"]  # the template's is 9 pt light blue: a table title in a paper is black
        caption.font.size = Pt(10)
        caption.font.color.rgb = RGBColor(0, 0, 0)
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_after = Pt(6)
        self.style_ids = {name: styles[name].style_id for name in (
            "Normal", "Title", "Subtitle", "Quote", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Caption",
            "List Bullet", "TOC Heading")}
        self._section_properties = self.doc.element.body.sectPr
        self._break_before = False
        self._title_page = False
        self._bookmarks = 0
        self._numbers = {"Figure": 0, "Table": 0}
        self._paragraphs: dict[tuple, object] = {}  # each kind of paragraph, built once and copied
        self._spool = None  # the file finished paragraphs are written to, once spool() is called
        self._spool_mark = self._holder = None
        self._unspooled = 0

    @property
    def text_width(self) -> Emu:
        section = self.doc.sections[-1]
        return Emu(section.page_width - section.left_margin - section.right_margin)

    def _new_paragraph(self, style: str, *, keep_with_next: bool = False, space_after: float | None = None):
        """Append an empty paragraph in constant time: python-docx's add_paragraph scans the whole body for the
        section properties each time (quadratic: 12,000 paragraphs took seconds), and its property setters search
        the children for where each one goes (two thirds of a report's time), so the XML is built here, in the
        order the schema fixes: pStyle, keepNext, pageBreakBefore, spacing."""
        if self._spool is not None:
            self._unspooled += 1
            if self._unspooled > _SPOOL_EVERY:  # the paragraphs before this one are finished: write them out
                self._write_spooled()
        key = (style, keep_with_next, self._break_before, space_after)
        template = self._paragraphs.get(key)
        if template is None:  # each kind of paragraph is built once, then copied (a report has 100,000 of them)
            template = self._paragraphs[key] = OxmlElement("w:p")
            if style != "Normal" or keep_with_next or self._break_before or space_after is not None:
                properties = SubElement(template, _W + "pPr")
                if style != "Normal":
                    SubElement(properties, _W + "pStyle", {_VAL: self.style_ids[style]})  # an id: no walk of styles
                if keep_with_next:
                    SubElement(properties, _W + "keepNext")
                if self._break_before:  # a property of the next paragraph, not an empty one holding a break
                    SubElement(properties, _W + "pageBreakBefore")
                if space_after is not None:
                    SubElement(properties, _W + "spacing", {_W + "after": str(round(space_after * 20))})
        self._break_before = False
        p = template.__copy__()  # (lxml copies the whole element: the copy module only adds its dispatch)
        if self._spool is None:
            self._section_properties.addprevious(p)
        else:
            self._holder.append(p)
        return Paragraph(p, self.doc._body)

    def paragraph(self, text: str = "", style: str = "Normal", *, bold: bool = False, italic: bool = False,
                  size: float | None = None, colour: RGBColor | None = None, keep_with_next: bool = False,
                  space_after: float | None = None) -> Paragraph:
        paragraph = self._new_paragraph(style, keep_with_next=keep_with_next, space_after=space_after)
        if text:
            _run(paragraph._p, text, bold=bold, italic=italic, size=size, colour=colour)
        return paragraph

    def note(self, text: str) -> Paragraph:
        """'Note. ...' under a table, as journals set it."""
        paragraph = self.paragraph(style="Normal")
        paragraph.paragraph_format.space_before = Pt(4)
        _run(paragraph._p, "Note. ", italic=True, size=9)
        _run(paragraph._p, text, size=9)
        return paragraph

    def caption(self, kind: str, text: str) -> Paragraph:
        """'Figure 2. ...' or 'Table 1. ...', numbered in order through the document, kept with what follows."""
        self._numbers[kind] += 1
        paragraph = self._new_paragraph("Caption")
        _run(paragraph._p, f"{kind} {self._numbers[kind]}. ", bold=True)
        _run(paragraph._p, text)
        return paragraph

    def picture(self, png: bytes, width: Emu, description: str) -> Paragraph:
        """A picture on a line of its own, with alternative text for screen readers."""
        paragraph = self._new_paragraph("Normal", keep_with_next=True)
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(png), width=width)
        for properties in run._r.xpath(".//wp:docPr"):
            properties.set("descr", safe(description))
        return paragraph

    def heading(self, text: str, level: int, *, anchor: str | None = None) -> Paragraph:
        paragraph = self.paragraph(text, f"Heading {max(1, min(level, 4))}")
        if anchor:  # the contents entry links here
            self._bookmarks += 1
            start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
            start.set(qn("w:id"), str(self._bookmarks))
            start.set(qn("w:name"), anchor)
            end.set(qn("w:id"), str(self._bookmarks))
            runs = paragraph._p.r_lst
            if runs:
                runs[0].addprevious(start)
                runs[-1].addnext(end)
            else:
                paragraph._p.append(start)
                paragraph._p.append(end)
        return paragraph

    def page_break(self) -> None:
        """The next paragraph starts a page."""
        self._break_before = True

    def title_page(self, title: str, project: str, lines: list[str]) -> None:
        self.paragraph(title, "Title")
        self.paragraph(project, "Subtitle")
        today = date.today()
        self.paragraph(f"Prepared {today.day} {today:%B %Y} with Annotator", italic=True)
        for line in lines:
            self.paragraph(line)
        self._title_page = True
        self.page_break()

    def contents(self, entries: Sequence[tuple[str, int, str]], *, note: str, right_label: str) -> list[str]:
        """The contents as real text, one linked line per (text, depth, right-hand figure), so it is right when the
        file opens: a TOC field shows "Update Field" until someone updates it, and LibreOffice and most
        converters never do. Page numbers need a layout, so the right-hand figure is what the caller knows.
        Returns the bookmark names to give the headings (heading(..., anchor=)). Depths count from the shallowest
        entry, so a report on one subtree is not indented a step throughout."""
        self.paragraph("Contents", "TOC Heading")
        self.paragraph(note, size=9, colour=GREY)
        width = self.text_width
        header = self._contents_line(width, 0, WD_TAB_LEADER.SPACES)
        header.paragraph_format.space_after = Pt(2)
        _run(header._p, "Code", bold=True, size=9, colour=GREY)
        _tab(header._p)
        _run(header._p, right_label, bold=True, size=9, colour=GREY)
        anchors = []
        top = min((depth for _, depth, _ in entries), default=0)
        for index, (text, depth, right) in enumerate(entries):
            depth -= top
            anchor = f"_Code{index + 1}"  # a leading underscore hides it from Word's bookmark list, as _Toc does
            anchors.append(anchor)
            line = self._contents_line(width, depth)
            if depth == 0 and index:
                line.paragraph_format.space_before = Pt(6)
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), anchor)
            link.set(qn("w:history"), "1")
            line._p.append(link)
            _run(link, text, bold=depth == 0)
            _tab(link)
            _run(link, right)
        self.page_break()
        return anchors

    def _contents_line(self, width: Emu, depth: int, leader=WD_TAB_LEADER.DOTS) -> Paragraph:
        line = self._new_paragraph("Normal")
        line_format = line.paragraph_format
        line_format.left_indent = CONTENTS_INDENT * depth
        line_format.space_after = Pt(0)
        line_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, leader)
        return line

    def page_numbers(self) -> None:
        for section in self.doc.sections:
            if self._title_page:  # no number on the title page, as Word's own cover pages
                section.different_first_page_header_footer = True
            footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            footer.add_run("Page ")
            _field(footer, "PAGE", "1")
            for run in footer.runs:  # every run of the field too: Word formats the number like its field code
                _format(run, size=9, colour=GREY)

    def spool(self, folder: Path) -> None:
        """From here on, write finished paragraphs to a temporary file instead of holding them: a report of 50,000
        passages is about 1.5 million XML elements, a quarter of a gigabyte as a tree. The file is made in
        `folder` (the report's own, not a shared temporary folder) and is never visible: the system removes it
        when it is closed. Only paragraphs may be added after this call, and each must be finished before the
        next is added."""
        self._spool = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by save)
        self._spool_mark = etree.Comment(_SPOOL_MARK)
        self._section_properties.addprevious(self._spool_mark)
        self._new_holder()

    def _new_holder(self) -> None:
        """New paragraphs go into a holder declaring the document's namespaces (so no paragraph repeats them when
        it is written out), not into the body."""
        self._holder = etree.Element(self.doc.element.body.tag, nsmap=self.doc.element.nsmap)
        self._unspooled = 0

    def _write_spooled(self) -> None:
        """The holder's paragraphs, serialised as they will be in document.xml, written out and dropped."""
        if self._spool_mark.getnext() is not self._section_properties:
            raise RuntimeError("Only paragraphs may be added to a report once it is spooled.")
        xml = etree.tostring(self._holder, encoding="UTF-8", xml_declaration=False)
        start, end = xml.find(b">") + 1, xml.rfind(b"</")
        if start < end:
            self._spool.write(memoryview(xml)[start:end])
        self._new_holder()

    def save(self, path) -> None:
        """Written to a temporary file beside `path` and moved over it, so a failed write leaves any earlier
        report whole."""
        path = Path(path)
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".docx")
        os.close(handle)
        stamp_docx(self.doc)
        try:
            if self._spool is None:
                self.doc.save(partial)
            else:
                self._save_spooled(partial)
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        finally:
            if self._spool is not None:
                self._spool.close()
                self._spool = None

    def _save_spooled(self, target: str) -> None:
        """python-docx writes the package with the mark in the body; the spooled paragraphs are streamed in at
        the mark as document.xml is copied into the final file."""
        self._write_spooled()
        package = io.BytesIO()
        self.doc.save(package)
        mark = f"<!--{_SPOOL_MARK}-->".encode()
        with zipfile.ZipFile(package) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                data = source.read(info)
                if info.filename != "word/document.xml":
                    out.writestr(info, data)
                    continue
                head, tail = data.split(mark)
                entry = zipfile.ZipInfo(info.filename, info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                with out.open(entry, "w", force_zip64=True) as document:
                    document.write(head)
                    self._spool.seek(0)
                    shutil.copyfileobj(self._spool, document, 1 << 20)
                    document.write(tail)


_RUNS: dict[tuple, object] = {}  # each kind of run, built once and copied


def _run(parent, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None,
         colour: RGBColor | None = None):
    """A run with its formatting written directly (rPr children in schema order: b, i, color, sz)."""
    key = (bold, italic, size, str(colour) if colour is not None else None)
    template = _RUNS.get(key)
    if template is None:
        template = _RUNS[key] = OxmlElement("w:r")
        if bold or italic or size or colour is not None:
            properties = SubElement(template, _W + "rPr")
            if bold:
                SubElement(properties, _W + "b")
            if italic:
                SubElement(properties, _W + "i")
            if colour is not None:
                SubElement(properties, _W + "color", {_VAL: str(colour)})
            if size:
                SubElement(properties, _W + "sz", {_VAL: str(round(size * 2))})
        SubElement(template, _W + "t", {_SPACE: "preserve"})
    r = template.__copy__()
    parent.append(r)
    r[-1].text = safe(text)
    return r


def _tab(parent) -> None:
    SubElement(SubElement(parent, _W + "r"), _W + "tab")


def _format(run: Run, *, bold: bool = False, italic: bool = False, size: float | None = None,
            colour: RGBColor | None = None) -> Run:
    run.bold, run.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour
    return run


def _field(paragraph, instruction: str, placeholder: str) -> None:
    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    run._r.append(text)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def set_cell(cell, text: str, *, bold: bool = False, size: float | None = None) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(safe(text))
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
