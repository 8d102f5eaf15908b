"""The headless command line: `annotator SUBCOMMAND ...`. Scriptable; JSON where a machine reads the output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from annotator import __version__
from annotator.cli import commands
from annotator.cli.analysis import add_analysis_commands
from annotator.cli.audit import add_audit_commands
from annotator.cli.collaboration import add_collaboration_commands
from annotator.cli.deid import add_deid_commands
from annotator.cli.exchange import add_exchange_commands
from annotator.cli.reports import add_report_commands
from annotator.cli.security import add_security_commands, terminal_passphrase
from annotator.core.errors import AnnotatorError
from annotator.importers import SUPPORTED_SUFFIXES
from annotator.services import passphrases
from annotator.storage.connection import Error as StorageError

_HANDLERS = {"new": commands.new, "import": commands.import_, "info": commands.info, "documents": commands.documents,
             "speakers": commands.speakers, "codes": commands.codes, "retrieve": commands.retrieve,
             "search": commands.search, "demo": commands.demo}


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
    p.add_argument("--encrypted", action="store_true", help="encrypt it with a passphrase (from "
                   "ANNOTATOR_PROJECT_PASSPHRASE or a prompt)")

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
    p.add_argument("--where", action="append", default=[], metavar="ATTR=VALUE",
                   help="only participants matching (also <, <=, >, >=, !=); repeat to combine")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("search", help="full-text search over all transcripts")
    p.add_argument("project", type=_project_path)
    p.add_argument("query", help='words (all must occur), "a phrase", or prefix*')
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("demo", help="build the demo project from the bundled fictional sample transcripts")
    p.add_argument("project", type=_project_path)
    p.add_argument("--raw", action="store_true", help="keep the (fictional) names: to try de-identification yourself")
    for name, subparser in sub.choices.items():
        if name in _HANDLERS:
            subparser.set_defaults(handler=_HANDLERS[name])
    add_deid_commands(sub)
    add_report_commands(sub)
    add_exchange_commands(sub)
    add_collaboration_commands(sub)
    add_analysis_commands(sub)
    add_security_commands(sub)
    add_audit_commands(sub)
    return parser


COMMANDS = frozenset({*_HANDLERS, "deid", "report", "participants", "codebook", "qdpx", "merge", "agreement", "query",
                      "matrix", "cooccurrence", "saturation", "frequencies", "encrypt", "decrypt",
                      "passphrase", "backups", "audit"})


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    previous = passphrases.set_source(terminal_passphrase)  # an encrypted project's: environment or prompt
    try:
        return args.handler(args)
    except AnnotatorError as exc:
        print(f"annotator: {exc}", file=sys.stderr)
        return 1
    except UnicodeDecodeError as exc:  # its message names a byte and a position, never the text around it
        print(f"annotator: some text could not be read as UTF-8 ({exc.reason} at position {exc.start}): a damaged "
              "project (restore a backup: annotator backups PROJECT) or a file that is not UTF-8 text.", file=sys.stderr)
        return 1
    except StorageError as exc:  # SQLite's own words name tables and columns, never values
        print(f"annotator: the project file could not be used ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})."
              " If it is damaged, restore a backup (annotator backups PROJECT).", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the interpreter's final flush cannot fail again
        return 0
    except OSError as exc:  # a full disk, a read-only drive, a file that went away: the system's words, no text
        name = f" ({Path(exc.filename).name})" if isinstance(exc.filename, str | os.PathLike) else ""
        print(f"annotator: a file could not be read or written{name}: {exc.strerror or type(exc).__name__}.",
              file=sys.stderr)
        return 1
    finally:
        passphrases.set_source(previous)


