"""Coding and uncoding passages, whole turns, in-vivo codes and memos, through the service with undo."""

import pytest

from annotator.core.errors import AnnotatorError

TEXT = "Interviewer: What do you do?\n\nDANA: 😀 I do outreach.\nAnd naloxone training.\n\nInterviewer: Thanks.\n"


@pytest.fixture
def doc(service, tmp_path):
    path = tmp_path / "P03.txt"
    path.write_text(TEXT, encoding="utf-8")
    document_id = service.import_files([path]).results[0].document_id
    return service, document_id, service.document_text(document_id)


def test_code_passage_trims_selection_and_stores_the_quote(doc):
    service, d, text = doc
    code = service.codebook.add_code("Outreach")
    start = text.index("I do") - 1  # a mouse selection with a leading space and trailing newline
    coding_id = service.codings.code_passage(d, code, start, text.index("And") )
    coding = service.codings.get(coding_id)
    assert text[coding.start:coding.end] == coding.quote == "I do outreach."
    assert coding.coder == "tester"
    with pytest.raises(AnnotatorError, match="already coded with 'Outreach'"):
        service.codings.code_passage(d, code, coding.start, coding.end)
    with pytest.raises(AnnotatorError, match="Select some text"):
        service.codings.code_passage(d, code, 0, 0)


def test_undo_redo_coding(doc):
    service, d, text = doc
    code = service.codebook.add_code("Outreach")
    service.codings.code_passage(d, code, text.index("I do"), text.index(" training") )
    assert service.history.undo_name == "Code passage as 'Outreach'"
    service.undo()
    assert service.codings.for_document(d) == []
    service.redo()
    assert [c.quote for c in service.codings.for_document(d)] == ["I do outreach.\nAnd naloxone"]


def test_code_whole_turn_codes_the_speech_without_the_label(doc):
    service, d, text = doc
    code = service.codebook.add_code("Frontline work")
    coding = service.codings.get(service.codings.code_turn(d, code, text.index("outreach")))
    assert coding.quote == "😀 I do outreach.\nAnd naloxone training."
    with pytest.raises(AnnotatorError, match="no speaker turn"):
        service.codings.code_turn(d, code, len(text) + 10)


def test_in_vivo_creates_the_code_and_the_coding_as_one_action(doc):
    service, d, text = doc
    code_id = service.codings.code_in_vivo(d, text.index("naloxone"), text.index(" training."))
    assert service.codebook.codebook[code_id].name == "naloxone"
    assert [c.quote for c in service.codings.for_document(d)] == ["naloxone"]
    service.undo()
    assert len(service.codebook.codebook) == 0 and service.codings.for_document(d) == []
    service.redo()
    assert service.codebook.codebook[code_id].name == "naloxone" and len(service.codings.for_document(d)) == 1


def test_uncode_and_undo(doc):
    service, d, text = doc
    code = service.codebook.add_code("Outreach")
    coding = service.codings.code_passage(d, code, text.index("I do"), text.index(" training"))
    service.codings.add_memo("coding", "first mention", coding_id=coding)
    service.codings.uncode([coding])
    assert service.codings.for_document(d) == [] and service.codings.memos("coding", coding) == []
    service.undo()
    assert service.codings.get(coding).quote.startswith("I do") and service.codings.memos("coding", coding)


def test_memos_on_every_target_with_undo(doc):
    service, d, text = doc
    code = service.codebook.add_code("Outreach")
    project_memo = service.codings.add_memo("project", "Analytic decisions", title="Decisions")
    service.codings.add_memo("document", "Rural, by phone", document_id=d)
    service.codings.add_memo("code", "Definition drift", code_id=code)
    service.codings.add_memo("range", "Check this", document_id=d, start=text.index("And"), end=text.index(" training"))
    assert service.codings.memos("project")[0].title == "Decisions"
    assert service.codings.memos("range", d)[0].start == text.index("And")
    service.codings.edit_memo(project_memo, "Decisions", "Changed my mind")
    assert service.codings.memos("project")[0].body == "Changed my mind"
    service.undo()
    assert service.codings.memos("project")[0].body == "Analytic decisions"
    service.codings.delete_memo(project_memo)
    assert service.codings.memos("project") == []
    service.undo()
    assert service.codings.memos("project")[0].id == project_memo
    with pytest.raises(AnnotatorError, match="memo is empty"):
        service.codings.add_memo("project", "  ")


def test_readonly_project_refuses_coding(tmp_path):
    from annotator.services.project_service import ProjectService

    path = tmp_path / "p.annotator"
    ProjectService.create(path).close()
    with ProjectService.open(path, readonly=True) as service:
        with pytest.raises(AnnotatorError, match="read-only"):
            service.codebook.add_code("x")


def test_documents_report_the_share_of_text_coded_counting_overlaps_once(doc):
    service, d, text = doc
    a, b = service.codebook.add_code("A"), service.codebook.add_code("B")
    service.codings.code_passage(d, a, 0, 20)
    service.codings.code_passage(d, b, 10, 30)  # overlaps the first by 10 characters
    service.codings.code_passage(d, b, 40, 45)
    covered = set()
    for coding in service.codings.for_document(d):  # the ranges as stored (trimmed of white space)
        covered |= set(range(coding.start, coding.end))
    assert len(covered) < sum(c.end - c.start for c in service.codings.for_document(d))  # there is an overlap
    assert service.documents()[0].coded_share == pytest.approx(len(covered) / len(text))


def test_a_selection_starting_on_a_speaker_label_codes_the_words_only(service, tmp_path):
    path = tmp_path / "P02.txt"
    path.write_text("Interviewer: Okay, it's recording now.\n\nDANA: We're casual. No sick days.\n", encoding="utf-8")
    document = service.import_files([path]).results[0].document_id
    text = service.document_text(document)
    start = text.index("DANA:")
    coding = service.codings.code_passage(document, service.codebook.add_code("Casual work"), start, len(text))
    assert service.codings.get(coding).quote == "We're casual. No sick days."
    code = service.codings.code_in_vivo(document, 0, text.index("\n"))
    assert service.codebook.codebook[code].name == "Okay, it's recording now"
