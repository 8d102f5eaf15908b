"""Code co-occurrence: for each pair of codes, where both occur, counted two ways.

- 'overlap': a code's units are its passages (its codings, overlapping ones joined, as a query term gives them);
  a co-occurrence is a stretch where passages of the two codes overlap, joined as in '"A" AND "B"' in passages
  mode, so n12 is that query's passage count.
- 'turn': a code's units are the speaker turns (paragraphs, in a document without turns) holding it; n12 counts
  the turns holding both.
Either way n12 <= min(n1, n2), so ATLAS.ti's coefficient c = n12 / (n1 + n2 - n12) runs from 0 to 1.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from annotator.analysis.intervals import Span, merge
from annotator.analysis.matrix import Header
from annotator.analysis.model import DocumentRef, ProjectData, Scope
from annotator.analysis.query import QueryPassage, code_passages
from annotator.core.errors import AnnotatorError
from annotator.core.ids import DocumentId

RELATIONS = ("overlap", "turn")


@dataclass
class Cooccurrence:
    codes: list[Header]
    relation: str
    frequencies: list[int]  # n_i: each code's passages ('overlap') or turns ('turn')
    _pairs: dict[tuple[int, int], list[tuple[DocumentId, int, int]]] = field(default_factory=dict, repr=False)
    _data: ProjectData | None = field(default=None, repr=False)

    def passages(self, i: int, j: int) -> list[QueryPassage]:
        """Where both codes occur: the joined passages, or the turns (made on asking: most cells are never opened)."""
        if i == j:
            return []
        both = frozenset((self.codes[i].key, self.codes[j].key))
        document = self._data.document if self._data else {}
        return [QueryPassage(d, start, end, both, document[d].participant_at(start) if d in document else None)
                for d, start, end in self._pairs.get((min(i, j), max(i, j)), [])]

    def count(self, i: int, j: int) -> int:
        return self.frequencies[i] if i == j else len(self._pairs.get((min(i, j), max(i, j)), ()))

    def coefficient(self, i: int, j: int) -> float:
        n12 = self.count(i, j)
        union = self.frequencies[i] + self.frequencies[j] - n12
        return n12 / union if union else 0.0

    def pairs(self) -> list[tuple[int, int, int, float]]:
        """Every pair that co-occurs at least once: (i, j, n12, c), most frequent first."""
        out = [(i, j, len(p), self.coefficient(i, j)) for (i, j), p in self._pairs.items() if p]
        return sorted(out, key=lambda t: (-t[2], t[0], t[1]))


def cooccurrence(data: ProjectData, codes: Sequence[Header], scope: Scope = Scope(),
                 relation: str = "overlap") -> Cooccurrence:
    """The code-by-code table for these codes (rows from matrix.code_rows, rolled up or not)."""
    if relation not in RELATIONS:
        raise AnnotatorError(f"Codes co-occur by 'overlap' or 'turn', not {relation!r}.")
    passages = [code_passages(data, header.members, scope) for header in codes]
    if relation == "turn":
        return _by_turn(data, list(codes), passages)
    frequencies = [sum(len(segs) for segs in by_doc.values()) for by_doc in passages]
    documents: dict[DocumentId, list[tuple[int, int, int]]] = defaultdict(list)
    for i, by_doc in enumerate(passages):
        for doc_id, segs in by_doc.items():
            documents[doc_id].extend((start, end, i) for start, end in segs)
    pairs: dict[tuple[int, int], list[tuple[DocumentId, int, int]]] = defaultdict(list)
    for doc in data.documents:
        items = documents.get(doc.id)
        if not items:
            continue
        items.sort()
        involved: dict[tuple[int, int], set[Span]] = defaultdict(set)
        active: list[tuple[int, int, int]] = []
        for item in items:  # a sweep along the text: the passages still open when this one starts overlap it
            start, end, i = item
            active = [a for a in active if a[1] > start]
            for a_start, a_end, k in active:
                if k != i:
                    spans = involved[(i, k) if i < k else (k, i)]
                    spans.add((start, end))
                    spans.add((a_start, a_end))
            active.append(item)
        for pair, spans in involved.items():
            pairs[pair].extend((doc.id, start, end) for start, end in merge(spans))  # joined where they overlap
    return Cooccurrence(list(codes), relation, frequencies, dict(pairs), data)


def _units(doc: DocumentRef, data: ProjectData) -> tuple[list[int], list[tuple[int, int]]]:
    """A document's units for 'turn': the starts to bisect, and each unit's span to show."""
    if doc.turns:
        return doc.turn_starts, [(t.text_start, t.end) for t in doc.turns]
    starts = data.paragraphs(doc.id)
    return starts, [(s, e) for s, e in zip(starts, [*starts[1:], doc.length])]


def _by_turn(data: ProjectData, codes: list[Header], passages) -> Cooccurrence:
    holding: dict[DocumentId, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    unit_spans: dict[DocumentId, tuple[list[int], list[tuple[int, int]]]] = {}
    for i, by_doc in enumerate(passages):
        for doc_id, segs in by_doc.items():
            units = holding[doc_id]
            if doc_id not in unit_spans:
                unit_spans[doc_id] = _units(data.document[doc_id], data)
            starts = unit_spans[doc_id][0]
            for start, end in segs:
                first, last = bisect_right(starts, start) - 1, bisect_right(starts, end - 1) - 1
                if first == last:
                    units[max(first, 0)].add(i)
                else:
                    for unit in range(max(first, 0), last + 1):
                        units[unit].add(i)
    frequencies = [0] * len(codes)
    pairs: dict[tuple[int, int], list[tuple[DocumentId, int, int]]] = defaultdict(list)
    for doc in data.documents:
        if doc.id not in holding:
            continue
        spans = unit_spans[doc.id][1]
        for unit, present in sorted(holding[doc.id].items()):
            for i in present:
                frequencies[i] += 1
            if len(present) > 1:
                where = (doc.id, *spans[unit])
                for pair in combinations(sorted(present), 2):
                    pairs[pair].append(where)
    return Cooccurrence(codes, "turn", frequencies, dict(pairs), data)
