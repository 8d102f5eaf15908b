"""Every report read back with python-docx (and openpyxl), checked against the database and the CSV."""

import csv
import shutil
import subprocess
from collections import Counter

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Inches
from openpyxl import load_workbook

from annotator.core.attributes import parse_condition
from annotator.core.errors import AnnotatorError
from annotator.deid.keyfile import KeyEntity
from annotator.reports.docx_base import CONTENTS_INDENT
from annotator.reports.model import CodebookRow, CodeSection, Quotation
from annotator.reports.word_reports import TREE_INDENT, write_codebook_report, write_coded_report
from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService
from annotator.services.report_service import group_bins


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("reports") / "demo.annotator"
    service, _ = build_demo(path)  # de-identified, as reports should be
    service.close()
    return path


@pytest.fixture
def demo(demo_path):
    with ProjectService.open(demo_path, readonly=True) as service:
        yield service


def paragraphs(path, style=None):
    return [p for p in docx.Document(str(path)).paragraphs if style is None or p.style.name == style]


def row_flags(row) -> set[str]:
    return {e.tag.rsplit("}", 1)[1] for e in row._tr.xpath("./w:trPr/*")}


def test_coded_report_structure_counts_and_attribution(demo, tmp_path):
    out = tmp_path / "coded.docx"
    result = demo.reports.coded_report(out, memos=True)
    book = demo.codebook.codebook
    assert result["codes"] == len(book) and result["quotations"] == demo.info()["codings"]
    document = docx.Document(str(out))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    expected = [(f"Heading {min(book.depth(c) + 1, 4)}", book[c].name) for c in book.tree_order()]
    assert headings == expected
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote" and p.text.startswith("“")]
    assert len(quotes) == demo.info()["codings"]
    attributions = [p.text for p in document.paragraphs if p.style.name == "Quote" and p.text.startswith("— ")]
    assert len(attributions) == len(quotes)
    assert any(a.startswith("— P03, [Participant 3], 00:") for a in attributions)  # captions: the turn's time
    assert any(a.startswith("— P01, ¶") for a in attributions)  # text: the paragraph (a role label says nothing)
    assert any("also coded: " in a for a in attributions)
    assert any("PAGE" in s.footer._element.xml for s in document.sections)
    assert all(s.different_first_page_header_footer for s in document.sections)  # no number on the title page
    stipend = next(c for c in book.tree_order() if book[c].name == "Stipend pay")
    texts = [p.text for p in document.paragraphs]
    for code_id in (stipend, book[stipend].parent_id):  # a theme counts its subcodes' passages
        counts = demo.codebook.counts()[code_id]
        at = texts.index(book[code_id].name)
        assert texts[at + 2] == (f"{counts.total_references} references · {counts.total_participants} participants · "
                                 f"{counts.total_documents} documents")


def test_contents_is_written_out_with_a_link_to_each_code(demo, tmp_path):
    out = tmp_path / "coded.docx"
    demo.reports.coded_report(out)
    document = docx.Document(str(out))
    book, counts = demo.codebook.codebook, demo.codebook.counts()
    body = document.paragraphs
    start = next(i for i, p in enumerate(body) if p.style.name == "TOC Heading" and p.text == "Contents")
    first = next(i for i, p in enumerate(body) if p.style.name.startswith("Heading"))
    entries = [p for p in body[start:first] if p._p.xpath("./w:hyperlink")]
    # Each code in tree order, indented by its depth, with its passages (subcodes' included), as plain text.
    assert [(p.text, round((p.paragraph_format.left_indent or 0) / CONTENTS_INDENT)) for p in entries] == [
        (f"{book[c].name}\t{counts[c].total_references}", book.depth(c)) for c in book.tree_order()]
    headings = [p for p in body[first:] if p.style.name.startswith("Heading")]
    targets = [h._p.xpath("./w:bookmarkStart/@w:name") for h in headings]
    assert [p._p.xpath("./w:hyperlink/@w:anchor") for p in entries] == targets
    assert len({name for names in targets for name in names}) == len(book)  # one bookmark a heading, all distinct
    xml = document.element.xml
    assert "Update Field" not in xml and "TOC \\o" not in xml and "w:updateFields" not in document.settings.element.xml
    assert body[first].paragraph_format.page_break_before and not any(  # a property, not an empty paragraph
        p.text == "" and "w:br" in p._p.xml for p in body)


def test_a_report_on_one_subtree_starts_at_the_top_level(demo, tmp_path):
    out = tmp_path / "pay.docx"
    pay = demo.codebook.codebook.by_path("Organizational support for peer work > Pay and employment conditions")
    demo.reports.coded_report(out, [pay.id])
    body = paragraphs(out)
    assert [(p.style.name, p.text) for p in body if p.style.name.startswith("Heading")] == [
        ("Heading 1", "Pay and employment conditions"), ("Heading 2", "Stipend pay"),
        ("Heading 2", "Casual work and income limits")]
    entries = [p for p in body if p._p.xpath("./w:hyperlink")]
    assert [round((p.paragraph_format.left_indent or 0) / CONTENTS_INDENT) for p in entries] == [0, 1, 1]


def test_no_page_ends_on_a_heading_or_begins_with_an_attribution(demo, tmp_path):
    out = tmp_path / "coded.docx"
    demo.reports.coded_report(out, memos=True)
    body = [p for p in paragraphs(out)]
    first = next(i for i, p in enumerate(body) if p.style.name.startswith("Heading"))
    for p, after in zip(body[first:], body[first + 1:]):
        keeps = p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next
        if p.style.name.startswith("Heading") or after.text.startswith("— "):
            assert keeps, p.text
        if p.text.startswith("— "):
            assert not p.paragraph_format.keep_with_next, p.text  # chains end at each passage


def test_anonymous_quotes_and_attribute_filters(demo, tmp_path):
    out = tmp_path / "anon.docx"
    demo.reports.coded_report(out, conditions=[parse_condition("gender=female")], anonymous=True)
    texts = [p.text for p in paragraphs(out)]
    assert "Filter: gender = female" in texts
    assert not any(t.startswith("— ") for t in texts)
    quotes = [t for t in texts if t.startswith("“")]
    female_docs = {d.id for d in demo.documents() if d.participant in {"P01", "P03", "P05", "P07"}}
    expected = sum(1 for d in female_docs for _ in demo.codings.for_document(d))
    assert len(quotes) == expected


def test_control_characters_are_dropped_not_fatal(tmp_path):
    section = CodeSection("Odd\x01", "Odd", 0, "def\x0c", 1, 1, 1,
                          [Quotation("bell\x07 and tab\tok\ud800", "D", "P01", None, 3, None)])
    write_coded_report(tmp_path / "odd.docx", "Project\x01", [section], filters=[], anonymous=False)
    texts = [p.text for p in paragraphs(tmp_path / "odd.docx")]
    assert "“bell and tab ok”" in texts and "Odd\t1" in texts and "Odd" in texts  # contents entry and heading
    write_codebook_report(tmp_path / "odd-codebook.docx", "P\x02", [CodebookRow("Odd", "Odd\x03", 0, "d\x1f", "", "",
                                                                                 "", 1, 1)])
    assert docx.Document(str(tmp_path / "odd-codebook.docx")).tables[0].rows[1].cells[0].text == "Odd"


def test_codebook_table(demo, tmp_path):
    out = tmp_path / "codebook.docx"
    demo.reports.codebook_report(out)
    document = docx.Document(str(out))
    table = document.tables[0]
    book, counts = demo.codebook.codebook, demo.codebook.counts()
    assert [c.text for c in table.rows[0].cells] == ["Code", "Definition", "When to use", "When not to use",
                                                      "Example", "References", "Participants"]
    assert len(table.rows) == len(book) + 1
    for row, code_id in zip(table.rows[1:], book.tree_order()):
        cells = row.cells
        # The tree as paragraph indents: leading spaces wrap badly and paste into a paper as spaces.
        assert cells[0].text == book[code_id].name and cells[1].text == book[code_id].description
        assert (cells[0].paragraphs[0].paragraph_format.left_indent or 0) == TREE_INDENT * book.depth(code_id)
        assert (int(cells[5].text), int(cells[6].text)) == (counts[code_id].total_references,
                                                            counts[code_id].total_participants)
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    widths = [c.w for c in table._tbl.tblGrid.gridCol_lst]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(sum(widths) - text_width) < Inches(0.05)
    code, definition, *others, references, participants = widths
    assert references == participants < min(others) and definition >= max(others) and code > references
    assert all(c.width == w for row in table.rows for c, w in zip(row.cells, widths))  # what Word reads
    assert "tblHeader" in row_flags(table.rows[0])  # the header comes back on each page
    assert all("cantSplit" in row_flags(r) for r in table.rows[1:])  # the demo's rows are all short


def test_codebook_leaves_out_columns_nobody_filled_in_and_lets_long_rows_break(tmp_path):
    rows = [CodebookRow("Theme", "Theme", 0, "A theme.", "", "", "", 3, 2),
            CodebookRow("Long", "Theme > Long", 1, "word " * 1500, "", "", "", 1, 1)]
    write_codebook_report(tmp_path / "codebook.docx", "Project", rows)
    table = docx.Document(str(tmp_path / "codebook.docx")).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Code", "Definition", "References", "Participants"]
    assert "cantSplit" in row_flags(table.rows[1]) and "cantSplit" not in row_flags(table.rows[2])
    write_codebook_report(tmp_path / "empty.docx", "Project", [])  # a new project: no codes, no text columns
    assert [c.text for c in docx.Document(str(tmp_path / "empty.docx")).tables[0].rows[0].cells] == [
        "Code", "References", "Participants"]


def test_table_one_against_the_csv(demo, tmp_path, samples):
    out = tmp_path / "table1.docx"
    demo.reports.participants_report(out, group_bins(["age=25-34,35-44,45-54,55+", "years peer work=<2,2-5,6-9,10+"]))
    document = docx.Document(str(out))
    assert "Table 1. Participant characteristics (N = 8)" in [p.text for p in document.paragraphs]
    rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
    people = list(csv.DictReader((samples / "participants.csv").open(encoding="utf-8")))
    gender = Counter(p["gender"] for p in people)
    assert ["female", f"{gender['female']} ({round(100 * gender['female'] / 8)}%)"] in rows
    ages = sorted(int(p["age"]) for p in people)
    band = sum(1 for a in ages if 35 <= a <= 44)
    age = rows.index(["Age", ""])
    assert rows[age + 2][0] == "35–44" and rows[age + 2][1].startswith(f"{band} (")  # ranges with an en dash
    median = (ages[3] + ages[4]) / 2
    assert ["median (range)", f"{median:g} ({ages[0]}–{ages[-1]})"] in rows
    # Every attribute is recorded for all 8: a count reads the same percentage wherever it appears (the demo has
    # 3 of 8 under age and under years of peer work, which largest-remainder rounding printed as 38% and 37%).
    shown = {}
    for label, value in rows[1:]:
        if "%" in value:
            n, percent = value.rstrip("%)").split(" (")
            assert abs(int(percent) - 100 * int(n) / 8) <= 0.5
            shown.setdefault(n, set()).add(percent)
    assert shown["3"] == {"38"} and all(len(p) == 1 for p in shown.values())
    notes = [p.text for p in document.paragraphs if p.text.startswith("Note.")]
    assert notes == ["Note. Percentages are of participants with a recorded value; they may not sum to 100 because "
                     "of rounding."]
    table = document.tables[0]
    borders = {e.tag.rsplit("}", 1)[1]: e.get(qn("w:val")) for e in table._tbl.xpath("./w:tblPr/w:tblBorders/*")}
    assert borders == {"top": "single", "left": "nil", "bottom": "single", "right": "nil", "insideH": "nil",
                       "insideV": "nil"}  # the three rules a journal wants, no grid
    assert table.rows[3].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_memos_and_passage_tables(demo, tmp_path):
    memos = tmp_path / "memos.docx"
    demo.reports.memos_report(memos)
    headings = [p.text for p in paragraphs(memos, "Heading 1")]
    assert headings[:2] == ["Project", "Code: Peer work in practice > System navigation work > Unrecognised work"]
    for suffix in ("csv", "xlsx"):
        out = tmp_path / f"passages.{suffix}"
        result = demo.reports.passages_table(out, conditions=[parse_condition("interview mode=telephone")])
        if suffix == "csv":
            rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
        else:
            sheet = load_workbook(out).active
            header, *body = [[c.value for c in row] for row in sheet.iter_rows()]
            rows = [dict(zip(header, values)) for values in body]
        assert len(rows) == result["passages"] > 0
        assert {r["participant"] for r in rows} == {"P03", "P08"}
        assert {r["interview mode"] for r in rows} == {"telephone"}


def test_reports_are_refused_while_a_known_identifier_remains(demo, tmp_path):
    key = demo.deid.new_key()
    key.entities.append(KeyEntity("g", "PLACE", "[Place 99]", ["naloxone"]))  # as if detection had missed a name (the demo is clean)
    with pytest.raises(AnnotatorError, match=r"known identifiers remain in the project \(.*document\)"):
        demo.reports.coded_report(tmp_path / "x.docx", key=key)
    assert not (tmp_path / "x.docx").exists()
    result = demo.reports.codebook_report(tmp_path / "y.docx", key=key, allow_residual=True)
    assert result["warnings"] == [f"{len(demo.deid.residual(key))} known identifiers remain in the project."]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_reports_render_in_libreoffice(demo, tmp_path):
    for name, write in (("coded", demo.reports.coded_report), ("codebook", demo.reports.codebook_report),
                        ("memos", demo.reports.memos_report)):
        write(tmp_path / f"{name}.docx")
    demo.reports.participants_report(tmp_path / "table1.docx", group_bins(["age=25-34,35-44,45-54,55+"]))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *[str(p) for p in sorted(tmp_path.glob("*.docx"))]], check=True, capture_output=True, timeout=300)
    for name in ("coded", "codebook", "memos", "table1"):
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000 and pdf.read_bytes().startswith(b"%PDF")


def test_the_memos_report_holds_every_memo_with_its_passage(tmp_path):
    from annotator.services.demo import build_demo

    demo, _ = build_demo(tmp_path / "writable.annotator")
    doc = demo.documents()[0]
    text = demo.document_text(doc.id)
    start = text.index("Okay, it's recording")
    demo.codings.add_memo("range", "Consent talk first", document_id=doc.id, start=start, end=start + 20)
    code = next(iter(demo.codebook.codebook.tree_order()))
    coding = demo.codings.code_passage(doc.id, code, start, start + 20)
    demo.codings.add_memo("coding", "Why coded here?", coding_id=coding)
    participant = demo.participants()[0]
    demo.codings.add_memo("participant", "Recruited at the drop-in", participant_id=participant.id)
    out = tmp_path / "memos.docx"
    result = demo.reports.memos_report(out)
    assert result["memos"] == len(demo.codings.all_memos())
    document = docx.Document(str(out))
    body = [p.text for p in document.paragraphs]
    for memo in demo.codings.all_memos():
        assert memo.body.splitlines()[0] in body, memo.target
    quoted = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert f"“{text[start:start + 20]}”" in quoted  # the passage memo shows its passage
    assert f"Participant: {participant.name}" in [p.text for p in paragraphs(out, "Heading 1")]
    demo.close()


def test_a_long_report_written_out_as_it_goes_is_the_same_document(demo, tmp_path, monkeypatch):
    """The coded report's body is spooled to a temporary file a few thousand paragraphs at a time (so 50,000
    passages are not held as one XML tree); the file must be byte for byte what python-docx writes whole."""
    from annotator.reports import docx_base

    sections = demo.reports.coded_sections()
    monkeypatch.setattr(docx_base, "_SPOOL_EVERY", 10**9)  # never written out before the end
    write_coded_report(tmp_path / "held.docx", "Demo", sections, filters=[], anonymous=False)
    monkeypatch.setattr(docx_base, "_SPOOL_EVERY", 7)  # written out many times over
    write_coded_report(tmp_path / "spooled.docx", "Demo", sections, filters=[], anonymous=False)
    import zipfile

    with zipfile.ZipFile(tmp_path / "held.docx") as held, zipfile.ZipFile(tmp_path / "spooled.docx") as spooled:
        assert held.namelist() == spooled.namelist()
        body = spooled.read("word/document.xml")
        assert body == held.read("word/document.xml")
        assert b"annotator-spooled" not in body and body.count(b"xmlns:w=") == 1
    quotes = [p.text for p in docx.Document(tmp_path / "spooled.docx").paragraphs if p.style.name == "Quote"]
    assert len(quotes) >= sum(len(s.quotations) for s in sections)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["held.docx", "spooled.docx"]  # no partial file left


def test_a_cancelled_report_leaves_the_earlier_file_whole_and_no_partial_file(demo, tmp_path):
    sections = demo.reports.coded_sections()
    target = tmp_path / "report.docx"
    write_coded_report(target, "Demo", sections, filters=[], anonymous=False)
    before = target.read_bytes()
    calls = iter(range(10**6))
    with pytest.raises(AnnotatorError, match="cancelled"):
        write_coded_report(target, "Demo", sections, filters=[], anonymous=False,
                           is_cancelled=lambda: next(calls) >= len(sections) // 2)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]
