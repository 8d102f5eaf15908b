"""People by the words around them: names a speaker introduces ("everybody calls him Shug", "real name Byron
Sam"), a name after a title ("Mr Türmen", "Aunty June", "Mr J.S."), a given name written in lower case after a word
for people ("my cousin dale"), and any capitalised word inside a sentence that is not common English, is a given
name ("Kelly") or is one of a run of capitalised words ("Open Door"), suggested at low confidence because the
reviewer can reject it in one key press but cannot see what was never suggested."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.core.transcript import is_role_label
from annotator.deid.candidates import Candidate
from annotator.deid.common_words import is_common, zipf
from annotator.deid.given_names import is_everyday, is_given_name
from annotator.deid.letters import LOWER, UPPER

RELATIVES = (r"cousin|sister|brother|mom|mum|mother|dad|da|father|son|daughter|aunt|auntie|aunty|uncle|nan|nana|granny|"
             r"grandma|grandmother|grandfather|grandpa|kokum|koro|partner|wife|husband|boyfriend|girlfriend|friend|"
             r"buddy|mate|boss|manager|supervisor|coordinator|worker|sponsor|mentor|lead|colleague|kids?|girls?|boys?|"
             r"nephew|niece|ex|bestie|roommate|neighbou?r|counsel+or|therapist|doctor|nurse|lawyer|landlord|pastor|"
             r"grandson|granddaughter|grandkids?|grandchild|step(?:dad|mom|mum|son|daughter|brother|sister)|godson|"
             r"goddaughter|twin|fianc[eé]e?|cuz|sis|bro|man|guy|homie|homeboy|lad|auntie|uncle")

_NICKNAME = r"(?:calls?|called|call|named|nicknamed|known as|goes by|name is|name's|real name|short for)"
_NAME_CUE = re.compile(rf"\b{_NICKNAME}\s+(?P<who>him|her|them|me|us|it)?\s*"
                       rf"(?P<name>[{UPPER}][{LOWER}][{LOWER}'’-]{{0,19}}(?: [{UPPER}][{LOWER}][\w'’-]{{0,19}})?)\b")
_NOT_NAMES = {"the", "this", "that", "it", "a", "an", "my", "his", "her", "their", "our", "your", "me", "him", "us",
              "them", "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody", "i", "you", "we",
              "they", "he", "she", "911", "back", "again", "out", "up", "in", "monday", "tuesday", "wednesday",
              "thursday", "friday", "saturday", "sunday", "tomorrow", "today", "tonight", "later", "home", "work",
              "hey", "okay", "yeah", "what", "who", "there", "here", "so", "and", "but", "no", "yes", "oh"}
_CAP_WORD = rf"[{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]+)*(?:['’-][{UPPER}{LOWER}]+)*"  # McAllister, O'Neill
_CAPITALISED = re.compile(rf"(?<![\w'’@.\[-]){_CAP_WORD}(?:[ -]{_CAP_WORD}){{0,2}}(?![\w\]])")
# The words around a capitalised common word that say it is someone's name: "It was Bear who found him", "my
# buddy Ace", "Then Moose showed up", "the kid, Junior, he's ok".
_PERSON_AFTER = re.compile(r",? who\b|,? (?:he|she)\b|['’]s (?:mum|mom|dad|nan|place|house|kids?|son|daughter|wife|"
                           r"husband|partner|brother|sister)\b| (?:said|says|told|asked|texted|rang|called|came|comes|"
                           r"knows|knew|helped|helps|showed|sleeps|slept|lives|lived|died|passed away|works|worked|"
                           r"drives|drove|went|goes|was like|is like|runs|ran|gave|gives|took|takes|did|does|cut|"
                           r"moved|sent|pays|paid|funds|funded)\b")
_PERSON_BEFORE = re.compile(rf"\b(?i:(?:my|his|her|our|their|your) (?:{RELATIVES})|me and|named|called|calls (?:him|"
                            rf"her|me)|ask|asked|told|tell|texted|rang),? $")
_LISTED_AFTER = re.compile(rf"(?:,? and|,|&) [{UPPER}][{LOWER}]")
_NOT_RUN_HEADS = set("""so and but then now well yeah like or because when if also plus oh okay um uh sometimes honestly
actually basically maybe just thank thanks happy merry good dear hi hello hey sorry please yes no""".split())
_POSSESSIVE = re.compile(r"['’]s?$")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*[a-z]")
_WORD_ENDING = re.compile(r"(?:ing|ed|ly|ness|ment|tion|able)$")  # "Bagging", "Honestly": words, not names
_OWNER = re.compile(r"\b(?:the|a|an|this|that|my|his|her|our|their|your|its)\s+$", re.IGNORECASE)  # "the van goes"
_PRONOUN = re.compile(r"\b(?:I|you|we|they|he|she|it)\s+$", re.IGNORECASE)
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|its)\s+$", re.IGNORECASE)  # "our Kelly" is a name
# Titles before a name: a strong one takes any capitalised word or initials ("Mr Rock", "Mr J.S."), a family or
# job title only a given name or a word that is not common English ("Aunty June", not "Father Christmas").
_STRONG_TITLES = r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sgt|Cpl|Const|Insp|Det|Rev|Fr|Hon"
_WEAK_TITLES = (r"Uncle|Aunty|Auntie|Aunt|Nana|Nan|Nanna|Kokum|Koro|Kuia|Cousin|Sister|Brother|Father|Pastor|Imam|"
                r"Rabbi|Reverend|Constable|Officer|Inspector|Detective|Sergeant|Corporal|Nurse|Coach|Elder|Grandma|"
                r"Grandpa|Granny|Judge|Justice|Doctor|Professor|Garda|PC|Sheriff|Deputy|Councillor|Councilor|Senator")
_TITLED = re.compile(rf"\b(?P<title>{_STRONG_TITLES}|{_WEAK_TITLES})\.? (?P<name>(?:[{UPPER}]\.){{1,3}}"
                     rf"(?: ?{_CAP_WORD})?|{_CAP_WORD}(?: {_CAP_WORD})?)(?![\w'’-])")
_INITIALS = re.compile(rf"(?<![\w.])(?:[{UPPER}]\.){{2,3}}(?![\w])")
# Initials that stand for places, times and common things: "U.S.", "B.C.", "a.m.", "I.D.", "R.I.P."
_NOT_INITIALS = set("""US USA UK EU UN BC PEI NSW NZ DC LA NY NYC AM PM RIP ID TV OK PS AA NA ER GP MD BA MA BSC MSC
PHD RN IV HIV AD BCE CE ETA""".split())
# A given name in lower case, as some transcribers write them: only after a word for people, or before a verb.
_LOWER_NAME = re.compile(rf"\b(?i:(?:my|his|her|our|their|your) (?:{RELATIVES})|talked to|spoke to|spoke with|asked|"
                         rf"told|tell|ask|texted|rang|phoned|met|named|called|calls (?:him|her|me)|me and) "
                         rf"(?P<name>[a-z][a-z'’-]+)\b")
# After "my son" or "her cousin" any word that is not common English is a name: "her son gethin".
_RELATIVE_NAME = re.compile(rf"\b(?i:(?:my|his|her|our|their|your) (?:{RELATIVES})),? (?P<name>[a-z][a-z'’-]+)\b")
UNCOMMON_ZIPF = 3.0
_SUBJECT_VERB = re.compile(r"(?<=[a-z] )(?:said|says|told|texted|rang|asked|goes)\b")  # found first: it is rarer
_SUBJECT = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]+ $")
LOWER_NAME_ZIPF = 4.9  # "dale", "jimmy", "kevin", "mike"; never "will", "hope", "mark", "bill"
RUN_HEAD_ZIPF = 5.0  # "Metro North for the hospitals": a run starts a sentence; "Then Possilpark", "Thank You" do not
RARE_ZIPF = 3.3  # a sentence's first word that is not common English may be a name: "Kaleidoscope for the ..."
# "big Mick", "wee Davie", "young Tommy": a capitalised word after a word that often comes before a nickname.
_NICKNAMED = re.compile(rf"\b(?:big|wee|little|lil|old|young) (?P<name>{_CAP_WORD})\b(?! [{UPPER}])")

_NOT_CAPITALISED = {"i", "okay", "ok", "um", "uh", "yeah", "mm", "hmm", "english", "french"}
# Capitalised runs of common words that name no one: days, months, feasts, greetings.
_NOT_RUNS = set("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december christmas easter new year's year day eve thank you happy birthday
god lord jesus oh my""".split())
# A run that names a law, a document or a part of one identifies no one: "Motor Vehicles Act", "Protocol No".
_DOCUMENT_WORDS = set("""Act Acts Code Law Laws Rule Rules Regulation Regulations Protocol Section Article Articles
Procedure Convention Treaty Bill Amendment Constitution No Case Directive Order Decree Ordinance Statute Chapter
Schedule Part Paragraph Annex War""".split())
# ... and so does the tail of a longer title: "the Protection of Human Rights", "Rights and Fundamental Freedoms".
_TITLE_GOES_ON = re.compile(rf"[{UPPER}][\w'’]*,? (?:of|and|for|on|in|de)(?: the)? $")


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
        if who == "it":  # "they call it Midtown now": a place's or a body's name
            yield NameCue(Candidate(m.start("name"), m.end("name"), name, "PLACE", "context", 0.6,
                                    ("a name the speaker gives a place",)), "")
            continue
        yield NameCue(Candidate(m.start("name"), m.end("name"), name, "PERSON", "name cue", 0.75,
                                ("a name the speaker introduces",)), refers)


def sentence_initial(text: str, at: int) -> bool:
    before = text[max(0, at - 40):at].rstrip(" \t\"“‘(*[")
    return not before or before[-1] in ".!?:\n…" or before.endswith(("--", "]"))


def find_titled(text: str) -> Iterator[Candidate]:
    """A name after a title, the title inside the span as the gold convention has it: 'Dr. Okafor', 'Mr J.S.'."""
    for m in _TITLED.finditer(text):
        name, strong = m.group("name"), re.fullmatch(_STRONG_TITLES, m.group("title")) is not None
        first, end = name.split()[0], m.end()
        if first.endswith(".") and " " in name and is_common(name.split()[-1]):
            end = m.start("name") + len(first)  # "Mr F.L. At the meeting": the next sentence's first word
        if not strong and "." not in first and is_common(first) and not is_given_name(first, after_title=True):
            continue
        yield Candidate(m.start(), end, text[m.start():end], "PERSON", "name cue", 0.8 if strong else 0.7,
                        ("a title before a name",))


def find_initials(text: str) -> Iterator[Candidate]:
    """Initials standing for a person, as judgments and some transcribers write them: 'his son, J.P.,', 'F.E.'."""
    for m in _INITIALS.finditer(text):
        if m.group().replace(".", "") not in _NOT_INITIALS:
            yield Candidate(m.start(), m.end(), m.group(), "PERSON", "capitalised word", 0.4, ("initials",))


def find_lowercase_names(text: str) -> Iterator[Candidate]:
    """Given names written in lower case: 'my cousin dale', 'talked to jimmy', 'jimmy said'."""
    spans = [m.span("name") for m in _LOWER_NAME.finditer(text)]
    uncommon = {m.span("name") for m in _RELATIVE_NAME.finditer(text) if zipf(m.group("name")) < UNCOMMON_ZIPF}
    spans += uncommon
    for verb in _SUBJECT_VERB.finditer(text):
        subject = _SUBJECT.search(text, max(0, verb.start() - 24), verb.start())
        if subject is not None and not _OWNER.search(text, max(0, subject.start() - 12), subject.start()):
            spans.append((subject.start(), verb.start() - 1))
    for start, end in sorted(set(spans)):
        name = text[start:end]
        if name in _NOT_NAMES or ((start, end) not in uncommon and (
                not is_given_name(name) or zipf(name) >= LOWER_NAME_ZIPF)):
            continue
        yield Candidate(start, end, name, "PERSON", "name cue", 0.5, ("a given name in lower case by a word for people",))
    for m in _NICKNAMED.finditer(text):
        name = m.group("name")
        if not is_everyday(name) and name.casefold() not in _NOT_NAMES and not is_role_label(name):
            yield Candidate(m.start("name"), m.end("name"), name, "PERSON", "name cue", 0.5,
                            (f"a name after '{m.group().split()[0]}'",))


def find_capitalised(text: str) -> Iterator[Candidate]:
    """Capitalised words inside a sentence that are not common English ('Frenchy', 'Possilpark', 'Dazza'), are
    given names ('Kelly', 'Gareth Moody'), or are a run of capitalised words ('Open Door'), and the names listed
    with one ('My girls. Destiny and Rain.')."""
    last_name = -1  # where the last name suggested ends
    lower_words: set[str] | None = None  # the words the text writes in lower case (made when first needed)
    for m in _CAPITALISED.finditer(text):
        word = m.group()
        first = word.split()[0].split("-")[0]
        start = m.start()
        head, _, rest = word.partition(" ")
        if sentence_initial(text, start) and (len(head) < 4 or zipf(_POSSESSIVE.sub("", head)) >= RARE_ZIPF or
                                              is_common(head.replace("-", " ")) or _WORD_ENDING.search(head)) and not (
                rest and zipf(head) < RUN_HEAD_ZIPF and head.casefold() not in _NOT_RUN_HEADS):
            if not rest:
                if (is_given_name(head) or not is_common(head)) and head.casefold() not in _NOT_NAMES and (
                        _PERSON_AFTER.match(text, m.end()) or _LISTED_AFTER.match(text, m.end())):
                    last_name = m.end()  # "Smokey sleeps there", "Grace came in", "Destiny and Rain"
                    yield Candidate(start, m.end(), head, "PERSON", "capitalised word", 0.3,
                                    ("a name before a person's verb or another name",))
                continue
            word, start = rest, start + len(head) + 1  # "Then Possilpark": the sentence's first word is not the name
        elif sentence_initial(text, start):  # a word that is not common English may start a sentence and be a name
            if lower_words is None:
                lower_words = set(_LOWER_WORD.findall(text))
            if _POSSESSIVE.sub("", head).casefold() in lower_words:
                continue  # ... unless the text writes it in lower case too: "Honorarium. ... an honorarium"
        if word.casefold() in _NOT_CAPITALISED or first.casefold() in _NOT_CAPITALISED or is_role_label(word):
            continue
        end, words = start + len(word), word.split()
        if not is_common(word):
            last_name = end
            yield Candidate(start, end, word, "PERSON", "capitalised word", 0.35,
                            ("a capitalised word that is not common English",))
            continue
        if is_given_name(words[0].split("-")[0]) and not _DETERMINER.search(text, max(0, start - 8), start) and \
                not (is_everyday(words[0]) and _PRONOUN.search(text, max(0, start - 6), start)):  # "I Will go"
            last_name = end
            yield Candidate(start, end, word, "PERSON", "capitalised word", 0.35, ("a capitalised given name",))
        elif len(words) == 1 and word.casefold() not in _NOT_NAMES and word not in _DOCUMENT_WORDS and not \
                _DETERMINER.search(text, max(0, start - 8), start) and (
                _PERSON_AFTER.match(text, end) or _PERSON_BEFORE.search(text, max(0, start - 24), start) or
                text[last_name:start] in (" and ", ", ", " & ", ", and ") and not text.startswith(" of ", end)):
            last_name = end
            yield Candidate(start, end, word, "PERSON", "capitalised word", 0.3, ("a capitalised word used as a name",))
        elif len(words) > 1 and not any(w.casefold() in _NOT_RUNS for w in words) and \
                words[-1] not in _DOCUMENT_WORDS and not _TITLE_GOES_ON.search(text, max(0, start - 40), start):
            yield Candidate(start, start + len(word), word, "AGENCY", "capitalised word", 0.3,
                            ("capitalised words inside a sentence",))
