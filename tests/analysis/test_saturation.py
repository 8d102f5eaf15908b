"""Saturation by Guest, Namey & Chen (2020), on their worked example and on the edges of the method."""

import pytest

from annotator.analysis.saturation import assess
from annotator.core.errors import AnnotatorError


def interviews(new_per_interview: list[int]):
    """Interviews where interview k applies the codes first seen so far plus `new_per_interview[k]` new ones."""
    out, seen = [], []
    for k, n in enumerate(new_per_interview, 1):
        seen = seen + [f"theme {len(seen) + i:02d}" for i in range(n)]
        out.append((k, f"interview {k}", frozenset(seen)))
    return out


def test_the_worked_example_of_guest_namey_and_chen():
    """The paper's example: a base of four interviews holding 37 unique themes; a run adding four new themes is
    4/37 = 11% new information, not at or below 5%; the run adding one new theme is 1/37 = 3%, and saturation is
    reported as 6+2. (The split of the 37 base themes over interviews 1-4 and of the run between its two interviews
    is ours; the paper's figures that matter are the base, the runs' new themes and the result.) Along the way the
    run 6-7 adds two themes, 5.4%: just above the threshold, so it does not count."""
    result = assess(interviews([20, 9, 5, 3, 3, 1, 1, 0, 0, 0]))
    assert result.base_codes == 37 and [i.cumulative for i in result.interviews][:4] == [20, 29, 34, 37]
    assert [(r.first, r.last, r.new) for r in result.runs[:3]] == [(5, 6, 4), (6, 7, 2), (7, 8, 1)]
    assert [round(100 * r.ratio) for r in result.runs[:3]] == [11, 5, 3]
    assert [r.at_or_below for r in result.runs[:3]] == [False, False, True]
    assert result.reached and result.reached_at == 6 and result.label == "6+2"
    assert (result.run.first, result.run.last) == (7, 8)
    assert [len(i.new) for i in result.interviews] == [20, 9, 5, 3, 3, 1, 1, 0, 0, 0]
    assert result.interviews[-1].cumulative == 42


def test_a_stricter_threshold_or_a_longer_run_reaches_saturation_later_or_not_at_all():
    example = interviews([20, 9, 5, 3, 3, 1, 1, 0, 0, 0])
    assert assess(example, threshold=0.0).label == "7+2"  # 0%: the run 8-9 adds nothing
    assert assess(example, run_length=3).label == "6+3"  # runs 5-7: 5 new (14%), 6-8: 2 (5.4%), 7-9: 1 (2.7%)
    assert assess(example, base_size=6, threshold=0.0).label == "7+2"
    assert assess(interviews([5, 4, 3, 2, 2, 2, 2, 2])).label == "not reached"


def test_an_exact_share_meets_the_threshold():
    # 20 codes in the base: one new code in the run is exactly 5%
    assert assess(interviews([10, 5, 3, 2, 1, 0, 0])).label == "4+2"


def test_too_few_interviews_or_an_empty_base_is_not_reached_with_the_reason():
    short = assess(interviews([3, 2, 1, 0, 0]))
    assert not short.reached and "at least 6 interviews" in short.note and short.runs == ()
    empty = assess(interviews([0, 0, 0, 0, 0, 0]))
    assert empty.label == "not reached" and empty.note == "No codes are applied in the base interviews."
    with pytest.raises(AnnotatorError):
        assess([], base_size=0)
    with pytest.raises(AnnotatorError):
        assess([], threshold=1.5)


def test_codes_first_applied_are_counted_once_however_often_they_recur():
    result = assess([(1, "a", frozenset({"x", "y"})), (2, "b", frozenset({"y"})), (3, "c", frozenset({"z", "x"})),
                     (4, "d", frozenset()), (5, "e", frozenset({"z", "w"})), (6, "f", frozenset({"w"}))],
                    base_size=3, run_length=2, threshold=0.3)
    assert [i.new for i in result.interviews] == [("x", "y"), (), ("z",), (), ("w",), ()]
    assert [i.cumulative for i in result.interviews] == [2, 2, 3, 3, 4, 4]
    assert result.base_codes == 3 and [(r.first, r.new) for r in result.runs] == [(4, 1), (5, 1)]
    assert result.label == "not reached"  # one new code of three in the base is 33%, above 30%
