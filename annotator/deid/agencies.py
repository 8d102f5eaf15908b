"""Agencies by their shape: names ending in Society, Health, Authority, Centre... ("Vancouver Coastal Health",
"Ministry of Social Development"), acronyms ("VANDU", "QuIHN"), and capitalised references to one body or place
("the Authority", "the Coast"), suggested at low confidence for the reviewer to judge."""

from __future__ import annotations

import re
from collections.abc import Iterator

from annotator.deid import gazetteer
from annotator.deid.candidates import Candidate
from annotator.deid.common_words import zipf
from annotator.deid.places import PLACE_WORDS

AGENCY_ENDINGS = (r"Society|Network|Centre|Center|Centers|Centres|Clinic|Health|Authority|Services|Service|House|"
                  r"Drop-In|Ministry|Mission|Collective|Association|Foundation|Coalition|Hospital|Police|Department|"
                  r"Council|Union|Institute|University|College|Court|Agency|Commission|Detachment|Shelter|Program|"
                  r"Programme|Alliance|Trust|Board|Office|Bureau|Project|Partnership|Church|Army|Ambulance|Prison|"
                  r"Jail|Unit|Team|Group|Peers|Community|Exchange|PD|Corrections|Cross|Organisation|Organization|"
                  r"Charity|Outreach|Recovery|Housing|Hostel|Refuge|Clinics|Hub|Memorial")
# "and" only between two words of one name ("Aboriginal and Islander"), never after an acronym ("VANDU and ...").
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|of|for|de|la|(?<=[a-z] )and(?= [A-Z][a-z]))"
_AGENCY_NAME = re.compile(rf"\b[A-Z][\w'’.-]*(?: {_NAME_WORD}){{0,5}} (?:{AGENCY_ENDINGS})\b"
                          rf"|\b(?:Ministry|Department|Office|Court) of(?: (?:the|and|for))?(?: [A-Z][\w'’-]*){{1,5}}"
                          rf"|\b(?:HMP|HM Prison|St\.?) [A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?")
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z&]{0,2}[A-Z][A-Z&]{0,5}\b(?![a-z'’])|\b[A-Z][A-Z&]{1,6}\b(?![a-z'’])")
# Capitals that are not agencies: words people shout, titles, units, and this field's common abbreviations.
NOT_ACRONYMS = {
    "I", "A", "OK", "ID", "IDS", "ER", "TV", "AM", "PM", "US", "USA", "UK", "EU", "EAP", "SRO", "PEER", "PWLLE",
    "OD", "ODS", "OPS", "HIV", "HCV", "AIDS", "PPE", "CPR", "BC", "DTES", "NO", "YES", "OH", "MR", "MRS", "MS", "DR",
    "ICU", "ADHD", "PTSD", "CEO", "FAQ", "PDF", "SMS", "ATM", "IV", "INT", "FICTIONAL", "SAMPLE", "TRANSCRIPT", "NOT",
    "THE", "AND", "OF", "TO", "IN", "IS", "IT", "MEI", "ECHR", "GMT", "UTC", "FYI", "LOL", "OMG", "Q", "R", "P", "GP",
    "NHS", "CA", "IL", "NSW", "VIC", "QLD", "SA", "WA", "TAS", "NT", "ACT", "ON", "AB", "MB", "NS", "NB", "PEI", "NZ",
    "AU", "IE", "DM", "DMS", "PO", "OT", "RN", "LPN", "NA", "AA", "CBT", "DBT", "MAT", "OAT", "SSP", "NSP", "ASAP",
    "ETA", "RSVP", "TBD", "PS", "CV", "IQ", "VIP", "DJ", "MC", "SUV", "RV", "ATV", "DUI", "DWI", "ASL", "ESL", "GED",
    "HR", "IT", "PR", "QA", "UTI", "STI", "STD", "ED", "EMS", "EMT", "EPS", "RIP", "WIFI", "OKAY", "UM", "UH", "HMM",
    "PC", "PCSO",
}
# State and province codes start a body's acronym ("MN DHS", "NSW Health"), though never one alone.
_STATE_CODES = {"CA", "IL", "NSW", "VIC", "QLD", "SA", "WA", "TAS", "NT", "ON", "AB", "MB", "NS", "NB", "PEI", "BC"}
# A public body named for its province or state: "Service BC", "Housing NSW", "Health PEI".
_REGION_BODY = re.compile(r"\b(?:[A-Z][a-z]+ ){1,3}(?:" + "|".join(sorted(_STATE_CODES | {"NL", "SK", "NZ", "MN", "NY"}))
                          + r")\b(?![\w'’-])")
# Two or three acronyms in a row name one body ("MN DHS", "NHS GGC"); shouting has longer or everyday words.
_ACRONYM_RUN = re.compile(r"(?<![\w'’&-])[A-Z][A-Za-z&]{0,3}[A-Z](?: [A-Z][A-Za-z&]{0,3}[A-Z]){1,2}(?![\w'’&-])")
_CAPS_BEFORE = re.compile(r"\b[A-Z]{2,}['’]?[A-Z]*[ \t-]+$")
_CAPS_AFTER = re.compile(r"[ \t-]+[A-Z]{2,}\b")
_SENTENCE_END = re.compile(r"[\w'’]{4,}\. ")  # a full stop after a word longer than "St." or "Mt."
_TRAILING_LOWER = re.compile(r"(?: (?:of|for|de|la|and))+$")
_LEADING_COMMON = re.compile(r"^(?:So|And|But|Then|Now|Well|Yeah|Like|Or|Because|When|If|Also|Plus|Oh|Okay|Um|Uh|"
                             r"Sometimes|Honestly|Actually|Basically|Maybe|Just) ")
_GENERIC = re.compile(r"(?<=\b[Tt]he )(?P<word>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b(?! (?!I\b)[A-Z])")  # "the Cities I"
_GENERIC_AGENCY = re.compile(rf"(?:{AGENCY_ENDINGS}|County|Magistrates|Government|Crown|Feds|Province|Band)$")
_GENERIC_PLACE = re.compile(rf"(?:{PLACE_WORDS}|Coast|Interior|North|South|East|West|Strand|Liberties|Rez|City|Town|"
                            rf"Valley|Bush|Outback|Mainland|Peninsula|Border|Quays?)$")
_NOT_GENERIC = {"Interviewer", "Participant", "Lord", "Bible", "Internet", "Creator", "Devil", "Pope", "Queen", "King",
                "Web", "News", "Sun", "Moon", "Earth", "Net", "Cloud", "Man", "End", "Monday", "Tuesday", "Wednesday",
                "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June",
                "July", "August", "September", "October", "November", "December", "Christmas", "Easter"}


def _agency(start: int, name: str, confidence: float, why: str) -> Candidate:
    return Candidate(start, start + len(name), name, "AGENCY", "agency heuristic", confidence, (why,))


def find_agencies(text: str) -> Iterator[Candidate]:
    for m in _AGENCY_NAME.finditer(text):
        name, start = _TRAILING_LOWER.sub("", m.group()), m.start()
        stop = None
        for stop in _SENTENCE_END.finditer(name):
            pass
        if stop is not None:  # "the Royal. Welcome Organisation": a name never runs on past a full stop
            name, start = name[stop.end():], start + stop.end()
        lead = _LEADING_COMMON.match(name)
        if lead:
            name, start = name[lead.end():], start + lead.end()
        words = name.split()
        if len(words) < 2 and not name.startswith(("Ministry", "Department")):
            continue
        yield _agency(start, name, 0.85, "a name ending like an agency's")
    for m in _ACRONYM.finditer(text):
        word = m.group()
        if word in NOT_ACRONYMS or len(word.replace("&", "")) < 2:
            continue
        # A run of capitals is shouting or a heading, not an acronym: "I DON'T KNOW", "FICTIONAL SAMPLE".
        if _CAPS_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _CAPS_AFTER.match(text, m.end()):
            continue
        if text[m.end():m.end() + 1] == ":" and text[max(0, m.start() - 1):m.start()] in ("", "\n", " "):
            continue  # a speaker label ("DEV:"): the speaker layer decides those
        yield _agency(m.start(), word, 0.6, "an acronym")
    for m in _REGION_BODY.finditer(text):
        name, start = m.group(), m.start()
        lead = _LEADING_COMMON.match(name)
        if lead:
            name, start = name[lead.end():], start + lead.end()
        if " " in name and gazetteer.lookup(name.rsplit(" ", 1)[0]) is None:  # not "Vancouver BC"
            yield _agency(start, name, 0.6, "a body named for its province or state")
    for m in _ACRONYM_RUN.finditer(text):
        words = m.group().split()
        if any(w in NOT_ACRONYMS and w not in _STATE_CODES or zipf(w) >= 5.0 for w in words) or \
                _CAPS_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _CAPS_AFTER.match(text, m.end()):
            continue
        yield _agency(m.start(), m.group(), 0.55, "an acronym")


def find_generic_references(text: str) -> Iterator[Candidate]:
    """'the Authority', 'the Coast': a capitalised reference to one body or place; low confidence, shown."""
    for m in _GENERIC.finditer(text):
        word = m.group("word")
        if word in _NOT_GENERIC or m.start() >= 5 and text[m.start() - 5] not in " \n(\"“":
            continue  # "the" as a word of its own: not "bathe Coast"
        kind = "AGENCY" if _GENERIC_AGENCY.search(word) else "PLACE"
        yield Candidate(m.start(), m.end(), word, kind, "context", 0.4, ("a capitalised reference to one body or place",))
