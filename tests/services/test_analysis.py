"""The analysis service on real project files: the demo tells its own saturation story, matrix totals match the
codebook's counts, scopes are checked, and every change (saved queries, coding results and hits, stop words,
interview order) is one undoable step."""

import csv

import pytest
from openpyxl import load_workbook

from annotator.analysis.query_parser import QueryError
from annotator.core.errors import AnnotatorError
from annotator.services.analysis_service import SavedQuery, TextSource
from annotator.services.demo import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    service, _ = build_demo(tmp_path_factory.mktemp("demo") / "demo.annotator", deidentify=False)
    yield service
    service.close()


@pytest.fixture
def study(service, tmp_path):
    """Two interviews with turns, a Pay > Stipend / Gift cards / Stigma codebook and a few codings."""
    for name, body in (("P01", "Interviewer: How is pay?\n\nJEN: The stipend is cash. A gift card sometimes.\n\n"
                               "Interviewer: And the title?\n\nJEN: The title stings. Gift cards again.\n"),
                       ("P02", "Interviewer: Pay?\n\nSAM: Gift card only. The stipend stopped.\n")):
        (tmp_path / f"{name}.txt").write_text(body, encoding="utf-8")
    service.import_files([tmp_path / "P01.txt", tmp_path / "P02.txt"])
    service.people.import_csv("participant,transcript,speaker,gender,interviewed\n"
                              "P01,P01.txt,JEN,female,2018-03-02\nP02,P02.txt,SAM,male,2017-11-20\n")
    book = service.codebook
    ids = {"Pay": book.add_code("Pay")}
    ids["Stipend"] = book.add_code("Stipend", ids["Pay"])
    ids["Stigma"] = book.add_code("Stigma")
    docs = {d.name: d.id for d in service.documents()}
    for doc, code, words in (("P01", "Stipend", "The stipend is cash."), ("P01", "Stigma", "The title stings."),
                             ("P02", "Stipend", "The stipend stopped.")):
        text = service.document_text(docs[doc])
        service.codings.code_passage(docs[doc], ids[code], text.index(words), text.index(words) + len(words))
    service.history.clear()
    return service, ids, docs


# ---------------------------------------------------------------------------------------------------- the demo

def test_the_demo_saturates_where_its_memo_says(demo):
    memo = demo.codings.memos("project")[0].body
    assert "After interview 6 the codebook stopped growing; interviews 7 and 8 confirmed" in memo
    result = demo.analysis.saturation()
    assert result.label == "6+2" and result.base_codes == 19
    assert [len(i.new) for i in result.interviews] == [16, 1, 2, 0, 2, 2, 0, 0]
    assert [(r.first, r.last, r.new) for r in result.runs] == [(5, 6, 4), (6, 7, 2), (7, 8, 0)]
    book = demo.codebook.codebook
    assert sorted(book[c].name for c in result.interviews[5].new) == ["Mentoring new peers",
                                                                     "Paying costs out of pocket"]
    assert demo.analysis.saturation(depth="themes").label == "4+2"  # both themes are in the first interview
    assert demo.analysis.saturation(base_size=6, run_length=2).label == "6+2"
    assert set(demo.analysis.saturation_by_coder()) == set(demo.analysis.coders())


def test_matrix_totals_are_the_codebooks_counts(demo):
    counts = demo.codebook.counts()
    matrix = demo.analysis.matrix(attribute="gender")
    assert [c.label for c in matrix.columns] == ["female", "male"]
    for r, row in enumerate(matrix.rows):
        expected = counts[row.key]
        total = matrix.row_totals[r]
        assert (total.count, total.documents, total.participants) == (
            expected.total_references, expected.total_documents, expected.total_participants), row.label
    overview = demo.analysis.case_overview()
    assert [r.label for r in overview.rows] == [f"P0{i}" for i in range(1, 9)]
    passages = demo.analysis.place(matrix.cells[0][0].passages)
    assert passages and all(p.document and p.speaker and p.coding_id for p in passages)


def test_queries_scopes_and_their_errors_on_the_demo(demo):
    analysis = demo.analysis
    everyone = analysis.query('"Stigma of the title" AND NOT "Legitimacy"')
    women = analysis.query('"Stigma of the title" AND NOT "Legitimacy"', scope=analysis.scope(where=["gender=female"]))
    assert 0 < len(women.passages) < len(everyone.passages) and women.participants <= 4
    with pytest.raises(AnnotatorError, match="did you mean gender=female"):
        analysis.scope(where=["gender==female"])
    with pytest.raises(AnnotatorError, match="'femal' is not one of gender's categories"):
        analysis.scope(where=["gender=femal"])
    with pytest.raises(AnnotatorError, match="There is no attribute called 'sex'"):
        analysis.scope(where=["sex=female"])
    with pytest.raises(AnnotatorError, match="No codings by nobody"):
        analysis.scope(coders=["nobody"])
    with pytest.raises(QueryError, match='There is no code "Stigma"; did you mean "Stigma of the title"'):
        analysis.query('"Stigma"')
    co = analysis.cooccurrence()
    i, j, n12, c = co.pairs()[0]
    assert n12 == len(analysis.query(f'"{co.codes[i].label}" AND "{co.codes[j].label}"', mode="passages",
                                     include_subcodes=False).passages) and 0 < c <= 1
    words = analysis.frequencies(top=5)
    assert words.words[0].count >= words.words[-1].count and "the" not in {w.word for w in words.words}


# ------------------------------------------------------------------------------------------------- a small study

def test_results_follow_new_codings_without_reopening(study):
    service, ids, docs = study
    assert len(service.analysis.query('"Pay"').passages) == 2
    text = service.document_text(docs["P02"])
    service.codings.code_passage(docs["P02"], ids["Stigma"], text.index("Gift"), text.index(" only"))
    assert service.analysis.query('"Stigma"').documents == 2
    service.undo()
    assert service.analysis.query('"Stigma"').documents == 1


def test_saved_queries_save_rerun_replace_and_delete_each_undoable(study):
    service, _ids, _docs = study
    analysis = service.analysis
    saved = SavedQuery("paid women", '"Pay" AND NOT "Stigma"', where=("gender=female",), participant_turns_only=True)
    analysis.save_query(saved)
    assert analysis.saved_queries() == [saved]
    assert len(analysis.run_saved_query("paid women").passages) == 1
    analysis.save_query(SavedQuery("paid women", '"Pay"'))
    assert len(analysis.run_saved_query("paid women").passages) == 2
    service.undo()
    assert analysis.saved_queries() == [saved]
    analysis.delete_query("paid women")
    assert analysis.saved_queries() == []
    service.undo()
    assert [q.name for q in analysis.saved_queries()] == ["paid women"]
    with pytest.raises(QueryError):
        analysis.save_query(SavedQuery("broken", '"Pay" AND'))
    with pytest.raises(AnnotatorError, match="no saved query called 'nope'"):
        analysis.run_saved_query("nope")


def test_query_results_become_a_new_code_in_one_undoable_step(study):
    service, ids, _docs = study
    result = service.analysis.query('"Stipend" OR "Stigma"')
    new = service.analysis.code_as_new_code(result.passages, "Money and stigma", parent_id=ids["Pay"])
    assert service.codebook.codebook.path(new) == "Pay > Money and stigma"
    assert len(service.retrieval.retrieve(new)) == 3
    assert service.history.undo_name == "Code 3 passages as new code 'Money and stigma'"
    service.undo()
    assert new not in service.codebook.codebook and service.info()["codings"] == 3
    service.redo()
    assert [p.text for p in service.retrieval.retrieve(new)] == ["The stipend is cash.", "The title stings.",
                                                                 "The stipend stopped."]


def test_code_all_search_hits_in_one_undoable_step(study):
    service, ids, _docs = study
    hits = service.analysis.query('TEXT "gift card*"', scope=service.analysis.scope(participant_turns_only=True))
    assert [p.text for p in service.analysis.place(hits.passages)] == ["gift card", "Gift cards", "Gift card"]
    assert service.analysis.code_all(hits.passages, ids["Pay"]) == 3
    assert service.info()["codings"] == 6
    with pytest.raises(AnnotatorError, match="Every hit is already coded with 'Pay'"):
        service.analysis.code_all(hits.passages, ids["Pay"])
    service.undo()
    assert service.info()["codings"] == 3 and service.history.undo_name is None


def test_interview_order_by_drag_and_by_a_date_attribute(study):
    service, _ids, docs = study
    names = lambda: [d.name for d in service.documents()]  # noqa: E731
    assert names() == ["P01", "P02"]
    service.analysis.order_by_attribute("interviewed")
    assert names() == ["P02", "P01"]
    assert service.analysis.saturation(base_size=1, run_length=1).interviews[0].label == "P02"
    service.undo()
    assert names() == ["P01", "P02"]
    service.analysis.move_document(docs["P01"], 1)
    assert names() == ["P02", "P01"]
    with pytest.raises(AnnotatorError, match="date or number attribute; 'gender' is category"):
        service.analysis.order_by_attribute("gender")


def test_frequencies_and_keywords_in_participants_turns_with_editable_stop_words(study):
    service, ids, _docs = study
    analysis = service.analysis
    words = {w.word: w.count for w in analysis.frequencies().words}
    assert words["stipend"] == 2 and "pay" not in words  # "pay" is only in the interviewer's questions
    assert {w.word: w.count for w in analysis.frequencies(scope=analysis.scope()).words}["pay"] == 2
    assert {w.word for w in analysis.frequencies(TextSource(code_id=ids["Stigma"])).words} == {"title", "stings"}
    stemmed = {w.word: w.forms for w in analysis.frequencies(stemmed=True).words}
    assert stemmed["card"] == (("card", 2), ("cards", 1)) and stemmed["gift"] == (("gift", 3),)
    analysis.set_stop_words([*analysis.stop_words(), "stipend"])
    assert "stipend" not in {w.word for w in analysis.frequencies().words}
    service.undo()
    assert "stipend" in {w.word for w in analysis.frequencies().words}
    lines = analysis.keyword_in_context("card", stemmed=True)
    assert [k.keyword for k in lines] == ["card", "cards", "card"]


def test_every_result_exports_to_csv_and_excel(study, tmp_path):
    service, _ids, _docs = study
    analysis = service.analysis
    results = {"query": analysis.query('"Pay"'), "matrix": analysis.matrix(attribute="gender"),
               "cooccurrence": analysis.cooccurrence(), "saturation": analysis.saturation(base_size=1, run_length=1),
               "frequencies": analysis.frequencies(), "kwic": analysis.keyword_in_context("stipend")}
    for name, result in results.items():
        rows = list(csv.reader(analysis.export(result, tmp_path / f"{name}.csv").open(encoding="utf-8-sig")))
        sheet = load_workbook(analysis.export(result, tmp_path / f"{name}.xlsx"), read_only=True).active
        cells = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
        assert rows[0] == list(cells[1]) and len(rows) == len(cells) - 1, name
    query_rows = list(csv.reader((tmp_path / "query.csv").open(encoding="utf-8-sig")))
    assert query_rows[1] == ["P01", "P01", "JEN", "2", query_rows[1][4], query_rows[1][5], "Pay > Stipend",
                             "The stipend is cash."]
    with pytest.raises(AnnotatorError, match=r"written as \.csv, \.xlsx or \.docx"):
        analysis.export(results["query"], tmp_path / "query.txt")
