"""Parsing XML that a stranger may send: no DTD, no entities, no network, bounded size; namespaces and GUIDs read
leniently (the variants real QDA software writes)."""

from __future__ import annotations

import re

from lxml import etree

from annotator.core.errors import AnnotatorError

MAX_XML_BYTES = 200 * 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_blank_text=False)


def parse(data: bytes, what: str) -> etree._Element:
    if len(data) > MAX_XML_BYTES:
        raise AnnotatorError(f"The {what} is too large to read safely ({len(data) // 2**20} MB).")
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise AnnotatorError(f"The {what} declares a document type or entities, which REFI-QDA files never need; "
                             "it was not read.")
    try:
        return etree.fromstring(data.lstrip(b"\xef\xbb\xbf"), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise AnnotatorError(f"The {what} is not well-formed XML (line {exc.lineno}).") from exc


def local(element) -> str:
    """The tag without its namespace, whichever REFI namespace variant the producer used."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def children(element, name: str):
    return [c for c in element if local(c) == name]


def child(element, name: str):
    return next((c for c in element if local(c) == name), None)


def descendants(element, name: str):
    return [c for c in element.iter() if local(c) == name]


def guid(value: str | None) -> str:
    """GUIDs compare in lower case without braces: '{0D62985D-...}' == '0d62985d-...'."""
    return (value or "").strip().strip("{}").lower()


def colour(value: str | None) -> str | None:
    """'#RRGGBB', '#AARRGGBB' or 'rgb(r, g, b)' -> '#RRGGBB'; anything else -> None."""
    if not value:
        return None
    value = value.strip()
    if m := re.fullmatch(r"#([0-9a-fA-F]{6})", value):
        return "#" + m.group(1).upper()
    if m := re.fullmatch(r"#[0-9a-fA-F]{2}([0-9a-fA-F]{6})", value):
        return "#" + m.group(1).upper()
    if m := re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)(?:\s*,\s*[\d.]+)?\s*\)", value):
        return "#" + "".join(f"{min(255, int(g)):02X}" for g in m.groups())
    return None
