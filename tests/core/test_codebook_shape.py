"""A code tree read from a file edited or damaged outside Annotator: parents that go round in a circle, or name a
code that is not there, still make a tree (those codes at the top level), and no walk of it goes on forever."""

from annotator.core.codebook import Code, Codebook
from annotator.core.ids import CodeId


def code(n: int, parent: int | None) -> Code:
    return Code(CodeId(n), f"guid-{n}", f"Code {n}", None if parent is None else CodeId(parent), position=n)


def test_a_circle_of_parents_is_cut_and_every_code_kept():
    book = Codebook.from_codes([code(1, None), code(2, 3), code(3, 2), code(4, 4), code(5, 2)])
    assert sorted(book.tree_order()) == [1, 2, 3, 4, 5]
    for c in book.codes:
        assert len(book.ancestors(c)) < 5
        assert c not in book.descendants(c)


def test_a_missing_parent_puts_the_code_at_the_top():
    book = Codebook.from_codes([code(1, None), code(2, 99), code(3, 2)])
    assert book.children(None) == [1, 2] and book.path(CodeId(3)) == "Code 2 > Code 3"
