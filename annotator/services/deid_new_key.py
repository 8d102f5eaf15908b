"""When the project's key file is lost: a deliberate, audited start of a new one, so new transcripts can be
de-identified again. The pseudonyms already in the texts stay; the originals behind them were only in the lost key,
and cannot be recovered from the project, which never held them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import AnnotatorError
from annotator.deid.keyfile import KeyFile, save_key
from annotator.storage import audit
from annotator.storage import deid as store
from annotator.storage.analysis_data import set_setting

if TYPE_CHECKING:
    from annotator.services.project_service import ProjectService

CONSEQUENCES = (
    "Starting a new key file is for a lost key file only. The pseudonyms already in the transcripts stay as they "
    "are, but who they stand for was only in the lost key: that cannot be recovered, from the project or from the "
    "new key. New transcripts get new pseudonyms (the numbering goes on), so someone de-identified before and "
    "mentioned again gets a second pseudonym unless you merge them by hand. The change is recorded in the audit "
    "log. If the old key file turns up, keep it: it is still the only record of the earlier originals."
)


def earlier_pseudonyms(project: ProjectService) -> int:
    """How many applied identifiers would lose their way back to the original."""
    return len(store.entities(project.project.db, "status = 'applied'"))


def start_new_key(project: ProjectService, key: KeyFile, key_path: Path, passphrase: str | None = None) -> int:
    """Make `key` (new, saved at `key_path`) the project's key file in place of a lost one; returns how many earlier
    pseudonyms are now without their originals. Audited; not undoable (the key file is written first)."""
    recorded = project.project.setting("deid.key_id")
    if not recorded:
        raise AnnotatorError("This project has no key file yet; applying de-identification creates one.")
    if key.key_id == recorded:
        raise AnnotatorError("This is already the project's key file.")
    if key.project_guid != project.project.setting("project_guid"):
        raise AnnotatorError("This key file belongs to another project.")
    if key.entities:
        raise AnnotatorError("A new key file starts empty; this one already holds pseudonyms.")
    if Path(key_path).exists():
        raise AnnotatorError(f"{Path(key_path).name} already exists; choose a new file for the new key.")
    orphaned = earlier_pseudonyms(project)
    key.audit_anchor = audit.head(project.project.db)
    save_key(key, Path(key_path), passphrase)
    with project.project.atomic() as db:
        set_setting(db, "deid.key_id", key.key_id)
        audit.record(db, project.coder, "start a new key file", "deid", None, previous_key=recorded,
                     new_key=key.key_id, pseudonyms_without_originals=orphaned)
    return orphaned
