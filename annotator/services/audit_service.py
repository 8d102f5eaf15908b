"""The audit log for people who check it (an ethics board, a data-protection officer): its entries filtered by coder,
action and date, exported as CSV, and a check of the whole log — the hash chain, the append-only triggers, its
first entry, and every anchor kept outside the project (the key file, each backup, reports handed out)."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from annotator.core.audit_anchor import AnchorCheck, AuditAnchor
from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted
from annotator.deid.keyfile import KeyFile
from annotator.services.part import ServicePart
from annotator.storage import audit
from annotator.storage.audit import AuditEntry
from annotator.storage.backups import list_backups

CSV_COLUMNS = ("entry", "time (UTC)", "coder", "action", "target", "target id", "details")


@dataclass
class AuditCheck:
    entries: int
    chain_break: int | None  # the first entry whose hash does not follow from the one before
    starts_at_creation: bool
    missing_triggers: list[str]
    anchors: list[AnchorCheck] = field(default_factory=list)

    @property
    def tampered(self) -> bool:
        return (self.chain_break is not None or not self.starts_at_creation or bool(self.missing_triggers)
                or any(a.tampered for a in self.anchors))

    def lines(self) -> list[str]:
        """What was checked and found, one line each: for the command line, the viewer and the summary report."""
        out = [f"{counted(self.entries, 'entry', 'entries')} in the audit log."]
        out.append("Hash chain: intact." if self.chain_break is None else
                   f"Hash chain: BROKEN at entry {self.chain_break} (it, or one before it, was changed).")
        out.append("First entry: the project's creation." if self.starts_at_creation else
                   "First entry: MISSING (the log does not begin with the project's creation: entries were deleted).")
        out.append("Append-only triggers: in place." if not self.missing_triggers else
                   f"Append-only triggers: REMOVED OR CHANGED ({', '.join(self.missing_triggers)}).")
        for check in self.anchors:
            mark = check.status.upper() if check.tampered else check.status
            out.append(f"Anchor in {check.source}: {mark}" + (f" ({check.detail})." if check.detail else "."))
        if not any(a.anchor for a in self.anchors):
            out.append("No anchor outside the project was checked: deleting the newest entries, or rewriting the "
                       "whole log, would not show.")
        out.append("Verdict: " + ("TAMPERING DETECTED." if self.tampered else "no sign of tampering found."))
        return out


def _utc(day: date) -> str:
    """The UTC time at which a local calendar day starts, as the log stores times."""
    return datetime.combine(day, time()).astimezone(UTC).isoformat(timespec="microseconds")


def describe_details(details: dict) -> str:
    """'entities=3; mentions=12': the log's details are counts and ids, never text."""
    return "; ".join(f"{k.replace('_', ' ')}={v}" for k, v in sorted(details.items()))


class AuditService(ServicePart):
    def entries(self, *, coder: str | None = None, action: str | None = None, since: date | None = None,
                until: date | None = None) -> list[AuditEntry]:
        """Newest first; `since` and `until` are local calendar days, both included."""
        return audit.entries(self._db, coder=coder, action=action, since=_utc(since) if since else None,
                             until=_utc(until + timedelta(days=1)) if until else None)

    def coders(self) -> list[str]:
        return audit.distinct(self._db, "coder")

    def actions(self) -> list[str]:
        return audit.distinct(self._db, "action")

    @staticmethod
    def counts(entries: Sequence[AuditEntry]) -> Counter:
        """How many of each action."""
        return Counter(e.action for e in entries)

    def head(self) -> AuditAnchor | None:
        return audit.head(self._db)

    def export_csv(self, path: Path | str, entries: Sequence[AuditEntry]) -> int:
        """The entries as CSV (UTF-8 with BOM, for Excel), oldest first; returns how many."""
        path = Path(path)
        if path.suffix.lower() != ".csv":
            raise AnnotatorError(f"The audit log is exported as .csv, not '{path.suffix or 'no extension'}'.")
        with path.open("w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f)
            writer.writerow(CSV_COLUMNS)
            for e in sorted(entries, key=lambda e: e.id):
                writer.writerow([e.id, e.at, e.coder, e.action, e.target_type, "" if e.target_id is None else e.target_id,
                                 describe_details(e.details)])
        return len(entries)

    def verify(self, keys: Sequence[tuple[str, KeyFile]] = (), reports: Sequence[Path | str] = (), *,
               backups: bool = True) -> AuditCheck:
        """Check the log; `keys` are (name, key file) pairs, `reports` .docx or .xlsx files written by Annotator;
        every backup of the project is checked too unless `backups` is False."""
        db = self._db
        check = AuditCheck(len(audit.entries(db)), audit.verify(db), audit.starts_at_creation(db),
                           audit.missing_triggers(db))
        restores = [(e.at, int(e.details.get("replaced_entries") or 0))
                    for e in audit.entries(db, action="restore from backup")]
        for name, key in keys:
            check.anchors.append(audit.check(db, key.audit_anchor, f"key file {name}"))
        if backups:
            for backup in list_backups(self._project.path):
                anchor = audit.head_of_file(backup.path, self._project.project.passphrase)
                check.anchors.append(audit.check(db, anchor, f"backup of {backup.describe.strip()}")
                                     if anchor else AnchorCheck(f"backup of {backup.describe.strip()}", None,
                                                                "no anchor", "it could not be read"))
        for report in reports:
            from annotator.reports.anchor import properties_text

            report = Path(report)
            if not report.is_file():
                raise AnnotatorError(f"There is no report at {report}.")
            anchor = AuditAnchor.parse(properties_text(report))
            check.anchors.append(audit.check(db, anchor, f"report {report.name}") if anchor else
                                 AnchorCheck(f"report {report.name}", None, "no anchor",
                                             "it carries no anchor (not written by this version of Annotator?)"))
        check.anchors = [_before_restore(c, restores) for c in check.anchors]
        return check


def _before_restore(check: AnchorCheck, restores: list[tuple[str, int]]) -> AnchorCheck:
    """An anchor taken from a log that a restore then replaced (a backup newer than the one restored, a key saved
    since) no longer matches: said as such, not as tampering."""
    if not check.tampered:
        return check
    replacing = [at for at, replaced in restores if replaced >= check.anchor.entry]
    if not replacing:
        return check
    when = datetime.fromisoformat(min(replacing)).astimezone().strftime("%Y-%m-%d %H:%M")
    return AnchorCheck(check.source, check.anchor, "before a restore",
                       f"{check.detail}; the log was restored from a backup on {when}, replacing entries up to "
                       f"{max(r for _, r in restores)}, so this anchor is from the log before that")
