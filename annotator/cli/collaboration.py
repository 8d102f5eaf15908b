"""`annotator merge` and `annotator agreement`: working with co-authors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from annotator.cli.reports import _codes
from annotator.services.merge_plan import summary
from annotator.services.project_service import ProjectService


def add_collaboration_commands(sub) -> None:
    p = sub.add_parser("merge", help="bring a co-author's project (.annotator or .qdpx) into this one",
                       description="Merge a co-author's work in one undoable step: documents matched by GUID, by "
                       "text, or as near-identical versions of ours (their codings then move onto our text); codes by "
                       "GUID then path (their renames, moves and recolours taken unless --keep-our-codebook); coders "
                       "by GUID. Merging the same file again adds nothing. --dry-run shows the plan and changes "
                       "nothing.")
    p.add_argument("project", type=Path)
    p.add_argument("other", type=Path, metavar="OTHER")
    p.add_argument("--dry-run", action="store_true", help="show what would be merged; change nothing")
    p.add_argument("--keep-separate", action="store_true",
                   help="add their near-identical versions of our documents as documents of their own instead of "
                   "aligning their codings onto our text")
    p.add_argument("--keep-our-codebook", action="store_true",
                   help="ignore their renames, moves, recolours and definitions of codes we share")
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
        plan = service.exchange.plan_merge(args.other)
        for document in plan.near():
            document.align = not args.keep_separate
        for change in plan.code_changes:
            change.apply = not args.keep_our_codebook
        if args.dry_run or args.keep_separate or args.keep_our_codebook:
            service.exchange.preview(plan)
        for line in plan.lines():
            print(line)
        for document in plan.near():
            for change in document.changes[:20]:
                print(f"  {document.source.name}: ...{change.before[-20:]}[{change.old_text}->{change.new_text}]"
                      f"{change.after[:20]}...")
        if args.dry_run:
            print(f"Would add: {summary(plan.expected)}.")
            return 0
        result = service.exchange.apply(plan)
        print(f"Merged {args.other.name}.")
        print("\n".join(service.exchange.result_lines(plan, result)))
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
