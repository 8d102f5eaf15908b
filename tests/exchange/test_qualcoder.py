"""Issue 11, point 1 and its closing check: what a co-author on QualCoder really receives. QualCoder's own REFI-QDA
importer reads Annotator's exports of the demo, of a project imported from NVivo and of one merged from two coders,
and every coding (on its words), coder, case, attribute value and memo arrives; QualCoder's own exporter writes a
file whose memos all arrive back in Annotator. Skipped, with the reason, where QualCoder cannot run."""

import pytest

from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService
from tests.exchange import qualcoder_client as qc
from tests.exchange.test_refi import REFI
from tests.services.test_collaboration import recode_as


@pytest.fixture(scope="module")
def qualcoder():
    reason = qc.unavailable()
    if reason:
        pytest.skip(reason)
    return qc


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("qualcoder") / "demo.annotator"
    build_demo(path)[0].close()
    return path


def expected_of(service) -> dict[str, int]:
    """What QualCoder should hold once it has read this project: its memos land where QualCoder keeps them
    (journal entries for project and code memos, annotations for passages, the memo fields of sources, cases and
    codings)."""
    db = service.project.db
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    memos = lambda target: one(f"SELECT count(*) FROM memos WHERE target = '{target}'")  # noqa: E731
    return {"sources": one("SELECT count(*) FROM documents"), "codings": one("SELECT count(*) FROM codings"),
            "coders": one("SELECT count(DISTINCT coder_id) FROM codings"),
            "cases": one("SELECT count(*) FROM participants"),
            "attribute_values": one("SELECT count(*) FROM participant_attributes WHERE value IS NOT NULL"),
            "journals": memos("project") + memos("code"), "annotations": memos("range"),
            "coding_memos": one("SELECT count(DISTINCT coding_id) FROM memos WHERE target = 'coding'"),
            "source_memos": one("SELECT count(DISTINCT document_id) FROM memos WHERE target = 'document'"),
            "case_memos": one("SELECT count(DISTINCT participant_id) FROM memos WHERE target = 'participant'")}


def send_to_qualcoder(qualcoder, service, tmp_path, name: str):
    out = tmp_path / f"{name}.qdpx"
    service.exchange.export_qdpx(out)
    conn = qualcoder.import_qdpx(out, tmp_path / f"qc-{name}")
    got = qualcoder.arrived(conn)
    owners = {r[0] for r in conn.execute("SELECT DISTINCT owner FROM code_text")}
    # every coding on the words Annotator coded, under its coder's name
    theirs = sorted(conn.execute("SELECT s.name, c.pos0, c.pos1, c.seltext, c.owner FROM code_text c "
                                 "JOIN source s ON s.id = c.fid").fetchall())
    ours = sorted(service.project.db.execute(
        'SELECT d.name, c.start, c."end", c.quote, k.name FROM codings c JOIN documents d ON d.id = c.document_id '
        "JOIN coders k ON k.id = c.coder_id").fetchall())
    conn.close()
    return got, owners, theirs, ours


def _memo_of_each_kind(service) -> None:
    doc = service.documents()[0].id
    coding = service.codings.for_document(doc)[0]
    service.codings.add_memo("coding", "Borderline: also mentoring.", coding_id=coding.id)
    service.codings.add_memo("range", "First mention of pay.", document_id=doc, start=200, end=260)
    service.codings.add_memo("document", "Second half by phone.", document_id=doc)
    service.codings.add_memo("participant", "Spoke freely.", participant_id=service.participants()[0].id)
    service.codings.add_memo("code", "No title", code_id=service.codebook.codebook.by_path("Peer work in practice").id)


def test_the_demo_arrives_whole(qualcoder, demo_path, tmp_path):
    path = tmp_path / "demo.annotator"
    path.write_bytes(demo_path.read_bytes())
    with ProjectService.open(path) as service:
        _memo_of_each_kind(service)
        expected = expected_of(service)
        got, owners, theirs, ours = send_to_qualcoder(qualcoder, service, tmp_path, "demo")
    assert {k: got[k] for k in expected} == expected
    assert got["codes"] + got["categories"] == 31
    assert theirs == ours and owners == {service.coder}
    assert got["case_links"] == 0  # QualCoder's importer reads no SourceRef (its own exports lose them too)


def test_a_project_imported_from_nvivo_arrives_whole(qualcoder, tmp_path):
    with ProjectService.create(tmp_path / "from-nvivo.annotator", coder="tester") as service:
        service.exchange.import_qdpx((REFI / "samples" / "nvivo-win-12.6_oltas0517.qdpx").read_bytes(), "nvivo")
        expected = expected_of(service)
        got, owners, theirs, ours = send_to_qualcoder(qualcoder, service, tmp_path, "nvivo")
    assert expected["codings"] == 303 and {k: got[k] for k in expected} == expected
    assert theirs == ours  # emoji and all: QualCoder counts code points, as the standard does


def test_a_project_merged_from_two_coders_arrives_whole(qualcoder, demo_path, tmp_path):
    mine, theirs_path = tmp_path / "mine.annotator", tmp_path / "theirs.annotator"
    mine.write_bytes(demo_path.read_bytes())
    theirs_path.write_bytes(demo_path.read_bytes())
    with ProjectService.open(theirs_path, coder="ben") as other:
        recode_as(other, missed=4)
    with ProjectService.open(mine) as service:
        service.exchange.merge(theirs_path)
        expected = expected_of(service)
        got, owners, theirs, ours = send_to_qualcoder(qualcoder, service, tmp_path, "merged")
    assert expected["coders"] == 2 and {k: got[k] for k in expected} == expected
    assert theirs == ours and owners == {service.coder, "ben"}


def test_what_qualcoder_writes_arrives_back(qualcoder, tmp_path):
    written = qualcoder.build_fixture(tmp_path)
    with ProjectService.create(tmp_path / "back.annotator", coder="tester") as service:
        counts = service.exchange.import_qdpx(written.read_bytes(), written.name)
        assert (counts["documents"], counts["codings"], counts["memos"], counts["participants"]) == (2, 3, 5, 1)
        assert {c.coder for d in service.documents() for c in service.codings.for_document(d.id)} == {"ana", "ben"}
