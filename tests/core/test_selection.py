"""Sentence, paragraph and turn units for keyboard selection, by hand and as properties."""

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.selection import next_sentence_end, paragraph_at, sentence_at, speech_of_turn
from annotator.core.transcript import SpeakerTurn

TEXT = 'JEN: Mostly cash. "Sometimes gift cards!" Never a cheque…\nSecond line, no stop\n\nDana: Yes? Yes.'
TURNS = [SpeakerTurn(0, 79, "JEN", 5), SpeakerTurn(81, len(TEXT), "Dana", 87)]


def cut(span):
    return TEXT[span[0]:span[1]]


def test_sentences_end_at_stops_with_closing_quotes_and_never_take_the_label():
    assert cut(sentence_at(TEXT, 0, TURNS)) == "Mostly cash."  # on the label: the first sentence
    assert cut(sentence_at(TEXT, TEXT.index("cash"), TURNS)) == "Mostly cash."
    assert cut(sentence_at(TEXT, TEXT.index("gift"), TURNS)) == '"Sometimes gift cards!"'
    assert cut(sentence_at(TEXT, TEXT.index("cheque"), TURNS)) == "Never a cheque…"
    assert cut(sentence_at(TEXT, TEXT.index("no stop"), TURNS)) == "Second line, no stop"
    assert cut(sentence_at(TEXT, TEXT.index("Yes."), TURNS)) == "Yes."


def test_growing_a_selection_takes_in_the_next_sentence_across_lines():
    start, end = sentence_at(TEXT, TEXT.index("cheque"), TURNS)
    assert TEXT[start:next_sentence_end(TEXT, end, TURNS)] == "Never a cheque…\nSecond line, no stop"
    assert next_sentence_end(TEXT, len(TEXT), TURNS) == len(TEXT)


def test_paragraphs_and_turns():
    assert cut(paragraph_at(TEXT, TEXT.index("Second"))) == "Second line, no stop"
    assert cut(paragraph_at(TEXT, TEXT.index("\n\n") + 1)) == ""  # a blank line is empty
    assert cut(speech_of_turn(TEXT, TURNS, 2)) == TEXT[5:79].strip()
    assert speech_of_turn(TEXT, [], 2) is None


@given(st.text(alphabet="ab .!?\n\"", max_size=80), st.integers(0, 90))
def test_a_sentence_is_inside_its_line_trimmed_and_holds_the_position(text, offset):
    start, end = sentence_at(text, offset)
    line_start, line_end = paragraph_at(text, offset)
    assert line_start <= start <= end <= line_end
    assert text[start:end] == text[start:end].strip()
    if start < end:
        position = min(max(offset, line_start), line_end - 1)
        assert (start <= position < end) or text[position].isspace()  # it holds the position, or that was a gap


def test_a_selection_inside_words_takes_in_the_whole_words():
    from annotator.core.selection import whole_words

    text = "So it's kind of all over the place. Don't-stop"
    start = text.index("t's") + 1  # from inside "it's"
    assert text.__getitem__(slice(*whole_words(text, start, text.index("of") + 1))) == "it's kind of"
    assert whole_words(text, 0, 2) == (0, 2)  # already whole
    assert text.__getitem__(slice(*whole_words(text, text.index("on"), text.index("on") + 1))) == "Don't-stop"
    assert whole_words(text, 5, 5) == (5, 5)
