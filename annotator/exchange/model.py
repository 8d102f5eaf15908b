"""Plain data for REFI-QDA exchange, shared by the readers, the writers and the exchange service."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class QdaCode:
    guid: str
    name: str
    colour: str | None = None
    description: str = ""
    children: list[QdaCode] = field(default_factory=list)

    def walk(self, parents: tuple[str, ...] = ()):
        """(path names, code) for this code and every code below it."""
        path = (*parents, self.name)
        yield path, self
        for child in self.children:
            yield from child.walk(path)


@dataclass
class QdaSelection:
    guid: str
    start: int  # code points into the source text, end exclusive (after position conversion on import)
    end: int
    code_guids: list[str]
    coder_guid: str | None = None
    created: str | None = None
    name: str = ""


@dataclass
class QdaSource:
    guid: str
    name: str
    text: str
    selections: list[QdaSelection] = field(default_factory=list)
    description: str = ""


@dataclass
class QdaNote:
    guid: str
    name: str
    text: str
    coder_guid: str | None = None
    target_guid: str | None = None  # a code, a source or a selection the note is about


@dataclass
class QdaCase:
    guid: str
    name: str
    variables: dict[str, str] = field(default_factory=dict)
    source_guids: list[str] = field(default_factory=list)


@dataclass
class QdaProject:
    name: str
    origin: str = ""
    users: dict[str, str] = field(default_factory=dict)  # guid -> name
    codes: list[QdaCode] = field(default_factory=list)
    sources: list[QdaSource] = field(default_factory=list)
    notes: list[QdaNote] = field(default_factory=list)
    cases: list[QdaCase] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)  # variable name -> REFI type (Text, Integer, ...)
