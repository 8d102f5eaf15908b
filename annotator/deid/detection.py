"""The detection pipeline: every layer over a text, combined into one candidate per stretch of text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from annotator.core.transcript import SpeakerTurn, is_role_label
from annotator.deid import language_model
from annotator.deid.candidates import Candidate, entity_key, resolve_overlaps
from annotator.deid.patterns import NOT_ACRONYMS, find_agencies, find_patterns
from annotator.deid.propagation import find_mentions

# Words the language model takes for names in transcripts but that identify no one.
_NOT_IDENTIFIERS = {"transcribed", "transcript", "fictional", "sample", "peer", "peers", "welfare", "naloxone",
                    "narcan", "suboxone", "methadone", "fentanyl", "heroin", "crystal meth", "hep c", "covid",
                    "god", "jesus", "christmas", "easter", "english", "canadian", "indigenous", "okay", "yeah", "um",
                    "uh", "lol", "mom", "dad", "auntie", "grandma", "grandpa", "sir", "ma'am"}


@dataclass(frozen=True)
class KnownIdentifier:
    """An entry of the project's identifier list: a participant's or staff member's name, an agency, a place."""

    text: str
    type: str


@dataclass(frozen=True)
class DetectionSettings:
    ages: bool = False  # flag stated ages ("I'm 44") as identifiers
    language_model: bool = True


DEFAULT_SETTINGS = DetectionSettings()


def _speaker_labels(text: str, turns: Iterable[SpeakerTurn]) -> Iterator[Candidate]:
    for turn in turns:
        if is_role_label(turn.speaker):
            continue
        at = text.find(turn.speaker, turn.start, turn.text_start)
        if at != -1:
            yield Candidate(at, at + len(turn.speaker), turn.speaker, "PERSON", "speaker label")


def _plausible(candidate: Candidate) -> bool:
    key = entity_key(candidate.text)
    if candidate.reason != "language model":
        return True
    return key not in _NOT_IDENTIFIERS and not is_role_label(key) and not candidate.text.islower() \
        and candidate.text not in NOT_ACRONYMS and re.search(r"[A-Za-z]{2}", candidate.text) is not None


def detect(
    text: str,
    *,
    turns: Sequence[SpeakerTurn] = (),
    identifiers: Sequence[KnownIdentifier] = (),
    settings: DetectionSettings = DEFAULT_SETTINGS,
) -> list[Candidate]:
    """Candidates in text order, at most one per stretch of text; the identifier list always wins."""
    found: list[Candidate] = []
    if identifiers:
        found += [Candidate(c.start, c.end, c.text, c.type, "identifier list")
                  for c in find_mentions(text, [(i.text, i.type) for i in identifiers])]
    found += _speaker_labels(text, turns)
    found += find_patterns(text, ages=settings.ages)
    found += find_agencies(text)
    if settings.language_model:
        found += language_model.find_entities(text)
    return resolve_overlaps(c for c in found if _plausible(c))


def propagate(text: str, confirmed: Iterable[tuple[str, str]], existing: Sequence[Candidate] = ()) -> list[Candidate]:
    """Mentions of confirmed entities that `existing` does not already cover."""
    covered = [(c.start, c.end) for c in existing]
    return [m for m in find_mentions(text, confirmed) if not any(s < m.end and m.start < e for s, e in covered)]
