"""Review decisions as undoable commands: each records the affected entities' rows before the change, and undo
puts exactly those rows back (redo, the rows after)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from annotator.core.changes import Changes
from annotator.services.commands import Session
from annotator.storage import audit
from annotator.storage import deid as store
from annotator.storage.rows import Row

DEID = Changes(settings=True)  # the review panel listens for settings-level changes


@dataclass
class DeidState:
    entity_ids: list[int]
    saved: dict[str, list[Row]]
    name: str = "Review identifiers"

    def apply(self, session: Session) -> tuple[DeidState, Changes]:
        with session.project.atomic() as db:
            current = store.snapshot(db, self.entity_ids)
            store.replace_state(db, self.entity_ids, self.saved)
            audit.record(db, session.coder, "undo/redo identifier review", "deid", None, entities=len(self.entity_ids))
        return DeidState(self.entity_ids, current, self.name), DEID


@dataclass
class DeidDecision:
    """One review decision. `mutate` changes the rows of `entity_ids` and returns any entities it created."""

    name: str  # shown in the Edit menu; like the audit entry, it never names an identifier
    action: str
    entity_ids: list[int]
    mutate: Callable = field(repr=False)
    created: list[int] = field(default_factory=list)

    def apply(self, session: Session) -> tuple[DeidState, Changes]:
        with session.project.atomic() as db:
            before = store.snapshot(db, self.entity_ids)
            self.created = list(self.mutate(db) or [])
            audit.record(db, session.coder, self.action, "deid", None,
                         entities=len(self.entity_ids) + len(self.created))
        return DeidState(sorted(set(self.entity_ids) | set(self.created)), before, self.name), DEID
