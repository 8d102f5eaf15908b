"""What every Word report shares: styles resolved once (python-docx looks a style name up by walking every style,
~1 ms a paragraph), text made safe for XML, a title page, a table-of-contents field and page numbers."""

from __future__ import annotations

import re
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# Characters XML 1.0 forbids (python-docx raises ValueError on them): transcripts from other tools carry them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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
        quote = styles["Quote"]
        quote.font.italic = False
        quote.font.color.rgb = RGBColor(0x20, 0x20, 0x20)
        quote.paragraph_format.left_indent = Pt(24)
        quote.paragraph_format.space_after = Pt(2)
        self.style_ids = {name: styles[name].style_id for name in (
            "Normal", "Title", "Subtitle", "Quote", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Caption",
            "List Bullet")}
        self._section_properties = self.doc.element.body.sectPr

    def paragraph(self, text: str = "", style: str = "Normal", *, bold: bool = False, italic: bool = False,
                  size: float | None = None, colour: RGBColor | None = None):
        """Append a paragraph in constant time: python-docx's add_paragraph scans the whole body for the section
        properties each time (quadratic: 12,000 paragraphs took seconds), so the element goes in directly."""
        p = OxmlElement("w:p")
        self._section_properties.addprevious(p)
        paragraph = Paragraph(p, self.doc._body)
        if style != "Normal":
            p.style = self.style_ids[style]  # the id directly: no walk over every style
        if text:
            r = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = safe(text)
            t.set(qn("xml:space"), "preserve")
            r.append(t)
            p.append(r)
            if bold or italic or size or colour:
                run = Run(r, paragraph)
                run.bold, run.italic = bold or None, italic or None
                if size:
                    run.font.size = Pt(size)
                if colour is not None:
                    run.font.color.rgb = colour
        return paragraph

    def heading(self, text: str, level: int):
        return self.paragraph(text, f"Heading {max(1, min(level, 4))}")

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def title_page(self, title: str, project: str, lines: list[str]) -> None:
        self.paragraph(title, "Title")
        self.paragraph(project, "Subtitle")
        self.paragraph(f"Prepared {date.today():%d %B %Y} with Annotator", italic=True)
        for line in lines:
            self.paragraph(line)
        self.page_break()

    def table_of_contents(self) -> None:
        """A TOC field; Word fills it in when the document opens (LibreOffice: Tools > Update)."""
        self.paragraph("Contents", "Heading 1")
        paragraph = self.doc.add_paragraph()
        _field(paragraph, 'TOC \\o "1-4" \\h \\z \\u', "Right-click and choose Update Field to build the contents.")
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
        self.page_break()

    def page_numbers(self) -> None:
        for section in self.doc.sections:
            footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            footer.add_run("Page ")
            _field(footer, "PAGE", "1")

    def save(self, path) -> None:
        self.doc.save(str(path))


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
