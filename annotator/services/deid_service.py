"""The de-identification API: detect over the project, review (accept, reject, edit, split, merge, add, replace),
apply with the key file, redact a selection, and scan for residual identifiers. Review decisions are undoable."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.ids import DocumentId
from annotator.deid.candidates import TYPES, band, entity_key
from annotator.deid.detection import DEFAULT_SETTINGS, DetectionSettings
from annotator.deid.keyfile import KeyFile, save_key
from annotator.deid.mention_context import context_of
from annotator.deid.propagation import find_mentions
from annotator.deid.pseudonyms import next_pseudonym, participant_number
from annotator.services.deid_apply import Residual, apply_accepted, residual_scan
from annotator.services.deid_commands import deid_decision
from annotator.services.deid_detect import detect_project
from annotator.services.part import ServicePart
from annotator.storage import audit, documents
from annotator.storage import deid as store

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class EntitySummary:
    id: int
    type: str
    label: str
    status: str
    pseudonym: str
    mentions: int
    documents: int
    guid: str = ""
    confidence: float = 1.0
    reasons: tuple[str, ...] = ()
    document_ids: tuple[DocumentId, ...] = ()

    @property
    def band(self) -> str:
        """'high', 'medium' or 'low' (see deid/candidates.py)."""
        return band(self.confidence)


@dataclass(frozen=True)
class MentionInContext:
    id: int
    document_id: DocumentId
    document: str
    start: int
    end: int
    text: str
    context: str
    reason: str
    rejected: bool
    before: str = ""  # the context either side, so a list can show the mention itself in the middle, whole
    after: str = ""
    sentence_before: str = ""  # the rest of its sentence, to read it whole (see deid/mention_context.py)
    sentence_after: str = ""


class DeidService(ServicePart):
    def _decide(self, name: str, action: str, entity_ids: list[int], mutate) -> list[int]:
        command = deid_decision(name, action, list(entity_ids), mutate)
        self._project.execute(command)
        return command.result if isinstance(command.result, list) else []

    # -------------------------------------------------------------------------------------------- detection
    def detect(self, key: KeyFile | None = None, *, settings: DetectionSettings = DEFAULT_SETTINGS,
               progress: Progress | None = None, is_cancelled: Callable[[], bool] | None = None) -> int:
        """Suggest identifiers in every document; returns how many new mentions were found. Undoable as one step.
        See services/deid_detect.py."""
        return detect_project(self, key, settings, progress, is_cancelled)

    def _propagate(self, db, entity_ids: list[int]) -> int:
        """Add every uncovered mention of these entities' forms, across all documents."""
        entities = [e for e in store.entities(db, f"id IN ({', '.join(map(str, entity_ids)) or 'NULL'})") if e.label]
        if not entities:
            return 0
        forms = defaultdict(set)  # what each entity is called anywhere: its label and the texts of its mentions
        for e in entities:
            forms[e.id].add(e.label)
        texts: dict[int, str] = {}  # each document's text read once, not once per mention
        for m in store.mentions(db, f"entity_id IN ({', '.join(str(e.id) for e in entities)})"):
            if m.document_id not in texts:
                texts[m.document_id] = documents.document_text(db, m.document_id)
            forms[m.entity_id].add(texts[m.document_id][m.start:m.end])
        owner = {}
        for e in entities:
            for value in forms[e.id]:
                owner.setdefault(entity_key(value), e)
        added = 0
        for doc in documents.list_documents(db):
            text = texts.get(doc.id) or documents.document_text(db, doc.id)
            covered = [(m.start, m.end) for m in store.mentions(db, "document_id = ? AND rejected = 0", [doc.id])]
            batch = defaultdict(list)
            for c in find_mentions(text, [(v, e.type) for e in entities for v in forms[e.id]]):
                if any(s < c.end and c.start < e_ for s, e_ in covered):
                    continue
                entity = owner.get(entity_key(c.text)) or next(
                    (e for e in entities if any(entity_key(c.text) in entity_key(v).split() for v in forms[e.id])), None)
                if entity is None:
                    continue
                batch[entity.id].append((doc.id, c.start, c.end, "propagated"))
                covered.append((c.start, c.end))
            for entity_id, found in batch.items():
                store.add_mentions(db, entity_id, found)
                added += len(found)
        return added

    # ------------------------------------------------------------------------------------------------ review
    def entities(self, status: str | None = None, *, kind: str | None = None, bands: tuple[str, ...] | None = None,
                 document_id: DocumentId | None = None) -> list[EntitySummary]:
        """The review's entities (all, or of a status, a type, confidence bands, a document), in detection order."""
        return [e for e in self._entities(status) if (kind is None or e.type == kind)
                and (bands is None or e.band in bands) and (document_id is None or document_id in e.document_ids)]

    def _entities(self, status: str | None) -> list[EntitySummary]:
        counts = {r[0]: (r[1], r[2], tuple(DocumentId(int(d)) for d in (r[3] or "").split(",") if d))
                  for r in self._db.execute(
                      "SELECT entity_id, count(*), count(DISTINCT document_id), group_concat(DISTINCT document_id) "
                      "FROM deid_mentions WHERE rejected = 0 GROUP BY entity_id")}
        out = []
        for e in store.entities(self._db, "status = ?" if status else "1", [status] if status else []):
            mentions, documents, ids = counts.get(e.id, (0, 0, ()))
            out.append(EntitySummary(e.id, e.type, e.label, e.status, e.pseudonym, mentions, documents, e.guid,
                                     e.confidence, tuple(r for r in e.reasons.split("; ") if r), ids))
        return out

    def mentions(self, entity_id: int, context: int = 60) -> list[MentionInContext]:
        names = {d.id: d.name for d in self._project.documents(shares=False)}
        out, texts = [], {}
        for m in store.mentions(self._db, "entity_id = ?", [entity_id]):
            text = texts.setdefault(m.document_id, self._project.document_text(m.document_id))
            line = text[max(0, m.start - context):m.end + context].replace("\n", " ")
            around = context_of(text, m.start, m.end)
            out.append(MentionInContext(m.id, m.document_id, names.get(m.document_id, "?"), m.start, m.end,
                                        text[m.start:m.end], line, m.reason, m.rejected, around.before, around.after,
                                        around.sentence_before, around.sentence_after))
        return out

    def _taken(self, db) -> set[str]:
        return {r[0] for r in db.execute("SELECT pseudonym FROM deid_entities WHERE pseudonym <> ''")}

    def _assign_pseudonyms(self, db, entity_ids: list[int]) -> None:
        taken = self._taken(db)
        participants = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, name, position FROM participants")}
        for e in store.entities(db, f"id IN ({', '.join(map(str, entity_ids)) or 'NULL'})"):
            if e.pseudonym:
                continue
            number = None
            if e.participant_id in participants:
                number = participant_number(*participants[e.participant_id])
            pseudonym = next_pseudonym(e.type, e.label, taken, number)
            taken.add(pseudonym)
            db.execute("UPDATE deid_entities SET pseudonym = ? WHERE id = ?", [pseudonym, e.id])

    def accept(self, entity_ids: list[int]) -> None:
        """Confirm entities: they get pseudonyms, and every other mention of them across the project is found."""
        def mutate(db):
            db.execute(f"UPDATE deid_entities SET status = 'accepted' WHERE id IN ({', '.join(map(str, entity_ids))})")
            self._assign_pseudonyms(db, entity_ids)
            self._propagate(db, entity_ids)
        if entity_ids:
            self._decide(f"Accept {len(entity_ids)} identifier{'s' if len(entity_ids) > 1 else ''}",
                         "accept identifiers", entity_ids, mutate)

    def accept_all(self, kind: str | None = None, bands: tuple[str, ...] | None = None) -> int:
        """Accept every suggestion (of a type; in the confidence bands given, e.g. ('high',)); returns how many."""
        ids = [e.id for e in self.entities("suggested") if (kind is None or e.type == kind)
               and (bands is None or e.band in bands)]
        self.accept(ids)
        return len(ids)

    def reject(self, entity_ids: list[int]) -> None:
        if entity_ids:
            self._decide(f"Reject {len(entity_ids)} suggestion{'s' if len(entity_ids) > 1 else ''}", "reject identifiers",
                         entity_ids, lambda db: db.execute(
                             f"UPDATE deid_entities SET status = 'rejected' WHERE id IN ({', '.join(map(str, entity_ids))})"))

    def set_type(self, entity_id: int, kind: str) -> None:
        if kind not in TYPES:
            raise AnnotatorError(f"The type is one of {', '.join(TYPES)}.")
        def mutate(db):
            db.execute("UPDATE deid_entities SET type = ?, pseudonym = CASE custom WHEN 1 THEN pseudonym ELSE '' END "
                       "WHERE id = ?", [kind, entity_id])
            self._assign_pseudonyms(db, [entity_id])  # the new type's pseudonym, shown at once
        self._decide("Change identifier type", "change identifier type", [entity_id], mutate)

    def set_replacement(self, entity_id: int, replacement: str) -> None:
        replacement = " ".join(replacement.split())
        if not replacement:
            raise AnnotatorError("A replacement needs some text, e.g. [Participant 3].")
        self._decide("Set replacement", "set replacement", [entity_id], lambda db: db.execute(
            "UPDATE deid_entities SET pseudonym = ?, custom = 1 WHERE id = ?", [replacement, entity_id]))

    def link_participant(self, entity_id: int, participant_id: int | None) -> None:
        def mutate(db):
            db.execute("UPDATE deid_entities SET participant_id = ?, pseudonym = CASE custom WHEN 1 THEN pseudonym "
                       "ELSE '' END WHERE id = ?", [participant_id, entity_id])
            if store.entities(db, "id = ?", [entity_id])[0].status in ("accepted", "suggested"):
                self._assign_pseudonyms(db, [entity_id])
        self._decide("Link identifier to participant", "link identifier to participant", [entity_id], mutate)

    def _entity_of_mention(self, mention_id: int) -> int:
        row = self._db.execute("SELECT entity_id FROM deid_mentions WHERE id = ?", [mention_id]).fetchone()
        if row is None:
            raise AnnotatorError("That mention is no longer in the review.")
        return row[0]

    def reject_mention(self, mention_id: int, rejected: bool = True) -> None:
        self._decide("Reject one mention" if rejected else "Restore one mention", "review mention",
                     [self._entity_of_mention(mention_id)], lambda db: db.execute(
                         "UPDATE deid_mentions SET rejected = ? WHERE id = ?", [int(rejected), mention_id]))

    def edit_mention(self, mention_id: int, start: int, end: int) -> None:
        entity_id = self._entity_of_mention(mention_id)
        document_id = self._db.execute("SELECT document_id FROM deid_mentions WHERE id = ?", [mention_id]).fetchone()[0]
        text = self._project.document_text(document_id)
        if not 0 <= start < end <= len(text):
            raise AnnotatorError("The new extent falls outside the document.")
        self._decide("Edit a mention's extent", "edit mention", [entity_id], lambda db: db.execute(
            'UPDATE deid_mentions SET start = ?, "end" = ? WHERE id = ?', [start, end, mention_id]))

    def split(self, entity_id: int, mention_ids: list[int]) -> int:
        """Move some mentions of an entity to a new entity of their own (two people with one first name)."""
        rows = store.mentions(self._db, "entity_id = ?", [entity_id])
        moving = [m for m in rows if m.id in set(mention_ids)]
        if not moving or len(moving) == len(rows):
            raise AnnotatorError("Choose some, but not all, of the entity's mentions to split off.")
        entity = store.entities(self._db, "id = ?", [entity_id])[0]
        label = self._project.document_text(moving[0].document_id)[moving[0].start:moving[0].end]

        def mutate(db):
            new = store.add_entity(db, entity.type, label, entity.status if entity.status != "applied" else "accepted")
            db.execute(f"UPDATE deid_mentions SET entity_id = ? WHERE id IN ({', '.join(str(m.id) for m in moving)})", [new])
            if entity.status in ("accepted", "suggested"):
                self._assign_pseudonyms(db, [new])
            return [new]
        return self._decide("Split an entity", "split entity", [entity_id], mutate)[0]

    def merge(self, entity_ids: list[int]) -> int:
        """Make several entities one (the first keeps its pseudonym): 'Jen' and 'Jennifer Lachance'."""
        if len(entity_ids) < 2:
            raise AnnotatorError("Choose at least two entities to merge.")
        keep, others = entity_ids[0], entity_ids[1:]
        ids = ", ".join(map(str, others))

        def mutate(db):
            db.execute(f"UPDATE deid_mentions SET entity_id = ? WHERE entity_id IN ({ids})", [keep])
            db.execute(f"DELETE FROM deid_entities WHERE id IN ({ids})")
        self._decide(f"Merge {len(entity_ids)} entities", "merge entities", entity_ids, mutate)
        return keep

    def add(self, document_id: DocumentId, start: int, end: int, kind: str) -> int:
        """A missed identifier, selected in the transcript: added as accepted, and found everywhere else too."""
        text = self._project.document_text(document_id)
        value = text[start:end].strip()
        if not value:
            raise AnnotatorError("Select the name, place or agency to add.")
        start = text.index(value, start)
        if kind not in TYPES:
            raise AnnotatorError(f"The type is one of {', '.join(TYPES)}.")

        def mutate(db):
            same = [e for e in store.entities(db, "type = ? AND label <> ''", [kind]) if entity_key(e.label) == entity_key(value)]
            entity_id = same[0].id if same else store.add_entity(db, kind, value, "accepted")
            db.execute("UPDATE deid_entities SET status = 'accepted' WHERE id = ?", [entity_id])
            db.execute('DELETE FROM deid_mentions WHERE document_id = ? AND start < ? AND "end" > ?',
                       [document_id, start + len(value), start])  # the researcher's extent replaces any overlapping one
            store.add_mentions(db, entity_id, [(document_id, start, start + len(value), "added by hand")])
            self._assign_pseudonyms(db, [entity_id])
            self._propagate(db, [entity_id])
            return [] if same else [entity_id]
        overlapping = [r[0] for r in self._db.execute(
            'SELECT DISTINCT entity_id FROM deid_mentions WHERE document_id = ? AND start < ? AND "end" > ?',
            [document_id, start + len(value), start])]
        created = self._decide("Add an identifier", "add identifier", overlapping, mutate)
        return created[0] if created else next(
            e.id for e in store.entities(self._db, "type = ?", [kind]) if entity_key(e.label) == entity_key(value))

    # ------------------------------------------------------------------------------------------------- apply
    def apply(self, key: KeyFile, key_path: Path, passphrase: str | None = None) -> dict[str, int]:
        """Replace every accepted mention by its pseudonym; see services/deid_apply.py."""
        return apply_accepted(self, key, key_path, passphrase)

    def redact(self, document_id: DocumentId, start: int, end: int, kind: str, key: KeyFile, key_path: Path,
               passphrase: str | None = None) -> dict[str, int]:
        """'Redact this': add the selection as an identifier, find it everywhere, and apply at once."""
        self.add(document_id, start, end, kind)
        return self.apply(key, key_path, passphrase)

    def residual(self, key: KeyFile, unknown: bool = False, *, progress: Progress | None = None,
                 is_cancelled: Callable[[], bool] | None = None) -> list[Residual]:
        """Every place a known original (from the key) is still in the project; with `unknown`, also what still
        looks like an identifier (listed for a last look before export)."""
        return residual_scan(self._project, key, unknown, progress, is_cancelled)

    def dismiss(self, text: str, kind: str) -> int:
        """'Not an identifier', said of a word the residual scan found: it is kept as a rejected entity, so neither
        the scan nor detection suggests it again (undoable). Returns the entity's id."""
        value = " ".join(text.split())
        if not value:
            raise AnnotatorError("There is nothing to dismiss.")
        kind = kind if kind in TYPES else "OTHER"
        same = [e.id for e in store.entities(self._db, "label <> '' AND status <> 'applied'")
                if entity_key(e.label) == entity_key(value)]

        def mutate(db):
            if same:
                db.execute(f"UPDATE deid_entities SET status = 'rejected' WHERE id IN ({', '.join(map(str, same))})")
                return []
            return [store.add_entity(db, kind, value, "rejected", 0.0, "dismissed in the residual scan")]
        created = self._decide("Dismiss a residual hit", "dismiss residual", same, mutate)
        return created[0] if created else same[0]

    def set_identifiers(self, key: KeyFile, key_path: Path, entries: list[tuple[str, str]],
                        passphrase: str | None = None) -> int:
        """Replace the project's identifier list (kept in the key file, since it holds real names); returns its size.
        Entries are (text, type); blank texts are dropped, duplicates kept once."""
        cleaned: dict[str, dict[str, str]] = {}
        for text, kind in entries:
            text, kind = " ".join(text.split()), kind.strip().upper()
            if not text:
                continue
            if kind not in TYPES:
                raise AnnotatorError(f"'{kind}' is not a type; use one of {', '.join(TYPES)}.")
            cleaned.setdefault(entity_key(text), {"text": text, "type": kind})
        key.identifiers = list(cleaned.values())
        key.audit_anchor = audit.head(self._db) or key.audit_anchor
        save_key(key, key_path, passphrase)
        return len(key.identifiers)

    def new_key(self) -> KeyFile:
        return KeyFile.new(self._project.project.setting("project_guid") or "")
