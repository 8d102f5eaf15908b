"""The headless command line: `annotator SUBCOMMAND ...`. Scriptable; JSON where a machine reads the output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.importers import SUPPORTED_SUFFIXES
from annotator.services.demo import build_demo
from annotator.services.importing import Status
from annotator.services.project_service import ProjectService


def _project_path(value: str) -> Path:
    return Path(value).expanduser()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Qualitative coding of interview transcripts, offline. With no arguments, or with a project "
        "file, opens the app; with a subcommand, works headless.",
        epilog="Examples: annotator study.annotator | annotator new study.annotator | "
        "annotator import study.annotator interviews/*.docx | annotator info study.annotator --json",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", help="create an empty project file")
    p.add_argument("project", type=_project_path, help="path of the new project (e.g. study.annotator)")
    p.add_argument("--coder", help="your name as a coder (default: your user name)")

    p = sub.add_parser("import", help="import transcripts into a project",
                       description=f"Import transcripts ({', '.join(SUPPORTED_SUFFIXES)}). Prints one line per file; "
                       "exits 1 if any file failed (the others are still imported).")
    p.add_argument("project", type=_project_path)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the per-file results as JSON")
    p.add_argument("--coder")

    p = sub.add_parser("info", help="summarise a project")
    p.add_argument("project", type=_project_path)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("documents", help="list a project's documents with their speakers")
    p.add_argument("project", type=_project_path)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("speakers", help="list a document's speakers, or map them to participants",
                       description="List the speakers detected in a document; with --map, say which participant a "
                       "speaker is (the participant is created if new); --map LABEL= unmaps.")
    p.add_argument("project", type=_project_path)
    p.add_argument("document", help="document name (as `annotator documents` lists it) or id")
    p.add_argument("--map", action="append", default=[], metavar="LABEL=PARTICIPANT")
    p.add_argument("--json", action="store_true")
    p.add_argument("--coder")

    p = sub.add_parser("codes", help="the codebook as a tree, with counts")
    p.add_argument("project", type=_project_path)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("retrieve", help="every passage coded with a code (and its subcodes)")
    p.add_argument("project", type=_project_path)
    p.add_argument("code", help="the code's name or path, e.g. 'Peer work in practice > Frontline harm reduction work'")
    p.add_argument("--no-subcodes", action="store_true", help="only this code, not its subcodes")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("search", help="full-text search over all transcripts")
    p.add_argument("project", type=_project_path)
    p.add_argument("query", help='words (all must occur), "a phrase", or prefix*')
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("demo", help="build the demo project from the bundled fictional sample transcripts")
    p.add_argument("project", type=_project_path)
    return parser


COMMANDS = frozenset({"new", "import", "info", "documents", "speakers", "codes", "retrieve", "search", "demo"})


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return _HANDLERS[args.command](args)
    except AnnotatorError as exc:
        print(f"annotator: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the interpreter's final flush cannot fail again
        return 0


def _new(args: argparse.Namespace) -> int:
    ProjectService.create(args.project, args.coder).close()
    print(f"Created {args.project}")
    return 0


def _import(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, args.coder) as service:
        report = service.import_files(args.files)
    if args.json:
        print(json.dumps([
            {"file": str(r.path), "status": r.status.value, "message": r.line(), "document_id": r.document_id,
             "speaker_turns": r.speaker_turns, "speakers": list(r.speakers)}
            for r in report.results
        ], indent=2))
    else:
        for result in report.results:
            print(result.line(), file=sys.stderr if result.status is Status.FAILED else sys.stdout)
        print(report.summary())
    return 1 if report.failed else 0


def _info(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        info = service.info()
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        width = max(len(k) for k in info)
        for key, value in info.items():
            print(f"{key.replace('_', ' '):<{width}}  {value}")
    return 0


def _documents(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        docs = service.documents()
    if args.json:
        print(json.dumps([
            {"id": d.id, "name": d.name, "format": d.source_format, "interview_order": d.interview_order,
             "words": d.word_count, "speaker_turns": d.turn_count, "speakers": list(d.speakers),
             "participant": d.participant}
            for d in docs
        ], indent=2))
    else:
        for d in docs:
            who = f" [{d.participant}]" if d.participant else ""
            print(f"{d.interview_order:>3}  {d.name}{who}  {d.word_count:,} words, {d.turn_count} turns, "
                  f"speakers: {', '.join(d.speakers) or '-'}")
    return 0


def _speakers(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, args.coder, readonly=not args.map) as service:
        docs = service.documents()
        match = [d for d in docs if d.name == args.document or str(d.id) == args.document]
        if not match:
            raise AnnotatorError(f"There is no document called {args.document!r} (see: annotator documents).")
        document = match[0]
        for mapping in args.map:
            label, sep, name = mapping.partition("=")
            if not sep:
                raise AnnotatorError(f"--map takes LABEL=PARTICIPANT, not {mapping!r}.")
            participant_id = None
            if name.strip():
                known = {p.name: p.id for p in service.participants()}
                participant_id = known.get(name.strip()) or service.add_participant(name)
            service.map_speaker(document.id, label.strip(), participant_id)
        speakers = service.speakers(document.id)
    if args.json:
        print(json.dumps([{"label": s.label, "turns": s.turn_count, "participant": s.participant} for s in speakers],
                         indent=2))
    else:
        for speaker in speakers:
            print(f"{speaker.label}: {speaker.turn_count} turns" + (f" -> {speaker.participant}" if speaker.participant else ""))
    return 0


def _codes(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        book, counts = service.codebook.codebook, service.codebook.counts()
    if args.json:
        print(json.dumps([
            {"id": c, "path": book.path(c), "colour": book[c].colour, "description": book[c].description,
             "references": counts[c].references, "references_with_subcodes": counts[c].total_references,
             "documents_with_subcodes": counts[c].total_documents,
             "participants_with_subcodes": counts[c].total_participants}
            for c in book.tree_order()
        ], indent=2))
    else:
        for c in book.tree_order():
            n = counts[c]
            print(f"{'  ' * book.depth(c)}{book[c].name}  ({n.total_references} refs, {n.total_documents} docs, "
                  f"{n.total_participants} participants)")
    return 0


def _print_passages(passages, as_json: bool, names: dict) -> None:
    if as_json:
        print(json.dumps([
            {"document": p.document, "speaker": p.speaker, "paragraph": p.paragraph, "start": p.start, "end": p.end,
             "code": names.get(p.code_id), "coder": p.coder, "text": p.text} for p in passages
        ], indent=2, ensure_ascii=False))
        return
    for p in passages:
        where = f"{p.document}, {p.speaker + ', ' if p.speaker else ''}¶{p.paragraph}"
        code = f" [{names[p.code_id]}]" if p.code_id in names else ""
        print(f"{where}{code}: {' '.join(p.text.split())}")
    print(f"{len(passages)} passages")


def _retrieve(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        book = service.codebook.codebook
        code = book.by_path(args.code) or next(
            (book[c] for c in book.tree_order() if book[c].name.lower() == args.code.strip().lower()), None)
        if code is None:
            raise AnnotatorError(f"There is no code {args.code!r} (see: annotator codes).")
        passages = service.retrieval.retrieve(code.id, include_subcodes=not args.no_subcodes)
        _print_passages(passages, args.json, {c: book.path(c) for c in book.codes})
    return 0


def _search(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project) as service:  # the search index is brought up to date on first use
        _print_passages(service.retrieval.search(args.query), args.json, {})
    return 0


def _demo(args: argparse.Namespace) -> int:
    service, report = build_demo(args.project)
    with service:
        info = service.info()
    print(f"Built the demo project at {args.project}: {info['documents']} transcripts, "
          f"{info['speaker_turns']} speaker turns, {info['participants']} participants.")
    return 0


_HANDLERS = {"new": _new, "import": _import, "info": _info, "documents": _documents, "speakers": _speakers,
             "codes": _codes, "retrieve": _retrieve, "search": _search, "demo": _demo}
