"""The speakers of the open document, with the participant each is mapped to."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QInputDialog, QMenu, QTreeWidget, QTreeWidgetItem

from annotator.core.errors import AnnotatorError
from annotator.core.ids import DocumentId
from annotator.services.project_service import ProjectService

_NOBODY = "(not a participant)"
_NEW = "New participant…"


class SpeakersPanel(QTreeWidget):
    error = Signal(str)
    status = Signal(str)

    def __init__(self, service: ProjectService, parent=None):
        super().__init__(parent)
        self.service = service
        self.document_id: DocumentId | None = None
        self.setObjectName("speakersPanel")
        self.setHeaderLabels(["Speaker", "Turns", "Participant"])
        self.setRootIsDecorated(False)
        self.setToolTip("Double-click (or Enter) a speaker to say which participant they are")
        self.itemActivated.connect(lambda item, _column: self._on_map(item))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_context_menu)

    def show_document(self, document_id: DocumentId | None) -> None:
        self.document_id = document_id
        self.clear()
        if document_id is None:
            return
        for speaker in self.service.speakers(document_id):
            item = QTreeWidgetItem([speaker.label, str(speaker.turn_count), speaker.participant or ""])
            item.setData(0, Qt.ItemDataRole.UserRole, speaker.label)
            self.addTopLevelItem(item)
        for column in range(3):
            self.resizeColumnToContents(column)

    def _on_context_menu(self, point) -> None:
        item = self.itemAt(point)
        if item is None:
            return
        menu = QMenu(self)
        menu.addAction("Map to participant…", lambda: self._on_map(item))
        menu.exec(self.viewport().mapToGlobal(point))

    def _on_map(self, item: QTreeWidgetItem) -> None:
        if self.document_id is None:
            return
        label = item.data(0, Qt.ItemDataRole.UserRole)
        participants = self.service.participants()
        choices = [_NOBODY, *(p.name for p in participants), _NEW]
        current = item.text(2) or _NOBODY
        choice, ok = QInputDialog.getItem(self, "Map speaker", f"Who is the speaker '{label}'?", choices,
                                          choices.index(current) if current in choices else 0, False)
        if not ok:
            return
        try:
            if choice == _NEW:
                name, ok = QInputDialog.getText(self, "New participant", "Participant name or pseudonym:")
                if not ok or not name.strip():
                    return
                participant_id = self.service.add_participant(name)
            elif choice == _NOBODY:
                participant_id = None
            else:
                participant_id = next(p.id for p in participants if p.name == choice)
            links = self.service.links_document_on_map(self.document_id, participant_id)
            self.service.map_speaker(self.document_id, label, participant_id)
        except AnnotatorError as exc:
            self.error.emit(str(exc))
            return
        if participant_id is None:
            self.status.emit(f"{label} is not a participant.")
        else:
            name = choice if choice != _NEW else name.strip()
            self.status.emit(f"{label} is {name}" + ("; this interview is now linked to them too." if links else "."))
