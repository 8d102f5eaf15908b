"""The layered architecture (import-linter contracts in pyproject.toml) and the no-network promise."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_import_contracts_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is part of the test extra"
    result = subprocess.run([lint, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_and_services_do_not_load_qt():
    code = ("import sys, annotator.cli, annotator.services.demo, annotator.storage, annotator.importers;"
            "print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "False", result.stderr


# The whole flow in a fresh process (so nothing imported by an earlier test hides a socket), watched by an audit
# hook: any connection, any name lookup, any datagram sent, or a socket bound anywhere but loopback fails it.
# (urllib3, which spaCy's config loading imports, binds a socket to ::1 once to ask whether IPv6 exists; that
# never leaves the machine and is the only socket allowed.)
NO_NETWORK_FLOW = """
import sys, json
events = []
LOOPBACK = ("::1", "127.0.0.1", "localhost")
def watch(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
                 "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo"):
        events.append(event)
    elif event == "socket.bind" and str(args[1][0]) not in LOOPBACK:
        events.append(event + " " + str(args[1][0]))
sys.addaudithook(watch)
import os, tempfile
from pathlib import Path
tmp = Path(sys.argv[1])
from annotator.cli import main
from annotator.services.demo import build_demo, sample_files
service, _ = build_demo(tmp / "demo.annotator", deidentify=False)
service.import_files([p for p in sample_files() if p.suffix == ".docx"])  # duplicates, reported
service.deid.detect()  # loads the language model from the installed package
service.deid.accept_all()
service.deid.apply(service.deid.new_key(), tmp / "study.key", "passphrase")
service.retrieval.search("naloxone")
service.analysis.saturation()
service.close()
assert main(["info", str(tmp / "demo.annotator"), "--json"]) == 0
from PySide6.QtWidgets import QApplication
app = QApplication([])
from annotator.gui.main_window import MainWindow
from annotator.services.project_service import ProjectService
window = MainWindow(ProjectService.open(tmp / "demo.annotator"))
window.show()
app.processEvents()
window.close()
print("EVENTS", json.dumps(events))
"""


def test_demo_import_deid_cli_and_window_open_no_network_connection(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", NO_NETWORK_FLOW, str(tmp_path)], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    line = next(x for x in run.stdout.splitlines() if x.startswith("EVENTS "))
    assert line == "EVENTS []", line


def test_the_test_session_itself_cannot_reach_the_network():
    """The autouse fixture in tests/conftest.py: a connection beyond this machine fails at the interpreter level."""
    import socket

    import pytest

    from tests import conftest

    with pytest.raises(OSError, match="network access is not allowed"):
        socket.create_connection(("192.0.2.1", 9), timeout=1)  # TEST-NET-1: would go nowhere anyway
    with pytest.raises(OSError, match="network access is not allowed"):
        socket.getaddrinfo("pypi.org", 443)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as raw, pytest.raises(OSError, match="not allowed"):
        raw.connect(("192.0.2.1", 9))
    assert conftest.network_attempts == ["socket.getaddrinfo 192.0.2.1", "socket.getaddrinfo pypi.org",
                                         "socket.connect 192.0.2.1"]
    conftest.network_attempts.clear()  # expected here: the fixture must not fail this test
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as local:  # loopback stays allowed
        local.bind(("127.0.0.1", 0))
