"""Detection over a whole project: every document at once, so an entity's type is decided from all its mentions;
found entities join the project's existing ones by any of their forms, each gets the pseudonym it will have (shown
before it is accepted), and accepted entities are found again everywhere."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from annotator.core.errors import AnnotatorError
from annotator.core.ids import DocumentId
from annotator.deid.candidates import entity_key
from annotator.deid.detection import DetectionSettings, KnownIdentifier, detect_texts
from annotator.deid.keyfile import KeyFile
from annotator.storage import deid as store

if TYPE_CHECKING:
    from annotator.services.deid_service import DeidService

Progress = Callable[[int, int, str], None]
TWO_CORES_FROM = 400_000  # characters: below this, starting a second process costs more than it saves


def detect_project(deid: DeidService, key: KeyFile | None, settings: DetectionSettings, progress: Progress | None,
                   is_cancelled: Callable[[], bool] | None) -> int:
    project = deid._project
    identifiers = [KnownIdentifier(i["text"], i["type"]) for i in (key.identifiers if key else [])]
    docs = project.documents(shares=False)
    names = {d.id: d.name for d in docs}
    texts = {d.id: project.document_text(d.id) for d in docs}
    turns = {d.id: project.speaker_turns(d.id) for d in docs}
    if settings.n_process == 1 and sum(map(len, texts.values())) >= TWO_CORES_FROM:
        settings = DetectionSettings(settings.ages, settings.language_model, 2)

    def step(done: int, total: int, where: str) -> None:  # the slow part runs before the transaction: Cancel
        if is_cancelled is not None and is_cancelled():  # leaves nothing behind
            raise AnnotatorError("Detection was cancelled; nothing was changed.")
        if progress is not None:
            progress(done, total, names.get(where, where) if isinstance(where, int) else str(where))

    step(0, len(docs), "")
    found = detect_texts(texts, turns=turns, identifiers=identifiers, settings=settings,
                         progress=lambda done, total, where: step(done, total, names.get(int(where), where)))
    if progress is not None:
        progress(len(docs), len(docs), "")
    db = project.project.db
    speaker_participants = {(r[0], entity_key(r[1])): r[2] for r in db.execute(
        "SELECT document_id, label, participant_id FROM speakers WHERE participant_id IS NOT NULL")}
    labels = {(d, text.find(t.speaker, t.start, t.text_start)) for d, text in texts.items() for t in turns[d]}
    existing_ids = [e.id for e in store.entities(db) if e.label]
    count = [0]

    def mutate(db) -> list[int]:
        forms = _existing_forms(db, texts)
        covered = defaultdict(list)
        for m in store.mentions(db, "rejected = 0"):
            covered[m.document_id].append((m.start, m.end))
        pseudonyms = {r[0] for r in db.execute("SELECT pseudonym FROM deid_entities WHERE pseudonym <> ''")}
        if pseudonyms:  # pseudonyms already in the text ("[Person A]") are not names to find again
            pattern = re.compile("|".join(re.escape(p) for p in sorted(pseudonyms, key=len, reverse=True)))
            for document_id, text in texts.items():
                covered[document_id] += [m.span() for m in pattern.finditer(text)]
        created: list[int] = []
        first_seen = sorted(found, key=lambda e: min((m.where, m.candidate.start) for m in e.mentions))
        for entity in first_seen:
            mentions = []
            for m in sorted(entity.mentions, key=lambda m: (m.where, m.candidate.start)):
                c = m.candidate
                if any(s < c.end and c.start < e for s, e in covered[m.where]):
                    continue
                mentions.append((DocumentId(m.where), c.start, c.end, c.reason))
                covered[m.where].append((c.start, c.end))
            if not mentions:
                continue
            entity_id = next((forms[entity_key(f)] for f in sorted(entity.forms(), key=len, reverse=True)
                              if entity_key(f) in forms), None)
            if entity_id is None:
                entity_id = store.add_entity(db, entity.type, entity.label, confidence=entity.confidence,
                                             reasons="; ".join(entity.reasons))
                created.append(entity_id)
                for f in entity.forms():
                    forms.setdefault(entity_key(f), entity_id)
            for document_id, start, end, reason in mentions:
                participant = speaker_participants.get((document_id, entity_key(texts[document_id][start:end])))
                if participant is not None and (document_id, start) in labels:  # whichever layer found it
                    db.execute("UPDATE deid_entities SET participant_id = ? WHERE id = ? AND participant_id IS NULL",
                               [participant, entity_id])
            store.add_mentions(db, entity_id, mentions)
            count[0] += len(mentions)
        deid._assign_pseudonyms(db, created)  # shown before accepting: accepting keeps them
        accepted = [e.id for e in store.entities(db, "status = 'accepted'")]
        count[0] += deid._propagate(db, accepted)
        return created

    deid._decide("Detect identifiers", "detect identifiers", existing_ids, mutate)
    return count[0]


def _existing_forms(db, texts: dict) -> dict[str, int]:
    """What each entity not yet applied is called anywhere: its label and its mentions' texts."""
    forms: dict[str, int] = {}
    for e in store.entities(db, "label <> ''"):
        forms.setdefault(entity_key(e.label), e.id)
    for m in store.mentions(db):
        if m.document_id in texts:
            forms.setdefault(entity_key(texts[m.document_id][m.start:m.end]), m.entity_id)
    return forms
