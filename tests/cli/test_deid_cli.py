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


def detected_demo(tmp_path, capsys):
    project = tmp_path / "demo.annotator"
    main(["demo", str(project), "--raw"])
    main(["deid", "detect", str(project)])
    capsys.readouterr()
    return project


def listed(capsys, *argv):
    assert main(["deid", "list", *map(str, argv), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_list_filters_by_type_band_status_and_document(tmp_path, capsys):
    project = detected_demo(tmp_path, capsys)
    everything = listed(capsys, project)
    assert len(everything) > 80 and {"confidence", "band", "reasons", "pseudonym", "documents"} <= set(everything[0])
    assert all(e["pseudonym"].startswith("[") for e in everything)  # shown before accepting
    low_places = listed(capsys, project, "--type", "place", "--band", "low", "--status", "suggested")
    assert low_places == [e for e in everything if e["type"] == "PLACE" and e["band"] == "low"]
    assert low_places and all(e["confidence"] < 0.5 for e in low_places)
    two_bands = listed(capsys, project, "--band", "high", "--band", "medium")
    assert len(two_bands) == sum(1 for e in everything if e["band"] != "low")
    in_p04 = listed(capsys, project, "--document", "04_P04_interview")
    assert in_p04 and all("04_P04_interview" in e["documents"] for e in in_p04)
    assert any(e["text"] == "Esquimalt" for e in in_p04)
    assert main(["deid", "list", str(project), "--type", "PLACE"]) == 0
    out = capsys.readouterr().out
    assert "[Place" in out and out.rstrip().endswith(f"{sum(e['type'] == 'PLACE' for e in everything)} entities")
    assert main(["deid", "list", str(project), "--document", "nope"]) == 1
    assert "no document called 'nope'" in capsys.readouterr().err


def test_accept_by_band_and_type_then_by_id_and_reject(tmp_path, capsys):
    project = detected_demo(tmp_path, capsys)
    everything = listed(capsys, project)
    high_places = {e["id"] for e in everything if e["type"] == "PLACE" and e["band"] == "high"}
    assert main(["deid", "accept", str(project), "--band", "high", "--type", "PLACE"]) == 0
    assert capsys.readouterr().out.startswith(f"Accepted {len(high_places)} entities;")
    assert {e["id"] for e in listed(capsys, project, "--status", "accepted")} == high_places
    low = [e["id"] for e in everything if e["band"] == "low"][:2]
    assert main(["deid", "reject", str(project), "--id", str(low[0]), "--id", str(low[1])]) == 0
    assert capsys.readouterr().out.startswith("Rejected 2 entities;")
    assert {e["id"] for e in listed(capsys, project, "--status", "rejected")} == set(low)
    medium = next(e for e in everything if e["band"] == "medium")
    assert main(["deid", "accept", str(project), "--id", str(medium["id"])]) == 0
    capsys.readouterr()
    accepted = {e["id"]: e for e in listed(capsys, project, "--status", "accepted")}
    assert set(accepted) == high_places | {medium["id"]}
    assert accepted[medium["id"]]["pseudonym"] == medium["pseudonym"]  # the one it was shown with
    assert main(["deid", "accept", str(project), "--id", "99999"]) == 1
    assert "No entity has the id 99999" in capsys.readouterr().err


def test_apply_accepting_a_band_then_the_residual_scan_looks_for_the_unknown(tmp_path, capsys, monkeypatch):
    project, key = detected_demo(tmp_path, capsys), tmp_path / "study.key"
    everything = listed(capsys, project)
    high = {e["text"] for e in everything if e["band"] == "high"}
    monkeypatch.setenv("ANNOTATOR_KEY_PASSPHRASE", "a long passphrase")
    assert main(["deid", "apply", str(project), "--key", str(key), "--accept-band", "high"]) == 0
    capsys.readouterr()
    after = listed(capsys, project)
    assert {e["status"] for e in after if e["band"] == "high"} == {"applied"}
    assert {e["status"] for e in after if e["band"] != "high"} == {"suggested"}
    assert main(["deid", "residual", str(project), "--key", str(key)]) == 0  # no known original left
    capsys.readouterr()
    assert main(["deid", "residual", str(project), "--key", str(key), "--unknown", "--json"]) == 1
    hits = json.loads(capsys.readouterr().out)
    assert hits and not any(h["known"] for h in hits)
    assert {"text", "why", "type"} <= set(hits[0]) and not any(h["text"] in high for h in hits)
    assert "Esquimalt" in {h["text"] for h in hits}  # medium confidence, not accepted: still there, listed
    assert main(["deid", "residual", str(project), "--key", str(key), "--unknown"]) == 1
    out = capsys.readouterr().out
    assert "possibly place 'Esquimalt'" in out
    assert out.rstrip().endswith(f"{len(hits)} possible identifiers to look at.")
