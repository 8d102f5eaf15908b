"""Opening another project in the window, or the same one again after a change to its closed file (a restore, an
encryption): the old views are closed and deleted, the new ones built from the new service in the same places; and
what the window waits for first (an import, a detection, a report, a merge)."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QWidget

from annotator.core.errors import AnnotatorError
from annotator.gui.projects import Opener
from annotator.services.project_service import ProjectService

_SAME = object()  # reopen_after: the project keeps its passphrase


class ProjectSwitching:
    """For MainWindow: needs service, _build_views, _save_position, _update_undo_actions, apply_readonly, _show_error
    and the panels that have workers."""

    def _on_background_backup(self, path, error) -> None:
        if error:
            self._show_error(error)

    def _teardown_views(self) -> None:
        """Delete the old project's views and controllers now, not later: a refresh they queued must never run
        against the closed project, and no widget may keep its data on screen."""
        agreement = getattr(self, "agreement_dialog", None)
        if agreement is not None:
            agreement.close()
            self.agreement_dialog = None
        self.quick_bar.box.popup.hide()
        doomed = [self._relay, *self.project_objects(), *self.panels_by_dock().values(), self.quick_bar,
                  self.transcript_view]
        for obj in doomed:
            if obj is not None and shiboken6.isValid(obj):
                if isinstance(obj, QWidget):
                    obj.hide()
                shiboken6.delete(obj)

    def _close_views(self):
        """Close the project and delete its views; returns the panels' arrangement, for the next views."""
        self._save_position()
        arrangement = self.saveState()
        self.service.close()
        self._teardown_views()
        return arrangement

    def _open_views(self, service: ProjectService, arrangement) -> None:
        self._build_views(service)
        self.restoreState(arrangement)  # the new views keep the panels' places and sizes
        self._update_undo_actions()
        self.apply_readonly()

    def switch_to(self, opener: Opener | None) -> bool:
        if opener is None:
            return False
        busy = self.busy_with()
        if busy:
            self._show_error(f"Wait for the {busy} to finish before opening another project.")
            return False
        try:
            service = opener()
        except AnnotatorError as exc:
            self._show_error(str(exc))
            return False
        if service is None:
            return False
        if service.path == self.service.path:
            service.close() if service is not self.service else None
            return False
        self._open_views(service, self._close_views())
        self.statusBar().showMessage(f"Opened {service.name}", 5000)
        return True

    def reopen_after(self, change, *, passphrase_after=_SAME) -> bool:
        """Close this project, run change(path, passphrase) on its closed file (restoring a backup, encrypting it),
        open it again (with `passphrase_after` when the change gave it a new one, None for none). If the change
        fails, the project is opened as it was and the error shown."""
        busy = self.busy_with()
        if busy:
            self._show_error(f"Wait for the {busy} to finish first.")
            return False
        path, passphrase, coder = self.service.path, self.service.project.passphrase, self.service.coder
        arrangement = self._close_views()
        error = None
        try:
            change(path, passphrase)
            if passphrase_after is not _SAME:
                passphrase = passphrase_after
        except AnnotatorError as exc:
            error = str(exc)
        self._open_views(ProjectService.open(path, coder, passphrase=passphrase, backup=False), arrangement)
        if error:
            self._show_error(error)
        return error is None

    def busy_with(self) -> str | None:
        if self.importer.worker is not None:
            return "import"
        if self.deid_panel.worker is not None:
            return self.deid_panel.worker_kind
        if self.reports.worker is not None:
            return "report"
        if getattr(self, "merge_worker", None) is not None:
            return "merge"
        return None

