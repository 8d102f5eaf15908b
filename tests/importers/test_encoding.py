import codecs

import pytest

from annotator.core.errors import ImportFailed
from annotator.importers import read_transcript
from annotator.importers.encoding import decode_text

TEXT = "Interviewer: Tell me about Zoë’s café — the “peer” role.\nParticipant: Oui, très bien."


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-bom"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_transcripts_arrive_in(data, encoding):
    assert decode_text(data) == (TEXT, encoding)


def test_latin1_with_bytes_cp1252_leaves_undefined():
    data = "Zoë said ".encode("latin-1") + b"\x81" + " ok".encode("latin-1")
    text, encoding = decode_text(data)
    assert encoding == "latin-1" and text.startswith("Zoë said")
    transcript = read_transcript("a.txt", data)
    assert transcript.text == "Zoë said  ok"  # the C1 control is dropped from the stored text


def test_crlf_and_cr_line_ends_are_normalised():
    transcript = read_transcript("a.txt", b"I: one\r\n\r\nR: two\rR: three\r\n")
    assert transcript.text == "I: one\n\nR: two\nR: three"
    assert transcript.metadata["encoding"] == "utf-8"


def test_binary_file_named_txt_is_refused():
    with pytest.raises(ImportFailed, match="not a text file"):
        read_transcript("audio.txt", b"ID3\x03\x00\x00\x00\x00\x0fvTIT2" + bytes(range(256)) * 4)


def test_invalid_utf16_after_a_bom_is_refused():
    with pytest.raises(ImportFailed, match="UTF-16-LE byte-order mark but is not valid"):
        read_transcript("a.txt", codecs.BOM_UTF16_LE + b"\x00\xd8\x41")  # lone surrogate, odd length
