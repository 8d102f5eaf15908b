"""Propagation: once an entity is confirmed, find every other mention of it, whatever the case, with a possessive,
or (for a person) by first or last name alone."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from annotator.deid.candidates import Candidate, entity_key
from annotator.deid.common_words import EVERYDAY_ZIPF, is_common

_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "madam", "constable", "corporal", "sergeant",
           "officer", "nurse", "auntie", "aunt", "uncle", "father", "mother", "sister", "brother", "mx"}
# Name parts too common to stand alone as a form of the person (the model sometimes takes in the word before a name).
COMMON_WORDS = set("""the of and de la van von der da del little big old young sometimes honestly like yeah okay so well
but then now maybe really just because when if what where who how why there here this that these those they we you
she he it my our your their his her its not no yes all some any every each one two first last next hey thanks sorry
please also even still again always never ever once today tomorrow yesterday monday tuesday wednesday thursday friday
saturday sunday god jesus mom dad mum auntie uncle grandma grandpa buddy guy lady man woman""".split())


def name_forms(text: str, kind: str) -> tuple[set[str], set[str]]:
    """The forms that refer to the same entity: the whole name (any case), and for a person the first and last
    names alone (matched only when capitalised, so 'Rock' stands for Mr Rock but 'rock' is a rock)."""
    key = entity_key(text)
    whole, parts = {key}, set()
    if kind == "PERSON":
        words = [w.strip(".,") for w in key.split()]
        while words and words[0] in _TITLES:
            words = words[1:]
        if words:
            whole.add(" ".join(words))
        if len(words) >= 2:
            parts = {p for p in (words[0], words[-1]) if len(p) >= 3 and p not in COMMON_WORDS} - whole
    return {f for f in whole if f}, parts


def _alternatives(forms: Iterable[str], capital: bool = False) -> str:
    """One regular expression for all the forms, as a trie ("jen|jen lachance|jeff" is "je(?:n(?:\\s+lachance)?|ff)"):
    the same matches as the forms listed longest first, but Python's engine no longer tries a thousand forms one by
    one at every position of every text. A space in a form matches any run of white space; with `capital`, each
    word's first letter must be a capital and the rest may be in any case (without it, the pattern's own flags
    decide)."""
    trie: dict = {}
    for form in set(forms):
        node = trie
        for token in _tokens(form, capital):
            node = node.setdefault(token, {})
        node[""] = {}  # a form ends here
    return _emit(trie)


def _tokens(form: str, capital: bool) -> list[str]:
    tokens: list[str] = []
    for i, word in enumerate(form.split()):
        if i:
            tokens.append(r"\s+")
        if not capital:
            tokens += [re.escape(ch) for ch in word]
            continue
        tokens.append(re.escape(word[0].upper()))
        tokens += [f"[{re.escape(ch.lower())}{re.escape(ch.upper())}]" if len(ch.upper()) == 1 and ch.lower() != ch.upper()
                   else f"(?i:{re.escape(ch)})" for ch in word[1:]]
    return tokens


def _emit(node: dict) -> str:
    branches = [token + _emit(child) for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body  # longer forms first: the engine tries the branch, then the end


_EDGE_BEFORE = r"(?<![\w@.-])"
_EDGE_AFTER = r"(?=(?:['’]s?)?(?![\w-]))"


def find_mentions(text: str, entities: Iterable[tuple[str, str]]) -> Iterator[Candidate]:
    """Every mention in `text` of the (text, type) entities given; one regex pass for all of them."""
    return MentionFinder(entities).find(text)


class MentionFinder:
    """The patterns for every form of the (text, type) entities given, built once for any number of texts (a
    project's propagation looks for the same few thousand forms in every transcript)."""

    def __init__(self, entities: Iterable[tuple[str, str]]):
        kinds: dict[str, str] = {}
        whole: set[str] = set()
        parts: set[str] = set()
        written: set[str] = set()  # forms a layer found in lower case ("jimmy"): matched as written, even if common
        for value, kind in entities:
            if value[:1].isalpha() and value.islower():
                written.add(" ".join(value.split()))
            entity_whole, entity_parts = name_forms(value, kind)
            whole |= entity_whole
            parts |= entity_parts
            for form in entity_whole | entity_parts:
                kinds.setdefault(form, kind)
        # A whole form of common words ("Hope", "North End") counts only capitalised: "hope" and "the north end of
        # the room" are not those.
        common = {f for f in whole if is_common(f, EVERYDAY_ZIPF)}
        whole -= common
        parts = (parts | common) - whole
        self.kinds = kinds
        self.patterns = []
        if whole:
            self.patterns.append(re.compile(rf"{_EDGE_BEFORE}(?:{_alternatives(whole)}){_EDGE_AFTER}", re.IGNORECASE))
        if parts:  # first letter as written (a capital), the rest in any case: "Smitty", "SMITTY"
            self.patterns.append(re.compile(rf"{_EDGE_BEFORE}(?:{_alternatives(parts, capital=True)}){_EDGE_AFTER}"))
        if written - whole:  # as written
            self.patterns.append(re.compile(rf"{_EDGE_BEFORE}(?:{_alternatives(written - whole)}){_EDGE_AFTER}"))

    def find(self, text: str) -> Iterator[Candidate]:
        seen: set[tuple[int, int]] = set()
        for pattern in self.patterns:
            for m in pattern.finditer(text):
                if any(s < m.end() and m.start() < e for s, e in seen):
                    continue
                seen.add((m.start(), m.end()))
                kind = self.kinds.get(" ".join(m.group().split()).casefold(), "PERSON")
                yield Candidate(m.start(), m.end(), m.group(), kind, "propagated")
