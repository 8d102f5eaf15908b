"""The analysis API: coding queries (saved by name, their results coded in one undoable step), matrices and the
case overview, code co-occurrence, saturation, word frequencies with keyword in context, and the interview order.
Storage is read once into a ProjectData snapshot, kept until a change notice says the project changed, so every
result is cheap to recompute; the computation itself is in annotator.analysis."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.analysis import frequencies as words
from annotator.analysis import matrix as matrices
from annotator.analysis.cooccurrence import Cooccurrence, cooccurrence
from annotator.analysis.model import CodingRef, DocumentRef, ProjectData, Scope, TurnRef
from annotator.analysis.query import (
    CompiledQuery,
    QueryResult,
    code_passages,
    compile_query,
    run_query,
)
from annotator.analysis.saturation import (
    DEFAULT_BASE,
    DEFAULT_RUN,
    DEFAULT_THRESHOLD,
    Saturation,
    assess,
    coded_interviews,
    codes_at_depth,
)
from annotator.analysis.stopwords import DEFAULT_STOP_WORDS, clean_stop_words
from annotator.analysis.tables import (
    Table,
    cooccurrence_table,
    frequency_table,
    keyword_table,
    matrix_table,
    query_table,
    saturation_table,
)
from annotator.core.attributes import (
    Condition,
    clean_value,
    parse_condition,
    parse_number,
)
from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.ids import CodeId, DocumentId
from annotator.services.analysis_commands import (
    CodeSpans,
    CodeSpansAsNewCode,
    ReorderDocuments,
    SetSetting,
)
from annotator.services.analysis_export import export_result
from annotator.services.part import ServicePart
from annotator.services.retrieval_service import Passage
from annotator.services.saved_queries import SavedQueries, SavedQuery

__all__ = ["AnalysisService", "SavedQuery", "TextSource"]
from annotator.storage import analysis_data as store
from annotator.storage import attributes, codings, people

STOP_WORDS_KEY = "analysis.stop_words"
_REFRESH = ("documents", "speaker_turns", "participants", "codes", "codings")


@dataclass(frozen=True)
class TextSource:
    """What word frequencies read: all text in scope (None), a code's passages, or a query's results."""

    code_id: CodeId | None = None
    result: QueryResult | None = field(default=None, compare=False)


class AnalysisService(SavedQueries, ServicePart):
    def __init__(self, project):
        super().__init__(project)
        self._data: ProjectData | None = None
        self._texts: dict[DocumentId, tuple[str, str]] = {}  # id -> (hash, text), reused while the text is unchanged
        self._hashes: dict[DocumentId, str] = {}
        self._word_counts: dict[tuple, Counter] = {}
        self._generation = 0  # counts snapshots, so caches can tell a rebuilt one
        project.subscribe(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if any(getattr(changes, name) for name in _REFRESH):
            self._data = None

    # ------------------------------------------------------------------------------------------------ data
    def data(self) -> ProjectData:
        """The snapshot every analysis reads; rebuilt on the first call after a change."""
        if self._data is None:
            db = self._db
            turns: dict[DocumentId, list[TurnRef]] = defaultdict(list)
            for document_id, start, end, text_start, label, participant in store.turns(db):
                turns[document_id].append(TurnRef(start, end, text_start, label, participant))
            rows = store.documents(db)
            self._hashes = {r[0]: r[5] for r in rows}
            self._generation += 1
            self._data = ProjectData(
                [DocumentRef(i, name, order, who, length, tuple(turns[i])) for i, name, order, who, length, _h in rows],
                list(map(CodingRef._make, store.codings(db))), self._project.codebook.codebook,
                {p.id: p.name for p in people.list_participants(db)}, attributes.list_attributes(db),
                attributes.values(db), self._text)
        return self._data

    def generation(self) -> int:
        """Which snapshot results are computed from now: a result from an older one is out of date."""
        self.data()
        return self._generation

    def _text(self, document_id: DocumentId) -> str:
        cached = self._texts.get(document_id)
        if cached is None or cached[0] != self._hashes.get(document_id):
            stale = [d for d, h in self._hashes.items() if d not in self._texts or self._texts[d][0] != h]
            self._texts.update(store.texts(self._db, stale))  # all at once: one text asked for, most follow
        return self._texts[document_id][1] if document_id in self._texts else ""

    def coders(self) -> list[str]:
        return store.coders(self._db)

    def scope(self, *, where: Iterable[str | Condition] = (), documents: Iterable[DocumentId] | None = None,
              coders: Iterable[str] | None = None, participant_turns_only: bool = False) -> Scope:
        """A scope from attribute filters (the participants sheet's syntax, e.g. gender=female, age>=45), documents,
        coders and whether only participants' turns count. Every filter is checked: a bad one is an error, never
        an empty result."""
        conditions = [c if isinstance(c, Condition) else parse_condition(c) for c in where]
        for condition in conditions:
            attribute = self._project.people.attribute(condition.attribute)
            if attribute.kind == "number" and condition.op in ("<", "<=", ">", ">=", "=", "!="):
                parse_number(condition.value)
            elif attribute.kind == "category" and condition.op in ("=", "!="):
                clean_value(attribute, condition.value)  # names the categories when the value is not one
        chosen = None
        if coders is not None:
            chosen = frozenset(coders)
            unknown = chosen - set(self.coders())
            if unknown:
                raise AnnotatorError(f"No codings by {', '.join(sorted(unknown))} (coders: "
                                     f"{', '.join(self.coders()) or 'none yet'}).")
        return Scope(frozenset(documents) if documents is not None else None,
                     frozenset(self._project.people.matching(conditions)) if conditions else None,
                     chosen, participant_turns_only)

    def place(self, passages: Sequence) -> list[Passage]:
        """Anything with document_id, start and end (query passages, matrix codings, co-occurrences, keyword lines)
        as retrieval passages: document, speaker, paragraph and context, for the retrieval view."""
        # The retrieval part places them, so both views show the same context and share its cache.
        return self._project.retrieval.place_all([
            (p.document_id, p.start, p.end, {"coding_id": p.id if isinstance(p, CodingRef) else None,
                                             "code_id": getattr(p, "code_id", None), "coder": getattr(p, "coder", None)})
            for p in passages])

    # --------------------------------------------------------------------------------------------- queries
    def compile(self, expression: str, *, include_subcodes: bool = True) -> CompiledQuery:
        """Check a query: syntax and code names, with the position of the first problem (QueryError)."""
        return compile_query(expression, self._project.codebook.codebook, include_subcodes=include_subcodes)

    def query(self, expression: str, *, mode: str = "overlap", include_subcodes: bool = True,
              scope: Scope | None = None) -> QueryResult:
        return run_query(self.compile(expression, include_subcodes=include_subcodes), self.data(), scope or Scope(),
                         mode)

    def code_as_new_code(self, passages: Sequence, name: str, parent_id: CodeId | None = None) -> CodeId:
        """Turn results (a query's passages, search hits) into a new code with every passage coded: one undo step."""
        spans = _spans(passages)
        if not spans:
            raise AnnotatorError("There are no passages to code.")
        book = self._project.codebook.codebook
        name = book.check_name(name, parent_id)
        command = CodeSpansAsNewCode(name, parent_id, book.next_colour(), spans,
                                     f"Code {len(spans)} passages as new code '{name}'")
        self._project.execute(command)
        assert command.created_id is not None
        return command.created_id

    def code_all(self, passages: Sequence, code_id: CodeId) -> int:
        """Code every hit with a code, as one undo step; hits already coded so (by you) are left out. Returns how
        many were coded."""
        book = self._project.codebook.codebook
        if code_id not in book:
            raise AnnotatorError("That code is no longer in the codebook.")
        spans = [s for s in _spans(passages)
                 if codings.find_exact(self._db, s[0], code_id, s[1], s[2], self._project.coder_id) is None]
        if not spans:
            raise AnnotatorError(f"Every hit is already coded with '{book[code_id].name}'.")
        self._project.execute(CodeSpans(code_id, spans, f"Code {len(spans)} hits as '{book[code_id].name}'"))
        return len(spans)

    # ------------------------------------------------------------------------------------ matrices, co-occurrence
    def matrix(self, columns: str = "attribute", *, attribute: str | None = None, groups: Sequence = (),
               code_ids: Sequence[CodeId] | None = None, column_codes: Sequence[CodeId] | None = None,
               subcodes: bool = True, scope: Scope | None = None) -> matrices.Matrix:
        """Codes (all, in tree order, or these) by the values of an attribute ('attribute'; `groups` bins a
        number, with .label and .holds), by 'participants', by 'documents' or by other 'codes'."""
        data, scope = self.data(), scope or Scope()
        rows = matrices.code_rows(data, code_ids, subcodes=subcodes)
        if columns == "attribute":
            if not attribute:
                raise AnnotatorError("Choose the attribute whose values make the columns.")
            return matrices.by_attribute(data, rows, self._project.people.attribute(attribute), scope, groups)
        if columns == "participants":
            return matrices.by_participant(data, rows, scope)
        if columns == "documents":
            return matrices.by_document(data, rows, scope)
        if columns == "codes":
            return matrices.by_codes(data, rows, matrices.code_rows(data, column_codes, subcodes=subcodes), scope)
        raise AnnotatorError(f"Columns are 'attribute', 'participants', 'documents' or 'codes', not {columns!r}.")

    def case_overview(self, code_ids: Sequence[CodeId] | None = None, *, subcodes: bool = True,
                      scope: Scope | None = None) -> matrices.Matrix:
        return matrices.case_overview(self.data(), code_ids, scope or Scope(), subcodes=subcodes)

    def cooccurrence(self, code_ids: Sequence[CodeId] | None = None, *, relation: str = "overlap",
                     subcodes: bool = False, scope: Scope | None = None) -> Cooccurrence:
        data = self.data()
        return cooccurrence(data, matrices.code_rows(data, code_ids, subcodes=subcodes), scope or Scope(), relation)

    # ------------------------------------------------------------------------------------------- saturation
    def saturation(self, *, depth: str | int = "codes", coder: str | None = None, base_size: int = DEFAULT_BASE,
                   run_length: int = DEFAULT_RUN, threshold: float = DEFAULT_THRESHOLD,
                   scope: Scope | None = None) -> Saturation:
        """Guest et al.'s saturation over the interviews in interview order, counting codes at a depth of the
        codebook ('themes', 'subthemes', 'codes' or a number of levels below the top), by one coder or all."""
        scope = scope or Scope()
        if coder is not None:
            scope = Scope(scope.document_ids, scope.participant_ids, self.scope(coders=[coder]).coders,
                          scope.participant_turns_only)
        interviews = coded_interviews(self.data(), scope, depth)
        return assess(interviews, base_size=base_size, run_length=run_length, threshold=threshold)

    def new_code_passages(self, result: Saturation, number: int, *, depth: str | int = "codes",
                          coder: str | None = None, scope: Scope | None = None) -> list[CodingRef]:
        """The codings in interview `number` (from 1) of the codes it was the first to bring, as the saturation
        table counts them: what a researcher reads to see what was new there."""
        interview = next((i for i in result.interviews if i.number == number), None)
        if interview is None or not interview.new:
            return []
        scope = scope or Scope()
        if coder is not None:
            scope = Scope(scope.document_ids, scope.participant_ids, frozenset([coder]), scope.participant_turns_only)
        data = self.data()
        at_depth = codes_at_depth(data.codebook, depth)
        new = set(interview.new)
        return [c for c in data.codings_of(data.codebook.codes, scope)
                if c.document_id == interview.key and at_depth.get(c.code_id) in new]

    def saturation_by_coder(self, **options) -> dict[str, Saturation]:
        return {coder: self.saturation(coder=coder, **options) for coder in self.coders()}

    # ------------------------------------------------------------------------------------------ frequencies
    def stop_words(self) -> tuple[str, ...]:
        stored = store.get_setting(self._db, STOP_WORDS_KEY)
        return tuple(json.loads(stored)) if stored is not None else tuple(sorted(DEFAULT_STOP_WORDS))

    def set_stop_words(self, stop_words: Iterable[str] | None) -> Changes:
        """Replace the project's stop words (None: back to the default list); undoable."""
        value = None if stop_words is None else json.dumps(clean_stop_words(stop_words))
        return self._project.execute(SetSetting(STOP_WORDS_KEY, value, "Edit stop words", "edit stop words"))

    def _spans(self, source: TextSource, scope: Scope) -> dict[DocumentId, list[tuple[int, int]]]:
        data = self.data()
        if source.result is not None:
            by_doc = defaultdict(list)
            for p in source.result.passages:
                by_doc[p.document_id].append((p.start, p.end))
            return dict(by_doc)
        if source.code_id is not None:
            members = frozenset(data.codebook.subtree(source.code_id))
            return code_passages(data, members, scope)
        return data.regions(scope)

    def _counts(self, source: TextSource, scope: Scope) -> Counter:
        """Word counts of a source. All text in a scope is counted again only when texts or turns change (not after
        a coding); a code's passages once per snapshot; a query's results each time."""
        data = self.data()
        spans = self._spans(source, scope)
        if source.result is not None:
            key = None
        elif source.code_id is not None:
            key = (self._generation, source.code_id, scope)
        else:
            key = (scope, tuple((d, self._hashes.get(d), tuple(s)) for d, s in spans.items()))
        if key is None or key not in self._word_counts:
            counts = words.count_pieces(data.text(d)[start:end] for d, ranges in spans.items() for start, end in ranges)
            if key is None:
                return counts
            if len(self._word_counts) >= 16:  # a few recent sources are enough to keep
                self._word_counts.pop(next(iter(self._word_counts)))
            self._word_counts[key] = counts
        return self._word_counts[key]

    def frequencies(self, source: TextSource = TextSource(), *, stemmed: bool = False, min_length: int = 3,
                    top: int | None = None, stop_words: Iterable[str] | None = None,
                    scope: Scope | None = None) -> words.Frequencies:
        """Word counts over all text in scope, a code's passages or a query's results. The default scope is
        participants' turns only; the project's stop words apply unless others are given."""
        counts = self._counts(source, scope if scope is not None else Scope(participant_turns_only=True))
        stop = set(self.stop_words() if stop_words is None else clean_stop_words(stop_words))
        return words.frequencies(counts, stop, stemmed=stemmed, min_length=min_length, top=top)

    def keyword_in_context(self, word: str, source: TextSource = TextSource(), *, stemmed: bool = False,
                           width: int = 60, scope: Scope | None = None) -> list[words.KeywordLine]:
        """Each occurrence of the word with its context; each line has the characters to code it from."""
        scope = scope if scope is not None else Scope(participant_turns_only=True)
        spans = self._spans(source, scope)
        data = self.data()
        return words.keyword_in_context({d: data.text(d) for d in spans}, spans, word, stemmed=stemmed, width=width)

    # ------------------------------------------------------------------------------------- interview order
    def reorder_documents(self, order: Sequence[DocumentId]) -> Changes:
        """Set the interview order (documents not listed keep their relative order after the listed ones)."""
        known = set(store.interview_order(self._db))
        if len(set(order)) != len(order) or not set(order) <= known:
            raise AnnotatorError("The new order must list each document at most once, and only this project's.")
        return self._project.execute(ReorderDocuments(list(order)))

    def move_document(self, document_id: DocumentId, index: int) -> Changes:
        """Move one document to a place (from 0) in the interview order, as a drag in the documents list does."""
        order = store.interview_order(self._db)
        if document_id not in order:
            raise AnnotatorError("That document is no longer in the project.")
        order.remove(document_id)
        order.insert(max(0, min(index, len(order))), document_id)
        return self._project.execute(ReorderDocuments(order, "Move interview"))

    def order_by_attribute(self, attribute: str) -> Changes:
        """Order the interviews by their participant's value of a date (or number) attribute; interviews without
        one follow, in their current order."""
        chosen = self._project.people.attribute(attribute)
        if chosen.kind not in ("date", "number"):
            raise AnnotatorError(f"Interviews are ordered by a date or number attribute; '{chosen.name}' is "
                                 f"{chosen.kind}.")
        values = attributes.values(self._db)
        data = self.data()

        def key(doc: DocumentRef):
            value = values.get(doc.participant_id, {}).get(chosen.id)
            if value is None:
                return (1, 0, "")
            return (0, parse_number(value), "") if chosen.kind == "number" else (0, 0, value)
        ordered = sorted(data.documents, key=key)  # stable: ties keep the current order
        return self._project.execute(ReorderDocuments([d.id for d in ordered], f"Order interviews by {chosen.name}"))

    # ---------------------------------------------------------------------------------------------- tables
    def table(self, result, **options) -> Table:
        """Any result as a table: a QueryResult, Matrix (measure=, percentage=), Cooccurrence (coefficient=),
        Saturation, Frequencies or a list of keyword lines."""
        book = self._project.codebook.codebook
        names = {d.id: d.name for d in self.data().documents}
        if isinstance(result, QueryResult):
            return self._query_table(result)
        if isinstance(result, matrices.Matrix):
            return matrix_table(result, options.get("measure", "passages"), options.get("percentage"))
        if isinstance(result, Cooccurrence):
            return cooccurrence_table(result, options.get("coefficient", False))
        if isinstance(result, Saturation):
            return saturation_table(result, lambda c: book.path(c) if c in book else str(c))
        if isinstance(result, words.Frequencies):
            return frequency_table(result)
        if isinstance(result, list):
            return keyword_table(result, lambda d: names.get(d, str(d)))
        raise AnnotatorError(f"There is no table for {type(result).__name__}.")

    def _query_table(self, result: QueryResult) -> Table:
        book, who = self._project.codebook.codebook, self.data().participants
        return query_table(result, self.place(result.passages), lambda c: book.path(c) if c in book else str(c),
                           lambda p: who.get(p, ""))

    def export(self, result, path: Path | str, **options) -> Path:
        """Write a result's table to .csv, .xlsx or .docx (a Word table with its notes; saturation with its chart)."""
        book = self._project.codebook.codebook
        with self._project.reports.anchored():
            return export_result(self.table(result, **options), result, path, self._project.name,
                                 lambda c: book[c].name if c in book else str(c), **options)


def _spans(passages: Sequence) -> list[tuple[DocumentId, int, int]]:
    return list(dict.fromkeys((p.document_id, p.start, p.end) for p in passages if p.start < p.end))
