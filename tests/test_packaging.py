"""The packaging recipe's parts that can be checked without building (CI builds and smoke-tests the real bundle
after the suite: packaging/build.py, packaging/smoke.py): the wheel carries every package, one version everywhere,
the Linux menu entry, file type and install script agree and work."""

import importlib.metadata
import os
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
LINUX = ROOT / "packaging" / "linux"


def test_the_wheel_lists_every_package():
    """A package missing here is missing from `pip install .` and from the bundle (annotator.cli once was)."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "annotator").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"


def test_one_version_from_the_metadata():
    import annotator

    expected = PYPROJECT["project"]["version"]
    assert annotator.__version__ == importlib.metadata.version("annotator") == expected
    run = subprocess.run([sys.executable, "-m", "annotator", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.strip() == f"annotator {expected}"


def test_the_packaged_entry_point_is_the_annotator_command():
    run = subprocess.run([sys.executable, str(ROOT / "packaging" / "entry.py"), "--version"], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 0 and run.stdout.strip() == f"annotator {PYPROJECT['project']['version']}"


def test_menu_entry_and_file_type_agree():
    entry = dict(line.split("=", 1) for line in (LINUX / "annotator.desktop").read_text().splitlines() if "=" in line)
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(LINUX / "annotator-mime.xml").getroot().find("m:mime-type", ns)
    assert entry["MimeType"] == mime.get("type") + ";"
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == ["*.annotator"]
    assert entry["Exec"] == "annotator %f" and entry["Icon"] == "annotator" and entry["Type"] == "Application"


def test_install_script_installs_and_uninstalls_for_the_user(tmp_path):
    package = tmp_path / "annotator-0-linux"
    (package / "annotator").mkdir(parents=True)
    app = package / "annotator" / "annotator"
    app.write_text("#!/bin/sh\necho started \"$@\"\n")
    app.chmod(0o755)
    for name in ("install.sh", "annotator.desktop", "annotator-mime.xml"):
        (package / name).write_bytes((LINUX / name).read_bytes())
    (package / "annotator.svg").write_bytes((ROOT / "resources" / "icons" / "annotator.svg").read_bytes())
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    run = subprocess.run(["sh", str(package / "install.sh")], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    data = home / ".local" / "share"
    installed = home / ".local" / "opt" / "annotator" / "annotator"
    assert subprocess.run([str(home / ".local/bin/annotator"), "x.annotator"], capture_output=True,
                          text=True).stdout == "started x.annotator\n"
    assert f'Exec="{installed}" %f' in (data / "applications" / "annotator.desktop").read_text()
    assert (data / "mime/packages/annotator.xml").exists()
    assert (data / "icons/hicolor/scalable/apps/annotator.svg").exists()

    run = subprocess.run(["sh", str(package / "install.sh"), "--uninstall"], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert not [p for p in (home / ".local").rglob("*annotator*")]


def test_the_smoke_runner_spots_internet_sockets_in_a_trace(tmp_path):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from smoke import internet_sockets
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    trace = tmp_path / "trace.txt"
    trace.write_text(
        '12 connect(6, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT\n'
        '12 connect(3, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("192.0.2.1")}, 16) = 0\n'
        '13 sendto(4, "x", 1, 0, {sa_family=AF_INET6, sin6_port=htons(53)}, 28) = 1\n')
    assert [line.split()[0] for line in internet_sockets(trace)] == ["12", "13"]
    assert "AF_INET," in internet_sockets(trace)[0]
