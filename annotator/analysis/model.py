"""The plain data every analysis works on: documents in interview order with their speaker turns, codings, the
codebook and participants' attribute values, as storage hands them over, plus the scope a researcher narrows them to.
Texts are read lazily through `text()`, since most analyses never need them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from annotator.core.attributes import Attribute
from annotator.core.codebook import Codebook
from annotator.core.ids import CodeId, CodingId, DocumentId, ParticipantId
from annotator.core.transcript import paragraph_starts

#: A word: letters and digits, with apostrophes inside ("don't", "peer's") but not around.
WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
# Labels that are the interviewer's, used only in documents where no speaker is mapped to a participant yet.
_INTERVIEWER = re.compile(r"(?:interviewer|moderator|facilitator|researcher|question|int|iv|i|q)(?: \d{1,3})?",
                          re.IGNORECASE)


class CodingRef(NamedTuple):  # named tuples: a project has tens of thousands, and they are quick to make
    id: CodingId
    document_id: DocumentId
    code_id: CodeId
    start: int
    end: int
    coder: str


class TurnRef(NamedTuple):
    """A speaker turn: the speech runs from `text_start` (after the label) to `end`."""

    start: int
    end: int
    text_start: int
    speaker: str
    participant_id: ParticipantId | None


@dataclass(frozen=True)
class DocumentRef:
    id: DocumentId
    name: str
    order: int
    participant_id: ParticipantId | None
    length: int
    turns: tuple[TurnRef, ...] = ()

    @cached_property
    def turn_starts(self) -> list[int]:
        return [t.start for t in self.turns]

    def turn_index(self, position: int) -> int | None:
        """The index of the turn holding `position`, or None outside every turn."""
        i = bisect_right(self.turn_starts, position) - 1
        return i if i >= 0 and position < self.turns[i].end else None

    def participant_at(self, position: int) -> ParticipantId | None:
        """Whose words these are: the mapped speaker of the turn, else the interview's participant."""
        i = self.turn_index(position)
        if i is not None and self.turns[i].participant_id is not None:
            return self.turns[i].participant_id
        return self.participant_id

    def participant_turns(self, participants: frozenset[ParticipantId] | None = None) -> list[tuple[int, int]]:
        """The speech of participants' turns (of these participants, if given). Where no speaker of the document
        is mapped yet, every turn not labelled as the interviewer's counts."""
        mapped = any(t.participant_id is not None for t in self.turns)
        spans = []
        for t in self.turns:
            who = t.participant_id if mapped else self.participant_id
            if mapped and who is None or not mapped and _INTERVIEWER.fullmatch(t.speaker.strip()):
                continue
            if participants is not None and who not in participants:
                continue
            if t.text_start < t.end:
                spans.append((t.text_start, t.end))
        return spans


@dataclass(frozen=True)
class Scope:
    """What an analysis looks at; None means everything. `participant_turns_only` leaves the interviewer out."""

    document_ids: frozenset[DocumentId] | None = None
    participant_ids: frozenset[ParticipantId] | None = None
    coders: frozenset[str] | None = None
    participant_turns_only: bool = False


@dataclass
class ProjectData:
    """One snapshot of the project for analysis; cheap to keep, rebuilt by the service when something changes."""

    documents: list[DocumentRef]
    codings: list[CodingRef]
    codebook: Codebook
    participants: dict[ParticipantId, str] = field(default_factory=dict)
    attributes: list[Attribute] = field(default_factory=list)
    values: dict[ParticipantId, dict[int, str]] = field(default_factory=dict)
    text: Callable[[DocumentId], str] = field(default=lambda _d: "", repr=False)

    @cached_property
    def document(self) -> dict[DocumentId, DocumentRef]:
        return {d.id: d for d in self.documents}

    @cached_property
    def by_code(self) -> dict[CodeId, list[CodingRef]]:
        out: dict[CodeId, list[CodingRef]] = {}
        for c in self.codings:
            out.setdefault(c.code_id, []).append(c)
        return out

    @cached_property
    def _paragraphs(self) -> dict[DocumentId, list[int]]:
        return {}

    def paragraphs(self, document_id: DocumentId) -> list[int]:
        """Where each paragraph of the document starts (read from its text on first use)."""
        if document_id not in self._paragraphs:
            self._paragraphs[document_id] = paragraph_starts(self.text(document_id))
        return self._paragraphs[document_id]

    @cached_property
    def _word_starts(self) -> dict[DocumentId, list[int]]:
        return {}

    def words_in(self, document_id: DocumentId, start: int, end: int) -> int:
        """How many words start within [start, end) of the document."""
        starts = self._word_starts.get(document_id)
        if starts is None:
            starts = self._word_starts[document_id] = [m.start() for m in WORD.finditer(self.text(document_id))]
        return bisect_left(starts, end) - bisect_left(starts, start)

    @cached_property
    def participant_of(self) -> dict[CodingId, ParticipantId | None]:
        """Whose words each coding is on (see DocumentRef.participant_at)."""
        document = self.document
        return {c.id: document[c.document_id].participant_at(c.start) for c in self.codings}

    def in_scope(self, scope: Scope) -> list[DocumentRef]:
        """The documents a scope covers, in interview order."""
        people = scope.participant_ids
        return [d for d in self.documents
                if (scope.document_ids is None or d.id in scope.document_ids)
                and (people is None or d.participant_id in people or any(t.participant_id in people for t in d.turns))]

    @cached_property
    def _regions(self) -> dict[Scope, dict[DocumentId, list[tuple[int, int]]]]:
        return {}

    @staticmethod
    def clips(scope: Scope) -> bool:
        """Whether the scope cuts documents down to some turns (else every document is in whole)."""
        return scope.participant_turns_only or scope.participant_ids is not None

    def regions(self, scope: Scope) -> dict[DocumentId, list[tuple[int, int]]]:
        """The parts of each document in scope: all of it, or its participants' speech (only the chosen
        participants' turns, in a group interview)."""
        if scope not in self._regions:
            out = {}
            for d in self.in_scope(scope):
                if scope.participant_turns_only or (scope.participant_ids is not None
                                                    and d.participant_id not in scope.participant_ids):
                    out[d.id] = d.participant_turns(scope.participant_ids)
                else:
                    out[d.id] = [(0, d.length)] if d.length else []
            self._regions[scope] = out
        return self._regions[scope]

    def region(self, document: DocumentRef, scope: Scope) -> list[tuple[int, int]]:
        return self.regions(scope).get(document.id, [])

    def allowed(self, scope: Scope) -> set[DocumentId] | None:
        """The ids of the documents in scope, or None when that is all of them."""
        if scope.document_ids is None and scope.participant_ids is None:
            return None
        return {d.id for d in self.in_scope(scope)}

    @cached_property
    def _document_spans(self) -> dict[DocumentId, list[tuple[int, int, CodeId, str]]]:
        out: dict[DocumentId, list[tuple[int, int, CodeId, str]]] = {}
        for c in self.codings:
            out.setdefault(c.document_id, []).append((c.start, c.end, c.code_id, c.coder))
        for spans in out.values():
            spans.sort()
        return out

    def spans_of(self, code_ids: Iterable[CodeId], scope: Scope, *, with_codes: bool = True) -> dict[DocumentId, list]:
        """(start, end, code) of the codings under these codes (or (start, end) without codes), by document, each
        document's in text order; scope's documents and coders only."""
        codes = set(code_ids)
        allowed, coders = self.allowed(scope), scope.coders
        by_doc: dict[DocumentId, list[tuple[int, int, CodeId]]] = {}
        if sum(len(self.by_code.get(c, ())) for c in codes) * 8 > len(self.codings):
            # many codings: filter each document's, already in text order
            for doc_id, spans in self._document_spans.items():
                if allowed is None or doc_id in allowed:
                    if with_codes:
                        found = [(s, e, c) for s, e, c, who in spans if c in codes and (coders is None or who in coders)]
                    else:
                        found = [(s, e) for s, e, c, who in spans if c in codes and (coders is None or who in coders)]
                    if found:
                        by_doc[doc_id] = found
            return by_doc
        for code in codes:
            for c in self.by_code.get(code, ()):
                if (allowed is None or c.document_id in allowed) and (coders is None or c.coder in coders):
                    by_doc.setdefault(c.document_id, []).append((c.start, c.end, code) if with_codes else (c.start, c.end))
        for spans in by_doc.values():
            spans.sort()
        return by_doc

    def speech_filter(self, scope: Scope) -> Callable[[CodingRef], bool] | None:
        """With participants' turns only: whether a coding lies at least partly on their speech; else None."""
        if not scope.participant_turns_only:
            return None
        spans = {d: ([s for s, _e in region], [e for _s, e in region]) for d, region in self.regions(scope).items()}

        def on_speech(c: CodingRef) -> bool:
            starts, ends = spans.get(c.document_id, ((), ()))
            i = bisect_right(ends, c.start)  # the first span ending after the coding starts
            return i < len(starts) and starts[i] < c.end
        return on_speech

    def codings_of(self, code_ids: Iterable[CodeId], scope: Scope) -> list[CodingRef]:
        """Codings under these codes, by scope's coders and documents, in document and text order."""
        allowed = {d.id for d in self.in_scope(scope)}
        found = [c for code in dict.fromkeys(code_ids) for c in self.by_code.get(code, ())
                 if c.document_id in allowed and (scope.coders is None or c.coder in scope.coders)]
        order = {d.id: i for i, d in enumerate(self.documents)}
        found.sort(key=lambda c: (order[c.document_id], c.start, c.end, c.id))
        return found
