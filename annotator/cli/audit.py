"""`annotator audit PROJECT`: the audit log's entries (filtered by coder, action and dates; as text, JSON or CSV),
and with --verify a check of the log against the anchors kept outside the project (key files, backups, reports)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from annotator.cli.deid import _passphrase, _passphrase_option
from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted
from annotator.deid.keyfile import is_encrypted, load_key
from annotator.services.audit_service import describe_details
from annotator.services.project_service import ProjectService


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (write it as 2026-12-01)") from None


def add_audit_commands(sub) -> None:
    p = sub.add_parser("audit", help="the audit log: who did what and when; --verify checks it for tampering",
                       description="Lists the project's audit log, newest first. With --verify, checks the hash "
                       "chain, the append-only triggers and the first entry, and compares the log with the anchors "
                       "kept outside the project: every backup, and the key files and reports given. Exits 1 if "
                       "tampering is found.")
    p.add_argument("project", type=Path)
    p.add_argument("--verify", action="store_true", help="check the log for tampering")
    p.add_argument("--key", type=Path, action="append", default=[], metavar="KEY",
                   help="with --verify: a key file of the project (its anchor is checked); repeat for more")
    p.add_argument("--report", type=Path, action="append", default=[], metavar="FILE",
                   help="with --verify: a .docx or .xlsx report written from the project; repeat for more")
    p.add_argument("--coder", help="only this coder's entries")
    p.add_argument("--action", help="only this action (e.g. 'apply de-identification')")
    p.add_argument("--since", type=_day, metavar="DATE", help="only entries on or after this day (2026-12-01)")
    p.add_argument("--until", type=_day, metavar="DATE", help="only entries on or before this day")
    p.add_argument("--csv", type=Path, metavar="OUT", help="write the entries shown to a CSV file")
    p.add_argument("--json", action="store_true")
    _passphrase_option(p)
    p.set_defaults(handler=audit_command)


def audit_command(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        if args.verify:
            return _verify(args, service)
        if args.key or args.report:
            raise AnnotatorError("--key and --report are checked with --verify.")
        entries = service.audit.entries(coder=args.coder, action=args.action, since=args.since, until=args.until)
        if args.csv:
            service.audit.export_csv(args.csv, entries)
    if args.json:
        print(json.dumps([{"entry": e.id, "at": e.at, "coder": e.coder, "action": e.action, "target": e.target_type,
                           "target_id": e.target_id, "details": e.details} for e in entries], indent=1))
        return 0
    if not args.csv:
        for e in entries:
            target = f" {e.target_type} {e.target_id}" if e.target_id is not None else ""
            details = describe_details(e.details)
            print(f"{e.id:>5}  {e.at[:19].replace('T', ' ')}  {e.coder:<14} {e.action}{target}"
                  + (f"  ({details})" if details else ""))
    print(counted(len(entries), "entry", "entries") + (f" written to {args.csv}" if args.csv else ""))
    return 0


def _verify(args: argparse.Namespace, service: ProjectService) -> int:
    keys = []
    for path in args.key:
        passphrase = _passphrase(args, new_key=False) if path.is_file() and is_encrypted(path) else None
        keys.append((path.name, load_key(path, passphrase)))
    check = service.audit.verify(keys, args.report)
    if args.json:
        print(json.dumps({"tampered": check.tampered, "entries": check.entries, "chain_break": check.chain_break,
                          "starts_at_creation": check.starts_at_creation, "missing_triggers": check.missing_triggers,
                          "anchors": [{"source": a.source, "status": a.status, "detail": a.detail,
                                       "entry": a.anchor.entry if a.anchor else None} for a in check.anchors]},
                         indent=1))
    else:
        print("\n".join(check.lines()))
    return 1 if check.tampered else 0
