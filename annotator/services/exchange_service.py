"""REFI-QDA exchange for the project: codebooks out and in (with a preview, undoable); whole projects out (checked
for identifiers first, positions as the standard counts them or as NVivo does) and in; a co-author's project merged.
An import or merge is planned first (nothing changes), then applied as one undoable step."""

from __future__ import annotations

from pathlib import Path

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.deid.keyfile import KeyFile
from annotator.exchange.codebook_xml import read_codebook, write_codebook
from annotator.exchange.file_kind import (
    check_codebook_file,
    check_project_file,
    file_kind,
    read_file,
)
from annotator.exchange.model import QdaCode, QdaProject, left_out_lines
from annotator.exchange.positions import CODE_POINTS, count_astral
from annotator.exchange.qdpx_read import read_qdpx
from annotator.exchange.qdpx_write import write_qdpx
from annotator.services.codebook_import import (
    CodebookPlan,
    ImportCodebook,
    plan_codebook,
)
from annotator.services.exchange_model import (
    codebook_model,
    describe_note,
    project_model,
)
from annotator.services.merge_apply import MergeWriter
from annotator.services.merge_commands import MergeProject, MergeResult
from annotator.services.merge_plan import MergePlan, matched, plan, summary
from annotator.services.part import ServicePart
from annotator.storage import exchange_rows
from annotator.storage.project_file import PROJECT_SUFFIX

ORIGIN = f"Annotator {__version__}"


class ExchangeService(ServicePart):
    # ----------------------------------------------------------------------------------------------- codebook
    def codebook_model(self) -> list[QdaCode]:
        return codebook_model(self._project.codebook.codebook)

    def export_codebook(self, path: Path) -> int:
        model = self.codebook_model()
        Path(path).write_bytes(write_codebook(model, ORIGIN))
        return sum(1 for root in model for _ in root.walk())

    def plan_codebook_import(self, data: bytes | Path, name: str = "The file") -> CodebookPlan:
        """Match codes by GUID first, then by path; report what would change. Nothing is overwritten silently. A
        path is read whole, its size checked first."""
        if not isinstance(data, bytes):
            data = read_file(Path(data))
        check_codebook_file(data, name)
        incoming, _origin = read_codebook(data)
        return plan_codebook(self._project.codebook.codebook, incoming)

    def import_codebook(self, data: bytes | Path, name: str = "The file") -> CodebookPlan:
        plan_ = self.plan_codebook_import(data, name)
        if plan_.add or plan_.rename or plan_.recolour or plan_.describe or plan_.move:
            self._project.execute(ImportCodebook(plan_, f"Import codebook ({len(plan_.add)} new codes)"))
        return plan_

    # -------------------------------------------------------------------------------------------- export
    def project_model(self) -> QdaProject:
        return project_model(self._project)

    def astral_characters(self) -> int:
        """Characters outside the Basic Multilingual Plane (emoji): where NVivo's positions differ from the
        standard's. None means the choice makes no difference to this project."""
        texts = [self._project.document_text(d.id) for d in self._project.documents(shares=False)]
        return count_astral(texts)

    def export_qdpx(self, path: Path, *, key: KeyFile | None = None, allow_residual: bool = False,
                    positions: str = CODE_POINTS) -> dict:
        """positions: 'codepoints' (the standard, and what ATLAS.ti, MAXQDA, QualCoder and Annotator read) or
        'utf16' (what NVivo writes, and reads)."""
        warnings = self._project.reports.check_identifiers(key, allow_residual)
        model = project_model(self._project, texts=False)  # each text read as it is written
        codes = {c.guid: c.name for _p, c in model.all_codes()}
        write_qdpx(model, path, ORIGIN, positions=positions,
                   describe=describe_note(codes, {s.guid: s.name for s in model.sources}))
        return {"documents": len(model.sources), "codings": model.coding_count(), "codes": len(codes),
                "memos": len(model.notes), "participants": len(model.cases), "coders": len(model.users),
                "warnings": warnings}

    # --------------------------------------------------------------------------------------- import, merge
    def read_project_file(self, path: Path) -> QdaProject:
        """A co-author's work as exchange data: their .qdpx, or their Annotator project."""
        path = Path(path)
        if path.suffix.lower() == PROJECT_SUFFIX:
            return self._other_project(path)
        if file_kind(path) == "annotator":  # (only the start of the file is read to tell)
            return self._other_project(path)
        check_project_file(path, path.name)
        return read_qdpx(path)

    def _other_project(self, path: Path) -> QdaProject:
        from annotator.services.project_service import ProjectService

        if path.resolve() == self._project.path.resolve():
            raise AnnotatorError("That is this project itself.")
        with ProjectService.open(path, readonly=True) as other:
            model = other.exchange.project_model()
        model.origin, model.from_annotator = ORIGIN, True
        return model

    def plan_merge(self, path: Path, *, preview: bool = True) -> MergePlan:
        """What merging their file would do, with the default choices; nothing changes. The reading and matching
        may run off the GUI thread (preview=False); the preview's counts are then worked out with `preview`."""
        path = Path(path)
        return self.plan_model(self.read_project_file(path), path.stem, preview=preview)

    def plan_import(self, data: bytes | Path, label: str = "file") -> MergePlan:
        check_project_file(data, label)
        return self.plan_model(read_qdpx(data), Path(label).stem)

    def plan_model(self, model: QdaProject, label: str, *, preview: bool = True) -> MergePlan:
        result = plan(self._db, self._project.codebook.codebook, model, label)
        if preview:
            self.preview(result)
        return result

    def preview(self, merge_plan: MergePlan) -> dict[str, int]:
        """What applying the plan with its current choices would add (worked out, then rolled back)."""
        if self._project.project.readonly:
            return {}
        with exchange_rows.rolled_back(self._db):
            writer = MergeWriter(self._db, merge_plan, self._project.coder_id, self._project.coder)
            writer.run()
        merge_plan.expected = writer.counts
        return writer.counts

    def apply(self, merge_plan: MergePlan) -> MergeResult:
        """Merge as planned, in one transaction and one undoable step."""
        command = MergeProject(merge_plan, f"Merge {merge_plan.label}")
        self._project.execute(command)
        assert command.result is not None
        return command.result

    def import_qdpx(self, data: bytes | Path, label: str = "file") -> dict[str, int]:
        """Everything in a .qdpx into this project (see apply); the counts of what it added."""
        return self.apply(self.plan_import(data, label)).counts

    def merge(self, path: Path) -> dict[str, int]:
        return self.apply(self.plan_merge(path)).counts

    @staticmethod
    def result_report(merge_plan: MergePlan, result: MergeResult) -> tuple[list[str], list[str]]:
        """The import summary: what arrived and what was matched; then what was left out, and why."""
        counts = result.counts
        arrived = [f"Added {summary(counts)}."]
        if matched(counts):
            arrived.append(matched(counts)[0].upper() + matched(counts)[1:])
        if counts.get("code_changes"):
            arrived.append(f"Took {counts['code_changes']} of their code renames, moves, recolours or definitions.")
        return arrived, left_out_lines(merge_plan.left_out + result.notes, merge_plan.model.codings_read)

    def result_lines(self, merge_plan: MergePlan, result: MergeResult) -> list[str]:
        arrived, left_out = self.result_report(merge_plan, result)
        return arrived + left_out


def import_into_new_project(data: bytes | Path, path: Path, label: str, coder: str | None = None):
    """A new project at `path` holding a .qdpx (its bytes, or its path: then read part by part); if anything fails,
    no file is left behind."""
    from annotator.services.project_service import ProjectService

    check_project_file(data, label)
    model = read_qdpx(data)  # a file that cannot be read fails before any project is made
    service = ProjectService.create(path, coder)
    try:
        merge_plan = service.exchange.plan_model(model, Path(label).stem)
        result = service.exchange.apply(merge_plan)
        service.history.clear()  # a new project starts with nothing to undo
    except BaseException:
        service.close()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return service, merge_plan, result
