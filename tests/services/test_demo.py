import csv

from annotator.services.demo import DEMO_NAME, build_demo, sample_files


def test_demo_project_holds_every_sample_with_participants_linked(tmp_path, samples):
    service, report = build_demo(tmp_path / "demo.annotator")
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
