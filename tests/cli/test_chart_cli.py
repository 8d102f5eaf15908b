"""Charts and Word from the command line, end to end on a demo built by `annotator demo`: --chart on saturation and
the matrix, --docx on every analysis, and the coded report with --saturation and --charts-by."""

import docx
import pytest

from annotator.cli import main


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("chart-cli") / "x.annotator"
    assert main(["demo", str(path)]) == 0
    return path


def run(capsys, *args) -> str:
    assert main([str(a) for a in args]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_saturation_chart_as_png_and_svg_and_its_word_export(demo, tmp_path, capsys):
    out = run(capsys, "saturation", demo, "--chart", tmp_path / "saturation.png", "--docx", tmp_path / "s.docx")
    assert out.strip().endswith("Saturation: 6+2")
    png = (tmp_path / "saturation.png").read_bytes()
    assert png[:4] == b"\x89PNG" and len(png) > 50_000
    run(capsys, "saturation", demo, "--chart", tmp_path / "themes.svg", "--depth", "themes", "--json")
    svg = (tmp_path / "themes.svg").read_text("utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    document = docx.Document(str(tmp_path / "s.docx"))
    assert len(document.inline_shapes) == 1 and len(document.tables[0].rows) == 9
    coders = run(capsys, "saturation", demo, "--by-coder", "--chart", tmp_path / "by.png")
    written = sorted(p.name for p in tmp_path.glob("by-*.png"))
    assert written and all(f"\n{name[3:-4]}\n" in coders for name in written)  # one chart per coder


def test_matrix_chart_splits_codes_by_the_attribute(demo, tmp_path, capsys):
    run(capsys, "matrix", demo, "--attribute", "gender", "--measure", "participants", "--chart",
        tmp_path / "gender.png", "--docx", tmp_path / "gender.docx")
    assert (tmp_path / "gender.png").stat().st_size > 50_000
    rows = docx.Document(str(tmp_path / "gender.docx")).tables[0].rows
    assert [c.text for c in rows[0].cells] == ["Code", "Female", "Male", "Total"] and len(rows) == 31 + 2
    assert main(["matrix", str(demo), "--cases", "--chart", str(tmp_path / "cases.png")]) == 1
    assert "splits the codes by an attribute" in capsys.readouterr().err
    assert not (tmp_path / "cases.png").exists()
    assert main(["saturation", str(demo), "--chart", str(tmp_path / "chart.gif")]) == 1
    assert ".png, .svg or .pdf" in capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["query", '"Stigma of the title" AND NOT "Legitimacy"'],
    ["matrix", "--attribute", "interview mode"],
    ["cooccurrence", "--coefficient"],
    ["saturation"],
    ["frequencies", "--top", "20"],
    ["frequencies", "--kwic", "stipend"],
])
def test_every_analysis_writes_word(demo, tmp_path, capsys, args):
    out = tmp_path / "result.docx"
    run(capsys, args[0], demo, *args[1:], "--docx", out)
    document = docx.Document(str(out))
    (table,) = document.tables
    assert len(table.rows) > 1 and any(p.text.startswith("Table 1. ") for p in document.paragraphs)


def test_coded_report_with_saturation_and_charts_by(demo, tmp_path, capsys):
    out = tmp_path / "coded.docx"
    printed = run(capsys, "report", "coded", demo, out, "--saturation", "--charts-by", "gender", "--base", "3")
    assert printed.startswith(f"Wrote {out}: 31 codes, 348 quotations, 2 figures")
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "Thematic saturation" in texts and "Code frequencies by gender" in texts
    assert any("a base of 3 interviews" in t for t in texts) and len(document.inline_shapes) == 2


def test_cooccurrence_network_as_png_and_svg(demo, tmp_path, capsys):
    run(capsys, "cooccurrence", demo, "--chart", tmp_path / "network.png")
    png = (tmp_path / "network.png").read_bytes()
    assert png[:4] == b"\x89PNG" and len(png) > 30_000
    run(capsys, "cooccurrence", demo, "--relation", "turn", "--coefficient", "--chart", tmp_path / "network.svg")
    assert "<svg" in (tmp_path / "network.svg").read_text("utf-8")
