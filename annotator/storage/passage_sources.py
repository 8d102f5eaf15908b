"""What placing passages needs from documents, read for many documents at once: text hashes (to tell a cached
document index from a stale one), speaker turns, and texts a batch at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import sqlite_utils

from annotator.core.ids import DocumentId
from annotator.storage.rows import id_list


def text_hashes(db: sqlite_utils.Database, document_ids: Sequence[DocumentId]) -> dict[DocumentId, str]:
    return {DocumentId(d): h for d, h in db.execute(
        f"SELECT id, text_hash FROM documents WHERE id IN ({id_list(document_ids)})")}


def with_turns(db: sqlite_utils.Database, document_ids: Iterable[DocumentId], batch: int = 16
               ) -> Iterator[tuple[DocumentId, str, str, list[tuple[int, int, str, int | None]]]]:
    """(id, name, text, speaker turns) a few documents at a time, so only a batch of texts is in memory at once;
    turns in text order as (start, end, speaker label, timestamp in ms)."""
    ids = list(document_ids)
    for at in range(0, len(ids), batch):
        chunk = id_list(ids[at:at + batch])
        turns: dict[int, list] = {}
        for doc, start, end, label, ts in db.execute(
            f"""SELECT t.document_id, t.start, t."end", s.label, t.timestamp_ms FROM speaker_turns t
                JOIN speakers s ON s.id = t.speaker_id WHERE t.document_id IN ({chunk}) ORDER BY t.document_id, t.start"""
        ):
            turns.setdefault(doc, []).append((start, end, label, ts))
        for doc, name, text in db.execute(f"SELECT id, name, text FROM documents WHERE id IN ({chunk})"):
            yield DocumentId(doc), name, text, turns.get(doc, [])
