"""The rule-based detectors and propagation, on small texts made for each case."""

import pytest

from annotator.deid.candidates import Candidate, entity_key, resolve_overlaps
from annotator.deid.patterns import find_agencies, find_patterns
from annotator.deid.propagation import find_mentions, name_forms
from annotator.deid.pseudonyms import letters, next_pseudonym, participant_number


def spans(found):
    return sorted((c.text, c.type) for c in found)


@pytest.mark.parametrize("text, expected", [
    ("call me at 604-555-0147 or (250) 555 0193", [("(250) 555 0193", "OTHER"), ("604-555-0147", "OTHER")]),
    ("mail jen.l@example.org today", [("jen.l@example.org", "OTHER")]),
    ("we met down on Main and Hastings.", [("Main and Hastings", "PLACE")]),
    ("the King George and 108th corner", [("King George and 108th", "PLACE")]),
    ("she lives at 1234 Commercial Drive now", [("1234 Commercial Drive", "PLACE")]),
    ("out by Gladys Avenue and the river", [("Gladys Avenue", "PLACE")]),
    ("He was born on 12 March 1979.", [("12 March 1979", "OTHER")]),
    ("everybody calls him Smitty. A guy named Darren Cole came", [("Darren Cole", "PERSON"), ("Smitty", "PERSON")]),
    ("around the Downtown Eastside and Rock Bay", [("Downtown Eastside", "PLACE"), ("Rock Bay", "PLACE")]),
    ("Jen and Raj went home. I called 911 and then the ambulance", []),
])
def test_patterns(text, expected):
    assert spans(find_patterns(text)) == expected


def test_ages_only_when_configured():
    assert spans(find_patterns("I'm 44 and she is 31 years old")) == []
    assert spans(find_patterns("I'm 44 and she is 31 years old", ages=True)) == [("31", "OTHER"), ("44", "OTHER")]


def test_agency_names_and_acronyms():
    text = ("I work with VANDU and Vancouver Coastal Health, the Surrey Urban Mission Society, the RCMP and the "
            "Ministry of Social Development. I got an EAP number. I DON'T KNOW WHY. The SRO was full.")
    assert spans(find_agencies(text)) == [
        ("Ministry of Social Development", "AGENCY"), ("RCMP", "AGENCY"), ("Surrey Urban Mission Society", "AGENCY"),
        ("VANDU", "AGENCY"), ("Vancouver Coastal Health", "AGENCY")]


def test_resolve_overlaps_prefers_surer_layers_then_longer_spans():
    a = Candidate(0, 8, "Jen Cole", "PERSON", "language model")
    b = Candidate(0, 3, "Jen", "PERSON", "identifier list")
    c = Candidate(4, 8, "Cole", "AGENCY", "agency heuristic")
    d = Candidate(10, 15, "Hasti", "PLACE", "language model")
    assert resolve_overlaps([a, b, c, d]) == [b, c, d]


def test_entity_key_ignores_case_spacing_and_possessives():
    assert entity_key("Jen's") == entity_key("JEN") == entity_key(" jen ") == "jen"
    assert entity_key("Jennifer  Lachance’s") == "jennifer lachance"


def test_propagation_finds_case_possessive_and_name_parts():
    text = "Jennifer Lachance started. Jen's friend met jennifer later; Lachance left. A lachance? Mr. Lachance."
    found = list(find_mentions(text, [("Jennifer Lachance", "PERSON")]))
    assert [c.text for c in found] == ["Jennifer Lachance", "Lachance", "Lachance"]  # not 'jennifer', 'lachance' 
    assert [c.text for c in find_mentions(text, [("Jen", "PERSON")])] == ["Jen"]  # "Jen's": the name, not the 's
    assert name_forms("Mr. Smitty Jones", "PERSON") == ({"mr. smitty jones", "smitty jones"}, {"smitty", "jones"})
    # Parts of a name count only when capitalised: 'Rock' may be Mr Rock, 'rock' is a rock.
    assert [c.text for c in find_mentions("a rock and Rock", [("Jimmy Rock", "PERSON")])] == ["Rock"]
    # A whole name counts in any case, as transcribers write it: "jen".
    assert [c.text for c in find_mentions("ask jen or JEN", [("Jen", "PERSON")])] == ["jen", "JEN"]


def test_pseudonyms_are_consistent_and_numbered_by_type():
    assert letters(1) == "A" and letters(26) == "Z" and letters(27) == "AA"
    taken = {"[Person A]", "[Place 1]"}
    assert next_pseudonym("PERSON", "Jen", taken) == "[Person B]"
    assert next_pseudonym("PLACE", "Surrey", taken) == "[Place 2]"
    assert next_pseudonym("AGENCY", "VANDU", taken) == "[Agency A]"
    assert next_pseudonym("OTHER", "604-555-0147", taken) == "[Phone number 1]"
    assert next_pseudonym("OTHER", "a@b.org", taken) == "[Email 1]"
    assert next_pseudonym("PERSON", "Dana", taken, participant_number("P03", 7)) == "[Participant 3]"
    assert participant_number("Dana", 7) == 7
