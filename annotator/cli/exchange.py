"""`annotator codebook export|import` and `annotator qdpx export|import`: REFI-QDA exchange."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.cli.deid import _open_key, _passphrase_option
from annotator.core.errors import AnnotatorError
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
    _passphrase_option(p)
    p.set_defaults(handler=qdpx_export)
    p = actions.add_parser("import", help="read a .qdpx into a project (created if it does not exist)")
    p.add_argument("file", type=Path, metavar="FILE.qdpx")
    p.add_argument("project", type=Path)
    p.set_defaults(handler=qdpx_import)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise AnnotatorError(f"{path.name} could not be read ({exc.strerror or 'I/O error'}).") from exc


def codebook_export(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        count = service.exchange.export_codebook(args.file)
    print(f"Wrote {count} codes to {args.file}")
    return 0


def codebook_import(args: argparse.Namespace) -> int:
    data = _read(args.file)
    with ProjectService.open(args.project, readonly=args.dry_run) as service:
        plan = service.exchange.plan_codebook_import(data) if args.dry_run else service.exchange.import_codebook(data)
    for line in plan.lines():
        print(line)
    print(("Would import: " if args.dry_run else "Imported: ") + plan.summary())
    return 0


def qdpx_export(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        key, _ = _open_key(args, service, create=False)
        result = service.exchange.export_qdpx(args.file, key=key, allow_residual=args.allow_residual)
    for warning in result.pop("warnings"):
        print(f"annotator: warning: {warning}", file=sys.stderr)
    print(f"Wrote {args.file}: " + ", ".join(f"{v} {k}" for k, v in result.items()))
    return 0


def qdpx_import(args: argparse.Namespace) -> int:
    data = _read(args.file)
    service = ProjectService.open(args.project) if args.project.exists() else ProjectService.create(args.project)
    with service:
        counts = service.exchange.import_qdpx(data)
    print(f"Imported {args.file.name}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    return 0
