from annotator.core.transcript import SpeakerTurn, Transcript, canonical_text


def test_canonical_text_normalises_line_ends_controls_and_blank_lines():
    raw = "\ufeff\r\n\r\nInterviewer: Hi\u00a0there  \r\n\r\n\r\n\r\nR: cafe\u0301\x00\x07 ok\x0bnext\r\n\n"
    assert canonical_text(raw) == "Interviewer: Hi there\n\nR: café ok\nnext"


def test_canonical_text_is_idempotent():
    text = canonical_text("a\r\rb\n\n\n\nc\t \n")
    assert canonical_text(text) == text


def test_transcript_speakers_in_order_of_appearance():
    t = Transcript("x", [SpeakerTurn(0, 1, "I", 0), SpeakerTurn(0, 1, "R", 0), SpeakerTurn(0, 1, "I", 0)])
    assert t.speakers == ["I", "R"]


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from annotator.core.transcript import canonical_edits, remap_through  # noqa: E402


@given(st.text(alphabet="ab \t\r\n\x07\x0b\u00a0\ufeff😀", max_size=60), st.data())
def test_canonical_edits_give_canonical_text_and_keep_ranges_on_their_words(raw, data):
    text, stages = canonical_edits(raw)
    assert text == canonical_text(raw)
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, len(raw)))
    moved = remap_through(stages, start, end)
    if moved is not None:
        assert 0 <= moved[0] < moved[1] <= len(text)
        plain = raw[start:end]
        if plain and all(ch in "ab😀" for ch in plain):  # nothing in it was edited: the same words
            assert text[moved[0]:moved[1]] == plain
