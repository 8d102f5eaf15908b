"""The whole pipeline, with the real language model (loaded from the installed package, never the network)."""

from annotator.core.transcript import SpeakerTurn
from annotator.deid.detection import (
    DetectionSettings,
    KnownIdentifier,
    detect,
    propagate,
)

TEXT = ("Interviewer: Thanks for coming in.\n\n"
        "DANA: So Louise Tremblay from PHS got me into the training at the Vancouver Coastal Health office. "
        "Then the Interviewer asked me about it.\n\n"
        "Interviewer: And Raj?\n\n"
        "DANA: Raj runs three sites near Main and Hastings. Call 604-555-0147.")
TURNS = [SpeakerTurn(0, 34, "Interviewer", 13), SpeakerTurn(36, 178, "DANA", 42),
         SpeakerTurn(180, 201, "Interviewer", 193), SpeakerTurn(203, len(TEXT), "DANA", 209)]


def test_every_layer_contributes_and_roles_are_not_identifiers():
    found = {(c.text, c.type, c.reason) for c in detect(TEXT, turns=TURNS)}
    texts = {t for t, _, _ in found}
    assert {"DANA", "Louise Tremblay", "PHS", "Vancouver Coastal Health", "Main and Hastings", "604-555-0147"} <= texts
    assert ("DANA", "PERSON", "speaker label") in found
    assert ("604-555-0147", "OTHER", "pattern") in found
    assert not any(t.lower() == "interviewer" for t in texts)


def test_the_identifier_list_always_wins():
    found = detect(TEXT, turns=TURNS, identifiers=[KnownIdentifier("Louise", "PERSON"),
                                                   KnownIdentifier("Hastings", "PLACE")])
    by_text = {c.text: c for c in found}
    assert by_text["Louise"].reason == "identifier list"
    assert by_text["Hastings"].type == "PLACE" and by_text["Hastings"].reason == "identifier list"


def test_without_the_model_the_rules_still_run():
    found = {c.text: c for c in detect(TEXT, turns=TURNS, settings=DetectionSettings(language_model=False))}
    assert {"DANA", "PHS", "Vancouver Coastal Health", "604-555-0147"} <= set(found)
    assert found["Louise Tremblay"].confidence < 0.5  # a capitalised name the rules only guess at: shown, low


def test_propagation_covers_what_detection_missed():
    found = detect(TEXT, turns=TURNS)
    more = propagate(TEXT, {("Raj", "PERSON")}, found)
    covered = [(c.start, c.end) for c in found + more]
    for at in (i for i in range(len(TEXT)) if TEXT.startswith("Raj", i)):
        assert any(s <= at < e for s, e in covered)
