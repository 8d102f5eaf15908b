"""The detection pipeline: every layer over every text, the overlapping suggestions of one stretch combined into
one mention, the mentions of all texts resolved into entities (see entities.py), and every other mention of each
entity found by propagation. detect() is the same for one text."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from annotator.core.transcript import SpeakerTurn, is_role_label
from annotator.deid import gazetteer, language_model
from annotator.deid.agencies import NOT_ACRONYMS, find_agencies, find_generic_references
from annotator.deid.candidates import Candidate, entity_key, resolve_overlaps
from annotator.deid.context import type_votes
from annotator.deid.entities import DECISIVE, WEIGHTS, Entity, Mention, resolve
from annotator.deid.given_names import is_given_name
from annotator.deid.names import (find_capitalised, find_initials, find_lowercase_names, find_name_cues,
                                  find_titled)
from annotator.deid.patterns import find_patterns
from annotator.deid.places import find_places
from annotator.deid.propagation import COMMON_WORDS, MentionFinder, find_mentions

# Words the language model takes for names in transcripts but that identify no one.
_NOT_IDENTIFIERS = {"transcribed", "transcript", "fictional", "sample", "peer", "peers", "welfare", "naloxone",
                    "narcan", "suboxone", "methadone", "fentanyl", "heroin", "crystal meth", "hep c", "covid",
                    "god", "jesus", "christmas", "easter", "english", "canadian", "indigenous", "okay", "yeah", "um",
                    "uh", "lol", "mom", "dad", "auntie", "grandma", "grandpa", "sir", "ma'am", "interviewer",
                    "participant", "universal credit", "cert iv", "powerpoint", "instagram", "facebook", "zoom",
                    "kia ora", "kia", "ngā mihi", "cert", "cert iv", "mahi", "whānau", "kōrero", "smudge", "aye", "grand"}
_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sgt|Rev|Constable|Inspector|Pastor|Aunty|Auntie|Uncle)\b")


@dataclass(frozen=True)
class KnownIdentifier:
    """An entry of the project's identifier list: a participant's or staff member's name, an agency, a place."""

    text: str
    type: str


@dataclass(frozen=True)
class DetectionSettings:
    ages: bool = False  # flag stated ages ("I'm 44") as identifiers
    language_model: bool = True
    n_process: int = 1  # 2: the language model on two cores (same results)


DEFAULT_SETTINGS = DetectionSettings()


def _speaker_labels(text: str, turns: Iterable[SpeakerTurn]) -> Iterable[Candidate]:
    for turn in turns:
        if is_role_label(turn.speaker):
            continue
        at = text.find(turn.speaker, turn.start, turn.text_start)
        if at != -1:
            yield Candidate(at, at + len(turn.speaker), turn.speaker, "PERSON", "speaker label", 0.99,
                            ("a speaker label",))


def _plausible(candidate: Candidate) -> bool:
    if candidate.reason in DECISIVE:
        return True
    key = entity_key(candidate.text)
    lower = candidate.text[:1].isalpha() and candidate.text.islower() and candidate.reason != "name cue"
    letters = re.sub(r"[&.]" if candidate.why == ("initials",) else "&", "", candidate.text)  # "A&E", "J.P."
    return key not in _NOT_IDENTIFIERS and not is_role_label(key) and not lower \
        and candidate.text not in NOT_ACRONYMS and re.search(r"[^\W\d_]{2}", letters) is not None


def _region_lowered(c: Candidate) -> Candidate:
    """Provinces, states and countries place a story but rarely identify anyone: shown, at low confidence."""
    if c.reason in DECISIVE or c.type != "PLACE":
        return c
    place = gazetteer.lookup(c.text)
    if place is None or not place.region:
        return c
    return replace(c, confidence=min(c.confidence, 0.3), why=("a province, state or country",))


def _trim(c: Candidate) -> Candidate:
    """Drop a sentence's first word swept into a name: 'So Island Health', 'Then Rock Bay'."""
    first, _, rest = c.text.partition(" ")
    if c.reason in DECISIVE or not rest or first.lower() not in COMMON_WORDS or gazetteer.lookup(c.text):
        return c
    return replace(c, start=c.start + len(first) + 1, text=rest)


def _rank(c: Candidate) -> tuple:
    sure = DECISIVE.index(c.reason) if c.reason in DECISIVE else len(DECISIVE)
    return sure, -(c.end - c.start), -WEIGHTS.get(c.reason, 0.0), c.start


def _combine(text: str, where: Hashable, found: list[Candidate]) -> list[Mention]:
    """One mention per stretch: the surest layer, else the longest span; the votes of every layer that saw it."""
    kept: list[Candidate] = []
    for c in sorted(found, key=_rank):
        if not any(k.start < c.end and c.start < k.end for k in kept):
            kept.append(c)
    kept.sort()
    merged: list[Candidate] = []
    for c in kept:  # never one name in two pieces of two types: "Kevin" + "Tran" is one "Kevin Tran"
        last = merged[-1] if merged else None
        if last is not None and text[last.end:c.start] == " " and last.reason not in DECISIVE and \
                c.reason not in DECISIVE and last.text[:1].isupper() and c.text[:1].isupper() and \
                "PERSON" in (last.type, c.type) and last.type != "OTHER" and c.type != "OTHER":
            merged[-1] = Candidate(last.start, c.end, text[last.start:c.end], "PERSON", last.reason,
                                   max(last.confidence, c.confidence), last.why + c.why)
            continue
        merged.append(c)
    mentions = []
    for winner in merged:
        votes: dict[str, float] = {}
        for c in found:
            if c.start < winner.end and winner.start < c.end:
                share = 1.0 if (c.start, c.end) == (winner.start, winner.end) else \
                    0.5 if winner.start <= c.start and c.end <= winner.end else 0.0
                layer = "gazetteer, several words" if c.reason == "gazetteer" and " " in c.text else c.reason
                votes[c.type] = votes.get(c.type, 0.0) + share * WEIGHTS.get(layer, 0.0)
        cues, why = type_votes(text, winner.start, winner.end, winner.text)
        for kind, weight in cues.items():
            votes[kind] = votes.get(kind, 0.0) + weight
        if gazetteer.lookup(winner.text) is not None and winner.reason != "gazetteer":
            votes["PLACE"] = votes.get("PLACE", 0.0) + 0.6
            why.append("a place in GeoNames")
        if _TITLE.match(winner.text):
            votes["PERSON"] = votes.get("PERSON", 0.0) + 2.0
        elif " " not in winner.text and is_given_name(winner.text) and (
                (place := gazetteer.lookup(winner.text)) is None or place.population < 20_000):
            votes["PERSON"] = votes.get("PERSON", 0.0) + 0.8
            why.append("a given name")
        mentions.append(Mention(where, winner, votes, why))
    for a, b in zip(mentions, mentions[1:]):  # "Red Cliffs and Merbein": listed together, of one kind
        if text[a.candidate.end:b.candidate.start] in (" and ", ", ", " or ", ", and "):
            for one, other in ((a, b), (b, a)):
                lean = max(other.votes, key=other.votes.get) if other.votes else None
                if lean in ("PLACE", "AGENCY") and other.votes[lean] >= 1.5:
                    one.votes[lean] = one.votes.get(lean, 0.0) + 0.8
                    one.why.append(f"listed with a {lean.lower()}")
    return mentions


def _layers(text: str, turns: Sequence[SpeakerTurn], identifiers: Sequence[KnownIdentifier],
            settings: DetectionSettings, model: list[Candidate]) -> tuple[list[Candidate], list]:
    found: list[Candidate] = []
    if identifiers:
        found += [Candidate(c.start, c.end, c.text, c.type, "identifier list", 1.0, ("the identifier list",))
                  for c in find_mentions(text, [(i.text, i.type) for i in identifiers])]
    found += _speaker_labels(text, turns)
    found += find_patterns(text, ages=settings.ages)
    found += find_places(text)
    found += gazetteer.find_places(text)
    found += find_agencies(text)
    found += find_generic_references(text)
    cues = list(find_name_cues(text))
    found += [cue.candidate for cue in cues]
    found += find_titled(text)
    found += find_initials(text)
    found += find_lowercase_names(text)
    found += find_capitalised(text)
    found += model
    return [_region_lowered(_trim(c)) for c in found if _plausible(c)], cues


def _links(text: str, turns: Sequence[SpeakerTurn], mentions: list[Mention], cues: list) -> list[tuple[str, str]]:
    """Nicknames the text introduces: 'everybody calls me Frenchy' (the speaker), 'real name Byron Sam'."""
    links = []
    people = [m.candidate for m in mentions if m.votes.get("PERSON", 0) > 0 or m.candidate.reason == "speaker label"]
    for cue in cues:
        name = cue.candidate
        if cue.refers_to == "speaker":
            turn = next((t for t in turns if t.start <= name.start < t.end), None)
            if turn is not None and not is_role_label(turn.speaker):
                links.append((name.text, turn.speaker))
        elif cue.refers_to == "previous":
            before = [p for p in people if p.end <= name.start and name.start - p.end < 120 and p.text != name.text]
            if before:
                links.append((name.text, before[-1].text))
    for a, b in zip(mentions, mentions[1:]):  # "Dazza, Darren Fitzgerald, who...": a name and its full form
        if text[a.candidate.end:b.candidate.start] == ", " and " " in b.candidate.text and " " not in a.candidate.text \
                and b.votes.get("PERSON", 0) > max(b.votes.get("PLACE", 0), b.votes.get("AGENCY", 0)):
            links.append((a.candidate.text, b.candidate.text))
    return links


def detect_texts(texts: Mapping[Hashable, str], *, turns: Mapping[Hashable, Sequence[SpeakerTurn]] | None = None,
                 identifiers: Sequence[KnownIdentifier] = (), settings: DetectionSettings = DEFAULT_SETTINGS,
                 propagate_mentions: bool = True, progress: Callable[[int, int, str], None] | None = None
                 ) -> list[Entity]:
    """Entities across all the texts, each with every mention found (by a layer or by propagation). `progress`
    (done, total, text's name) is called before each text; it may raise to stop."""
    turns = turns or {}
    keys = list(texts)
    # The model's entities arrive text by text (on two cores, the workers read the next texts while the rules run
    # here on this one), so the progress bar moves and Cancel is heard throughout.
    model = language_model.stream_entities([texts[k] for k in keys], settings.n_process) \
        if settings.language_model else iter([[] for _ in keys])
    mentions: list[Mention] = []
    links: list[tuple[str, str]] = []
    try:
        for index, key in enumerate(keys):
            text = texts[key]
            if progress is not None:
                progress(index, len(keys), str(key))
            found, cues = _layers(text, turns.get(key, ()), identifiers, settings, next(model))
            here = _combine(text, key, found)
            mentions += here
            links += _links(text, turns.get(key, ()), here, cues)
    finally:
        close = getattr(model, "close", None)
        if close is not None:
            close()  # (stops the model's workers when a progress callback raised to cancel)
    entities = resolve(mentions, links)
    if propagate_mentions:
        _propagate_all(texts, entities)
    return entities


def _propagate_all(texts: Mapping[Hashable, str], entities: list[Entity]) -> None:
    owner: dict[str, Entity] = {}
    for e in entities:
        for form in e.forms():
            owner.setdefault(entity_key(form), e)
    finder = MentionFinder([(form, e.type) for e in entities for form in e.forms()])  # (built once)
    found_in: dict[Hashable, list[tuple[int, int]]] = {}  # each text's mentions so far, gathered in one pass
    for e in entities:
        for m in e.mentions:
            found_in.setdefault(m.where, []).append((m.candidate.start, m.candidate.end))
    for key, text in texts.items():
        covered = sorted(found_in.get(key, ()))
        for c in finder.find(text):
            if any(s < c.end and c.start < e_ for s, e_ in covered):
                continue
            entity = owner.get(entity_key(c.text)) or next(
                (e for e in entities if any(entity_key(c.text) in entity_key(f).split() for f in e.forms())), None)
            if entity is None:
                continue
            entity.mentions.append(Mention(key, replace(c, type=entity.type, confidence=entity.confidence)))
            covered.append((c.start, c.end))


def detect(text: str, *, turns: Sequence[SpeakerTurn] = (), identifiers: Sequence[KnownIdentifier] = (),
           settings: DetectionSettings = DEFAULT_SETTINGS) -> list[Candidate]:
    """Candidates in text order, at most one per stretch of text, each with its entity's type and confidence."""
    entities = detect_texts({0: text}, turns={0: turns}, identifiers=identifiers, settings=settings,
                            propagate_mentions=False)
    return resolve_overlaps(replace(m.candidate, type=e.type, confidence=e.confidence, why=e.reasons)
                            for e in entities for m in e.mentions)


def candidates_of(entities: Iterable[Entity]) -> dict[Hashable, list[Candidate]]:
    """Each text's mentions, typed as their entity, in text order."""
    out: dict[Hashable, list[Candidate]] = {}
    for e in entities:
        for m in e.mentions:
            out.setdefault(m.where, []).append(replace(m.candidate, type=e.type, confidence=e.confidence, why=e.reasons))
    return {k: sorted(v) for k, v in out.items()}


def propagate(text: str, confirmed: Iterable[tuple[str, str]], existing: Sequence[Candidate] = ()) -> list[Candidate]:
    """Mentions of confirmed entities that `existing` does not already cover."""
    covered = [(c.start, c.end) for c in existing]
    return [m for m in find_mentions(text, confirmed) if not any(s < m.end and m.start < e for s, e in covered)]
