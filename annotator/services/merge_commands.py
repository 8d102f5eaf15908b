"""Importing a .qdpx or merging a co-author's project as one undoable step: undo takes out every row it added and
puts back every code, coder and participant it changed; redo puts the very same rows back."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.changes import Changes
from annotator.exchange.model import LeftOut
from annotator.services.commands import Session
from annotator.services.merge_apply import MergeWriter
from annotator.services.merge_plan import MergePlan
from annotator.storage import audit, exchange_rows

EVERYTHING = Changes(documents=True, speaker_turns=True, participants=True, codes=True, codings=True, memos=True,
                     settings=True)


@dataclass
class MergeResult:
    counts: dict[str, int]
    notes: list[LeftOut] = field(default_factory=list)


@dataclass
class MergeProject:
    plan: MergePlan
    name: str
    result: MergeResult | None = None  # filled in by apply, for the caller

    def apply(self, session: Session) -> tuple[UndoMerge, Changes]:
        with session.project.atomic() as db:
            before = exchange_rows.small_state(db)
            writer = MergeWriter(db, self.plan, session.coder_id, session.coder)
            writer.run()
            audit.record(db, session.coder, "merge project", "project", None,
                         **{k: v for k, v in writer.counts.items() if v})
        self.result = MergeResult(writer.counts, writer.notes)
        return UndoMerge(self.name, writer.added, before), EVERYTHING


@dataclass
class UndoMerge:
    name: str
    added: dict[str, list[int]]
    before: dict

    def apply(self, session: Session) -> tuple[RedoMerge, Changes]:
        with session.project.atomic() as db:
            after = exchange_rows.small_state(db)
            rows = exchange_rows.take_added(db, self.added)
            exchange_rows.remove_added(db, self.added)
            exchange_rows.put_small_state(db, self.before)
            audit.record(db, session.coder, "undo merge project", "project", None)
        return RedoMerge(self.name, rows, after, self.added), EVERYTHING


@dataclass
class RedoMerge:
    name: str
    rows: dict
    after: dict
    added: dict[str, list[int]]

    def apply(self, session: Session) -> tuple[UndoMerge, Changes]:
        with session.project.atomic() as db:
            before = exchange_rows.small_state(db)
            exchange_rows.put_small_state(db, self.after)
            exchange_rows.put_added(db, self.rows)
            audit.record(db, session.coder, "redo merge project", "project", None)
        return UndoMerge(self.name, self.added, before), EVERYTHING
