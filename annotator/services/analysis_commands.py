"""Undoable actions of the analysis layer: coding a query's results or search hits (into a new code or an existing
one) in one step, setting an analysis setting (a saved query, the stop words), and changing the interview order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.changes import Changes
from annotator.core.ids import CodeId, CodingId, DocumentId
from annotator.services.code_commands import DeleteCode, RemoveCodings
from annotator.services.commands import Session
from annotator.storage import analysis_data, audit, codes, codings, documents

Span = tuple[DocumentId, int, int]


def _add_codings(db, session: Session, code_id: CodeId, spans: Sequence[Span]) -> list[CodingId]:
    texts: dict[DocumentId, str] = {}
    created = []
    for document_id, start, end in spans:
        if document_id not in texts:
            texts[document_id] = documents.document_text(db, document_id)
        created.append(codings.add_coding(db, document_id, code_id, start, end, texts[document_id][start:end],
                                          session.coder_id))
    return created


@dataclass
class CodeSpans:
    """Code every span with an existing code (the caller leaves out spans already coded so)."""

    code_id: CodeId
    spans: Sequence[Span]
    name: str = "Code all hits"
    created: list[CodingId] | None = None

    def apply(self, session: Session) -> tuple[RemoveCodings, Changes]:
        with session.project.atomic() as db:
            self.created = _add_codings(db, session, self.code_id, self.spans)
            audit.record(db, session.coder, "code hits", "code", self.code_id, codings=len(self.created))
        changed = frozenset(d for d, _s, _e in self.spans)
        return RemoveCodings(self.created, self.name), Changes(codings=True, document_ids=changed,
                                                               code_ids=frozenset([self.code_id]))


@dataclass
class CodeSpansAsNewCode:
    """Create a code and code every span with it, as one step; undo deletes the code with its codings."""

    code_name: str
    parent_id: CodeId | None
    colour: str
    spans: Sequence[Span]
    name: str = "Code results as a new code"
    created_id: CodeId | None = None

    def apply(self, session: Session) -> tuple[DeleteCode, Changes]:
        with session.project.atomic() as db:
            self.created_id = codes.insert_code(db, name=self.code_name, parent_id=self.parent_id, colour=self.colour,
                                                coder_id=session.coder_id)
            created = _add_codings(db, session, self.created_id, self.spans)
            audit.record(db, session.coder, "code results as new code", "code", self.created_id, codings=len(created))
        changed = frozenset(d for d, _s, _e in self.spans)
        return (DeleteCode(self.created_id, [self.created_id], self.name),
                Changes(codes=True, codings=True, document_ids=changed))


@dataclass
class SetSetting:
    """Set or remove (value None) one project setting; its inverse puts the previous value back."""

    key: str
    value: str | None
    name: str
    action: str = "change analysis setting"

    def apply(self, session: Session) -> tuple[SetSetting, Changes]:
        with session.project.atomic() as db:
            previous = analysis_data.set_setting(db, self.key, self.value)
            audit.record(db, session.coder, self.action, "setting", None, key=self.key)
        return SetSetting(self.key, previous, self.name, self.action), Changes(settings=True)


@dataclass
class ReorderDocuments:
    """Put the documents in a new interview order (the order saturation reads them in)."""

    order: list[DocumentId]
    name: str = "Reorder interviews"

    def apply(self, session: Session) -> tuple[ReorderDocuments, Changes]:
        with session.project.atomic() as db:
            previous = analysis_data.set_interview_order(db, self.order)
            audit.record(db, session.coder, "reorder documents", "document", None, documents=len(self.order))
        return ReorderDocuments(previous, self.name), Changes(documents=True)
