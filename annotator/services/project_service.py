"""The one API the GUI and the CLI call: open a project, import, inspect, map speakers, undo and redo.

Every call that changes something returns (and announces to subscribers) the Changes it made.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from annotator.core.changes import Changes
from annotator.core.commands import Command, CompoundCommand, UndoHistory
from annotator.core.errors import AnnotatorError
from annotator.core.ids import CoderId, DocumentId, ParticipantId
from annotator.core.transcript import SpeakerTurn
from annotator.deid.keyfile import remove_stale_temporaries
from annotator.importers import DEFAULT_LIMITS, ImportLimits
from annotator.services import passphrases
from annotator.services.agreement_service import AgreementService
from annotator.services.analysis_service import AnalysisService
from annotator.services.audit_service import AuditService
from annotator.services.backup_service import BackupService
from annotator.services.codebook_service import CodebookService
from annotator.services.coding_service import CodingService
from annotator.services.commands import (
    AddParticipant,
    LinkDocument,
    MapSpeaker,
    RemoveParticipant,
    Session,
)
from annotator.services.deid_service import DeidService
from annotator.services.exchange_service import ExchangeService
from annotator.services.importing import ImportReport, Progress, import_files
from annotator.services.participant_service import ParticipantService
from annotator.services.report_service import ReportService
from annotator.services.retrieval_service import RetrievalService
from annotator.storage import audit, documents, people, project_file
from annotator.storage import backups as backup_store
from annotator.storage.documents import DocumentSummary, Speaker
from annotator.storage.people import Participant
from annotator.storage.project_file import ProjectFile, create_project, open_project

Listener = Callable[[Changes], None]
# From this size a project opened by the GUI is quick-checked on a thread (reading every page took 0.1 s of the
# window's opening on a team's 60 MB project); a study's few megabytes are checked before anything else.
CHECK_LATER_FROM = 8 << 20


def _size(path: Path | str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def default_coder() -> str:
    try:
        return getpass.getuser() or "researcher"
    except Exception:  # no user name in this environment (some containers)
        return "researcher"


class ProjectService:
    def __init__(self, project: ProjectFile, coder: str | None = None):
        self.project = project
        self.coder = coder or default_coder()
        self.history = UndoHistory()
        self._listeners: list[Listener] = []
        self.coder_id: CoderId | None = None
        self.backup_pending = False  # opened with backup="later": its opening backup is the caller's to start
        if not project.readonly:
            with project.atomic() as db:
                self.coder_id = people.ensure_coder(db, self.coder)
        # The parts of the API, each over the same project, history and change notices.
        self.codebook = CodebookService(self)
        self.codings = CodingService(self)
        self.retrieval = RetrievalService(self)
        self.deid = DeidService(self)
        self.people = ParticipantService(self)
        self.reports = ReportService(self)
        self.exchange = ExchangeService(self)
        self.agreement = AgreementService(self)
        self.analysis = AnalysisService(self)
        self.backups = BackupService(self)
        self.audit = AuditService(self)

    # ----------------------------------------------------------------------------------------------- lifecycle
    @classmethod
    def create(cls, path: Path | str, coder: str | None = None, *, passphrase: str | None = None) -> ProjectService:
        """A new project; encrypted (SQLCipher) with `passphrase` when one is given."""
        coder = coder or default_coder()
        return cls(create_project(path, passphrase=passphrase, coder=coder), coder)

    @classmethod
    def open(cls, path: Path | str, coder: str | None = None, *, readonly: bool = False,
             passphrase: str | None = None, backup: bool | str = True) -> ProjectService:
        """Open a project; an encrypted one's passphrase, unless given, comes from the front end's source (see
        services/passphrases.py). Opened for writing, it is backed up first; with `backup="later"` the caller takes
        that backup (`backups.on_open_in_background()`, as the GUI does once its window is up; `backup_pending`
        says so); with False, none is taken."""
        remove_stale_temporaries(Path(path).parent)  # a key file saved beside it by a process that was killed
        if passphrase is None and project_file.needs_passphrase(path):
            passphrase = passphrases.ask(Path(path))
        # (Asked before opening: opening itself touches the file and its WAL.)
        backed_up = backup_store.newest_is_current(Path(path))
        # A big project is checked page by page on the opening backup's thread, not before its window shows.
        later = backup == "later" and not readonly and _size(path) >= CHECK_LATER_FROM
        service = cls(open_project(path, readonly=readonly, passphrase=passphrase, check=not later), coder)
        service.backups.unchanged_since_backup, service.backups.check_pending = backed_up, later
        try:
            if backup == "later":
                service.backup_pending = not readonly
            elif backup:
                service.backups.on_open()
        except BaseException:
            service.close()
            raise
        return service

    def close(self) -> None:
        if not self.project.closed:
            self.project.close()
            self.backups.closed()

    @property
    def closed(self) -> bool:
        """True once the project is closed: work a view queued before then must not run."""
        return self.project.closed

    def __enter__(self) -> ProjectService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def peek_name(path: Path | str) -> str | None:
        """The name of a project file, without opening it."""
        return project_file.peek_name(path)

    @property
    def path(self) -> Path:
        return self.project.path

    @property
    def name(self) -> str:
        return self.project.setting("project_name") or self.project.path.stem

    def set_coder(self, name: str) -> None:
        """Code from now on under this name (the researcher's own, from the preferences)."""
        name = " ".join(name.split())
        if not name:
            raise AnnotatorError("A coder needs a name.")
        if name == self.coder:
            return
        if not self.project.readonly:
            with self.project.atomic() as db:
                self.coder_id = people.ensure_coder(db, name)
        self.coder = name

    # ------------------------------------------------------------------------------------------------- changes
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def announce(self, changes: Changes) -> Changes:
        if changes:
            for listener in list(self._listeners):
                listener(changes)
            self.backups.after_change()
        return changes

    # ---------------------------------------------------------------------------------------------------- undo
    def _session(self) -> Session:
        return Session(self.project, self.coder, self.coder_id)

    def _run(self, command: Command) -> tuple[Command, Changes]:
        return command.apply(self._session())

    def execute(self, command: Command) -> Changes:
        """Run one user action and make it undoable."""
        if self.project.readonly:
            raise AnnotatorError("This project is open read-only; changes cannot be saved.")
        inverse, changes = self._run(command)
        self.history.record(command.name, inverse)
        return self.announce(changes)

    def undo(self) -> Changes:
        return self.announce(self.history.undo(self._run))

    def redo(self) -> Changes:
        return self.announce(self.history.redo(self._run))

    # -------------------------------------------------------------------------------------------------- import
    def import_files(
        self,
        paths: Sequence[Path | str],
        *,
        limits: ImportLimits = DEFAULT_LIMITS,
        progress: Progress | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        report = import_files(self.project, [Path(p) for p in paths], self.coder, limits=limits,
                              progress=progress, is_cancelled=is_cancelled)
        self.announce(report.changes)
        return report

    # ---------------------------------------------------------------------------------------------- documents
    def documents(self, document_ids: Sequence[DocumentId] | None = None, *, shares: bool = True
                  ) -> list[DocumentSummary]:
        """Every document (or these), with its counts and share coded (unless `shares` is False: then None), in
        interview order."""
        return documents.list_documents(self.project.db, document_ids, shares=shares)

    def document_text(self, document_id: DocumentId) -> str:
        return documents.document_text(self.project.db, document_id)

    def speaker_turns(self, document_id: DocumentId) -> list[SpeakerTurn]:
        return documents.speaker_turns(self.project.db, document_id)

    def speakers(self, document_id: DocumentId) -> list[Speaker]:
        return documents.speakers(self.project.db, document_id)

    # ------------------------------------------------------------------------------------------- participants
    def participants(self) -> list[Participant]:
        return people.list_participants(self.project.db)

    def add_participant(self, name: str) -> ParticipantId:
        name = name.strip()
        if not name:
            raise AnnotatorError("A participant needs a name or pseudonym.")
        if people.participant_by_name(self.project.db, name) is not None:
            raise AnnotatorError(f"There is already a participant called {name}.")
        command = AddParticipant(name, f"Add participant {name}")
        self.execute(command)
        assert command.created_id is not None
        return command.created_id

    def remove_participant(self, participant_id: ParticipantId) -> Changes:
        match = [p for p in self.participants() if p.id == participant_id]
        if not match:
            raise AnnotatorError("That participant is no longer in the project.")
        return self.execute(RemoveParticipant(participant_id, match[0].name, f"Remove participant {match[0].name}"))

    def map_speaker(self, document_id: DocumentId, label: str, participant_id: ParticipantId | None) -> Changes:
        """Say who a speaker is. A document not yet linked to anyone becomes that participant's interview in the
        same step (one undo undoes both); see `links_document_on_map`."""
        if label not in {s.label for s in self.speakers(document_id)}:
            raise AnnotatorError(f"That document has no speaker labelled {label!r}.")
        mapping = MapSpeaker(document_id, label, participant_id, f"Map speaker {label}")
        if self.links_document_on_map(document_id, participant_id):
            return self.execute(CompoundCommand(f"Map speaker {label} and link the interview",
                                                [mapping, LinkDocument(document_id, participant_id)]))
        return self.execute(mapping)

    def links_document_on_map(self, document_id: DocumentId, participant_id: ParticipantId | None) -> bool:
        """Whether mapping a speaker to this participant also makes the document their interview."""
        return participant_id is not None and documents.document_participant(self.project.db, document_id) is None

    def link_document(self, document_id: DocumentId, participant_id: ParticipantId | None) -> Changes:
        if participant_id is not None and participant_id not in {p.id for p in self.participants()}:
            raise AnnotatorError("That participant is no longer in the project.")
        return self.execute(LinkDocument(document_id, participant_id))

    # ------------------------------------------------------------------------------------------------ ui state
    def ui_state(self, key: str, default: str | None = None) -> str | None:
        """Where the researcher left off (last document, scroll position): kept in the project, not audited."""
        return self.project.setting(f"ui.{key}", default)

    def set_ui_state(self, key: str, value: str) -> None:
        if self.project.readonly:
            return
        with self.project.atomic() as db:
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [f"ui.{key}", value])

    # ---------------------------------------------------------------------------------------------------- info
    def counts(self) -> dict[str, int]:
        """How many documents, turns, participants, codes, codings, memos and coders: cheap, for status lines."""
        return documents.counts(self.project.db)

    def info(self) -> dict[str, Any]:
        """The counts, plus a check of the whole audit log (which hashes every entry: not for hot paths; anchors
        outside the project are checked by `audit.verify`)."""
        counts = self.counts()
        db = self.project.db
        return {
            "name": self.name,
            "path": str(self.project.path),
            "schema_version": self.project.schema_version,
            **counts,
            "audit_log_intact": audit.verify(db) is None and audit.starts_at_creation(db)
            and not audit.missing_triggers(db),
        }
