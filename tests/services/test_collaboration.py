"""A co-author's work merged in under their name, and agreement between the two coders."""

import uuid

import pytest

from annotator.core.errors import AnnotatorError
from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService


def recode_as(other, missed: int = 5) -> None:
    """Every coding of this copy becomes its coder's own (a new GUID, their name); every `missed`-th is dropped."""
    db = other.project.db
    with other.project.atomic():
        for (coding_id,) in db.execute("SELECT id FROM codings").fetchall():
            db.execute("UPDATE codings SET guid = ?, coder_id = ? WHERE id = ?",
                       [str(uuid.uuid4()), other.coder_id, coding_id])
        db.execute(f"DELETE FROM codings WHERE id % {missed} = 0")


@pytest.fixture
def two_coders(tmp_path):
    """The demo coded by its builder, and a co-author's copy of it: ben coded the same transcripts himself (his own
    codings), missed a fifth of the passages and coded one more."""
    mine = tmp_path / "mine.annotator"
    service, _ = build_demo(mine)
    me = service.coder
    service.close()
    theirs = tmp_path / "theirs.annotator"
    theirs.write_bytes(mine.read_bytes())
    with ProjectService.open(theirs, coder="ben") as other:
        recode_as(other)
        doc = other.documents()[0].id
        other.codings.code_passage(doc, other.codebook.codebook.by_path("Peer work in practice").id, 0, 60)
    return mine, theirs, me


def test_merge_keeps_the_co_authors_codings_under_their_name(two_coders):
    mine, theirs, me = two_coders
    with ProjectService.open(mine) as service:
        before = service.info()
        counts = service.exchange.merge(theirs)
        assert (counts["documents"], counts["matched"], counts["codes"]) == (0, 8, 0)
        assert counts["codings"] == before["codings"] - before["codings"] // 5 + 1
        by_coder = dict(service.project.db.execute(
            "SELECT k.name, count(*) FROM codings c JOIN coders k ON k.id = c.coder_id GROUP BY k.name").fetchall())
        assert by_coder == {me: before["codings"], "ben": counts["codings"]}
        assert service.info()["documents"] == 8
        with pytest.raises(AnnotatorError, match="this project itself"):
            service.exchange.merge(mine)


def test_agreement_per_code_and_overall(two_coders, tmp_path):
    mine, theirs, me = two_coders
    with ProjectService.open(mine) as service:
        service.exchange.merge(theirs)
        rows = service.agreement.compare([me, "ben"])
        overall = rows[-1]
        assert overall.path == "All codes" and 90 < overall.percent < 100 and 0.5 < overall.kappa < 1
        assert -1 <= overall.alpha <= 1
        emotional = next(r for r in rows if r.path.endswith("Emotional toll"))
        assert 0 <= emotional.kappa <= 1
        gaps = service.agreement.disagreements([me, "ben"], rows[0].code_id)
        assert gaps and all(g.coded_by in (me, "ben") and g.text for g in gaps)
        service.agreement.write_csv(tmp_path / "a.csv", [me, "ben"], rows)
        service.agreement.write_docx(tmp_path / "a.docx", [me, "ben"], rows)
        assert (tmp_path / "a.csv").read_text("utf-8-sig").startswith("code,percent_agreement,cohen_kappa")
        with pytest.raises(AnnotatorError, match="at least two different coders"):
            service.agreement.compare([me, me])
        with pytest.raises(AnnotatorError, match="No codings by nobody"):
            service.agreement.compare([me, "nobody"])


def test_identical_coders_agree_perfectly(tmp_path):
    path = tmp_path / "p.annotator"
    service, _ = build_demo(path)
    with service:
        with service.project.atomic() as db:  # a second coder who coded exactly the same
            ben = db.execute("INSERT INTO coders (guid, name, created) VALUES ('x', 'ben', 'now')").lastrowid
            db.execute('INSERT INTO codings (guid, document_id, code_id, start, "end", quote, coder_id, created) '
                       "SELECT guid || '-b', document_id, code_id, start, \"end\", quote, ?, created FROM codings", [ben])
        overall = service.agreement.compare([service.coder, "ben"])[-1]
        assert (overall.percent, overall.kappa, overall.alpha) == (100.0, 1.0, 1.0)
