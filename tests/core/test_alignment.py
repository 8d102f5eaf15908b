"""The edits between two versions of a transcript: exact (applied to the old text they give the new one), confined
to the words that changed, and usable by the one remap so codings stay on their words."""

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.alignment import changes, diff_edits, lines_overlap, similarity

OLD = "Interviewer: How was the intervew?\nDana: Long. The van runs were the best part.\nInterviewer: Thanks."


def test_a_one_letter_fix_is_one_edit_on_its_word_and_codings_around_it_keep_their_words():
    new = OLD.replace("intervew", "interview")
    edits = diff_edits(OLD, new)
    assert [(e.start, e.end, e.replacement) for e in edits.edits] == [(25, 33, "interview")]
    start = OLD.index("The van runs")
    moved = edits.remap_span(start, start + len("The van runs"))
    assert new[moved[0]:moved[1]] == "The van runs"
    [change] = changes(OLD, edits, context=10)
    assert (change.old_text, change.new_text, change.before) == ("intervew", "interview", "w was the ")
    assert 0.9 < similarity(OLD, new, edits) < 1


def test_a_coding_on_deleted_words_is_gone_and_one_over_an_edit_takes_the_new_words():
    new = OLD.replace(" Long.", "")
    edits = diff_edits(OLD, new)
    start = OLD.index("Long")
    assert edits.remap_span(start, start + 4) is None
    moved = edits.remap_span(OLD.index("Dana"), OLD.index(" The van"))
    assert new[moved[0]:moved[1]] == "Dana:"


words = st.lists(st.sampled_from(["the", "van", "runs", "😅", "Dana:", "\n", " ", ",", "peer", "work", "é"]),
                 max_size=40).map("".join)


@given(words, words)
def test_the_edits_turn_the_old_text_into_the_new(old, new):
    edits = diff_edits(old, new)
    assert edits.apply(old) == new
    assert 0.0 <= similarity(old, new, edits) <= 1.0


@given(words, st.integers(0, 40), st.integers(0, 40), st.sampled_from(["x", "", "new words "]))
def test_a_span_away_from_the_change_keeps_its_exact_words(old, at, length, replacement):
    at = min(at, len(old))
    new = old[:at] + replacement + old[at:]
    edits = diff_edits(old, new)
    start, end = at + 1, min(len(old), at + 1 + length)  # strictly after the change
    if start < end and not any(e.start < end and e.end > start for e in edits.edits):
        moved = edits.remap_span(start, end)
        assert new[moved[0]:moved[1]] == old[start:end]


def test_line_overlap_tells_versions_of_one_transcript_from_others():
    assert lines_overlap(OLD, OLD.replace("intervew", "interview")) > 0.6
    assert lines_overlap(OLD, "Something else entirely.\nAnd more.") == 0
