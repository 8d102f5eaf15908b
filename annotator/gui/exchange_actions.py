"""Working with co-authors and other QDA software: REFI-QDA codebooks and projects, merging, showing or hiding
each coder's codings, and inter-coder agreement."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted
from annotator.gui.exchange_dialogs import ExportProjectDialog, ImportSummaryDialog
from annotator.gui.folders import open_path, save_path
from annotator.gui.import_worker import run_with_progress
from annotator.gui.merge_preview_dialog import MergePreviewDialog

QDC = "REFI-QDA codebooks (*.qdc)"
QDPX = "REFI-QDA projects (*.qdpx)"


def export_codebook(window) -> None:
    path = save_path(window, "Export codebook", "codebook.qdc", QDC, project=window.service.path)
    if path:
        count = window._step(lambda: window.service.exchange.export_codebook(Path(path)))
        if count is not None:
            window.statusBar().showMessage(f"Exported {counted(count, 'code')} to {Path(path).name}", 8000)


def import_codebook(window) -> None:
    path = open_path(window, "Import codebook", QDC)
    if not path:
        return
    try:
        data = Path(path)  # (read by the service, its size checked first)
        plan = window.service.exchange.plan_codebook_import(data, Path(path).name)
    except (OSError, AnnotatorError) as exc:
        window._show_error(str(exc) if isinstance(exc, AnnotatorError) else f"{Path(path).name} could not be read.")
        return
    box = QMessageBox(QMessageBox.Icon.Question, "Import codebook", f"{Path(path).name}: {plan.summary()}.\n\n"
                      "Codes are matched by their GUID, then by their path. Import?", parent=window)
    box.setDetailedText("\n".join(plan.lines()) or "Nothing would change.")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    if box.exec() == QMessageBox.StandardButton.Yes:
        window._step(lambda: window.service.exchange.import_codebook(data, Path(path).name))


def export_project(window) -> None:
    """First the choice of positions (the standard's, or NVivo's), then where to write."""
    service = window.service
    options = ExportProjectDialog(service, window)
    window.export_dialog = options
    if options.exec() != QDialog.DialogCode.Accepted:
        return
    suffix = " for NVivo" if options.positions == "utf16" else ""
    path = save_path(window, "Export project", f"{service.name}{suffix}.qdpx", QDPX, project=service.path)
    if not path:
        return
    if service.project.setting("deid.key_id") and window.keys.key is None:
        answer = QMessageBox.question(window, "Export project", "Open the key file so the export can be checked for "
                                      "names left in the text?")
        if answer == QMessageBox.StandardButton.Yes and not window.keys.ensure(service):
            return
    result = window._step(lambda: service.exchange.export_qdpx(Path(path), key=window.keys.key,
                                                               positions=options.positions))
    if result is not None:
        window.statusBar().showMessage(f"Exported {counted(result['documents'], 'document')} and {counted(result['codings'], 'coding')} "
                                       f"to {Path(path).name}", 8000)


def merge_project(window) -> None:
    path = open_path(window, "Import or merge a project", f"{QDPX};;Annotator projects (*.annotator)")
    if path:
        start_merge(window, Path(path))


def start_merge(window, path: Path):
    """Read and match their file off the GUI thread; then the preview, and only on Merge anything changes."""
    service = window.service
    return _run(window, f"Reading {path.name}…", lambda progress, cancelled: service.exchange.plan_merge(
        path, preview=False), done=lambda plan: preview_merge(window, plan, path.name))


def _run(window, label: str, task, done):
    """A step of a merge off the GUI thread, behind a window-modal progress dialog; window.merge_worker is the
    running one (None when none is: the window waits for it before opening another project)."""
    holder = []
    worker = run_with_progress(window, "Import or merge a project", label, task, done=done,
                               failed=window._show_error,
                               finished=lambda: window.merge_worker is holder[0] and setattr(window, "merge_worker",
                                                                                             None))
    holder.append(worker)
    window.merge_worker = worker
    return worker


def preview_merge(window, plan, name: str) -> None:
    service = window.service
    if service.closed:
        return
    dialog = MergePreviewDialog(service, plan, f"Import or merge {name}", window)
    window.merge_dialog = dialog
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    verb = "Merged" if any(d.our_id is not None for d in plan.documents) else "Imported"

    def applied(result) -> None:
        if service.closed:
            return
        summary = ImportSummaryDialog(verb, f"{verb} {name}", service.exchange.result_report(plan, result), window)
        window.import_summary = summary
        summary.open()

    # (off the GUI thread too: a team's project merges for seconds, and the window would freeze)
    _run(window, f"{'Merging' if verb == 'Merged' else 'Importing'} {name}…",
         lambda progress, cancelled: service.exchange.apply(plan), done=applied)


def fill_coders_menu(window) -> None:
    window.coders_menu.clear()
    for coder in window.service.agreement.coders():
        action = window.coders_menu.addAction(coder, lambda checked, c=coder: set_coder_visible(window, c, checked))
        action.setCheckable(True)
        action.setChecked(coder not in window.hidden_coders)


def set_coder_visible(window, coder: str, visible: bool) -> None:
    """Show or hide one coder's codings in the transcript and in retrieval."""
    (window.hidden_coders.discard if visible else window.hidden_coders.add)(coder)
    all_coders = set(window.service.agreement.coders())
    window.retrieval_panel.coders = (all_coders - window.hidden_coders) if window.hidden_coders else None
    window.retrieval_panel.refresh()
    if window.current_document is not None:
        window._show_codings(full=True)


def show_agreement(window) -> None:
    from annotator.gui.agreement_dialog import AgreementDialog

    dialog = AgreementDialog(window.service, window)
    dialog.error.connect(window._show_error)
    dialog.open_passage.connect(window.open_passage)
    dialog.show()
    window.agreement_dialog = dialog
