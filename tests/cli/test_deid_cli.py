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
    main(["demo", str(project), "--raw"])
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
    main(["demo", str(project), "--raw"])
    main(["deid", "detect", str(project)])
    main(["deid", "apply", str(project), "--key", str(key), "--accept-all"])
    capsys.readouterr()
    from annotator.services.project_service import ProjectService

    with ProjectService.open(project) as service:
        service.codings.add_memo("project", "Call Louise Tremblay back")
    assert main(["deid", "residual", str(project), "--key", str(key)]) == 1
    out = capsys.readouterr().out
    assert "memo, characters 5-20: a known identifier of [Person" in out and "Louise" not in out


def test_identifier_list_from_csv_always_wins(tmp_path, capsys):
    project, key = tmp_path / "demo.annotator", tmp_path / "study.key"
    main(["demo", str(project), "--raw"])
    listing = tmp_path / "names.csv"
    listing.write_text("name,type\nWayne,PERSON\nCariboo,PLACE\n\n", encoding="utf-8")
    assert main(["deid", "identifiers", str(project), "--key", str(key), "--import", str(listing),
                 "--add", "Lou=PERSON", "--json"]) == 0
    capsys.readouterr()
    assert main(["deid", "detect", str(project), "--key", str(key), "--json"]) == 0
    entities = {e["text"]: e for e in json.loads(capsys.readouterr().out)["entities"]}
    assert entities["Wayne"]["mentions"] == 2 and entities["Lou"]["type"] == "PERSON"
    from annotator.services.project_service import ProjectService

    with ProjectService.open(project) as service:
        reasons = {m.reason for e in service.deid.entities() if e.label == "Wayne" for m in service.deid.mentions(e.id)}
        settings = dict(service.project.db.execute("SELECT key, value FROM settings").fetchall())
    assert reasons == {"identifier list"}
    from annotator.deid.keyfile import load_key

    assert {i["text"] for i in load_key(key).identifiers} == {"Wayne", "Cariboo", "Lou"}
    assert not any("Cariboo" in value for value in settings.values())  # the list lives in the key file only
