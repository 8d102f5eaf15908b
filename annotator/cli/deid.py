"""`annotator deid ...`: scan files, detect in a project, apply with a key file, and scan for residual identifiers.

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
from annotator.deid.detection import detect, propagate
from annotator.deid.identifier_list import read_identifier_csv
from annotator.deid.keyfile import is_encrypted, load_key
from annotator.services.project_service import ProjectService

PASSPHRASE_VARIABLE = "ANNOTATOR_KEY_PASSPHRASE"


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

    p = commands.add_parser("apply", help="replace accepted identifiers by pseudonyms; originals go to the key file")
    p.add_argument("project", type=Path)
    p.add_argument("--key", type=Path, required=True, help="the key file (created if it does not exist)")
    p.add_argument("--accept-all", action="store_true", help="accept every suggestion first")
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
    _passphrase_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=residual_command)


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
        result = service.deid.apply(key, args.key, passphrase)
        left = len(service.deid.residual(key))
    print(f"Replaced {result['mentions']} mentions of {result['entities']} identifiers in {result['documents']} "
          f"documents; the originals are in {args.key}.")
    if left:
        print(f"annotator: {left} known identifiers are still in the project (see: annotator deid residual).",
              file=sys.stderr)
    return 0


def residual_command(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        key, _ = _open_key(args, service, create=False)
        hits = service.deid.residual(key)
        names = {d.id: d.name for d in service.documents()}
    if args.json:
        print(json.dumps([{"where": h.where, "document": names.get(h.document_id), "start": h.start, "end": h.end,
                           "pseudonym": h.pseudonym} for h in hits], indent=1))
    else:
        for h in hits:  # the original is not printed: the location and its pseudonym say enough
            where = f"{h.where} {names.get(h.document_id, '')}".strip()
            print(f"{where}, characters {h.start}-{h.end}: a known identifier of {h.pseudonym}")
        print(f"{len(hits)} known identifiers remain" if hits else "No known identifiers remain.")
    return 1 if hits else 0


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
