"""Reading a REFI-QDA project leniently: every selection on the words its producer meant (each producer's
positions converted to code points of the text as stored), what is sound imported and what is not left out with
its reason, memos found wherever programs put them (Notes with their text inline or in a file, a Note's own
passage, a selection's or source's or case's Description), and Annotator's extension part read back."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.exchange.codebook_xml import read_codes
from annotator.exchange.extension import EXTENSION_PART, read_extension
from annotator.exchange.model import (
    LeftOut,
    QdaCase,
    QdaCoding,
    QdaNote,
    QdaProject,
    QdaSelection,
    QdaSource,
    QdaUser,
    QdaVariable,
)
from annotator.exchange.positions import UTF16, ReadPositions
from annotator.exchange.qdpx_archive import Archive, TextTooLarge, check_text
from annotator.exchange.xml_safety import (
    child,
    children,
    descendants,
    guid,
    local,
    parse,
)

# Every source's text together: twice the largest study we know of (500 interviews of 100,000 characters).
MAX_PROJECT_CHARS = 100_000_000
_MEDIA = {"PictureSource": "picture", "AudioSource": "audio", "VideoSource": "video"}


def _date(value: str | None) -> str | None:
    """xsd:dateTime as Annotator stores times, in UTC: '2019-06-04T05:25:16Z' -> '2019-06-04T05:25:16.000000+00:00'."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _memo_guid(*parts: str) -> str:
    """A memo that has no GUID of its own in the file (a Description) gets the same one on every import."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "annotator:" + ":".join(parts)))


class _Reader:
    def __init__(self, source: bytes | Path):
        self.archive = Archive(source)
        try:
            self._start()
        except BaseException:
            self.archive.close()
            raise

    def _start(self) -> None:
        self.root = parse(self.archive.project_xml(), "project.qde")
        if local(self.root) != "Project":
            raise AnnotatorError("This is not a REFI-QDA project (project.qde's root is not Project).")
        origin = self.root.get("origin", "")
        self.project = QdaProject(self.root.get("name", "") or "Imported project", origin,
                                  created=_date(self.root.get("creationDateTime")))
        self.extension = self.archive.part(EXTENSION_PART)
        if self.extension is not None:
            self.utf16 = parse(self.extension, "Annotator extension part").get("positions") == UTF16
        else:
            self.utf16 = "nvivo" in origin.lower()
        self.positions: dict[str, ReadPositions] = {}
        self.owners: dict[str, tuple] = {}  # note GUID -> what refers to it
        self.described: list[QdaNote] = []  # memos found in Descriptions (Annotator's own come from its extension)
        self.selections: dict[str, tuple[QdaSource, QdaSelection]] = {}
        self.characters = 0  # of every source read so far

    def read(self) -> QdaProject:
        try:
            return self._read()
        finally:
            self.archive.close()

    def _read(self) -> QdaProject:
        project, root = self.project, self.root
        users = child(root, "Users")
        for user in children(users, "User") if users is not None else []:
            project.users.append(QdaUser(guid(user.get("guid")), user.get("name") or "unknown"))
        book = child(root, "CodeBook")
        codes = child(book, "Codes") if book is not None else None
        project.codes = read_codes(codes, project.left_out) if codes is not None else []
        self._variables()
        self._cases()
        sources = child(root, "Sources")
        for element in sources if sources is not None else []:
            self._source(element)
        for ref in children(root, "NoteRef"):
            self.owners.setdefault(guid(ref.get("targetGUID")), ("project",))
        self._links()
        self._notes()
        if self.extension is not None:
            read_extension(self.extension, project)
        else:
            project.notes.extend(self.described)
        self._unsupported()
        return project

    # -------------------------------------------------------------------------------------- cases, variables
    def _variables(self) -> None:
        variables = child(self.root, "Variables")
        for variable in children(variables, "Variable") if variables is not None else []:
            self.project.variables.append(QdaVariable(guid(variable.get("guid")), variable.get("name") or "variable",
                                                      variable.get("typeOfVariable") or "Text"))

    def _cases(self) -> None:
        cases = child(self.root, "Cases")
        for case in children(cases, "Case") if cases is not None else []:
            values = {}
            for entry in children(case, "VariableValue"):
                ref = child(entry, "VariableRef")
                value = next((c.text for c in entry if local(c).endswith("Value") and local(c) != "VariableValue"),
                             None)
                if ref is not None and value is not None and value.strip():
                    values[guid(ref.get("targetGUID"))] = value.strip()
            name = case.get("name")
            if name is None:  # MAXQDA and Quirkos: a nameless case carries one source's variables, not a person
                continue
            record = QdaCase(guid(case.get("guid")), name or "case", values,
                             [guid(r.get("targetGUID")) for r in children(case, "SourceRef")])
            self.project.cases.append(record)
            self._described(case, "participant", record.guid, None)

    def _described(self, element, kind: str, target: str, coder: str | None, created: str | None = None) -> None:
        description = child(element, "Description")
        text = (description.text or "").strip() if description is not None else ""
        if text:
            self.described.append(QdaNote(_memo_guid(kind, target), "", text, kind, target, coder_guid=coder,
                                           created=created))

    # ------------------------------------------------------------------------------------------------ sources
    def _source(self, element) -> None:
        kind = local(element)
        if kind == "TextSource":
            self._text_source(element, element.get("name") or "source")
        elif kind == "PDFSource":
            name = element.get("name") or "PDF"
            areas = sum(len(children(s, "Coding")) for s in children(element, "PDFSelection"))
            representation = child(element, "Representation")
            if representation is not None:
                self._text_source(representation, name, guid(element.get("guid")) or None, element)
                if areas:
                    self.project.left_out.append(LeftOut("source", "pdf areas", name, areas))
            else:
                self.project.left_out.append(LeftOut("source", "pdf", name, areas))
        elif kind in _MEDIA:
            codings = len(descendants(element, "Coding"))
            self.project.left_out.append(LeftOut("source", _MEDIA[kind], element.get("name") or kind, codings))

    def _text_source(self, element, name: str, source_guid: str | None = None, outer=None) -> None:
        outer = outer if outer is not None else element
        source_guid = source_guid or guid(element.get("guid")) or str(uuid.uuid4())
        selections = children(element, "PlainTextSelection")
        codings = sum(len(children(s, "Coding")) for s in selections)
        self.project.codings_read += codings
        try:
            raw = self.archive.text(element.get("plainTextPath"))
            if raw is None:
                inline = child(element, "PlainTextContent")
                raw = check_text(inline.text) if inline is not None and inline.text else None
        except TextTooLarge:
            self.project.left_out.append(LeftOut("source", "too large", name, codings))
            return
        self.characters += len(raw or "")
        if self.characters > MAX_PROJECT_CHARS:
            raise AnnotatorError(f"The project file's sources hold more than {MAX_PROJECT_CHARS:,} characters in "
                                 "all, over the limit; it was not read.")
        if raw is None:
            self.project.left_out.append(LeftOut("source", "no text", name, codings))
            return
        positions = ReadPositions(raw, self.utf16)
        if not positions.text:
            self.project.left_out.append(LeftOut("source", "empty", name, codings))
            return
        coder = guid(outer.get("creatingUser") or outer.get("modifyingUser")) or None
        source = QdaSource(source_guid, name, positions.text, coder_guid=coder,
                           created=_date(outer.get("creationDateTime")),
                           modified=_date(outer.get("modifiedDateTime")))
        self.positions[source_guid] = positions
        self._described(outer, "document", source_guid, coder, source.created)
        for s in selections:
            self._selection(source, positions, s)
        whole = children(element, "Coding")  # codings of the whole source
        if whole:
            self.project.codings_read += len(whole)
            source.selections.append(QdaSelection(_memo_guid("whole", source_guid), 0, len(positions.text),
                                                  [self._coding(c, coder) for c in whole], coder_guid=coder))
        for ref in children(outer, "NoteRef") + (children(element, "NoteRef") if outer is not element else []):
            self.owners.setdefault(guid(ref.get("targetGUID")), ("source", source))
        self.project.sources.append(source)

    def _coding(self, element, coder: str | None) -> QdaCoding:
        ref = child(element, "CodeRef")
        return QdaCoding(guid(element.get("guid")) or str(uuid.uuid4()), guid(ref.get("targetGUID")) if ref is not None
                         else "", guid(element.get("creatingUser")) or coder, _date(element.get("creationDateTime")))

    def _selection(self, source: QdaSource, positions: ReadPositions, s) -> None:
        codings = children(s, "Coding")
        try:
            start, end = int(s.get("startPosition")), int(s.get("endPosition"))
        except (TypeError, ValueError):
            self._skip(codings, "without a position", source.name)
            return
        if start >= end:
            self._skip(codings, "empty", source.name)
            return
        if start < 0 or start >= positions.length:
            self._skip(codings, "past the end", source.name)
            return
        if end > positions.length:  # ends past the text: keep what lies on it, and say so
            end = positions.length
            if codings:
                self.project.left_out.append(LeftOut("clamped", "past the end", source.name, len(codings)))
        moved = positions.convert(start, end)
        if moved is None:
            self._skip(codings, "on white space only", source.name)
            return
        coder = guid(s.get("creatingUser") or s.get("modifyingUser")) or None
        created = _date(s.get("creationDateTime") or s.get("modifiedDateTime"))
        selection = QdaSelection(guid(s.get("guid")) or str(uuid.uuid4()), *moved, name=s.get("name") or "",
                                 coder_guid=coder, created=created)
        selection.codings = [self._coding(c, coder) for c in codings]
        for c in selection.codings:
            c.created = c.created or created
        description = child(s, "Description")
        selection.description = (description.text or "").strip() if description is not None else ""
        source.selections.append(selection)
        self.selections[selection.guid] = (source, selection)
        if selection.description:
            self._selection_memo(source, selection, selection.description, _memo_guid("selection", selection.guid),
                                 coder, created, self.described)
        for ref in children(s, "NoteRef"):
            self.owners.setdefault(guid(ref.get("targetGUID")), ("selection", source, selection))
        for coding, element in zip(selection.codings, codings):
            for ref in children(element, "NoteRef"):
                self.owners.setdefault(guid(ref.get("targetGUID")), ("coding", coding.guid))

    @staticmethod
    def _selection_memo(source, selection, text, memo_guid, coder, created, into, title="") -> None:
        """A memo on a coded passage belongs to its (first) coding; on a passage without codings, to the range."""
        if selection.codings:
            into.append(QdaNote(memo_guid, title, text, "coding", selection.codings[0].guid, coder_guid=coder,
                                created=created))
        else:
            into.append(QdaNote(memo_guid, title, text, "range", source.guid, selection.start, selection.end,
                                coder_guid=coder, created=created))

    def _skip(self, codings, reason: str, where: str) -> None:
        if codings:
            self.project.left_out.append(LeftOut("coding", reason, where, len(codings)))

    # -------------------------------------------------------------------------------------------------- notes
    def _links(self) -> None:
        """NVivo links a passage to the note about it with a Link (note -> selection)."""
        links = child(self.root, "Links")
        for link in children(links, "Link") if links is not None else []:
            origin, target = guid(link.get("originGUID")), guid(link.get("targetGUID"))
            if target in self.selections:
                self.owners.setdefault(origin, ("selection", *self.selections[target]))

    def _notes(self) -> None:
        notes = child(self.root, "Notes")
        codes = {code.guid for _path, code in self.project.all_codes()}
        for ref_owner in descendants(self.root, "Code"):
            for ref in children(ref_owner, "NoteRef"):
                self.owners.setdefault(guid(ref.get("targetGUID")), ("code", guid(ref_owner.get("guid"))))
        for note in children(notes, "Note") if notes is not None else []:
            self._note(note, codes)

    def _note(self, note, codes: set[str]) -> None:
        note_guid = guid(note.get("guid")) or str(uuid.uuid4())
        content = child(note, "PlainTextContent")
        try:
            text = content.text if content is not None and content.text else self.archive.text(note.get("plainTextPath"))
        except TextTooLarge:
            self.project.left_out.append(LeftOut("memo", "Left out a memo over the size limit"))
            return
        if text is None:
            description = child(note, "Description")
            text = description.text if description is not None and description.text else ""
        text, title = text.strip(), (note.get("name") or "").strip()
        if not text and not title:
            self.project.left_out.append(LeftOut("memo", "Left out an empty memo"))
            return
        coder = guid(note.get("creatingUser") or note.get("modifyingUser")) or None
        created, modified = _date(note.get("creationDateTime")), _date(note.get("modifiedDateTime"))
        memo = QdaNote(note_guid, title, text, coder_guid=coder, created=created or modified,
                       modified=modified or created)
        owner = self.owners.get(note_guid, ("project",))
        passage = child(note, "PlainTextSelection")
        if owner[0] == "project" and passage is not None and len(self.project.sources) == 1:
            owner = ("source", self.project.sources[0])  # QualCoder refers to a note on a passage only once
        if owner[0] == "code" and owner[1] in codes:
            memo.kind, memo.target_guid = "code", owner[1]
        elif owner[0] == "source":
            memo.kind, memo.target_guid = "document", owner[1].guid
            if passage is not None:
                self._passage(memo, owner[1], passage)
        elif owner[0] == "selection":
            found: list[QdaNote] = []
            self._selection_memo(owner[1], owner[2], text, note_guid, coder, memo.created, found, title)
            memo = found[0]
            memo.modified = modified or memo.created
        elif owner[0] == "coding":
            memo.kind, memo.target_guid = "coding", owner[1]
        elif passage is not None:
            self.project.left_out.append(LeftOut("memo", "A memo on a passage that no source refers to was put "
                                                 "on the project"))
        self.project.notes.append(memo)

    def _passage(self, memo: QdaNote, source: QdaSource, passage) -> None:
        try:
            start, end = int(passage.get("startPosition")), int(passage.get("endPosition"))
        except (TypeError, ValueError):
            return
        positions = self.positions[source.guid]
        moved = positions.convert(max(0, start), min(end, positions.length)) if start < end else None
        if moved is not None:
            memo.kind, (memo.start, memo.end) = "range", moved

    def _unsupported(self) -> None:
        for name, what in (("Sets", "sets (groups of documents, codes or memos)"), ("Graphs", "graphs")):
            container = child(self.root, name)
            if container is not None and len(container):
                self.project.left_out.append(LeftOut("other", f"Left out {len(container)} {what}: Annotator has "
                                                     "none"))


def read_qdpx(source: bytes | Path) -> QdaProject:
    """A .qdpx, from its bytes or (read part by part) from its path."""
    return _Reader(source).read()

