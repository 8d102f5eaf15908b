"""Row snapshots: what deleting something loses, kept so undo can put back exactly the same rows (same ids)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlite_utils

Row = dict[str, Any]


def fetch_rows(db: sqlite_utils.Database, table: str, where: str, params: Sequence[Any] = ()) -> list[Row]:
    cursor = db.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY id", list(params))
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def insert_rows(db: sqlite_utils.Database, table: str, rows: Sequence[Row]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    quoted = ", ".join(f'"{c}"' for c in columns)
    db.conn.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' for _ in columns)})",
                        [[row[c] for c in columns] for row in rows])


def id_list(ids: Sequence[int]) -> str:
    """A literal list for `IN (...)`: ids are integers, so this cannot inject anything."""
    return ", ".join(str(int(i)) for i in ids) or "NULL"
