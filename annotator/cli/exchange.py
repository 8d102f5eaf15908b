"""`annotator codebook export|import` and `annotator qdpx export|import`: REFI-QDA exchange."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.cli.deid import _open_key, _passphrase_option
from annotator.core.errors import AnnotatorError
from annotator.exchange.file_kind import checked_file
from annotator.exchange.positions import CODE_POINTS, UTF16
from annotator.services.exchange_service import import_into_new_project
from annotator.services.merge_plan import summary
from annotator.services.project_service import ProjectService


def add_exchange_commands(sub) -> None:
    codebook = sub.add_parser("codebook", help="share the codebook as REFI-QDA .qdc (NVivo, ATLAS.ti, MAXQDA, ...)")
    actions = codebook.add_subparsers(dest="codebook_action", metavar="ACTION", required=True)
    p = actions.add_parser("export", help="write the codebook to a .qdc file")
    p.add_argument("project", type=Path)
    p.add_argument("file", type=Path, metavar="FILE.qdc")
    p.set_defaults(handler=codebook_export)
    p = actions.add_parser("import", help="merge a .qdc into the codebook (matched by GUID, then path)")
    p.add_argument("project", type=Path)
    p.add_argument("file", type=Path, metavar="FILE.qdc")
    p.add_argument("--dry-run", action="store_true", help="only show what would change")
    p.set_defaults(handler=codebook_import)

    qdpx = sub.add_parser("qdpx", help="exchange whole projects as REFI-QDA .qdpx")
    actions = qdpx.add_subparsers(dest="qdpx_action", metavar="ACTION", required=True)
    p = actions.add_parser("export", help="write the project (de-identified text, codes, codings, memos, cases)")
    p.add_argument("project", type=Path)
    p.add_argument("file", type=Path, metavar="OUT.qdpx")
    p.add_argument("--key", type=Path, help="the key file: refuse while a known identifier remains")
    p.add_argument("--allow-residual", action="store_true")
    p.add_argument("--for-nvivo", action="store_true",
                   help="positions in UTF-16 units, as NVivo counts them (default: code points, as the standard "
                   "and ATLAS.ti, MAXQDA and QualCoder count them; only text with emoji differs)")
    _passphrase_option(p)
    p.set_defaults(handler=qdpx_export)
    p = actions.add_parser("import", help="read a .qdpx into a project (created if it does not exist)",
                           description="Import a REFI-QDA project: into a new project (nothing is left behind if "
                           "it fails), or into an existing one as one undoable step (matched as `annotator merge` "
                           "matches). Prints what arrived and what was left out, and why.")
    p.add_argument("file", type=Path, metavar="FILE.qdpx")
    p.add_argument("project", type=Path)
    p.add_argument("--dry-run", action="store_true", help="only show what would be imported")
    p.set_defaults(handler=qdpx_import)


def codebook_export(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        count = service.exchange.export_codebook(args.file)
    print(f"Wrote {count} codes to {args.file}")
    return 0


def codebook_import(args: argparse.Namespace) -> int:
    data = args.file  # (read by the service, its size checked first)
    with ProjectService.open(args.project, readonly=args.dry_run) as service:
        exchange = service.exchange
        plan = exchange.plan_codebook_import(data, args.file.name) if args.dry_run else \
            exchange.import_codebook(data, args.file.name)
    for line in plan.lines():
        print(line)
    print(("Would import: " if args.dry_run else "Imported: ") + plan.summary())
    return 0


def qdpx_export(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        key, _ = _open_key(args, service, create=False)
        result = service.exchange.export_qdpx(args.file, key=key, allow_residual=args.allow_residual,
                                              positions=UTF16 if args.for_nvivo else CODE_POINTS)
    for warning in result.pop("warnings"):
        print(f"annotator: warning: {warning}", file=sys.stderr)
    print(f"Wrote {args.file}" + (" (positions for NVivo)" if args.for_nvivo else "") + ": "
          + ", ".join(f"{v} {k}" for k, v in result.items()))
    return 0


def qdpx_import(args: argparse.Namespace) -> int:
    data = checked_file(args.file)  # read part by part, never whole
    if not args.project.exists() and not args.dry_run:
        service, plan, result = import_into_new_project(data, args.project, args.file.name)
        with service:
            print(f"Imported {args.file.name} into a new project, {service.name}.")
            print("\n".join(service.exchange.result_lines(plan, result)))
        return 0
    if not args.project.exists():
        raise AnnotatorError(f"There is no project at {args.project}; without --dry-run it would be created.")
    with ProjectService.open(args.project) as service:
        plan = service.exchange.plan_import(data, args.file.name)
        print_plan(plan, args.dry_run)
        if not args.dry_run:
            result = service.exchange.apply(plan)
            print(f"Imported {args.file.name}.")
            print("\n".join(service.exchange.result_lines(plan, result)))
    return 0


def print_plan(plan, dry_run: bool) -> None:
    """The preview: every document matched, every code change, every coder; then what it would add."""
    if dry_run:
        for line in plan.lines():
            print(line)
        print(f"Would add: {summary(plan.expected)}.")
