"""Change notices: every service call says what it changed, so each view refreshes only its part (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from annotator.core.ids import CodeId, DocumentId


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
    # The codes whose codings changed (so only their counts are counted again); empty means "any of them".
    code_ids: frozenset[CodeId] = field(default_factory=frozenset)
    # Codings moved between codes without changing which characters are coded (a merge): no document's share
    # coded changed. Not a change by itself.
    same_coverage: bool = False

    def __or__(self, other: Changes) -> Changes:
        merged = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self) if f.name not in _SETS}
        # A part that changed codings without naming codes makes the whole "any code".
        codes = frozenset() if (self.codings and not self.code_ids) or (other.codings and not other.code_ids) \
            else self.code_ids | other.code_ids
        # The same coverage only if every part that changed codings kept it.
        merged["same_coverage"] = all(part.same_coverage for part in (self, other) if part.codings) and \
            (self.codings or other.codings)
        return Changes(**merged, document_ids=self.document_ids | other.document_ids, code_ids=codes)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name not in _SETS)


_SETS = ("document_ids", "code_ids", "same_coverage")  # (what qualifies a change, not a change)


NO_CHANGES = Changes()
