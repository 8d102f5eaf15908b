"""The de-identification development set (tests/deid/devset): fictional transcripts from other settings, built
from marked-up sources like the samples, so every gold span matches the imported text exactly."""

import json
import re
import sys
from pathlib import Path

import pytest

from annotator.importers import read_transcript
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_samples  # noqa: E402

DEVSET = Path(__file__).parent / "devset"
PARTS = ("tuned", "heldout")


def transcripts(part):
    return sorted(p for p in (DEVSET / part).iterdir() if p.suffix in {".txt", ".docx", ".vtt"})


@pytest.mark.parametrize("part", PARTS)
def test_sources_render_to_the_imported_text_and_gold_spans_match(part):
    gold = json.loads((DEVSET / part / "identifiers.json").read_text("utf-8"))
    imported = {p.name: read_transcript(p.name, p.read_bytes()) for p in transcripts(part)}
    for source in sorted((DEVSET / part / "sources").glob("*.src")):
        meta, turns = build_samples.parse(source)
        expected, _ = build_samples.strip(build_samples.render_marked(meta, turns, build_samples.timestamps(turns)))
        assert imported[meta["file"]].text == expected, source.name
        assert "FICTIONAL SAMPLE TRANSCRIPT" in source.read_text("utf-8")
    assert {g["file"] for g in gold} == set(imported)
    for g in gold:
        assert imported[g["file"]].text[g["start"]:g["end"]] == g["text"], g
    for name, transcript in imported.items():  # any other exact occurrence of a gold text is gold too
        spans = [(g["start"], g["end"]) for g in gold if g["file"] == name]
        for identifier in {g["text"] for g in gold if g["file"] == name}:
            for m in re.finditer(rf"(?<!\w){re.escape(identifier)}(?!\w)", transcript.text):
                assert any(s <= m.start() and m.end() <= e for s, e in spans), (name, identifier)


def test_the_set_is_larger_and_more_varied_than_the_samples():
    files = [p for part in PARTS for p in transcripts(part)]
    assert len(files) >= 8 and len(transcripts("heldout")) >= 3
    assert {p.suffix for p in files} == {".txt", ".docx", ".vtt"}
    gold = [g for part in PARTS for g in json.loads((DEVSET / part / "identifiers.json").read_text("utf-8"))]
    assert {g["type"] for g in gold} == {"PERSON", "PLACE", "AGENCY", "OTHER"}
    assert "**Everything in this folder is fictional.**" in (DEVSET / "README.md").read_text("utf-8")
