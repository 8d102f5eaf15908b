"""Mapping detected speakers to participants, with undo and redo through the core history."""

import pytest

from annotator.core.errors import AnnotatorError


@pytest.fixture
def imported(service, tmp_path):
    path = tmp_path / "P03.txt"
    path.write_text("Interviewer: Hi Dana\n\nDANA: Hi.\n\nInterviewer: Tell me more.\n\nDANA: Sure.\n")
    report = service.import_files([path])
    return service, report.results[0].document_id


def by_label(service, document_id):
    return {s.label: (s.turn_count, s.participant) for s in service.speakers(document_id)}


def test_speakers_are_listed_with_turn_counts(imported):
    service, doc = imported
    assert by_label(service, doc) == {"Interviewer": (2, None), "DANA": (2, None)}


def test_map_speaker_undo_redo(imported):
    service, doc = imported
    p03 = service.add_participant("P03")
    service.map_speaker(doc, "DANA", p03)
    assert by_label(service, doc)["DANA"] == (2, "P03")
    assert service.documents()[0].participant == "P03"  # the unlinked interview became P03's in the same step
    assert service.history.undo_name == "Map speaker DANA and link the interview"
    service.undo()
    assert by_label(service, doc)["DANA"] == (2, None) and service.documents()[0].participant is None
    service.undo()  # the participant itself
    assert service.participants() == []
    service.redo()
    service.redo()
    assert by_label(service, doc)["DANA"] == (2, "P03") and service.documents()[0].participant == "P03"
    assert service.participants()[0].id == p03  # redo restores the same record, so later steps still fit


def test_removing_a_participant_is_undone_with_every_link(imported):
    service, doc = imported
    p03 = service.add_participant("P03")
    service.map_speaker(doc, "DANA", p03)
    service.link_document(doc, p03)
    service.remove_participant(p03)
    assert by_label(service, doc)["DANA"] == (2, None) and service.documents()[0].participant is None
    service.undo()
    assert by_label(service, doc)["DANA"] == (2, "P03") and service.documents()[0].participant == "P03"


def test_bad_requests_get_clear_messages(imported):
    service, doc = imported
    with pytest.raises(AnnotatorError, match="no speaker labelled 'Mark'"):
        service.map_speaker(doc, "Mark", None)
    service.add_participant("P03")
    with pytest.raises(AnnotatorError, match="already a participant called P03"):
        service.add_participant(" P03 ")
    with pytest.raises(AnnotatorError, match="needs a name"):
        service.add_participant("  ")


def test_mapping_a_speaker_never_relinks_an_interview_already_linked(imported):
    service, doc = imported
    p03, p04 = service.add_participant("P03"), service.add_participant("P04")
    service.link_document(doc, p04)  # a group interview, say, linked by hand
    assert not service.links_document_on_map(doc, p03)
    service.map_speaker(doc, "DANA", p03)
    assert service.documents()[0].participant == "P04"
    assert service.history.undo_name == "Map speaker DANA"
    service.map_speaker(doc, "DANA", None)  # unmapping never unlinks either
    assert service.documents()[0].participant == "P04"
