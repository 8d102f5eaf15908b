"""Coding queries kept by name in the project, with their scope, and run again later (part of the analysis API)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from annotator.analysis.model import Scope
from annotator.analysis.query import QueryResult
from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.ids import DocumentId
from annotator.services.analysis_commands import SetSetting
from annotator.storage import analysis_data as store


@dataclass(frozen=True)
class SavedQuery:
    name: str
    expression: str
    mode: str = "overlap"
    include_subcodes: bool = True
    where: tuple[str, ...] = ()
    coders: tuple[str, ...] = ()
    documents: tuple[int, ...] = ()
    participant_turns_only: bool = False


class SavedQueries:
    """Mixed into the AnalysisService, which supplies query(), compile(), scope() and the project."""

    def saved_queries(self) -> list[SavedQuery]:
        out = []
        for name, stored in store.saved_queries(self._db).items():
            fields = {k: tuple(v) if isinstance(v, list) else v for k, v in stored.items()
                      if k in SavedQuery.__dataclass_fields__}
            out.append(SavedQuery(**{**fields, "name": name}))
        return out

    def save_query(self, saved: SavedQuery) -> Changes:
        """Save (or replace) a query by name, after checking it runs; undoable."""
        name = " ".join(saved.name.split())
        if not name:
            raise AnnotatorError("A saved query needs a name.")
        self._saved_scope(saved)
        self.compile(saved.expression, include_subcodes=saved.include_subcodes)
        value = json.dumps({**asdict(saved), "name": name}, ensure_ascii=False)
        return self._project.execute(SetSetting(store.QUERY_PREFIX + name, value, f"Save query '{name}'",
                                                "save query"))

    def delete_query(self, name: str) -> Changes:
        if name not in store.saved_queries(self._db):
            raise AnnotatorError(f"There is no saved query called '{name}'.")
        return self._project.execute(SetSetting(store.QUERY_PREFIX + name, None, f"Delete query '{name}'",
                                                "delete query"))

    def run_saved_query(self, name: str) -> QueryResult:
        saved = next((q for q in self.saved_queries() if q.name == name), None)
        if saved is None:
            raise AnnotatorError(f"There is no saved query called '{name}'.")
        return self.query(saved.expression, mode=saved.mode, include_subcodes=saved.include_subcodes,
                          scope=self._saved_scope(saved))

    def _saved_scope(self, saved: SavedQuery) -> Scope:
        return self.scope(where=saved.where, documents=[DocumentId(d) for d in saved.documents] or None,
                          coders=saved.coders or None, participant_turns_only=saved.participant_turns_only)
