"""The de-identification panel's project-wide actions, mixed into DeidPanel: detect (progress, Cancel), the
identifier list, accept all of a confidence band and type, add a missed identifier from the transcript, apply with
the key file, redact a selection, the residual scan (a list to act on), and the entity and mention menus."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from annotator.deid.candidates import TYPES
from annotator.gui.backups_dialog import offer_backup_removal
from annotator.gui.deid_residual import ResidualDialog
from annotator.gui.identifier_list_dialog import IdentifierListDialog
from annotator.gui.import_worker import run_with_progress
from annotator.gui.widgets import counted

_ACCEPT_BANDS = (("&High Confidence", ("high",), "high-confidence"),
                 ("High and &Medium Confidence", ("high", "medium"), "high- and medium-confidence"),
                 ("&Any Confidence", None, ""))
_PLURALS = {"PERSON": "&People", "PLACE": "P&laces", "AGENCY": "A&gencies", "OTHER": "&Other Identifiers"}
_NOUNS = {"PERSON": "people", "PLACE": "places", "AGENCY": "agencies", "OTHER": "other identifiers"}

class ReviewActions:
    """Needs self.service, self.keys, self.selection, self.summary, self.error, self._run (see DeidPanel)."""

    worker = None
    worker_kind = "detection"  # what the worker does, as the window names it ("Wait for the ... to finish")
    residual_dialog: ResidualDialog | None = None

    def detect(self) -> None:
        if self.worker is not None:
            return
        key = self.keys.key
        self.worker_kind = "detection"
        self.worker = run_with_progress(self, "Detect identifiers", "Looking for names, places and agencies in",
                                        lambda progress, cancelled: self.service.deid.detect(
                                            key, progress=progress, is_cancelled=cancelled),
                                        done=lambda found: setattr(self, "_found", found),
                                        failed=self.error.emit, finished=self._on_detect_finished)

    def _on_detect_finished(self) -> None:
        self.worker = None
        self.refresh()
        found, self._found = getattr(self, "_found", None), None
        if found is not None:  # (after the refresh, whose counts would write over it)
            self._say(f"{counted(found, 'new mention')} found.")

    def edit_identifiers(self) -> None:
        if not self._run(self.keys.ensure, self.service):
            return
        dialog = IdentifierListDialog([(i["text"], i["type"]) for i in self.keys.key.identifiers], self)
        if dialog.exec() == IdentifierListDialog.DialogCode.Accepted:
            count = self._run(self.service.deid.set_identifiers, self.keys.key, self.keys.path, dialog.entries(),
                              self.keys.passphrase)
            if count is not None:
                self.summary.setText(f"{counted(count, 'name')} in the identifier list; run Detect to find them.")

    def add_selection(self) -> None:
        selected = self.selection()
        if selected is None:
            self.error.emit("Select the missed name, place or agency in the transcript first.")
            return
        kind, ok = QInputDialog.getItem(self, "Add identifier", "It is a:", [t.title() for t in TYPES], 0, False)
        if ok:
            self._run(self.service.deid.add, *selected, kind.upper())

    def apply(self) -> None:
        accepted = [e for e in self.service.deid.entities("accepted")]
        if not accepted:
            self.error.emit("Accept some identifiers first.")
            return
        mentions = sum(e.mentions for e in accepted)
        answer = QMessageBox.question(
            self, "Apply de-identification",
            f"Replace {counted(mentions, 'mention')} of {counted(len(accepted), 'identifier')} by their pseudonyms "
            "in every document?\n\n"
            "Codings, memos and speaker turns stay on their words. The originals are written to the key file and "
            "leave the project; this cannot be undone from the Edit menu.")
        if answer != QMessageBox.StandardButton.Yes or not self._run(self.keys.ensure, self.service):
            return
        result = self._run(self.service.deid.apply, self.keys.key, self.keys.path, self.keys.passphrase)
        if result:
            self.summary.setText(f"Replaced {counted(result['mentions'], 'mention')} in "
                                 f"{counted(result['documents'], 'document')}; the originals are in "
                                 f"{self.keys.path.name}.")
            offer_backup_removal(self, self.service)

    def redact(self, kind: str) -> None:
        """'Redact this' on the transcript's selection: add, find everywhere, apply."""
        selected = self.selection()
        if selected is None:
            self.error.emit("Select the name, place or agency to redact.")
            return
        if self._run(self.keys.ensure, self.service):
            if self._run(self.service.deid.redact, *selected, kind, self.keys.key, self.keys.path, self.keys.passphrase):
                offer_backup_removal(self, self.service)

    def residual(self) -> None:
        """Known originals left anywhere, and what still looks like an identifier, in a list to open and act on.
        Before the first Apply there is no key to open: the scan then looks for the unknown only."""
        if self.worker is not None:
            return
        if self.service.project.setting("deid.key_id") and not self._run(self.keys.ensure, self.service):
            return
        key = self.keys.key or self.service.deid.new_key()
        self.worker_kind = "residual scan"
        self.worker = run_with_progress(self, "Residual scan", "Looking for identifiers left in",
                                        lambda progress, cancelled: self.service.deid.residual(
                                            key, True, progress=progress, is_cancelled=cancelled),
                                        done=self._show_residual, failed=self.error.emit,
                                        finished=lambda: setattr(self, "worker", None))

    def _show_residual(self, hits) -> None:
        if self.residual_dialog is None:
            self.residual_dialog = ResidualDialog(self.service, self)
            self.residual_dialog.open_passage.connect(self.open_mention)
            self.residual_dialog.error.connect(self.error)
            self.residual_dialog.scan_again.connect(self.residual)
        self.residual_dialog.show_hits(hits)
        self.residual_dialog.show()
        self.residual_dialog.raise_()
        self.residual_dialog.activateWindow()

    # ------------------------------------------------------------------------------------------- accept all
    def _fill_accept_menu(self) -> None:
        menu = self.accept_menu
        menu.clear()
        suggested = [e for e in self.entity_model.rows if e.status == "suggested"]
        shown = [e.id for e in self.entities.rows if e.status == "suggested"]
        menu.addAction(f"&Everything Shown in the Table ({len(shown)})",
                       lambda: self._accept_many(shown, "shown")).setEnabled(bool(shown))
        menu.addSeparator()
        for title, bands, words in _ACCEPT_BANDS:
            sub = menu.addMenu(title)
            of_band = [e for e in suggested if bands is None or e.band in bands]
            sub.addAction(f"&Every Type ({len(of_band)})", lambda b=bands, w=words: self.accept_band(None, b, w)
                          ).setEnabled(bool(of_band))
            for kind in TYPES:
                n = sum(1 for e in of_band if e.type == kind)
                sub.addAction(f"{_PLURALS[kind]} ({n})", lambda k=kind, b=bands, w=words: self.accept_band(k, b, w)
                              ).setEnabled(bool(n))

    def show_accept_menu(self) -> None:
        """Shift+A: the accept-all menu, under the current row."""
        rect = self.entity_table.visualRect(self.entity_table.currentIndex())
        self.accept_menu.popup(self.entity_table.viewport().mapToGlobal(rect.bottomLeft()))

    def accept_band(self, kind: str | None, bands: tuple[str, ...] | None, words: str = "") -> None:
        """'Accept all high-confidence places': every suggestion of a type (None: any) in the bands (None: any)."""
        count = self._run(self.service.deid.accept_all, kind, bands)
        if count is not None:
            noun = _NOUNS[kind] if kind else "suggestions"
            self._say(f"Accepted {count} {words} {noun}.".replace("  ", " ") + " ·")

    def _accept_many(self, ids: list[int], what: str) -> None:
        self._run(self.service.deid.accept, ids)
        self._say(f"Accepted the {counted(len(ids), 'suggestion')} {what}. ·")

    # ------------------------------------------------------------------------------------------------- menus
    def _on_entity_menu(self, point) -> None:
        ids = self.selected_entities()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction("Accept (A)", self.accept)
        menu.addAction("Reject (R)", self.reject)
        menu.addAction("Next Type (T)", self.cycle_type)
        menu.addAction("Merge Selected", lambda: self._run(self.service.deid.merge, ids)).setEnabled(len(ids) > 1)
        type_menu = menu.addMenu("Type")
        for kind in TYPES:
            type_menu.addAction(kind.title(), lambda k=kind: [self._run(self.service.deid.set_type, i, k) for i in ids])
        menu.addAction("Replacement…", lambda: self._ask_replacement(ids[0]))
        participants = self.service.participants()
        if participants:
            link = menu.addMenu("Is Participant")
            for p in participants:
                link.addAction(p.name, lambda pid=p.id: self._run(self.service.deid.link_participant, ids[0], pid))
        menu.exec(self.entity_table.viewport().mapToGlobal(point))

    def _ask_replacement(self, entity_id: int) -> None:
        current = next((e.pseudonym for e in self.entities.model_.rows if e.id == entity_id), "")
        text, ok = QInputDialog.getText(self, "Replacement", "Replace every mention with:", text=current)
        if ok:
            self._run(self.service.deid.set_replacement, entity_id, text)

    def _on_mention_menu(self, point) -> None:
        mentions = self._selected_mentions()
        entity = self.current_entity()
        if not mentions or entity is None:
            return
        menu = QMenu(self)
        menu.addAction("Not This One (R: reject the mention)", self.reject_mentions)
        menu.addAction("Split Off into a New Entity", lambda: self._run(self.service.deid.split, entity, mentions))
        menu.addAction("Set Extent to the Transcript Selection", lambda: self._set_extent(mentions[0]))
        menu.exec(self.mention_table.viewport().mapToGlobal(point))

    def _set_extent(self, mention_id: int) -> None:
        selected = self.selection()
        if selected is None:
            self.error.emit("Select the mention's new extent in the transcript first.")
            return
        self._run(self.service.deid.edit_mention, mention_id, selected[1], selected[2])
