"""`annotator encrypt | decrypt | passphrase | backups`: encryption at rest and the project's backups.

A project's passphrase comes from the environment variable ANNOTATOR_PROJECT_PASSPHRASE or, at a terminal, a masked
prompt; a new one (for `passphrase`) from ANNOTATOR_NEW_PROJECT_PASSPHRASE or a prompt asked twice. Never from an
argument, which would leave it in the shell history and in the process list.
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
from annotator.services import passphrases, project_encryption
from annotator.services.backup_service import restore
from annotator.services.project_service import ProjectService, default_coder
from annotator.storage.backups import list_backups
from annotator.storage.project_file import needs_passphrase

PROJECT_VARIABLE = "ANNOTATOR_PROJECT_PASSPHRASE"
NEW_VARIABLE = "ANNOTATOR_NEW_PROJECT_PASSPHRASE"


def terminal_passphrase(path: Path, why: str = "open") -> str | None:
    """The passphrase source the command line installs: the environment, else a masked prompt at a terminal."""
    value = os.environ.get(PROJECT_VARIABLE)
    if value:
        return value
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"Passphrase for {path.name}: ") or None


def new_passphrase(path: Path, variable: str = PROJECT_VARIABLE) -> str:
    """A passphrase to encrypt with: from `variable`, or typed twice at a terminal."""
    value = os.environ.get(variable)
    if not value and sys.stdin.isatty():
        value = getpass.getpass(f"New passphrase for {path.name}: ")
        if value and getpass.getpass("Repeat it: ") != value:
            raise AnnotatorError("The passphrases did not match; nothing was changed.")
    if not value:
        raise AnnotatorError(f"A passphrase is needed: type it at the prompt, or set {variable}.")
    return project_encryption.check_new_passphrase(value)


def _current(path: Path) -> str:
    return passphrases.ask(path)


def add_security_commands(sub) -> None:
    p = sub.add_parser("encrypt", help="encrypt a project and its backups with a passphrase (SQLCipher)",
                       description="Encrypts the closed project file and every backup of it in place. The passphrase "
                       f"comes from {PROJECT_VARIABLE} or a prompt; without it the project cannot be opened.")
    p.add_argument("project", type=Path)
    p.set_defaults(handler=encrypt_command)

    p = sub.add_parser("decrypt", help="make an encrypted project and its backups plain again")
    p.add_argument("project", type=Path)
    p.set_defaults(handler=decrypt_command)

    p = sub.add_parser("passphrase", help="change an encrypted project's passphrase (its backups too)",
                       description=f"The current passphrase from {PROJECT_VARIABLE} or a prompt, the new one from "
                       f"{NEW_VARIABLE} or a prompt asked twice.")
    p.add_argument("project", type=Path)
    p.set_defaults(handler=passphrase_command)

    p = sub.add_parser("backups", help="list a project's backups, restore one, remove them, or set how many to keep",
                       description="Backups are taken when a project is opened, every few minutes of changes and "
                       "before de-identification, merges and imports, into PROJECT-backups/ beside it; each is a "
                       "project, encrypted like its source. Backups taken before de-identification hold the originals.")
    p.add_argument("project", type=Path)
    p.add_argument("--restore", type=int, metavar="N", help="put backup N (1 = newest) in the project's place; the "
                   "project as it is now is backed up first")
    p.add_argument("--remove-before-deid", action="store_true",
                   help="remove the backups taken before the latest de-identification (they hold the originals)")
    p.add_argument("--keep", type=int, metavar="K", help="keep the newest K backups (default 10)")
    p.add_argument("--every", type=float, metavar="MINUTES", help="back up after this many minutes of changes "
                   "(default 15)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=backups_command)


def new_project_passphrase(args: argparse.Namespace) -> str | None:
    """For `annotator new --encrypted`."""
    return new_passphrase(args.project) if getattr(args, "encrypted", False) else None


def encrypt_command(args: argparse.Namespace) -> int:
    files = project_encryption.encrypt(args.project, new_passphrase(args.project), default_coder())
    print(f"Encrypted {args.project} ({counted(files, 'file')}, backups included). Keep the passphrase safe: "
          "without it nobody, you included, can open the project.")
    return 0


def decrypt_command(args: argparse.Namespace) -> int:
    files = project_encryption.decrypt(args.project, _current(args.project), default_coder())
    print(f"Decrypted {args.project} ({counted(files, 'file')}, backups included); anyone who can read the files "
          "can now read the project.")
    return 0


def passphrase_command(args: argparse.Namespace) -> int:
    old = _current(args.project)
    files = project_encryption.change_passphrase(args.project, old, new_passphrase(args.project, NEW_VARIABLE),
                                                 default_coder())
    print(f"Changed the passphrase of {args.project} ({counted(files, 'file')}, backups included).")
    return 0


def backups_command(args: argparse.Namespace) -> int:
    if args.restore is not None:
        passphrase = _current(args.project) if needs_passphrase(args.project) else None
        backup, safety = restore(args.project, args.restore, passphrase)
        print(f"Restored {args.project} from the backup of {backup.describe}; the project as it was is kept at "
              f"{safety}.")
        return 0
    if args.keep is not None or args.every is not None or args.remove_before_deid:
        with ProjectService.open(args.project, backup=False) as service:
            if args.keep is not None or args.every is not None:
                service.backups.set_policy(keep=args.keep, minutes=args.every)
            if args.remove_before_deid:
                removed = service.backups.remove(service.backups.holding_originals())
                print(f"Removed {counted(removed, 'backup')} taken before de-identification.")
    found = list_backups(args.project)
    if args.json:
        print(json.dumps([{"number": b.number, "taken": b.taken.isoformat(), "reason": b.reason,
                           "path": str(b.path), "bytes": b.size} for b in found], indent=1))
        return 0
    for b in found:
        print(f"{b.number:>3}  {b.describe:<36} {b.size / 1e6:8.1f} MB  {b.path.name}")
    folder = found[0].path.parent if found else Path(f"{args.project}-backups")
    print(f"{counted(len(found), 'backup')} in {folder}")
    return 0
