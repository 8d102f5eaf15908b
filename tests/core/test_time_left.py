from hypothesis import given
from hypothesis import strategies as st

from annotator.core.time_left import time_left


def test_nothing_is_said_until_the_estimate_has_settled():
    assert time_left(0, 100, 50.0) == ""
    assert time_left(2, 100, 1.0) == ""  # two steps in a second: too early to say
    assert time_left(100, 100, 60.0) == ""  # finished


def test_the_estimate_is_rounded_to_what_a_person_reads():
    assert time_left(50, 100, 5.0) == "a few seconds left"
    assert time_left(10, 100, 4.0) == "about 40 seconds left"  # 36 s
    assert time_left(10, 100, 50.0) == "about 8 minutes left"  # 450 s
    assert time_left(1, 3, 60.0) == "about 2 minutes left"
    assert time_left(1, 2, 60.0) == "about 60 seconds left"
    assert time_left(1, 500, 30.0) == "about 4 hours left"


@given(st.integers(0, 10_000), st.integers(1, 10_000), st.floats(0, 1e6))
def test_any_progress_gives_a_short_phrase_or_nothing(done, total, elapsed):
    said = time_left(done, total, elapsed)
    assert said == "" or (said.endswith(" left") and len(said) < 30)
