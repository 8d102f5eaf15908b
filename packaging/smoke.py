"""Smoke test of the built Linux package, as a researcher's machine would meet it: `python3 packaging/smoke.py`.

Unpacks dist/annotator-*-linux-*.tar.gz into a fresh folder outside the repository and installs it there with
its install.sh (into a throwaway home: menu entry, icon, .annotator file type), then runs the installed app with a
clean environment (env -i: no venv, no PYTHONPATH, PATH=/usr/bin:/bin) and, where it may (root: a private mount
namespace), with every Python on the machine and this repository hidden behind empty folders:
- `annotator --version` gives pyproject.toml's version;
- `annotator --smoke-test` builds the demo, detects identifiers (one and two processes), applies pseudonyms,
  writes a coded report and a .qdpx, opens the window as on a first launch and reads Help > About, watched by an
  audit hook for any network use, and by strace (where installed) for any internet socket the native code opens;
- `annotator info` reads the demo in a process of its own;
- the cold start: the page cache dropped (--drop-caches, root), the time from launch to the main window painted on
  the demo project; then the same again warm.
Uninstalls at the end and checks nothing is left. Prints `SMOKE-PACKAGE {...}` with the figures; exits 1 on any
failure. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIME = "application/x-annotator-project"
# Where a Python could be found: each is hidden behind an empty tmpfs when the run may use a mount namespace.
PYTHON_PLACES = ["/usr/lib/python3", "/usr/local/lib", "/root/.pyenv", "/opt/pypi", "/opt/wheels", "/usr/share/python3"]
PYTHON_PLACES += [str(p) for p in Path("/usr/lib").glob("python3.*")]


class Failed(Exception):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise Failed(what)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What `env -i` leaves, plus what a desktop session always sets."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
            "XDG_RUNTIME_DIR": str(home / "run"), **extra}


def can_hide_python() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"], capture_output=True)
    return probe.returncode == 0


def hidden(command: list[str], hide: list[str]) -> list[str]:
    """The command in a private mount namespace with each of `hide` (that exists) under an empty tmpfs: proof
    that the bundle needs no Python of the machine's, and nothing from this checkout."""
    mounts = " ".join(f"mount -t tmpfs -o ro,size=1k none '{p}' &&" for p in hide if Path(p).is_dir())
    probe = "! python3 -c 'import encodings' 2>/dev/null && ! /usr/bin/python3 -c '' 2>/dev/null &&"
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c",
            f"{mounts} {probe} exec \"$0\" \"$@\"", *command]


def run(command: list[str], env: dict[str, str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return result


def json_line(result: subprocess.CompletedProcess, prefix: str) -> dict:
    line = next((x for x in result.stdout.splitlines() if x.startswith(prefix + " ")), None)
    if line is None:
        raise Failed(f"no {prefix} line (exit {result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return json.loads(line[len(prefix) + 1:])


def internet_sockets(trace: Path) -> list[str]:
    """strace lines where the process (or a child) connected or sent to an internet address."""
    lines = trace.read_text(errors="replace").splitlines() if trace.exists() else []
    return [x for x in lines if re.search(r"sa_family=AF_INET6?\b", x) and ("connect(" in x or "send" in x)]


def unpack(tarball: Path, folder: Path) -> Path:
    with tarfile.open(tarball) as archive:
        try:
            archive.extractall(folder, filter="tar")
        except TypeError:  # Python 3.11 before 3.11.4 has no extraction filters
            archive.extractall(folder)
    (top,) = folder.iterdir()
    return top


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def install_checks(base: Path, home: Path, env: dict[str, str]) -> dict:
    data = home / ".local" / "share"
    desktop = data / "applications" / "annotator.desktop"
    app = home / ".local" / "opt" / "annotator" / "annotator"
    check((home / ".local" / "bin" / "annotator").resolve() == app.resolve() and os.access(app, os.X_OK),
          "install.sh did not install the app and its command")
    text = desktop.read_text()
    check(f'Exec="{app}" %f' in text and f"MimeType={MIME};" in text, f"the menu entry is wrong:\n{text}")
    check((data / "icons/hicolor/scalable/apps/annotator.svg").exists(), "the icon is not installed")
    check((data / "mime/packages/annotator.xml").exists(), "the MIME type is not installed")
    found = {"desktop_entry": True}
    if shutil.which("desktop-file-validate"):
        valid = run(["desktop-file-validate", str(desktop)], env, base)
        check(valid.returncode == 0 and not valid.stdout.strip(), f"desktop-file-validate: {valid.stdout}")
        found["desktop_entry_valid"] = True
    if shutil.which("update-mime-database"):
        globs = (data / "mime" / "globs2").read_text()
        check(f"{MIME}:*.annotator" in globs, "the MIME database has no *.annotator glob")
        found["mime_database"] = True
    if shutil.which("xdg-mime"):
        project = base / "double-click-me.annotator"
        project.write_bytes(b"SQLite format 3\x00" + bytes(100))
        kind = run(["xdg-mime", "query", "filetype", str(project)], env, base).stdout.strip()
        default = run(["xdg-mime", "query", "default", MIME], env, base).stdout.strip()
        check(kind == MIME, f"xdg-mime sees a .annotator file as {kind!r}")
        check(default == "annotator.desktop", f"xdg-mime opens .annotator files with {default!r}")
        found["opens_with"] = default
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tarball", type=Path, help="default: the newest dist/annotator-*-linux-*.tar.gz")
    parser.add_argument("--drop-caches", action="store_true", help="empty the page cache before the cold start")
    parser.add_argument("--keep", action="store_true", help="keep the test folder (its path is printed)")
    args = parser.parse_args(argv)
    tarballs = sorted((ROOT / "dist").glob("annotator-*-linux-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    tarball = args.tarball or (tarballs[-1] if tarballs else None)
    if tarball is None or not tarball.exists():
        print("smoke.py: no package: run python3 packaging/build.py first", file=sys.stderr)
        return 1
    expected = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    base = Path(tempfile.mkdtemp(prefix="annotator-smoke-"))  # under /tmp: outside the repository
    home = base / "home"
    (home / "run").mkdir(parents=True)
    (home / "run").chmod(0o700)
    env = clean_env(home)
    report: dict = {"package": tarball.name, "package_mb": round(tarball.stat().st_size / 1e6, 1)}
    try:
        top = unpack(tarball, base / "unpacked")
        report["bundle_mb"] = round(sum(p.lstat().st_size for p in (top / "annotator").rglob("*")) / 1e6, 1)
        installed = run(["sh", str(top / "install.sh")], env, base)
        check(installed.returncode == 0, f"install.sh failed: {installed.stdout}{installed.stderr}")
        report["install"] = install_checks(base, home, env)
        shutil.rmtree(top / "annotator")  # from here on only the installed copy exists
        app = str(home / ".local" / "bin" / "annotator")

        hide = [p for p in PYTHON_PLACES if Path(p).is_dir()] + [str(ROOT)] if can_hide_python() else []
        report["python_hidden"] = bool(hide)
        wrap = (lambda c: hidden(c, hide)) if hide else (lambda c: c)

        version = run(wrap([app, "--version"]), env, base)
        check(version.returncode == 0 and version.stdout.strip() == f"annotator {expected}",
              f"annotator --version: {version.stdout!r} {version.stderr[-2000:]!r} (expected {expected})")
        report["version"] = expected

        out = base / "out"
        command = wrap([app, "--smoke-test", str(out)])
        trace = base / "strace.txt"
        if shutil.which("strace"):
            command = ["strace", "-f", "-qq", "-e", "signal=none", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace),
                       *command]
        began = time.monotonic()
        smoke = run(command, env, base)
        report["smoke_seconds"] = round(time.monotonic() - began, 1)
        inside = json_line(smoke, "SMOKE")
        check(inside.get("ok") is True and smoke.returncode == 0,
              f"the smoke test inside the bundle failed: {inside.get('error')} {smoke.stderr[-3000:]}")
        check(inside["network_events"] == [], f"network use seen by the audit hook: {inside['network_events']}")
        check(inside["frozen"] is True, "the smoke test did not run in the bundle")
        report["strace_checked"] = trace.exists()
        sockets = internet_sockets(trace)
        check(not sockets, "internet sockets opened by native code:\n" + "\n".join(sockets[:10]))
        report.update({k: inside[k] for k in ("steps", "demo", "detected", "outputs", "window")})

        info = run(wrap([app, "info", str(out / "demo.annotator"), "--json"]), env, base)
        check(info.returncode == 0 and json.loads(info.stdout)["documents"] == 8, f"annotator info: {info.stderr}")

        for kind in ("cold", "warm"):
            dropped = kind == "cold" and args.drop_caches and drop_caches()
            started = run(wrap([app, "--smoke-test", "--window", str(out / "demo.annotator")]),
                          clean_env(home, ANNOTATOR_SMOKE_T0=repr(time.time())), base)
            window = json_line(started, "WINDOW")
            check(started.returncode == 0 and window["network_events"] == [], f"{kind} start failed: {window}")
            report[f"{kind}_start_s"] = window["painted_after_s"]
            if kind == "cold":
                report["page_cache_dropped"] = dropped

        removed = run(["sh", str(top / "install.sh"), "--uninstall"], env, base)
        app_data = home / ".local" / "share" / "Annotator"  # the demo and settings: the user's, and kept
        left = [p for p in (home / ".local").rglob("*annotator*") if app_data not in p.parents]
        associations = home / ".config" / "mimeapps.list"
        left += [associations] if MIME in (associations.read_text() if associations.exists() else "") else []
        check(removed.returncode == 0 and not left, f"uninstall left {left}")
        report["uninstall"] = "clean"
        report["ok"] = True
    except (Failed, subprocess.TimeoutExpired, OSError, ValueError, KeyError) as exc:
        report["ok"], report["error"] = False, f"{type(exc).__name__}: {exc}"
    finally:
        if args.keep or not report.get("ok"):
            report["folder"] = str(base)
        else:
            shutil.rmtree(base, ignore_errors=True)
    print("SMOKE-PACKAGE " + json.dumps(report), flush=True)
    if not report["ok"]:
        print(f"smoke.py: FAILED: {report['error']}", file=sys.stderr)
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
