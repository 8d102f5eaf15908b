"""Rule-based detectors: phone numbers, e-mail addresses, street addresses and intersections, dates of birth,
ages (when configured), and agency names (acronyms, and names ending Society, Health, Ministry...)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from annotator.deid.candidates import Candidate

_PHONE = re.compile(r"(?<![\w+])(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]\d{3}[ .-]\d{4}(?!\d)"
                    r"|(?<![\w+])\+\d{1,3}(?:[ .-]?\d{2,4}){3,5}(?!\d)")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_STREET_WORDS = (r"Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Way|Lane|Crescent|Highway|"
                 r"Hwy|Place|Court|Terrace|Parkway|Alley|Square")
_CAP = r"(?:[A-Z][\w'’-]+|\d{1,3}(?:st|nd|rd|th))"
_STREET = re.compile(rf"\b(?:\d{{1,5}}[A-Za-z]? )?{_CAP}(?: {_CAP}){{0,2}} (?:{_STREET_WORDS})(?![\w])")
# "Main and Hastings", "King George and 108th": corners named after a place word or preposition.
_INTERSECTION = re.compile(
    rf"\b(?:on|at|by|near|of|off|around|from|to|in) (?P<corner>{_CAP}(?: {_CAP})? (?:and|&) {_CAP}(?: {_CAP})?)\b"
    rf"|\b(?P<before>{_CAP}(?: {_CAP})? (?:and|&) {_CAP}(?: {_CAP})?)(?= corner)")
# "everybody calls him Smitty", "a guy named Darren", "known as Bear".
_NAME_CUE = re.compile(r"\b(?:calls?|called|named|nicknamed|known as|name is|name's)\s+(?:him|her|them|me|us|it\s+)?\s*"
                       r"(?P<name>[A-Z][a-z'’-]{1,20}(?: [A-Z][a-z'’-]{1,20})?)\b")
# Capitalised names ending in a place word: "Downtown Eastside", "Rock Bay", "Fraser Valley", "Oppenheimer Park".
_PLACE_WORDS = (r"Eastside|Westside|Northside|Southside|Downtown|Uptown|Park|Bay|Island|Valley|Lake|River|Heights|"
                r"Village|Beach|Hill|Hills|Creek|Mountain|Harbour|Harbor|Point|Falls|Junction|Landing|Flats|Plaza|"
                r"Mall|Market|Station|Square|County|District|Township|Reserve|Nation")
_PLACE_NAME = re.compile(rf"\b(?:[A-Z][\w'’-]+ )+(?:{_PLACE_WORDS})\b")
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|" \
          r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DATE = rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}} {_MONTHS},? \d{{4}}|{_MONTHS} \d{{1,2}},? \d{{4}})"
_DOB = re.compile(rf"(?:\b(?:born(?: on)?|date of birth:?|DOB:?|d\.o\.b\.:?)\s+)({_DATE})", re.IGNORECASE)
_AGE = re.compile(r"\b(?:I'm|I am|aged?|age of)\s+(\d{1,2})\b|\b(\d{1,2})[ -]years?[ -]old\b", re.IGNORECASE)

_AGENCY_ENDINGS = (r"Society|Network|Centre|Center|Clinic|Health|Authority|Services|Service|House|Drop-In|Ministry|"
                   r"Mission|Collective|Association|Foundation|Coalition|Hospital|Police|Department|Council|Union|"
                   r"Institute|University|College|Court|Agency|Commission|Detachment|Shelter|Program|Programme")
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|of|for|de|la)"  # no "and": "VANDU and Vancouver Coastal Health" are two
_AGENCY_NAME = re.compile(rf"\b[A-Z][\w'’.-]*(?: {_NAME_WORD}){{0,5}} (?:{_AGENCY_ENDINGS})\b"
                          rf"|\b(?:Ministry|Department|Office|Court) of(?: (?:the|and|for))?(?: [A-Z][\w'’-]*){{1,5}}")
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,6}\b(?![a-z'’])")
# Capitals that are not agencies: words people shout, titles, units, and this field's common abbreviations.
NOT_ACRONYMS = {
    "I", "A", "OK", "ID", "IDS", "ER", "TV", "AM", "PM", "US", "USA", "UK", "EU", "EAP", "SRO", "PEER", "PWLLE",
    "OD", "ODS", "OPS", "HIV", "HCV", "AIDS", "PPE", "CPR", "BC", "DTES", "NO", "YES", "OH", "MR", "MRS", "MS", "DR",
    "ICU", "ADHD", "PTSD", "CEO", "FAQ", "PDF", "SMS", "ATM", "IV", "INT", "FICTIONAL", "SAMPLE", "TRANSCRIPT", "NOT",
    "THE", "AND", "OF", "TO", "IN", "IS", "IT", "MEI", "ECHR", "GMT", "UTC", "FYI", "LOL", "OMG", "Q", "R", "P",
}
_NOT_NAMES = {"the", "this", "that", "it", "a", "an", "my", "his", "her", "their", "our", "your", "me", "him", "us",
              "them", "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody", "i", "you", "we",
              "they", "he", "she", "911", "back", "again", "out", "up", "in", "monday", "tuesday", "wednesday",
              "thursday", "friday", "saturday", "sunday", "tomorrow", "today", "tonight", "later", "home", "work"}
_CAPS_BEFORE = re.compile(r"\b[A-Z]{2,}['’]?[A-Z]*[ \t-]+$")
_CAPS_AFTER = re.compile(r"[ \t-]+[A-Z]{2,}\b")
_TRAILING_LOWER = re.compile(r"(?: (?:of|for|de|la))+$")


def find_patterns(text: str, *, ages: bool = False) -> Iterator[Candidate]:
    for m in _PHONE.finditer(text):
        yield Candidate(m.start(), m.end(), m.group(), "OTHER", "pattern")
    for m in _EMAIL.finditer(text):
        yield Candidate(m.start(), m.end(), m.group(), "OTHER", "pattern")
    for m in _STREET.finditer(text):
        yield Candidate(m.start(), m.end(), m.group(), "PLACE", "pattern")
    for m in _INTERSECTION.finditer(text):
        group = "corner" if m.group("corner") else "before"
        yield Candidate(m.start(group), m.end(group), m.group(group), "PLACE", "pattern")
    for m in _NAME_CUE.finditer(text):
        if m.group("name").split()[0].lower() not in _NOT_NAMES:
            yield Candidate(m.start("name"), m.end("name"), m.group("name"), "PERSON", "pattern")
    for m in _PLACE_NAME.finditer(text):
        yield Candidate(m.start(), m.end(), m.group(), "PLACE", "pattern")
    for m in _DOB.finditer(text):
        yield Candidate(m.start(1), m.end(1), m.group(1), "OTHER", "pattern")
    if ages:
        for m in _AGE.finditer(text):
            group = 1 if m.group(1) else 2
            yield Candidate(m.start(group), m.end(group), m.group(group), "OTHER", "pattern")


def find_agencies(text: str) -> Iterator[Candidate]:
    for m in _AGENCY_NAME.finditer(text):
        name = _TRAILING_LOWER.sub("", m.group())
        words = name.split()
        if len(words) < 2 and not name.startswith(("Ministry", "Department")):
            continue
        yield Candidate(m.start(), m.start() + len(name), name, "AGENCY", "agency heuristic")
    for m in _ACRONYM.finditer(text):
        word = m.group()
        if word in NOT_ACRONYMS or len(word.replace("&", "")) < 2:
            continue
        # A run of capitals is shouting or a heading, not an acronym: "I DON'T KNOW", "FICTIONAL SAMPLE".
        if _CAPS_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _CAPS_AFTER.match(text, m.end()):
            continue
        yield Candidate(m.start(), m.end(), word, "AGENCY", "agency heuristic")
