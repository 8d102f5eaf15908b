"""The packaged app's entry point: what the installed `annotator` command is, plus `--smoke-test` for CI.

`annotator --smoke-test FOLDER` runs packaging/annotator_smoke.py inside the bundle (demo, detection, report,
.qdpx, the window) and prints one JSON line; everything else goes to annotator.app.main, as from a pip install.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    # Two-core detection starts worker processes; where they are spawned (Windows, macOS) they re-run this
    # executable, and freeze_support() turns them into workers instead of second copies of the app.
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["--smoke-test"]:
        from annotator_smoke import main as smoke

        sys.exit(smoke(sys.argv[2:]))
    from annotator.app import main

    sys.exit(main())
