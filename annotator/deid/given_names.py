"""Given names (first_names.txt, built by tools/build_first_names.py from public census and Faker lists), loaded
once: what lets the rules suggest a name that is also common English ("Kelly", "Gareth", "Dale"), which the
'not common English' test alone lets through, and a name a transcriber wrote in lower case ("my cousin dale")."""

from __future__ import annotations

import threading
from pathlib import Path

from annotator.deid.common_words import zipf

_FILE = Path(__file__).with_name("first_names.txt")
# Given names that are mostly something else when capitalised inside a sentence: months, a faith, a nation.
_MOSTLY_NOT = {"april", "may", "june", "july", "august", "january", "christian", "german", "jesus", "israel", "india",
               "china", "asia", "america", "england", "santa", "numbers", "royal", "queen", "prince", "princess",
               "junior", "major", "general", "easter", "christmas", "sunday", "monday", "friday", "god", "lord",
               "saint", "bishop", "doctor", "judge", "justice", "colonel", "governor", "captain", "duke", "king"}
# A capitalised word as common as "will" or "may" (zipf 5 and up) is rarely a name the model would miss.
EVERYDAY_NAME_ZIPF = 5.0

_lock = threading.Lock()
_names: frozenset[str] | None = None


def _table() -> frozenset[str]:
    global _names
    with _lock:
        if _names is None:
            lines = _FILE.read_text("utf-8").splitlines()
            _names = frozenset(n.casefold() for n in lines if n and not n.startswith("#"))
        return _names


def is_given_name(word: str, *, after_title: bool = False) -> bool:
    """A given name in the list, any case, that is not mostly another word inside a sentence ('in May'); after a
    title every name counts ('Aunty June')."""
    key = word.casefold().replace("’", "'")
    return key in _table() and (after_title or key not in _MOSTLY_NOT)


def is_everyday(word: str) -> bool:
    return zipf(word) >= EVERYDAY_NAME_ZIPF
