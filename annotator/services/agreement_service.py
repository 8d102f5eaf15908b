"""Inter-coder agreement between coders of this project, per code and overall, with the passages where they
disagree; tables for the GUI, CSV and Word."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from annotator.analysis.agreement import (
    PairAgreement,
    alpha_from_units,
    disagreement_runs,
    pair_from_ranges,
    units_from_ranges,
)
from annotator.core.errors import AnnotatorError
from annotator.core.ids import CodeId, DocumentId
from annotator.services.part import ServicePart
from annotator.storage import codings
from annotator.storage import documents as documents_store


@dataclass(frozen=True)
class CodeAgreement:
    code_id: CodeId | None  # None: all codes pooled
    path: str
    percent: float
    kappa: float
    alpha: float
    characters_coded: int


@dataclass(frozen=True)
class Disagreement:
    document_id: DocumentId
    document: str
    start: int
    end: int
    coded_by: str
    text: str


def _pool(tables: list[PairAgreement]) -> PairAgreement:
    return PairAgreement(*(sum(getattr(t, f) for t in tables) for f in ("both", "only_a", "only_b", "neither")))


class AgreementService(ServicePart):
    def coders(self) -> list[str]:
        return [r[0] for r in self._project.project.db.execute(
            "SELECT DISTINCT k.name FROM codings c JOIN coders k ON k.id = c.coder_id ORDER BY k.name")]

    def _marks(self, coders: list[str], code_ids: list[CodeId] | None):
        known = set(self.coders())
        missing = [c for c in coders if c not in known]
        if len(set(coders)) < 2:
            raise AnnotatorError("Choose at least two different coders to compare.")
        if missing:
            raise AnnotatorError(f"No codings by {', '.join(missing)} (coders: {', '.join(sorted(known)) or 'none'}).")
        db = self._project.project.db
        book = self._project.codebook.codebook
        code_ids = list(code_ids) if code_ids else list(book.tree_order())
        # Each coder's ranges per document and code (ranges, not a byte per character: that was 15 GB for 500
        # interviews and 200 codes); documents any of the coders coded, each with its length.
        ranges: dict[tuple[DocumentId, CodeId], list[list[tuple[int, int]]]] = {}
        documents: dict[DocumentId, int] = {}
        lengths = documents_store.lengths(db)
        position = {coder: i for i, coder in enumerate(coders)}
        for c in codings.by_coders(db, coders):
            documents.setdefault(c.document_id, lengths[c.document_id])
            slot = ranges.setdefault((c.document_id, c.code_id), [[] for _ in coders])
            slot[position[c.coder]].append((c.start, c.end))
        return code_ids, documents, ranges

    def compare(self, coders: list[str], code_ids: list[CodeId] | None = None) -> list[CodeAgreement]:
        """One row per code, then an 'All codes' row pooling every character decision. Kappa is Cohen's for two
        coders and the mean of the pairs for more; alpha is Krippendorff's over all coders."""
        code_ids, documents, ranges = self._marks(coders, code_ids)
        if not documents:
            raise AnnotatorError("The coders have no coded documents to compare.")
        book = self._project.codebook.codebook
        rows, pooled_pairs, pooled_units = [], {}, {}
        nobody = tuple(0 for _ in coders)
        for code_id in code_ids:
            coded_in = [d for d in documents if (d, code_id) in ranges]
            untouched = sum(documents.values()) - sum(documents[d] for d in coded_in)  # no coder coded it there
            pairs = {}
            for i, j in combinations(range(len(coders)), 2):
                tables = [pair_from_ranges(ranges[(d, code_id)][i], ranges[(d, code_id)][j], documents[d])
                          for d in coded_in]
                pairs[(i, j)] = _pool([*tables, PairAgreement(0, 0, 0, untouched)])
            units: dict[tuple, int] = {nobody: untouched} if untouched else {}
            for d in coded_in:
                for unit, count in units_from_ranges(ranges[(d, code_id)], documents[d]).items():
                    units[unit] = units.get(unit, 0) + count
            for key, table in pairs.items():
                pooled_pairs.setdefault(key, []).append(table)
            for unit, count in units.items():
                pooled_units[unit] = pooled_units.get(unit, 0) + count
            coded = sum(count for unit, count in units.items() if any(unit))
            if coded:
                rows.append(self._row(code_id, book.path(code_id), list(pairs.values()), units, coded))
        all_pairs = [_pool(tables) for tables in pooled_pairs.values()]
        rows.append(self._row(None, "All codes", all_pairs, pooled_units,
                              sum(c for u, c in pooled_units.items() if any(u))))
        return rows

    @staticmethod
    def _row(code_id, path, pairs: list[PairAgreement], units, coded) -> CodeAgreement:
        percent = sum(p.percent for p in pairs) / len(pairs)
        kappa = sum(p.kappa for p in pairs) / len(pairs)
        return CodeAgreement(code_id, path, percent, kappa, alpha_from_units(units), coded)

    def disagreements(self, coders: list[str], code_id: CodeId) -> list[Disagreement]:
        """Where the first two coders differ on a code: each run of characters, and who coded it."""
        _codes, documents, ranges = self._marks(coders[:2], [code_id])
        names = {d.id: d.name for d in self._project.documents(shares=False)}
        out = []
        for doc_id in documents:
            if (doc_id, code_id) not in ranges:
                continue
            text = self._project.document_text(doc_id)
            a, b = ranges[(doc_id, code_id)]
            for start, end, who in disagreement_runs(a, b, documents[doc_id]):
                out.append(Disagreement(doc_id, names[doc_id], start, end, coders[0] if who == "A" else coders[1],
                                        text[start:end]))
        return out

    def write_csv(self, path: Path, coders: list[str], rows: list[CodeAgreement]) -> None:
        with Path(path).open("w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f)
            writer.writerow(["code", "percent_agreement", "cohen_kappa", "krippendorff_alpha", "characters_coded",
                             "coders"])
            for r in rows:
                writer.writerow([r.path, f"{r.percent:.2f}", f"{r.kappa:.3f}", f"{r.alpha:.3f}", r.characters_coded,
                                 " / ".join(coders)])

    def write_docx(self, path: Path, coders: list[str], rows: list[CodeAgreement]) -> None:
        from annotator.reports.word_reports import write_agreement_report

        with self._project.reports.anchored():
            write_agreement_report(Path(path), self._project.name, coders,
                                   [(r.path, r.percent, r.kappa, r.alpha, r.characters_coded) for r in rows])
