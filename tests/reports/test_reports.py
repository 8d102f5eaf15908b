"""Every report read back with python-docx (and openpyxl), checked against the database and the CSV."""

import csv
import shutil
import subprocess
from collections import Counter

import docx
import pytest
from openpyxl import load_workbook

from annotator.core.attributes import parse_condition
from annotator.core.errors import AnnotatorError
from annotator.deid.keyfile import KeyEntity
from annotator.reports.model import CodeSection, Quotation
from annotator.reports.word_reports import write_coded_report
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


def test_coded_report_structure_counts_and_attribution(demo, tmp_path):
    out = tmp_path / "coded.docx"
    result = demo.reports.coded_report(out, memos=True)
    book = demo.codebook.codebook
    assert result["codes"] == len(book) and result["quotations"] == demo.info()["codings"]
    document = docx.Document(str(out))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    expected = [("Heading 1", "Contents")] + [(f"Heading {min(book.depth(c) + 1, 4)}", book[c].name)
                                              for c in book.tree_order()]
    assert headings == expected
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote" and p.text.startswith("“")]
    assert len(quotes) == demo.info()["codings"]
    attributions = [p.text for p in document.paragraphs if p.style.name == "Quote" and p.text.startswith("— ")]
    assert len(attributions) == len(quotes)
    assert any(a.startswith("— P03, [Participant 3], 00:") for a in attributions)  # captions: the turn's time
    assert any(a.startswith("— P01, ¶") for a in attributions)  # text: the paragraph (a role label says nothing)
    assert any("also coded: " in a for a in attributions)
    xml = document.element.xml
    assert "TOC \\o" in xml and any("PAGE" in s.footer._element.xml for s in document.sections)
    stipend = next(c for c in book.tree_order() if book[c].name == "Stipend pay")
    texts = [p.text for p in document.paragraphs]
    for code_id in (stipend, book[stipend].parent_id):  # a theme counts its subcodes' passages
        counts = demo.codebook.counts()[code_id]
        at = texts.index(book[code_id].name)
        assert texts[at + 2] == (f"{counts.total_references} references · {counts.total_participants} participants · "
                                 f"{counts.total_documents} documents")


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
    section = CodeSection("Odd", "Odd", 0, "def\x0c", 1, 1, 1, [Quotation("bell\x07 and tab\tok", "D", "P01", None, 3, None)])
    write_coded_report(tmp_path / "odd.docx", "Project\x01", [section], filters=[], anonymous=False)
    assert "“bell and tab ok”" in [p.text for p in paragraphs(tmp_path / "odd.docx")]


def test_codebook_table(demo, tmp_path):
    out = tmp_path / "codebook.docx"
    demo.reports.codebook_report(out)
    table = docx.Document(str(out)).tables[0]
    book, counts = demo.codebook.codebook, demo.codebook.counts()
    assert [c.text for c in table.rows[0].cells] == ["Code", "Definition", "When to use", "When not to use",
                                                      "Example", "References", "Participants"]
    assert len(table.rows) == len(book) + 1
    for row, code_id in zip(table.rows[1:], book.tree_order()):
        cells = [c.text for c in row.cells]
        assert cells[0].strip() == book[code_id].name and cells[1] == book[code_id].description
        assert (int(cells[5]), int(cells[6])) == (counts[code_id].total_references, counts[code_id].total_participants)


def test_table_one_against_the_csv(demo, tmp_path, samples):
    out = tmp_path / "table1.docx"
    demo.reports.participants_report(out, group_bins(["age=25-34,35-44,45-54,55+", "years peer work=<2,2-5,6-9,10+"]))
    document = docx.Document(str(out))
    assert "Table 1. Participant characteristics (N = 8)" in [p.text for p in document.paragraphs]
    rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
    people = list(csv.DictReader((samples / "participants.csv").open(encoding="utf-8")))
    gender = Counter(p["gender"] for p in people)
    assert ["    female", f"{gender['female']} ({round(100 * gender['female'] / 8)}%)"] in rows
    ages = sorted(int(p["age"]) for p in people)
    band = sum(1 for a in ages if 35 <= a <= 44)
    assert rows[rows.index(["Age", ""]) + 2][0] == "    35-44" and rows[rows.index(["Age", ""]) + 2][1].startswith(f"{band} (")
    median = (ages[3] + ages[4]) / 2
    assert ["    median (range)", f"{median:g} ({ages[0]}–{ages[-1]})"] in rows
    for start in [i for i, r in enumerate(rows) if r[1] == "" and i > 0]:  # each attribute's percentages sum to 100
        block = []
        for r in rows[start + 1:]:
            if not r[0].startswith("    ") or "median" in r[0]:
                break
            block.append(int(r[1].split("(")[1].rstrip("%)")))
        assert sum(block) == 100


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
    key.entities.append(KeyEntity("g", "PERSON", "[Person A]", ["Esquimalt"]))  # a place the demo's detection missed
    with pytest.raises(AnnotatorError, match=r"known identifiers remain in the project \(document\)"):
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
