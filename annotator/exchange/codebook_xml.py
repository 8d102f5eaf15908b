"""Codebook (.qdc) and the CodeBook element of a project: written to the letter of Codebook.xsd, read leniently."""

from __future__ import annotations

from lxml import etree

from annotator.core.clean_text import xml_safe
from annotator.core.errors import AnnotatorError
from annotator.exchange.model import LeftOut, QdaCode
from annotator.exchange.xml_safety import child, children, colour, guid, local, parse

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


def code_element(parent, code: QdaCode, namespace: str):
    element = etree.SubElement(parent, f"{{{namespace}}}Code", guid=code.guid.upper(), name=xml_safe(code.name),
                               isCodable="true" if code.codable else "false")
    if code.colour:
        element.set("color", code.colour.upper())
    if code.description:
        etree.SubElement(element, f"{{{namespace}}}Description").text = xml_safe(code.description)
    for sub in code.children:
        code_element(element, sub, namespace)
    return element


def write_codebook(codes: list[QdaCode], origin: str) -> bytes:
    """A .qdc: UTF-8 without a byte-order mark, and no empty containers (the schema forbids them)."""
    if not codes:
        raise AnnotatorError("The codebook is empty; there is nothing to export.")
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=origin)
    container = etree.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    for code in codes:
        code_element(container, code, CODEBOOK_NS)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def read_codes(container, left_out: list[LeftOut] | None = None) -> list[QdaCode]:
    codes = []
    for element in children(container, "Code"):
        description = child(element, "Description")
        name = " ".join((element.get("name") or "").split())
        if not name:
            name = "Unnamed code"
            if left_out is not None:
                left_out.append(LeftOut("code", "A code without a name in the file is called 'Unnamed code'"))
        codes.append(QdaCode(guid(element.get("guid")), name, colour(element.get("color")),
                             (description.text or "").strip() if description is not None else "",
                             read_codes(element, left_out), codable=element.get("isCodable") not in ("false", "0")))
    return codes


def read_codebook(data: bytes) -> tuple[list[QdaCode], str]:
    """The codes of a .qdc (or of a project file's CodeBook), and the producer's name."""
    root = parse(data, "codebook")
    if local(root) == "Project":
        book = child(root, "CodeBook")
        if book is None:
            return [], root.get("origin", "")
        root_codes = child(book, "Codes")
    elif local(root) == "CodeBook":
        root_codes = child(root, "Codes")
    else:
        raise AnnotatorError("This is not a REFI-QDA codebook (its root is not CodeBook).")
    return (read_codes(root_codes) if root_codes is not None else []), root.get("origin", "")
