"""The project, import, inspection and retrieval subcommands."""

from __future__ import annotations

import argparse
import json
import sys

from annotator.cli.security import new_project_passphrase
from annotator.core.attributes import parse_condition
from annotator.core.errors import AnnotatorError, ProjectLockedError
from annotator.core.plural import counted
from annotator.services.demo import build_demo, demo_key_path
from annotator.services.importing import Status
from annotator.services.project_service import ProjectService


def new(args: argparse.Namespace) -> int:
    passphrase = new_project_passphrase(args)
    ProjectService.create(args.project, args.coder, passphrase=passphrase).close()
    print(f"Created {args.project}" + (", encrypted" if passphrase else ""))
    return 0


def import_(args: argparse.Namespace) -> int:
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


def info(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        info = service.info()
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        width = max(len(k) for k in info)
        for key, value in info.items():
            print(f"{key.replace('_', ' '):<{width}}  {value}")
    return 0


def documents(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        docs = service.documents(shares=False)
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


def speakers(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, args.coder, readonly=not args.map) as service:
        docs = service.documents(shares=False)
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


def codes(args: argparse.Namespace) -> int:
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
    print(counted(len(passages), "passage"))


def retrieve(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        book = service.codebook.codebook
        code = book.by_path(args.code) or next(
            (book[c] for c in book.tree_order() if book[c].name.lower() == args.code.strip().lower()), None)
        if code is None:
            raise AnnotatorError(f"There is no code {args.code!r} (see: annotator codes).")
        conditions = [parse_condition(w) for w in args.where]
        documents = service.people.documents_of(service.people.matching(conditions)) if conditions else None
        passages = service.retrieval.retrieve(code.id, include_subcodes=not args.no_subcodes, document_ids=documents)
        _print_passages(passages, args.json, {c: book.path(c) for c in book.codes})
    return 0


def search(args: argparse.Namespace) -> int:
    try:  # writable when it can be: the search index is brought up to date on first use
        service = ProjectService.open(args.project)
    except ProjectLockedError:  # open in the app: search it read-only rather than refuse
        service = ProjectService.open(args.project, readonly=True)
    with service:
        _print_passages(service.retrieval.search(args.query), args.json, {})
    return 0


def demo(args: argparse.Namespace) -> int:
    service, report = build_demo(args.project, deidentify=not args.raw)
    with service:
        info = service.info()
    print(f"Built the demo project at {args.project}: {info['documents']} transcripts, "
          f"{info['speaker_turns']} speaker turns, {info['participants']} participants, {info['codings']} codings"
          + ("." if args.raw else f"; de-identified, with its key file at {demo_key_path(args.project)}."))
    return 0
