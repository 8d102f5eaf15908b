"""The headless command line, run as a user runs it."""

import json
import subprocess
import sys

from annotator.cli import main
from annotator.storage.schema import SCHEMA_VERSION


def run(*args):
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True)


def test_new_import_info_round_trip_through_python_m(tmp_path, samples):
    project = tmp_path / "study.annotator"
    assert run("new", project).returncode == 0
    result = run("import", project, samples / "01_P01_interview.txt", samples / "02_P02_interview.docx")
    assert result.returncode == 0, result.stderr
    assert "01_P01_interview.txt: imported (1,975 words, 40 turns, 2 speakers)" in result.stdout
    assert result.stdout.strip().endswith("2 imported")
    info = json.loads(run("info", project, "--json").stdout)
    assert info["schema_version"] == SCHEMA_VERSION
    assert {k: info[k] for k in ("documents", "speaker_turns", "participants", "codes", "codings")} == {
        "documents": 2, "speaker_turns": 77, "participants": 0, "codes": 0, "codings": 0}


def test_import_exits_1_when_a_file_fails_but_imports_the_rest(tmp_path, samples, capsys):
    project = tmp_path / "study.annotator"
    assert main(["new", str(project)]) == 0
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"")
    code = main(["import", str(project), str(bad), str(samples / "04_P04_interview.txt")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "notes.txt: failed, it is empty" in err
    assert "04_P04_interview.txt: imported" in out and "1 imported, 1 failed" in out


def test_import_json_lists_every_file(tmp_path, samples, capsys):
    project = tmp_path / "study.annotator"
    main(["new", str(project)])
    capsys.readouterr()
    main(["import", str(project), str(samples / "03_P03_interview.vtt"), "--json"])
    results = json.loads(capsys.readouterr().out)
    assert results[0]["status"] == "imported" and results[0]["speakers"] == ["Interviewer", "Dana"]


def test_demo_and_documents(tmp_path, capsys):
    project = tmp_path / "demo.annotator"
    assert main(["demo", str(project)]) == 0
    assert "8 transcripts" in capsys.readouterr().out
    assert main(["documents", str(project), "--json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["participant"] for d in docs] == [f"P0{i}" for i in range(1, 9)]


def test_errors_are_one_clear_line_and_exit_1(tmp_path, capsys):
    not_project = tmp_path / "essay.annotator"
    not_project.write_text("my essay")
    assert main(["info", str(not_project)]) == 1
    assert capsys.readouterr().err.strip() == "annotator: essay.annotator is not an Annotator project."
    assert main(["new", str(not_project)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["demo", str(not_project)]) == 1


def test_help_and_version(capsys):
    result = run("--help")
    assert result.returncode == 0 and "import" in result.stdout and "demo" in result.stdout
    assert run("--version").stdout.startswith("annotator ")


def test_speakers_can_be_listed_and_mapped(tmp_path, samples, capsys):
    project = tmp_path / "study.annotator"
    main(["new", str(project)])
    main(["import", str(project), str(samples / "04_P04_interview.txt")])
    capsys.readouterr()
    assert main(["speakers", str(project), "04_P04_interview", "--map", "TOMMY=P04", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"label": "MEI", "turns": 21, "participant": None}, {"label": "TOMMY", "turns": 20, "participant": "P04"}]
    assert main(["speakers", str(project), "04_P04_interview", "--map", "TOMMY="]) == 0
    assert capsys.readouterr().out.splitlines() == ["MEI: 21 turns", "TOMMY: 20 turns"]
    assert main(["speakers", str(project), "nope"]) == 1
    assert "no document called 'nope'" in capsys.readouterr().err
    assert main(["speakers", str(project), "1", "--map", "TOMMY"]) == 1
    assert "LABEL=PARTICIPANT" in capsys.readouterr().err


def test_codes_retrieve_and_search(tmp_path, capsys):
    project = tmp_path / "demo.annotator"
    main(["demo", str(project)])
    capsys.readouterr()
    assert main(["codes", str(project), "--json"]) == 0
    codes = json.loads(capsys.readouterr().out)
    pay = next(c for c in codes if c["path"].endswith("Pay and employment conditions"))
    assert pay["references"] == 0 and pay["references_with_subcodes"] == 34
    assert main(["retrieve", str(project), "Organizational support for peer work > Pay and employment conditions",
                 "--json"]) == 0
    passages = json.loads(capsys.readouterr().out)
    assert len(passages) == 34 and {p["code"].rsplit(" > ", 1)[1] for p in passages} == {
        "Stipend pay", "Casual work and income limits"}
    assert main(["retrieve", str(project), "stipend pay"]) == 0  # a unique name is enough
    assert capsys.readouterr().out.strip().endswith("20 passages")
    assert main(["retrieve", str(project), "Nope"]) == 1
    assert "no code 'Nope'" in capsys.readouterr().err
    assert main(["search", str(project), "naloxone", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all(h["text"].lower() == "naloxone" for h in hits)


def test_retrieve_filters_by_attribute(tmp_path, capsys):
    project = tmp_path / "demo.annotator"
    main(["demo", str(project), "--raw"])
    capsys.readouterr()
    assert main(["retrieve", str(project), "Stipend pay", "--where", "gender=male", "--json"]) == 0
    passages = json.loads(capsys.readouterr().out)
    assert passages and {p["document"][:6] for p in passages} <= {"02_P02", "04_P04", "06_P06", "08_P08"}


def test_codebook_and_qdpx_round_trip_through_the_command_line(tmp_path, capsys):
    project, qdc, qdpx, copy = (tmp_path / n for n in ("demo.annotator", "c.qdc", "p.qdpx", "copy.annotator"))
    main(["demo", str(project)])
    assert main(["codebook", "export", str(project), str(qdc)]) == 0
    assert main(["qdpx", "export", str(project), str(qdpx)]) == 0
    assert main(["qdpx", "import", str(qdpx), str(copy)]) == 0
    assert "348 codings" in capsys.readouterr().out
    fresh = tmp_path / "fresh.annotator"
    main(["new", str(fresh)])
    assert main(["codebook", "import", str(fresh), str(qdc), "--dry-run"]) == 0
    assert capsys.readouterr().out.strip().endswith("Would import: 31 to add, 0 to rename, 0 to recolour, "
                                                     "0 to redescribe, 0 to move, 0 unchanged")
    assert main(["codebook", "import", str(fresh), str(qdc)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "add Peer work in practice"
    assert main(["info", str(fresh), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["codes"] == 31
    assert main(["qdpx", "import", str(tmp_path / "missing.qdpx"), str(copy)]) == 1


def test_merge_and_agreement_from_the_command_line(tmp_path, capsys):
    from annotator.services.project_service import ProjectService
    from tests.services.test_collaboration import recode_as

    mine, theirs = tmp_path / "mine.annotator", tmp_path / "theirs.annotator"
    main(["demo", str(mine)])
    theirs.write_bytes(mine.read_bytes())
    with ProjectService.open(mine, readonly=True) as service:
        me = service.coder
    with ProjectService.open(theirs, coder="ben") as other:
        recode_as(other, missed=3)
    capsys.readouterr()
    assert main(["merge", str(mine), str(theirs)]) == 0
    assert "8 of their documents are here already." in capsys.readouterr().out
    assert main(["agreement", str(mine), "--coders", me, "ben", "--json", "--csv", str(tmp_path / "a.csv")]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[-1]["code"] == "All codes" and 0 < rows[-1]["kappa"] < 1
    assert (tmp_path / "a.csv").exists()
    assert main(["agreement", str(mine), "--coders", me]) == 1


def test_search_works_while_the_app_has_the_project_open(tmp_path, capsys):
    from annotator.services.project_service import ProjectService

    project = tmp_path / "demo.annotator"
    assert main(["demo", str(project)]) == 0
    capsys.readouterr()
    with ProjectService.open(project) as app:  # the app holds the project (and its lock)
        app.codebook.add_code("Changes the search index may not know about")
        assert main(["search", str(project), '"gift card"', "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all("gift card" in h["text"].lower() for h in hits)
