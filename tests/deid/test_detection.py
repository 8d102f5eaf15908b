"""The whole pipeline, with the real language model (loaded from the installed package, never the network)."""

import pytest

from annotator.core.transcript import SpeakerTurn
from annotator.deid.detection import (
    DetectionSettings,
    KnownIdentifier,
    candidates_of,
    detect,
    detect_texts,
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


def _texts():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "sample_transcripts"
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def test_two_cores_find_what_one_finds_and_report_progress_text_by_text():
    texts = _texts()
    assert len(texts) >= 3
    seen: list[list[int]] = [[], []]
    results = []
    for cores, steps in zip((1, 2), seen):
        entities = detect_texts(texts, settings=DetectionSettings(n_process=cores),
                                progress=lambda done, total, where, steps=steps: steps.append(done))
        results.append(sorted((str(k), c.start, c.end, c.type, c.confidence)
                              for k, cs in candidates_of(entities).items() for c in cs))
        assert steps == list(range(len(texts)))  # before each text, not all at the end
    assert results[0] == results[1] and results[0]


def test_the_rules_run_on_each_text_as_the_model_reaches_it(monkeypatch):
    """Not after the model has read every text: on two cores the rules run here while the workers read on, and the
    progress bar and Cancel are live throughout."""
    from annotator.deid import language_model

    read = []
    original = language_model._candidates
    monkeypatch.setattr(language_model, "_candidates", lambda doc, offset: read.append(1) or original(doc, offset))
    texts = _texts()
    at_second: list[int] = []
    detect_texts(texts, settings=DetectionSettings(n_process=2),
                 progress=lambda done, total, where: done == 1 and at_second.append(len(read)))
    assert at_second and at_second[0] < len(read) == len(texts)


def test_cancelling_on_two_cores_stops_the_model_workers():
    import multiprocessing

    texts = _texts()

    def cancel(done, total, where):
        if done == 1:
            raise KeyboardInterrupt  # what a progress callback raises to stop (the service raises its own error)

    with pytest.raises(KeyboardInterrupt):
        detect_texts(texts, settings=DetectionSettings(n_process=2), progress=cancel)
    assert multiprocessing.active_children() == []


def test_the_model_runs_on_one_blas_thread_here_and_in_its_workers():
    """OpenBLAS's own threads spin against the two worker processes of a two-core run (measured: two workers ran
    1.25 times faster than one; with one BLAS thread each, 1.9 times). This process is limited once the model is
    loaded, and workers started afresh read the limit from the environment."""
    import os

    from threadpoolctl import threadpool_info

    from annotator.deid import language_model

    language_model.load()
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
