"""Matrices checked against counts worked out by hand on builders.worked_example (participant 1 female, 2 male,
3 with no gender recorded), and totals that equal each code's own counts on any coding (hypothesis)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.analysis import matrix
from annotator.analysis.model import Scope
from annotator.analysis.participant_table import parse_bins
from tests.analysis.builders import ID, Builder, worked_example

ROWS = ["Pay", "Pay > Stipend", "Pay > Gift cards", "Stigma", "Empty"]


@pytest.fixture(scope="module")
def data():
    builder, _docs = worked_example()
    builder.attribute("gender", "category", {1: "female", 2: "male"}, ("female", "male"))
    builder.attribute("age", "number", {1: "44", 2: "31", 3: "58"})
    return builder.data()


def table(m, measure="passages", percentage=None):
    return {m.rows[r].label: [m.value(r, c, measure, percentage) for c in range(len(m.columns))]
            for r in range(len(m.rows))}


def test_codes_by_gender_count_passages_participants_documents_and_words(data):
    m = matrix.by_attribute(data, matrix.code_rows(data), data.attributes[0])
    assert [c.label for c in m.columns] == ["female", "male", "(not recorded)"]
    assert [r.label for r in m.rows] == ROWS and [r.depth for r in m.rows] == [0, 1, 1, 0, 0]
    assert table(m) == {"Pay": [3, 3, 1], "Pay > Stipend": [1, 1, 0], "Pay > Gift cards": [1, 2, 1],
                        "Stigma": [3, 1, 0], "Empty": [0, 0, 0]}
    assert table(m, "participants")["Pay"] == [1, 1, 1] and table(m, "documents")["Stigma"] == [1, 1, 0]
    # words start every 4 characters in document A: Pay covers [10, 40) and [50, 60), Stigma [20, 28), [35, 55), [60, 70)
    assert m.value(0, 0, "words") == 9 and m.value(3, 0, "words") == 10
    assert [t.count for t in m.row_totals] == [7, 2, 4, 4, 0]
    assert [t.count for t in m.column_totals] == [6, 4, 1] and m.total.count == 11  # every coding once
    assert m.value(0, 0, "passages", "row") == pytest.approx(100 * 3 / 7)
    assert m.value(3, 0, "passages", "column") == pytest.approx(50.0)
    assert m.value(4, 0, "passages", "row") == 0.0  # an empty row divides by nothing
    stigma_female = m.cells[3][0].passages
    assert [(c.start, c.end, c.coder) for c in stigma_female] == [(20, 28, "ann"), (35, 55, "bob"), (60, 70, "bob")]


def test_subcodes_not_rolled_up_and_number_groups(data):
    m = matrix.by_attribute(data, matrix.code_rows(data, subcodes=False), data.attributes[0])
    assert table(m)["Pay"] == [1, 0, 0]
    aged = matrix.by_attribute(data, matrix.code_rows(data, [ID["Pay"]]), data.attributes[1], groups=parse_bins("<45,45+"))
    assert [c.label for c in aged.columns] == ["<45", "45+"] and table(aged) == {"Pay": [6, 1]}


def test_columns_of_participants_documents_and_codes(data):
    people = matrix.by_participant(data, matrix.code_rows(data))
    assert [c.label for c in people.columns] == ["P01", "P02", "P03"]
    assert table(people)["Pay > Gift cards"] == [1, 2, 1]
    docs = matrix.by_document(data, matrix.code_rows(data), Scope(coders=frozenset({"bob"})))
    assert [c.label for c in docs.columns] == ["D1", "D2", "D3"] and table(docs)["Stigma"] == [2, 0, 0]
    # a row's coding is in a code column when they share a character: Stigma [60, 70) only touches Pay [50, 60)
    by_codes = matrix.by_codes(data, matrix.code_rows(data, [ID["Stigma"], ID["Pay"]]),
                               matrix.code_rows(data, [ID["Pay"], ID["Stigma"]]))
    assert table(by_codes) == {"Stigma": [2, 4], "Pay": [7, 3]}


def test_case_overview_is_participants_by_codes(data):
    overview = matrix.case_overview(data, [ID["Pay"], ID["Stigma"]])
    assert [r.label for r in overview.rows] == ["P01", "P02", "P03"]
    assert [c.label for c in overview.columns] == ["Pay", "Stigma"]
    assert table(overview) == {"P01": [3, 3], "P02": [3, 1], "P03": [1, 0]}
    assert [t.count for t in overview.column_totals] == [7, 4]


def test_participants_turns_only_leaves_codings_on_the_interviewer_out():
    builder = Builder()
    text = "Interviewer: the stipend?\nP01: stipend talk\n"
    doc = builder.document(text, 1, [(0, 25, 13, "Interviewer"), (26, 43, 31, "P01")], {"P01": 1})
    builder.code(doc, "Stipend", 17, 24)  # in the question
    builder.code(doc, "Stipend", 31, 38)
    data = builder.data()
    rows = matrix.code_rows(data, [ID["Stipend"]])
    assert table(matrix.by_participant(data, rows)) == {"Pay > Stipend": [2]}
    assert table(matrix.by_participant(data, rows, Scope(participant_turns_only=True))) == {"Pay > Stipend": [1]}


# ------------------------------------------------------------------------------------------ properties (hypothesis)

@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Stipend", "Gift cards", "Pay", "Stigma"]), st.integers(0, 2),
                          st.integers(0, 60), st.integers(1, 30)), max_size=20),
       st.lists(st.sampled_from(["female", "male", None]), min_size=3, max_size=3))
def test_totals_equal_each_codes_own_counts(items, genders):
    builder = Builder()
    docs = [builder.document("w" * 100, participant=p) for p in (1, 2, 3)]
    builder.attribute("gender", "category", {p: g for p, g in zip((1, 2, 3), genders) if g}, ("female", "male"))
    for name, doc, start, size in items:
        builder.code(docs[doc], name, start, start + size)
    data = builder.data()
    m = matrix.by_attribute(data, matrix.code_rows(data), data.attributes[0])
    for r, row in enumerate(m.rows):
        own = [c for c in data.codings if c.code_id in row.members]
        assert m.row_totals[r].count == len(own) == sum(cell.count for cell in m.cells[r])
        assert m.row_totals[r].documents == len({c.document_id for c in own})
        assert m.row_totals[r].participants == len({data.participant_of[c.id] for c in own})
    assert m.total.count == len(data.codings)
    assert sum(t.count for t in m.column_totals) == len(data.codings)  # each coding is in exactly one column
