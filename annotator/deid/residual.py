"""The residual scan's look for the unknown: in text that has been de-identified, what still looks like an
identifier although no one confirmed it (a capitalised word that is not common English, a number in an
identifier's format, a place in the gazetteer, a street by its grammar), for a last look before export."""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotator.core.transcript import is_role_label
from annotator.deid.candidates import Candidate, entity_key
from annotator.deid.detection import DetectionSettings, detect

_PSEUDONYM = re.compile(r"\[[^\[\]\n]{1,40}\]")
_RULES_ONLY = DetectionSettings(language_model=False)


def possible_identifiers(text: str, ignore: Iterable[str] = ()) -> list[Candidate]:
    """What the rules (no language model: this is fast) would still suggest, outside pseudonyms; `ignore` holds
    forms the reviewer already rejected."""
    ignored = {entity_key(i) for i in ignore}
    masked = _PSEUDONYM.sub(lambda m: " " * len(m.group()), text)  # "[Person A]" keeps its place, loses its words
    return [c for c in detect(masked, settings=_RULES_ONLY)
            if entity_key(c.text) not in ignored and not is_role_label(c.text) and c.text.strip()]
