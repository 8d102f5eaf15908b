from dataclasses import dataclass

from annotator.core.changes import Changes
from annotator.core.commands import CompoundCommand, UndoHistory


@dataclass
class Append:
    value: str
    name: str = "append"

    def apply(self, target):
        target.append(self.value)
        return Pop(self.name), Changes(codes=True)


@dataclass
class Pop:
    name: str = "pop"

    def apply(self, target):
        value = target.pop()
        return Append(value, self.name), Changes(codes=True)


def run_on(target):
    return lambda command: command.apply(target)


def test_undo_and_redo_walk_the_history():
    target, history = [], UndoHistory()
    for value in "abc":
        inverse, _ = Append(value, f"add {value}").apply(target)
        history.record(f"add {value}", inverse)
    assert history.undo_name == "add c"
    assert history.undo(run_on(target)).codes
    assert history.undo(run_on(target))
    assert target == ["a"]
    assert history.redo_name == "add b"
    history.redo(run_on(target))
    assert target == ["a", "b"]
    assert history.undo_name == "add b" and history.redo_name == "add c"


def test_new_action_clears_redo_and_limit_caps_history():
    target, history = [], UndoHistory(limit=2)
    for value in "abc":
        history.record("add", Append(value).apply(target)[0])
    history.undo(run_on(target))
    history.record("add", Append("d").apply(target)[0])
    assert history.redo_name is None
    assert len(history._undo) == 2


def test_compound_command_undoes_as_one():
    target, history = [], UndoHistory()
    compound = CompoundCommand("add two", [Append("x"), Append("y")])
    inverse, changes = compound.apply(target)
    history.record(compound.name, inverse)
    assert target == ["x", "y"] and changes.codes
    history.undo(run_on(target))
    assert target == []
    history.redo(run_on(target))
    assert target == ["x", "y"]


def test_failed_undo_stays_on_the_stack():
    history = UndoHistory()
    history.record("boom", Pop())
    try:
        history.undo(run_on([]))
    except IndexError:
        pass
    assert history.undo_name == "boom"


def test_changes_merge():
    merged = Changes(codes=True, document_ids=frozenset({1})) | Changes(codings=True, document_ids=frozenset({2}))
    assert merged.codes and merged.codings and merged.document_ids == {1, 2}
    assert not Changes()


def test_a_new_code_takes_the_least_used_colour():
    from annotator.core.codebook import PALETTE, Code, Codebook

    book = Codebook()
    for i, colour in enumerate([PALETTE[0], PALETTE[2], PALETTE[0].lower()]):
        book.codes[i + 1] = Code(i + 1, f"g{i}", f"c{i}", None, 0, colour)
    assert book.next_colour() == PALETTE[1]
    for i in range(len(PALETTE)):
        book.codes[10 + i] = Code(10 + i, f"h{i}", f"d{i}", None, 0, book.next_colour())
    assert len({c.colour.upper() for c in book.codes.values()}) == len(PALETTE)
