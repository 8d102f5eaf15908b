"""Change notices: every service call says what it changed, so each view refreshes only its part (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from annotator.core.ids import DocumentId


@dataclass(frozen=True)
class Changes:
    documents: bool = False
    speaker_turns: bool = False
    participants: bool = False
    codes: bool = False
    codings: bool = False
    memos: bool = False
    settings: bool = False
    # The documents whose text, turns or codings changed; empty means "none in particular".
    document_ids: frozenset[DocumentId] = field(default_factory=frozenset)

    def __or__(self, other: Changes) -> Changes:
        merged = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self) if f.name != "document_ids"}
        return Changes(**merged, document_ids=self.document_ids | other.document_ids)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NO_CHANGES = Changes()
