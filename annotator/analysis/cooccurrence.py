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

from annotator.analysis.intervals import Segment, merge
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
    _pairs: dict[tuple[int, int], list[QueryPassage]] = field(default_factory=dict, repr=False)

    def passages(self, i: int, j: int) -> list[QueryPassage]:
        """Where both codes occur: the joined passages, or the turns."""
        return self._pairs.get((min(i, j), max(i, j)), []) if i != j else []

    def count(self, i: int, j: int) -> int:
        return self.frequencies[i] if i == j else len(self.passages(i, j))

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
    involved: dict[tuple[int, int, DocumentId], set[Segment]] = defaultdict(set)
    documents: dict[DocumentId, list[tuple[Segment, int]]] = defaultdict(list)
    for i, by_doc in enumerate(passages):
        for doc_id, segs in by_doc.items():
            documents[doc_id].extend((s, i) for s in segs)
    for doc_id, items in documents.items():
        items.sort(key=lambda item: item[0].start)
        active: list[tuple[Segment, int]] = []
        for seg, i in items:  # a sweep along the text: the passages still open when this one starts overlap it
            active = [(a, k) for a, k in active if a.end > seg.start]
            for other, k in active:
                if k != i:
                    key = (min(i, k), max(i, k), doc_id)
                    involved[key].update((seg, other))
            active.append((seg, i))
    pairs: dict[tuple[int, int], list[QueryPassage]] = defaultdict(list)
    order = {d.id: n for n, d in enumerate(data.documents)}
    for (i, k, doc_id) in sorted(involved, key=lambda key: (key[0], key[1], order[key[2]])):
        doc = data.document[doc_id]
        both = frozenset((codes[i].key, codes[k].key))
        for joined in merge(involved[(i, k, doc_id)]):  # passages of two codes, joined where they overlap
            pairs[(i, k)].append(QueryPassage(doc_id, joined.start, joined.end, both, doc.participant_at(joined.start)))
    return Cooccurrence(list(codes), relation, frequencies, dict(pairs))


def _units(doc: DocumentRef, data: ProjectData) -> tuple[list[int], list[tuple[int, int]]]:
    """A document's units for 'turn': the starts to bisect, and each unit's span to show."""
    if doc.turns:
        return doc.turn_starts, [(t.text_start, t.end) for t in doc.turns]
    starts = data.paragraphs(doc.id)
    return starts, [(s, e) for s, e in zip(starts, [*starts[1:], doc.length])]


def _by_turn(data: ProjectData, codes: list[Header], passages) -> Cooccurrence:
    holding: dict[tuple[DocumentId, int], set[int]] = defaultdict(set)
    units: dict[DocumentId, tuple[list[int], list[tuple[int, int]]]] = {}
    for i, by_doc in enumerate(passages):
        for doc_id, segs in by_doc.items():
            if doc_id not in units:
                units[doc_id] = _units(data.document[doc_id], data)
            starts = units[doc_id][0]
            for seg in segs:
                first, last = bisect_right(starts, seg.start) - 1, bisect_right(starts, seg.end - 1) - 1
                for unit in range(max(first, 0), last + 1):
                    holding[(doc_id, unit)].add(i)
    frequencies = [0] * len(codes)
    pairs: dict[tuple[int, int], list[QueryPassage]] = defaultdict(list)
    order = {d.id: n for n, d in enumerate(data.documents)}
    for (doc_id, unit), present in sorted(holding.items(), key=lambda item: (order[item[0][0]], item[0][1])):
        start, end = units[doc_id][1][unit]
        who = data.document[doc_id].participant_at(start)
        for i in present:
            frequencies[i] += 1
        for i, k in combinations(sorted(present), 2):
            pairs[(i, k)].append(QueryPassage(doc_id, start, end, frozenset((codes[i].key, codes[k].key)), who))
    return Cooccurrence(codes, "turn", frequencies, dict(pairs))
