"""Plain data for reports, assembled by the services (reports know nothing of the project file)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quotation:
    text: str
    document: str
    participant: str | None
    speaker: str | None
    paragraph: int
    timestamp: str | None
    other_codes: tuple[str, ...] = ()
    coder: str | None = None


@dataclass
class CodeSection:
    name: str
    path: str
    depth: int
    description: str
    references: int
    participants: int
    documents: int
    quotations: list[Quotation] = field(default_factory=list)
    memos: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CodebookRow:
    path: str
    name: str
    depth: int
    description: str
    when_to_use: str
    when_not_to_use: str
    example: str
    references: int
    participants: int


@dataclass(frozen=True)
class MemoEntry:
    heading: str
    title: str
    body: str
    author: str | None
    modified: str
    about: str = ""  # the passage a passage or coding memo is on, quoted, with where it is
