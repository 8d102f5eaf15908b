"""Code co-occurrence checked by hand on builders.worked_example (codes not rolled up), and on any coding: n12 is
the passage count of '"A" AND "B"' in passages mode, at most min(n1, n2), so c stays within 0..1 (hypothesis)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.analysis.cooccurrence import cooccurrence
from annotator.analysis.matrix import code_rows
from annotator.analysis.query import compile_query, run_query
from tests.analysis.builders import ID, Builder, worked_example

CODES = ["Stipend", "Gift cards", "Pay", "Stigma", "Empty"]


@pytest.fixture(scope="module")
def data():
    return worked_example()[0].data()


def rows(data, subcodes=False):
    return code_rows(data, [ID[c] for c in CODES], subcodes=subcodes)


def test_overlapping_text(data):
    table = cooccurrence(data, rows(data))
    assert table.frequencies == [2, 4, 1, 4, 0]
    counts = {(CODES[i], CODES[j]): n for i, j, n, _c in table.pairs()}
    # Gift cards [25, 40) meets Stigma's [20, 28) and [35, 55): one joined stretch, [20, 55).
    assert counts == {("Stipend", "Gift cards"): 1, ("Stipend", "Stigma"): 1, ("Gift cards", "Stigma"): 1,
                      ("Pay", "Stigma"): 1}  # Pay [50, 60) and Stigma [60, 70) only touch
    assert [(p.start, p.end) for p in table.passages(1, 3)] == [(20, 55)]
    assert table.coefficient(0, 1) == pytest.approx(1 / (2 + 4 - 1))
    assert table.coefficient(1, 3) == pytest.approx(1 / 7) and table.coefficient(2, 3) == pytest.approx(0.25)
    assert table.count(1, 1) == 4 and table.coefficient(4, 4) == 0.0 and table.count(4, 0) == 0


def test_same_turn(data):
    table = cooccurrence(data, rows(data), relation="turn")
    # A and C have no turns: each is one paragraph. B: turn 2 holds Stipend and Gift cards, turn 4 Stigma and Gift.
    assert table.frequencies == [2, 4, 1, 2, 0]
    assert table.count(0, 1) == 2 and table.coefficient(0, 1) == pytest.approx(0.5)
    assert table.count(0, 3) == 1 and table.coefficient(0, 3) == pytest.approx(1 / 3)
    assert table.count(1, 3) == 2 and table.count(2, 3) == 1 and table.coefficient(2, 3) == pytest.approx(0.5)
    text = data.text(2)
    assert [text[p.start:p.end] for p in table.passages(3, 1) if p.document_id == 2] == [
        "The title stings.\nThe gift card was late."]


def test_rolled_up_a_theme_co_occurs_with_what_its_subcodes_do(data):
    table = cooccurrence(data, code_rows(data, [ID["Pay"], ID["Stigma"]]))
    assert table.frequencies == [6, 4]  # Pay: A [10, 40), [50, 60); B its stipend and two gift cards; C
    assert table.count(0, 1) == 1  # A [10, 60) joined


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CODES[:4]), st.integers(0, 60), st.integers(1, 25)), max_size=16))
def test_n12_is_the_passages_mode_and_count(items):
    builder = Builder()
    doc = builder.document("x" * 90, participant=1)
    for name, start, size in items:
        builder.code(doc, name, start, start + size)
    data = builder.data()
    table = cooccurrence(data, rows(data))
    for i in range(4):
        for j in range(4):
            if i != j:
                query = compile_query(f'"{CODES[i]}" AND "{CODES[j]}"', data.codebook, include_subcodes=False)
                assert table.count(i, j) == len(run_query(query, data, mode="passages").passages)
                assert table.count(i, j) <= min(table.frequencies[i], table.frequencies[j])
                assert 0.0 <= table.coefficient(i, j) <= 1.0
