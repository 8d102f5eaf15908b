"""The demo project: the fictional sample transcripts, imported, with their participants linked."""

from __future__ import annotations

import contextlib
import csv
import importlib.resources
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.importers import SUPPORTED_SUFFIXES
from annotator.services.importing import ImportReport
from annotator.services.project_service import ProjectService
from annotator.storage import backups
from annotator.storage.connection import remove_files
from annotator.storage.lock import holding
from annotator.storage.project_file import publish

DEMO_NAME = "Demo: peer workers in harm reduction (fictional)"


def sample_files() -> list[Path]:
    """The sample transcripts shipped with Annotator, in interview order (their file names sort that way)."""
    folder = importlib.resources.files("annotator.sample_transcripts")
    return sorted(
        Path(str(entry)) for entry in folder.iterdir()
        if entry.is_file() and Path(entry.name).suffix.lower() in SUPPORTED_SUFFIXES and entry.name != "README.md"
    )


def sample_participants_csv() -> str:
    return importlib.resources.files("annotator.sample_transcripts").joinpath("participants.csv").read_text("utf-8")


def sample_identifiers() -> list[tuple[str, str]]:
    """The demo's identifier list: every name, place, agency and number the samples' gold list marks."""
    gold = json.loads(importlib.resources.files("annotator.sample_transcripts").joinpath("identifiers.json")
                      .read_text("utf-8"))
    return sorted({(g["text"], g["type"]) for g in gold})


def demo_key_path(project: Path | str) -> Path:
    project = Path(project)
    return project.with_name(project.stem + ".annotator-key")


def build_demo(path: Path | str, progress: Callable[[int, int, str], None] | None = None, *,
               deidentify: bool = True) -> tuple[ProjectService, ImportReport]:
    """Create the demo project at `path` and return it open. De-identified by default, as a real project would be
    before analysis, with its (fictional, unlocked) key file beside it; `deidentify=False` keeps the names, for
    trying de-identification. Built whole under a hidden name and then renamed: the app opens the demo whenever it
    exists, so a build that is killed must leave nothing under its name (the next build starts afresh)."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise ProjectError(f"{path.name} already exists; choose another name or open it instead.")
    partial = path.with_name(f".{path.stem}-building{path.suffix}")
    with holding(path):  # one build of this demo at a time; the partial files below are ours to clear
        _remove_partial(partial)
        try:
            report = _build(partial, progress, deidentify)
            if demo_key_path(partial).exists():
                os.replace(demo_key_path(partial), demo_key_path(path))
            backups.move_all(partial, path)
            publish(partial, path)
        finally:
            _remove_partial(partial)
    return ProjectService.open(path, backup=False), report


def _remove_partial(partial: Path) -> None:
    remove_files(partial)
    remove_files(partial.with_name(f".{partial.name}.creating"))
    demo_key_path(partial).unlink(missing_ok=True)
    for backup in backups.list_backups(partial):
        remove_files(backup.path)
    with contextlib.suppress(OSError):
        backups.folder_for(partial).rmdir()


def _build(path: Path, progress, deidentify: bool) -> ImportReport:
    with ProjectService.create(path) as service:
        with service.project.atomic() as db:
            db.execute("UPDATE settings SET value = ? WHERE key = 'project_name'", [DEMO_NAME])
            db["settings"].insert({"key": "demo", "value": "1"}, replace=True)
        report = service.import_files(sample_files(), progress=progress)
        if report.failed:
            raise AnnotatorError("The sample transcripts did not all import: " + "; ".join(
                r.line() for r in report.results if r.status.value == "failed"))
        speakers = _link_participants(service, report)
        _build_codebook_and_code(service, speakers)
        if deidentify:  # with its own identifier list, as a researcher who knows the names would: nothing left
            key, key_path = service.deid.new_key(), demo_key_path(path)
            service.deid.set_identifiers(key, key_path, sample_identifiers())
            service.deid.detect(key)
            service.deid.accept_all(bands=("high", "medium"))  # the low band is guesses: left for a reviewer
            service.deid.apply(key, key_path)
    return report


def _link_participants(service: ProjectService, report: ImportReport) -> dict[int, str]:
    """Participants, their attributes and links from participants.csv; returns each document's participant speaker."""
    service.people.import_csv(sample_participants_csv())
    by_file = {r.path.name: r.document_id for r in report.results if r.document_id is not None}
    return {by_file[row["transcript"]]: row["speaker"]
            for row in csv.DictReader(io.StringIO(sample_participants_csv())) if row["transcript"] in by_file}


_SENTENCE = re.compile(r"[^.!?\n]+[.!?\"]*")


def _build_codebook_and_code(service: ProjectService, participant_speakers: dict[int, str]) -> None:
    """The study's themes as a codebook, and codings made by its 'auto' word lists on the participants' turns."""
    spec = json.loads(importlib.resources.files("annotator.sample_transcripts").joinpath("demo_codebook.json")
                      .read_text("utf-8"))
    rules: list[tuple[int, str, re.Pattern[str]]] = []
    code_ids: dict[str, int] = {}

    def add(node: dict, parent: int | None) -> None:
        fields = {k: node[k] for k in ("description", "when_to_use", "when_not_to_use", "example") if k in node}
        code_id = service.codebook.add_code(node["name"], parent, node.get("colour"), **fields)
        code_ids[node["name"]] = code_id
        if "auto" in node:
            words = "|".join(re.escape(w) for w in node["auto"]["words"])
            rules.append((code_id, node["auto"]["unit"], re.compile(rf"\b(?:{words})", re.IGNORECASE)))
        for child in node.get("children", ()):
            add(child, code_id)

    with service.project.atomic():  # one transaction for the whole demo codebook: fast, and all or nothing
        for node in spec["codes"]:
            add(node, None)
        for document_id, speaker in participant_speakers.items():
            text = service.document_text(document_id)
            for turn in service.speaker_turns(document_id):
                if turn.speaker != speaker:
                    continue
                speech = text[turn.text_start:turn.end]
                for code_id, unit, pattern in rules:
                    if unit == "turn":
                        if pattern.search(speech):
                            service.codings.code_passage(document_id, code_id, turn.text_start, turn.end)
                        continue
                    for sentence in _SENTENCE.finditer(speech):
                        if pattern.search(sentence.group()):
                            service.codings.code_passage(document_id, code_id, turn.text_start + sentence.start(),
                                                         turn.text_start + sentence.end())
        memos = spec.get("memos", {})
        if "project" in memos:
            service.codings.add_memo("project", memos["project"]["body"], title=memos["project"]["title"])
        for name, body in memos.get("codes", {}).items():
            service.codings.add_memo("code", body, code_id=code_ids[name])
