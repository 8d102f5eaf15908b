"""Retrieval: every passage coded with a code (and its subcodes), and full-text search, each with its document,
speaker, paragraph and surrounding context."""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from annotator.core.ids import CodeId, CodingId, DocumentId
from annotator.core.transcript import paragraph_starts
from annotator.storage import codings, documents, passage_sources, search

if TYPE_CHECKING:
    from annotator.services.project_service import ProjectService

CONTEXT_CHARS = 160
MAX_SEARCH_HITS = 2000
TEXTS_KEPT = 16  # documents whose text is kept for showing context; the others are read again when shown


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
    # The document's text, for the context either side, read only when asked for: a list of thousands of passages
    # shows one passage's context at a time, and holding every document's text for it would hold the project.
    source: Callable[[], str] = field(default=str, repr=False, compare=False)

    @property
    def before(self) -> str:
        source = self.source()
        before = source[max(0, self.start - CONTEXT_CHARS):self.start]
        return before.split(" ", 1)[-1] if self.start > CONTEXT_CHARS else before  # whole words only

    @property
    def after(self) -> str:
        source = self.source()
        after = source[self.end:self.end + CONTEXT_CHARS]
        return after.rsplit(" ", 1)[0] if len(source) > self.end + CONTEXT_CHARS else after


class _DocumentIndex:
    """One document's name, speaker turns and paragraph starts (not its text: ~60 bytes a turn), for placing many
    passages in it."""

    __slots__ = ("_paragraphs", "_speakers", "_times", "_turn_ends", "_turn_starts", "name")

    def __init__(self, name: str, text: str, turns: list[tuple[int, int, str, int | None]]):
        self.name = name
        self._turn_starts = array("q", (t[0] for t in turns))
        self._turn_ends = array("q", (t[1] for t in turns))
        self._speakers = [sys.intern(t[2]) for t in turns]  # a handful of labels, each held once
        self._times = array("q", (-1 if t[3] is None else t[3] for t in turns))
        self._paragraphs = array("q", paragraph_starts(text))

    def place(self, document_id: DocumentId, start: int, end: int, text: str, source, **extra) -> Passage:
        i = bisect_right(self._turn_starts, start) - 1
        speaker = timestamp = None
        if i >= 0 and start < self._turn_ends[i]:
            speaker, timestamp = self._speakers[i], self._times[i]
            timestamp = None if timestamp < 0 else timestamp
        return Passage(document_id, self.name, start, end, text, speaker, timestamp,
                       max(1, bisect_right(self._paragraphs, start)), source=source, **extra)


class RetrievalService:
    def __init__(self, project: ProjectService):
        self._project = project
        self._indexes: dict[DocumentId, tuple[str, _DocumentIndex]] = {}  # by text hash: kept while unchanged
        self._texts: OrderedDict[DocumentId, tuple[str, str]] = OrderedDict()  # the last few texts read

    @property
    def _db(self):
        return self._project.project.db

    def _keep_text(self, document_id: DocumentId, text_hash: str, text: str) -> None:
        self._texts[document_id] = (text_hash, text)
        self._texts.move_to_end(document_id)
        while len(self._texts) > TEXTS_KEPT:
            self._texts.popitem(last=False)

    def _text(self, document_id: DocumentId, text_hash: str | None = None) -> str:
        """A document's text, from the few kept or read again ("" if it is gone)."""
        if text_hash is None:
            text_hash = passage_sources.text_hashes(self._db, [document_id]).get(document_id)
            if text_hash is None:
                return ""
        kept = self._texts.get(document_id)
        if kept is not None and kept[0] == text_hash:
            self._texts.move_to_end(document_id)
            return kept[1]
        text = documents.document_text(self._db, document_id)
        self._keep_text(document_id, text_hash, text)
        return text

    def _place_many(self, wanted: Sequence[tuple[DocumentId, int, int, str | None, dict]]) -> list[Passage]:
        """Passages from (document, start, end, their text if known, extra fields), in the order given; those of
        documents no longer in the project are left out. Texts are read a few documents at a time, and only
        where an index must be built or a passage's text is not known (codings carry theirs)."""
        by_document: dict[DocumentId, list[int]] = {}
        for i, w in enumerate(wanted):
            by_document.setdefault(w[0], []).append(i)
        hashes = passage_sources.text_hashes(self._db, list(by_document))
        placed: list[Passage | None] = [None] * len(wanted)

        def place(document_id: DocumentId, index: _DocumentIndex, text: str | None) -> None:
            source = partial(self._text, document_id)
            for i in by_document[document_id]:
                _, start, end, quote, extra = wanted[i]
                placed[i] = index.place(document_id, start, end, quote if quote is not None else text[start:end],
                                        source, **extra)

        to_read = []
        for document_id, positions in by_document.items():
            if document_id not in hashes:
                continue
            kept = self._indexes.get(document_id)
            needs_text = any(wanted[i][3] is None for i in positions)
            if kept is None or kept[0] != hashes[document_id]:
                to_read.append(document_id)
            elif needs_text:
                place(document_id, kept[1], self._text(document_id, hashes[document_id]))
            else:
                place(document_id, kept[1], None)
        for document_id, name, text, turns in passage_sources.with_turns(self._db, to_read):
            index = _DocumentIndex(name, text, turns)
            self._indexes[document_id] = (hashes[document_id], index)
            self._keep_text(document_id, hashes[document_id], text)
            place(document_id, index, text)
        return [p for p in placed if p is not None]

    def place(self, document_id: DocumentId, start: int, end: int, **extra) -> Passage | None:
        """A passage of a document with its speaker, paragraph and context (None if the document is gone)."""
        found = self._place_many([(document_id, start, end, None, extra)])
        return found[0] if found else None

    def place_all(self, passages: Sequence[tuple[DocumentId, int, int, dict]]) -> list[Passage]:
        """Many passages, (document, start, end, extra fields) each, in the order given."""
        return self._place_many([(d, start, end, None, extra) for d, start, end, extra in passages])

    def retrieve(self, code_id: CodeId, *, include_subcodes: bool = True, coders: set[str] | None = None,
                 document_ids: set[DocumentId] | None = None) -> list[Passage]:
        """Every passage coded with the code (and, by default, its subcodes), in interview and text order."""
        book = self._project.codebook.codebook
        if code_id not in book:
            return []
        code_ids = book.subtree(code_id) if include_subcodes else [code_id]
        found = [c for c in codings.for_codes(self._db, code_ids)
                 if (coders is None or c.coder in coders) and (document_ids is None or c.document_id in document_ids)]
        return self._place_many([(c.document_id, c.start, c.end, c.quote,
                                   {"coding_id": c.id, "code_id": c.code_id, "coder": c.coder}) for c in found])

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
        hits: list[tuple[DocumentId, int, int, dict]] = []
        for document_id in documents:
            for m in matcher.finditer(self._text(document_id)):
                hits.append((document_id, m.start(), m.end(), {}))
                if len(hits) >= MAX_SEARCH_HITS:
                    return self.place_all(hits)
        return self.place_all(hits)
