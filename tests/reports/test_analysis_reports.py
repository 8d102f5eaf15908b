"""Analysis in Word, read back with python-docx: the coded report's saturation section (its chart, its table with
the service's numbers, the statement) and code-frequency chart, and the Word export of every kind of result."""

import shutil
import subprocess

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from annotator.analysis.tables import Table
from annotator.core.attributes import parse_condition
from annotator.core.errors import AnnotatorError
from annotator.reports.analysis_sections import write_result
from annotator.services.analysis_service import TextSource
from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("analysis-reports") / "demo.annotator"
    service, _ = build_demo(path)
    service.close()
    return path


@pytest.fixture
def demo(demo_path):
    with ProjectService.open(demo_path, readonly=True) as service:
        yield service


def texts(document):
    return [p.text for p in document.paragraphs]


def cells(table):
    return [[c.text for c in row.cells] for row in table.rows]


def pictures(document):
    return document.inline_shapes


def test_coded_report_has_a_saturation_section_with_its_chart_table_and_statement(demo, tmp_path):
    out = tmp_path / "coded.docx"
    result = demo.reports.coded_report(out, saturation=True)
    assert result["figures"] == 1 and result["codes"] == len(demo.codebook.codebook)
    document = docx.Document(str(out))
    paragraphs = texts(document)
    at = paragraphs.index("Thematic saturation")
    assert document.paragraphs[at].style.name == "Heading 1"
    statement = paragraphs[at + 1]
    assert "Guest, Namey and Chen (2020)" in statement and "a base of 4 interviews (19 codes)" in statement
    assert "runs of 2 interviews" in statement and "threshold of 5%" in statement
    assert "reached at interview 6 (6+2)" in statement
    assert "Figure 1. New and cumulative codes by interview; saturation at interview 6 (6+2)" in paragraphs
    assert "Table 1. New information by interview (base 4, run 2, threshold 5%)" in paragraphs
    (picture,) = pictures(document)
    assert picture.width > docx.shared.Inches(5.9)
    assert "saturation at interview 6" in picture._inline.docPr.get("descr")
    saturation = demo.analysis.saturation()
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Interview")
    rows = cells(table)
    assert rows[0] == ["Interview", "Document", "New codes", "Cumulative codes", "Run", "New codes in run",
                       "New information (%)"]
    assert len(rows) == 1 + len(saturation.interviews) == 9
    for row, interview in zip(rows[1:], saturation.interviews):
        assert row[:4] == [str(interview.number), interview.label, str(len(interview.new)), str(interview.cumulative)]
        run = saturation.run_ending_at(interview.number)
        assert row[4:] == ([f"{run.first}–{run.last}", str(run.new), f"{100 * run.ratio:.1f}"] if run
                           else ["base" if interview.in_base else "", "", ""])
    assert rows[6][4:] == ["5–6", "4", "21.1"] and rows[8][4:] == ["7–8", "0", "0.0"]
    last = table.rows[8].cells[6].paragraphs[0]
    assert last.alignment == WD_ALIGN_PARAGRAPH.RIGHT and last.runs[0].bold  # the run that shows saturation
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    # The codes still follow, each code's heading in order after the section.
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Thematic saturation" and len(headings) == 1 + len(demo.codebook.codebook)


def test_coded_report_charts_codes_by_an_attribute_within_its_filter(demo, tmp_path):
    out = tmp_path / "coded.docx"
    result = demo.reports.coded_report(out, saturation=True, charts_by="Gender",
                                       saturation_options={"depth": "themes", "base_size": 3, "run_length": 2})
    assert result["figures"] == 2
    document = docx.Document(str(out))
    paragraphs = texts(document)
    assert "Code frequencies by gender" in paragraphs
    assert "Figure 2. Participants with each code, by gender" in paragraphs
    assert any(p.startswith("Note. Counts include each code's subcodes. n: participants") for p in paragraphs)
    assert len(pictures(document)) == 2
    statement = paragraphs[paragraphs.index("Thematic saturation") + 1]
    assert "a base of 3 interviews (2 themes)" in statement
    women = tmp_path / "women.docx"
    demo.reports.coded_report(women, [], [parse_condition("gender=female")], saturation=True)
    statement = texts(docx.Document(str(women)))
    line = statement[statement.index("Thematic saturation") + 1]
    assert line.endswith("Interviews: gender = female.") and "needs at least 6 interviews" in line  # 4 women
    with pytest.raises(AnnotatorError, match="no attribute called 'shoe size'"):
        demo.reports.coded_report(tmp_path / "x.docx", charts_by="shoe size")


def test_a_coded_report_without_the_options_has_no_analysis(demo, tmp_path):
    out = tmp_path / "plain.docx"
    assert "figures" not in demo.reports.coded_report(out)
    document = docx.Document(str(out))
    assert not pictures(document) and "Thematic saturation" not in texts(document)


def landscape(document) -> bool:
    return document.sections[0].orientation == WD_ORIENT.LANDSCAPE


def test_every_result_exports_to_word_with_its_header_rows_and_notes(demo, tmp_path):
    analysis, book = demo.analysis, demo.codebook.codebook
    stigma = next(c for c in book.tree_order() if book[c].name == "Stigma of the title")
    results = {
        "query": (analysis.query('"Stigma of the title" AND NOT "Legitimacy"'), {}),
        "matrix": (analysis.matrix(attribute="gender"), {"measure": "participants"}),
        "cases": (analysis.case_overview(), {}),
        "cooccurrence": (analysis.cooccurrence(), {"coefficient": True}),
        "saturation": (analysis.saturation(), {}),
        "frequencies": (analysis.frequencies(top=25), {}),
        "kwic": (analysis.keyword_in_context("stipend", TextSource(code_id=stigma)) or
                 analysis.keyword_in_context("stipend"), {}),
    }
    for name, (result, options) in results.items():
        out = analysis.export(result, tmp_path / f"{name}.docx", **options)
        document = docx.Document(str(out))
        table = analysis.table(result, **options)
        (written,) = document.tables
        rows = cells(written)
        assert len(rows) == 1 + len(table.rows), name
        assert rows[0][0] == table.header[0].capitalize(), name
        assert f"Table 1. {table.title}" in texts(document), name
        assert written.rows[0]._tr.xpath("./w:trPr/w:tblHeader"), name
        numbers = [i for i, v in enumerate(table.rows[0]) if isinstance(v, (int, float))]
        for i in numbers[:2]:
            assert written.rows[1].cells[i].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT, name
        assert len(pictures(document)) == (1 if name == "saturation" else 0), name
    matrix = docx.Document(str(tmp_path / "matrix.docx"))
    rows = cells(matrix.tables[0])
    assert rows[0] == ["Code", "Female", "Male", "Total"] and rows[-1][0] == "Total"  # heads capitalised
    assert rows[2][0] == "Frontline harm reduction work"  # a name, indented as the tree, not a path
    assert matrix.tables[0].rows[2].cells[0].paragraphs[0].paragraph_format.left_indent > 0
    assert any("Cells: participants with at least one passage" in p for p in texts(matrix))
    wide = docx.Document(str(tmp_path / "cooccurrence.docx"))
    assert landscape(wide) and not landscape(docx.Document(str(tmp_path / "frequencies.docx")))
    header = wide.tables[0].rows[0]._tr
    assert header.xpath(".//w:textDirection[@w:val='btLr']")  # 31 codes across: their names set vertically
    assert "Stigma of the title" in cells(wide.tables[0])[0]
    saturation = docx.Document(str(tmp_path / "saturation.docx"))
    assert any("reached at interview 6 (6+2)" in p and "PLoS ONE" in p for p in texts(saturation))
    first = cells(saturation.tables[0])[1]
    assert first[-1].startswith("Overdose response; ")  # new codes by name, not path
    with pytest.raises(AnnotatorError, match=r"\.csv, \.xlsx or \.docx"):
        analysis.export(analysis.saturation(), tmp_path / "saturation.txt")


def test_word_tables_drop_control_characters_and_keep_a_number_of_decimals_a_column(tmp_path):
    table = Table("Odd\x07 text", ("word", "count", "share"),
                  (("bell\x07ringing", 1200, 2.5), ("tab\x0bbed", 3, 0.125), ("", "", None)))
    write_result(tmp_path / "odd.docx", "Project\x01", table, notes=["A note\x0c."])
    document = docx.Document(str(tmp_path / "odd.docx"))
    assert cells(document.tables[0]) == [["word", "count", "share"], ["bellringing", "1,200", "2.500"],
                                         ["tab bed", "3", "0.125"], ["", "", ""]]  # a vertical tab: a break
    assert "Table 1. Odd text" in texts(document) and "Note. A note." in texts(document)
    xml = document.tables[0]._tbl.xml
    assert qn("w:cantSplit").split("}")[1] in xml


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_analysis_documents_render_in_libreoffice(demo, tmp_path):
    demo.reports.coded_report(tmp_path / "coded.docx", saturation=True, charts_by="gender")
    demo.analysis.export(demo.analysis.cooccurrence(), tmp_path / "cooccurrence.docx")
    demo.analysis.export(demo.analysis.saturation(), tmp_path / "saturation.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *[str(p) for p in sorted(tmp_path.glob("*.docx"))]], check=True, capture_output=True, timeout=300)
    for name in ("coded", "cooccurrence", "saturation"):
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), name
    if shutil.which("pdftotext"):
        pages = subprocess.run(["pdftotext", "-layout", str(tmp_path / "coded.pdf"), "-"], capture_output=True,
                               text=True, check=True).stdout.split("\f")
        section = next(p for p in pages if "Thematic saturation" in p)
        assert "Figure 1." in section and "08_P08_interview" in section  # the chart and its whole table: one page
        chart = next(p for p in pages if "Code frequencies by gender" in p)
        assert "Figure 2." in chart and "Note. Counts include" in chart  # heading, chart and note together
        wide = subprocess.run(["pdftotext", str(tmp_path / "cooccurrence.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert wide.count("\f") == 1  # 31 codes by 31 fit one landscape page
