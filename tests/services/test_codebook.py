"""Codebook changes through the service, each undoable, with rows checked in the database."""

import pytest

from annotator.core.codebook import PALETTE
from annotator.core.errors import AnnotatorError


@pytest.fixture
def coded(service, tmp_path):
    path = tmp_path / "P01.txt"
    path.write_text("Interviewer: How is the pay?\n\nParticipant: The stipend is cash. We get gift cards.\n")
    doc = service.import_files([path]).results[0].document_id
    book = service.codebook
    theme = book.add_code("Organizational support", description="How agencies support peer work")
    pay = book.add_code("Stipend pay", theme)
    cards = book.add_code("Gift cards", theme)
    text = service.document_text(doc)
    service.codings.code_passage(doc, pay, text.index("The stipend"), text.index(" We get"))
    service.codings.code_passage(doc, cards, text.index("We get"), len(text))
    service.codings.code_passage(doc, pay, text.index("We get"), len(text))
    return service, doc, theme, pay, cards


def rows(service, sql, *params):
    return service.project.db.execute(sql, params).fetchall()


def test_tree_paths_colours_and_order(coded):
    service, _, theme, pay, cards = coded
    book = service.codebook.codebook
    assert book.path(pay) == "Organizational support > Stipend pay"
    assert book.children(theme) == [pay, cards]
    assert [book[c].colour for c in (theme, pay, cards)] == [PALETTE[0].upper(), PALETTE[1], PALETTE[2]]
    assert book[theme].description == "How agencies support peer work"


def test_names_must_be_unique_among_siblings_and_non_empty(coded):
    service, _, theme, pay, _ = coded
    with pytest.raises(AnnotatorError, match="already a code called 'stipend PAY' under 'Organizational support'"):
        service.codebook.add_code("stipend PAY", theme)
    with pytest.raises(AnnotatorError, match="needs a name"):
        service.codebook.rename_code(pay, "   ")
    service.codebook.add_code("Stipend pay")  # fine at the top level
    with pytest.raises(AnnotatorError, match="not a colour"):
        service.codebook.recolour_code(pay, "blue")


def test_rename_recolour_describe_with_undo(coded):
    service, _, _, pay, _ = coded
    codebook = service.codebook
    codebook.rename_code(pay, "  Stipend   pay (cash) ")
    codebook.recolour_code(pay, "#aa3377")
    codebook.describe_code(pay, description="Paid by stipend", when_to_use="Any mention of stipends",
                           when_not_to_use="Hourly wages", example="It's like a little envelope")
    code = codebook.codebook[pay]
    assert (code.name, code.colour, code.when_not_to_use) == ("Stipend pay (cash)", "#AA3377", "Hourly wages")
    assert service.history.undo_name == "Describe code 'Stipend pay (cash)'"
    service.undo()
    service.undo()
    service.undo()
    code = codebook.codebook[pay]
    assert (code.name, code.colour, code.description) == ("Stipend pay", PALETTE[1], "")


def test_move_and_reorder_with_undo(coded):
    service, _, theme, pay, cards = coded
    codebook = service.codebook
    codebook.move_code(cards, theme, 0)
    assert codebook.codebook.children(theme) == [cards, pay]
    codebook.move_code(pay, None, 0)
    assert codebook.codebook.children(None) == [pay, theme]
    assert rows(service, "SELECT position FROM codes WHERE id = ?", theme) == [(1,)]
    with pytest.raises(AnnotatorError, match="inside itself"):
        codebook.move_code(theme, cards, 0)
    service.undo()
    service.undo()
    assert codebook.codebook.children(theme) == [pay, cards] and codebook.codebook.children(None) == [theme]


def test_merge_moves_codings_collapses_duplicates_and_undoes(coded):
    service, doc, theme, pay, cards = coded
    assert rows(service, "SELECT count(*) FROM codings") == [(3,)]
    service.codebook.merge_codes(cards, pay)
    assert cards not in service.codebook.codebook
    # the 'We get gift cards' passage was coded with both: the two codings collapse into one
    assert rows(service, "SELECT code_id, count(*) FROM codings GROUP BY code_id") == [(pay, 2)]
    assert service.history.undo_name == "Merge 'Gift cards' into 'Stipend pay'"
    service.undo()
    assert sorted(rows(service, "SELECT code_id, count(*) FROM codings GROUP BY code_id")) == [(pay, 2), (cards, 1)]
    assert service.codebook.codebook.children(theme) == [pay, cards]
    service.redo()
    assert rows(service, "SELECT count(*) FROM codings") == [(2,)]


def test_merge_into_own_branch_is_refused(coded):
    service, _, theme, pay, _ = coded
    with pytest.raises(AnnotatorError, match="outside its own branch"):
        service.codebook.merge_codes(theme, pay)


def test_delete_reports_its_impact_and_undo_restores_everything(coded):
    service, doc, theme, pay, cards = coded
    memo = service.codings.add_memo("code", "Watch for clawbacks", code_id=pay)
    coding = rows(service, "SELECT id FROM codings WHERE code_id = ? ORDER BY id", pay)[0][0]
    service.codings.add_memo("coding", "Cash, not wages", coding_id=coding)
    assert service.codebook.deletion_impact(theme) == (3, 3)
    before = rows(service, "SELECT * FROM codings ORDER BY id"), rows(service, "SELECT * FROM memos ORDER BY id")
    service.codebook.delete_code(theme)
    assert rows(service, "SELECT count(*) FROM codes") == [(0,)]
    assert rows(service, "SELECT count(*) FROM codings") == [(0,)] and rows(service, "SELECT count(*) FROM memos") == [(0,)]
    service.undo()
    assert (rows(service, "SELECT * FROM codings ORDER BY id"), rows(service, "SELECT * FROM memos ORDER BY id")) == before
    assert service.codebook.codebook.path(cards) == "Organizational support > Gift cards"
    assert service.codings.memos("code", pay)[0].id == memo


def test_counts_own_and_with_subcodes(coded):
    service, doc, theme, pay, cards = coded
    p01 = service.add_participant("P01")
    service.link_document(doc, p01)
    counts = service.codebook.counts()
    assert (counts[pay].references, counts[pay].documents, counts[pay].participants) == (2, 1, 1)
    assert (counts[theme].references, counts[theme].total_references, counts[theme].total_participants) == (0, 3, 1)


def test_audit_log_names_actions_never_text(coded):
    service, *_ = coded
    actions = [e.action for e in __import__("annotator.storage.audit", fromlist=["entries"]).entries(service.project.db)]
    assert actions[:3] == ["code passage"] * 3 and "add code" in actions
    dump = "\n".join(line for line in service.project.db.conn.iterdump() if "audit_log" in line)
    assert "stipend" not in dump.lower()


def test_counts_kept_between_codings_match_a_full_recount(service, tmp_path):
    """Counts are kept per code and only the changed codes recounted: after any mix of codings, uncodings, undos,
    renames, moves and participant links they must equal a count from scratch."""
    import random

    paths = []
    for i in range(4):
        path = tmp_path / f"P{i}.txt"
        path.write_text("Interviewer: Hi.\n\nDANA: " + " ".join(f"word{n}" for n in range(400)) + "\n", encoding="utf-8")
        paths.append(path)
    documents = [r.document_id for r in service.import_files(paths).results]
    theme = service.codebook.add_code("Theme")
    codes = [service.codebook.add_code(f"Code {i}", theme) for i in range(3)]
    people = [service.add_participant(f"P0{i}") for i in range(2)]
    rng = random.Random(5)
    for step in range(80):
        action = rng.random()
        existing = sorted(service.codings.ids_for_document(documents[0]) | service.codings.ids_for_document(documents[1]))
        live = [c for c in codes if c in service.codebook.codebook] or [service.codebook.add_code(f"Code {step}", theme)]
        try:
            if action < 0.55:
                start = rng.randrange(20, 2000)
                service.codings.code_passage(rng.choice(documents[:2]), rng.choice(live), start,
                                             start + rng.randrange(5, 200))
            elif action < 0.75 and existing:
                service.codings.uncode([rng.choice(existing)])
            elif action < 0.85:
                service.undo()
            elif action < 0.9:
                service.codebook.rename_code(rng.choice(live), f"Renamed {step}")
            elif action < 0.93:  # a code moves between the theme and the top: totals change, own counts do not
                code = rng.choice(live)
                service.codebook.move_code(code, None if service.codebook.codebook[code].parent_id else theme, 0)
            elif action < 0.95 and len(live) > 1:  # merged, and (often) undone again
                source, target = rng.sample(live, 2)
                service.codebook.merge_codes(source, target)
                if rng.random() < 0.8:
                    service.undo()
            else:
                service.link_document(rng.choice(documents), rng.choice(people))
        except AnnotatorError:  # refused (the same passage twice, a participant undone away): nothing changed
            pass
        kept = service.codebook.counts([rng.choice([c for c in codes if c in service.codebook.codebook] or [theme])])
        truth = type(service.codebook)(service).counts()  # a new part counts from scratch
        for code_id, counted in kept.items():
            assert counted == truth[code_id], (step, code_id)
    assert service.codebook.counts() == type(service.codebook)(service).counts()
