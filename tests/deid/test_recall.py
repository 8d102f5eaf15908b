"""Names, places and agencies the rules used to let through: accented capitals, given names that are also common
English, lower-case names, names after titles, runs of capitalised words, acronyms with '&' or in pairs."""

from annotator.deid.agencies import find_agencies, find_generic_references
from annotator.deid.detection import candidates_of, detect, detect_texts
from annotator.deid.names import find_capitalised, find_lowercase_names, find_titled


def texts(found):
    return sorted(c.text for c in found)


def test_capitalised_words_with_accented_letters():
    found = texts(find_capitalised("I rang Siobhán, then drove to Ōtara with Zoë and Ciarán"))
    assert found == ["Ciarán", "Siobhán", "Zoë", "Ōtara"]


def test_given_names_that_are_common_english_words():
    found = find_capitalised("a PC called Gaz, Gareth Moody, who helped. Our Kelly kept going. I saw Destiny")
    assert texts(found) == ["Destiny", "Gareth Moody", "Gaz", "Kelly"]
    assert all(c.type == "PERSON" and c.confidence < 0.5 for c in found)
    # never a month, a word as common as 'will', or a given name after 'the'
    assert texts(find_capitalised("due in May, and I Will go; the Kelly report")) == []


def test_runs_of_capitalised_words_inside_a_sentence():
    found = list(find_capitalised("the same intake at Open Door and at the County"))
    assert [(c.text, c.type) for c in found] == [("Open Door", "AGENCY")]
    # not a law, a title's tail, a day or a greeting
    text = ("under the Motor Vehicles Act, the Protection of Human Rights and Fundamental Freedoms, on Good Friday, "
            "and she said Thank You")
    assert texts(find_capitalised(text)) == []


def test_names_after_titles_keep_the_title_and_take_initials():
    text = "Mr Türmen, Mr A. Rönquist and Mr J.S. met Aunty June, Uncle Ray and Father Christmas. Ask Mr F.L. At once"
    assert texts(find_titled(text)) == ["Aunty June", "Mr A. Rönquist", "Mr F.L.", "Mr J.S.", "Mr Türmen", "Uncle Ray"]


def test_given_names_in_lower_case_by_a_word_for_people():
    text = "My cousin dale came in. I talked to jimmy about it and kelly said no. I told will, my mom may not."
    assert texts(find_lowercase_names(text)) == ["dale", "jimmy", "kelly"]
    assert texts(find_lowercase_names("there's big Mick from Chapeltown, and the old Town Hall")) == ["Mick"]


def test_a_name_found_in_lower_case_is_found_again_as_written():
    found = candidates_of(detect_texts({0: "I talked to jimmy about it, jimmy from the board."}))[0]
    assert [(c.text, c.type) for c in found] == [("jimmy", "PERSON"), ("jimmy", "PERSON")]


def test_acronyms_with_an_ampersand_or_in_pairs():
    found = candidates_of(detect_texts({0: "He was in A&E at the LGI, and for the MN DHS to pay. I DON'T KNOW WHY."}))
    assert [c.text for c in found[0]] == ["A&E", "LGI", "MN DHS"]
    assert texts(find_agencies("I DON'T KNOW WHY, FICTIONAL SAMPLE TRANSCRIPT")) == []


def test_generic_references_before_i_and_never_a_weekday():
    found = find_generic_references("When I came back to the Cities I started; he comes to the Thursday group")
    assert [(c.text, c.type) for c in found] == [("Cities", "PLACE")]


def test_everyday_given_names_inside_a_sentence_but_not_after_a_pronoun():
    assert texts(find_capitalised("And there's Will, and Frank; I Will go, they Mark it")) == ["Frank", "Will"]


def test_a_sentence_may_start_with_a_word_no_english_text_uses():
    found = texts(find_capitalised("West side mostly. Sandtown, then Harlem Park. Everyone said so. Ngā mihi. Yep."))
    assert found == ["Harlem Park", "Sandtown"]


def test_any_uncommon_lower_case_word_after_my_son_or_her_cousin():
    text = "Her son gethin is in Swansea; my friend said so, his mate is here, her cousin, mereana, came. The van goes"
    assert texts(find_lowercase_names(text)) == ["gethin", "mereana"]


def test_a_common_word_is_a_name_when_the_words_around_say_so():
    text = ("It was Bear who found him. My buddy Ace helps out. Then Moose showed up. Smokey sleeps there. "
            "Nobody said it, and the Police came.")
    assert texts(find_capitalised(text)) == ["Ace", "Bear", "Moose", "Smokey"]


def test_frequent_given_names_in_lower_case():
    assert texts(find_lowercase_names("me and kevin went, then mike said so; ask tanya. I told will")) == [
        "kevin", "mike", "tanya"]


def test_a_body_named_for_its_province_or_state():
    found = [(c.text, c.type) for c in find_agencies("Then you go to Service BC, or Housing NSW; I'm in Vancouver BC")]
    assert ("Service BC", "AGENCY") in found and ("Housing NSW", "AGENCY") in found
    assert not any(text.startswith("Vancouver") for text, _ in found)


def test_where_someone_goes_even_a_common_word():
    from annotator.deid.places import find_places

    found = texts(c for c in find_places("we went to Crossroads for detox, took him to Riverview, went to Church")
                  if c.reason == "context")
    assert found == ["Crossroads"]
    assert texts(find_capitalised("Kaleidoscope did my script. Depaul runs the hostel.")) == ["Depaul", "Kaleidoscope"]


def test_names_listed_with_a_name():
    assert texts(find_capitalised("My girls. Destiny and Rain. And Kelly, Storm and Sky.")) == [
        "Destiny", "Kelly", "Rain", "Sky", "Storm"]
    assert texts(find_capitalised("Monday and Tuesday. The Police and Housing, and the Council.")) == []


def test_a_sentences_first_word_that_the_text_also_writes_in_lower_case_is_no_name():
    found = texts(find_capitalised("Kaleidoscope for the drug treatment. Honorarium. It's an honorarium. Bagging kits."))
    assert found == ["Kaleidoscope"]


def test_initials_standing_for_a_person():
    from annotator.deid.names import find_initials

    text = "the applicant sued his son, J.P., in the U.S. and B.C.; F.E. noted it at 9 a.m., R.I.P."
    assert texts(find_initials(text)) == ["F.E.", "J.P."]
    found = [(c.text, c.type) for c in detect("the applicant sued his son, J.P., in the U.S. and B.C.; F.E. noted it.")]
    assert found == [("J.P.", "PERSON"), ("F.E.", "PERSON")]


def test_more_agency_endings_places_the_speaker_names_and_relatives():
    from annotator.deid.names import find_name_cues

    assert ("Welcome Organisation", "AGENCY") in [(c.text, c.type) for c in find_agencies(
        "the Royal. Welcome Organisation on Townsend Street too")]
    cue = next(find_name_cues("in Cass Corridor, well, they call it Midtown now"))
    assert (cue.candidate.text, cue.candidate.type) == ("Midtown", "PLACE")
    assert texts(find_lowercase_names("Her grandson deshawn helps her, my stepdad wiremu too")) == ["deshawn", "wiremu"]


def test_corners_with_a_bare_number_sentence_initial_runs_and_generic_references():
    from annotator.deid.places import find_places

    corners = [c.text for c in find_places("around 97th and 106. Between 10 and 20 people, at Main and 3rd")
               if c.why == ("a street corner",)]
    assert corners == ["97th and 106", "Main and 3rd"]
    found = texts(find_capitalised("QPS, not much. Metro North for the hospitals. Thank You Lord. So Island Health."))
    assert found == ["Island Health", "Metro North"]
    assert texts(find_generic_references("The Province should fund us. The Royal and Aintree. The End.")) == [
        "Province", "Royal"]


def test_a_place_memorial_is_an_institution_not_a_person():
    """'Surrey Memorial' (a hospital, shortened as people say it) was typed as a person: the language model saw a
    first and last name."""
    text = "When I walk into Surrey Memorial with my lanyard on, they listen."
    found = {c.text: c.type for c in detect(text)}
    assert found.get("Surrey Memorial") == "AGENCY"
    assert [c.text for c in find_agencies("the Lions Gate Memorial ER")] == ["Lions Gate Memorial"]
