"""Participants and attributes: CSV import (participants.csv as is), typed values, filters, undo, export."""

import csv
import io

import pytest

from annotator.core.attributes import parse_condition
from annotator.core.errors import AnnotatorError


def test_participants_csv_loads_as_is_with_links_and_typed_attributes(service, samples):
    service.import_files(sorted(p for p in samples.iterdir() if p.suffix in {".txt", ".docx", ".vtt"}))
    counts = service.people.import_csv((samples / "participants.csv").read_text("utf-8"))
    assert counts == {"participants": 8, "attributes": 6, "documents": 8, "speakers": 8}
    kinds = {a.name: (a.kind, a.categories) for a in service.people.attributes()}
    assert kinds["age"] == ("number", ())
    assert kinds["gender"] == ("category", ("female", "male"))
    assert kinds["years peer work"][0] == "number"
    rows = {r.name: r for r in service.people.rows()}
    rows_csv = {r["participant"]: r for r in csv.DictReader((samples / "participants.csv").open(encoding="utf-8"))}
    age = next(a for a in service.people.attributes() if a.name == "age")
    assert {n: r.values[age.id] for n, r in rows.items()} == {n: r["age"] for n, r in rows_csv.items()}
    dana = next(d for d in service.documents() if d.participant == "P03")
    assert {s.label: s.participant for s in service.speakers(dana.id)}["Dana"] == "P03"


def test_import_is_checked_whole_before_anything_changes(service):
    bad = "participant,age\nP01,44\nP02,forty\n"
    service.people.import_csv("participant,age\nP09,30\n")  # age becomes a number attribute
    with pytest.raises(AnnotatorError, match="Line 3, column 'age': 'forty' is not a number"):
        service.people.import_csv(bad)
    assert [r.name for r in service.people.rows()] == ["P09"]


def test_values_are_validated_by_kind_and_undoable(service):
    service.people.import_csv("participant,gender,started\nP01,female,2017-03-01\nP02,male,2018-01-15\n")
    gender = service.people.attribute("gender")
    started = service.people.attribute("started")
    assert (gender.kind, started.kind) == ("category", "date")
    p1 = service.people.rows()[0].id
    service.people.set_value(p1, gender.id, "Male")  # matched to the category as written
    assert service.people.rows()[0].values[gender.id] == "male"
    with pytest.raises(AnnotatorError, match="not a date"):
        service.people.set_value(p1, started.id, "March 2017")
    service.people.set_value(p1, gender.id, "non-binary")  # a new category is added at the end
    assert service.people.attribute("gender").categories == ("female", "male", "non-binary")
    service.undo()
    assert service.people.rows()[0].values[gender.id] == "male"
    assert service.people.attribute("gender").categories == ("female", "male")
    service.undo()
    service.undo()  # the import itself
    assert service.people.rows() == [] and service.people.attributes() == []


def test_filters_and_export(service):
    service.people.import_csv("participant,age,gender\nP01,44,female\nP02,52,male\nP03,39,female\nP04,,male\n")
    names = {r.id: r.name for r in service.people.rows()}
    assert {names[i] for i in service.people.matching([parse_condition("age>=40")])} == {"P01", "P02"}
    assert {names[i] for i in service.people.matching([parse_condition("gender=FEMALE"),
                                                       parse_condition("age<40")])} == {"P03"}
    with pytest.raises(AnnotatorError, match="no attribute called 'height'"):
        service.people.matching([parse_condition("height>2")])
    with pytest.raises(AnnotatorError, match="not a filter"):
        parse_condition("age")
    exported = list(csv.DictReader(io.StringIO(service.people.export_csv())))
    assert exported[3] == {"participant": "P04", "transcripts": "", "age": "", "gender": "male"}
