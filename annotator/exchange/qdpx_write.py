"""Writing a REFI-QDA project (.qdpx: project.qde, its sources and notes under sources/, and Annotator's extension
part) to the letter of Project.xsd, with every optional attribute whose value is known: the creating user and
dates on sources, selections, codings and notes are what QualCoder and others read the coder and dates from."""

from __future__ import annotations

import re
import uuid
import zipfile

from lxml import etree
from lxml.etree import SubElement

from annotator.core.clean_text import xml_safe
from annotator.exchange.codebook_xml import code_element
from annotator.exchange.extension import (
    DESCRIPTION_KINDS,
    EXTENSION_PART,
    write_extension,
)
from annotator.exchange.model import QdaNote, QdaProject
from annotator.exchange.positions import CODE_POINTS, WritePositions

PROJECT_NS = "urn:QDA-XML:project:1.0"
_Q = f"{{{PROJECT_NS}}}"
_NSMAP = {None: PROJECT_NS}
_SELECTION, _CODING, _CODE_REF = _Q + "PlainTextSelection", _Q + "Coding", _Q + "CodeRef"  # each part is written out on its own, in the standard's default namespace
SOURCES = "sources"  # the standard's folder name (8.1); ATLAS.ti refuses "Sources"
_CHILD_ORDER = ("Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs",
                "Description", "NoteRef")
_VALUE_TAGS = {"Integer": "IntegerValue", "Float": "FloatValue", "Date": "DateValue", "Boolean": "BooleanValue"}
_FITS = {"IntegerValue": re.compile(r"-?\d+").fullmatch, "FloatValue": re.compile(r"-?\d+(\.\d+)?").fullmatch,
         "DateValue": re.compile(r"\d{4}-\d{2}-\d{2}").fullmatch,
         "BooleanValue": re.compile("true|false|0|1").fullmatch}


def _attributes(**attributes) -> dict[str, str]:
    """Attributes made safe for XML; those without a value are left out."""
    return {k: xml_safe(str(v)) for k, v in attributes.items() if v is not None and v != ""}


def _el(parent, tag: str, text: str | None = None, **attributes):
    """A child element, its text and attributes made safe for XML; attributes without a value are left out."""
    element = etree.SubElement(parent, _Q + tag, _attributes(**attributes))
    if text:
        element.text = xml_safe(text)
    return element


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


def xml_datetime(value: str | None) -> str | None:
    """Annotator's '2024-05-01T10:00:00.123456+00:00' as xsd:dateTime in UTC, '2024-05-01T10:00:00.123456Z'."""
    if not value:
        return None
    return value[:-6] + "Z" if value.endswith("+00:00") else value


def joined(notes: list[QdaNote]) -> str:
    """Several memos in one Description, for programs that hold one memo there."""
    return "\n\n".join(f"{n.title}\n{n.text}" if n.title and n.text else (n.title or n.text) for n in notes)


def note_names(notes: list[QdaNote], describe) -> dict[str, str]:
    """A Note's name for other programs: its title, or what it is about when untitled; never the same twice
    (QualCoder files Notes as journal entries under unique names)."""
    names, taken = {}, set()
    for note in notes:
        if note.kind in DESCRIPTION_KINDS:
            continue
        base = note.title or describe(note)
        name, n = base, 2
        while name.lower() in taken:
            name, n = f"{base} ({n})", n + 1
        taken.add(name.lower())
        names[note.guid] = name
    return names


def _variable_value(parent, variable_guid: str, kind: str, value: str) -> None:
    entry = _el(parent, "VariableValue")
    _el(entry, "VariableRef", targetGUID=_upper(variable_guid))
    tag = _VALUE_TAGS.get(kind, "TextValue")
    if not _FITS.get(tag, lambda v: True)(value):
        tag = "TextValue"  # a value its type cannot hold goes as text rather than break the file
    _el(entry, tag, value)


def write_qdpx(project: QdaProject, path, origin: str, *, positions: str = CODE_POINTS, describe=None) -> None:
    """The texts go into the archive first, then project.qde is written out source by source as it is made (a
    team's 50,000 selections are never one XML tree, nor one string), then the extension part."""
    describe = describe or (lambda note: f"{note.kind.title()} memo")
    names = note_names(project.notes, describe)
    notes_on: dict[tuple[str, str | None], list[QdaNote]] = {}
    for note in project.notes:
        notes_on.setdefault((note.kind, note.target_guid), []).append(note)
    source_guids = {source.guid for source in project.sources}
    written = [n for n in project.notes if n.kind not in DESCRIPTION_KINDS]
    in_files = [n for n in written if n.target_guid not in source_guids or n.kind != "range"]
    attributes = {"name": xml_safe(project.name), "origin": origin}
    if project.created:
        attributes["creationDateTime"] = xml_datetime(project.created)
    # Level 1: the texts are most of the archive, and deflating them at the default level took longer than
    # everything else in an export; the file is about a tenth larger.
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        writers = {}
        for source in project.sources:  # (a model read without texts reads each here, one at a time)
            text = project.source_text(source)
            writers[source.guid] = WritePositions(text, positions)
            archive.writestr(f"{SOURCES}/{source.guid.upper()}.txt", xml_safe(text).encode("utf-8"))
            del text
        for note in in_files:  # a journal entry in QualCoder: its text in a file of its own, as NVivo writes memos
            archive.writestr(f"{SOURCES}/{note.guid.upper()}.txt", xml_safe(note.text).encode("utf-8"))
        with archive.open("project.qde", "w", force_zip64=True) as stream, \
                etree.xmlfile(stream, encoding="utf-8") as xml:
            xml.write_declaration()
            with xml.element(_Q + "Project", attributes, nsmap=_NSMAP):
                # the schema fixes the order of Project's children
                for part in (_users(project), _codebook(project, written), _variables(project),
                             _cases(project, notes_on)):
                    if part is not None:
                        xml.write(part, pretty_print=True)
                if project.sources:
                    with xml.element(_Q + "Sources"):
                        for source in project.sources:
                            xml.write(_source(source, writers[source.guid], notes_on), pretty_print=True)
                if written:
                    xml.write(_notes(written, names, writers, {n.guid for n in in_files}), pretty_print=True)
                for note in written:  # notes on the project as a whole (NoteRef comes last, per the schema)
                    if note.kind == "project" or (note.kind == "range" and note.target_guid not in writers):
                        xml.write(etree.Element(_Q + "NoteRef", targetGUID=_upper(note.guid), nsmap=_NSMAP),
                                  pretty_print=True)
        with archive.open(EXTENSION_PART, "w", force_zip64=True) as stream:
            write_extension(stream, project, positions, origin, names)


def _users(project: QdaProject):
    if not project.users:
        return None
    users = etree.Element(_Q + "Users", nsmap=_NSMAP)
    for user in project.users:
        _el(users, "User", guid=_upper(user.guid), name=user.name)
    return users


def _codebook(project: QdaProject, written: list[QdaNote]):
    if not project.codes:
        return None
    book = etree.Element(_Q + "CodeBook", nsmap=_NSMAP)
    codes = _el(book, "Codes")
    for code in project.codes:
        code_element(codes, code, PROJECT_NS)
    codes_by_guid = {c.get("guid"): c for c in book.iter(_Q + "Code")}
    for note in written:
        owner = codes_by_guid.get(_upper(note.target_guid or "")) if note.kind == "code" else None
        if owner is not None:
            _insert_note_ref(owner, note.guid)
    return book


def _variables(project: QdaProject):
    if not project.variables:
        return None
    variables = etree.Element(_Q + "Variables", nsmap=_NSMAP)
    for variable in project.variables:
        _el(variables, "Variable", guid=_upper(variable.guid), name=variable.name, typeOfVariable=variable.type)
    return variables


def _cases(project: QdaProject, notes_on):
    if not project.cases:
        return None
    kinds = {v.guid: v.type for v in project.variables}
    cases = etree.Element(_Q + "Cases", nsmap=_NSMAP)
    for case in project.cases:
        element = _el(cases, "Case", guid=_upper(case.guid), name=case.name)
        memos = notes_on.get(("participant", case.guid))
        if memos:
            _el(element, "Description", joined(memos))
        for variable_guid, value in case.variables.items():
            _variable_value(element, variable_guid, kinds.get(variable_guid, "Text"), value)
        for source_guid in case.source_guids:
            _el(element, "SourceRef", targetGUID=_upper(source_guid))
    return cases


def _source(source, at: WritePositions, notes_on):
    element = etree.Element(_Q + "TextSource", nsmap=_NSMAP, attrib=_attributes(
        guid=_upper(source.guid), name=source.name, plainTextPath=f"internal://{source.guid.upper()}.txt",
        creatingUser=_upper(source.coder_guid), creationDateTime=xml_datetime(source.created),
        modifiedDateTime=xml_datetime(source.modified)))
    memos = notes_on.get(("document", source.guid))
    if memos:
        _el(element, "Description", joined(memos))
    # 50,000 selections in a team's project: their attributes are written directly. GUIDs, dates and positions
    # came from this program or out of an XML file, so only names can hold what XML cannot.
    for s in source.selections:
        attributes = {"guid": s.guid.upper()}
        if s.name:
            attributes["name"] = xml_safe(s.name)
        attributes["startPosition"], attributes["endPosition"] = str(at(s.start)), str(at(s.end))
        if s.coder_guid:
            attributes["creatingUser"] = s.coder_guid.upper()
        if s.created:
            attributes["creationDateTime"] = xml_datetime(s.created)
        selection = SubElement(element, _SELECTION, attributes)
        memos = [n for c in s.codings for n in notes_on.get(("coding", c.guid), [])]
        if memos:
            _el(selection, "Description", joined(memos))
        for coding in s.codings:
            attributes = {"guid": coding.guid.upper()}
            if coding.coder_guid:
                attributes["creatingUser"] = coding.coder_guid.upper()
            if coding.created:
                attributes["creationDateTime"] = xml_datetime(coding.created)
            SubElement(SubElement(selection, _CODING, attributes), _CODE_REF, {"targetGUID": coding.code_guid.upper()})
    for note in notes_on.get(("range", source.guid), []):
        _el(element, "NoteRef", targetGUID=_upper(note.guid))
    return element


def _notes(written: list[QdaNote], names: dict[str, str], writers, in_files: set[str]):
    notes = etree.Element(_Q + "Notes", nsmap=_NSMAP)
    for note in written:
        attributes = {"guid": _upper(note.guid), "name": names[note.guid], "creatingUser": _upper(note.coder_guid),
                      "creationDateTime": xml_datetime(note.created), "modifiedDateTime": xml_datetime(note.modified)}
        if note.guid in in_files:
            _el(notes, "Note", plainTextPath=f"internal://{note.guid.upper()}.txt", **attributes)
        else:  # a note on a passage: its text and its selection inside it, as QualCoder writes annotations
            at = writers[note.target_guid]
            element = _el(notes, "Note", **attributes)
            _el(element, "PlainTextContent", note.text or " ")
            _el(element, "PlainTextSelection", guid=str(uuid.uuid5(uuid.NAMESPACE_URL, note.guid)).upper(),
                startPosition=at(note.start), endPosition=at(note.end), creatingUser=_upper(note.coder_guid),
                creationDateTime=xml_datetime(note.created))
    return notes


def _insert_note_ref(code, note_guid: str) -> None:
    """A Code's NoteRefs come after its Description and before its subcodes."""
    ref = etree.Element(_Q + "NoteRef", targetGUID=note_guid.upper())
    subcodes = [c for c in code if c.tag == _Q + "Code"]
    if subcodes:
        subcodes[0].addprevious(ref)
    else:
        code.append(ref)
