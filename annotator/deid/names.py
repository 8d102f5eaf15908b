"""People by the words around them: names a speaker introduces ("everybody calls him Shug", "real name Byron
Sam"), and any capitalised word that is not common English, suggested at low confidence because the reviewer can
reject it in one key press but cannot see what was never suggested."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.core.transcript import is_role_label
from annotator.deid.candidates import Candidate
from annotator.deid.common_words import is_common

_NICKNAME = r"(?:calls?|called|call|named|nicknamed|known as|goes by|name is|name's|real name|short for)"
_NAME_CUE = re.compile(rf"\b{_NICKNAME}\s+(?P<who>him|her|them|me|us)?\s*"
                       r"(?P<name>[A-Z][a-z][a-z'’-]{0,19}(?: [A-Z][a-z][\w'’-]{0,19})?)\b")
_NOT_NAMES = {"the", "this", "that", "it", "a", "an", "my", "his", "her", "their", "our", "your", "me", "him", "us",
              "them", "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody", "i", "you", "we",
              "they", "he", "she", "911", "back", "again", "out", "up", "in", "monday", "tuesday", "wednesday",
              "thursday", "friday", "saturday", "sunday", "tomorrow", "today", "tonight", "later", "home", "work",
              "hey", "okay", "yeah", "what", "who", "there", "here", "so", "and", "but", "no", "yes", "oh"}
_CAPITALISED = re.compile(r"(?<![\w'’@.\[-])[A-Z][a-z]+(?:['’-][A-Za-z]+)*(?:[ -][A-Z][a-z]+(?:['’-][A-Za-z]+)*){0,2}"
                          r"(?![\w\]])")
_NOT_CAPITALISED = {"i", "okay", "ok", "um", "uh", "yeah", "mm", "hmm", "english", "french"}


@dataclass(frozen=True)
class NameCue:
    """A name the text introduces, and who it names: 'me' is the speaker, 'him' or 'her' the person before."""

    candidate: Candidate
    refers_to: str  # "speaker", "previous" or ""


def find_name_cues(text: str) -> Iterator[NameCue]:
    for m in _NAME_CUE.finditer(text):
        name = m.group("name")
        if name.split()[0].lower() in _NOT_NAMES or is_role_label(name):
            continue
        cue = m.group().split()[0].lower()
        who = (m.group("who") or "").lower()
        refers = "speaker" if who in ("me", "us") or cue in ("name's", "name") and "my name" in \
            text[max(0, m.start() - 4):m.end()].lower() else "previous" if who in ("him", "her") or cue in (
                "real", "short") else ""
        yield NameCue(Candidate(m.start("name"), m.end("name"), name, "PERSON", "name cue", 0.75,
                                ("a name the speaker introduces",)), refers)


def sentence_initial(text: str, at: int) -> bool:
    before = text[max(0, at - 40):at].rstrip(" \t\"“‘(*[")
    return not before or before[-1] in ".!?:\n…" or before.endswith(("--", "]"))


def find_capitalised(text: str) -> Iterator[Candidate]:
    """Capitalised words inside a sentence that are not common English: 'Frenchy', 'Possilpark', 'Dazza'."""
    for m in _CAPITALISED.finditer(text):
        word = m.group()
        first = word.split()[0].split("-")[0]
        if sentence_initial(text, m.start()):
            rest = word.split(" ", 1)
            if len(rest) == 1:
                continue
            first_end = m.start() + len(rest[0]) + 1
            word, start = rest[1], first_end  # "Then Possilpark": the sentence's first word is not the name
        else:
            start = m.start()
        if word.casefold() in _NOT_CAPITALISED or first.casefold() in _NOT_CAPITALISED or is_common(word) \
                or is_role_label(word):
            continue
        yield Candidate(start, start + len(word), word, "PERSON", "capitalised word", 0.35,
                        ("a capitalised word that is not common English",))
