"""Retrieval: every passage coded with a code (and its subcodes), and full-text search, each with its document,
speaker, paragraph and surrounding context."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.ids import CodeId, CodingId, DocumentId
from annotator.core.transcript import paragraph_starts
from annotator.storage import codings, search
from annotator.storage.rows import id_list

if TYPE_CHECKING:
    from annotator.services.project_service import ProjectService

CONTEXT_CHARS = 160
MAX_SEARCH_HITS = 2000


@dataclass(frozen=True)
class Passage:
    document_id: DocumentId
    document: str
    start: int
    end: int
    text: str
    speaker: str | None
    timestamp_ms: int | None
    paragraph: int
    coding_id: CodingId | None = None
    code_id: CodeId | None = None
    coder: str | None = None
    # The document's text, for the context either side: cut only when asked for (a list of thousands of passages
    # shows one passage's context at a time).
    source: str = field(default="", repr=False, compare=False)

    @property
    def before(self) -> str:
        before = self.source[max(0, self.start - CONTEXT_CHARS):self.start]
        return before.split(" ", 1)[-1] if self.start > CONTEXT_CHARS else before  # whole words only

    @property
    def after(self) -> str:
        after = self.source[self.end:self.end + CONTEXT_CHARS]
        return after.rsplit(" ", 1)[0] if len(self.source) > self.end + CONTEXT_CHARS else after


class _DocumentIndex:
    """One document's text, speaker turns and paragraph starts, for placing many passages in it."""

    def __init__(self, name: str, text: str, turns: list[tuple[int, int, str, int | None]]):
        self.name, self.text, self.turns = name, text, turns
        self._turn_starts = [t[0] for t in turns]
        self._paragraphs = paragraph_starts(text)

    def place(self, start: int, end: int, **extra) -> Passage:
        i = bisect_right(self._turn_starts, start) - 1
        speaker = timestamp = None
        if i >= 0 and start < self.turns[i][1]:
            speaker, timestamp = self.turns[i][2], self.turns[i][3]
        return Passage(extra.pop("document_id"), self.name, start, end, self.text[start:end], speaker, timestamp,
                       max(1, bisect_right(self._paragraphs, start)), source=self.text, **extra)


class RetrievalService:
    def __init__(self, project: ProjectService):
        self._project = project
        self._cache: dict[DocumentId, tuple[str, _DocumentIndex]] = {}

    @property
    def _db(self):
        return self._project.project.db

    def _indexes(self, document_ids: Iterable[DocumentId]) -> dict[DocumentId, _DocumentIndex]:
        """Document indexes, reusing those whose text has not changed since they were built."""
        ids = list(dict.fromkeys(document_ids))
        hashes = dict(self._db.execute(f"SELECT id, text_hash FROM documents WHERE id IN ({id_list(ids)})").fetchall())
        missing = [d for d in ids if d in hashes and (d not in self._cache or self._cache[d][0] != hashes[d])]
        if missing:
            turns: dict[int, list] = {d: [] for d in missing}
            for doc, start, end, label, ts in self._db.execute(
                f"""SELECT t.document_id, t.start, t."end", s.label, t.timestamp_ms FROM speaker_turns t
                    JOIN speakers s ON s.id = t.speaker_id WHERE t.document_id IN ({id_list(missing)})
                    ORDER BY t.document_id, t.start"""
            ):
                turns[doc].append((start, end, label, ts))
            for doc, name, text in self._db.execute(
                f"SELECT id, name, text FROM documents WHERE id IN ({id_list(missing)})"
            ):
                self._cache[DocumentId(doc)] = (hashes[doc], _DocumentIndex(name, text, turns[doc]))
        return {d: self._cache[d][1] for d in ids if d in hashes}

    def place(self, document_id: DocumentId, start: int, end: int, **extra) -> Passage | None:
        """A passage of a document with its speaker, paragraph and context (None if the document is gone)."""
        index = self._indexes([document_id]).get(document_id)
        return index.place(start, end, document_id=document_id, **extra) if index is not None else None

    def places(self, document_ids: Iterable[DocumentId]):
        """The document indexes for many passages at once: `places(ids)[id].place(start, end, ...)`."""
        return self._indexes(document_ids)

    def retrieve(self, code_id: CodeId, *, include_subcodes: bool = True, coders: set[str] | None = None,
                 document_ids: set[DocumentId] | None = None) -> list[Passage]:
        """Every passage coded with the code (and, by default, its subcodes), in interview and text order."""
        book = self._project.codebook.codebook
        if code_id not in book:
            return []
        code_ids = book.subtree(code_id) if include_subcodes else [code_id]
        found = [c for c in codings.for_codes(self._db, code_ids)
                 if (coders is None or c.coder in coders) and (document_ids is None or c.document_id in document_ids)]
        indexes = self._indexes(c.document_id for c in found)
        return [indexes[c.document_id].place(c.start, c.end, document_id=c.document_id, coding_id=c.id,
                                             code_id=c.code_id, coder=c.coder) for c in found]

    def search(self, query: str) -> list[Passage]:
        """Passages matching every word of `query` ("quoted phrases" and trailing * prefixes allowed)."""
        documents = search.matching_documents(self._db, query, readonly=self._project.project.readonly)
        if not documents:
            return []
        patterns = []
        for part in re.findall(r'"[^"]+"|\S+', query):
            words = re.findall(r"\w+", part)
            if not words:
                continue
            body = r"\W+".join(re.escape(w) for w in words)
            patterns.append(body + (r"\w*" if part.endswith("*") else r"\b"))
        matcher = re.compile(r"\b(?:" + "|".join(patterns) + ")", re.IGNORECASE)
        hits: list[Passage] = []
        for document_id, index in self._indexes(documents).items():
            for m in matcher.finditer(index.text):
                hits.append(index.place(m.start(), m.end(), document_id=document_id))
                if len(hits) >= MAX_SEARCH_HITS:
                    return hits
        return hits
