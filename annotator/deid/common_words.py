"""Whether a word is common English, from wordfreq's frequency list (loaded once): the test behind the
low-confidence 'capitalised word that is not common English' suggestion and behind matching one-word forms."""

from __future__ import annotations

import math
import threading

# Zipf 3.3 is roughly the 30,000th word: "hope" (5.4) and "main" (5.2) are common; "Esquimalt" (1.9),
# "Frenchy" (2.2) and "Possilpark" (1.0) are not. Frequent first names ("kevin", 4.6) count as common: the
# language model finds those; this is for the names it has never seen.
COMMON_ZIPF = 3.3
# Words as common as "hope", "rose" or "main" (zipf 4 and up) are names only when capitalised.
EVERYDAY_ZIPF = 4.0

_lock = threading.Lock()
_frequencies: dict[str, float] | None = None


def _table() -> dict[str, float]:
    global _frequencies
    with _lock:
        if _frequencies is None:
            import wordfreq

            _frequencies = wordfreq.get_frequency_dict("en", "best")
        return _frequencies


def zipf(word: str) -> float:
    frequency = _table().get(word.casefold().replace("’", "'"), 0.0)
    return math.log10(frequency * 1e9) if frequency else 0.0


def is_common(word: str, threshold: float = COMMON_ZIPF) -> bool:
    """True for a common English word (any case); a phrase is common when all its words are."""
    words = [w.strip(".,'’") for w in word.split()]
    return bool(words) and all(zipf(w) >= threshold or w[-1:] in "sS" and zipf(w[:-1]) >= threshold
                               for w in words)  # "Bibles", "Tuesdays": a common word's plural
