import csv
import json
import re

import pytest

from annotator.services.demo import DEMO_NAME, build_demo, sample_files


@pytest.fixture(scope="module")
def deidentified_demo(tmp_path_factory):
    """The demo as it is shipped: de-identified, with its key beside it; built once for the tests below."""
    path = tmp_path_factory.mktemp("demo") / "demo.annotator"
    service, _ = build_demo(path)
    yield path, service
    service.close()


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


def test_the_demo_is_de_identified_by_default_with_its_key_beside_it(deidentified_demo):
    from annotator.deid.keyfile import load_key
    from annotator.services.demo import demo_key_path

    path, service = deidentified_demo
    if True:
        key = load_key(demo_key_path(path))
        assert key.key_id == service.project.setting("deid.key_id") and len(key.entities) > 80
        assert service.deid.residual(key) == []
        dana = next(d for d in service.documents() if d.participant == "P03")
        assert [s.label for s in service.speakers(dana.id)] == ["Interviewer", "[Participant 3]"]
        assert all(service.document_text(c.document_id)[c.start:c.end] == c.quote
                   for d in service.documents() for c in service.codings.for_document(d.id))
        assert service.info()["codings"] == 348 and service.history.undo_name is None


def test_the_de_identified_demo_holds_no_original_anywhere_in_the_project_file(deidentified_demo, samples):
    """Every identifier of the samples' gold list is gone: from the text, memos, codes, speakers, names and every
    other table, and from the file's bytes ("out to Esquimalt" in sample 04 once survived)."""
    path, service = deidentified_demo
    originals = {g["text"] for g in json.loads((samples / "identifiers.json").read_text("utf-8"))}
    dump = "\n".join(service.project.db.conn.iterdump())
    left = sorted(o for o in originals if re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", dump))
    assert left == []
    service.project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = path.read_bytes()
    assert [o for o in originals if len(o) >= 5 and o.encode("utf-8") in raw] == []
    p04 = next(d for d in service.documents() if d.participant == "P04")
    assert "out to [Place" in service.document_text(p04.id)
    speakers = {s.label for d in service.documents() for s in service.speakers(d.id)}
    assert not speakers & originals
