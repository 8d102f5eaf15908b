"""The rule-based detectors and propagation, on small texts made for each case."""

import pytest

from annotator.deid.agencies import find_agencies, find_generic_references
from annotator.deid.candidates import Candidate, entity_key, resolve_overlaps
from annotator.deid.names import find_capitalised, find_name_cues
from annotator.deid.patterns import find_patterns
from annotator.deid.places import find_places
from annotator.deid.propagation import find_mentions, name_forms
from annotator.deid.pseudonyms import letters, next_pseudonym, participant_number


def spans(found):
    return sorted((c.text, c.type) for c in found)


@pytest.mark.parametrize("text, expected", [
    ("call me at 604-555-0147 or (250) 555 0193", ["(250) 555 0193", "604-555-0147"]),
    ("mail jen.l@example.org today", ["jen.l@example.org"]),
    ("He was born on 12 March 1979.", ["12 March 1979"]),
    ("she passed on 9 June 2019, born the same week as me, 14 May 1987", ["14 May 1987", "9 June 2019"]),
    # phone numbers beyond Canada, with and without country codes
    ("office 0141 496 0857, mobile 07700 900462 or +44 7700 900871", ["+44 7700 900871", "0141 496 0857", "07700 900462"]),
    ("087 555 0143, 01 555 0198 or +353 1 555 0198", ["+353 1 555 0198", "01 555 0198", "087 555 0143"]),
    ("0412 555 019, (03) 5021 4455, +61 3 5021 4455", ["(03) 5021 4455", "+61 3 5021 4455", "0412 555 019"]),
    ("021 555 0187 or +64 9 555 0123", ["+64 9 555 0123", "021 555 0187"]),
    ("(707) 555-0139 +1 707 555 0142 773.555.0188", ["(707) 555-0139", "+1 707 555 0142", "773.555.0188"]),
    # postcodes in address context, web addresses and handles
    ("41 Crownpoint Road, G40 2QH, and V6A 1B2", ["G40 2QH", "V6A 1B2"]),
    ("PO Box 1140, Eureka, CA 95501 or Townsville QLD 4810", ["4810", "95501", "PO Box 1140"]),
    ("see www.example-peers.org.uk or @MossSidePeers, mail dev.m@example.org.uk",
     ["@MossSidePeers", "dev.m@example.org.uk", "www.example-peers.org.uk"]),
    ("in 2018-2019 we gave 1,000 kits and 12 000 swabs, from 9 to 5, 0.5 mg, or 07700", []),
    ("Jen and Raj went home. I called 911 and then the ambulance", []),
])
def test_patterns(text, expected):
    found = list(find_patterns(text))
    assert sorted(c.text for c in found) == expected
    assert all(c.type == "OTHER" and c.why and 0 < c.confidence <= 1 for c in found)


@pytest.mark.parametrize("text, expected", [
    ("we met down on Main and Hastings.", ["Main and Hastings"]),
    ("the King George and 108th corner", ["King George and 108th"]),
    ("she lives at 1234 Commercial Drive now", ["1234 Commercial Drive"]),
    ("out by Gladys Avenue and the river", ["Gladys Avenue"]),
    ("around the Downtown Eastside and Rock Bay", ["Downtown Eastside", "Rock Bay"]),
    ("we set up on 4th by the bank, or at Halsted and 79th; the 4th of July", ["4th", "Halsted and 79th"]),
    ("between Main and Higgins, then along Portage and up Gottingen", ["Gottingen", "Main and Higgins", "Portage"]),
    ("he moved out to Esquimalt, from Sagkeeng, near Millbrook First Nation", ["Esquimalt", "Millbrook First Nation",
                                                                              "Sagkeeng"]),
    ("on Monday, on Instagram, in English, on Tuesdays", []),
])
def test_places_by_grammar_and_context(text, expected):
    assert sorted({c.text for c in find_places(text)} - {"Millbrook", "Halsted", "Main"}) == expected


def test_the_gazetteer_keeps_multi_word_places_whole_and_needs_context_for_common_words():
    from annotator.deid.gazetteer import find_places as gazetteer_places

    found = [c.text for c in gazetteer_places("I moved to 100 Mile House, then Salmon Arm. I hope Hope is nice; "
                                              "we stayed in Hope. Mission is hard.")]
    assert found == ["100 Mile House", "Salmon Arm", "Hope"]


def test_names_introduced_and_capitalised_words_that_are_not_common_english():
    cues = list(find_name_cues("A guy called Hugh McAllister, everybody calls him Shug. Most people call me Jo."))
    assert [(c.candidate.text, c.refers_to) for c in cues] == [("Hugh McAllister", ""), ("Shug", "previous"),
                                                              ("Jo", "speaker")]
    found = [c.text for c in find_capitalised("Then Possilpark. I went with Dazza to the Shop, okay? Frenchy said.")]
    assert found == ["Possilpark", "Dazza", "Frenchy"]  # a sentence's first word too, before a person's verb
    assert all(c.confidence < 0.5 for c in find_capitalised("with Dazza"))


def test_generic_references_to_one_body_or_place():
    found = {(c.text, c.type) for c in find_generic_references("The Authority never came; down to the Coast, "
                                                                "call the County. Ask the Interviewer.")}
    assert found == {("Authority", "AGENCY"), ("Coast", "PLACE"), ("County", "AGENCY")}  # "The" starting a sentence too


def test_ages_only_when_configured():
    assert spans(find_patterns("I'm 44 and she is 31 years old")) == []
    assert spans(find_patterns("I'm 44 and she is 31 years old", ages=True)) == [("31", "OTHER"), ("44", "OTHER")]


def test_agency_names_and_acronyms():
    text = ("I work with VANDU and Vancouver Coastal Health, the Surrey Urban Mission Society, the RCMP and the "
            "Ministry of Social Development. I got an EAP number. I DON'T KNOW WHY. The SRO was full. I'm at QuIHN.")
    assert spans(find_agencies(text)) == [
        ("Ministry of Social Development", "AGENCY"), ("QuIHN", "AGENCY"), ("RCMP", "AGENCY"),
        ("Surrey Urban Mission Society", "AGENCY"), ("VANDU", "AGENCY"), ("Vancouver Coastal Health", "AGENCY")]


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


def test_propagation_patterns_are_tries_with_the_same_matches_as_the_forms_longest_first():
    from annotator.deid.propagation import _alternatives

    assert _alternatives(["jen", "jen lachance", "jeff"]) == r"je(?:ff|n(?:\s+lachance)?)"
    text = "Jen  Lachance met jen, JEFF and Jenny; Lachance left"
    found = list(find_mentions(text, [("Jen Lachance", "PERSON"), ("Jeff", "PERSON"), ("Jen", "PERSON")]))
    assert [c.text for c in found] == ["Jen  Lachance", "jen", "JEFF", "Lachance"]


def test_zip_codes_after_a_state_written_out_and_australian_freecall_numbers():
    found = [c.text for c in find_patterns("Chicago, Illinois 60612; Townsville, Queensland 4810; ring 1800 123 456 "
                                           "or 1300 555 123, not the 13 11 14 people")]
    assert found == ["1800 123 456", "1300 555 123", "60612", "4810"]
