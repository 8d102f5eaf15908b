"""Small hand-made projects as plain data, for checking analyses against counts worked out by hand."""

from __future__ import annotations

from annotator.analysis.model import CodingRef, DocumentRef, ProjectData, TurnRef
from annotator.core.attributes import Attribute
from annotator.core.codebook import Code, Codebook
from annotator.core.ids import CodeId, CodingId, DocumentId, ParticipantId

# Pay > Stipend, Pay > Gift cards, Stigma, and Empty (a code nobody applied).
CODES = {"Pay": None, "Stipend": "Pay", "Gift cards": "Pay", "Stigma": None, "Empty": None}
ID = {name: CodeId(i) for i, name in enumerate(CODES, 1)}


def codebook(codes: dict[str, str | None] = CODES) -> Codebook:
    ids = {name: CodeId(i) for i, name in enumerate(codes, 1)}
    return Codebook.from_codes(Code(ids[n], f"g{ids[n]}", n, ids[p] if p else None, i) for i, (n, p) in
                               enumerate(codes.items()))


def transcript(turns: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int, int, str]]]:
    """Text of 'Label: speech' lines, and each turn's (start, end, speech start, label)."""
    text, spans = "", []
    for label, speech in turns:
        start = len(text)
        text += f"{label}: "
        spans.append((start, len(text) + len(speech), len(text), label))
        text += speech + "\n"
    return text, spans


class Builder:
    def __init__(self, codes: dict[str, str | None] = CODES):
        self.book = codebook(codes)
        self.ids = {name: CodeId(i) for i, name in enumerate(codes, 1)}
        self.texts: dict[DocumentId, str] = {}
        self.documents: list[DocumentRef] = []
        self.codings: list[CodingRef] = []
        self.participants: dict[ParticipantId, str] = {}
        self.values: dict[ParticipantId, dict[int, str]] = {}
        self.attributes: list[Attribute] = []

    def document(self, text: str, participant: int | None = None,
                 turns: list[tuple[int, int, int, str]] = (), speakers: dict[str, int] | None = None) -> DocumentId:
        doc_id = DocumentId(len(self.documents) + 1)
        refs = tuple(TurnRef(s, e, ts, label, ParticipantId((speakers or {})[label]) if label in (speakers or {})
                             else None) for s, e, ts, label in turns)
        who = ParticipantId(participant) if participant is not None else None
        if who is not None:
            self.participants.setdefault(who, f"P{participant:02d}")
        self.documents.append(DocumentRef(doc_id, f"D{doc_id}", doc_id, who, len(text), refs))
        self.texts[doc_id] = text
        return doc_id

    def code(self, document_id: DocumentId, name: str, start: int, end: int, coder: str = "ann") -> CodingId:
        coding_id = CodingId(len(self.codings) + 1)
        self.codings.append(CodingRef(coding_id, document_id, self.ids[name], start, end, coder))
        return coding_id

    def code_text(self, document_id: DocumentId, name: str, words: str, coder: str = "ann", nth: int = 0) -> CodingId:
        text, at = self.texts[document_id], -1
        for _ in range(nth + 1):
            at = text.index(words, at + 1)
        return self.code(document_id, name, at, at + len(words), coder)

    def attribute(self, name: str, kind: str, values: dict[int, str], categories: tuple[str, ...] = ()) -> Attribute:
        attribute = Attribute(len(self.attributes) + 1, name, kind, categories)
        self.attributes.append(attribute)
        for participant, value in values.items():
            self.values.setdefault(ParticipantId(participant), {})[attribute.id] = value
        return attribute

    def data(self) -> ProjectData:
        return ProjectData(list(self.documents), sorted(self.codings, key=lambda c: (c.document_id, c.start, c.id)),
                           self.book, dict(self.participants), list(self.attributes), dict(self.values),
                           self.texts.__getitem__)


def words_text(n: int) -> str:
    """'w00 w01 w02 ...': word i starts at 4 * i, so words in a range are easy to count by hand."""
    return " ".join(f"w{i % 100:02d}" for i in range(n)) + " "


def worked_example() -> tuple[Builder, dict[str, DocumentId]]:
    """The project most tests count by hand.

    A (participant 1, no turns, one line of 4-character words, 100 characters):
        Stipend [10, 30), Gift cards [25, 40), Pay [50, 60), Stigma [20, 28) by ann;
        Stigma [35, 55) and [60, 70) by bob ([60, 70) only touches Pay's [50, 60)).
    B (participant 2, an interview with turns; P01's speech is participant 2's):
        turn 1 "The stipend is cash. Gift cards too.": Stipend, Gift cards (adjacent, not overlapping);
        turn 3 "The title stings." / "The gift card was late." (two paragraphs): Stigma; Gift cards by bob.
    C (participant 3): Gift cards [0, 5).
    """
    b = Builder()
    a = b.document(words_text(25), participant=1)
    b.code(a, "Stipend", 10, 30)
    b.code(a, "Gift cards", 25, 40)
    b.code(a, "Pay", 50, 60)
    b.code(a, "Stigma", 20, 28)
    b.code(a, "Stigma", 35, 55, coder="bob")
    b.code(a, "Stigma", 60, 70, coder="bob")
    text, turns = transcript([("Interviewer", "Tell me about pay."), ("P01", "The stipend is cash. Gift cards too."),
                              ("Interviewer", "And the title?"), ("P01", "The title stings.\nThe gift card was late.")])
    doc_b = b.document(text, participant=2, turns=turns, speakers={"P01": 2})
    b.code_text(doc_b, "Stipend", "The stipend is cash.")
    b.code_text(doc_b, "Gift cards", "Gift cards too.")
    b.code_text(doc_b, "Stigma", "The title stings.")
    b.code_text(doc_b, "Gift cards", "The gift card was late.", coder="bob")
    c = b.document(words_text(10), participant=3)
    b.code(c, "Gift cards", 0, 5)
    return b, {"A": a, "B": doc_b, "C": c}
