"""Each supported format, and each kind of bad file, through the public read_transcript."""

import io
import zipfile

import pytest

from annotator.core.errors import ImportFailed
from annotator.importers import ImportLimits, read_transcript
from tests.importers.helpers import make_docx, make_odt, make_zip


def test_docx_paragraphs_and_tables_in_reading_order():
    data = make_docx(
        ["Interview 5", "Interviewer: Before the table.", "Participant: Still before."],
        table=[["Time", "Speaker", "Text"], ["00:01:02", "Interviewer", "In the table."],
               ["00:01:09", "Priya", "Me too.\nTwo lines."]],
        after_table=["Interviewer: After the table."],
    )
    t = read_transcript("a.docx", data)
    assert t.source_format == "docx"
    assert t.text == ("Interview 5\n\nInterviewer: Before the table.\n\nParticipant: Still before.\n\n"
                      "[00:01:02] Interviewer: In the table.\n\n[00:01:09] Priya: Me too.\nTwo lines.\n\n"
                      "Interviewer: After the table.")
    assert [(x.speaker, x.timestamp_ms) for x in t.turns] == [
        ("Interviewer", None), ("Participant", None), ("Interviewer", 62000), ("Priya", 69000), ("Interviewer", None)]


def test_docx_table_with_merged_cells_reads_each_cell_once():
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Note for the file"
    table.cell(0, 0).merge(table.cell(0, 2))
    table.cell(1, 0).text, table.cell(1, 1).text, table.cell(1, 2).text = "a", "b", "c"
    out = io.BytesIO()
    document.save(out)
    t = read_transcript("m.docx", out.getvalue())
    assert t.text.count("Note for the file") == 1


def test_docx_line_breaks_and_tabs_inside_a_paragraph():
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("Interviewer: first line")
    run = paragraph.add_run()
    run.add_break()
    run.add_text("second line")
    run.add_tab()
    run.add_text("after tab")
    document.add_paragraph("R: reply")
    out = io.BytesIO()
    document.save(out)
    t = read_transcript("breaks.docx", out.getvalue())
    assert t.text == "Interviewer: first line\nsecond line\tafter tab\n\nR: reply"
    assert [x.speaker for x in t.turns] == ["Interviewer", "R"]


def test_odt_paragraphs_spaces_lists_and_tables():
    body = ("<text:h>Interview</text:h>"
            "<text:p>I: Hello<text:s text:c=\"2\"/>there<text:tab/>friend<text:line-break/>new line</text:p>"
            "<text:list><text:list-item><text:p>R: In a <text:span>list</text:span>.</text:p></text:list-item></text:list>"
            "<table:table><table:table-row><table:table-cell><text:p>I</text:p></table:table-cell>"
            "<table:table-cell><text:p>From a table</text:p></table:table-cell></table:table-row></table:table>")
    t = read_transcript("a.odt", make_odt(body))
    assert t.text == "Interview\n\nI: Hello  there\tfriend\nnew line\n\nR: In a list.\n\nI: From a table"
    assert [x.speaker for x in t.turns] == ["I", "R", "I"]


def test_odt_with_an_entity_bomb_is_not_expanded():
    content = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
               '<text:p>I: &b;&b;</text:p><text:p>R: ok</text:p></office:text></office:body></office:document-content>')
    t = read_transcript("bomb.odt", make_zip({"content.xml": content.encode()}))
    assert "aaaaaaaaaa" not in t.text


def test_rtf():
    rtf = (rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}\f0 Interviewer: Caf\'e9 time?\par "
           rb"R: Yes \u8212? sure.\par}")
    t = read_transcript("a.rtf", rtf)
    assert t.text == "Interviewer: Café time?\n\nR: Yes — sure."
    assert [x.speaker for x in t.turns] == ["Interviewer", "R"]


def test_markdown_emphasis_and_headings_are_unwrapped():
    md = "# Interview 2\n\n**Interviewer:** How did it start?\n\n**R:** With *one* shift at [the site](http://x).\n"
    t = read_transcript("a.md", md.encode())
    assert t.text == "Interview 2\n\nInterviewer: How did it start?\n\nR: With one shift at the site."
    assert [x.speaker for x in t.turns] == ["Interviewer", "R"]


def test_vtt_voice_tags_merge_consecutive_cues_and_keep_times():
    vtt = (b"WEBVTT\n\nNOTE made by a service\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>Thanks.</v>\n\n"
           b"2\n00:00:04.500 --> 00:00:08.000\n<v.loud Dana>No problem. I've been\ndoing this.</v>\n\n"
           b"00:00:08.000 --> 00:00:10.250 align:start\n<v Dana><i>Since</i> 2016 &amp; more.</v>\n")
    t = read_transcript("a.vtt", vtt)
    assert t.text == "Interviewer: Thanks.\n\nDana: No problem. I've been doing this. Since 2016 & more."
    assert [(x.speaker, x.timestamp_ms, x.end_timestamp_ms) for x in t.turns] == [
        ("Interviewer", 1000, 4000), ("Dana", 4500, 10250)]
    assert t.text[t.turns[1].text_start:].startswith("No problem")


def test_srt_name_prefixes_and_unlabelled_continuation():
    srt = ("1\r\n00:00:01,000 --> 00:00:04,000\r\nDANA: hello there\r\n\r\n2\r\n00:00:05,000 --> 00:00:06,000\r\n"
           "more words\r\n\r\n3\r\n00:00:07,000 --> 00:00:09,000\r\n[Interviewer] and you?\r\n").encode()
    t = read_transcript("a.srt", srt)
    assert t.text == "DANA: hello there more words\n\nInterviewer: and you?"
    assert [(x.speaker, x.timestamp_ms) for x in t.turns] == [("DANA", 1000), ("Interviewer", 7000)]


# ----------------------------------------------------------------------------------------------- bad inputs

@pytest.mark.parametrize("name", ["a.txt", "a.docx", "a.vtt", "a.rtf", "a.odt", "a.md", "a.srt"])
def test_empty_files_are_refused(name):
    with pytest.raises(ImportFailed, match="is empty"):
        read_transcript(name, b"  \n")


def test_document_with_no_text_is_refused():
    with pytest.raises(ImportFailed, match="contains no text"):
        read_transcript("blank.docx", make_docx(["", "  "]))


@pytest.mark.parametrize("data", [b"PK\x03\x04 truncated zip", b"not a zip at all", make_zip({"hello.txt": b"x"})])
def test_corrupt_docx_is_refused(data):
    with pytest.raises(ImportFailed, match="not a valid .docx"):
        read_transcript("broken.docx", data)


def test_docx_with_damaged_part_is_refused():
    good = make_docx(["Interviewer: hi"])
    src = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            z.writestr(item, b"<w:document>oops" if item.filename == "word/document.xml" else src.read(item))
    with pytest.raises(ImportFailed, match="not a valid .docx"):
        read_transcript("damaged.docx", out.getvalue())


def test_zip_bomb_docx_is_refused_by_ratio():
    bomb = make_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"\0" * 20_000_000})
    with pytest.raises(ImportFailed, match="zip bomb"):
        read_transcript("bomb.docx", bomb)


def test_zip_bomb_docx_is_refused_by_total_size():
    members = {f"word/media/{i}.bin": bytes(range(256)) * 4000 for i in range(4)}  # ~4 MB, incompressible-ish
    with pytest.raises(ImportFailed, match="over the 1 MB limit"):
        read_transcript("big.docx", make_zip(members), ImportLimits(max_unzipped_bytes=1024 * 1024))


def test_file_over_the_size_limit_is_refused():
    with pytest.raises(ImportFailed, match="over the 1 MB limit"):
        read_transcript("huge.txt", b"I: word\n" * 200_000, ImportLimits(max_file_bytes=1024 * 1024))


def test_text_over_the_character_limit_is_refused():
    with pytest.raises(ImportFailed, match="over the 1,000 limit"):
        read_transcript("long.txt", b"word " * 300, ImportLimits(max_text_chars=1000))


def test_unsupported_type_names_the_supported_ones():
    with pytest.raises(ImportFailed, match=r"unsupported type '.pdf' \(Annotator imports .txt, .md, .docx"):
        read_transcript("scan.pdf", b"%PDF-1.4")


@pytest.mark.parametrize("name, data, reason", [
    ("x.vtt", b"1\n00:00:01.000 --> 00:00:02.000\nhello", "does not start with WEBVTT"),
    ("x.vtt", b"WEBVTT\n\nno cues here", "no timed cues"),
    ("x.srt", b"just text", "no timed cues"),
    ("x.rtf", b"plain text pretending", "does not start with"),
    ("x.odt", make_zip({"mimetype": b"x"}), "has no content.xml"),
    ("x.odt", make_zip({"content.xml": b"<broken"}), "damaged"),
])
def test_malformed_files_get_a_one_line_reason(name, data, reason):
    with pytest.raises(ImportFailed, match=reason) as info:
        read_transcript(name, data)
    assert "\n" not in str(info.value)
