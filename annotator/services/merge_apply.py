"""Applying a merge plan inside one transaction: coders, codes (with the renames, moves and recolours chosen),
participants and attributes, documents, codings (moved onto our text through the one remap where a document is a
near-identical version of ours) and memos, each matched first so that merging the same file twice adds nothing."""

from __future__ import annotations

import uuid

from annotator.core.attributes import Attribute
from annotator.core.clean_text import clean_text
from annotator.core.codebook import Codebook, check_colour
from annotator.core.errors import AnnotatorError
from annotator.exchange.model import LeftOut, QdaNote
from annotator.importers.speakers import detect_turns
from annotator.services.merge_plan import DocumentMatch, MergePlan
from annotator.storage import attributes as attribute_store
from annotator.storage import codes, codings, documents, exchange_rows, people
from annotator.storage.exchange_data import guid_ids

_KINDS = {"Integer": "number", "Float": "number", "Date": "date"}


class MergeWriter:
    def __init__(self, db, plan: MergePlan, fallback_coder: int | None, coder_name: str):
        self.db, self.plan, self.model = db, plan, plan.model
        self.fallback = fallback_coder if fallback_coder is not None else people.ensure_coder(db, coder_name)
        self.added: dict[str, list[int]] = {"documents": [], "codings": [], "memos": []}
        self.counts = {"documents": 0, "matched": 0, "aligned": 0, "codes": 0, "code_changes": 0, "codings": 0,
                       "memos": 0, "participants": 0, "coders": 0}
        self.notes: list[LeftOut] = []
        self.guids = {t: guid_ids(db, t) for t in ("coders", "codes", "documents", "codings", "memos",
                                                    "participants", "attributes")}

    def _guid(self, table: str, wanted: str | None) -> str:
        """Their GUID, kept unless it is taken here (then the record is a new one of ours)."""
        if wanted and wanted not in self.guids[table]:
            self.guids[table][wanted] = -1
            return wanted
        return str(uuid.uuid4())

    def run(self) -> None:
        self.coder_ids = self._coders()
        self.code_ids = self._codes()
        self.attribute_ids = self._attributes()
        self.participant_ids = self._participants()
        self.doc_ids: dict[str, tuple[int, DocumentMatch]] = {}
        for match in self.plan.documents:
            self._document(match)
        self._values()
        self.coding_ids: dict[str, int] = {}
        for match in self.plan.documents:
            self._codings(match)
        for note in self.model.notes:
            self._memo(note)
        if self.plan.take_name and self.model.name:
            exchange_rows.set_project_name(self.db, self.model.name)

    # ------------------------------------------------------------------------------------------ coders, codes
    def _coders(self) -> dict[str, int]:
        ids = {}
        for match in self.plan.coders:
            coder_id = match.our_id
            if coder_id is None:
                user = next(u for u in self.model.users if u.guid == match.guid)
                coder_id = exchange_rows.insert_coder(self.db, self._guid("coders", match.guid), match.as_name,
                                                      user.created)
                self.counts["coders"] += 1
            elif match.adopt_guid and match.guid not in self.guids["coders"]:
                exchange_rows.set_coder_guid(self.db, coder_id, match.guid)
            ids[match.guid] = coder_id
        return ids

    def _codes(self) -> dict[str, int]:
        ids = dict(self.plan.code_matches)
        parents = {child.guid: code.guid for _n, code in self.model.all_codes() for child in code.children}
        for _path, code in self.plan.codes_added:  # in tree order: a parent is placed before its subcodes
            parent = ids.get(parents.get(code.guid, ""))
            ids[code.guid] = codes.insert_code(
                self.db, name=clean_text(code.name), parent_id=parent, colour=code.colour or "#999999",
                coder_id=self.coder_ids.get(code.creator_guid or ""), description=clean_text(code.description),
                guid=self._guid("codes", code.guid), position=code.position if self.plan.take_name else None,
                created=code.created, when_to_use=code.when_to_use, when_not_to_use=code.when_not_to_use,
                example=code.example, codable=int(code.codable))
            self.counts["codes"] += 1
        for change in self.plan.code_changes:
            if change.apply:
                self._code_change(change, ids)
        return ids

    def _code_change(self, change, ids: dict[str, int]) -> None:
        book = Codebook.from_codes(codes.list_codes(self.db))
        code = book[change.code_id]
        try:
            if change.kind == "rename":
                codes.update_code(self.db, code.id, {"name": book.check_name(change.value, code.parent_id, code.id)})
            elif change.kind == "recolour":
                codes.update_code(self.db, code.id, {"colour": check_colour(change.value)})
            elif change.kind == "describe":
                codes.update_code(self.db, code.id, {"description": clean_text(change.value)})
            elif change.kind == "move":
                parent = ids.get(change.value) if change.value else None
                book.check_move(code.id, parent)
                codes.place_code(self.db, code.id, parent, 10**9)
        except AnnotatorError as exc:
            self.notes.append(LeftOut("other", f"Kept our code {change.ours}: {exc}"))
            return
        self.counts["code_changes"] += 1

    # ---------------------------------------------------------------------------------- people and attributes
    def _attributes(self) -> dict[str, int]:
        by_name = {a.name.lower(): a for a in attribute_store.list_attributes(self.db)}
        ids = {}
        for variable in self.model.variables:
            found = self.guids["attributes"].get(variable.guid)
            existing = by_name.get(variable.name.lower())
            if found is None and existing is not None:
                found = existing.id
            if found is None:
                kind = variable.kind or _KINDS.get(variable.type, "text")
                found = exchange_rows.insert_attribute(self.db, self._guid("attributes", variable.guid),
                                                       clean_text(variable.name), kind, variable.categories,
                                                       variable.position if self.plan.take_name else None)
                by_name[variable.name.lower()] = Attribute(found, variable.name, kind, variable.categories)
            elif existing is not None and existing.kind == "category":
                missing = tuple(c for c in variable.categories if c not in existing.categories)
                if missing:
                    attribute_store.set_categories(self.db, existing.id, existing.categories + missing)
            ids[variable.guid] = found
        return ids

    def _participants(self) -> dict[str, int]:
        ids = {}
        for case in self.model.cases:
            found = self.guids["participants"].get(case.guid)
            if found is None:
                by_name = people.participant_by_name(self.db, case.name)
                found = by_name.id if by_name else None
            if found is None:
                found = exchange_rows.insert_participant(self.db, self._guid("participants", case.guid),
                                                         clean_text(case.name) or "participant",
                                                         case.position if self.plan.take_name else None, case.created)
                self.counts["participants"] += 1
            ids[case.guid] = found
        return ids

    def _values(self) -> None:
        attributes = {a.id: a for a in attribute_store.list_attributes(self.db)}
        current = attribute_store.values(self.db)
        kept = 0
        for case in self.model.cases:
            participant = self.participant_ids[case.guid]
            for variable_guid, value in case.variables.items():
                attribute_id = self.attribute_ids.get(variable_guid)
                if attribute_id is None:
                    continue
                ours = current.get(participant, {}).get(attribute_id)
                if ours is not None:
                    kept += ours != value
                    continue
                self._category(attributes[attribute_id], value)
                attribute_store.set_value(self.db, participant, attribute_id, clean_text(value))
        if kept:
            self.notes.append(LeftOut("other", f"Kept our values where theirs differ ({kept})"))

    def _category(self, attribute: Attribute, value: str) -> None:
        if attribute.kind == "category" and value not in attribute.categories:
            attribute_store.set_categories(self.db, attribute.id, (*attribute.categories, value))

    # ---------------------------------------------------------------------------------------------- documents
    def _document(self, match: DocumentMatch) -> None:
        source = match.source
        case_of = {g: c.guid for c in self.model.cases for g in c.source_guids}
        participant = self.participant_ids.get(case_of.get(source.guid, ""))
        if not match.added:
            doc_id = match.our_id
            self.counts["aligned" if match.aligned else "matched"] += 1
            if participant is not None and documents.document_participant(self.db, doc_id) is None:
                documents.set_document_participant(self.db, doc_id, participant)
            self.doc_ids[source.guid] = (doc_id, match)
            return
        turns = source.turns if source.turns is not None else detect_turns(source.text)
        labels = source.speakers if source.speakers is not None else {t.speaker: None for t in turns}
        name = source.name if match.our_id is None else f"{source.name} (their version)"
        origin = self.model.origin or "REFI-QDA"
        doc_guid = self._guid("documents", source.guid)
        doc_id = exchange_rows.insert_document(
            self.db, guid=doc_guid, name=documents.unique_name(self.db, clean_text(name)), text=source.text,
            source_name=source.source_name or f"{source.name} ({origin})", source_format=source.source_format or
            "qdpx", file_hash=source.file_hash or f"qdpx:{source.guid}", imported_at=source.created,
            interview_order=source.interview_order if self.plan.take_name else None,
            metadata=source.metadata if source.metadata is not None else {"origin": origin},
            participant_id=participant,
            speakers=[(label, self.participant_ids.get(p or "")) for label, p in labels.items()], turns=turns)
        self.added["documents"].append(doc_id)
        self.counts["documents"] += 1
        self.doc_ids[source.guid] = (doc_id, match)

    def _codings(self, match: DocumentMatch) -> None:
        doc_id, _ = self.doc_ids[match.source.guid]
        text = documents.document_text(self.db, doc_id)
        for selection in match.source.selections:
            span = (selection.start, selection.end)
            if match.aligned:
                span = match.edits.remap_span(*span)
            for coding in selection.codings:
                code_id = self.code_ids.get(coding.code_guid)
                if code_id is None:
                    self.notes.append(LeftOut("coding", "with a code not in the file", match.source.name))
                    continue
                if span is None:
                    self.notes.append(LeftOut("coding", "on words no longer in our text", match.source.name))
                    continue
                coder = self.coder_ids.get(coding.coder_guid or "", self.fallback)
                existing = self.guids["codings"].get(coding.guid)
                if existing is None or existing < 0:
                    existing = None if match.added else codings.find_exact(self.db, doc_id, code_id, *span, coder)
                if existing is not None:
                    self.coding_ids[coding.guid] = existing
                    continue
                coding_id = exchange_rows.insert_coding(self.db, self._guid("codings", coding.guid), doc_id, code_id,
                                                        *span, text[span[0]:span[1]], coder, coding.created)
                self.coding_ids[coding.guid] = coding_id
                self.added["codings"].append(coding_id)
                self.counts["codings"] += 1

    # -------------------------------------------------------------------------------------------------- memos
    def _memo(self, note: QdaNote) -> None:
        kind, about = note.kind, {}
        target = note.target_guid or ""
        if kind == "code" and target in self.code_ids:
            about = {"code_id": self.code_ids[target]}
        elif kind in ("document", "range") and target in self.doc_ids:
            doc_id, match = self.doc_ids[target]
            about = {"document_id": doc_id}
            if kind == "range":
                span = (note.start, note.end)
                if match.aligned and span[0] is not None:
                    span = match.edits.remap_span(*span)
                if span is None or span[0] is None:
                    kind = "document"  # its passage is gone from our text: the memo stays on the document
                else:
                    about.update(start=span[0], end=span[1])
        elif kind == "coding" and target in self.coding_ids:
            about = {"coding_id": self.coding_ids[target]}
        elif kind == "participant" and target in self.participant_ids:
            about = {"participant_id": self.participant_ids[target]}
        else:
            kind = "project"
        title, body = clean_text(note.title), clean_text(note.text)
        if note.guid in self.guids["memos"] or exchange_rows.same_memo(self.db, kind, title, body, **about):
            return
        memo_id = exchange_rows.insert_memo(self.db, self._guid("memos", note.guid), kind,
                                            coder_id=self.coder_ids.get(note.coder_guid or "", self.fallback),
                                            title=title, body=body, created=note.created, modified=note.modified,
                                            **about)
        self.added["memos"].append(memo_id)
        self.counts["memos"] += 1
