"""`annotator report ...` and `annotator participants ...`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotator.cli.deid import _open_key, _passphrase_option
from annotator.core.attributes import parse_condition
from annotator.core.errors import AnnotatorError
from annotator.services.project_service import ProjectService
from annotator.services.report_service import group_bins

DEFAULT_BINS = ["age=18-24,25-34,35-44,45-54,55+"]


def add_report_commands(sub) -> None:
    report = sub.add_parser("report", help="Word reports, and tables of coded passages",
                            description="Reports are refused while a known identifier remains (when --key is given).")
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)

    def common(p, *, codes: bool = True, where: bool = True) -> None:
        p.add_argument("project", type=Path)
        p.add_argument("out", type=Path, metavar="OUT")
        if codes:
            p.add_argument("--codes", nargs="+", metavar="CODE", help="codes (names or paths) with their subcodes")
        if where:
            p.add_argument("--where", action="append", default=[], metavar="ATTR=VALUE",
                           help="only participants matching (also <, <=, >, >=, !=); repeat to combine")
        p.add_argument("--key", type=Path, help="the key file: check no known identifier remains first")
        p.add_argument("--allow-residual", action="store_true", help="write the report even if some remain")
        _passphrase_option(p)

    p = kinds.add_parser("coded", help="passages by code, as quotations with attribution")
    common(p)
    p.add_argument("--anonymous-quotes", action="store_true", help="quotations without any attribution")
    p.add_argument("--memos", action="store_true", help="include code memos")
    p.add_argument("--saturation", action="store_true",
                   help="a section on thematic saturation first: its chart and table (Guest, Namey & Chen 2020)")
    p.add_argument("--depth", default="codes", help="with --saturation: themes, subthemes or codes (the default)")
    p.add_argument("--base", type=int, default=4, help="with --saturation: base size in interviews (default 4)")
    p.add_argument("--run", type=int, default=2, help="with --saturation: run length in interviews (default 2)")
    p.add_argument("--threshold", type=float, default=5.0,
                   help="with --saturation: new-information threshold in percent (default 5)")
    p.add_argument("--charts-by", metavar="ATTRIBUTE",
                   help="a chart of each code's participants split by this attribute's values, e.g. gender")
    p.set_defaults(handler=coded)
    p = kinds.add_parser("codebook", help="the codebook as a table (Table 2)")
    common(p, codes=False, where=False)
    p.set_defaults(handler=codebook)
    p = kinds.add_parser("participants", help="participant characteristics (Table 1)")
    common(p, codes=False)
    p.add_argument("--bins", action="append", metavar="ATTR=GROUPS",
                   help=f"group a number, e.g. 'years peer work=<2,2-5,6-9,10+' (default: {DEFAULT_BINS[0]})")
    p.set_defaults(handler=participants_table)
    p = kinds.add_parser("memos", help="project, document and code memos")
    common(p, codes=False, where=False)
    p.set_defaults(handler=memos)
    p = kinds.add_parser("passages", help="coded passages as a table (.csv or .xlsx)")
    common(p)
    p.set_defaults(handler=passages)
    p = kinds.add_parser("data-handling", help="a one-page data handling summary for an ethics board (.docx)",
                         description="Where the project and key file are, encryption, backups, de-identification, "
                         "the residual scan (with --key) and the audit log's check; printed, and written to OUT.")
    p.add_argument("project", type=Path)
    p.add_argument("out", type=Path, metavar="OUT")
    p.add_argument("--key", type=Path, help="the key file: say where it is, and run the residual scan with it")
    _passphrase_option(p)
    p.set_defaults(handler=data_handling)

    people = sub.add_parser("participants", help="list participants; import or export them as CSV")
    people.add_argument("project", type=Path)
    people.add_argument("--import", dest="import_csv", type=Path, metavar="CSV")
    people.add_argument("--export", type=Path, metavar="CSV")
    people.add_argument("--json", action="store_true")
    people.set_defaults(handler=participants_command)


def _codes(service: ProjectService, names):
    if not names:
        return None
    book = service.codebook.codebook
    ids = []
    for name in names:
        code = book.by_path(name) or next((book[c] for c in book.tree_order()
                                           if book[c].name.lower() == name.strip().lower()), None)
        if code is None:
            raise AnnotatorError(f"There is no code {name!r} (see: annotator codes).")
        ids.append(code.id)
    return ids


def _run(args, write) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        key, _ = _open_key(args, service, create=False)
        result = write(service, key)
    for warning in result.pop("warnings", []):
        print(f"annotator: warning: {warning}", file=sys.stderr)
    print(f"Wrote {args.out}: " + ", ".join(f"{v} {k}" for k, v in result.items()))
    return 0


def coded(args: argparse.Namespace) -> int:
    depth = int(args.depth) if args.depth.isdigit() else args.depth
    saturation = {"depth": depth, "base_size": args.base, "run_length": args.run, "threshold": args.threshold / 100}
    return _run(args, lambda s, key: s.reports.coded_report(
        args.out, _codes(s, args.codes), [parse_condition(w) for w in args.where], anonymous=args.anonymous_quotes,
        memos=args.memos, key=key, allow_residual=args.allow_residual, saturation=args.saturation,
        saturation_options=saturation, charts_by=args.charts_by))


def codebook(args: argparse.Namespace) -> int:
    return _run(args, lambda s, key: s.reports.codebook_report(args.out, key=key, allow_residual=args.allow_residual))


def participants_table(args: argparse.Namespace) -> int:
    return _run(args, lambda s, key: s.reports.participants_report(
        args.out, group_bins([*DEFAULT_BINS, *(args.bins or [])]), [parse_condition(w) for w in args.where], key=key,
        allow_residual=args.allow_residual))


def memos(args: argparse.Namespace) -> int:
    return _run(args, lambda s, key: s.reports.memos_report(args.out, key=key, allow_residual=args.allow_residual))


def passages(args: argparse.Namespace) -> int:
    return _run(args, lambda s, key: s.reports.passages_table(
        args.out, _codes(s, args.codes), [parse_condition(w) for w in args.where], key=key,
        allow_residual=args.allow_residual))


def data_handling(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".docx":
        raise AnnotatorError(f"The data handling summary is written as .docx, not '{args.out.suffix or 'no extension'}'.")
    with ProjectService.open(args.project, readonly=True) as service:
        key, _ = _open_key(args, service, create=False)
        summary = service.reports.data_handling(key, args.key)
        service.reports.data_handling_report(args.out, key=key, key_path=args.key)
    print("\n".join(summary.lines()))
    print(f"\nWrote {args.out}")
    return 0


def participants_command(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=not args.import_csv) as service:
        if args.import_csv:
            try:
                data = args.import_csv.read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise AnnotatorError(f"{args.import_csv.name} could not be read as UTF-8 CSV.") from exc
            counts = service.people.import_csv(data)
            print("Imported " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        if args.export:
            args.export.write_text(service.people.export_csv(), encoding="utf-8")
        attributes, rows = service.people.attributes(), service.people.rows()
    if args.json:
        print(json.dumps([{"participant": r.name, "documents": list(r.documents),
                           **{a.name: r.values.get(a.id) for a in attributes}} for r in rows], indent=1))
    elif not args.import_csv and not args.export:
        for r in rows:
            values = ", ".join(f"{a.name}: {r.values[a.id]}" for a in attributes if a.id in r.values)
            print(f"{r.name}  [{'; '.join(r.documents) or 'no documents'}]  {values}")
    return 0
