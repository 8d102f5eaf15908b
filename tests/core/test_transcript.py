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
