"""The analysis commands end to end on the demo project: text, JSON, CSV and Excel, and one clear line on error."""

import csv
import json
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from annotator.cli import COMMANDS, main
from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.annotator"
    service, _ = build_demo(path, deidentify=False)
    service.close()
    return path


@pytest.fixture
def demo(built, tmp_path):
    """A fresh copy, so commands that change the project do not leak into other tests."""
    return shutil.copy(built, tmp_path / "demo.annotator")


def run_json(capsys, *args):
    assert main([*map(str, args), "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_every_analysis_is_a_command():
    assert {"query", "matrix", "cooccurrence", "saturation", "frequencies"} <= COMMANDS


def test_query_text_json_csv_and_excel(demo, tmp_path, capsys):
    expression = '"Stigma of the title" AND NOT "Legitimacy"'
    out = run_json(capsys, "query", demo, expression, "--where", "gender=female")
    assert out["counts"]["passages"] == len(out["passages"]) > 0 and out["counts"]["participants"] <= 4
    assert all(p["codes"] == ['Organizational support for peer work > The "peer" role title > Stigma of the title']
               for p in out["passages"])
    assert main(["query", str(demo), expression, "--csv", str(tmp_path / "q.csv"), "--xlsx", str(tmp_path / "q.xlsx")]) == 0
    text = capsys.readouterr().out
    assert text.strip().splitlines()[-1].endswith("participants (overlap)")
    rows = list(csv.reader((tmp_path / "q.csv").open(encoding="utf-8-sig")))
    sheet = [r for r in load_workbook(tmp_path / "q.xlsx", read_only=True).active.iter_rows(values_only=True)]
    assert rows[0][:3] == ["document", "participant", "speaker"] and len(rows) == len(sheet) - 1 > 1
    passages = run_json(capsys, "query", demo, '"Stipend pay" AND "Casual work and income limits"', "--mode", "passages")
    assert passages["mode"] == "passages"


def test_saved_queries_and_coding_results_from_the_command_line(demo, capsys):
    assert main(["query", str(demo), 'TEXT "gift card*"', "--participants-only", "--save", "gift cards",
                 "--code-as", "Gift cards", "--coder", "cli"]) == 0
    out = capsys.readouterr().out
    hits = int(out.split(" passages,")[0].splitlines()[-1])
    assert f"Coded {hits} passages with the new code 'Gift cards'." in out
    again = run_json(capsys, "query", demo, "gift cards", "--saved")
    assert again["counts"]["passages"] == hits
    with ProjectService.open(demo, readonly=True) as service:
        assert [q.name for q in service.analysis.saved_queries()] == ["gift cards"]
        code = service.codebook.codebook.by_path("Gift cards")
        assert len(service.retrieval.retrieve(code.id)) == hits


def test_matrix_measures_groups_and_the_case_overview(demo, capsys):
    out = run_json(capsys, "matrix", demo, "--attribute", "gender", "--codes", "Pay and employment conditions")
    assert out["columns"] == ["female", "male"] and out["row_totals"] == [sum(out["cells"][0])] == [34]
    share = run_json(capsys, "matrix", demo, "--attribute", "gender", "--measure", "participants", "--percent", "row",
                     "--codes", "Pay and employment conditions")
    assert sum(share["cells"][0]) == pytest.approx(100.0)
    ages = run_json(capsys, "matrix", demo, "--attribute", "age", "--groups", "25-34,35-44,45-54,55+",
                    "--measure", "participants", "--codes", "Peer work in practice")
    assert ages["cells"] == [[2, 3, 2, 1]]
    cases = run_json(capsys, "matrix", demo, "--cases", "--codes", "Peer work in practice")
    assert cases["rows"] == [f"P0{i}" for i in range(1, 9)] and cases["columns"] == ["Peer work in practice"]
    assert main(["matrix", str(demo), "--columns", "codes", "--codes", "Stipend pay", "--column-codes",
                 "Casual work and income limits"]) == 0
    assert "Stipend pay" in capsys.readouterr().out


def test_cooccurrence_and_saturation(demo, tmp_path, capsys):
    co = run_json(capsys, "cooccurrence", demo, "--relation", "turn")
    assert co["relation"] == "turn" and all(0 < p["c"] <= 1 for p in co["pairs"])
    assert main(["cooccurrence", str(demo), "--coefficient", "--csv", str(tmp_path / "co.csv")]) == 0
    assert capsys.readouterr().out.startswith("Code co-occurrence by overlap: ")
    table = list(csv.reader((tmp_path / "co.csv").open(encoding="utf-8-sig")))
    assert len(table) == len(table[0]) - 1  # a header row and one row per code; code, n and a column per code
    sat = run_json(capsys, "saturation", demo)
    assert sat["saturation"] == "6+2" and sat["base_codes"] == 19
    assert [r["percent"] for r in sat["runs"]] == [21.05, 10.53, 0.0]
    assert run_json(capsys, "saturation", demo, "--depth", "themes")["saturation"] == "4+2"
    assert run_json(capsys, "saturation", demo, "--threshold", "0", "--base", "5", "--run", "3")["saturation"] == "not reached"
    assert main(["saturation", str(demo), "--xlsx", str(tmp_path / "s.xlsx")]) == 0
    assert capsys.readouterr().out.strip().endswith("Saturation: 6+2")
    assert load_workbook(tmp_path / "s.xlsx", read_only=True).active["A1"].value.startswith("Saturation: 6+2")


def test_frequencies_and_keyword_in_context(demo, tmp_path, capsys):
    words = run_json(capsys, "frequencies", demo, "--top", "10", "--stemmed")
    assert len(words["words"]) == 10 and words["counted_words"] < words["total_words"]
    everyone = run_json(capsys, "frequencies", demo, "--all-speakers", "--top", "0")
    assert everyone["total_words"] > words["total_words"]
    stipend = run_json(capsys, "frequencies", demo, "--code", "Stipend pay", "--top", "3")
    assert "stipend" in {w["word"] for w in stipend["words"]}
    (tmp_path / "stop.txt").write_text("peer people\n", encoding="utf-8")
    custom = run_json(capsys, "frequencies", demo, "--stop-words", tmp_path / "stop.txt", "--top", "0")
    assert {"peer", "people"}.isdisjoint(w["word"] for w in custom["words"])
    kwic = run_json(capsys, "frequencies", demo, "--kwic", "naloxone")
    assert kwic and all(k["keyword"].lower() == "naloxone" for k in kwic)


def test_errors_are_one_line_with_exit_1(demo, capsys):
    assert main(["query", str(demo), '"Stipend pay" AND']) == 1
    assert capsys.readouterr().err.strip() == ("annotator: The query ends where a code in double quotes was "
                                               "expected (at character 18)")
    assert main(["query", str(demo), '"Stipend pay"', "--where", "gender==female"]) == 1
    assert "did you mean gender=female?" in capsys.readouterr().err
    assert main(["matrix", str(demo)]) == 1
    assert "Choose the attribute" in capsys.readouterr().err
    assert main(["saturation", str(demo), "--depth", "leaves"]) == 1
    assert "The depth is one of themes, subthemes, codes" in capsys.readouterr().err


def test_as_a_user_runs_it(demo):
    result = subprocess.run([sys.executable, "-m", "annotator", "saturation", str(demo)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("Saturation: 6+2")
