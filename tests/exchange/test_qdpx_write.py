"""Issue 11, points 1 and 9 and the positions in exports: what Annotator writes carries every optional attribute
other programs read (creating user and dates on sources, selections, codings and notes), survives text pasted from
Word, and puts selections on the same words whether positions are written as the standard counts them (code
points) or as NVivo does (UTF-16 units)."""

import zipfile

import pytest
from lxml import etree

from annotator.exchange.qdpx_read import read_qdpx
from tests.exchange.qualcoder_client import small_project
from tests.exchange.test_refi import REFI, needs_refi, schema

Q = "{urn:QDA-XML:project:1.0}"


@pytest.fixture
def small(tmp_path):
    with small_project(tmp_path / "small.annotator") as service:
        yield service


def qde_of(path) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(path).read("project.qde"))


# --------------------------------------------------------------------------------------------- 1. attributes
@needs_refi
def test_every_known_user_and_date_is_written_where_other_programs_read_it(small, tmp_path):
    out = tmp_path / "small.qdpx"
    small.exchange.export_qdpx(out)
    qde = qde_of(out)
    validator = schema("Project.xsd")
    assert validator.validate(qde), validator.error_log.last_error
    users = {u.get("guid"): u.get("name") for u in qde.iter(Q + "User")}
    selections = list(qde.iter(Q + "PlainTextSelection"))
    text_selections = [s for s in selections if s.getparent().tag == Q + "TextSource"]
    assert len(text_selections) == 3
    for element in text_selections + list(qde.iter(Q + "Coding")):  # QualCoder reads the coder off the selection
        assert users[element.get("creatingUser")] in ("ana", "ben") and element.get("creationDateTime")
    assert sorted(users[s.get("creatingUser")] for s in text_selections) == ["ana", "ana", "ben"]
    for note in qde.iter(Q + "Note"):  # QualCoder stops at the first Note without a date
        assert note.get("creationDateTime") and note.get("modifiedDateTime") and note.get("name")
        assert users[note.get("creatingUser")] == "ben"
    for source in qde.iter(Q + "TextSource"):
        assert source.get("creationDateTime")
    names = [n.get("name") for n in qde.iter(Q + "Note")]
    assert len(names) == len(set(names))  # QualCoder files Notes as journal entries under unique names


# ------------------------------------------------------------------------------------ 9. control characters
@needs_refi
def test_a_memo_pasted_from_word_with_control_characters_exports(small, tmp_path):
    from annotator.storage import codings

    small.codings.add_memo("project", "pasted\x0bfrom\x07 Word\x1f", title="Bell\x07")
    assert small.codings.memos("project")[-1].body == "pasted\nfrom Word"  # cleaned on the way in
    with small.project.atomic() as db:  # and on the way out, whatever got in before
        codings.add_memo(db, target="project", coder_id=small.coder_id, title="Old\x01", body="from\x02 before")
        db.execute("UPDATE codes SET description = 'tab\tbell\x07' WHERE name = 'Pay'")
    out = tmp_path / "ctrl.qdpx"
    small.exchange.export_qdpx(out)
    qde = qde_of(out)
    assert schema("Project.xsd").validate(qde)
    notes = {n.title: n.text for n in read_qdpx(out.read_bytes()).notes}
    assert notes["Old"] == "from before" and notes["Bell"] == "pasted\nfrom Word"
    small.exchange.export_codebook(tmp_path / "c.qdc")
    small.reports.memos_report(tmp_path / "memos.docx")


# --------------------------------------------------------------------------------- positions: both readings
EMOJI = "Interviewer: And the outreach?\nDana: 😅 Long nights, 🚐 van runs, and 👍 thanks from people we knew.\n"


@pytest.fixture
def emoji_project(service, tmp_path):
    (tmp_path / "P09.txt").write_text(EMOJI, encoding="utf-8")
    service.import_files([tmp_path / "P09.txt"])
    doc = service.documents()[0].id
    text = service.document_text(doc)
    code = service.codebook.add_code("Outreach")
    for words in ("van runs", "thanks from people we knew"):
        start = text.index(words)
        service.codings.code_passage(doc, code, start, start + len(words))
    return service, text


def _selections(path):
    qde = qde_of(path)
    source = next(qde.iter(Q + "TextSource"))
    text = zipfile.ZipFile(path).read("sources/" + source.get("plainTextPath")[11:]).decode("utf-8")
    return text, [(int(s.get("startPosition")), int(s.get("endPosition"))) for s in source.iter(Q + "PlainTextSelection")]


def test_standard_positions_are_code_points_and_nvivo_positions_are_utf16_units(emoji_project, tmp_path):
    service, stored = emoji_project
    standard, nvivo = tmp_path / "standard.qdpx", tmp_path / "nvivo.qdpx"
    service.exchange.export_qdpx(standard)
    service.exchange.export_qdpx(nvivo, positions="utf16")
    text, spans = _selections(standard)
    assert [text[a:b] for a, b in spans] == ["van runs", "thanks from people we knew"]  # read as code points
    text, spans = _selections(nvivo)
    units = text.encode("utf-16-le")
    as_nvivo_reads = [units[2 * a:2 * b].decode("utf-16-le") for a, b in spans]
    assert as_nvivo_reads == ["van runs", "thanks from people we knew"]  # read as UTF-16 units, as NVivo does
    assert [text[a:b] for a, b in spans] != as_nvivo_reads  # the other reading lands off the words
    for path in (standard, nvivo):  # and Annotator reads each back onto the same words
        project = read_qdpx(path.read_bytes())
        source = project.sources[0]
        assert [source.text[s.start:s.end] for s in source.selections] == ["van runs", "thanks from people we knew"]
    assert service.exchange.astral_characters() == 3


@needs_refi
def test_a_project_from_nvivo_goes_back_for_nvivo_on_the_same_units(service, tmp_path):
    data = (REFI / "samples" / "nvivo-win-12.6_oltas0517.qdpx").read_bytes()
    original = read_qdpx(data)
    service.exchange.import_qdpx(data, "nvivo.qdpx")
    out = tmp_path / "for-nvivo.qdpx"
    service.exchange.export_qdpx(out, positions="utf16")
    again = read_qdpx(out.read_bytes())
    quotes = lambda p: sorted(s.text[x.start:x.end] for s in p.sources for x in s.selections)  # noqa: E731
    assert quotes(again) == quotes(original) and len(quotes(again)) == 303


def test_the_extension_part_is_written_source_by_source_not_built_as_one_tree(small):
    """A team's 100,000 speaker turns as one lxml tree took 110 MB during an export: each source's part goes out to
    the archive before the next is made."""
    import io

    from annotator.exchange.extension import read_extension, write_extension
    from annotator.services.exchange_service import project_model

    model = project_model(small, texts=False)
    stream = io.BytesIO()
    written_when_made = []

    class Watched(list):
        def __iter__(self):
            for source in super().__iter__():
                written_when_made.append(stream.tell())
                yield source

    model.sources = Watched(model.sources)
    write_extension(stream, model, "codepoints", "Annotator", {})
    assert len(written_when_made) == 2 and written_when_made[1] > written_when_made[0] > 0
    again = project_model(small)  # (with its texts: turns are checked against them)
    turns = [list(s.turns) for s in again.sources]
    for source in again.sources:
        source.turns = None
    assert read_extension(stream.getvalue(), again) == "codepoints"
    assert [list(s.turns) for s in again.sources] == turns and turns[0]
