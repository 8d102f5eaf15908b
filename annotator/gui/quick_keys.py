"""Which code each number key 1-9 codes with. A key keeps its code until the researcher changes it (a key whose
number moved after every coding miscoded a passage); a code used while a key is free takes the lowest free key
when the preference says so. Kept in the project by code GUID, so undoing a code's deletion brings its key back."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from annotator.core.ids import CodeId
from annotator.services.project_service import ProjectService

KEYS = range(1, 10)
AUTO_FILL_SETTING = "coding/auto_number_keys"


def auto_fill_enabled() -> bool:
    return QSettings().value(AUTO_FILL_SETTING, True, type=bool)


class QuickKeys:
    def __init__(self, service: ProjectService):
        self.service = service
        try:
            stored = json.loads(service.ui_state("quick_keys", "{}") or "{}")
        except ValueError:  # a hand-edited or damaged value: start with free keys rather than fail
            stored = {}
        self._guids: dict[int, str] = {int(k): v for k, v in stored.items() if str(k).isdigit() and int(k) in KEYS}

    def _save(self) -> None:
        self.service.set_ui_state("quick_keys", json.dumps({str(k): v for k, v in sorted(self._guids.items())}))

    def _ids_by_guid(self) -> dict[str, CodeId]:
        book = self.service.codebook.codebook
        return {code.guid: code.id for code in book.codes.values()}

    def pinned(self) -> dict[int, CodeId]:
        """Number -> code, for the codes still in the codebook."""
        ids = self._ids_by_guid()
        return {number: ids[guid] for number, guid in sorted(self._guids.items()) if guid in ids}

    def number_of(self) -> dict[CodeId, int]:
        return {code_id: number for number, code_id in self.pinned().items()}

    def code_for(self, number: int) -> CodeId | None:
        return self.pinned().get(number)

    def pin(self, code_id: CodeId, number: int) -> None:
        """Give the code this key (taking it from the code that had it, and freeing the code's old key)."""
        guid = self.service.codebook.codebook[code_id].guid
        self._guids = {n: g for n, g in self._guids.items() if g != guid}
        self._guids[number] = guid
        self._save()

    def unpin(self, number: int) -> None:
        if self._guids.pop(number, None) is not None:
            self._save()

    def fill_free(self, code_id: CodeId) -> bool:
        """A code just used takes the lowest free key, if it has none and the preference allows; True if it did."""
        if not auto_fill_enabled() or code_id in self.number_of():
            return False
        taken = set(self.pinned())
        free = [n for n in KEYS if n not in taken]
        if not free:
            return False
        self.pin(code_id, free[0])
        return True
