"""`annotator query`, `matrix`, `cooccurrence`, `saturation` and `frequencies`: the analyses headless, as text, JSON
(--json), CSV (--csv FILE), Excel (--xlsx FILE) or Word (--docx FILE); saturation and the matrix by an attribute
also as a chart (--chart FILE.png, .svg or .pdf)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from annotator.analysis.participant_table import parse_bins
from annotator.analysis.tables import Table
from annotator.cli.reports import _codes
from annotator.core.errors import AnnotatorError
from annotator.services.analysis_service import SavedQuery, TextSource
from annotator.services.project_service import ProjectService

QUERY_HELP = ('code names in double quotes ("Parent > Child" for a path), TEXT "words" for a search, joined with AND, '
              "OR, NOT, NEAR[/N] and FOLLOWED BY[/N] (N: within N paragraphs; without it, the same speaker turn), "
              "and parentheses")


def add_analysis_commands(sub) -> None:
    p = sub.add_parser("query", help="a coding query: codes combined with AND, OR, NOT, NEAR, FOLLOWED BY",
                       description=f"Passages matching EXPRESSION: {QUERY_HELP}. Example: "
                       "'(\"Stipend pay\" OR \"Casual work and income limits\") AND NOT \"Legitimacy\"'.")
    p.add_argument("project", type=Path)
    p.add_argument("expression", help="the query, or with --saved the name of a saved query")
    _scope_options(p)
    p.add_argument("--mode", choices=("overlap", "passages"), default="overlap",
                   help="AND keeps the overlapping text (overlap, the default) or the whole passages of both")
    p.add_argument("--no-subcodes", action="store_true", help="a code stands for itself, not its subcodes")
    p.add_argument("--saved", action="store_true", help="run the saved query named EXPRESSION")
    p.add_argument("--save", metavar="NAME", help="save the query under this name (undoable in the app)")
    p.add_argument("--code-as", metavar="NEW_CODE", help="code the results with a new code (one undoable step)")
    p.add_argument("--code-with", metavar="CODE", help="code every result with an existing code (e.g. search hits)")
    p.add_argument("--coder", help="your name as a coder, for --code-as and --code-with")
    _output_options(p)
    p.set_defaults(handler=query)

    p = sub.add_parser("matrix", help="codes by attribute values, participants, documents or other codes")
    p.add_argument("project", type=Path)
    p.add_argument("--columns", choices=("attribute", "participants", "documents", "codes"), default="attribute")
    p.add_argument("--attribute", help="the attribute whose values make the columns (with --columns attribute)")
    p.add_argument("--groups", metavar="GROUPS", help="group a number attribute, e.g. '25-34,35-44,45-54,55+'")
    p.add_argument("--codes", nargs="+", metavar="CODE", help="the rows (default: every code)")
    p.add_argument("--column-codes", nargs="+", metavar="CODE", help="the columns, with --columns codes")
    p.add_argument("--no-subcodes", action="store_true", help="count each code alone, not rolled up with subcodes")
    p.add_argument("--measure", choices=("passages", "participants", "documents", "words"), default="passages")
    p.add_argument("--percent", choices=("row", "column"), help="show each cell as a share of its row or column")
    p.add_argument("--cases", action="store_true", help="the case overview: participants by codes")
    p.add_argument("--chart", type=Path, metavar="FILE",
                   help="a bar chart of the codes split by the attribute's values (.png, .svg or .pdf)")
    _scope_options(p)
    _output_options(p)
    p.set_defaults(handler=matrix)

    p = sub.add_parser("cooccurrence", help="code by code: where two codes occur together, and the c coefficient")
    p.add_argument("project", type=Path)
    p.add_argument("--codes", nargs="+", metavar="CODE", help="the codes (default: every code)")
    p.add_argument("--relation", choices=("overlap", "turn"), default="overlap",
                   help="on overlapping text (the default), or in the same speaker turn")
    p.add_argument("--subcodes", action="store_true", help="roll each code up with its subcodes")
    p.add_argument("--coefficient", action="store_true", help="cells as c = n12 / (n1 + n2 - n12) in CSV/Excel")
    p.add_argument("--chart", type=Path, metavar="FILE", help="the codes most often together as a network (.png, "
                   ".svg or .pdf; lines by count, or by c with --coefficient)")
    _scope_options(p)
    _output_options(p)
    p.set_defaults(handler=cooccurrence_command)

    p = sub.add_parser("saturation", help="thematic saturation by Guest, Namey & Chen (2020), in interview order")
    p.add_argument("project", type=Path)
    p.add_argument("--depth", default="codes", help="themes, subthemes, codes (the default) or a number of levels")
    p.add_argument("--base", type=int, default=4, help="base size in interviews (default 4)")
    p.add_argument("--run", type=int, default=2, help="run length in interviews (default 2)")
    p.add_argument("--threshold", type=float, default=5.0, help="new-information threshold in percent (default 5)")
    p.add_argument("--by-coder", action="store_true", help="one assessment per coder")
    p.add_argument("--chart", type=Path, metavar="FILE",
                   help="the chart: new codes per interview, cumulative codes, the saturation point (.png, .svg, .pdf)")
    _scope_options(p)
    _output_options(p)
    p.set_defaults(handler=saturation)

    p = sub.add_parser("frequencies", help="word frequencies, or keyword in context (--kwic WORD)")
    p.add_argument("project", type=Path)
    p.add_argument("--code", help="only the passages of this code (and its subcodes)")
    p.add_argument("--query", metavar="EXPRESSION", help="only the results of this coding query")
    p.add_argument("--mode", choices=("overlap", "passages"), default="overlap", help="the mode of --query")
    p.add_argument("--stemmed", action="store_true", help="count a word's forms together (train, training, trained)")
    p.add_argument("--all-speakers", action="store_true", help="count the interviewer's words too")
    p.add_argument("--min-length", type=int, default=3)
    p.add_argument("--top", type=int, default=50, help="how many words (default 50; 0: all)")
    p.add_argument("--stop-words", type=Path, metavar="FILE", help="this run's stop words, one or more a line")
    p.add_argument("--kwic", metavar="WORD", help="every occurrence of WORD with its context")
    p.add_argument("--width", type=int, default=60, help="characters of context each side, with --kwic")
    _scope_options(p, speakers=False)
    _output_options(p)
    p.set_defaults(handler=frequencies)


def _scope_options(p, speakers: bool = True) -> None:
    p.add_argument("--where", action="append", default=[], metavar="ATTR=VALUE",
                   help="only participants matching (also <, <=, >, >=, !=); repeat to combine")
    p.add_argument("--document", action="append", default=[], metavar="NAME", help="only these documents")
    p.add_argument("--by", action="append", default=[], metavar="CODER", help="only this coder's codings")
    if speakers:
        p.add_argument("--participants-only", action="store_true", help="only participants' turns, not the interviewer's")


def _output_options(p) -> None:
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv", type=Path, metavar="FILE", help="write the table to a CSV file")
    p.add_argument("--xlsx", type=Path, metavar="FILE", help="write the table to an Excel workbook")
    p.add_argument("--docx", type=Path, metavar="FILE", help="write the table to a Word document, with its notes")


def _scope(service: ProjectService, args, participants_only: bool | None = None):
    docs = {d.name: d.id for d in service.documents(shares=False)}
    chosen = []
    for name in args.document:
        if name not in docs and not (name.isdigit() and int(name) in docs.values()):
            raise AnnotatorError(f"There is no document called {name!r} (see: annotator documents).")
        chosen.append(docs.get(name) or int(name))
    only = participants_only if participants_only is not None else getattr(args, "participants_only", False)
    return service.analysis.scope(where=args.where, documents=chosen or None, coders=args.by or None,
                                  participant_turns_only=only)


def _emit(service: ProjectService, args, result, payload, **options) -> None:
    """Write --csv/--xlsx/--docx, then print JSON or the table as text."""
    for path in (args.csv, args.xlsx, args.docx):
        if path is not None:
            service.analysis.export(result, path, **options)
    if args.json:
        print(json.dumps(payload, indent=1, ensure_ascii=False))
    else:
        _print_table(service.analysis.table(result, **options))


def _print_table(table: Table, limit: int = 60) -> None:
    # Row labels are code paths: cut from the left, so the code's own name shows.
    rows = [[_cell(v, limit, keep_end=i == 0) for i, v in enumerate(row)] for row in table.rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(str(h)) for i, h in
              enumerate(table.header)]
    print(table.title)
    print("  ".join(str(h).ljust(w) for h, w in zip(table.header, widths)).rstrip())
    for row in rows:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())


def _cell(value, limit: int, keep_end: bool = False) -> str:
    text = " ".join(str(value).split()) if value is not None else ""
    if len(text) <= limit:
        return text
    return "…" + text[1 - limit:] if keep_end else text[:limit - 1] + "…"


def query(args: argparse.Namespace) -> int:
    changes = bool(args.save or args.code_as or args.code_with)
    with ProjectService.open(args.project, args.coder, readonly=not changes) as service:
        analysis, book = service.analysis, service.codebook.codebook
        scope = _scope(service, args)
        if args.saved:
            result = analysis.run_saved_query(args.expression)
        else:
            result = analysis.query(args.expression, mode=args.mode, include_subcodes=not args.no_subcodes,
                                    scope=scope)
        if args.save:
            analysis.save_query(SavedQuery(args.save, result.expression, result.mode, not args.no_subcodes,
                                           tuple(args.where), tuple(args.by), tuple(scope.document_ids or ()),
                                           args.participants_only))
        placed = analysis.place(result.passages)
        payload = {"expression": result.expression, "mode": result.mode,
                   "counts": {"passages": len(result.passages), "documents": result.documents,
                              "participants": result.participants},
                   "passages": [{"document": p.document, "participant": service.analysis.data().participants.get(
                       q.participant_id), "speaker": p.speaker, "paragraph": p.paragraph, "start": p.start,
                       "end": p.end, "codes": sorted(book.path(c) for c in q.code_ids), "text": p.text}
                       for q, p in zip(result.passages, placed)]}
        for path in (args.csv, args.xlsx, args.docx):
            if path is not None:
                analysis.export(result, path)
        if args.json:
            print(json.dumps(payload, indent=1, ensure_ascii=False))
        else:
            for row in payload["passages"]:
                where = f"{row['document']}, {row['speaker'] + ', ' if row['speaker'] else ''}¶{row['paragraph']}"
                print(f"{where} [{'; '.join(row['codes'])}]: {' '.join(row['text'].split())}")
            print(f"{len(result.passages)} passages, {result.documents} documents, {result.participants} "
                  f"participants ({result.mode})")
        if args.code_as:
            analysis.code_as_new_code(result.passages, args.code_as)
            print(f"Coded {len(result.passages)} passages with the new code '{args.code_as}'.")
        if args.code_with:
            done = analysis.code_all(result.passages, _codes(service, [args.code_with])[0])
            print(f"Coded {done} passages with '{args.code_with}'.")
    return 0


def matrix(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        scope, rows = _scope(service, args), _codes(service, args.codes)
        if args.cases:
            result = service.analysis.case_overview(rows, subcodes=not args.no_subcodes, scope=scope)
        else:
            result = service.analysis.matrix(args.columns, attribute=args.attribute, code_ids=rows,
                                             groups=parse_bins(args.groups) if args.groups else (),
                                             column_codes=_codes(service, args.column_codes),
                                             subcodes=not args.no_subcodes, scope=scope)
        cells = [[result.value(r, c, args.measure, args.percent) for c in range(len(result.columns))]
                 for r in range(len(result.rows))]
        payload = {"measure": args.measure, "percent": args.percent, "rows": [r.label for r in result.rows],
                   "columns": [c.label for c in result.columns], "cells": cells,
                   "row_totals": [t.measure(args.measure) for t in result.row_totals],
                   "column_totals": [t.measure(args.measure) for t in result.column_totals],
                   "total": result.total.measure(args.measure)}
        if args.chart is not None:
            if args.cases or args.columns != "attribute":
                raise AnnotatorError("A chart splits the codes by an attribute's values: use --attribute without "
                                     "--cases or other --columns.")
            from annotator.reports.charts import (  # matplotlib only for a chart
                code_frequency_figure,
                save_figure,
            )

            name = service.people.attribute(args.attribute).name
            save_figure(code_frequency_figure(result, measure=args.measure, percentage=args.percent,
                                              attribute=name.capitalize()), args.chart)
        _emit(service, args, result, payload, measure=args.measure, percentage=args.percent)
    return 0


def cooccurrence_command(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        result = service.analysis.cooccurrence(_codes(service, args.codes), relation=args.relation,
                                               subcodes=args.subcodes, scope=_scope(service, args))
        labels = [h.label for h in result.codes]
        payload = {"relation": result.relation, "codes": labels, "frequencies": result.frequencies,
                   "pairs": [{"codes": [labels[i], labels[j]], "n12": n, "c": round(c, 4)}
                             for i, j, n, c in result.pairs()]}
        for path in (args.csv, args.xlsx, args.docx):
            if path is not None:
                service.analysis.export(result, path, coefficient=args.coefficient)
        if args.chart is not None:
            from annotator.reports.charts import (
                save_figure,  # matplotlib only for a chart
            )
            from annotator.reports.network_chart import cooccurrence_network_figure

            save_figure(cooccurrence_network_figure(result, measure="coefficient" if args.coefficient else "count"),
                        args.chart)
        if args.json:
            print(json.dumps(payload, indent=1, ensure_ascii=False))
        else:  # a wide table reads badly in a terminal: the pairs, most frequent first
            print(f"Code co-occurrence by {result.relation}: {len(payload['pairs'])} pairs")
            for pair in payload["pairs"]:
                print(f"{pair['n12']:>4}  c={pair['c']:.3f}  {pair['codes'][0]}  x  {pair['codes'][1]}")
    return 0


def saturation(args: argparse.Namespace) -> int:
    depth = int(args.depth) if args.depth.isdigit() else args.depth
    options = {"depth": depth, "base_size": args.base, "run_length": args.run, "threshold": args.threshold / 100}
    unit = depth if depth in ("themes", "subthemes") else "codes"
    with ProjectService.open(args.project, readonly=True) as service:
        scope = _scope(service, args)
        book = service.codebook.codebook
        results = (service.analysis.saturation_by_coder(scope=scope, **options) if args.by_coder
                   else {None: service.analysis.saturation(scope=scope, **options)})
        payload = {}
        for coder, result in results.items():
            payload[coder or "all coders"] = {
                "saturation": result.label, "reached_at": result.reached_at, "base_size": result.base_size,
                "run_length": result.run_length, "threshold_percent": 100 * result.threshold,
                "base_codes": result.base_codes, "note": result.note,
                "interviews": [{"number": i.number, "document": i.label, "codes": len(i.codes),
                                "new": sorted(book.path(c) for c in i.new), "cumulative": i.cumulative}
                               for i in result.interviews],
                "runs": [{"first": r.first, "last": r.last, "new": r.new, "percent": round(100 * r.ratio, 2),
                          "at_or_below": r.at_or_below} for r in result.runs]}
        if args.json:
            print(json.dumps(payload if args.by_coder else payload["all coders"], indent=1, ensure_ascii=False))
        for coder, result in results.items():
            suffix = f"-{coder}" if args.by_coder else ""
            for path in (args.csv, args.xlsx, args.docx):
                if path is not None:
                    service.analysis.export(result, path.with_stem(path.stem + suffix), unit=unit)
            if args.chart is not None:
                from annotator.reports.charts import (  # matplotlib only for a chart
                    saturation_figure,
                    save_figure,
                )

                save_figure(saturation_figure(result, unit=unit), args.chart.with_stem(args.chart.stem + suffix))
            if not args.json:
                if coder:
                    print(f"\n{coder}")
                _print_table(service.analysis.table(result))
                print(f"Saturation: {result.label}" + (f" ({result.note})" if result.note else ""))
    return 0


def frequencies(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, readonly=True) as service:
        analysis = service.analysis
        scope = _scope(service, args, participants_only=not args.all_speakers)
        source = TextSource()
        if args.code:
            source = TextSource(code_id=_codes(service, [args.code])[0])
        elif args.query:
            source = TextSource(result=analysis.query(args.query, mode=args.mode, scope=scope))
        stop = None
        if args.stop_words:
            try:
                stop = args.stop_words.read_text("utf-8").split()
            except (OSError, UnicodeDecodeError) as exc:
                raise AnnotatorError(f"{args.stop_words.name} could not be read as UTF-8 text.") from exc
        if args.kwic:
            lines = analysis.keyword_in_context(args.kwic, source, stemmed=args.stemmed, width=args.width,
                                                scope=scope)
            names = {d.id: d.name for d in service.documents(shares=False)}
            payload = [{"document": names[k.document_id], "start": k.start, "end": k.end, "before": k.before,
                        "keyword": k.keyword, "after": k.after} for k in lines]
            _emit(service, args, lines, payload)
            return 0
        result = analysis.frequencies(source, stemmed=args.stemmed, min_length=args.min_length,
                                      top=args.top or None, stop_words=stop, scope=scope)
        payload = {"stemmed": result.stemmed, "total_words": result.total_words,
                   "counted_words": result.counted_words,
                   "words": [{"word": w.word, "count": w.count, "share": round(w.share, 3),
                              "forms": dict(w.forms)} for w in result.words]}
        _emit(service, args, result, payload)
    return 0
