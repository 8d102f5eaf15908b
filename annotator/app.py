"""The `annotator` entry point: a subcommand runs headless (cli), anything else opens the app (gui)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from annotator.cli import COMMANDS

    if args and (args[0] in COMMANDS or args[0].startswith("-")):
        from annotator.cli import main as cli_main

        return cli_main(args)
    if len(args) > 1:
        print("annotator: give at most one project file to open (or a subcommand: see annotator --help)",
              file=sys.stderr)
        return 2
    from annotator.gui.main import (
        run_gui,  # Qt is imported only when the app is really opened
    )

    return run_gui(args[0] if args else None)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
