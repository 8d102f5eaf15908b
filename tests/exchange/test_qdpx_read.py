"""Issue 11, points 3-6, 10 and 11: what other programs write arrives, what cannot arrive is named with its reason,
and the wrong kind of file is answered with the command that takes it."""

import io
import zipfile

import pytest

from annotator.core.errors import AnnotatorError
from annotator.exchange.qdpx_read import read_qdpx
from tests.exchange.qualcoder_client import FIXTURE

NS = 'xmlns="urn:QDA-XML:project:1.0"'
CODE = "c0000000-0000-0000-0000-00000000000{}"
SOURCE = "a0000000-0000-0000-0000-00000000000{}"


def make_qdpx(members: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


def selection(n: int, start: int, end: int, code: int = 1) -> str:
    return (f'<PlainTextSelection guid="b0000000-0000-0000-0000-{n:012d}" startPosition="{start}" '
            f'endPosition="{end}"><Coding guid="d0000000-0000-0000-0000-{n:012d}"><CodeRef '
            f'targetGUID="{CODE.format(code)}"/></Coding></PlainTextSelection>')


def project(sources: str, notes: str = "", codes: str | None = None, origin: str = "test") -> str:
    codes = codes if codes is not None else f'<Code guid="{CODE.format(1)}" name="A" isCodable="true"/>'
    return (f'<Project {NS} name="x" origin="{origin}"><CodeBook><Codes>{codes}</Codes></CodeBook>'
            f'<Sources>{sources}</Sources>{notes}</Project>')


# ------------------------------------------------------------------------------------------------ 3. memos
def test_memos_qualcoder_writes_arrive_each_on_what_it_is_about(service):
    """QualCoder's own export: journal entries as Notes whose text is in a file, an annotation as a Note with its
    own PlainTextSelection, a coding memo as the selection's Description, a case memo as the case's."""
    counts = service.exchange.import_qdpx(FIXTURE.read_bytes(), FIXTURE.name)
    assert counts["memos"] == 5
    memos = {m.target: m for m in service.codings.all_memos()}
    journal = {m.title: m.body for m in service.codings.all_memos() if m.target == "project"}
    # QualCoder keeps no memos on codes: what was one arrives as a journal entry, as QualCoder shows it
    assert journal == {"Pilot": "Two pilot interviews.", "Memo on code Pay": "Pay means any money or gift card."}
    doc = next(d for d in service.documents() if d.name == "P01")
    text = service.document_text(doc.id)
    passage = memos["range"]
    assert passage.document_id == doc.id and text[passage.start:passage.end] == "We knew every camp by name"
    assert passage.body == "Names of camps: check before sharing."
    coded = service.codings.get(memos["coding"].coding_id)
    assert coded.quote == "the van runs kept me going." and memos["coding"].body == "Also reads as belonging."
    assert memos["participant"].body == "Spoke freely."
    # each by the coder QualCoder names; a case's memo has none in the file, so it is the importer's
    assert {m.target: m.coder for m in service.codings.all_memos()} == {
        "project": "ben", "range": "ben", "coding": "ana", "participant": "tester"}


def test_an_nvivo_style_memo_in_a_file_and_a_note_linked_to_a_passage(service):
    qde = project(f'<TextSource guid="{SOURCE.format(1)}" name="s" plainTextPath="internal://s.txt">'
                  f'{selection(1, 0, 5)}<NoteRef targetGUID="e0000000-0000-0000-0000-000000000001"/></TextSource>',
                  '<Notes><Note guid="e0000000-0000-0000-0000-000000000001" name="About s" '
                  'plainTextPath="internal://note.txt" creationDateTime="2019-06-04T05:25:16Z"/>'
                  '<Note guid="e0000000-0000-0000-0000-000000000002" name="On the passage">'
                  '<PlainTextContent>why this passage</PlainTextContent></Note></Notes>'
                  '<Links><Link guid="f0000000-0000-0000-0000-000000000001" '
                  'originGUID="e0000000-0000-0000-0000-000000000002" '
                  'targetGUID="b0000000-0000-0000-0000-000000000001"/></Links>')
    service.exchange.import_qdpx(make_qdpx({"project.qde": qde, "Sources/s.txt": "Hello world, here we are.",
                                            "Sources/note.txt": "\ufeffThe whole memo, from its own file."}))
    memos = {m.title: m for m in service.codings.all_memos()}
    assert memos["About s"].target == "document" and memos["About s"].body == "The whole memo, from its own file."
    assert memos["On the passage"].target == "coding" and memos["On the passage"].body == "why this passage"


# -------------------------------------------------------------------------------- 4. bad selections skipped
def test_one_bad_selection_does_not_abort_the_import(service):
    """Zero-length (ATLAS.ti writes these) and past-the-end selections are skipped and counted; one that runs
    past the end is cut there; the sound ones import."""
    text = "A short interview of forty characters."  # 38 characters
    sources = (f'<TextSource guid="{SOURCE.format(1)}" name="Interview 4" plainTextPath="internal://s.txt">'
               + selection(1, 2, 7) + selection(2, 20, 20) + selection(3, 38, 38) + selection(4, 90, 120)
               + selection(5, 27, 60) + "</TextSource>")
    plan = service.exchange.plan_import(make_qdpx({"project.qde": project(sources), "Sources/s.txt": text}))
    assert plan.lines()[-2:] == ["3 of 5 codings skipped: 2 empty, 1 past the end of 'Interview 4'",
                                 "1 coding in 'Interview 4' ran past the end of its text; cut at the end"]
    result = service.exchange.apply(plan)
    assert result.counts["codings"] == 2
    doc = service.documents()[0].id
    assert sorted(c.quote for c in service.codings.for_document(doc)) == ["characters.", "short"]


# ------------------------------------------------------------------------------------ 5. media sources named
def test_pictures_audio_video_and_pdf_areas_are_named_with_their_codings(service):
    coding = '<Coding guid="{g}"><CodeRef targetGUID="' + CODE.format(1) + '"/></Coding>'
    media = (f'<PictureSource guid="{SOURCE.format(2)}" name="map.jpg" path="internal://m.jpg">'
             f'<PictureSelection guid="b1000000-0000-0000-0000-000000000001" firstX="1" firstY="1" secondX="5" '
             f'secondY="5">{coding.format(g="d1000000-0000-0000-0000-000000000001")}</PictureSelection>'
             f'</PictureSource>'
             f'<AudioSource guid="{SOURCE.format(3)}" name="walk.m4a" path="internal://w.m4a"/>'
             f'<VideoSource guid="{SOURCE.format(4)}" name="tour.mp4" path="internal://t.mp4"/>'
             f'<PDFSource guid="{SOURCE.format(5)}" name="policy.pdf" path="internal://p.pdf">'
             f'<PDFSelection guid="b2000000-0000-0000-0000-000000000001" page="1" firstX="1" firstY="1" '
             f'secondX="5" secondY="5">{coding.format(g="d2000000-0000-0000-0000-000000000001")}</PDFSelection>'
             f'<Representation guid="{SOURCE.format(6)}" plainTextPath="internal://p.txt">{selection(7, 0, 6)}'
             f'</Representation></PDFSource>')
    plan = service.exchange.plan_import(make_qdpx({"project.qde": project(media), "sources/p.txt": "Policy text."}))
    assert plan.lines()[-4:] == [
        "Left out 1 picture ('map.jpg') with 1 coding: Annotator holds text transcripts only",
        "Left out 1 audio file ('walk.m4a'): Annotator holds text transcripts only",
        "Left out 1 video ('tour.mp4'): Annotator holds text transcripts only",
        "Left out 1 coded area of PDF pages in 'policy.pdf' (the PDF's text and its text codings were imported)"]
    counts = service.exchange.apply(plan).counts
    assert (counts["documents"], counts["codings"]) == (1, 1)  # the PDF's text representation, with its coding
    assert service.documents()[0].name == "policy.pdf"


# -------------------------------------------------------------------------- 6. sources kept apart by GUID
def test_two_sources_with_the_same_text_stay_two_documents_and_empty_ones_are_named(service):
    sources = "".join(f'<TextSource guid="{SOURCE.format(n)}" name="{name}" plainTextPath="internal://{file}"/>'
                      for n, name, file in ((1, "Interview", "a.txt"), (2, "Interview copy", "a.txt"),
                                            (3, "Placeholder", "e.txt"), (4, "Another placeholder", "e.txt")))
    plan = service.exchange.plan_import(make_qdpx({"project.qde": project(sources),
                                                   "Sources/a.txt": "Interviewer: Hi.\nDana: Hello.",
                                                   "Sources/e.txt": "\r\n \r\n"}))
    assert plan.lines()[-1] == "Left out 2 empty sources ('Placeholder', 'Another placeholder'): no text to import"
    service.exchange.apply(plan)
    assert [d.name for d in service.documents()] == ["Interview", "Interview copy"]


# ------------------------------------------------------------------------------ 10. the wrong kind of file
def test_a_codebook_given_as_a_project_and_a_project_given_as_a_codebook_name_the_right_command(service, tmp_path):
    qdc = b'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'
    with pytest.raises(AnnotatorError, match=r"c\.qdc is a REFI-QDA codebook \(\.qdc\), not a whole project: bring "
                                             r"its codes in with Import Codebook .*annotator codebook import"):
        service.exchange.plan_import(qdc, "c.qdc")
    with pytest.raises(AnnotatorError, match=r"p\.qdpx is a REFI-QDA project \(\.qdpx\), not a codebook: .*"
                                             r"File > Import or Merge a Project.*annotator merge"):
        service.exchange.plan_codebook_import(FIXTURE.read_bytes(), "p.qdpx")
    (tmp_path / "c.qdc").write_bytes(qdc)
    with pytest.raises(AnnotatorError, match="Import Codebook"):
        service.exchange.plan_merge(tmp_path / "c.qdc")


# --------------------------------------------------------------------- 11. isCodable and source descriptions
def test_code_folders_and_source_descriptions_are_kept_and_go_back_out(service, tmp_path):
    codes = (f'<Code guid="{CODE.format(2)}" name="Topics" isCodable="false">'
             f'<Code guid="{CODE.format(1)}" name="A" isCodable="true"/></Code>')
    sources = (f'<TextSource guid="{SOURCE.format(1)}" name="s" plainTextPath="internal://s.txt">'
               f'<Description>Recorded at the drop-in, second visit.</Description>{selection(1, 0, 5)}</TextSource>')
    service.exchange.import_qdpx(make_qdpx({"project.qde": project(sources, codes=codes),
                                            "Sources/s.txt": "Hello world."}))
    book = service.codebook.codebook
    assert book.by_path("Topics").codable is False and book.by_path("Topics > A").codable is True
    [memo] = service.codings.all_memos()
    assert (memo.target, memo.body) == ("document", "Recorded at the drop-in, second visit.")
    out = tmp_path / "back.qdpx"
    service.exchange.export_qdpx(out)
    again = read_qdpx(out.read_bytes())
    assert [c.codable for _p, c in again.all_codes()] == [False, True]
    qde = zipfile.ZipFile(out).read("project.qde").decode()
    assert 'isCodable="false"' in qde and "<Description>Recorded at the drop-in, second visit.</Description>" in qde
