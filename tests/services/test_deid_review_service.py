"""What the review and the residual list ask of the service: entities filtered by status, type, band and
document; each mention with its whole sentence; dismissing a residual hit for good (undoably); the residual scan's
progress and Cancel."""

import pytest

from annotator.core.errors import AnnotatorError
from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService


@pytest.fixture(scope="module")
def detected_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.annotator"
    service, _ = build_demo(path, deidentify=False)
    service.deid.detect()
    service.close()
    return path


@pytest.fixture
def demo(detected_path, tmp_path):
    copy = tmp_path / "demo.annotator"
    copy.write_bytes(detected_path.read_bytes())
    service = ProjectService.open(copy, coder="tester")
    yield service
    service.close()


def test_entities_filter_by_status_type_band_and_document(demo):
    everything = demo.deid.entities()
    doc = demo.documents()[3]
    assert demo.deid.entities(kind="PLACE") == [e for e in everything if e.type == "PLACE"]
    assert demo.deid.entities(bands=("low", "medium")) == [e for e in everything if e.band != "high"]
    assert demo.deid.entities(document_id=doc.id) == [e for e in everything if doc.id in e.document_ids]
    both = demo.deid.entities("suggested", kind="PERSON", bands=("high",), document_id=doc.id)
    assert both == [e for e in everything if e.status == "suggested" and e.type == "PERSON" and e.band == "high"
                    and doc.id in e.document_ids]
    assert {e.band for e in everything} == {"high", "medium", "low"}  # the demo has all three


def test_each_mention_comes_with_its_whole_sentence(demo):
    louise = next(e for e in demo.deid.entities() if e.label == "Louise Tremblay")
    for m in demo.deid.mentions(louise.id):
        text = demo.document_text(m.document_id)
        sentence = m.sentence_before + m.text + m.sentence_after
        assert " ".join(sentence.split()) in " ".join(text.split())
        assert len(sentence) >= 80 or sentence.rstrip().endswith((".", "?", "!"))
        assert m.before and m.before in " ".join(text[:m.start].split())


def test_dismissing_a_residual_word_keeps_it_as_rejected_and_undo_brings_it_back(demo):
    new = demo.deid.dismiss("Kamloops Ridge", "PLACE")  # not an entity yet: a rejected one, with no mentions
    entity = next(e for e in demo.deid.entities() if e.id == new)
    assert (entity.status, entity.type, entity.mentions, entity.reasons) == \
        ("rejected", "PLACE", 0, ("dismissed in the residual scan",))
    vandu = next(e for e in demo.deid.entities() if e.label == "VANDU")
    assert demo.deid.dismiss("vandu", "AGENCY") == vandu.id  # an existing entity of the same words: rejected
    assert next(e for e in demo.deid.entities() if e.id == vandu.id).status == "rejected"
    demo.undo()
    assert next(e for e in demo.deid.entities() if e.id == vandu.id).status == "suggested"
    demo.undo()
    assert all(e.id != new for e in demo.deid.entities())
    with pytest.raises(AnnotatorError):
        demo.deid.dismiss("  ", "PLACE")


def test_the_residual_scan_reports_progress_and_can_be_cancelled(demo):
    key = demo.deid.new_key()
    seen = []
    hits = demo.deid.residual(key, True, progress=lambda done, total, what: seen.append((done, total, what)))
    assert [s[0] for s in seen] == list(range(len(demo.documents())))
    assert seen[0][2] == demo.documents()[0].name and hits
    rejected_word = next(h.text for h in hits if not h.known)
    demo.deid.dismiss(rejected_word, "OTHER")
    assert rejected_word not in {h.text for h in demo.deid.residual(key, True)}
    with pytest.raises(AnnotatorError, match="cancelled"):
        demo.deid.residual(key, True, is_cancelled=lambda: True)
