"""De-identification through the service on real projects: detect, review (undoable), apply with codings made
before and after, pseudonym consistency, the key file kept apart, redact-on-selection, residual scan."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.deid.keyfile import load_key
from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.annotator"
    service, _ = build_demo(path, deidentify=False)
    service.close()
    return path


@pytest.fixture
def demo(demo_path, tmp_path):
    copy = tmp_path / "demo.annotator"
    copy.write_bytes(demo_path.read_bytes())
    service = ProjectService.open(copy, coder="tester")
    yield service
    service.close()


def by_label(service):
    return {e.label: e for e in service.deid.entities()}


def by_id(service, entity_id):
    return next((e for e in service.deid.entities() if e.id == entity_id), None)


def dump(service) -> str:
    return "\n".join(service.project.db.conn.iterdump())


def test_detect_accept_apply_keeps_codings_on_their_words(demo, tmp_path):
    service = demo
    doc = service.documents()[0].id
    text = service.document_text(doc)
    code = service.codebook.add_code("Supervision")
    start = text.index("Sometimes Raj is really good about it")
    coding = service.codings.code_passage(doc, code, start, start + len("Sometimes Raj is really good about it"))
    plain_start = text.index("Most of it is overdose response.")
    plain = service.codings.code_passage(doc, code, plain_start, plain_start + 32)
    assert service.deid.detect() > 200
    entities = by_label(service)
    assert entities["Louise Tremblay"].type == "PERSON" and entities["Louise Tremblay"].status == "suggested"
    assert service.deid.accept_all() == len(service.deid.entities())
    raj = by_label(service)["Raj"]
    result = service.deid.apply(service.deid.new_key(), tmp_path / "study.key", "passphrase")
    assert result["documents"] == 8 and result["mentions"] >= 270
    new_text = service.document_text(doc)
    assert "Raj" not in new_text and "Louise Tremblay" not in new_text and raj.pseudonym in new_text
    moved = service.codings.get(coding)
    assert moved.quote == f"Sometimes {raj.pseudonym} is really good about it" == new_text[moved.start:moved.end]
    assert service.codings.get(plain).quote == "Most of it is overdose response."
    # Every coding still quotes exactly the text it points at.
    for d in service.documents():
        t = service.document_text(d.id)
        assert all(t[c.start:c.end] == c.quote for c in service.codings.for_document(d.id))
        for turn in service.speaker_turns(d.id):
            assert t[turn.start:turn.text_start].startswith(turn.speaker) or turn.speaker in t[turn.start:turn.text_start]
    # Coding after de-identification works on the new text.
    again = service.document_text(doc).index(raj.pseudonym)
    later = service.codings.code_passage(doc, code, again, again + len(raj.pseudonym))
    assert service.codings.get(later).quote == raj.pseudonym


def test_the_same_entity_gets_the_same_pseudonym_in_every_document(demo, tmp_path):
    service = demo
    service.deid.detect()
    service.deid.accept_all()
    health = by_label(service)["Fraser Health"]
    assert health.documents >= 2
    service.deid.apply(service.deid.new_key(), tmp_path / "k.key")
    docs_with = [d.name for d in service.documents() if health.pseudonym in service.document_text(d.id)]
    assert len(docs_with) == health.documents


def test_participant_speakers_become_participant_pseudonyms(demo, tmp_path):
    service = demo
    service.deid.detect()
    service.deid.accept_all()
    service.deid.apply(service.deid.new_key(), tmp_path / "k.key")
    dana_doc = next(d for d in service.documents() if d.participant == "P03")
    assert [s.label for s in service.speakers(dana_doc.id)] == ["Interviewer", "[Participant 3]"]
    assert service.document_text(dana_doc.id).count("[Participant 3]: ") == 21


def test_originals_live_only_in_the_key_file(demo, tmp_path):
    service = demo
    service.deid.detect()
    assert "Louise Tremblay" in dump(service)  # before applying, the text itself holds it
    service.deid.accept_all()
    key_path = tmp_path / "study.key"
    service.deid.apply(service.deid.new_key(), key_path, "s3cret")
    assert "Louise Tremblay" not in dump(service)
    assert b"Louise" not in key_path.read_bytes()  # encrypted
    key = load_key(key_path, "s3cret")
    louise = next(e for e in key.entities if "Louise Tremblay" in e.originals)
    assert louise.pseudonym.startswith("[Person ")
    assert service.project.setting("deid.key_id") == key.key_id
    audit_rows = [line for line in dump(service).splitlines() if "audit_log" in line]
    assert not any("Louise" in row or "Tremblay" in row for row in audit_rows)
    with pytest.raises(AnnotatorError, match="different key file"):
        service.deid.apply(service.deid.new_key(), tmp_path / "other.key")


def test_review_decisions_are_undoable(demo):
    service = demo
    service.deid.detect()
    entities = by_label(service)
    raj, jen = entities["Raj"], entities["Jen"]
    service.deid.reject([raj.id])
    assert by_label(service)["Raj"].status == "rejected"
    service.undo()
    assert by_label(service)["Raj"].status == "suggested"
    service.deid.merge([jen.id, raj.id])
    assert "Raj" not in by_label(service) and by_label(service)["Jen"].mentions == jen.mentions + raj.mentions
    service.undo()
    assert by_label(service)["Raj"].mentions == raj.mentions
    mentions = service.deid.mentions(jen.id)
    new_id = service.deid.split(jen.id, [mentions[0].id])
    assert by_id(service, jen.id).mentions == jen.mentions - 1 and by_id(service, new_id).mentions == 1
    service.undo()
    assert by_id(service, new_id) is None and by_id(service, jen.id).mentions == jen.mentions
    service.deid.set_replacement(jen.id, "[Peer worker 1]")
    assert by_id(service, jen.id).pseudonym == "[Peer worker 1]"
    service.deid.reject_mention(mentions[1].id)
    assert by_id(service, jen.id).mentions == jen.mentions - 1
    m = mentions[2]
    service.deid.edit_mention(m.id, m.start, m.end + 2)
    assert next(x for x in service.deid.mentions(jen.id) if x.id == m.id).end == m.end + 2
    service.undo()
    service.undo()
    service.undo()
    # back to the pseudonym detection gave it, shown before it was ever accepted
    assert by_id(service, jen.id).pseudonym == jen.pseudonym != "" and by_id(service, jen.id).mentions == jen.mentions


def test_redact_a_selection_adds_propagates_and_applies(demo, tmp_path):
    service = demo
    doc = next(d for d in service.documents() if d.participant == "P04")
    text = service.document_text(doc.id)
    at = text.index("Esquimalt")  # a place detection misses: the researcher spots it while coding
    service.deid.redact(doc.id, at, at + len("Esquimalt"), "PLACE", service.deid.new_key(), tmp_path / "k.key")
    new_text = service.document_text(doc.id)
    assert "Esquimalt" not in new_text and "[Place 1]" in new_text
    key = load_key(tmp_path / "k.key")
    assert key.entities[0].originals == ["Esquimalt"]


def test_residual_scan_finds_known_identifiers_left_anywhere(demo, tmp_path):
    service = demo
    service.deid.detect()
    service.deid.accept([by_label(service)["Louise Tremblay"].id])
    key_path = tmp_path / "k.key"
    service.deid.apply(service.deid.new_key(), key_path)
    key = load_key(key_path)
    assert service.deid.residual(key) == []
    service.codings.add_memo("project", "Ask Louise about the training dates")
    doc = service.documents()[1]
    code = service.codebook.add_code("Tremblay's programme")
    hits = service.deid.residual(key)
    assert sorted(h.where for h in hits) == ["code", "memo"]
    assert all(h.pseudonym.startswith("[Person") for h in hits)
    assert doc and code


@settings(max_examples=25, deadline=None)
@given(words=st.lists(st.sampled_from(["Jen", "went", "to", "Surrey", "with", "Raj", "and", "😀", "stipend"]),
                      min_size=8, max_size=40),
       ranges=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=6))
def test_apply_moves_every_coding_through_the_same_remap(words, ranges):
    """Property: after applying, a coding clear of every replaced name quotes the same words; every coding quotes
    exactly its range (names it covered are now pseudonyms)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "t.txt").write_text("Interviewer: hello\n\nR: " + " ".join(words) + "\n", encoding="utf-8")
        with ProjectService.create(folder / "p.annotator", coder="tester") as service:
            doc = service.import_files([folder / "t.txt"]).results[0].document_id
            text = service.document_text(doc)
            code = service.codebook.add_code("C")
            made = {}
            for a, b in ranges:
                start = int(min(a, b) * (len(text) - 1))
                end = max(start + 1, int(max(a, b) * len(text)))
                try:
                    coding = service.codings.code_passage(doc, code, start, end)
                except AnnotatorError:
                    continue  # white space only, or the same range twice
                c = service.codings.get(coding)
                made[coding] = (c.start, c.end, c.quote)
            for name, kind in (("Jen", "PERSON"), ("Raj", "PERSON"), ("Surrey", "PLACE")):
                if name in text:
                    at = text.index(name)
                    service.deid.add(doc, at, at + len(name), kind)
            names = [(m.start, m.end) for e in service.deid.entities("accepted") for m in service.deid.mentions(e.id)]
            service.deid.apply(service.deid.new_key(), folder / "k.key")
            new_text = service.document_text(doc)
            assert not any(n in new_text for n in ("Jen", "Raj", "Surrey"))
            for coding_id, (start, end, quote) in made.items():
                after = service.codings.get(coding_id)
                assert new_text[after.start:after.end] == after.quote
                if not any(s < end and start < e for s, e in names):
                    assert after.quote == quote


def test_detecting_again_after_applying_does_not_suggest_the_pseudonyms(demo, tmp_path):
    service = demo
    service.deid.detect()
    service.deid.accept_all()
    service.deid.apply(service.deid.new_key(), tmp_path / "k.key")
    service.deid.detect()
    pseudonyms = {e.pseudonym for e in service.deid.entities("applied")}
    suggested = service.deid.entities("suggested")
    assert not any(f"[{e.label}]" in pseudonyms or e.label in pseudonyms for e in suggested)
    for e in suggested:
        for m in service.deid.mentions(e.id):
            text = service.document_text(m.document_id)
            assert not (text[max(0, m.start - 1):m.start] == "[" and text[m.end:m.end + 1] == "]")
