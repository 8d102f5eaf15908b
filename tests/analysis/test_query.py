"""Coding queries checked against passages worked out by hand (see builders.worked_example), and the laws AND,
OR and NOT must keep on any coding (hypothesis)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.analysis.model import Scope
from annotator.analysis.query import compile_query, run_query
from annotator.analysis.query_parser import QueryError
from annotator.core.codebook import Code, Codebook
from annotator.core.ids import CodeId
from tests.analysis.builders import ID, Builder, transcript, worked_example


@pytest.fixture(scope="module")
def example():
    builder, docs = worked_example()
    return builder.data(), docs


def spans(data, expression, document=None, mode="overlap", scope=Scope(), subcodes=True):
    result = run_query(compile_query(expression, data.codebook, include_subcodes=subcodes), data, scope, mode)
    return [(p.start, p.end) for p in result.passages if document is None or p.document_id == document]


def test_a_code_with_its_subcodes_is_its_codings_joined_where_they_overlap(example):
    data, docs = example
    assert spans(data, '"Pay"', docs["A"]) == [(10, 40), (50, 60)]
    assert spans(data, '"Pay"', docs["A"], subcodes=False) == [(50, 60)]
    assert spans(data, '"Pay > Stipend"', docs["A"]) == [(10, 30)]  # a path names the same code
    assert spans(data, '"Stigma"', docs["A"]) == [(20, 28), (35, 55), (60, 70)]


def test_and_in_overlap_mode_keeps_the_shared_characters_and_touching_passages_do_not_meet(example):
    data, docs = example
    # [50, 60) and Stigma's [60, 70) touch at 60 and share no character.
    assert spans(data, '"Pay" AND "Stigma"', docs["A"]) == [(20, 28), (35, 40), (50, 55)]
    assert spans(data, '"Pay" AND "Stigma"', docs["A"], subcodes=False) == [(50, 55)]
    result = run_query(compile_query('"Pay" AND "Stigma"', data.codebook), data)
    # each passage lists the query's codes applied on it: [20, 28) lies under Stipend, Gift cards (from 25), Stigma
    assert [(p.code_ids, p.participant_id) for p in result.passages[:3]] == [
        ({ID["Stipend"], ID["Gift cards"], ID["Stigma"]}, 1), ({ID["Gift cards"], ID["Stigma"]}, 1),
        ({ID["Pay"], ID["Stigma"]}, 1)]


def test_and_in_passages_mode_keeps_whole_passages_of_both_joined(example):
    data, docs = example
    # Pay [10, 40) and [50, 60) both meet Stigma; Stigma's [20, 28) and [35, 55) meet Pay, [60, 70) only touches.
    assert spans(data, '"Pay" AND "Stigma"', docs["A"], mode="passages") == [(10, 60)]
    assert spans(data, '"Gift cards" AND "Stigma"', docs["A"], mode="passages") == [(20, 55)]


def test_not_subtracts_and_not_against_an_empty_code_changes_nothing(example):
    data, docs = example
    assert spans(data, '"Pay" AND NOT "Stigma"', docs["A"]) == [(10, 20), (28, 35), (55, 60)]
    assert spans(data, '"Pay" AND NOT "Stigma"', docs["A"], mode="passages") == []
    assert spans(data, '"Pay" AND NOT "Empty"', docs["A"]) == [(10, 40), (50, 60)]
    assert spans(data, '"Empty" AND NOT "Pay"') == [] and spans(data, '"Pay" AND "Empty"') == []
    assert spans(data, 'NOT "Empty"', docs["A"]) == [(0, 100)]
    assert spans(data, 'NOT "Stigma" AND "Pay"', docs["A"]) == [(10, 20), (28, 35), (55, 60)]


def test_or_and_nesting(example):
    data, docs = example
    assert spans(data, '"Pay" OR "Stigma"', docs["A"]) == [(10, 60), (60, 70)]  # touching: two passages
    nested = '("Stipend" OR "Gift cards") AND NOT ("Stigma" OR "Empty")'
    assert spans(data, nested, docs["A"]) == [(10, 20), (28, 35)]
    result = run_query(compile_query(nested, data.codebook), data)
    # A: [10, 20) and [28, 35); B: the stipend, "Gift cards too." and bob's gift card (no Stigma there); C: [0, 5)
    assert (len(result.passages), result.documents, result.participants) == (6, 3, 3)
    assert result.passages[1].code_ids == {ID["Stipend"], ID["Gift cards"]}


def test_scope_by_coder_document_and_participants_turns(example):
    data, docs = example
    ann = Scope(coders=frozenset({"ann"}))
    assert spans(data, '"Stigma"', docs["A"], scope=ann) == [(20, 28)]
    assert spans(data, '"Pay" AND "Stigma"', scope=ann) == [(20, 28)]
    assert spans(data, '"Gift cards"', scope=Scope(document_ids=frozenset({docs["C"]}))) == [(0, 5)]
    text = data.text(docs["B"])
    speech_only = spans(data, 'NOT "Stigma"', docs["B"], scope=Scope(participant_turns_only=True))
    assert [text[s:e] for s, e in speech_only] == ["The stipend is cash. Gift cards too.", "\nThe gift card was late."]
    stigma = text.index("The title stings.")
    assert spans(data, '"Stigma"', scope=Scope(participant_ids=frozenset({2}))) == [(stigma, stigma + 17)]


def test_near_same_turn_or_within_paragraphs(example):
    data, docs = example
    text = data.text(docs["B"])

    def words(expression):
        return [text[s:e] for s, e in spans(data, expression, docs["B"])]
    assert words('"Stipend" NEAR "Stigma"') == []  # different turns
    assert words('"Stipend" NEAR/2 "Stigma"') == ["The stipend is cash.", "The title stings."]  # paragraphs 2 and 4
    assert words('"Stipend" NEAR/1 "Stigma"') == []
    assert words('"Stigma" NEAR "Gift cards"') == ["The title stings.", "The gift card was late."]


def test_followed_by_in_the_same_turn_or_within_paragraphs(example):
    data, docs = example
    text = data.text(docs["B"])

    def words(expression):
        return [text[s:e] for s, e in spans(data, expression, docs["B"])]
    assert words('"Stipend" FOLLOWED BY "Gift cards"') == ["The stipend is cash.", "Gift cards too."]
    assert words('"Gift cards" FOLLOWED BY "Stipend"') == []
    assert words('"Gift cards" FOLLOWED BY/1 "Stigma"') == []
    assert words('"Gift cards" FOLLOWED BY/2 "Stigma"') == ["Gift cards too.", "The title stings."]


def test_text_terms_search_words_phrases_and_prefixes(example):
    data, docs = example
    text = data.text(docs["B"])
    assert [text[s:e] for s, e in spans(data, 'TEXT "gift card"', docs["B"])] == ["gift card"]
    assert [text[s:e] for s, e in spans(data, 'TEXT "gift card*"', docs["B"])] == ["Gift cards", "gift card"]
    assert [text[s:e] for s, e in spans(data, 'TEXT "title" AND "Stigma"', docs["B"])] == ["title"]


@pytest.mark.parametrize(("expression", "message", "position"), [
    ('"Stigmaa"', 'There is no code "Stigmaa"; did you mean "Stigma"?', 0),
    ('"Pay" AND "Nope"', 'There is no code "Nope"', 10),
])
def test_unknown_codes_are_named_with_their_position(example, expression, message, position):
    data, _ = example
    with pytest.raises(QueryError, match=message) as error:
        compile_query(expression, data.codebook)
    assert error.value.position == position


def test_a_name_used_twice_in_the_tree_asks_for_its_path():
    book = Codebook.from_codes([Code(CodeId(1), "a", "Pay"), Code(CodeId(2), "b", "Other", CodeId(1)),
                                Code(CodeId(3), "c", "Stigma"), Code(CodeId(4), "d", "Other", CodeId(3))])
    with pytest.raises(QueryError, match='Several codes are called "Other"; write the path'):
        compile_query('"Other"', book)
    assert compile_query('"Stigma > Other"', book).code_ids == {4}
    assert compile_query('"Stigma"', book).code_ids == {3, 4}
    assert compile_query('"Stigma"', book, include_subcodes=False).code_ids == {3}


# ------------------------------------------------------------------------------------------ properties (hypothesis)

codings = st.lists(st.tuples(st.sampled_from(["Stipend", "Gift cards", "Pay", "Stigma"]),
                             st.integers(0, 60), st.integers(1, 25), st.sampled_from(["ann", "bob"])), max_size=14)


def random_data(items):
    builder = Builder()
    doc = builder.document("x" * 90, participant=1)
    for name, start, size, coder in items:
        builder.code(doc, name, start, start + size, coder)
    return builder.data()


def coded(data, expression):
    return run_query(compile_query(expression, data.codebook), data).characters


@settings(max_examples=150, deadline=None)
@given(codings)
def test_and_is_symmetric_in_both_modes(items):
    data = random_data(items)
    for mode in ("overlap", "passages"):
        assert spans(data, '"Pay" AND "Stigma"', mode=mode) == spans(data, '"Stigma" AND "Pay"', mode=mode)


@settings(max_examples=150, deadline=None)
@given(codings)
def test_a_is_a_and_b_plus_a_and_not_b_in_coded_characters(items):
    data = random_data(items)
    for a, b in (("Pay", "Stigma"), ("Stipend", "Gift cards"), ("Stigma", "Empty")):
        total = coded(data, f'"{a}"')
        assert total == coded(data, f'"{a}" AND "{b}"') + coded(data, f'"{a}" AND NOT "{b}"')
        # passages mode: each passage of A either meets B or does not
        met = run_query(compile_query(f'"{a}" AND NOT "{b}"', data.codebook), data, mode="passages").passages
        assert len(spans(data, f'"{a}"')) == len(met) + sum(
            1 for s, e in spans(data, f'"{a}"') if any(s < e2 and s2 < e for s2, e2 in spans(data, f'"{b}"')))


@settings(max_examples=100, deadline=None)
@given(codings)
def test_or_covers_exactly_the_characters_of_either(items):
    data = random_data(items)
    either = coded(data, '"Stipend" OR "Stigma"')
    assert either == coded(data, '"Stipend"') + coded(data, '"Stigma"') - coded(data, '"Stipend" AND "Stigma"')
    assert coded(data, 'NOT "Stigma"') == 90 - coded(data, '"Stigma"')


def test_participants_turns_in_a_document_whose_speakers_are_not_mapped_yet():
    builder = Builder()
    text, turns = transcript([("Interviewer", "Pay?"), ("JEN", "A stipend."), ("I", "More?"), ("JEN", "Cards.")])
    doc = builder.document(text, participant=1, turns=turns)  # no speaker mapped: every label but the interviewer's
    data = builder.data()
    speech = spans(data, 'NOT "Empty"', doc, scope=Scope(participant_turns_only=True))
    assert [text[s:e] for s, e in speech] == ["A stipend.", "Cards."]
