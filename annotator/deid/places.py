"""Places by grammar rather than by list: street addresses and names with a street type, numbered streets
("12th Avenue", "on 63rd"), corners ("Fraser and 41st", "Main and Hastings" after a place word), "on/off/along X",
names ending in a place word ("Rock Bay", "Millbrook First Nation"), and neighbourhoods or communities named after
"in / out to / grew up in ...". Every mention elsewhere is then found by propagation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from annotator.deid.candidates import Candidate
from annotator.deid.common_words import is_common, zipf

STREET_TYPES = (r"Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Way|Lane|Crescent|Highway|"
                r"Hwy\.?|Place|Terrace|Parkway|Pkwy|Alley|Square|Close|Row|Gardens|Grove|Mews|Walk|Parade|Esplanade|"
                r"Quay|Circuit|Trail|Pike|Expressway|Freeway|Motorway|Broadway|Wynd|Line|Sideroad")
_ORDINAL_WORDS = (r"First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|Thirteenth|"
                  r"Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|Nineteenth|Twentieth")
_NUMBERED = r"(?:(?:East|West|North|South|E\.?|W\.?|N\.?|S\.?) )?\d{1,3}(?:st|nd|rd|th)"
_WORD = r"[A-Z][\w'’-]+"
_CAP = rf"(?:{_WORD}|{_NUMBERED})"
_STREET = re.compile(rf"\b(?:\d{{1,5}}[A-Za-z]? )?(?:{_CAP}|{_ORDINAL_WORDS})(?: {_CAP}){{0,2}} (?:{STREET_TYPES})(?![\w])"
                     rf"|\b(?:Highway|Hwy\.?|Route|Interstate|I-|State Route|SR) ?\d{{1,4}}\b|\b\d{{1,5}} Court\b")
# "on 63rd", "off 12th": a bare number is a street only after a word of place, never "the 4th of July".
_BARE_NUMBERED = re.compile(
    rf"\b(?:on|off|along|onto|up|down|past|near|across|at|to|from|by|of) (?P<street>{_NUMBERED})\b"
    r"(?! (?:of|birthday|grade|time|floor|century|anniversary|year|day|week|month|round|place|try|attempt|"
    r"generation|overdose|dose|and \d))")
_SIDE = rf"(?:{_NUMBERED}|{_WORD}(?: {_WORD})?|[A-Z]|\d{{2,3}})(?: (?:{STREET_TYPES}))?"  # "97th and 106"
_CORNER = re.compile(rf"(?<![\w'’-])(?P<corner>{_SIDE} (?:and|&) {_SIDE})(?![\w'’-])")
_CORNER_CONTEXT = re.compile(r"\b(?:on|at|by|near|off|around|between|outside|past|along|corner of|corner at)\s+$",
                             re.IGNORECASE)
PLACE_WORDS = (r"Eastside|Westside|Northside|Southside|Downtown|Uptown|Park|Bay|Island|Valley|Lake|River|Heights|"
               r"Village|Beach|Hill|Hills|Creek|Mountain|Harbour|Harbor|Point|Falls|Junction|Landing|Flats|Plaza|"
               r"Mall|Market|Station|Square|County|District|Township|Reserve|Nation|Nations|End|Side|Estate|Green|"
               r"Commons|Common|Gardens|Arm|Springs|Cove|Ridge|Corner|Corners|Crossing|Wharf|Pier")
_PLACE_NAME = re.compile(rf"\b(?:[A-Z][\w'’-]+ )+(?:{PLACE_WORDS})\b")
_STREET_PREPOSITION = re.compile(rf"\b(?:on|off|along|onto|up|down) (?P<name>{_WORD})\b(?! (?:{_WORD}|\d))")
_PLACE_PREPOSITION = re.compile(
    rf"\b(?:in|out to|out in|up to|up in|down to|down in|over to|over in|back to|back in|moved to|grew up in|"
    rf"lives? in|living in|born in|from|near|outside|towards?|across|through|via|around) "
    rf"(?P<name>{_WORD}(?: (?:{_WORD}|la|de))*)")
# "went to Crossroads", "took him to Riverview": where someone goes is a place or a body, even a common word.
_GONE_TO = re.compile(rf"\b(?:went|go|goes|going|gone|get|got|come|came|coming|took (?:him|her|me|them|us)|"
                      rf"drove (?:him|her|me|them|us)|sent (?:him|her|me|them|us)) to (?P<name>{_WORD}(?: {_WORD})*)")
GONE_TO_ZIPF = 4.5  # but never "went to Church", "go to Court", "got to Work"
# Capitalised words after "on", "in" or "from" that are not places.
NOT_PLACES = set("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december christmas easter thanksgiving ramadan diwali halloween instagram
facebook twitter tiktok snapchat whatsapp youtube zoom teams skype google messenger signal x tv netflix suboxone
methadone naloxone narcan fentanyl heroin oxy oxycontin dilaudid hydromorph kadian sublocade welfare disability
medicaid medicare centrelink jobseeker universal credit pip ei odsp cpp english french spanish cree ojibwe
mandarin cantonese punjabi tagalog arabic māori maori irish gaelic it i god jesus mom mum dad nan""".split())


def _place(start: int, end: int, text: str, reason: str, confidence: float, why: str) -> Candidate:
    return Candidate(start, end, text, "PLACE", reason, confidence, (why,))


def find_places(text: str) -> Iterator[Candidate]:
    for m in _STREET.finditer(text):
        yield _place(m.start(), m.end(), m.group(), "street grammar", 0.85, "a street name")
    for m in _BARE_NUMBERED.finditer(text):
        yield _place(m.start("street"), m.end("street"), m.group("street"), "street grammar", 0.7,
                     "a numbered street")
    for m in _CORNER.finditer(text):
        corner = m.group("corner")
        numbered = re.search(rf"{_NUMBERED}|\b(?:{STREET_TYPES})\b", corner) is not None
        context = _CORNER_CONTEXT.search(text, max(0, m.start() - 12), m.start()) is not None \
            or text.startswith(" corner", m.end())
        bare = re.search(r"(?:^| )\d{2,3}(?: |$)", corner) is not None  # a bare number: only beside a street
        if numbered or context and not bare:
            yield _place(m.start("corner"), m.end("corner"), corner, "street grammar", 0.8 if numbered else 0.65,
                         "a street corner")
    for m in _PLACE_NAME.finditer(text):
        yield _place(m.start(), m.end(), m.group(), "street grammar", 0.75, "a name ending in a place word")
    for m in _STREET_PREPOSITION.finditer(text):
        name = m.group("name")
        if name.casefold() not in NOT_PLACES and name.casefold().rstrip("s") not in NOT_PLACES and not name.isupper():
            yield _place(m.start("name"), m.end("name"), name, "street grammar", 0.55 if not is_common(name) else 0.45,
                         f"a street after '{m.group().split()[0]}'")
    for m in _GONE_TO.finditer(text):
        name = re.sub(r"['’]s$", "", m.group("name"))
        if " " not in name and is_common(name) and zipf(name) < GONE_TO_ZIPF and name.casefold() not in NOT_PLACES:
            yield _place(m.start("name"), m.start("name") + len(name), name, "context", 0.4,
                         f"after '{m.group().split()[0]} to'")
    for m in _PLACE_PREPOSITION.finditer(text):
        name = re.sub(r"['’]s$", "", m.group("name"))
        words = name.split()
        if words[0].casefold() in NOT_PLACES or name.isupper() or len(words) == 1 and is_common(name):
            continue  # "in English", "from Monday"; but "out to Red Cliffs" is a place of common words
        yield _place(m.start("name"), m.start("name") + len(name), name, "context", 0.55 if len(words) == 1 or
                     not is_common(name) else 0.5,
                     f"after '{m.group()[:m.start('name') - m.start()].strip()}'")
