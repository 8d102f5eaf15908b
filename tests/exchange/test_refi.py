"""REFI-QDA: strict, schema-valid exports; lenient imports of files real QDA software wrote, with every coding on
the text its producer meant; round trips; hostile files."""

import io
import re
import zipfile

import pytest
from lxml import etree

from annotator.core.errors import AnnotatorError
from annotator.exchange.qdpx_read import read_qdpx
from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService
from tests.conftest import ROOT

REFI = ROOT.parent / "shared" / "data" / "refi-qda"
needs_refi = pytest.mark.skipif(not REFI.exists(), reason="the shared REFI-QDA samples are not beside the repository")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("refi") / "demo.annotator"
    service, _ = build_demo(path)
    service.close()
    return path


@pytest.fixture
def demo(demo_path, tmp_path):
    copy = tmp_path / "demo.annotator"
    copy.write_bytes(demo_path.read_bytes())
    with ProjectService.open(copy, coder="tester") as service:
        yield service


def _memos(service, target):
    from annotator.storage.codings import memos_where

    return memos_where(service.project.db, "m.target = ?", [target])


def schema(name):
    return etree.XMLSchema(etree.parse(str(REFI / "schemas" / name)))


@needs_refi
def test_codebook_export_is_valid_utf8_without_bom(demo, tmp_path):
    out = tmp_path / "codebook.qdc"
    assert demo.exchange.export_codebook(out) == len(demo.codebook.codebook)
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    validator = schema("Codebook.xsd")
    assert validator.validate(etree.fromstring(data)), validator.error_log.last_error
    assert b"<Description>Stipends, honoraria" in data


@needs_refi
@pytest.mark.parametrize("sample, added", [("qualcoder-c3204641_codebook.qdc", 6), ("taguette-1.5.2_codebook.qdc", 4)])
def test_real_codebooks_import_with_a_preview_and_undo(service, sample, added):
    data = (REFI / "samples" / sample).read_bytes()
    plan = service.exchange.plan_codebook_import(data)
    assert len(plan.add) == added and len(service.codebook.codebook) == 0  # the preview changes nothing
    service.exchange.import_codebook(data)
    book = service.codebook.codebook
    assert len(book) == added
    if sample.startswith("qualcoder"):
        assert book.by_path("Barriers > Structural > Transport > Bus routes") is not None
        assert book.by_path("Barriers > Structural > Cost").description == 'Money & fees "quoted"'
        assert book.by_path("Émotion 😀").colour == "#FFFF00"
    service.undo()
    assert len(service.codebook.codebook) == 0


def test_reimporting_a_changed_codebook_reports_renames_moves_and_recolours(demo, tmp_path):
    out = tmp_path / "c.qdc"
    demo.exchange.export_codebook(out)
    text = out.read_text("utf-8")
    text = text.replace('name="Stipend pay"', 'name="Stipends and honoraria"')
    text = re.sub(r'(name="Tokenism"[^>]*?)color="#[0-9A-F]{6}"', r'\1color="#123456"', text)
    plan = demo.exchange.plan_codebook_import(text.encode())
    assert [(o, n) for _, o, n in plan.rename] == [("Stipend pay", "Stipends and honoraria")]
    assert [c for _, _, c in plan.recolour] == ["#123456"] and plan.unchanged == len(demo.codebook.codebook) - 2
    demo.exchange.import_codebook(text.encode())
    assert demo.codebook.codebook.by_path(
        "Organizational support for peer work > Pay and employment conditions > Stipends and honoraria") is not None
    demo.undo()
    assert demo.codebook.codebook.by_path(
        "Organizational support for peer work > Pay and employment conditions > Stipend pay") is not None


@needs_refi
def test_project_export_is_schema_valid_and_round_trips(demo, tmp_path):
    out = tmp_path / "study.qdpx"
    passage = demo.codings.for_document(demo.documents()[0].id)[0]
    demo.codings.add_memo("coding", "A memo on one coded passage", coding_id=passage.id)
    result = demo.exchange.export_qdpx(out)
    assert (result["documents"], result["codings"], result["memos"]) == (8, 348, 3)
    archive = zipfile.ZipFile(out)
    qde = etree.fromstring(archive.read("project.qde"))
    validator = schema("Project.xsd")
    assert validator.validate(qde), validator.error_log.last_error
    paths = [e.get("plainTextPath") for e in qde.iter("{urn:QDA-XML:project:1.0}TextSource")]
    assert all(re.fullmatch(r"internal://[0-9A-F-]{36}\.txt", p) for p in paths)
    # the standard's lower-case folder (ATLAS.ti refuses "Sources/"), holding the texts and the memos' own files
    assert {n for n in archive.namelist() if n.startswith("sources/")} >= {f"sources/{p[11:]}" for p in paths}
    with ProjectService.create(tmp_path / "copy.annotator") as copy:
        counts = copy.exchange.import_qdpx(out.read_bytes())
        assert (counts["documents"], counts["codings"], counts["memos"], counts["participants"]) == (8, 348, 3, 8)
        targets = sorted(m.target for t in ("project", "code", "coding") for m in _memos(copy, t))
        assert targets == ["code", "coding", "project"]
        [memo] = [m for m in _memos(copy, "coding")]
        assert copy.codings.get(memo.coding_id).quote == passage.quote
        for original, imported in zip(demo.documents(), copy.documents()):
            assert demo.document_text(original.id) == copy.document_text(imported.id)
            key = lambda c: (c.start, c.end, c.quote)  # noqa: E731
            assert sorted(map(key, demo.codings.for_document(original.id))) == \
                sorted(map(key, copy.codings.for_document(imported.id)))
        assert [demo.codebook.codebook.path(c) for c in demo.codebook.codebook.tree_order()] == \
            [copy.codebook.codebook.path(c) for c in copy.codebook.codebook.tree_order()]
        assert copy.people.attribute("age").kind == "number"
        again = copy.exchange.import_qdpx(out.read_bytes())  # the same file again adds nothing
        assert (again["documents"], again["matched"], again["codings"], again["memos"]) == (0, 8, 0, 0)


def _aligned(project) -> float:
    """Share of selections that begin and end on word boundaries (what a person selecting text produces)."""
    good = total = 0
    for source in project.sources:
        t = source.text
        for sel in source.selections:
            total += 1
            starts = (sel.start == 0 or not t[sel.start - 1].isalnum()) and not t[sel.start].isspace()
            ends = sel.end == len(t) or not t[sel.end].isalnum()
            good += starts and ends
    return good / total


@needs_refi
def test_nvivo_positions_are_utf16_units_with_crlf(service, monkeypatch):
    data = (REFI / "samples" / "nvivo-win-12.6_oltas0517.qdpx").read_bytes()
    project = read_qdpx(data)
    assert project.coding_count() == 303
    assert any(ord(ch) > 0xFFFF for s in project.sources for ch in s.text) and "\r" not in project.sources[1].text
    assert _aligned(project) > 0.95  # read as UTF-16 units with CRLF counted twice, selections fall on words
    import annotator.exchange.positions as positions

    real_init = positions.ReadPositions.__init__
    monkeypatch.setattr(positions.ReadPositions, "__init__", lambda self, raw, utf16: real_init(self, raw, False))
    assert _aligned(read_qdpx(data)) < 0.3  # read as code points (the spec), they would not
    monkeypatch.undo()
    counts = service.exchange.import_qdpx(data)
    assert counts["codings"] == 303 and counts["documents"] == 2


@needs_refi
def test_qc_selections_are_the_lines_their_names_give(service):
    project = read_qdpx((REFI / "samples" / "qc-1.3.2_demo.qdpx").read_bytes())
    checked = 0
    for source in project.sources:
        lines = source.text.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        for sel in source.selections:
            number = int(sel.name.split(":")[1])
            assert sel.start == starts[number - 1] or sel.start == starts[number]  # 1-based or 0-based naming
            checked += len(sel.codings)
    assert checked == 205


@needs_refi
def test_atlas_ti_files_load(service):
    for name in ("atlasti-win-23.2.3_blank-atlas-project.qdpx", "atlasti-win-23.2.3_target-atlas-project.qdpx"):
        service.exchange.import_qdpx((REFI / "samples" / name).read_bytes())
    assert service.codebook.codebook.by_path("Commits") is not None


def make_qdpx(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


QDE = (b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="test"><Sources>'
       b'<TextSource guid="{A0000000-0000-0000-0000-000000000001}" name="s" plainTextPath="internal://../../evil.txt"/>'
       b'</Sources></Project>')


def test_path_traversal_is_never_followed(service, tmp_path):
    plan = service.exchange.plan_import(make_qdpx({"project.qde": QDE, "../../evil.txt": b"outside"}), "x.qdpx")
    assert plan.lines() == ["Left out 1 source ('s'): the text is missing from the file"]
    service.exchange.apply(plan)
    assert service.documents() == []


def test_zip_bombs_and_entity_expansion_are_refused(service):
    bomb = make_qdpx({"project.qde": QDE, "Sources/big.txt": b"\0" * 30_000_000})
    with pytest.raises(AnnotatorError, match="zip bomb"):
        service.exchange.import_qdpx(bomb)
    billion = (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
               b'<Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>')
    with pytest.raises(AnnotatorError, match="declares a document type"):
        service.exchange.import_qdpx(make_qdpx({"project.qde": billion}))
    with pytest.raises(AnnotatorError, match="not a REFI-QDA project file"):
        service.exchange.import_qdpx(b"PK\x03\x04 not a zip")
    with pytest.raises(AnnotatorError, match="no project.qde"):
        service.exchange.import_qdpx(make_qdpx({"readme.txt": b"hi"}))


def test_export_is_refused_while_an_identifier_remains(demo, tmp_path):
    from annotator.deid.keyfile import KeyEntity

    key = demo.deid.new_key()
    key.entities.append(KeyEntity("g", "PLACE", "[Place 99]", ["naloxone"]))  # as if detection had missed a name
    with pytest.raises(AnnotatorError, match="known identifiers remain"):
        demo.exchange.export_qdpx(tmp_path / "x.qdpx", key=key)
    assert not (tmp_path / "x.qdpx").exists()
