"""The words around a mention: the short stretch either side for a list, the whole sentence (with its neighbours
on the line when it is short) for reading, cut at a word when a line never ends."""

from annotator.deid.mention_context import MAX_SIDE, context_of

TEXT = ("Interviewer: Okay.\n"
        "Participant: Yeah. I went to Esquimalt. It was fine. Then we drove up to see my cousin Kevin and his wife, "
        "who lives out past the old mill where they used to work.\n")


def around(word, text=TEXT):
    at = text.index(word)
    return context_of(text, at, at + len(word))


def test_a_short_sentence_is_read_with_its_neighbours_on_the_line():
    c = around("Esquimalt")
    assert c.sentence_before == "Participant: Yeah. I went to "
    assert c.sentence_after.startswith(". It was fine. Then we drove") and c.sentence_after.endswith("work.")


def test_a_long_sentence_is_read_alone():
    c = around("Kevin")
    assert c.sentence_before == "Then we drove up to see my cousin "
    assert c.sentence_after == " and his wife, who lives out past the old mill where they used to work."


def test_a_speaker_label_and_the_short_stretch_either_side():
    c = around("Interviewer")
    assert (c.sentence_before, c.sentence_after) == ("", ": Okay.")
    k = around("Kevin")
    assert k.before.endswith("see my cousin") and k.after.startswith("and his wife")
    assert len(k.before) <= 60 and "\n" not in k.before


def test_a_line_without_full_stops_is_cut_at_a_word():
    text = " ".join(["word"] * 400) + " Mildura " + " ".join(["word"] * 400)
    c = around("Mildura", text)
    assert c.sentence_before.startswith("…") and c.sentence_after.endswith("…")
    assert len(c.sentence_before) <= MAX_SIDE + 1 and len(c.sentence_after) <= MAX_SIDE + 1
    assert c.sentence_before[1:].startswith("word") and c.sentence_after[:-1].endswith("word")
