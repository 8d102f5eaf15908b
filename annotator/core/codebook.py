"""The codebook as a tree: codes, their order under each parent, paths, and the rules a change must keep."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from annotator.core.errors import AnnotatorError
from annotator.core.ids import CodeId

# Colour-blind-safe palettes: Okabe & Ito (2008), then Paul Tol's muted scheme; new codes take the next colour.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
)
PATH_SEPARATOR = " > "


@dataclass(frozen=True)
class Code:
    id: CodeId
    guid: str
    name: str
    parent_id: CodeId | None = None
    position: int = 0
    colour: str = PALETTE[0]
    description: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    example: str = ""
    codable: bool = True  # False: a folder for other codes in the program it came from (REFI-QDA isCodable)


@dataclass
class Codebook:
    """An immutable-by-convention view of the code tree, rebuilt from storage when codes change."""

    codes: dict[CodeId, Code] = field(default_factory=dict)
    _children: dict[CodeId | None, list[CodeId]] = field(default_factory=dict)

    @classmethod
    def from_codes(cls, codes: Iterable[Code]) -> Codebook:
        book = cls(_rooted({c.id: c for c in codes}))
        for code in sorted(book.codes.values(), key=lambda c: (c.position, c.name.lower(), c.id)):
            book._children.setdefault(code.parent_id, []).append(code.id)
        return book

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code_id: object) -> bool:
        return code_id in self.codes

    def __getitem__(self, code_id: CodeId) -> Code:
        return self.codes[code_id]

    def same_shape(self, other: Codebook) -> bool:
        """The same codes in the same places (names, colours and descriptions may differ)."""
        return self._children == other._children

    def children(self, code_id: CodeId | None) -> list[CodeId]:
        return list(self._children.get(code_id, ()))

    def ancestors(self, code_id: CodeId) -> list[CodeId]:
        """From the parent up to the root."""
        out, parent = [], self.codes[code_id].parent_id
        while parent is not None:
            out.append(parent)
            parent = self.codes[parent].parent_id
        return out

    def depth(self, code_id: CodeId) -> int:
        return len(self.ancestors(code_id))

    def path(self, code_id: CodeId) -> str:
        """'Peer work in practice > Frontline harm reduction work'."""
        names = [self.codes[a].name for a in reversed(self.ancestors(code_id))]
        return PATH_SEPARATOR.join([*names, self.codes[code_id].name])

    def descendants(self, code_id: CodeId) -> list[CodeId]:
        out: list[CodeId] = []
        stack = list(reversed(self.children(code_id)))
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reversed(self.children(current)))
        return out

    def subtree(self, code_id: CodeId) -> list[CodeId]:
        return [code_id, *self.descendants(code_id)]

    def tree_order(self) -> Iterator[CodeId]:
        """Every code, parents before children, siblings in their order."""
        for root in self.children(None):
            yield from self.subtree(root)

    def by_path(self, path: str) -> Code | None:
        wanted = [part.strip().lower() for part in path.split(PATH_SEPARATOR.strip())]
        parent: CodeId | None = None
        found: Code | None = None
        for part in wanted:
            found = next((self.codes[c] for c in self.children(parent) if self.codes[c].name.lower() == part), None)
            if found is None:
                return None
            parent = found.id
        return found

    def next_colour(self) -> str:
        """The palette colour fewest codes have (the first such, in palette order), so a new code does not
        take a colour already in use while another is free."""
        used = {colour: 0 for colour in PALETTE}
        for code in self.codes.values():
            if code.colour.upper() in used:
                used[code.colour.upper()] += 1
        return min(PALETTE, key=lambda colour: used[colour])

    # ------------------------------------------------------------------------------------------------- rules
    def check_name(self, name: str, parent_id: CodeId | None, renaming: CodeId | None = None) -> str:
        """The cleaned name, or an error a researcher understands."""
        name = " ".join(name.split())
        if not name:
            raise AnnotatorError("A code needs a name.")
        if len(name) > 200:
            raise AnnotatorError("Code names are limited to 200 characters.")
        if PATH_SEPARATOR.strip() in name:
            raise AnnotatorError(f"A code name cannot contain '{PATH_SEPARATOR.strip()}' (it separates levels).")
        for sibling in self.children(parent_id):
            if sibling != renaming and self.codes[sibling].name.lower() == name.lower():
                where = f"under '{self.codes[parent_id].name}'" if parent_id is not None else "at the top level"
                raise AnnotatorError(f"There is already a code called '{name}' {where}.")
        return name

    def check_move(self, code_id: CodeId, new_parent: CodeId | None) -> None:
        if new_parent is not None and (new_parent == code_id or code_id in self.ancestors(new_parent)):
            raise AnnotatorError("A code cannot be moved inside itself or one of its subcodes.")
        self.check_name(self.codes[code_id].name, new_parent, renaming=code_id)


def _rooted(codes: dict[CodeId, Code]) -> dict[CodeId, Code]:
    """The codes with every parent chain ending at the top: a code whose parents go round in a circle, or name a code
    that is not there (a file edited or damaged outside Annotator), is shown at the top level rather than lost, and
    no walk up or down the tree can go on forever."""
    sound: set[CodeId] = set()
    for start in codes:
        chain: list[CodeId] = []
        current: CodeId | None = start
        while current is not None and current not in sound and current in codes and current not in chain:
            chain.append(current)
            current = codes[current].parent_id
        if current is not None and current not in sound:  # a circle, or a missing parent: cut above the last code
            codes[chain[-1]] = replace(codes[chain[-1]], parent_id=None)
        sound.update(chain)
    return codes


def check_colour(colour: str) -> str:
    colour = colour.strip()
    if len(colour) != 7 or not colour.startswith("#") or any(c not in "0123456789abcdefABCDEF" for c in colour[1:]):
        raise AnnotatorError(f"'{colour}' is not a colour; use the form #1f77b4.")
    return colour.upper()
