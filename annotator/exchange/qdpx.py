"""REFI-QDA projects (.qdpx: a zip holding project.qde and Sources/). Written strictly (Project.xsd, internal://
GUID-named sources, code-point positions); read leniently and safely (no path traversal, bounded sizes), with each
producer's text positions converted to code points of the text as stored."""

from __future__ import annotations

import io
import uuid
import zipfile
from bisect import bisect_left
from datetime import datetime, timezone
from pathlib import PurePosixPath

from lxml import etree

from annotator.core.errors import AnnotatorError
from annotator.core.transcript import canonical_edits, remap_through
from annotator.exchange.codebook_xml import code_element, read_codes
from annotator.exchange.model import (
    QdaCase,
    QdaNote,
    QdaProject,
    QdaSelection,
    QdaSource,
)
from annotator.exchange.xml_safety import (
    child,
    children,
    descendants,
    guid,
    local,
    parse,
)

PROJECT_NS = "urn:QDA-XML:project:1.0"
MAX_ENTRIES = 20_000
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200
_CHILD_ORDER = ("Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs",
                "Description", "NoteRef")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _upper(value: str) -> str:
    return value.upper()


# ---------------------------------------------------------------------------------------------------------- write

def write_qdpx(project: QdaProject, path, origin: str) -> None:
    q = f"{{{PROJECT_NS}}}"
    root = etree.Element(f"{q}Project", nsmap={None: PROJECT_NS}, name=project.name, origin=origin,
                         creationDateTime=_now())
    parts = {}
    if project.users:
        users = etree.Element(f"{q}Users")
        for user_guid, name in project.users.items():
            etree.SubElement(users, f"{q}User", guid=_upper(user_guid), name=name)
        parts["Users"] = users
    if project.codes:
        book = etree.Element(f"{q}CodeBook")
        codes = etree.SubElement(book, f"{q}Codes")
        for code in project.codes:
            code_element(codes, code, PROJECT_NS)
        parts["CodeBook"] = book
    if project.variables:
        variables = etree.Element(f"{q}Variables")
        for name, kind in project.variables.items():
            etree.SubElement(variables, f"{q}Variable", guid=_upper(str(uuid.uuid5(uuid.NAMESPACE_URL, name))),
                             name=name, typeOfVariable=kind)
        parts["Variables"] = variables
    if project.cases:
        cases = etree.Element(f"{q}Cases")
        variable_guids = {n: _upper(str(uuid.uuid5(uuid.NAMESPACE_URL, n))) for n in project.variables}
        for case in project.cases:
            element = etree.SubElement(cases, f"{q}Case", guid=_upper(case.guid), name=case.name)
            for name, value in case.variables.items():
                entry = etree.SubElement(element, f"{q}VariableValue")
                etree.SubElement(entry, f"{q}VariableRef", targetGUID=variable_guids[name])
                kind = project.variables.get(name, "Text")
                tag = {"Integer": "IntegerValue", "Float": "FloatValue", "Date": "DateValue"}.get(kind, "TextValue")
                etree.SubElement(entry, f"{q}{tag}").text = value
            for source_guid in case.source_guids:
                etree.SubElement(element, f"{q}SourceRef", targetGUID=_upper(source_guid))
        parts["Cases"] = cases
    files: dict[str, bytes] = {}
    if project.sources:
        sources = etree.Element(f"{q}Sources")
        for source in project.sources:
            name = f"{_upper(source.guid)}.txt"
            files[f"Sources/{name}"] = source.text.encode("utf-8")
            element = etree.SubElement(sources, f"{q}TextSource", guid=_upper(source.guid), name=source.name,
                                       plainTextPath=f"internal://{name}")
            if source.description:
                etree.SubElement(element, f"{q}Description").text = source.description
            for s in source.selections:
                selection = etree.SubElement(element, f"{q}PlainTextSelection", guid=_upper(s.guid),
                                             startPosition=str(s.start), endPosition=str(s.end))
                if s.name:
                    selection.set("name", s.name)
                for code_guid in s.code_guids:
                    coding = etree.SubElement(selection, f"{q}Coding", guid=_upper(str(uuid.uuid4())))
                    if s.coder_guid:
                        coding.set("creatingUser", _upper(s.coder_guid))
                    if s.created:
                        coding.set("creationDateTime", s.created)
                    etree.SubElement(coding, f"{q}CodeRef", targetGUID=_upper(code_guid))
        parts["Sources"] = sources
    if project.notes:
        notes = etree.Element(f"{q}Notes")
        for note in project.notes:
            element = etree.SubElement(notes, f"{q}Note", guid=_upper(note.guid), name=note.name or "Memo")
            if note.coder_guid:
                element.set("creatingUser", _upper(note.coder_guid))
            etree.SubElement(element, f"{q}PlainTextContent").text = note.text
        parts["Notes"] = notes
    for name in _CHILD_ORDER:  # the schema fixes the order of Project's children
        if name in parts:
            root.append(parts[name])
    # A note about a code, a source or a coded passage is referred to from it (NoteRef comes last, per the schema).
    owners = {e.get("guid"): e for e in root.iter(f"{q}Code", f"{q}TextSource", f"{q}PlainTextSelection")}
    for note in project.notes:
        owner = owners.get(_upper(note.target_guid or ""))
        if owner is not None:
            etree.SubElement(owner, f"{q}NoteRef", targetGUID=_upper(note.guid))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", etree.tostring(root, xml_declaration=True, encoding="utf-8",
                                                       pretty_print=True))
        for name, data in files.items():
            archive.writestr(name, data)


# ----------------------------------------------------------------------------------------------------------- read

def _open(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise AnnotatorError("This is not a REFI-QDA project file (.qdpx is a zip archive; this one is damaged "
                             "or of another kind).") from exc
    if len(entries) > MAX_ENTRIES:
        raise AnnotatorError(f"The project file holds {len(entries)} parts, too many to read safely.")
    if sum(e.file_size for e in entries) > MAX_TOTAL_BYTES:
        raise AnnotatorError("The project file expands to more than 1 GB; it was not read (possible zip bomb).")
    for e in entries:
        if e.file_size > 10_000_000 and e.file_size > MAX_RATIO * max(1, e.compress_size):
            raise AnnotatorError("The project file has a part compressed beyond any real file (possible zip bomb).")
    return archive


def _member_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Safe member names by their lower-cased path; names that climb out of the archive are never used."""
    names = {}
    for entry in archive.infolist():
        path = PurePosixPath(entry.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or entry.is_dir():
            continue
        names[str(path).lower()] = entry.filename
    return names


def _project_xml(archive: zipfile.ZipFile, names: dict[str, str]) -> bytes:
    if "project.qde" in names:
        return archive.read(names["project.qde"])
    qde = [n for lower, n in names.items() if lower.endswith(".qde") and "/" not in lower]
    if len(qde) == 1:  # some producers name it after the project
        return archive.read(qde[0])
    raise AnnotatorError("The project file has no project.qde inside.")


def _source_text(archive, names, path: str | None) -> str | None:
    if not path:
        return None
    name = path.split("internal://", 1)[-1].replace("\\", "/").lstrip("/")
    for candidate in (name, f"sources/{name}"):
        real = names.get(candidate.lower())
        if real is not None:
            data = archive.read(real)
            for encoding in ("utf-8-sig", "utf-16"):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    continue
            return data.decode("latin-1")
    return None


class _Positions:
    """Converts a producer's positions into code points of the text as stored. NVivo counts UTF-16 code units (and
    CRLF as two); the spec, and everyone else, code points. The text is then made canonical like any imported
    transcript, and every selection moves with it through the one remap."""

    def __init__(self, raw: str, utf16: bool):
        self.astral_utf16 = []
        if utf16:
            offset = 0
            for i, ch in enumerate(raw):
                if ord(ch) > 0xFFFF:
                    self.astral_utf16.append(i + offset)
                    offset += 1
        self.text, self.stages = canonical_edits(raw)

    def convert(self, start: int, end: int) -> tuple[int, int] | None:
        if self.astral_utf16:  # astral characters before a position took two units
            start -= bisect_left(self.astral_utf16, start)
            end -= bisect_left(self.astral_utf16, end)
        return remap_through(self.stages, start, end)


def read_qdpx(data: bytes) -> QdaProject:
    archive = _open(data)
    names = _member_names(archive)
    root = parse(_project_xml(archive, names), "project.qde")
    if local(root) != "Project":
        raise AnnotatorError("This is not a REFI-QDA project (project.qde's root is not Project).")
    origin = root.get("origin", "")
    project = QdaProject(root.get("name", "") or "Imported project", origin)
    users = child(root, "Users")
    for user in children(users, "User") if users is not None else []:
        project.users[guid(user.get("guid"))] = user.get("name") or "unknown"
    book = child(root, "CodeBook")
    codes = child(book, "Codes") if book is not None else None
    project.codes = read_codes(codes) if codes is not None else []
    utf16 = "nvivo" in origin.lower()
    sources = child(root, "Sources")
    for element in children(sources, "TextSource") if sources is not None else []:
        raw = _source_text(archive, names, element.get("plainTextPath"))
        if raw is None:
            inline = child(element, "PlainTextContent")
            raw = inline.text if inline is not None and inline.text else None
        if raw is None:
            raise AnnotatorError(f"The text of source '{element.get('name', '?')}' is missing from the file.")
        positions = _Positions(raw, utf16)
        source = QdaSource(guid(element.get("guid")), element.get("name") or "source", positions.text)
        for s in children(element, "PlainTextSelection"):
            try:
                start, end = int(s.get("startPosition")), int(s.get("endPosition"))
            except (TypeError, ValueError):
                raise AnnotatorError(f"A selection in '{source.name}' has no valid position.") from None
            if not 0 <= start < end <= len(raw) + len(positions.astral_utf16):
                raise AnnotatorError(f"A selection in '{source.name}' lies outside its text ({start}-{end}).")
            moved = positions.convert(start, end)
            if moved is None:
                continue  # it held only white space or control characters, which the stored text drops
            start, end = moved
            for coding in children(s, "Coding"):
                refs = [guid(r.get("targetGUID")) for r in children(coding, "CodeRef")]
                source.selections.append(QdaSelection(guid(s.get("guid")) or str(uuid.uuid4()), start, end, refs,
                                                      guid(coding.get("creatingUser")) or None,
                                                      coding.get("creationDateTime"), s.get("name") or ""))
        project.sources.append(source)
    notes = child(root, "Notes")
    for note in children(notes, "Note") if notes is not None else []:
        content = child(note, "PlainTextContent")
        project.notes.append(QdaNote(guid(note.get("guid")), note.get("name") or "",
                                     (content.text or "") if content is not None else "",
                                     guid(note.get("creatingUser")) or None))
    for ref in descendants(root, "NoteRef"):
        owner = ref.getparent()
        target = guid(ref.get("targetGUID"))
        for note in project.notes:
            if note.guid == target and owner is not None:
                note.target_guid = guid(owner.get("guid"))
    variables = child(root, "Variables")
    variable_names = {}
    for variable in children(variables, "Variable") if variables is not None else []:
        variable_names[guid(variable.get("guid"))] = variable.get("name") or "variable"
        project.variables[variable.get("name") or "variable"] = variable.get("typeOfVariable") or "Text"
    cases = child(root, "Cases")
    for case in children(cases, "Case") if cases is not None else []:
        values = {}
        for entry in children(case, "VariableValue"):
            ref = child(entry, "VariableRef")
            value = next((c.text for c in entry if local(c).endswith("Value")), None)
            if ref is not None and value is not None:
                values[variable_names.get(guid(ref.get("targetGUID")), "variable")] = value
        project.cases.append(QdaCase(guid(case.get("guid")), case.get("name") or "case", values,
                                     [guid(r.get("targetGUID")) for r in children(case, "SourceRef")]))
    return project
