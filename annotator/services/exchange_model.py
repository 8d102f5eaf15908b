"""The project as exchange data: every record with its GUID, dates and coder, ready to write as a .qdpx or to merge
into another project."""

from __future__ import annotations

import hashlib
import json
import uuid

from annotator.core.codebook import Codebook
from annotator.core.transcript import SpeakerTurn
from annotator.exchange.model import (
    QdaCase,
    QdaCode,
    QdaCoding,
    QdaNote,
    QdaProject,
    QdaSelection,
    QdaSource,
    QdaUser,
    QdaVariable,
)
from annotator.storage import exchange_data

_REFI_TYPES = {"number": "Float", "date": "Date"}


def codebook_model(book: Codebook, rows: dict[str, dict] | None = None, coded: set[int] | None = None) -> list[QdaCode]:
    """The code tree; a code stays a folder (not codable) only while nothing is coded with it."""
    rows = rows or {}

    def build(code_id) -> QdaCode:
        code = book[code_id]
        row = rows.get(code_id, {})
        return QdaCode(code.guid, code.name, code.colour, code.description, [build(c) for c in book.children(code_id)],
                       codable=code.codable or (coded is not None and code_id in coded),
                       when_to_use=code.when_to_use, when_not_to_use=code.when_not_to_use, example=code.example,
                       created=row.get("created"), creator_guid=row.get("coder"), position=code.position)
    return [build(c) for c in book.children(None)]


def _refi_type(kind: str, values: list[str]) -> str:
    if kind == "number":
        return "Integer" if values and all(v.lstrip("-").isdigit() for v in values) else "Float"
    return _REFI_TYPES.get(kind, "Text")


def project_model(service, *, texts: bool = True) -> QdaProject:
    """`service` is the ProjectService of the project to read. Without `texts` the sources' texts are left empty
    and read one at a time through the model's text_of (an export of 500 transcripts holds one at a time)."""
    db = service.project.db
    data = exchange_data.read_project(db, texts=texts)
    book = service.codebook.codebook
    code_ids = {c.guid: c.id for c in book.codes.values()}
    shared: dict[str, str] = {}  # each code's and coder's GUID held once, not once per coding
    selections: dict[int, list[QdaSelection]] = {}
    coded = set()
    for guid, document_id, code, start, end, coder, created in exchange_data.codings(db):
        code, coder = shared.setdefault(code, code), shared.setdefault(coder, coder)
        coded.add(code_ids.get(code))
        # one selection per coding: each keeps its coder and date
        selections.setdefault(document_id, []).append(QdaSelection(
            _selection_guid(guid), start, end, [QdaCoding(guid, code, coder, created)], coder_guid=coder,
            created=created))
    project = QdaProject(service.name, created=service.project.setting("created"),
                         users=[QdaUser(r["guid"], r["name"], r["created"]) for r in data["coders"]],
                         codes=codebook_model(book, {r["id"]: r for r in data["codes"]}, coded))
    speakers: dict[int, dict[str, str | None]] = {}
    for row in data["speakers"]:
        speakers.setdefault(row["document_id"], {})[row["label"]] = row["participant"]
    turns: dict[int, list[SpeakerTurn]] = {}
    for document_id, label, start, end, text_start, timestamp, end_timestamp in exchange_data.turns(db):
        turns.setdefault(document_id, []).append(
            SpeakerTurn(start, end, shared.setdefault(label, label), text_start, timestamp, end_timestamp))
    cases: dict[str, list[str]] = {}
    document_ids: dict[str, int] = {}
    if not texts:
        project.text_of = lambda source: service.document_text(document_ids[source.guid])
    for doc in data["documents"]:
        source = QdaSource(doc["guid"], doc["name"], doc["text"], created=doc["imported_at"],
                           source_name=doc["source_name"], source_format=doc["source_format"],
                           file_hash=doc["file_hash"], interview_order=doc["interview_order"],
                           metadata=json.loads(doc["metadata"] or "{}"), speakers=speakers.get(doc["id"], {}),
                           turns=turns.get(doc["id"], []))
        source.selections = selections.pop(doc["id"], [])
        project.sources.append(source)
        document_ids[doc["guid"]] = doc["id"]
        if doc["participant"]:
            cases.setdefault(doc["participant"], []).append(doc["guid"])
    for memo in data["memos"]:
        target = {"code": memo["code"], "coding": memo["coding"], "document": memo["document"],
                  "range": memo["document"], "participant": memo["participant"]}.get(memo["target"])
        project.notes.append(QdaNote(memo["guid"], memo["title"], memo["body"], memo["target"], target,
                                     memo["start"], memo["end"], memo["coder"], memo["created"], memo["modified"]))
    values: dict[str, dict[str, str]] = {}
    for row in data["values"]:
        values.setdefault(row["participant"], {})[row["attribute"]] = row["value"]
    for a in data["attributes"]:
        used = [v[a["guid"]] for v in values.values() if a["guid"] in v]
        project.variables.append(QdaVariable(a["guid"], a["name"], _refi_type(a["type"], used), a["type"],
                                             exchange_data.categories(a), a["position"]))
    for p in data["participants"]:
        project.cases.append(QdaCase(p["guid"], p["name"], values.get(p["guid"], {}), cases.get(p["guid"], []),
                                     p["position"], p["created"]))
    return project


_SELECTION_PREFIX = uuid.NAMESPACE_URL.bytes + b"annotator:selection:"


def _selection_guid(coding_guid: str) -> str:
    """uuid5(NAMESPACE_URL, 'annotator:selection:' + the coding's GUID), without building a UUID object (a third
    of a second for a team's 50,000 codings): SHA-1 of namespace and name, version 5 and the RFC 4122 variant."""
    digest = bytearray(hashlib.sha1(_SELECTION_PREFIX + coding_guid.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def describe_note(book_names: dict[str, str], source_names: dict[str, str]):
    """Names for untitled memos in other programs: 'Memo on code Stipend pay', 'Project memo'."""
    def describe(note: QdaNote) -> str:
        if note.kind == "code":
            return f"Memo on code {book_names.get(note.target_guid or '', '')}".strip()
        if note.kind == "range":
            return f"Memo on a passage of {source_names.get(note.target_guid or '', 'a document')}"
        return f"{note.kind.title()} memo"
    return describe
