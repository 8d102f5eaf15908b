"""Issue 11, point 8: merging a co-author's project is previewed before anything changes, adds nothing the second
time, aligns a near-identical transcript's codings onto ours through the one remap (or keeps their version apart,
as chosen), shows and takes their code renames, moves and recolours (or keeps ours), tells coders apart by GUID,
and undoes and redoes as one step."""

import uuid

import pytest

from annotator.core.spans import Edit, EditList
from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService
from annotator.storage.documents import text_hash
from tests.services.project_dump import differences, dump
from tests.services.test_collaboration import recode_as

TYPO = "intervew"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("merge") / "demo.annotator"
    build_demo(path)[0].close()
    return path


def _copy(demo_file, path):
    path.write_bytes(demo_file.read_bytes())
    return path


def edit_text(other, document_id, edit: Edit) -> None:
    """A change to a transcript, every coding and turn moved with it through the one remap (as Annotator moves
    them)."""
    db = other.project.db
    edits = EditList([edit])
    new = edits.apply(other.document_text(document_id))
    with other.project.atomic():
        db.execute("UPDATE documents SET text = ?, text_hash = ?, char_count = ? WHERE id = ?",
                   [new, text_hash(new), len(new), document_id])
        for coding in other.codings.for_document(document_id):
            start, end = edits.remap_span(coding.start, coding.end)
            db.execute('UPDATE codings SET start = ?, "end" = ?, quote = ? WHERE id = ?',
                       [start, end, new[start:end], coding.id])
        for turn_id, start, end, text_start in db.execute(
                'SELECT id, start, "end", text_start FROM speaker_turns WHERE document_id = ?', [document_id]).fetchall():
            start, end = edits.remap_span(start, end)
            text_start = min(max(start, edits.remap_span(text_start, text_start + 1)[0]), end)
            db.execute('UPDATE speaker_turns SET start = ?, "end" = ?, text_start = ? WHERE id = ?',
                       [start, end, text_start, turn_id])


@pytest.fixture
def projects(demo_file, tmp_path):
    """Mine (the demo, with one typo put into the first transcript) and ben's copy, where he fixed the typo,
    coded it all himself, renamed, recoloured and moved codes."""
    mine = _copy(demo_file, tmp_path / "mine.annotator")
    with ProjectService.open(mine) as service:
        doc = service.documents()[0].id
        text = service.document_text(doc)
        at = text.index("interview") + 6  # "interview" -> "intervew" in ours
        edit_text(service, doc, Edit(at, at + 1))
        assert TYPO in service.document_text(doc)
    theirs = tmp_path / "theirs.annotator"
    theirs.write_bytes(mine.read_bytes())  # once closed: the file holds everything
    with ProjectService.open(theirs, coder="ben") as other:
        edit_text(other, doc, Edit(at, at, "i"))  # ben fixed it
        recode_as(other)
        book = other.codebook.codebook
        other.codebook.rename_code(book.by_path(
            "Organizational support for peer work > Pay and employment conditions > Stipend pay").id, "Stipends")
        tokenism = book.by_path("Organizational support for peer work > Offering role support and training > "
                                "Tokenism")
        other.codebook.recolour_code(tokenism.id, "#123456")
        other.codebook.move_code(tokenism.id, None, 99)
    return mine, theirs


def test_the_preview_changes_nothing_and_says_what_the_merge_will_do(projects):
    mine, theirs = projects
    with ProjectService.open(mine) as service:
        before = dump(service)
        plan = service.exchange.plan_merge(theirs)
        assert differences(before, dump(service)) == []
        [near] = plan.near()
        assert near.align and near.similarity > 0.99
        [change] = near.changes
        assert (change.old_text, change.new_text) == ("interview", TYPO)  # theirs -> ours, word by word
        assert sorted(c.kind for c in plan.code_changes) == ["move", "recolour", "rename"]
        assert [(c.name, c.how) for c in plan.coders if c.name == "ben"] == [("ben", "added")]
        expected = dict(plan.expected)
        result = service.exchange.apply(plan)
        assert result.counts == expected


def test_near_identical_codings_move_onto_our_text_through_the_remap(projects):
    mine, theirs = projects
    with ProjectService.open(theirs, readonly=True) as other:
        doc = other.documents()[0].id
        their_quotes = sorted(c.quote for c in other.codings.for_document(doc))
    with ProjectService.open(mine) as service:
        service.exchange.merge(theirs)
        assert [d.name for d in service.documents()][0] == "01_P01_interview" and len(service.documents()) == 8
        bens = [c for c in service.codings.for_document(doc) if c.coder == "ben"]
        assert len(bens) == len(their_quotes)
        assert sorted(c.quote.replace(TYPO, "interview") for c in bens) == their_quotes  # same words, on our text
        text = service.document_text(doc)
        assert all(text[c.start:c.end] == c.quote for c in bens)


def test_their_version_can_be_kept_as_a_document_of_its_own(projects):
    mine, theirs = projects
    with ProjectService.open(mine) as service:
        plan = service.exchange.plan_merge(theirs)
        plan.near()[0].align = False
        service.exchange.apply(plan)
        names = [d.name for d in service.documents()]
        assert "01_P01_interview (their version)" in names and len(names) == 9
        theirs_doc = next(d for d in service.documents() if d.name.endswith("(their version)"))
        assert TYPO not in service.document_text(theirs_doc.id)


def test_code_changes_on_their_side_are_taken_or_kept_as_chosen(projects):
    mine, theirs = projects
    with ProjectService.open(mine) as service:
        plan = service.exchange.plan_merge(theirs)
        rename = next(c for c in plan.code_changes if c.kind == "rename")
        assert rename.line() == ("renamed on their side: Organizational support for peer work > Pay and employment "
                                 "conditions > Stipend pay -> Stipends")
        rename.apply = False
        service.exchange.apply(plan)
        book = service.codebook.codebook
        assert book.by_path("Organizational support for peer work > Pay and employment conditions > Stipend pay")
        assert book.by_path("Tokenism").colour == "#123456"  # moved to the top and recoloured, as they did


def test_merging_twice_adds_nothing_and_one_undo_takes_the_whole_merge_back(projects):
    mine, theirs = projects
    with ProjectService.open(mine) as service:
        before = dump(service)
        first = service.exchange.merge(theirs)
        assert first["codings"] > 250 and first["memos"] == 0  # their memos are ours (the same GUIDs)
        merged = dump(service)
        again = service.exchange.merge(theirs)
        assert {k: v for k, v in again.items() if v} == {"matched": 7, "aligned": 1}
        assert differences(merged, dump(service)) == []
        assert len(service.codings.all_memos()) == 2
        service.undo()  # the second, empty merge
        assert service.history.undo_name == "Merge theirs"
        service.undo()
        assert differences(before, dump(service)) == []
        service.redo()
        assert differences(merged, dump(service)) == []


def test_two_people_with_the_same_name_stay_two_coders(demo_file, tmp_path):
    """Both built their project as 'root' on their own machine: different people, different GUIDs."""
    mine = _copy(demo_file, tmp_path / "mine.annotator")
    theirs = tmp_path / "theirs.annotator"
    other, _ = build_demo(theirs)  # the same transcripts, a project (and coder) of their own
    with other:
        me = other.coder
        with other.project.atomic() as db:
            db.execute("UPDATE coders SET guid = ? WHERE name = ?", [str(uuid.uuid4()), me])
    with ProjectService.open(mine) as service:
        plan = service.exchange.plan_merge(theirs)
        [coder] = plan.coders
        assert (coder.name, coder.how, coder.as_name) == (me, "added under another name", f"{me} (theirs)")
        assert {d.how for d in plan.documents} == {"same text"}
        service.exchange.apply(plan)
        assert set(service.agreement.coders()) == {me, f"{me} (theirs)"}
