"""Shared fixtures. Qt runs offscreen; every test works on real temporary project files."""

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_transcripts"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def service(tmp_path):
    from annotator.services.project_service import ProjectService

    svc = ProjectService.create(tmp_path / "study.annotator", coder="tester")
    yield svc
    svc.close()


# No test may reach the network (issue 13): an audit hook, installed once for the whole session, makes every
# connection, datagram and name lookup beyond this machine fail at the interpreter level, whatever library tries it,
# and the test that caused it fails too (a library that swallows the error still cannot hide it).
_LOOPBACK = {"127.0.0.1", "::1", "localhost", "0.0.0.0", "", None}
_NETWORK_EVENTS = {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo", "socket.gethostbyname",
                   "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.getnameinfo"}
network_attempts: list[str] = []


def _forbid_network(event, args):
    if event not in _NETWORK_EVENTS:
        return
    import socket

    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        sock, address = args[0], args[1] if len(args) > 1 else None
        if getattr(sock, "family", None) == getattr(socket, "AF_UNIX", object()) or not isinstance(address, tuple):
            return  # a local socket (D-Bus, a pipe between processes)
        host = address[0]
    else:
        host = args[0]
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in _LOOPBACK or str(host).startswith("127."):
        return
    network_attempts.append(f"{event} {host}")
    raise OSError(f"network access is not allowed in the tests ({event} {host})")


@pytest.fixture(autouse=True, scope="session")
def no_network():
    sys.addaudithook(_forbid_network)
    yield


@pytest.fixture(autouse=True)
def network_untouched():
    yield
    tried, network_attempts[:] = list(network_attempts), []
    assert tried == [], f"the test tried to reach the network: {tried}"
