"""Full-text search (SQLite FTS5) over document texts, indexed on demand so imports stay fast."""

from __future__ import annotations

import re

import sqlite_utils

from annotator.core.ids import DocumentId


def ensure_index(db: sqlite_utils.Database) -> int:
    """Bring the index up to date with the documents; returns how many documents were (re)indexed."""
    current = dict(db.execute("SELECT id, text_hash FROM documents").fetchall())
    indexed = dict(db.execute("SELECT document_id, text_hash FROM search_indexed").fetchall())
    if current == indexed:
        return 0
    with db.atomic():
        stale = [d for d, h in indexed.items() if current.get(d) != h]
        if stale:  # an external-content index cannot forget text that has since changed: rebuild it
            db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
            db.execute("DELETE FROM search_indexed")
            added = list(current)
        else:
            added = [d for d in current if d not in indexed]
            db.execute(f"INSERT INTO documents_fts(rowid, text) SELECT id, text FROM documents WHERE id IN "
                       f"({', '.join(str(int(d)) for d in added)})")
        db.conn.executemany("INSERT INTO search_indexed (document_id, text_hash) VALUES (?, ?)",
                            [(d, current[d]) for d in added])
    return len(added)


def drop_index(db: sqlite_utils.Database) -> None:
    """Empty the index (inside the caller's transaction): after de-identification it must not keep a single word
    that is no longer in any text. The next search rebuilds it from the texts as they are now."""
    db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('delete-all')")
    db.execute("DELETE FROM search_indexed")


def fts_query(user_query: str) -> str:
    """A researcher's words as an FTS5 query: each word must occur, "quoted phrases" kept, a trailing * a prefix."""
    parts = re.findall(r'"[^"]+"|\S+', user_query)
    terms = []
    for part in parts:
        if part.startswith('"'):
            words = re.findall(r"\w+", part)
            if words:
                terms.append('"' + " ".join(words) + '"')
        else:
            words = re.findall(r"\w+", part)
            prefix = part.endswith("*")
            terms.extend(f'"{w}"' + ("*" if prefix and i == len(words) - 1 else "") for i, w in enumerate(words))
    return " AND ".join(terms)


def index_is_current(db: sqlite_utils.Database) -> bool:
    return (dict(db.execute("SELECT id, text_hash FROM documents").fetchall())
            == dict(db.execute("SELECT document_id, text_hash FROM search_indexed").fetchall()))


def matching_documents(db: sqlite_utils.Database, user_query: str, *, readonly: bool = False) -> list[DocumentId]:
    """Documents the index says hold every word. A read-only project whose index is behind cannot be indexed:
    then every document is a candidate, and the caller's own matching of the texts decides."""
    query = fts_query(user_query)
    if not query:
        return []
    if readonly and not index_is_current(db):
        return [DocumentId(r[0]) for r in db.execute("SELECT id FROM documents ORDER BY interview_order, id")]
    ensure_index(db)
    return [DocumentId(r[0]) for r in db.execute(
        "SELECT d.id FROM documents_fts f JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH ? "
        "ORDER BY d.interview_order, d.id", [query])]
