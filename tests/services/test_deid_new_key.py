"""A lost key file is no dead end: a deliberate, audited new key, after which new transcripts are de-identified
again; the earlier pseudonyms stay, their originals unrecoverable, and the numbering goes on."""

import pytest

from annotator.core.errors import AnnotatorError
from annotator.services.deid_new_key import (
    CONSEQUENCES,
    earlier_pseudonyms,
    start_new_key,
)
from annotator.storage import audit


def _add(service, name, text):
    path = service.path.parent / name
    path.write_text(text, "utf-8")
    report = service.import_files([path])
    return report.results[0].document_id


def _identify(service, doc, word, kind="PERSON"):
    start = service.document_text(doc).index(word)
    service.deid.add(doc, start, start + len(word), kind)


def test_a_lost_key_is_replaced_deliberately_and_new_transcripts_are_de_identified(service, tmp_path):
    first = _add(service, "P01.txt", "I: Tell me about Dana Smith.\nR: Dana Smith ran the clinic.\n")
    _identify(service, first, "Dana Smith")
    lost = tmp_path / "lost.key"
    service.deid.apply(service.deid.new_key(), lost)
    earlier = service.document_text(first)
    assert "Dana" not in earlier
    lost.unlink()  # the key file is gone
    second = _add(service, "P02.txt", "I: And Priya Rao?\nR: Priya Rao came later.\n")
    _identify(service, second, "Priya Rao")
    new_key, new_path = service.deid.new_key(), tmp_path / "new.key"
    with pytest.raises(AnnotatorError, match="different key file.*start a new key file"):
        service.deid.apply(new_key, new_path)
    assert "Priya Rao" in service.document_text(second)  # refused: nothing changed
    assert earlier_pseudonyms(service) == 1 and "cannot be recovered" in CONSEQUENCES
    assert start_new_key(service, new_key, new_path) == 1
    entry = audit.entries(service.project.db)[0]
    assert entry.action == "start a new key file" and entry.details["pseudonyms_without_originals"] == 1
    assert audit.verify(service.project.db) is None
    service.deid.apply(new_key, new_path)
    assert "Priya" not in service.document_text(second)
    assert service.document_text(first) == earlier  # the earlier pseudonyms stay
    pseudonyms = {e.pseudonym for e in service.deid.entities("applied")}
    assert len(pseudonyms) == 2  # the numbering went on: Priya did not get Dana's pseudonym


def test_a_new_key_is_refused_where_it_makes_no_sense(service, tmp_path):
    with pytest.raises(AnnotatorError, match="no key file yet"):
        start_new_key(service, service.deid.new_key(), tmp_path / "k.key")
    doc = _add(service, "P01.txt", "I: Dana Smith?\nR: Yes.\n")
    _identify(service, doc, "Dana Smith")
    key = service.deid.new_key()
    service.deid.apply(key, tmp_path / "k.key")
    with pytest.raises(AnnotatorError, match="already the project's key"):
        start_new_key(service, key, tmp_path / "other.key")
    with pytest.raises(AnnotatorError, match="already exists"):
        start_new_key(service, service.deid.new_key(), tmp_path / "k.key")
