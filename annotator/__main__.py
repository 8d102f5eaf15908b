"""`python -m annotator` does what the `annotator` command does."""

import sys

from annotator.app import main

sys.exit(main())
