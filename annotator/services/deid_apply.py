"""Applying de-identification (pseudonyms into the text, originals into the key file) and the residual scan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.ids import DocumentId
from annotator.core.spans import Edit, EditList
from annotator.deid.candidates import entity_key
from annotator.deid.keyfile import KeyEntity, KeyFile, save_key
from annotator.deid.propagation import find_mentions, name_forms
from annotator.deid.residual import possible_identifiers
from annotator.storage import audit, purge, search
from annotator.storage import deid as store

if TYPE_CHECKING:
    from annotator.services.deid_service import DeidService
    from annotator.services.project_service import ProjectService


@dataclass(frozen=True)
class Residual:
    where: str  # "document", "memo", "code", "participant", "speaker", "document name"
    document_id: DocumentId | None
    start: int
    end: int
    pseudonym: str  # for a known original, the pseudonym it should have; "" for a possible one
    known: bool = True  # False: not in the key, but it looks like an identifier (see deid/residual.py)
    text: str = ""  # a possible identifier's words (they are in the project anyway; a known original's never are)
    why: str = ""
    type: str = ""  # the type the key gives it, or detection would


def apply_accepted(deid: DeidService, key: KeyFile, key_path: Path, passphrase: str | None = None) -> dict[str, int]:
    """Replace every accepted mention by its entity's pseudonym, in every document, moving codings, memos and
    turns through the one remap; the originals go to the key file, which is written before anything else."""
    project_guid = deid._project.project.setting("project_guid")
    if key.project_guid != project_guid:
        raise AnnotatorError("This key file belongs to another project.")
    recorded = deid._project.project.setting("deid.key_id")
    if recorded and recorded != key.key_id:
        raise AnnotatorError("This project was de-identified with a different key file; open that one. If it is "
                             "lost, start a new key file (annotator deid new-key, or Start a New Key File when the "
                             "app asks for the key): earlier pseudonyms stay, their originals cannot be recovered.")
    db = deid._project.project.db
    accepted = store.entities(db, "status = 'accepted'")
    if not accepted:
        return {"entities": 0, "mentions": 0, "documents": 0}
    _assign_with_commit(deid, [e.id for e in accepted if not e.pseudonym])
    accepted = {e.id: e for e in store.entities(db, "status = 'accepted'")}
    ids = ", ".join(map(str, accepted))
    by_document = defaultdict(list)
    for m in store.mentions(db, f"entity_id IN ({ids}) AND rejected = 0"):
        by_document[m.document_id].append(m)
    originals: dict[int, set[str]] = defaultdict(set)
    plans: dict[DocumentId, EditList] = {}
    for document_id, mentions in by_document.items():
        text = deid._project.document_text(document_id)
        edits, last_end = [], -1
        for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
            if m.start < last_end:
                continue  # overlapping mentions: the first (longest) wins
            originals[m.entity_id].add(text[m.start:m.end])
            edits.append(Edit(m.start, m.end, accepted[m.entity_id].pseudonym))
            last_end = m.end
        plans[document_id] = EditList(edits)
    for e in accepted.values():
        originals[e.id].add(e.label)
        entry = key.entity(e.guid)
        if entry is None:
            key.entities.append(KeyEntity(e.guid, e.type, e.pseudonym, sorted(originals[e.id])))
        else:
            entry.pseudonym = e.pseudonym
            entry.originals = sorted(set(entry.originals) | originals[e.id])
    deid._project.backups.take("before-deid")  # holds the originals: offered for removal afterwards
    key.audit_anchor = audit.head(db) or key.audit_anchor
    save_key(key, key_path, passphrase)  # the originals are safe in the key before they leave the project
    with deid._project.project.atomic() as db:
        for document_id, edits in plans.items():
            store.rewrite_document(db, document_id, edits)
        labels = {entity_key(o): accepted[eid].pseudonym for eid, forms in originals.items() for o in forms}
        for speaker_id, document_id, label in db.execute("SELECT id, document_id, label FROM speakers").fetchall():
            pseudonym = labels.get(entity_key(label))
            taken = db.execute("SELECT 1 FROM speakers WHERE document_id = ? AND label = ?", [document_id, pseudonym]).fetchone()
            if pseudonym and not taken:
                db.execute("UPDATE speakers SET label = ? WHERE id = ?", [pseudonym, speaker_id])
        db.execute(f"DELETE FROM deid_mentions WHERE entity_id IN ({ids})")
        db.execute(f"UPDATE deid_entities SET status = 'applied', label = '' WHERE id IN ({ids})")
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('deid.key_id', ?)", [key.key_id])
        mentions = sum(len(p) for p in plans.values())
        audit.record(db, deid._project.coder, "apply de-identification", "deid", None, entities=len(accepted),
                     mentions=mentions, documents=len(plans))
        search.drop_index(db)  # the index must not keep a word the texts no longer hold
        purge.mark_pending(db)  # a crash before the wipe below leaves the mark: the next open finishes it
    deid._project.project.wipe_removed_text()  # no original left in the file, its WAL or its free pages
    key.audit_anchor = audit.head(deid._project.project.db) or key.audit_anchor
    save_key(key, key_path, passphrase)  # again, so the key anchors the audit log's entry for this apply
    # Offsets kept by undo steps from before this point no longer fit the text: start a new history.
    deid._project.history.clear()

    deid._project.announce(Changes(documents=True, speaker_turns=True, codings=True, memos=True, settings=True,
                                    document_ids=frozenset(plans)))
    return {"entities": len(accepted), "mentions": mentions, "documents": len(plans)}


def _assign_with_commit(deid: DeidService, entity_ids: list[int]) -> None:
    if entity_ids:
        with deid._project.project.atomic() as db:
            deid._assign_pseudonyms(db, entity_ids)


def residual_scan(project: ProjectService, key: KeyFile, unknown: bool = False,
                  progress: Callable[[int, int, str], None] | None = None,
                  is_cancelled: Callable[[], bool] | None = None) -> list[Residual]:
    """Every place a known original (from the key) is still in the project; with `unknown`, also what still looks
    like an identifier in the documents although nobody confirmed it (rejected suggestions left out). The look for
    the unknown goes document by document: `progress` hears of each, and `is_cancelled` can stop it."""
    found = _known(project, key)
    if unknown:
        rejected = [r[0] for r in project.project.db.execute("SELECT label FROM deid_entities WHERE status = 'rejected'")]
        known_at = {(r.document_id, r.start) for r in found}
        docs = project.documents(shares=False)
        for done, doc in enumerate(docs):
            if is_cancelled is not None and is_cancelled():
                raise AnnotatorError("The residual scan was cancelled.")
            if progress is not None:
                progress(done, len(docs), doc.name)
            for c in possible_identifiers(project.document_text(doc.id), rejected):
                if (doc.id, c.start) not in known_at:
                    found.append(Residual("document", doc.id, c.start, c.end, "", False, c.text,
                                          "; ".join(c.why[:2]) or c.reason, c.type))
    return found


def _known(project: ProjectService, key: KeyFile) -> list[Residual]:
    pairs = key.originals()
    if not pairs:
        return []
    by_form = {}
    for original, entity in pairs:  # a person's first or last name alone is theirs too
        whole, parts = name_forms(original, entity.type)
        for form in whole | parts:
            by_form.setdefault(form, entity)

    def hits(text: str):
        for c in find_mentions(text, [(o, e.type) for o, e in pairs]):
            entity = by_form.get(entity_key(c.text))
            yield c.start, c.end, entity.pseudonym if entity else "?", entity.type if entity else c.type

    found: list[Residual] = []
    for doc in project.documents(shares=False):
        for start, end, pseudonym, kind in hits(project.document_text(doc.id)):
            found.append(Residual("document", doc.id, start, end, pseudonym, type=kind))
        for start, end, pseudonym, kind in hits(doc.name):
            found.append(Residual("document name", doc.id, start, end, pseudonym, type=kind))
    for table, where, columns in (("memos", "memo", ("title", "body")), ("codes", "code", ("name", "description", "example")),
                                  ("participants", "participant", ("name", "description")), ("speakers", "speaker", ("label",))):
        for row in project.project.db.execute(f"SELECT {', '.join(columns)} FROM {table}"):
            for value in row:
                for start, end, pseudonym, kind in hits(value or ""):
                    found.append(Residual(where, None, start, end, pseudonym, type=kind))
    return found
