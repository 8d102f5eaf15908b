"""`annotator merge` and `annotator agreement`: working with co-authors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from annotator.cli.reports import _codes
from annotator.services.project_service import ProjectService


def add_collaboration_commands(sub) -> None:
    p = sub.add_parser("merge", help="bring a co-author's project (.annotator or .qdpx) into this one")
    p.add_argument("project", type=Path)
    p.add_argument("other", type=Path, metavar="OTHER")
    p.set_defaults(handler=merge)

    p = sub.add_parser("agreement", help="inter-coder agreement: percent, Cohen's kappa, Krippendorff's alpha")
    p.add_argument("project", type=Path)
    p.add_argument("--coders", nargs="+", required=True, metavar="CODER")
    p.add_argument("--codes", nargs="+", metavar="CODE")
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv", type=Path, metavar="OUT.csv")
    p.add_argument("--docx", type=Path, metavar="OUT.docx")
    p.set_defaults(handler=agreement)


def merge(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project) as service:
        counts = service.exchange.merge(args.other)
    print(f"Merged {args.other.name}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    return 0


def agreement(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        rows = service.agreement.compare(args.coders, _codes(service, args.codes))
        if args.csv:
            service.agreement.write_csv(args.csv, args.coders, rows)
        if args.docx:
            service.agreement.write_docx(args.docx, args.coders, rows)
    if args.json:
        print(json.dumps([{"code": r.path, "percent_agreement": round(r.percent, 2), "kappa": round(r.kappa, 4),
                           "alpha": round(r.alpha, 4), "characters_coded": r.characters_coded} for r in rows], indent=1))
    else:
        width = max(len(r.path) for r in rows)
        print(f"{'code':<{width}}  agree%  kappa  alpha")
        for r in rows:
            print(f"{r.path:<{width}}  {r.percent:6.1f}  {r.kappa:5.2f}  {r.alpha:5.2f}")
    return 0
