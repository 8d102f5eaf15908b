"""The sentence a methods section takes from a saturation result: the settings, then where it was reached or why
not, in the paper's own terms."""

from annotator.analysis.saturation import assess, statement
from tests.analysis.test_saturation import interviews

SETTINGS = ("Saturation was assessed by the method of Guest, Namey and Chen (2020): a base of 4 interviews "
            "(37 codes), runs of 2 interviews, and a new-information threshold of 5%.")


def test_reached_names_the_point_and_the_run_that_showed_it():
    result = assess(interviews([20, 9, 5, 3, 3, 1, 1, 0, 0, 0]))
    assert statement(result) == (f"{SETTINGS} Saturation was reached at interview 6 (6+2): interviews 7–8 added "
                                 "1 new code, 2.7% of the base's 37.")


def test_not_reached_and_not_assessable_say_why():
    result = assess(interviews([20, 9, 5, 3, 3, 3, 3, 3]))
    assert statement(result, "themes").endswith("No run of 2 interviews added 5% or less new information, so "
                                                "saturation was not reached in 8 interviews.")
    assert "(37 themes)" in statement(result, "themes")
    short = assess(interviews([3, 1, 1]), base_size=2, run_length=3)
    assert statement(short).endswith("It could not be assessed: the method needs at least 5 interviews (a base of 2 "
                                     "and a run of 3).")
    assert "runs of 3 interviews" in statement(short) and "a base of 2 interviews (4 codes)" in statement(short)
