"""Agreement statistics against hand-computed cases and published worked examples."""

import pytest

from annotator.analysis.agreement import (
    PairAgreement,
    alpha_from_pair,
    cohen_kappa,
    coverage,
    disagreements,
    krippendorff_alpha_nominal,
    pair_agreement,
)


def test_cohen_kappa_worked_example():
    # 50 proposals read by two editors: 20 yes/yes, 15 no/no, 5 A-yes/B-no, 10 A-no/B-yes (the standard textbook
    # example): observed .70, expected .50, kappa .40.
    assert cohen_kappa([[20, 5], [10, 15]]) == pytest.approx(0.4)
    table = PairAgreement(both=20, only_a=5, only_b=10, neither=15)
    assert table.kappa == pytest.approx(0.4) and table.percent == pytest.approx(70.0)


def test_krippendorff_alpha_published_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers, 12 units, values 1-5 with
    # missing data; nominal alpha = 0.743.
    a = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
    b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
    c = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
    d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
    assert krippendorff_alpha_nominal(list(zip(a, b, c, d))) == pytest.approx(0.743, abs=0.001)


def test_character_level_tables_by_hand():
    text_length = 20
    a = coverage([(0, 10)], text_length)  # coder A coded characters 0-9
    b = coverage([(5, 15)], text_length)  # coder B coded 5-14
    table = pair_agreement(a, b)
    assert (table.both, table.only_a, table.only_b, table.neither) == (5, 5, 5, 5)
    assert table.percent == 50.0 and table.kappa == pytest.approx(0.0)
    assert disagreements(a, b) == [(0, 5, "A"), (10, 15, "B")]
    same = pair_agreement(a, a)
    assert same.kappa == 1.0 and same.percent == 100.0 and alpha_from_pair(same) == 1.0
    nothing = pair_agreement(coverage([], 8), coverage([], 8))
    assert nothing.kappa == 1.0 and nothing.percent == 100.0
    # alpha from the 2x2 equals alpha from the per-character units
    units = [(x, y) for x, y in zip(a, b)]
    assert alpha_from_pair(table) == pytest.approx(krippendorff_alpha_nominal(units))


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from annotator.analysis.agreement import (  # noqa: E402
    coverage,
    disagreement_runs,
    disagreements,
    pair_agreement,
    pair_from_ranges,
    unit_counts,
    units_from_ranges,
)

RANGES = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda t: (min(t), max(t))), max_size=6)


@settings(max_examples=200)
@given(st.integers(0, 50), st.lists(RANGES, min_size=2, max_size=3))
def test_ranges_give_the_same_tables_as_characters(length, coders):
    marks = [coverage(r, length) for r in coders]
    assert pair_from_ranges(coders[0], coders[1], length) == pair_agreement(marks[0], marks[1])
    expected = {k: v for k, v in unit_counts(marks).items() if v}
    assert {k: v for k, v in units_from_ranges(coders, length).items() if v} == expected
    assert disagreement_runs(coders[0], coders[1], length) == disagreements(marks[0], marks[1])
