"""Rule-based detectors of identifiers that are not names: phone numbers (North American, UK, Irish, Australian,
New Zealand, with or without a country code), e-mail addresses, URLs, social media handles, postcodes and PO boxes
in address context, dates of birth and death, and ages (when configured). All typed OTHER."""

from __future__ import annotations

import re
from collections.abc import Iterator

from annotator.deid.candidates import Candidate

_NANP = r"(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]\d{4}"
_INTERNATIONAL = r"\+\d{1,3}[ .-]?(?:\(0\)[ .-]?)?\(?\d{1,4}\)?(?:[ .-]?\d{2,6}){1,4}"
_NATIONAL = r"(?:\(0\d{1,4}\)|0\d{1,4})(?:[ .-]?\d{2,6}){1,3}"  # a trunk 0: 0141 496 0857, (03) 5021 4455
_AU_SERVICE = r"1[38]00[ -]?\d{3}[ -]?\d{3}"  # Australian freecall and local-rate numbers: 1800 123 456
_PHONE = re.compile(rf"(?<![\w+.])(?:{_INTERNATIONAL}|{_NANP}|{_NATIONAL}|{_AU_SERVICE})(?![\w-])")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_TLDS = r"com|org|net|ca|uk|au|nz|ie|us|gov|edu|info|io|co"
_URL = re.compile(rf"(?<![@\w.])(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'’]"
                  rf"|(?<![@\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{_TLDS})(?:\.[a-z]{{2}})?(?:/[^\s<>\"]*[\w/])?(?![\w@])")
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])(?!\.[a-z])")
_UK_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b")
_CA_POSTCODE = re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b")
_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|"
           "ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY")
_STATE_NAMES = ("Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|"
                "Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|"
                "Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|"
                "North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|"
                "South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming")
_ZIP = re.compile(rf"\b(?:{_STATES}|{_STATE_NAMES})\.?,? (\d{{5}}(?:-\d{{4}})?)\b"
                  rf"|\b(?i:zip|zip code|postcode|post code|postal code)(?: is| was|:)? (\d{{4,5}}(?:-\d{{4}})?)\b")
_AU_POSTCODE = re.compile(r"\b(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT|New South Wales|Victoria|Queensland|South Australia|"
                          r"Western Australia|Tasmania|Northern Territory),? (\d{4})\b")
_PO_BOX = re.compile(r"\b(?:P\.? ?O\.? Box|Post Office Box|GPO Box|Locked Bag) \d{1,6}\b", re.IGNORECASE)
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|" \
          r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|(?:the )?\d{{1,2}}(?:st|nd|rd|th)?"
         rf"(?: of)? {_MONTHS},? \d{{4}}|{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}})")
_LIFE_DATE = re.compile(rf"\b(?:born|date of birth|d\.?o\.?b\.?|birthday|died|passed|passed away|date of death|"
                        rf"death)\b[^.\n]{{0,30}}?\b({_DATE})", re.IGNORECASE)
_AGE = re.compile(r"\b(?:I'm|I am|aged?|age of)\s+(\d{1,2})\b|\b(\d{1,2})[ -]years?[ -]old\b", re.IGNORECASE)


def _phone_digits_ok(number: str) -> bool:
    digits = sum(ch.isdigit() for ch in number)
    if re.fullmatch(_AU_SERVICE, number):
        return True
    if number.startswith("+1"):
        return digits == 11
    if number.startswith("+"):
        return 9 <= digits <= 13
    if number.lstrip("(").startswith("0"):
        return 9 <= digits <= 11 and any(not ch.isdigit() for ch in number) or digits in (10, 11)
    return digits in (10, 11)


def _other(start: int, end: int, text: str, why: str, confidence: float = 0.95) -> Candidate:
    return Candidate(start, end, text, "OTHER", "pattern", confidence, (why,))


def _phones(text: str) -> Iterator[tuple[int, int]]:
    """Phone numbers; a match that runs on into the next number is cut back, group by group, until it fits."""
    position = 0
    while (m := _PHONE.search(text, position)) is not None:
        number = m.group()
        while not _phone_digits_ok(number) and re.search(r"[ .-]\d+$", number):
            number = re.sub(r"[ .-]\d+$", "", number)
        if _phone_digits_ok(number):
            yield m.start(), m.start() + len(number)
            position = m.start() + len(number)
        else:
            position = m.end()


def find_patterns(text: str, *, ages: bool = False) -> Iterator[Candidate]:
    for start, end in _phones(text):
        yield _other(start, end, text[start:end], "a phone number")
    for m in _EMAIL.finditer(text):
        yield _other(m.start(), m.end(), m.group(), "an e-mail address")
    for m in _URL.finditer(text):
        yield _other(m.start(), m.end(), m.group(), "a web address", 0.9)
    for m in _HANDLE.finditer(text):
        yield _other(m.start(), m.end(), m.group(), "a social media handle", 0.85)
    for pattern, why in ((_UK_POSTCODE, "a UK postcode"), (_CA_POSTCODE, "a Canadian postal code")):
        for m in pattern.finditer(text):
            yield _other(m.start(), m.end(), m.group(), why, 0.85)
    for pattern, why in ((_ZIP, "a ZIP code after a state"), (_AU_POSTCODE, "an Australian postcode after a state")):
        for m in pattern.finditer(text):
            group = next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g))
            yield _other(m.start(group), m.end(group), m.group(group), why, 0.85)
    for m in _PO_BOX.finditer(text):
        yield _other(m.start(), m.end(), m.group(), "a post office box", 0.9)
    for m in _LIFE_DATE.finditer(text):
        yield _other(m.start(1), m.end(1), m.group(1), "a date of birth or death", 0.9)
    if ages:
        for m in _AGE.finditer(text):
            group = 1 if m.group(1) else 2
            yield _other(m.start(group), m.end(group), m.group(group), "a stated age", 0.8)
