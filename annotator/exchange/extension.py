"""Annotator's extension part of a .qdpx: what the REFI-QDA standard has no element for (a code's when to use, when
not to use and example; category attributes and their order; speaker turns with caption times and their
participants; memo titles, and memos on documents, participants and codings in full). It is its own file,
`annotator.xml` beside project.qde, in its own namespace: project.qde stays valid against the standard's schema,
other programs ignore the file, and Annotator reads it back. Described in docs/qdpx-extension.md."""

from __future__ import annotations

import json

from lxml import etree

from annotator.core.clean_text import xml_safe
from annotator.core.transcript import SpeakerTurn
from annotator.exchange.model import QdaNote, QdaProject
from annotator.exchange.xml_safety import child, children, guid, local, parse

EXTENSION_NS = "urn:annotator:qdpx-extension:1"
EXTENSION_PART = "annotator.xml"
_Q = f"{{{EXTENSION_NS}}}"
_TURN = _Q + "Turn"
# Memos written into a Description in project.qde (joined there when several): kept here whole.
DESCRIPTION_KINDS = ("document", "participant", "coding")


def _el(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, _Q + tag, {k: xml_safe(str(v)) for k, v in attributes.items()
                                                   if v is not None})
    if text:
        element.text = xml_safe(text)
    return element


def write_extension(stream, project: QdaProject, positions: str, origin: str, note_names: dict[str, str]) -> None:
    """The extension part written to a binary stream element by element as it is made: a team's project has some
    100,000 speaker turns, which as one tree took 110 MB."""
    nsmap = {None: EXTENSION_NS}
    with etree.xmlfile(stream, encoding="utf-8") as xml:
        xml.write_declaration()
        with xml.element(_Q + "AnnotatorExtension", {"version": "1", "positions": positions, "origin": origin},
                         nsmap=nsmap):
            for element in _parts(project, note_names):
                xml.write(element, pretty_print=True)
                xml.flush()  # (out to the archive: lxml would otherwise hold it)


def _top(tag: str, text: str | None = None, **attributes):
    """An element of the extension's top level, made on its own and written out at once."""
    element = etree.Element(_Q + tag, {k: xml_safe(str(v)) for k, v in attributes.items() if v is not None},
                            nsmap={None: EXTENSION_NS})
    if text:
        element.text = xml_safe(text)
    return element


def _parts(project: QdaProject, note_names: dict[str, str]):
    for user in project.users:
        yield _top("User", guid=user.guid, created=user.created)
    for _path, code in project.all_codes():
        element = _top("Code", guid=code.guid, position=code.position, created=code.created,
                       creatingUser=code.creator_guid)
        for tag, value in (("WhenToUse", code.when_to_use), ("WhenNotToUse", code.when_not_to_use),
                           ("Example", code.example)):
            if value:
                _el(element, tag, value)
        yield element
    for variable in project.variables:
        element = _top("Variable", guid=variable.guid, kind=variable.kind, position=variable.position)
        for category in variable.categories:
            _el(element, "Category", category)
        yield element
    for case in project.cases:
        yield _top("Case", guid=case.guid, position=case.position, created=case.created)
    for source in project.sources:
        element = _top("Source", guid=source.guid, sourceName=source.source_name,
                       sourceFormat=source.source_format, fileHash=source.file_hash,
                       interviewOrder=source.interview_order,
                       metadata=json.dumps(source.metadata, sort_keys=True) if source.metadata else None)
        for label, participant in (source.speakers or {}).items():
            _el(element, "Speaker", label=label, participant=participant)
        for turn in source.turns or []:
            attributes = {"speaker": xml_safe(turn.speaker), "start": str(turn.start), "end": str(turn.end),
                          "textStart": str(turn.text_start)}
            if turn.timestamp_ms is not None:
                attributes["timestamp"] = str(turn.timestamp_ms)
            if turn.end_timestamp_ms is not None:
                attributes["endTimestamp"] = str(turn.end_timestamp_ms)
            etree.SubElement(element, _TURN, attributes)
        yield element
    for note in project.notes:
        if note.kind in DESCRIPTION_KINDS:
            yield _top("Memo", note.text, guid=note.guid, kind=note.kind, target=note.target_guid, title=note.title,
                       creatingUser=note.coder_guid, created=note.created, modified=note.modified)
        elif note_names.get(note.guid, note.title) != note.title:  # the Note's name was made up for other programs
            yield _top("NoteTitle", guid=note.guid, title=note.title)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def read_extension(data: bytes, project: QdaProject) -> str:
    """Put the extension's fields on a project read from project.qde (matched by GUID); returns the positions the
    file was written in."""
    root = parse(data, "Annotator extension part")
    if local(root) != "AnnotatorExtension":
        return "codepoints"
    project.from_annotator = True
    users = {u.guid: u for u in project.users}
    codes = {code.guid: code for _path, code in project.all_codes()}
    variables = {v.guid: v for v in project.variables}
    cases = {c.guid: c for c in project.cases}
    sources = {s.guid: s for s in project.sources}
    notes = {n.guid: n for n in project.notes}
    for element in root:
        kind, key = local(element), guid(element.get("guid"))
        if kind == "User" and key in users:
            users[key].created = element.get("created")
        elif kind == "Code" and key in codes:
            code = codes[key]
            code.position, code.created = _int(element.get("position")), element.get("created")
            code.creator_guid = guid(element.get("creatingUser")) or None
            for tag, attribute in (("WhenToUse", "when_to_use"), ("WhenNotToUse", "when_not_to_use"),
                                   ("Example", "example")):
                found = child(element, tag)
                setattr(code, attribute, (found.text or "") if found is not None else "")
        elif kind == "Variable" and key in variables:
            variable = variables[key]
            variable.kind, variable.position = element.get("kind"), _int(element.get("position"))
            variable.categories = tuple(c.text or "" for c in children(element, "Category"))
        elif kind == "Case" and key in cases:
            cases[key].position, cases[key].created = _int(element.get("position")), element.get("created")
        elif kind == "Source" and key in sources:
            _read_source(element, sources[key])
        elif kind == "Memo":
            note = QdaNote(key, element.get("title") or "", element.text or "", element.get("kind") or "project",
                           guid(element.get("target")) or None, coder_guid=guid(element.get("creatingUser")) or None,
                           created=element.get("created"), modified=element.get("modified"))
            project.notes.append(note)
        elif kind == "NoteTitle" and key in notes:
            notes[key].title = element.get("title") or ""
    return root.get("positions") or "codepoints"


def _read_source(element, source) -> None:
    source.source_name, source.source_format = element.get("sourceName"), element.get("sourceFormat")
    source.file_hash, source.interview_order = element.get("fileHash"), _int(element.get("interviewOrder"))
    try:
        source.metadata = json.loads(element.get("metadata") or "{}")
    except ValueError:
        source.metadata = {}
    source.speakers = {s.get("label") or "": guid(s.get("participant")) or None for s in children(element, "Speaker")}
    turns = []
    for t in children(element, "Turn"):
        start, end, text_start = _int(t.get("start")), _int(t.get("end")), _int(t.get("textStart"))
        if None in (start, end, text_start) or not 0 <= start <= text_start <= end <= len(source.text):
            continue  # a damaged turn: the turns are detected again rather than stored wrong
        turns.append(SpeakerTurn(start, end, t.get("speaker") or "", text_start, _int(t.get("timestamp")),
                                 _int(t.get("endTimestamp"))))
    source.turns = turns if len(turns) == len(children(element, "Turn")) else None
