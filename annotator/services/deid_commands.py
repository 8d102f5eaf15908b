"""Review decisions as undoable commands: each keeps the affected entities' rows from before the change, and undo
puts exactly those rows back (redo, the rows after)."""

from __future__ import annotations

from collections.abc import Callable

from annotator.core.changes import Changes
from annotator.services.commands import SnapshotChange
from annotator.storage import deid as store

DEID = Changes(settings=True)  # the review panel listens for settings-level changes


def deid_decision(name: str, action: str, entity_ids: list[int], mutate: Callable) -> SnapshotChange:
    def rows(created: list[int]):
        ids = sorted(set(entity_ids) | set(created))
        return (lambda db: store.snapshot(db, ids)), (lambda db, saved: store.replace_state(db, ids, saved))
    return SnapshotChange(name, action, rows, mutate, DEID)
