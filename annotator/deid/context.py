"""What the words around a mention say about its type: "in / out to / grew up in X" for a place, "X said" or "my
cousin X" for a person, "works for / at the X" for an agency. Each cue is a small vote with a reason."""

from __future__ import annotations

import re

from annotator.deid.agencies import AGENCY_ENDINGS
from annotator.deid.names import RELATIVES
from annotator.deid.places import PLACE_WORDS, STREET_TYPES

_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sgt|Sergeant|Constable|Const|Officer|Inspector|Detective|Pastor|Rev|" \
         r"Reverend|Father|Fr|Sister|Brother|Aunty|Auntie|Aunt|Uncle|Nana|Nan|Kokum|Cousin|Judge|Justice|Nurse|Coach)"
_BEFORE = [
    (re.compile(rf"\b{_TITLE}\.?\s+$"), "PERSON", 2.0, "a title before it"),
    (re.compile(rf"\b(?:my|his|her|our|their|your) (?:{RELATIVES})(?: is| was)?,?\s+$", re.IGNORECASE), "PERSON", 1.5,
     "'my cousin X' and the like"),
    (re.compile(r"\b(?:named|called|calls (?:him|her|me)|name is|name's|a (?:guy|man|woman|lady|girl|kid|fella|"
                r"bloke|gal))\s+$", re.IGNORECASE), "PERSON", 1.2, "introduced as a person"),
    (re.compile(r"\b(?:talked to|spoke to|spoke with|asked|told|texted|called|rang|met|with|and)\s+$"), "PERSON", 0.3,
     "after a word for people"),
    (re.compile(r"\b(?:in|in the|out at|up at|down at|over at|out to|out in|up to|up in|down to|down in|over to|over in|back to|back in|moved to|grew up in|"
                r"lives? in|living in|born in|near|outside|towards?|across|through|via|around|drive to|drove to|"
                r"comes? from|came from|is from|was from|are from|i'm from)\s+$", re.IGNORECASE), "PLACE", 1.1,
     "after a word of place"),
    (re.compile(r"\bfrom\s+$", re.IGNORECASE), "PLACE", 0.3, "after 'from'"),
    (re.compile(r"\b(?:works? (?:for|at|with)|working (?:for|at|with)|worked (?:for|at|with)|job (?:at|with)|funded by|"
                r"contract (?:with|from)|employed by|volunteer(?:s|ed|ing)? (?:at|with|for)|shifts? (?:at|with)|"
                r"hired by|through|with the|from the|at the|for the|by the|call the|calls the)\s+$", re.IGNORECASE),
     "AGENCY", 0.8, "after 'works for / at the' and the like"),
    (re.compile(r"\bthe\s+$", re.IGNORECASE), "NOT_PERSON", 1.2, "after 'the'"),
]
_AFTER = [
    (re.compile(r"^['’]?s?\s+(?:said|says|told|asked|goes|was like|is like|texted|called|rang|came|comes|knows|knew|"
                r"helped|gave|wanted|wants|thinks|thought|passed|died|is a good|was a good|got me|taught|"
                r"runs|ran|drives|drove|lives|lived|has been|had been|would|will|and I|and me|is my|was my|fights|"
                r"checks|lets|set|sat|smiled|laughed|cried|works|worked)\b"), "PERSON", 1.0, "a person's verb after it"),
    (re.compile(r"^,? (?:he|she|who)\b"), "PERSON", 0.8, "'he' or 'she' after it"),
    (re.compile(r"^['’]s (?:mom|mum|dad|place|house|kids?|son|daughter|wife|husband|partner|friend|brother|sister)\b"),
     "PERSON", 0.8, "someone's family or home"),
    (re.compile(r"^\s+(?:office|site|team|staff|workers?|clinic|program|programme|funding|contract|board|logo|manager|"
                r"nurses?|van|shelter|outreach|people|folks?|folk|intake|policy|rules)\b"), "AGENCY", 0.6,
     "an agency's word after it"),
    (re.compile(r"^,? (?:where|there)\b|^\s+(?:area|neighbou?rhood|downtown|strip|corner|bridge|camps?|reserve)\b"),
     "PLACE", 0.6, "a place word after it"),
    (re.compile(r"^\s+(?:bus|train|ferry)? ?(?:station|stop|terminal|depot|mall|bridge|interchange|park)\b"), "PLACE", 0.8,
     "a place word after it"),
]
_NAME_AGENCY = re.compile(rf"\w \b(?:{AGENCY_ENDINGS})$|^[A-Z&]{{2,}}$")  # "the County" alone is no place
_NAME_PLACE = re.compile(rf"\w \b(?:{PLACE_WORDS}|{STREET_TYPES})$|\d(?:st|nd|rd|th)\b|\band\b")


def type_votes(text: str, start: int, end: int, value: str) -> tuple[dict[str, float], list[str]]:
    """Votes for each type from one mention's surroundings and its own shape, with the reasons for them."""
    votes: dict[str, float] = {}
    why: list[str] = []
    before = text[max(0, start - 30):start]
    after = text[end:end + 30]
    for pattern, kind, weight, reason in _BEFORE:
        if pattern.search(before):
            votes[kind] = votes.get(kind, 0.0) + weight
            why.append(reason)
    for pattern, kind, weight, reason in _AFTER:
        if pattern.search(after):
            votes[kind] = votes.get(kind, 0.0) + weight
            why.append(reason)
    if _NAME_AGENCY.search(value):
        votes["AGENCY"] = votes.get("AGENCY", 0.0) + 1.5
    if _NAME_PLACE.search(value):
        votes["PLACE"] = votes.get("PLACE", 0.0) + 1.5
    return votes, why
