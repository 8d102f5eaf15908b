"""`annotator deid ...` as a user runs it."""

import json

from annotator.cli import main


def test_scan_offsets_are_exact_code_points_into_the_file(tmp_path, capsys):
    path = tmp_path / "note.txt"
    text = "😀 Interviewer: Did Louise Tremblay call?\nDANA: Yes, from 604-555-0147, about Jen's shift at VANDU.\n"
    path.write_text(text, encoding="utf-8")
    assert main(["deid", "scan", str(path), "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    spans = {(s["text"], s["type"]) for s in result["spans"]}
    assert {("Louise Tremblay", "PERSON"), ("604-555-0147", "OTHER"), ("VANDU", "AGENCY")} <= spans
    assert all(text[s["start"]:s["end"]] == s["text"] for s in result["spans"])


def test_detect_apply_residual_with_a_passphrase(tmp_path, capsys, monkeypatch):
    project, key = tmp_path / "demo.annotator", tmp_path / "study.key"
    main(["demo", str(project)])
    capsys.readouterr()
    assert main(["deid", "detect", str(project), "--json"]) == 0
    detected = json.loads(capsys.readouterr().out)
    assert detected["new_mentions"] > 200 and any(e["text"] == "Louise Tremblay" for e in detected["entities"])
    monkeypatch.setenv("ANNOTATOR_KEY_PASSPHRASE", "a long passphrase")
    assert main(["deid", "apply", str(project), "--key", str(key), "--accept-all"]) == 0
    assert "the originals are in" in capsys.readouterr().out
    assert main(["deid", "residual", str(project), "--key", str(key)]) == 0
    assert "No known identifiers remain." in capsys.readouterr().out
    assert main(["retrieve", str(project), "Stipend pay"]) == 0
    assert "Jen" not in capsys.readouterr().out
    monkeypatch.setenv("ANNOTATOR_KEY_PASSPHRASE", "wrong")
    assert main(["deid", "residual", str(project), "--key", str(key)]) == 1
    assert "Wrong passphrase" in capsys.readouterr().err


def test_residual_exits_1_without_printing_the_identifier(tmp_path, capsys):
    project, key = tmp_path / "demo.annotator", tmp_path / "study.key"
    main(["demo", str(project)])
    main(["deid", "detect", str(project)])
    main(["deid", "apply", str(project), "--key", str(key), "--accept-all"])
    capsys.readouterr()
    from annotator.services.project_service import ProjectService

    with ProjectService.open(project) as service:
        service.codings.add_memo("project", "Call Louise Tremblay back")
    assert main(["deid", "residual", str(project), "--key", str(key)]) == 1
    out = capsys.readouterr().out
    assert "memo, characters 5-20: a known identifier of [Person" in out and "Louise" not in out
