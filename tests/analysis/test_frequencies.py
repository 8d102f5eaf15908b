"""Word frequencies (exact and stemmed), the Porter stemmer on the paper's own examples, stop words, and keyword in
context."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.analysis.frequencies import count_words, frequencies, keyword_in_context
from annotator.analysis.model import WORD
from annotator.analysis.stemmer import stem
from annotator.analysis.stopwords import DEFAULT_STOP_WORDS, clean_stop_words


@pytest.mark.parametrize(("word", "expected"), [
    ("caresses", "caress"), ("ponies", "poni"), ("ties", "ti"), ("caress", "caress"), ("cats", "cat"),
    ("feed", "feed"), ("agreed", "agre"), ("plastered", "plaster"), ("bled", "bled"), ("motoring", "motor"),
    ("sing", "sing"), ("conflated", "conflat"), ("troubled", "troubl"), ("sized", "size"), ("hopping", "hop"),
    ("tanned", "tan"), ("falling", "fall"), ("hissing", "hiss"), ("fizzed", "fizz"), ("failing", "fail"),
    ("filing", "file"), ("happy", "happi"), ("sky", "sky"), ("relational", "relat"), ("conditional", "condit"),
    ("rational", "ration"), ("generalizations", "gener"), ("oscillators", "oscil"), ("hopeful", "hope"),
    ("goodness", "good"), ("replacement", "replac"), ("adoption", "adopt"), ("controlling", "control"),
    ("training", "train"), ("trained", "train"), ("stipends", "stipend"), ("is", "is"),
])
def test_porter_stems(word, expected):
    assert stem(word) == expected


def test_exact_counts_leave_out_stop_words_numbers_and_short_words():
    counts = count_words("The stipend, the STIPEND and 24 stipends. Don't, don't! Peer peers peer's ok")
    assert counts["stipend"] == 2 and counts["don't"] == 2 and counts["24"] == 1 and counts["peer's"] == 1
    result = frequencies(counts, DEFAULT_STOP_WORDS)
    assert [(w.word, w.count) for w in result.words] == [("stipend", 2), ("peer", 1), ("peer's", 1), ("peers", 1),
                                                         ("stipends", 1)]
    assert (result.total_words, result.counted_words) == (13, 6)
    assert result.words[0].share == pytest.approx(100 * 2 / 6)


def test_stemmed_counts_group_forms_under_the_most_frequent():
    counts = Counter({"training": 5, "trained": 2, "train": 1, "trains": 1, "stipend": 3, "stipends": 4})
    result = frequencies(counts, stemmed=True)
    assert [(w.word, w.count) for w in result.words] == [("training", 9), ("stipends", 7)]
    assert result.words[0].forms == (("training", 5), ("trained", 2), ("train", 1), ("trains", 1))
    assert [w.word for w in frequencies(counts, stemmed=True, top=1).words] == ["training"]


def test_counting_within_spans_only():
    text = "Interviewer: tell me about pay.\nP01: pay is a stipend.\n"
    speech = [(text.index("pay is"), len(text) - 1)]
    assert count_words(text, speech) == Counter({"pay": 1, "is": 1, "a": 1, "stipend": 1})


def test_keyword_in_context_exact_or_by_stem():
    text = "We got a stipend. Stipends are late, and the stipend office is shut."
    lines = keyword_in_context({1: text}, {1: [(0, len(text))]}, "Stipend", width=12)
    assert [(k.keyword, k.before, k.after) for k in lines] == [("stipend", "We got a", ". Stipends"),
                                                                ("stipend", "and the", "office is")]
    assert [text[k.start:k.end] for k in lines] == ["stipend", "stipend"]
    assert [k.keyword for k in keyword_in_context({1: text}, {1: [(0, len(text))]}, "stipends", stemmed=True)] == [
        "stipend", "Stipends", "stipend"]
    assert keyword_in_context({1: text}, {1: [(0, 16)]}, "office") == []


def test_a_researchers_stop_word_list_is_cleaned():
    assert clean_stop_words(["Peer, Work", "  um ", "peer", "Don\u2019t"]) == ("don't", "peer", "um", "work")
    assert {"the", "and", "um", "don't", "laughs"} <= DEFAULT_STOP_WORDS


@given(st.text(alphabet=st.sampled_from(list("abcXYZ é’'-_.,\n\t9—ñ")), max_size=60))
def test_fast_counting_finds_the_same_words_as_the_word_pattern(text):
    expected = Counter(w.replace("\u2019", "'") for w in WORD.findall(text.lower()))
    assert count_words(text) == expected
    assert count_words(text, [(0, len(text) // 2), (len(text) // 2, len(text))]) == Counter(
        w.replace("\u2019", "'") for half in (text[:len(text) // 2], text[len(text) // 2:])
        for w in WORD.findall(half.lower()))


def test_bracketed_pseudonyms_and_transcribers_notes_are_not_words():
    from annotator.analysis.frequencies import count_words, keyword_in_context

    text = "I told [Person A] at [Place 2] [laughs] that the person was kind. [inaudible 00:12:03] Person to person."
    counts = count_words(text)
    assert counts["person"] == 3 and "place" not in counts and "laughs" not in counts and "inaudible" not in counts
    lines = keyword_in_context({1: text}, {1: [(0, len(text))]}, "person")
    assert len(lines) == 3 and all(text[line.start - 1] != "[" for line in lines)  # not the one in "[Person A]"
