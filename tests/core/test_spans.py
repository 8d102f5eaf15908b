"""The one remap function, checked on examples and as properties over random texts and edits."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.spans import Edit, EditList, remap_span

TEXT = "Jen said Jen's friend Smitty was at Main and Hastings."


def test_replacement_inside_span_keeps_span_on_the_same_words():
    edits = EditList([Edit(0, 3, "[Participant 3]")])
    new_text = edits.apply(TEXT)
    start, end = edits.remap_span(0, 8)  # "Jen said"
    assert new_text[start:end] == "[Participant 3] said"


def test_span_equal_to_replaced_text_covers_the_replacement():
    edits = EditList([Edit(22, 28, "[Person A]")])
    new_text = edits.apply(TEXT)
    start, end = edits.remap_span(22, 28)
    assert new_text[start:end] == "[Person A]"


def test_span_after_edits_shifts_by_total_delta():
    edits = EditList([Edit(0, 3, "[P3]"), Edit(9, 12, "[P3]")])
    new_text = edits.apply(TEXT)
    start, end = edits.remap_span(36, 53)  # "Main and Hastings"
    assert new_text[start:end] == "Main and Hastings"


def test_boundary_inside_edit_snaps_outward():
    edits = EditList([Edit(36, 53, "[Place 1]")])
    new_text = edits.apply(TEXT)
    start, end = edits.remap_span(28, 41)  # " was at Main " ends inside the replaced place
    assert new_text[start:end] == " was at [Place 1]"


def test_deleted_span_disappears_and_insertions_at_boundaries_stay_outside():
    edits = EditList([Edit(4, 9, "")])
    assert edits.remap_span(4, 9) is None
    insert = EditList([Edit(4, 4, "XX"), Edit(8, 8, "YY")])
    new_text = insert.apply(TEXT)
    start, end = insert.remap_span(4, 8)
    assert new_text[start:end] == "said"


def test_overlapping_or_invalid_edits_are_refused():
    with pytest.raises(ValueError):
        EditList([Edit(0, 5, "a"), Edit(3, 8, "b")])
    with pytest.raises(ValueError):
        EditList([Edit(5, 5, "a"), Edit(5, 5, "b")])
    with pytest.raises(ValueError):
        EditList([Edit(5, 2, "a")])
    with pytest.raises(ValueError):
        EditList([Edit(0, 100, "a")]).apply("short")


def test_remap_span_accepts_a_plain_list():
    assert remap_span(5, 9, [Edit(0, 3, "abcdef")]) == (8, 12)


# ------------------------------------------------------------------------------------------------- properties

@st.composite
def text_and_edits(draw):
    text = draw(st.text(alphabet="ab c\n😀é", min_size=0, max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    edits, previous_end = [], -1
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < previous_end or (a == previous_end and a == b):
            continue
        edits.append(Edit(a, b, draw(st.text(alphabet="[]XYZ😀", max_size=8))))
        previous_end = b
    return text, edits


@st.composite
def case(draw):
    text, edits = draw(text_and_edits())
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, edits, start, end


@given(case())
def test_untouched_spans_keep_their_text(data):
    text, edits, start, end = data
    edit_list = EditList(edits)
    new_text = edit_list.apply(text)
    if start == end or any(e.start < end and start < e.end for e in edits) or any(
        e.start == e.end and start < e.start < end for e in edits
    ):
        return
    mapped = edit_list.remap_span(start, end)
    assert mapped is not None
    assert new_text[mapped[0]:mapped[1]] == text[start:end]


@given(case())
def test_remapped_spans_are_in_bounds_and_contain_wholly_covered_replacements(data):
    text, edits, start, end = data
    edit_list = EditList(edits)
    new_text = edit_list.apply(text)
    mapped = edit_list.remap_span(start, end)
    if mapped is None:
        return
    new_start, new_end = mapped
    assert 0 <= new_start < new_end <= len(new_text)
    for e in edits:
        if start <= e.start and e.end <= end and e.start < e.end and e.replacement:
            assert e.replacement in new_text[new_start:new_end]


@given(case(), case())
def test_order_of_span_starts_is_preserved(a, b):
    text, edits, s1, e1 = a
    s2 = min(b[2], len(text))
    edit_list = EditList(edits)
    m1, m2 = edit_list._map_start(s1), edit_list._map_start(s2)
    if s1 <= s2:
        assert m1 <= m2


@given(text_and_edits())
def test_inverse_restores_the_original_text(data):
    text, edits = data
    edit_list = EditList(edits)
    new_text = edit_list.apply(text)
    assert edit_list.inverse(text).apply(new_text) == text


@given(text_and_edits())
def test_no_edits_is_identity(data):
    text, _ = data
    assert EditList([]).remap_span(0, len(text) or 1) == (0, len(text) or 1)
