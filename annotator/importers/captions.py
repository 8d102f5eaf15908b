"""Caption files from transcription services: WebVTT (.vtt) and SubRip (.srt).

Each cue's speaker comes from a VTT voice tag (`<v Dana>`), a `Name:` prefix (Zoom, Teams) or a `[Name]` prefix;
a cue without one continues the previous speaker. Consecutive cues of one speaker merge into one turn, which keeps
the first cue's start time and the last cue's end time. The text reads `Speaker: speech`, one paragraph per turn.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from annotator.core import work
from annotator.core.errors import ImportFailed
from annotator.core.transcript import SpeakerTurn, Transcript, canonical_text
from annotator.importers.encoding import decode_text
from annotator.importers.limits import ImportLimits
from annotator.importers.speakers import parse_timestamp

_TIMING = re.compile(
    r"\s*(?P<start>(?:\d{1,6}:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*(?P<end>(?:\d{1,6}:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_VOICE = re.compile(r"<v(?:\.[\w.\-]+)?[ \t]+([^<>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<\d[\d:.]*>")
_ANGLE = {c: re.compile(c) for c in "<>"}
_NAME_PREFIX = re.compile(r"^(?:\[(?P<bracket>[^\]\n]{1,40})\]|(?P<colon>[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}|[A-Z][A-Z0-9 ]{0,30}|Speaker \d+)\s*:)\s*")


@dataclass
class _Cue:
    start_ms: int
    end_ms: int
    speaker: str | None
    text: str
    more: list[str] = field(default_factory=list)  # the texts of the cues merged into this one


def _tags(payload: str) -> list[tuple[int, int]]:
    """Where each `<...>` lies that holds no other `<`: the only places a tag can be. Found by lookup, so a run of
    unclosed `<` costs one pass (a regex like `<[^>]*>` rescanned the rest of the text from each of them)."""
    if "<" not in payload:
        return []
    opens = [m.start() for m in work.finditer(_ANGLE["<"], payload)]
    closes = [m.start() for m in work.finditer(_ANGLE[">"], payload)]
    found = []
    for i, start in enumerate(opens):
        j = bisect_left(closes, start)
        if j < len(closes) and (i + 1 == len(opens) or closes[j] < opens[i + 1]):
            found.append((start, closes[j] + 1))
    return found


def _clean(payload: str) -> tuple[str | None, str]:
    speaker, pieces, cursor = None, [], 0
    for start, end in _tags(payload):
        if speaker is None and (voice := work.match(_VOICE, payload, start, end)) and voice.end() == end:
            speaker = voice.group(1).strip()
        if (tag := work.match(_TAG, payload, start, end)) and tag.end() == end:
            pieces.append(payload[cursor:start])
            cursor = end
    pieces.append(payload[cursor:])
    work.charge(len(payload))
    text = html.unescape("".join(pieces))
    text = " ".join(canonical_text(text).split())
    if speaker is None:
        m = work.match(_NAME_PREFIX, text)
        if m and m.end() < len(text):
            speaker = (m.group("bracket") or m.group("colon")).strip()
            text = text[m.end():]
    return speaker, text


def _cues(text: str) -> list[_Cue]:
    text = canonical_text(text)
    cues: list[_Cue] = []
    work.charge(len(text))
    for block in text.split("\n\n"):  # canonical text has no blank line of more than one newline
        lines = block.split("\n")
        for index, line in enumerate(lines):
            m = work.match(_TIMING, line)
            if m is not None:
                break
        else:
            continue  # header, NOTE, STYLE or REGION blocks, and SRT cue numbers alone
        speaker, cue_text = _clean("\n".join(lines[index + 1:]))
        if cue_text:
            cues.append(_Cue(parse_timestamp(m.group("start")), parse_timestamp(m.group("end")), speaker, cue_text))
    return cues


def _transcript(cues: list[_Cue], source_format: str, metadata: dict[str, str]) -> Transcript:
    if not cues:
        raise ImportFailed(f"has no timed cues (not a valid .{source_format} file)")
    # Merge runs of one speaker; an unlabelled cue continues whoever spoke last.
    merged: list[_Cue] = []
    for cue in cues:
        speaker = cue.speaker or (merged[-1].speaker if merged else None)
        if merged and merged[-1].speaker == speaker:
            merged[-1].more.append(cue.text)  # (joined once at the end: adding to a string each time is quadratic)
            merged[-1].end_ms = cue.end_ms
        else:
            merged.append(_Cue(cue.start_ms, cue.end_ms, speaker, cue.text))
    pieces: list[str] = []
    turns: list[SpeakerTurn] = []
    position = 0
    for cue in merged:
        cue.text = " ".join([cue.text, *cue.more])
        if pieces:
            pieces.append("\n\n")
            position += 2
        line = f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text
        if cue.speaker:
            turns.append(SpeakerTurn(start=position, end=position + len(line), speaker=cue.speaker,
                                     text_start=position + len(cue.speaker) + 2,
                                     timestamp_ms=cue.start_ms, end_timestamp_ms=cue.end_ms))
        pieces.append(line)
        position += len(line)
    return Transcript(text="".join(pieces), turns=turns, source_format=source_format, metadata=metadata)


def read_vtt(data: bytes, limits: ImportLimits) -> Transcript:
    text, encoding = decode_text(data)
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        raise ImportFailed("is not a valid .vtt file (it does not start with WEBVTT)")
    return _transcript(_cues(text), "vtt", {"encoding": encoding})


def read_srt(data: bytes, limits: ImportLimits) -> Transcript:
    text, encoding = decode_text(data)
    return _transcript(_cues(text), "srt", {"encoding": encoding})
