"""What importing a .qdpx or merging a co-author's project would do, worked out before anything changes: which of
their documents are ours (by GUID, by text, or near-identical, with the edits between the two texts), which codes
match and what they renamed, moved or recoloured, which coders are the same people (by GUID) and which are new."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.alignment import (
    Change,
    changes,
    diff_edits,
    lines_overlap,
    similarity,
)
from annotator.core.codebook import PATH_SEPARATOR, Codebook
from annotator.core.plural import counted
from annotator.core.spans import EditList
from annotator.exchange.model import (
    LeftOut,
    QdaCode,
    QdaProject,
    QdaSource,
    left_out_lines,
)
from annotator.storage.documents import text_hash

NEAR = 0.9  # texts this alike (share of characters untouched) are taken for two versions of one transcript
# Programs that write new GUIDs for every user on every export: their coders can only be recognised by name.
_FRESH_USER_GUIDS = ("qualcoder", "qc ")


@dataclass
class CoderMatch:
    guid: str
    name: str
    our_id: int | None  # None: added
    as_name: str  # the name the coder has here
    how: str  # 'same person' (GUID), 'same name', 'added', 'added under another name'
    adopt_guid: bool = False  # our coder of that name has no work yet: it is them, and takes their GUID


@dataclass
class DocumentMatch:
    source: QdaSource
    our_id: int | None
    our_name: str | None
    how: str  # 'same document' (GUID, same text), 'same text', 'near-identical', 'new'
    edits: EditList | None = None  # their text -> ours, when near-identical
    similarity: float = 1.0
    align: bool = True  # near-identical: their codings move onto our text; False: their version is added beside it
    changes: list[Change] = field(default_factory=list)

    @property
    def aligned(self) -> bool:
        return self.how == "near-identical" and self.align

    @property
    def added(self) -> bool:
        return self.our_id is None or (self.how == "near-identical" and not self.align)


@dataclass
class CodeChange:
    code_id: int
    kind: str  # rename, move, recolour, describe
    ours: str
    theirs: str
    value: object = None  # the new name, parent GUID (or None: top level), colour or description
    apply: bool = True

    def line(self) -> str:
        verb = {"rename": "renamed", "move": "moved", "recolour": "recoloured", "describe": "redescribed"}[self.kind]
        return f"{verb} on their side: {self.ours} -> {self.theirs}"


@dataclass
class MergePlan:
    label: str
    model: QdaProject
    coders: list[CoderMatch]
    documents: list[DocumentMatch]
    code_matches: dict[str, int]  # their code GUID -> our code id
    codes_added: list[tuple[str, QdaCode]]  # (path, code)
    code_changes: list[CodeChange]
    take_name: bool  # the project is empty: it takes the file's name
    expected: dict[str, int] = field(default_factory=dict)  # what applying with these choices would add

    @property
    def left_out(self) -> list[LeftOut]:
        return self.model.left_out

    def near(self) -> list[DocumentMatch]:
        return [d for d in self.documents if d.how == "near-identical"]

    def lines(self) -> list[str]:
        """The preview, one line each, as the command line prints it."""
        out = []
        for d in self.documents:
            if d.how == "near-identical":
                choice = "their codings aligned onto ours" if d.align else "their version added as its own document"
                out.append(f"document '{d.source.name}': near-identical to '{d.our_name}' ({len(d.changes)} "
                           f"changed passages, {d.similarity:.1%} alike): {choice}")
            elif d.our_id is not None:
                out.append(f"document '{d.source.name}': {d.how} as '{d.our_name}'")
            else:
                out.append(f"document '{d.source.name}': new")
        out += [f"code {path}: new" for path, _ in self.codes_added]
        out += [f"code {c.line()}" + ("" if c.apply else " (kept ours)") for c in self.code_changes]
        out += [f"coder {c.name}: {c.how}" + (f" as '{c.as_name}'" if c.as_name != c.name else "")
                for c in self.coders]
        return out + left_out_lines(self.left_out, self.model.codings_read)


def _coders(db, model: QdaProject, label: str) -> list[CoderMatch]:
    ours = {g.lower(): (i, n) for i, g, n in db.execute("SELECT id, guid, name FROM coders")}
    names = {n: i for i, _g, n in db.execute("SELECT id, guid, name FROM coders")}
    working = {r[0] for r in db.execute("SELECT coder_id FROM codings UNION SELECT coder_id FROM memos "
                                        "UNION SELECT coder_id FROM codes")}
    fresh = model.origin.lower().startswith(_FRESH_USER_GUIDS)
    referenced = {c.coder_guid for s in model.sources for x in s.selections for c in x.codings} | {
        n.coder_guid for n in model.notes} | {c.creator_guid for _p, c in model.all_codes()}
    out = []
    for user in model.users:
        if user.guid not in referenced and not model.from_annotator:
            continue  # a user the file lists but who made nothing in it (QualCoder's 'default')
        if user.guid in ours:
            our_id, our_name = ours[user.guid]
            out.append(CoderMatch(user.guid, user.name, our_id, our_name, "same person"))
        elif user.name in names and (fresh or names[user.name] not in working):
            # their program writes new GUIDs on every export, or ours is the person who just opened the project
            out.append(CoderMatch(user.guid, user.name, names[user.name], user.name, "same name",
                                  adopt_guid=not fresh and names[user.name] > 0))
        elif user.name in names:  # someone else by the same name: kept apart, under a name that says whose
            base, n = f"{user.name} ({label})", 2
            name = base
            while name in names:
                name, n = f"{base} {n}", n + 1
            names[name] = -1
            out.append(CoderMatch(user.guid, user.name, None, name, "added under another name"))
        else:
            names[user.name] = -1
            out.append(CoderMatch(user.guid, user.name, None, user.name, "added"))
    return out


def _codes(book: Codebook, model: QdaProject):
    by_guid = {c.guid.lower().strip("{}"): c for c in book.codes.values()}
    paths = {code.guid: PATH_SEPARATOR.join(names) for names, code in model.all_codes()}
    parents = {child.guid: code.guid for _names, code in model.all_codes() for child in code.children}
    matches: dict[str, int] = {}
    added, change_list = [], []
    for names, code in model.all_codes():  # parents before their subcodes
        path = PATH_SEPARATOR.join(names)
        existing = by_guid.get(code.guid)
        if existing is None:
            existing = book.by_path(path)
            if existing is not None:
                matches[code.guid] = existing.id  # the same path: the same code, as they named it
            else:
                added.append((path, code))
            continue
        matches[code.guid] = existing.id
        ours = book.path(existing.id)
        if existing.name != code.name:
            change_list.append(CodeChange(existing.id, "rename", ours, code.name, code.name))
        if code.colour and code.colour.upper() != existing.colour.upper():
            change_list.append(CodeChange(existing.id, "recolour", f"{ours} {existing.colour.upper()}",
                                          code.colour.upper(), code.colour.upper()))
        if code.description and code.description != existing.description:
            change_list.append(CodeChange(existing.id, "describe", f"{ours} (definition)", "their definition",
                                          code.description))
        parent = parents.get(code.guid)
        where = matches.get(parent, "new") if parent else None  # their parent's code here
        if where != existing.parent_id:
            change_list.append(CodeChange(existing.id, "move", ours, f"under {paths[parent]}" if parent else
                                          "to the top level", parent))
    return matches, added, change_list


def _documents(db, model: QdaProject) -> list[DocumentMatch]:
    ours = {r["id"]: r for r in _our_documents(db)}
    by_guid = {r["guid"].lower(): r for r in ours.values()}
    theirs = {s.guid for s in model.sources}
    used: set[int] = set()
    out = []
    for source in model.sources:
        found = by_guid.get(source.guid)
        match = None
        if found is not None:
            match = _compare(source, found, "same document")
        else:
            digest = text_hash(source.text)
            same = next((r for r in ours.values() if r["text_hash"] == digest and r["id"] not in used), None)
            if same is not None:
                match = DocumentMatch(source, same["id"], same["name"], "same text")
            else:
                candidates = [r for r in ours.values() if r["id"] not in used and r["guid"].lower() not in theirs
                              and (r["name"] == source.name or lines_overlap(r["text"], source.text) >= 0.6)]
                for candidate in candidates:
                    near = _compare(source, candidate, "near-identical")
                    if near.similarity >= NEAR:
                        match = near
                        break
        if match is None:
            match = DocumentMatch(source, None, None, "new")
        if match.our_id is not None:
            used.add(match.our_id)
        out.append(match)
    return out


def _compare(source: QdaSource, ours: dict, how: str) -> DocumentMatch:
    if source.text == ours["text"]:
        return DocumentMatch(source, ours["id"], ours["name"], how)
    edits = diff_edits(source.text, ours["text"])
    alike = similarity(source.text, ours["text"], edits)
    return DocumentMatch(source, ours["id"], ours["name"], "near-identical", edits, alike, align=alike >= NEAR - 0.1,
                         changes=changes(source.text, edits))


def _our_documents(db) -> list[dict]:
    return [dict(zip(("id", "guid", "name", "text_hash", "text"), r))
            for r in db.execute("SELECT id, guid, name, text_hash, text FROM documents ORDER BY id")]


def plan(db, book: Codebook, model: QdaProject, label: str) -> MergePlan:
    """Nothing is written: the plan says what applying it would do."""
    matches, added, code_changes = _codes(book, model)
    empty = db.execute("SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM codes)").fetchone()[0] == 0
    result = MergePlan(label, model, _coders(db, model, label), _documents(db, model), matches, added, code_changes,
                       take_name=empty)
    return result


def summary(expected: dict[str, int]) -> str:
    """What an import or merge adds: '1 document, 279 codings, 1 coder', or 'nothing new'."""
    nouns = (("documents", "document"), ("codes", "code"), ("codings", "coding"), ("memos", "memo"),
             ("participants", "participant"), ("coders", "coder"))
    return ", ".join(counted(expected[key], noun) for key, noun in nouns if expected.get(key)) or "nothing new"


def matched(expected: dict[str, int]) -> str:
    """Their documents already here: '8 of their documents are here already (1 near-identical: ...)'."""
    here = expected.get("matched", 0) + expected.get("aligned", 0)
    if not here:
        return ""
    near = f" ({expected['aligned']} near-identical: their codings aligned onto ours)" if expected.get("aligned") \
        else ""
    return f"{counted(here, 'of their documents', 'of their documents')} {'is' if here == 1 else 'are'} here " \
           f"already{near}."
