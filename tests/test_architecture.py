"""The layered architecture (import-linter contracts in pyproject.toml) and the no-network promise."""

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test."""
    attempts = []

    class GuardedSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            attempts.append(args)
            raise AssertionError("Annotator tried to open a network socket")

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: GuardedSocket())
    yield attempts
    assert attempts == []


def test_demo_import_deid_and_cli_open_no_socket(no_network, tmp_path, samples):
    from annotator.cli import main
    from annotator.services.demo import build_demo

    service, _ = build_demo(tmp_path / "demo.annotator", deidentify=False)
    service.import_files(sorted(samples.glob("*.docx")))  # duplicates, reported
    service.deid.detect()  # loads the language model from the installed package
    service.deid.accept_all()
    service.deid.apply(service.deid.new_key(), tmp_path / "study.key", "passphrase")
    service.retrieval.search("naloxone")
    service.close()
    assert main(["info", str(tmp_path / "demo.annotator"), "--json"]) == 0
