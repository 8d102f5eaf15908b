import csv

from annotator.services.demo import DEMO_NAME, build_demo, sample_files


def test_demo_project_holds_every_sample_with_participants_linked(tmp_path, samples):
    service, report = build_demo(tmp_path / "demo.annotator", deidentify=False)
    with service:
        assert report.failed == 0 and report.imported == len(sample_files()) >= 8
        info = service.info()
        assert info["name"] == DEMO_NAME and info["participants"] == 8 and info["audit_log_intact"]
        rows = list(csv.DictReader((samples / "participants.csv").open(encoding="utf-8")))
        docs = {d.name: d for d in service.documents()}
        for row in rows:
            doc = docs[row["transcript"].rsplit(".", 1)[0]]
            assert doc.participant == row["participant"]
            mapped = {s.label: s.participant for s in service.speakers(doc.id)}
            assert mapped[row["speaker"]] == row["participant"]
        assert service.history.undo_name is None  # building the demo is not an undoable step


def test_the_demo_is_de_identified_by_default_with_its_key_beside_it(tmp_path):
    from annotator.deid.keyfile import load_key
    from annotator.services.demo import demo_key_path

    service, _ = build_demo(tmp_path / "demo.annotator")
    with service:
        key = load_key(demo_key_path(tmp_path / "demo.annotator"))
        assert key.key_id == service.project.setting("deid.key_id") and len(key.entities) > 80
        assert service.deid.residual(key) == []
        dana = next(d for d in service.documents() if d.participant == "P03")
        assert [s.label for s in service.speakers(dana.id)] == ["Interviewer", "[Participant 3]"]
        assert all(service.document_text(c.document_id)[c.start:c.end] == c.quote
                   for d in service.documents() for c in service.codings.for_document(d.id))
        assert service.info()["codings"] == 348 and service.history.undo_name is None
