"""Files that ask for more memory than they are worth are refused before they take it: every reader has the limits
a transcript has (10 million characters, whatever the file asks for). (A FIFO given as a file: tests/cli/test_broken_input.py.)"""

import pytest

from annotator.core.errors import ImportFailed
from annotator.importers import read_transcript
from tests.importers.helpers import make_odt


def test_an_odt_asking_for_a_billion_spaces_is_refused_without_making_them():
    data = make_odt('<text:p>Hello <text:s text:c="1500000000"/> there</text:p>')
    assert len(data) < 1000
    with pytest.raises(ImportFailed, match="over the limit"):
        read_transcript("bomb.odt", data)


def test_many_small_space_runs_add_up_to_the_limit():
    runs = '<text:s text:c="900000"/>' * 12
    with pytest.raises(ImportFailed, match="10,000,000 characters"):
        read_transcript("runs.odt", make_odt(f"<text:p>Hello {runs} there</text:p>"))


@pytest.mark.parametrize("count", ["lots", "-3", "", "1e9"])
def test_a_space_count_that_is_not_a_number_is_one_space(count):
    transcript = read_transcript("odd.odt", make_odt(f'<text:p>Hello<text:s text:c="{count}"/>there</text:p>'))
    assert transcript.text in ("Hello there", "Hellothere")


def _docx_with_rows(rows_xml: str) -> bytes:
    import io
    import zipfile

    from tests.importers.helpers import make_docx

    source = zipfile.ZipFile(io.BytesIO(make_docx(["Interview"], table=[["a", "b"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                start, end = data.index(b"<w:tr"), data.rindex(b"</w:tr>") + len(b"</w:tr>")
                data = data[:start] + rows_xml.encode() + data[end:]
            z.writestr(info, data)
    return out.getvalue()


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_a_speaker_merged_down_thousands_of_rows_labels_each_row():
    """A continued cell holds the text of the cell it continues (python-docx walked up the rows for each one: past
    1,000 rows it recursed too deep, and the walks together were quadratic)."""
    restart, continued = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    rows = [f"<w:tr>{_cell('Dana', restart)}{_cell('First.')}</w:tr>"]
    rows += [f"<w:tr>{_cell('', continued)}{_cell(f'Line {n}.')}</w:tr>" for n in range(3000)]
    transcript = read_transcript("merged.docx", _docx_with_rows("".join(rows)))
    assert transcript.text.count("Dana: Line") == 3000 and "Dana: Line 2999." in transcript.text


def test_a_cell_spanning_a_billion_columns_is_one_cell():
    span = '<w:gridSpan w:val="1000000000"/>'
    row = f"<w:tr>{_cell('Dana', span)}{_cell('Hello there.')}</w:tr>"
    assert "Dana: Hello there." in read_transcript("wide.docx", _docx_with_rows(row)).text


def test_a_cue_time_of_thousands_of_digits_is_not_a_time():
    data = b"WEBVTT\n\n" + b"9" * 5000 + b":00:01.000 --> 00:00:02.000\nDana: Hello.\n\n00:03.000 --> 00:04.000\nDana: Yes.\n"
    assert read_transcript("long.vtt", data).text == "Dana: Yes."
