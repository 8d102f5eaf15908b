"""Reports from the project: the data is gathered here (retrieval, counts, attributes, memos) and written by
annotator.reports. When a key file is given, the residual scan runs first and a report is refused while any
known identifier remains."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from annotator.analysis.participant_table import Bin, characteristics
from annotator.core.attributes import Condition
from annotator.core.errors import AnnotatorError
from annotator.core.ids import CodeId
from annotator.deid.keyfile import KeyFile
from annotator.reports.model import CodebookRow, CodeSection, MemoEntry, Quotation
from annotator.services.part import ServicePart
from annotator.storage import audit, codings

Progress = Callable[[int, int, str], None]
# The writers (python-docx, lxml, openpyxl) are imported when a report is written, not when a project opens.


def _timestamp(ms: int | None) -> str | None:
    if ms is None:
        return None
    seconds = ms // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class ReportService(ServicePart):
    def anchored(self):
        """Around a report's writing: its properties carry the audit log's newest entry (reports/anchor.py)."""
        from annotator.reports.anchor import anchored

        head = audit.head(self._db)
        return anchored(head.token() if head else None)

    def check_identifiers(self, key: KeyFile | None, allow_residual: bool = False) -> list[str]:
        """Warnings to show; raises when known identifiers remain and the caller did not allow it."""
        if key is None:
            if self._project.project.setting("deid.key_id"):
                return ["No key file was given, so the report was not checked for identifiers left in the text."]
            return []
        hits = self._project.deid.residual(key)
        if hits and not allow_residual:
            where = sorted({h.where for h in hits})
            raise AnnotatorError(f"{len(hits)} known identifiers remain in the project ({', '.join(where)}); "
                                 "run the residual scan and de-identify them before exporting.")
        return [f"{len(hits)} known identifiers remain in the project."] if hits else []

    def _scope(self, conditions: Sequence[Condition]):
        if not conditions:
            return None
        return self._project.people.documents_of(self._project.people.matching(conditions))

    # ------------------------------------------------------------------------------------------------ coded
    def _code_order(self, code_ids: Sequence[CodeId] | None) -> list[CodeId]:
        """The chosen codes (all, by default) with their subtrees, in codebook order."""
        book = self._project.codebook.codebook
        order: list[CodeId] = []
        for root in list(code_ids) if code_ids else book.children(None):
            if root not in book:
                raise AnnotatorError("One of the chosen codes is no longer in the codebook.")
            order += [c for c in book.subtree(root) if c not in order]
        return order

    def coded_sections(self, code_ids: Sequence[CodeId] | None = None, conditions: Sequence[Condition] = (),
                       *, memos: bool = False) -> list[CodeSection]:
        book = self._project.codebook.codebook
        order = self._code_order(code_ids)
        documents = self._scope(conditions)
        db = self._project.project.db
        participant_of = {d.id: d.participant for d in self._project.documents(shares=False)}
        overlapping: dict[int, _Overlaps] = {}
        reached: dict[CodeId, tuple[set, set]] = {}
        sections = []
        for code_id in order:
            passages = self._project.retrieval.retrieve(code_id, include_subcodes=False, document_ids=documents)
            quotations = []
            for p in passages:
                if p.document_id not in overlapping:
                    overlapping[p.document_id] = _Overlaps(codings.for_document(db, p.document_id))
                others = sorted({book[c].name for c in overlapping[p.document_id].codes(p.start, p.end)
                                 if c != code_id and c in book})
                quotations.append(Quotation(p.text, p.document, participant_of.get(p.document_id), p.speaker,
                                            p.paragraph, _timestamp(p.timestamp_ms), tuple(others), p.coder))
            code = book[code_id]
            code_memos = [m.body for m in self._project.codings.memos("code", code_id)] if memos else []
            reached[code_id] = ({participant_of.get(p.document_id) for p in passages} - {None},
                                {p.document_id for p in passages})
            sections.append(CodeSection(code.name, book.path(code_id), book.depth(code_id), code.description,
                                        len(passages), 0, 0, quotations, code_memos))
        # Counts include subcodes, as the codebook shows them: a theme with no passages of its own still has some.
        by_id = dict(zip(order, sections))
        for code_id, section in by_id.items():
            members = [c for c in book.subtree(code_id) if c in by_id]
            section.references = sum(len(by_id[c].quotations) for c in members)
            section.participants = len(set().union(*(reached[c][0] for c in members)))
            section.documents = len(set().union(*(reached[c][1] for c in members)))
        return sections

    def coded_report(self, path: Path, code_ids: Sequence[CodeId] | None = None, conditions: Sequence[Condition] = (),
                     *, anonymous: bool = False, memos: bool = False, key: KeyFile | None = None,
                     allow_residual: bool = False, progress: Progress | None = None,
                     is_cancelled: Callable[[], bool] | None = None, saturation: bool = False,
                     saturation_options: Mapping | None = None, charts_by: str | None = None) -> dict:
        """The passages by code; with `saturation`, a section on saturation first (its chart and table; options as
        AnalysisService.saturation takes them: depth, base_size, run_length, threshold), and with `charts_by` an
        attribute's name, a chart of the codes' participants split by its values. Both cover the interviews the
        conditions leave in."""
        warnings = self.check_identifiers(key, allow_residual)
        sections = self.coded_sections(code_ids, conditions, memos=memos)
        filters = [f"{c.attribute} {c.op} {c.value}" for c in conditions]
        analyses = self._analyses(code_ids, conditions, filters, saturation, saturation_options, charts_by)
        from annotator.reports.word_reports import write_coded_report

        with self.anchored():
            written = write_coded_report(Path(path), self._project.name, sections, filters=filters,
                                         anonymous=anonymous, progress=progress, is_cancelled=is_cancelled,
                                         analyses=analyses)
        result = {"codes": len(sections), "quotations": written, "warnings": warnings}
        if analyses:
            result["figures"] = len(analyses)
        return result

    def _analyses(self, code_ids, conditions, filters, saturation, options, charts_by) -> list:
        from annotator.reports.analysis_sections import FrequencyPart, SaturationPart

        if not saturation and not charts_by:
            return []
        analysis = self._project.analysis
        scope = analysis.scope(where=conditions)
        parts: list = []
        if saturation:
            options = dict(options or {})
            depth = options.get("depth", "codes")
            unit = depth if depth in ("themes", "subthemes") else "codes"
            parts.append(SaturationPart(analysis.saturation(scope=scope, **options), unit, "; ".join(filters)))
        if charts_by:
            attribute = self._project.people.attribute(charts_by)
            matrix = analysis.matrix("attribute", attribute=attribute.name, code_ids=self._code_order(code_ids),
                                     scope=scope)
            parts.append(FrequencyPart(matrix, attribute.name))
        return parts

    # --------------------------------------------------------------------------------------------- codebook
    def codebook_rows(self) -> list[CodebookRow]:
        book, counts = self._project.codebook.codebook, self._project.codebook.counts()
        return [CodebookRow(book.path(c), book[c].name, book.depth(c), book[c].description, book[c].when_to_use,
                            book[c].when_not_to_use, book[c].example, counts[c].total_references,
                            counts[c].total_participants) for c in book.tree_order()]

    def codebook_report(self, path: Path, *, key: KeyFile | None = None, allow_residual: bool = False) -> dict:
        warnings = self.check_identifiers(key, allow_residual)
        rows = self.codebook_rows()
        from annotator.reports.word_reports import write_codebook_report

        with self.anchored():
            write_codebook_report(Path(path), self._project.name, rows)
        return {"codes": len(rows), "warnings": warnings}

    # ------------------------------------------------------------------------------------------ participants
    def participant_sections(self, bins: dict[str, list[Bin]] | None = None, conditions: Sequence[Condition] = ()):
        people = self._project.people
        chosen = people.matching(conditions) if conditions else None
        rows = [r for r in people.rows() if chosen is None or r.id in chosen]
        return len(rows), characteristics(people.attributes(), [r.values for r in rows], bins)

    def participants_report(self, path: Path, bins: dict[str, list[Bin]] | None = None,
                            conditions: Sequence[Condition] = (), *, key: KeyFile | None = None,
                            allow_residual: bool = False) -> dict:
        warnings = self.check_identifiers(key, allow_residual)
        n, sections = self.participant_sections(bins, conditions)
        if not sections:
            raise AnnotatorError("There are no participant attributes to tabulate; import participants first.")
        from annotator.reports.word_reports import write_participant_table

        with self.anchored():
            write_participant_table(Path(path), self._project.name, n, sections)
        return {"participants": n, "attributes": len(sections), "warnings": warnings}

    # ------------------------------------------------------------------------------------------------- memos
    def memo_entries(self) -> list[MemoEntry]:
        """Every memo: the project's, each participant's, each document's with its passages' (in text order),
        each code's with its codings'."""
        book, codings_ = self._project.codebook.codebook, self._project.codings
        names = {d.id: d.name for d in self._project.documents(shares=False)}
        entries = [MemoEntry("Project", m.title, m.body, m.coder, m.modified) for m in codings_.memos("project")]
        for p in self._project.participants():
            entries += [MemoEntry(f"Participant: {p.name}", m.title, m.body, m.coder, m.modified)
                        for m in codings_.memos("participant", p.id)]
        for document_id, name in names.items():
            entries += [MemoEntry(f"Document: {name}", m.title, m.body, m.coder, m.modified)
                        for m in codings_.memos("document", document_id)]
            text = None
            for m in sorted(codings_.memos("range", document_id), key=lambda m: (m.start, m.end)):
                text = text if text is not None else self._project.document_text(document_id)
                entries.append(MemoEntry(f"Document: {name}", m.title, m.body, m.coder, m.modified,
                                         f"“{' '.join(text[m.start:m.end].split())}”"))
        for code_id in book.tree_order():
            entries += [MemoEntry(f"Code: {book.path(code_id)}", m.title, m.body, m.coder, m.modified)
                        for m in codings_.memos("code", code_id)]
        for m in codings_.memos_where_target("coding"):
            coding = codings_.get(m.coding_id)
            if coding is not None and coding.code_id in book:
                entries.append(MemoEntry(f"Code: {book.path(coding.code_id)}", m.title, m.body, m.coder, m.modified,
                                         f"“{' '.join(coding.quote.split())}” ({names.get(coding.document_id, '')})"))
        order = {heading: i for i, heading in enumerate(dict.fromkeys(e.heading for e in entries))}
        return sorted(entries, key=lambda e: order[e.heading])  # each heading's memos together, stably

    def memos_report(self, path: Path, *, key: KeyFile | None = None, allow_residual: bool = False) -> dict:
        warnings = self.check_identifiers(key, allow_residual)
        entries = self.memo_entries()
        from annotator.reports.word_reports import write_memos_report

        with self.anchored():
            write_memos_report(Path(path), self._project.name, entries)
        return {"memos": len(entries), "warnings": warnings}

    # ------------------------------------------------------------------------------------------ data handling
    def data_handling(self, key: KeyFile | None = None, key_path: Path | None = None):
        """The facts of the data handling summary (services/data_handling.py), without writing them."""
        from annotator.services.data_handling import summarise

        return summarise(self._project, key, Path(key_path) if key_path else None)

    def data_handling_report(self, path: Path, *, key: KeyFile | None = None, key_path: Path | None = None) -> dict:
        """The one-page data handling summary as a Word document, for an ethics board."""
        summary = self.data_handling(key, key_path)
        from annotator.reports.data_handling import write_data_handling

        with self.anchored():
            write_data_handling(Path(path), summary.project, summary.sections, summary.concerns, self._project.coder)
        return {"sections": len(summary.sections), "concerns": summary.concerns, "warnings": []}

    # ---------------------------------------------------------------------------------------------- passages
    def passages_table(self, path: Path, code_ids: Sequence[CodeId] | None = None,
                       conditions: Sequence[Condition] = (), *, key: KeyFile | None = None,
                       allow_residual: bool = False) -> dict:
        from annotator.reports.passages_table import write_passages

        warnings = self.check_identifiers(key, allow_residual)
        people = self._project.people
        attributes = people.attributes()
        values = {r.name: r.values for r in people.rows()}
        rows = []
        for section in self.coded_sections(code_ids, conditions):
            for q in section.quotations:
                row = {"document": q.document, "participant": q.participant or "", "speaker": q.speaker or "",
                       "paragraph": q.paragraph, "code": section.path, "text": q.text, "coder": q.coder or ""}
                for a in attributes:
                    row[a.name] = values.get(q.participant, {}).get(a.id, "")
                rows.append(row)
        with self.anchored():
            write_passages(Path(path), rows, [a.name for a in attributes])
        return {"passages": len(rows), "warnings": warnings}

    def passage_list(self, path: Path, passages: Sequence, title: str) -> int:
        """Passages as listed on screen (search hits, a query's results, a matrix cell) to .csv, .xlsx or .docx;
        returns how many were written."""
        from annotator.reports.passages_table import (
            write_passage_document,
            write_passages,
        )

        path = Path(path)
        names = {d.id: d.participant or "" for d in self._project.documents(shares=False)}
        book = self._project.codebook.codebook
        rows = [{"document": p.document, "participant": names.get(p.document_id, ""), "speaker": p.speaker or "",
                 "paragraph": p.paragraph, "start": p.start, "end": p.end, "text": p.text, "coder": p.coder or "",
                 "code": book.path(p.code_id) if p.code_id in book else ""} for p in passages]
        with self.anchored():
            if path.suffix.lower() == ".docx":
                write_passage_document(path, title or "Passages", self._project.name, rows)
            else:
                write_passages(path, rows)
        return len(rows)


class _Overlaps:
    """A document's codings, to ask which codes overlap a passage without reading them all each time (the coded
    report asks once for every one of its passages)."""

    def __init__(self, found):
        ordered = sorted(found, key=lambda c: c.start)
        self.starts = [c.start for c in ordered]
        self.items = [(c.start, c.end, c.code_id) for c in ordered]
        self.longest = max((c.end - c.start for c in ordered), default=0)

    def codes(self, start: int, end: int) -> list[CodeId]:
        """Codes of the codings overlapping [start, end): only those starting within the longest coding's reach."""
        first, last = bisect_left(self.starts, start - self.longest), bisect_left(self.starts, end)
        return [code for s, e, code in self.items[first:last] if s < end and start < e]


def group_bins(specs: Sequence[str]) -> dict[str, list[Bin]]:
    """['age=25-34,35-44,45-54,55+', ...] -> {'age': [...]}"""
    from annotator.analysis.participant_table import parse_bins

    out = defaultdict(list)
    for spec in specs:
        name, sep, groups = spec.partition("=")
        if not sep:
            raise AnnotatorError(f"'{spec}' is not a grouping; write it as ATTRIBUTE=25-34,35-44,55+.")
        out[name.strip()] = parse_bins(groups)
    return dict(out)
