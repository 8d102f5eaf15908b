"""The data handling summary: one page for an ethics board or a data-protection officer saying where the project and
its key file are, whether they are encrypted, where the backups are and which still hold originals, how far
de-identification has gone, what the residual scan found, and whether the audit log checks out. Facts only: counts,
paths and dates, never a name or a passage."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.plural import counted
from annotator.deid.keyfile import KeyFile, is_encrypted

if TYPE_CHECKING:
    from annotator.services.project_service import ProjectService


@dataclass
class DataHandlingSummary:
    project: str
    sections: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)  # what a board would ask about first

    def lines(self) -> list[str]:
        out = [f"Data handling summary: {self.project}"]
        for title, rows in self.sections:
            out.append("")
            out.append(title)
            out += [f"  {item}: {value}" for item, value in rows]
        out.append("")
        out += ["To look at: " + c for c in self.concerns] or ["To look at: nothing found."]
        return out


def _local(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def _permissions(path: Path) -> str:
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return "unknown"
    if os.name == "nt":  # pragma: no cover - Windows keeps access in ACLs, not mode bits
        return "as the folder allows (Windows)"
    return "owner only (0600)" if mode & 0o077 == 0 else f"readable by others ({oct(mode)[2:]})"


def summarise(service: ProjectService, key: KeyFile | None = None, key_path: Path | None = None) -> DataHandlingSummary:
    project = service.project
    summary = DataHandlingSummary(service.name)
    size = project.path.stat().st_size if project.path.exists() else 0
    summary.sections.append(("Project file", [
        ("Where", str(project.path.resolve())),
        ("Size", f"{size / 1e6:.1f} MB"),
        ("Encryption", "encrypted at rest with a passphrase (SQLCipher 4, AES-256)" if project.encrypted else
         "not encrypted: anyone who can read the file can read the project"),
        ("Permissions", _permissions(project.path)),
    ]))
    if not project.encrypted:
        summary.concerns.append("the project file is not encrypted (annotator encrypt PROJECT).")

    recorded = project.setting("deid.key_id")
    key_rows = [("Project's key", f"key {recorded[:8]}…" if recorded else "none yet (nothing applied)")]
    if key_path is not None:
        locked = key_path.exists() and is_encrypted(key_path)
        key_rows += [("Where", str(Path(key_path).resolve())),
                     ("Locked", "with a passphrase" if locked else "no: anyone who can read it sees the originals"),
                     ("Matches the project", "yes" if key and key.key_id == recorded else "no")]
        if not locked:
            summary.concerns.append("the key file is not locked with a passphrase.")
        if key and recorded and key.key_id != recorded:
            summary.concerns.append("the key file given is not the project's.")
    else:
        key_rows.append(("Where", "not given for this summary (it is kept apart from the project)"))
    summary.sections.append(("Key file (the originals behind the pseudonyms)", key_rows))

    backups = service.backups.list()
    holding = service.backups.holding_originals()
    summary.sections.append(("Backups", [
        ("Where", str(service.backups.folder.resolve())),
        ("How many", (f"{counted(len(backups), 'backup')}; the newest {service.backups.keep} are kept, one taken every "
                      f"{service.backups.minutes:g} minutes of changes and before each risky step")),
        ("Newest", backups[0].describe if backups else "none"),
        ("Encryption", "encrypted like the project" if project.encrypted else "not encrypted"),
        ("Holding originals", counted(len(holding), "backup") + " taken before the latest de-identification"),
    ]))
    if holding:
        summary.concerns.append(f"{counted(len(holding), 'backup')} still {'holds' if len(holding) == 1 else 'hold'} "
                                "the originals (annotator backups PROJECT --remove-before-deid).")

    deid = service.deid
    by_status = {status: len(deid.entities(status)) for status in ("suggested", "accepted", "rejected", "applied")}
    applied = [e.at for e in service.audit.entries(action="apply de-identification")]
    summary.sections.append(("De-identification", [
        ("Documents", str(service.counts().get("documents", 0))),
        ("Replaced", (f"{counted(by_status['applied'], 'name, place or agency', 'names, places or agencies')} "
                      "replaced by pseudonyms")),
        ("Waiting", (f"{by_status['suggested']} suggested and not yet reviewed; {by_status['accepted']} accepted "
                     "and not yet applied")),
        ("Last applied", _local(max(applied)) if applied else "never"),
    ]))
    if by_status["suggested"] or by_status["accepted"]:
        summary.concerns.append("de-identification is not finished (suggestions to review or accepted names to apply).")

    if key is None:
        residual = "not run: it needs the key file (the originals to look for)"
    else:
        hits = [h for h in deid.residual(key) if h.known]
        residual = ("no known original is left anywhere in the project" if not hits else
                    f"{counted(len(hits), 'known original')} still in the project")
        if hits:
            summary.concerns.append("known originals remain in the project (run the residual scan).")
    summary.sections.append(("Residual scan", [("Result", residual)]))

    check = service.audit.verify([(Path(key_path).name, key)] if key is not None and key_path else [])
    anchors = [a for a in check.anchors if a.anchor]
    summary.sections.append(("Audit log", [
        ("Entries", f"{check.entries:,}"),
        ("Check", "no sign of tampering" if not check.tampered else "TAMPERING DETECTED (annotator audit PROJECT "
         "--verify)"),
        ("Anchors outside the project", f"{len(anchors)} compared (key file, backups)" if anchors else
         "none to compare: deleting the newest entries would not show"),
    ]))
    if check.tampered:
        summary.concerns.append("the audit log does not check out.")
    return summary
