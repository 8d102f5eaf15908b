"""The fictional sample transcripts and their gold identifier list, checked against what Annotator imports."""

import csv
import json
import re
import sys
from collections import Counter

import pytest

from annotator.importers import read_transcript
from tests.conftest import ROOT, SAMPLES

sys.path.insert(0, str(ROOT / "tools"))
import build_samples  # noqa: E402

TRANSCRIPTS = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".docx", ".vtt"})
GOLD = json.loads((SAMPLES / "identifiers.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def imported():
    return {p.name: read_transcript(p.name, p.read_bytes()) for p in TRANSCRIPTS}


def test_at_least_eight_interviews_in_a_mix_of_formats(imported):
    assert len(TRANSCRIPTS) >= 8
    assert {p.suffix for p in TRANSCRIPTS} == {".txt", ".docx", ".vtt"}
    for name, transcript in imported.items():
        assert 1500 <= transcript.word_count <= 4000, name
        assert len(transcript.speakers) == 2 and len(transcript.turns) >= 25, name


def test_they_say_they_are_fictional():
    assert "**Everything in this folder is fictional.**" in (SAMPLES / "README.md").read_text("utf-8")
    for path in TRANSCRIPTS:
        text = read_transcript(path.name, path.read_bytes()).text if path.suffix == ".docx" else path.read_text("utf-8")
        assert "FICTIONAL SAMPLE TRANSCRIPT" in text, path.name


def test_sources_render_to_exactly_the_imported_text(imported):
    for source in sorted((SAMPLES / "sources").glob("*.src")):
        meta, turns = build_samples.parse(source)
        expected, _ = build_samples.strip(build_samples.render_marked(meta, turns, build_samples.timestamps(turns)))
        assert imported[meta["file"]].text == expected, source.name
        assert len(imported[meta["file"]].turns) == len(turns), source.name


def test_every_gold_span_matches_the_imported_text(imported):
    assert {g["file"] for g in GOLD} == {p.name for p in TRANSCRIPTS}
    for g in GOLD:
        assert imported[g["file"]].text[g["start"]:g["end"]] == g["text"], g
        assert g["type"] in {"PERSON", "PLACE", "AGENCY", "OTHER"}
    assert set(Counter(g["type"] for g in GOLD)) == {"PERSON", "PLACE", "AGENCY", "OTHER"}
    for name in imported:
        spans = sorted((g["start"], g["end"]) for g in GOLD if g["file"] == name)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), f"overlapping gold spans in {name}"


def test_gold_is_complete_for_every_identifier_it_names(imported):
    """Any other occurrence of a gold identifier's exact text must itself be gold."""
    for name, transcript in imported.items():
        spans = [(g["start"], g["end"]) for g in GOLD if g["file"] == name]
        for identifier in {g["text"] for g in GOLD}:
            for m in re.finditer(rf"(?<!\w){re.escape(identifier)}(?!\w)", transcript.text):
                assert any(s <= m.start() and m.end() <= e for s, e in spans), (name, identifier, m.start())


def test_speaker_labels_that_are_names_are_gold(imported):
    roles = {"Interviewer", "Participant", "I", "R", "INT", "P06"}
    for name, transcript in imported.items():
        gold = {(g["start"], g["end"]) for g in GOLD if g["file"] == name}
        for turn in transcript.turns:
            if turn.speaker not in roles:
                label_start = transcript.text.index(turn.speaker, turn.start)
                assert (label_start, label_start + len(turn.speaker)) in gold, (name, turn.speaker)


def test_participants_csv_describes_every_interview(imported):
    rows = list(csv.DictReader((SAMPLES / "participants.csv").open(encoding="utf-8")))
    assert list(rows[0]) == ["participant", "transcript", "speaker", "age", "gender", "ethnicity",
                             "years_peer_work", "substance_use_past_12_months", "interview_mode"]
    assert sorted(r["transcript"] for r in rows) == sorted(imported)
    for row in rows:
        assert row["speaker"] in imported[row["transcript"]].speakers
        assert 18 <= int(row["age"]) <= 90 and float(row["years_peer_work"]) >= 0
        assert row["substance_use_past_12_months"] in {"yes", "no"}
