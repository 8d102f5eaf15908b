"""Every service test again, on encrypted projects (SQLCipher): search, reports, exchange, merge and
de-identification all work on them, and every project the suite made was encrypted (see conftest.py)."""

import os
import subprocess
import sys

from tests.conftest import ROOT
from tests.services.conftest import ENCRYPTED


def test_the_whole_service_suite_passes_on_encrypted_projects():
    if ENCRYPTED:  # already the encrypted run: do not recurse
        return
    env = {**os.environ, "ANNOTATOR_TEST_PROJECTS": "encrypted", "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests/services",
                          "--deselect", "tests/services/test_encrypted_suite.py"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and " failed" not in run.stdout
