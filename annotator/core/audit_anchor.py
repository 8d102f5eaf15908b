"""An anchor of the audit log: which entry was the newest (its id and hash) when something left the project — a key
file saved, a backup taken, a report written. Kept outside the project, an anchor lets a later check tell whether
the log was cut short or rewritten since: the entry must still be there, with the same hash."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"annotator-audit project=(?P<project>[\w-]*) entry=(?P<entry>\d+) sha256=(?P<hash>[0-9a-f]{64})")


@dataclass(frozen=True)
class AuditAnchor:
    project_guid: str
    entry: int
    hash: str

    def token(self) -> str:
        """One line, safe in any metadata field (a report's properties, a key file's JSON)."""
        return f"annotator-audit project={self.project_guid} entry={self.entry} sha256={self.hash}"

    def to_json(self) -> dict:
        return {"project_guid": self.project_guid, "entry": self.entry, "hash": self.hash}

    @classmethod
    def from_json(cls, data: object) -> AuditAnchor | None:
        if not isinstance(data, dict):
            return None
        try:
            return cls(str(data["project_guid"]), int(data["entry"]), str(data["hash"]))
        except (KeyError, TypeError, ValueError):
            return None

    @classmethod
    def parse(cls, text: str | None) -> AuditAnchor | None:
        """The anchor written by token() anywhere in `text`, or None."""
        match = _TOKEN.search(text or "")
        return cls(match["project"], int(match["entry"]), match["hash"]) if match else None


@dataclass(frozen=True)
class AnchorCheck:
    """What one anchor says about the log as it is now."""
    source: str  # where the anchor was found: "key file study.annotator-key", "backup of ...", "report x.docx"
    anchor: AuditAnchor | None
    status: str  # "matches", "cut short", "rewritten", "other project", "no anchor"
    detail: str = ""

    @property
    def tampered(self) -> bool:
        return self.status in ("cut short", "rewritten")
