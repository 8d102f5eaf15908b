"""Running a coding query over the project data, document by document, on character intervals.

AND has two modes, named so a result always says which it is: 'overlap' keeps only the characters coded with both
sides; 'passages' keeps the whole passages of both sides that overlap one of the other's. OR joins, NOT subtracts
(in 'passages' mode, A AND NOT B keeps the whole passages of A that share no character with B). NEAR keeps the
passages of both sides that fall in the same speaker turn, or within N paragraphs; A FOLLOWED BY B keeps an A and
a B that starts at or after A's end, in the turn where A ends or within N paragraphs. Passages that only touch
([0, 5) and [5, 9)) share no character, so they do not overlap.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from annotator.analysis.intervals import Span, intersect, merge, overlapping, subtract, whole_passages
from annotator.analysis.model import DocumentRef, ProjectData, Scope
from annotator.analysis.query_parser import Binary, CodeTerm, Node, Not, QueryError, TextTerm, code_terms, parse
from annotator.core.codebook import Codebook
from annotator.core.ids import CodeId, DocumentId, ParticipantId

MODES = ("overlap", "passages")


@dataclass(frozen=True)
class CompiledQuery:
    expression: str
    tree: Node
    codes: dict[int, frozenset[CodeId]]  # a code term's position -> the codes it stands for
    include_subcodes: bool

    @property
    def code_ids(self) -> frozenset[CodeId]:
        return frozenset().union(*self.codes.values()) if self.codes else frozenset()


class QueryPassage(NamedTuple):
    document_id: DocumentId
    start: int
    end: int
    code_ids: frozenset[CodeId]  # the query's codes applied on (part of) the passage
    participant_id: ParticipantId | None


@dataclass(frozen=True)
class QueryResult:
    expression: str
    mode: str
    passages: tuple[QueryPassage, ...]

    @cached_property
    def documents(self) -> int:
        return len({p.document_id for p in self.passages})

    @cached_property
    def participants(self) -> int:
        return len({p.participant_id for p in self.passages if p.participant_id is not None})

    @property
    def characters(self) -> int:
        return sum(p.end - p.start for p in self.passages)


def resolve_code(name: str, codebook: Codebook, position: int = 0) -> CodeId:
    """A code by its path ('Parent > Child') or, when the name is unique, by its name alone."""
    found = codebook.by_path(name)
    if found is not None:
        return found.id
    wanted = " ".join(name.split()).lower()
    same = [c for c in codebook.tree_order() if codebook[c].name.lower() == wanted]
    if len(same) == 1:
        return same[0]
    if same:
        raise QueryError(f'Several codes are called "{name}"; write the path, e.g. "{codebook.path(same[0])}"', position)
    choices = {codebook[c].name.lower(): codebook[c].name for c in codebook.codes}
    close = sorted((n for n in choices if wanted in n), key=len)[:1] or difflib.get_close_matches(wanted, choices, 1, 0.6)
    hint = f'; did you mean "{choices[close[0]]}"?' if close else " (see: annotator codes)"
    raise QueryError(f'There is no code "{name}"{hint}', position)


def code_passages(data: ProjectData, code_ids: frozenset[CodeId], scope: Scope) -> dict[DocumentId, list[Span]]:
    """A code's passages in each document: its codings in scope, overlapping ones joined, cut to the scope's region
    (participants' speech, when asked)."""
    regions = data.regions(scope) if data.clips(scope) else None
    out = {}
    for doc_id, spans in data.spans_of(code_ids, scope, with_codes=False).items():
        joined = merge(spans)
        if regions is not None:
            joined = intersect(joined, regions.get(doc_id, []))
        if joined:
            out[doc_id] = joined
    return out


def compile_query(expression: str, codebook: Codebook, *, include_subcodes: bool = True) -> CompiledQuery:
    """Parse and check a query against the codebook: bad syntax and unknown codes fail here, with the position."""
    tree = parse(expression)
    codes = {}
    for term in code_terms(tree):
        code_id = resolve_code(term.name, codebook, term.position)
        codes[term.position] = frozenset(codebook.subtree(code_id) if include_subcodes else [code_id])
    return CompiledQuery(expression, tree, codes, include_subcodes)


@lru_cache(maxsize=64)
def text_pattern(words: str) -> re.Pattern[str]:
    """Words of a TEXT term as one pattern: the words in order, any punctuation or spaces between, a trailing *
    for a prefix, case ignored."""
    parts = re.findall(r"\w+", words)
    body = r"\W+".join(re.escape(w) for w in parts)
    return re.compile(r"\b" + body + (r"\w*" if words.rstrip().endswith("*") else r"\b"), re.IGNORECASE)


class _Run:
    def __init__(self, query: CompiledQuery, data: ProjectData, scope: Scope, mode: str):
        if mode not in MODES:
            raise QueryError(f"The mode is 'overlap' or 'passages', not {mode!r}", 0)
        self.query, self.data, self.scope, self.mode = query, data, scope, mode
        self.leaves: dict[int, dict[DocumentId, list[Span]]] = {}

    def leaf(self, term: CodeTerm) -> dict[DocumentId, list[Span]]:
        if term.position not in self.leaves:
            self.leaves[term.position] = code_passages(self.data, self.query.codes[term.position], self.scope)
        return self.leaves[term.position]

    def evaluate(self, node: Node, doc: DocumentRef, region: list[Span]) -> list[Span]:
        if isinstance(node, CodeTerm):
            return self.leaf(node).get(doc.id, [])
        if isinstance(node, TextTerm):
            text = self.data.text(doc.id)
            return intersect([m.span() for m in text_pattern(node.words).finditer(text)], region)
        if isinstance(node, Not):
            return subtract(region, self.evaluate(node.operand, doc, region))
        assert isinstance(node, Binary)
        left = self.evaluate(node.left, doc, region)
        if not left and node.op != "OR":
            return []
        right = self.evaluate(node.right, doc, region)
        if node.op == "OR":
            return merge([*left, *right])
        if node.op == "AND":
            return intersect(left, right) if self.mode == "overlap" else whole_passages(left, right)
        if node.op == "AND NOT":
            return subtract(left, right) if self.mode == "overlap" else overlapping(left, right, keep=False)
        units = self.units(doc, node.paragraphs)
        window = node.paragraphs or 0
        if node.op == "NEAR":
            return merge([*_near(left, right, units, window), *_near(right, left, units, window)])
        return merge(_followed_by(left, right, units, window))

    def units(self, doc: DocumentRef, paragraphs: int | None) -> Callable[[int], int]:
        """Which speaker turn (or paragraph) a position is in, as an index that only grows along the text."""
        starts = self.data.paragraphs(doc.id) if paragraphs is not None or not doc.turns else doc.turn_starts
        return lambda position: bisect_right(starts, position) - 1


def _spans(segments: list[Span], units) -> list[tuple[int, int]]:
    return [(units(start), units(end - 1)) for start, end in segments]


def _near(a: list[Span], b: list[Span], units, window: int) -> list[Span]:
    """The passages of `a` with a passage of `b` in a unit at most `window` units away. b's spans grow in both ends
    along the text, so the first b ending late enough is the earliest-starting candidate: one bisect per passage."""
    b_spans = _spans(b, units)
    b_last = [hi for _lo, hi in b_spans]
    out = []
    for seg, (lo, hi) in zip(a, _spans(a, units)):
        i = bisect_left(b_last, lo - window)
        if i < len(b_spans) and b_spans[i][0] <= hi + window:
            out.append(seg)
    return out


def _followed_by(a: list[Span], b: list[Span], units, window: int) -> list[Span]:
    """An A, and a B starting at or after A's end no more than `window` units after the unit where A ends."""
    a_spans, b_spans = _spans(a, units), _spans(b, units)
    b_starts, a_ends = [start for start, _end in b], [end for _start, end in a]
    out = []
    for seg, (_lo, hi) in zip(a, a_spans):
        i = bisect_left(b_starts, seg[1])  # the first B after this A starts in the earliest unit
        if i < len(b) and b_spans[i][0] - hi <= window:
            out.append(seg)
    for seg, (lo, _hi) in zip(b, b_spans):
        i = bisect_right(a_ends, seg[0]) - 1  # the last A ending before this B ends in the latest unit
        if i >= 0 and lo - a_spans[i][1] <= window:
            out.append(seg)
    return out


def run_query(query: CompiledQuery, data: ProjectData, scope: Scope = Scope(), mode: str = "overlap") -> QueryResult:
    """The passages matching a compiled query in the scope, in interview and text order."""
    run = _Run(query, data, scope, mode)
    codings = data.spans_of(query.code_ids, scope)
    regions = data.regions(scope)
    passages = []
    for doc in data.in_scope(scope):
        found = run.evaluate(query.tree, doc, regions.get(doc.id, []))
        for (start, end), codes in zip(found, _codes_on(found, codings.get(doc.id, []))):
            passages.append(QueryPassage(doc.id, start, end, codes, doc.participant_at(start)))
    return QueryResult(query.expression, mode, tuple(passages))


def _codes_on(segments: list[Span], codings: list[tuple[int, int, CodeId]]) -> list[frozenset[CodeId]]:
    """For each passage, the codes of the codings sharing a character with it: a sweep, since both run in text order
    and a coding ending before one passage starts cannot reach the next."""
    out, active, i, n = [], [], 0, len(codings)
    for start, end in segments:
        while i < n and codings[i][0] < end:
            active.append(codings[i])
            i += 1
        active = [c for c in active if c[1] > start]
        out.append(frozenset([c[2] for c in active]))
    return out
