"""Plain data for REFI-QDA exchange, shared by the readers, the writers and the exchange service. It holds
everything an Annotator project has: what the standard has elements for, and the rest (carried in Annotator's
extension part, see annotator.exchange.extension)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from annotator.core.plural import counted
from annotator.core.transcript import SpeakerTurn

# What a memo is about. A REFI-QDA Note is written for project, code and range memos; memos on a document, a
# participant or a coding go where programs show such memos (the source's, case's or selection's Description).
MEMO_KINDS = ("project", "code", "document", "range", "coding", "participant")


@dataclass
class QdaUser:
    guid: str
    name: str
    created: str | None = None


@dataclass
class QdaCode:
    guid: str
    name: str
    colour: str | None = None
    description: str = ""
    children: list[QdaCode] = field(default_factory=list)
    codable: bool = True
    when_to_use: str = ""
    when_not_to_use: str = ""
    example: str = ""
    created: str | None = None
    creator_guid: str | None = None
    position: int | None = None

    def walk(self, parents: tuple[str, ...] = ()):
        """(path names, code) for this code and every code below it."""
        path = (*parents, self.name)
        yield path, self
        for child in self.children:
            yield from child.walk(path)


@dataclass(slots=True)  # (a team's project has 50,000)
class QdaCoding:
    guid: str
    code_guid: str
    coder_guid: str | None = None
    created: str | None = None


@dataclass(slots=True)  # (a team's project has 50,000)
class QdaSelection:
    guid: str
    start: int  # code points into the source text, end exclusive (after position conversion on import)
    end: int
    codings: list[QdaCoding] = field(default_factory=list)
    name: str = ""
    coder_guid: str | None = None
    created: str | None = None
    description: str = ""  # a memo on the coded passage, as QualCoder and MAXQDA write one


@dataclass
class QdaSource:
    guid: str
    name: str
    text: str
    selections: list[QdaSelection] = field(default_factory=list)
    description: str = ""
    coder_guid: str | None = None
    created: str | None = None
    modified: str | None = None
    # Annotator's own, carried in the extension part:
    source_name: str | None = None
    source_format: str | None = None
    file_hash: str | None = None
    interview_order: int | None = None
    metadata: dict[str, str] | None = None
    speakers: dict[str, str | None] | None = None  # label -> participant (case) GUID
    turns: list[SpeakerTurn] | None = None


@dataclass
class QdaNote:
    """A memo, whatever it is written on."""

    guid: str
    title: str
    text: str
    kind: str = "project"  # one of MEMO_KINDS
    target_guid: str | None = None  # the code, source, coding or case it is about
    start: int | None = None  # a range memo's passage, in code points of the source's text
    end: int | None = None
    coder_guid: str | None = None
    created: str | None = None
    modified: str | None = None


@dataclass
class QdaVariable:
    guid: str
    name: str
    type: str = "Text"  # REFI typeOfVariable: Text, Integer, Float, Date, Boolean, DateTime
    kind: str | None = None  # Annotator's: text, number, date, category (None: decide from the REFI type)
    categories: tuple[str, ...] = ()
    position: int | None = None


@dataclass
class QdaCase:
    guid: str
    name: str
    variables: dict[str, str] = field(default_factory=dict)  # variable GUID -> value
    source_guids: list[str] = field(default_factory=list)
    position: int | None = None
    created: str | None = None


@dataclass
class LeftOut:
    """Something in a file that was not imported, and why ('empty', 'past the end', 'picture', ...)."""

    what: str  # coding, source, memo, selection
    reason: str
    where: str = ""  # the source it was in
    count: int = 1


@dataclass
class QdaProject:
    name: str
    origin: str = ""
    users: list[QdaUser] = field(default_factory=list)
    codes: list[QdaCode] = field(default_factory=list)
    sources: list[QdaSource] = field(default_factory=list)
    notes: list[QdaNote] = field(default_factory=list)
    cases: list[QdaCase] = field(default_factory=list)
    variables: list[QdaVariable] = field(default_factory=list)
    created: str | None = None
    from_annotator: bool = False  # its extension part was read: GUIDs and every field are Annotator's own
    left_out: list[LeftOut] = field(default_factory=list)
    codings_read: int = 0  # codings in the file's text selections, before any was left out
    # For a model read without its texts: a source's text, read when it is written out.
    text_of: Callable[[QdaSource], str] | None = field(default=None, repr=False, compare=False)

    def source_text(self, source: QdaSource) -> str:
        return source.text if self.text_of is None else self.text_of(source)

    def user_names(self) -> dict[str, str]:
        return {u.guid: u.name for u in self.users}

    def all_codes(self) -> list[tuple[tuple[str, ...], QdaCode]]:
        return [item for root in self.codes for item in root.walk()]

    def coding_count(self) -> int:
        return sum(len(s.codings) for source in self.sources for s in source.selections)


_MEDIA = {"picture": "picture", "audio": "audio file", "video": "video"}
# A source left out: what it is called, and why (in the researcher's words).
_SOURCE_REASONS = {**{kind: (noun, "Annotator holds text transcripts only") for kind, noun in _MEDIA.items()},
                   "pdf": ("PDF", "the file holds no text of it"),
                   "empty": ("empty source", "no text to import"),
                   "too large": ("source", "over the size limit of any imported transcript (10 million characters)"),
                   "no text": ("source", "the text is missing from the file")}


def left_out_lines(items: list[LeftOut], codings_read: int) -> list[str]:
    """What was left out, in a researcher's words: '3 of 412 codings skipped: 2 empty, 1 past the end of
    'Interview 4''; 'Left out 2 pictures ('a.jpg', 'b.png') with 5 codings: Annotator holds text only'."""
    lines = []
    reasons: dict[str, int] = {}
    for item in items:
        if item.what == "coding":
            key = f"{item.reason} of '{item.where}'" if item.reason == "past the end" and item.where else item.reason
            reasons[key] = reasons.get(key, 0) + item.count
    if reasons:
        lines.append(f"{sum(reasons.values())} of {counted(codings_read, 'coding')} skipped: "
                     + ", ".join(f"{n} {reason}" for reason, n in reasons.items()))
    for item in items:
        if item.what == "clamped":
            lines.append(f"{counted(item.count, 'coding')} in '{item.where}' ran past the end of its text; "
                         "cut at the end")
    groups: dict[str, list[LeftOut]] = {}
    for item in items:
        if item.what == "source":
            groups.setdefault(item.reason, []).append(item)
    for reason, group in groups.items():
        names = ", ".join(f"'{g.where}'" for g in group)
        codings = sum(g.count for g in group)
        with_codings = f" with {counted(codings, 'coding')}" if codings else ""
        if reason == "pdf areas":
            lines.append(f"Left out {counted(codings, 'coded area')} of PDF pages in {names} (the PDF's text "
                         "and its text codings were imported)")
        elif reason in _SOURCE_REASONS:
            noun, why = _SOURCE_REASONS[reason]
            lines.append(f"Left out {counted(len(group), noun)} ({names}){'' if reason == 'empty' else with_codings}"
                         f": {why}")
        else:
            lines.append(f"Left out {names}: {reason}")
    for item in items:
        if item.what in ("memo", "code", "other"):
            lines.append(item.reason if item.count == 1 else f"{item.reason} ({item.count})")
    return lines
