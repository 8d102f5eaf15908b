"""`annotator deid ...`: scan files, detect in a project, list and filter the suggestions, accept or reject them
(by confidence band and type, or one by one), apply with a key file, and scan for residual identifiers.

Passphrases come from --passphrase-env (the name of an environment variable) or, at a terminal, a prompt; they are
never taken as a plain argument, which would leave them in the shell history.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted
from annotator.deid.candidates import BANDS as BAND_FLOORS
from annotator.deid.candidates import TYPES
from annotator.deid.detection import detect, propagate
from annotator.deid.identifier_list import read_identifier_csv
from annotator.deid.keyfile import is_encrypted, load_key
from annotator.services.deid_new_key import CONSEQUENCES, start_new_key
from annotator.services.project_service import ProjectService

PASSPHRASE_VARIABLE = "ANNOTATOR_KEY_PASSPHRASE"
BANDS = tuple(name for name, _ in BAND_FLOORS)
STATUSES = ("suggested", "accepted", "rejected", "applied")


def add_deid_commands(sub) -> None:
    deid = sub.add_parser("deid", help="find, review and replace names, places and agencies",
                          description="De-identification. The key file (originals and pseudonyms) is kept apart from "
                          "the project and can be locked with a passphrase.")
    commands = deid.add_subparsers(dest="deid_command", metavar="ACTION", required=True)

    p = commands.add_parser("scan", help="detect identifiers in plain UTF-8 text files (no project needed)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=scan)

    p = commands.add_parser("detect", help="suggest identifiers across a project's documents")
    p.add_argument("project", type=Path)
    p.add_argument("--key", type=Path, help="a key file whose identifier list to use")
    _passphrase_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=detect_command)

    p = commands.add_parser("list", help="the entities to review (or decided), with confidence, reasons and the "
                            "pseudonym each will get")
    p.add_argument("project", type=Path)
    _filter_options(p, status=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_command)

    p = commands.add_parser("accept", help="accept suggestions: all, of confidence bands and a type, or by id")
    p.add_argument("project", type=Path)
    _filter_options(p)
    p.add_argument("--id", dest="ids", type=int, action="append", default=[], metavar="ID",
                   help="an entity's id (from deid list); repeat for more")
    p.set_defaults(handler=lambda args: decide_command(args, "accept"))

    p = commands.add_parser("reject", help="reject suggestions by id (not identifiers)")
    p.add_argument("project", type=Path)
    p.add_argument("--id", dest="ids", type=int, action="append", required=True, metavar="ID")
    p.set_defaults(handler=lambda args: decide_command(args, "reject"))

    p = commands.add_parser("apply", help="replace accepted identifiers by pseudonyms; originals go to the key file")
    p.add_argument("project", type=Path)
    p.add_argument("--key", type=Path, required=True, help="the key file (created if it does not exist)")
    p.add_argument("--accept-all", action="store_true", help="accept every suggestion first")
    p.add_argument("--accept-band", dest="accept_bands", action="append", choices=BANDS, default=[],
                   help="accept every suggestion of this confidence band first; repeat for more")
    _passphrase_option(p)
    p.set_defaults(handler=apply_command)

    p = commands.add_parser("identifiers", help="show or set the project's identifier list (kept in the key file)",
                            description="Names the researcher knows must go (participants, staff, agencies): they "
                            "always win over detection. Kept in the key file, never in the project.")
    p.add_argument("project", type=Path)
    p.add_argument("--key", type=Path, required=True, help="the key file (created if it does not exist)")
    p.add_argument("--import", dest="import_csv", type=Path, metavar="CSV",
                   help="replace the list with a CSV (columns: text or name, and optionally type)")
    p.add_argument("--add", action="append", default=[], metavar="TEXT=TYPE", help="add one entry, e.g. 'Jen=PERSON'")
    _passphrase_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=identifiers_command)

    p = commands.add_parser("residual", help="list known identifiers (from the key) still in the project; exit 1 if any")
    p.add_argument("project", type=Path)
    p.add_argument("--key", type=Path, required=True)
    p.add_argument("--unknown", action="store_true", help="also what still looks like an identifier (capitalised "
                   "words that are not common English, numbers in identifier formats, gazetteer places, streets); "
                   "exit 1 if anything is listed")
    _passphrase_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=residual_command)

    p = commands.add_parser("new-key", help="start a new key file when the project's is lost (audited; the earlier "
                            "originals stay lost)", description=CONSEQUENCES)
    p.add_argument("project", type=Path)
    p.add_argument("--key", type=Path, required=True, help="the new key file (it must not exist yet)")
    p.add_argument("--confirm", action="store_true", help="you have read the above (without it nothing changes)")
    _passphrase_option(p)
    p.set_defaults(handler=new_key_command)


def _filter_options(p, status: bool = False) -> None:
    if status:
        p.add_argument("--status", choices=STATUSES, help="only entities with this decision (default: all)")
    p.add_argument("--type", dest="kind", type=str.upper, choices=TYPES, help="only this type")
    p.add_argument("--band", dest="bands", action="append", choices=BANDS, default=[],
                   help="only this confidence band; repeat for more")
    p.add_argument("--document", help="only entities mentioned in this document (its name)")


def _filtered(args, service: ProjectService):
    document_id = None
    if args.document:
        document_id = next((d.id for d in service.documents(shares=False) if d.name == args.document), None)
        if document_id is None:
            raise AnnotatorError(f"There is no document called {args.document!r} in the project.")
    return service.deid.entities(getattr(args, "status", None), kind=args.kind, bands=tuple(args.bands) or None,
                                 document_id=document_id)


def list_command(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        entities = _filtered(args, service)
        names = {d.id: d.name for d in service.documents(shares=False)}
    if args.json:
        print(json.dumps([{"id": e.id, "type": e.type, "text": e.label, "status": e.status, "pseudonym": e.pseudonym,
                           "confidence": round(e.confidence, 3), "band": e.band, "reasons": list(e.reasons),
                           "mentions": e.mentions, "documents": [names[d] for d in e.document_ids if d in names]}
                          for e in entities], ensure_ascii=False, indent=1))
        return 0
    for e in entities:
        print(f"{e.id:>5}  {e.status:<9} {e.band:<6} {e.confidence:.2f}  {e.type:<7} {e.pseudonym:<18} "
              f"{e.label or '(applied)'}  ({counted(e.mentions, 'mention')}; {'; '.join(e.reasons) or '-'})")
    print(counted(len(entities), "entity", "entities"))
    return 0


def decide_command(args: argparse.Namespace, decision: str) -> int:
    with ProjectService.open(args.project) as service:
        if decision == "reject" or args.ids:
            known = {e.id: e for e in service.deid.entities()}
            missing = [i for i in args.ids if i not in known]
            if missing:
                raise AnnotatorError(f"No entity has the id {missing[0]} (see: annotator deid list).")
            ids = [i for i in args.ids if known[i].status != "applied"]
            (service.deid.accept if decision == "accept" else service.deid.reject)(ids)
            count = len(ids)
        elif args.document:
            ids = [e.id for e in _filtered(args, service) if e.status == "suggested"]
            service.deid.accept(ids)
            count = len(ids)
        else:
            count = service.deid.accept_all(args.kind, tuple(args.bands) or None)
        left = len(service.deid.entities("suggested"))
    print(f"{'Accepted' if decision == 'accept' else 'Rejected'} {counted(count, 'entity', 'entities')}; "
          f"{left} left to review.")
    return 0


def _passphrase_option(p) -> None:
    p.add_argument("--passphrase-env", metavar="VARIABLE", default=PASSPHRASE_VARIABLE,
                   help=f"environment variable holding the key's passphrase (default {PASSPHRASE_VARIABLE})")


def _passphrase(args, *, new_key: bool) -> str | None:
    value = os.environ.get(args.passphrase_env)
    if value:
        return value
    if not sys.stdin.isatty():
        return None
    value = getpass.getpass("Key file passphrase (empty for none): ")
    if new_key and value and getpass.getpass("Repeat the passphrase: ") != value:
        raise AnnotatorError("The passphrases did not match.")
    return value or None


def _open_key(args, service: ProjectService, *, create: bool):
    if args.key is None:
        return None, None
    if not args.key.exists():
        if not create:
            raise AnnotatorError(f"There is no key file at {args.key}.")
        passphrase = _passphrase(args, new_key=True)
        if passphrase is None:
            print("annotator: warning: the new key file is not locked with a passphrase; anyone who can read it "
                  "can see the originals.", file=sys.stderr)
        return service.deid.new_key(), passphrase
    passphrase = _passphrase(args, new_key=False) if is_encrypted(args.key) else None
    return load_key(args.key, passphrase), passphrase


def scan(args: argparse.Namespace) -> int:
    results = []
    for path in args.files:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise AnnotatorError(f"{path.name} could not be read as UTF-8 text ({type(exc).__name__}).") from exc
        found = detect(text)
        found = sorted(found + propagate(text, {(c.text, c.type) for c in found}, found))
        results.append({"file": str(path), "spans": [
            {"start": c.start, "end": c.end, "text": c.text, "type": c.type, "reason": c.reason} for c in found]})
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        for result in results:
            print(f"{result['file']}: {counted(len(result['spans']), 'identifier')}")
            for span in result["spans"]:
                print(f"  {span['start']}-{span['end']}  {span['type']:<7} {span['text']}")
    return 0


def detect_command(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project) as service:
        key, _ = _open_key(args, service, create=False)
        found = service.deid.detect(key)
        entities = service.deid.entities()
    if args.json:
        print(json.dumps({"new_mentions": found, "entities": [
            {"id": e.id, "type": e.type, "text": e.label, "status": e.status, "pseudonym": e.pseudonym,
             "mentions": e.mentions, "documents": e.documents} for e in entities if e.status != "applied"]},
            ensure_ascii=False, indent=1))
    else:
        pending = [e for e in entities if e.status != "applied"]
        for e in pending:
            print(f"{e.status:<9} {e.type:<7} {e.label}  ({counted(e.mentions, 'mention')} in "
                  f"{counted(e.documents, 'document')})")
        print(f"{counted(found, 'new mention')}; {counted(len(pending), 'entity', 'entities')} to review")
    return 0


def apply_command(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project) as service:
        key, passphrase = _open_key(args, service, create=True)
        if args.accept_all:
            service.deid.accept_all()
        elif args.accept_bands:
            service.deid.accept_all(None, tuple(args.accept_bands))
        result = service.deid.apply(key, args.key, passphrase)
        left = len(service.deid.residual(key))
        holding, folder = service.backups.holding_originals(), service.backups.folder
    print(f"Replaced {result['mentions']} mentions of {result['entities']} identifiers in {result['documents']} "
          f"documents; the originals are in {args.key}.")
    if holding:  # backups are the project as it was: say where they are and how to remove them
        print(f"{counted(len(holding), 'backup')} taken before this still hold the originals, in {folder}; remove "
              f"them with: annotator backups {args.project} --remove-before-deid")
    if left:
        print(f"annotator: {left} known identifiers are still in the project (see: annotator deid residual).",
              file=sys.stderr)
    return 0


def new_key_command(args: argparse.Namespace) -> int:
    if not args.confirm:
        print(CONSEQUENCES + "\n\nNothing was changed; run the command again with --confirm to go ahead.")
        return 1
    with ProjectService.open(args.project) as service:
        passphrase = _passphrase(args, new_key=True)
        orphaned = start_new_key(service, service.deid.new_key(), args.key, passphrase)
    print(f"{args.key} is now the project's key file. The originals behind {counted(orphaned, 'earlier pseudonym')} "
          "are not in it and cannot be recovered; the change is in the audit log.")
    return 0


def residual_command(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        key, _ = _open_key(args, service, create=False)
        hits = service.deid.residual(key, args.unknown)
        names = {d.id: d.name for d in service.documents(shares=False)}
    known = [h for h in hits if h.known]
    possible = [h for h in hits if not h.known]
    if args.json:
        print(json.dumps([{"where": h.where, "document": names.get(h.document_id), "start": h.start, "end": h.end,
                           "known": h.known, "pseudonym": h.pseudonym, "type": h.type,
                           **({} if h.known else {"text": h.text, "why": h.why})} for h in hits],
                         ensure_ascii=False, indent=1))
    else:
        for h in known:  # the original is not printed: the location and its pseudonym say enough
            where = f"{h.where} {names.get(h.document_id, '')}".strip()
            print(f"{where}, characters {h.start}-{h.end}: a known identifier of {h.pseudonym}")
        for h in possible:  # words that are in the project's text anyway, for a last look
            print(f"{h.where} {names.get(h.document_id, '')}, characters {h.start}-{h.end}: possibly {h.type.lower()} "
                  f"{h.text!r} ({h.why})")
        print(f"{len(known)} known identifiers remain" if known else "No known identifiers remain", end="")
        print(f"; {counted(len(possible), 'possible identifier')} to look at." if args.unknown else ".")
    return 1 if known or possible else 0


def identifiers_command(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project) as service:
        key, passphrase = _open_key(args, service, create=True)
        entries = [(i["text"], i["type"]) for i in key.identifiers]
        if args.import_csv:
            try:
                entries = read_identifier_csv(args.import_csv.read_text("utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                raise AnnotatorError(f"{args.import_csv.name} could not be read as UTF-8 CSV.") from exc
        for item in args.add:
            text, sep, kind = item.rpartition("=")
            entries.append((text, kind) if sep else (item, "PERSON"))
        if args.import_csv or args.add or not args.key.exists():
            service.deid.set_identifiers(key, args.key, entries, passphrase)
    if args.json:
        print(json.dumps(key.identifiers, ensure_ascii=False, indent=1))
    else:
        for entry in key.identifiers:
            print(f"{entry['type']:<7} {entry['text']}")
        print(f"{len(key.identifiers)} entries in the identifier list")
    return 0
