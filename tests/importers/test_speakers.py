"""Speaker-turn detection, one test per convention transcripts really use."""

from annotator.core.transcript import canonical_text
from annotator.importers.speakers import detect_turns, parse_timestamp


def turns_of(raw):
    text = canonical_text(raw)
    return text, [(t.speaker, text[t.start:t.end], text[t.text_start:t.end], t.timestamp_ms) for t in detect_turns(text)]


def test_interviewer_participant_with_header_and_multi_paragraph_turn():
    text, turns = turns_of(
        "Interview 3\nDate: 14 March 2018\n\nInterviewer: So tell me.\n\n"
        "Participant: Well, I started.\n\nAnd it wrapped over a second paragraph.\n\nInterviewer: Okay."
    )
    assert [t[0] for t in turns] == ["Interviewer", "Participant", "Interviewer"]
    assert turns[1][1] == "Participant: Well, I started.\n\nAnd it wrapped over a second paragraph."
    assert turns[1][2] == "Well, I started.\n\nAnd it wrapped over a second paragraph."
    assert not text[: text.index("Interviewer:")].strip().endswith(":")  # the header belongs to no turn


def test_short_role_labels_and_participant_numbers():
    _, turns = turns_of("I: Hi there\nR: Hello\nI: And?\nP07: Me too.\nQ: Next\nA: Yes")
    assert [t[0] for t in turns] == ["I", "R", "I", "P07", "Q", "A"]
    assert turns[3][2] == "Me too."


def test_upper_case_names_including_a_speaker_who_talks_once():
    _, turns = turns_of("DANA: So I went there.\n\nIt was hard.\n\nMARK: Why?\n\nDANA: Because.")
    assert [(t[0], t[2]) for t in turns] == [("DANA", "So I went there.\n\nIt was hard."), ("MARK", "Why?"),
                                             ("DANA", "Because.")]


def test_timestamp_then_name():
    _, turns = turns_of("[00:03:12] DANA: text here\n00:03:20 Interviewer: more\n[1:02:03.5] DANA: later")
    assert [(t[0], t[2], t[3]) for t in turns] == [("DANA", "text here", 192000), ("Interviewer", "more", 200000),
                                                   ("DANA", "later", 3723500)]


def test_name_then_timestamp_with_speech_on_the_same_or_next_line():
    _, turns = turns_of("Dana (00:03:12): hi\nMark Jones [00:04:00]:\nsecond line")
    assert [(t[0], t[2], t[3]) for t in turns] == [("Dana", "hi", 192000), ("Mark Jones", "second line", 240000)]


def test_otter_style_name_and_time_alone_on_a_line():
    _, turns = turns_of("Dana Smith  0:03\nHello there\n\nMark Jones  1:05\nHi")
    assert [(t[0], t[2], t[3]) for t in turns] == [("Dana Smith", "Hello there", 3000), ("Mark Jones", "Hi", 65000)]


def test_capitalised_names_used_more_than_once():
    _, turns = turns_of("Dana Smith: hi\nSarah: hello\nDana Smith: how are you\nSarah: fine")
    assert [t[0] for t in turns] == ["Dana Smith", "Sarah", "Dana Smith", "Sarah"]


def test_speech_that_merely_contains_a_colon_is_not_a_turn():
    _, turns = turns_of("And then he told me: go away.\nWhat did you say?\nNote: this was loud.\nNote: again.")
    assert turns == []


def test_header_fields_are_not_speakers():
    _, turns = turns_of("Date: 2018\nLocation: Surrey\nInterviewer: Hello\nR: Hi\nDate: again")
    assert [t[0] for t in turns] == ["Interviewer", "R"]


def test_parse_timestamp():
    assert parse_timestamp("03:12") == 192000
    assert parse_timestamp("1:00:00,250") == 3600250


def test_pseudonymised_labels_are_speakers():
    _, turns = turns_of("Interviewer: Hello\n\n[Participant 3]: Hi there.\n\nInterviewer: And?\n\n[Participant 3]: Yes.")
    assert [t[0] for t in turns] == ["Interviewer", "[Participant 3]", "Interviewer", "[Participant 3]"]
