"""Build the packaged Annotator for this system with one command: `python3 packaging/build.py`.

Makes a clean build venv (build/venv: the project as a wheel, never editable, plus the pinned PyInstaller in
packaging/requirements.txt), runs packaging/annotator.spec, then wraps the result for this system:
- Linux: dist/annotator/ (the folder bundle) and dist/annotator-VERSION-linux-ARCH.tar.gz (the bundle, install.sh,
  the .desktop entry, the icon and the .annotator MIME type);
- Windows: dist/annotator/ (Annotator.exe, annotator-cli.exe) and, where Inno Setup's ISCC.exe is found,
  dist/Annotator-VERSION-setup.exe;
- macOS: dist/Annotator.app (signed when ANNOTATOR_CODESIGN_IDENTITY is set) and dist/Annotator-VERSION.dmg.
Standard library only, so any Python 3.11+ runs it. Prints one JSON line of what it made, with sizes and times.
See packaging/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"


def run(*command: str | Path, **kwargs) -> subprocess.CompletedProcess:
    print("+", " ".join(map(str, command)), flush=True)
    return subprocess.run([str(c) for c in command], check=True, **kwargs)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def prepare_venv(venv: Path) -> Path:
    """The build venv with the project installed from this tree as a wheel (what a user's pip install gets: the
    package data and metadata as they ship) and PyInstaller; kept between builds, the project reinstalled."""
    python = venv_python(venv)
    if not python.exists():
        run(sys.executable, "-m", "venv", venv)
    for stale in (ROOT / "build").glob("lib*/annotator"):  # setuptools' in-tree build folder: a module deleted
        shutil.rmtree(stale)                               # from the source would live on in the wheel
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run(*pip, "-r", PACKAGING / "requirements.txt", ROOT)
    run(*pip, "--no-deps", "--force-reinstall", ROOT)  # this tree's code even when the version did not change
    return python


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir())


def linux_tarball(dist: Path, version: str) -> Path:
    """dist/annotator-VERSION-linux-ARCH.tar.gz: one top folder holding the bundle and what installs it."""
    name = f"annotator-{version}-linux-{platform.machine()}"
    stage = dist / name
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    shutil.copytree(dist / "annotator", stage / "annotator", symlinks=True)
    for file in ("install.sh", "annotator.desktop", "annotator-mime.xml", "README.txt"):
        shutil.copy2(PACKAGING / "linux" / file, stage / file)
    shutil.copy2(ROOT / "resources" / "icons" / "annotator.svg", stage / "annotator.svg")
    tarball = dist / f"{name}.tar.gz"
    if shutil.which("tar") and shutil.which("gzip"):  # tar and gzip in two processes: both cores
        run("tar", "-C", dist, "-czf", tarball, name)
    else:
        with tarfile.open(tarball, "w:gz", compresslevel=6) as archive:
            archive.add(stage, arcname=name)
    shutil.rmtree(stage)
    return tarball


def windows_installer(dist: Path, version: str) -> Path | None:
    iscc = shutil.which("iscc") or next((str(p) for p in (
        Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe",
        Path(os.environ.get("ProgramFiles", r"C:\Program Files")) / "Inno Setup 6" / "ISCC.exe") if p.exists()), None)
    if iscc is None:
        print("Inno Setup 6 (ISCC.exe) was not found: dist/annotator/ is built, the installer is not. "
              "See packaging/README.md.", file=sys.stderr)
        return None
    run(iscc, f"/DAppVersion={version}", f"/DSourceDir={dist / 'annotator'}", f"/DRepoDir={ROOT}",
        f"/O{dist}", PACKAGING / "windows" / "annotator.iss")
    return dist / f"Annotator-{version}-setup.exe"


def macos_dmg(dist: Path, version: str) -> Path:
    """A compressed disk image with the app and a link to /Applications, for drag-and-drop install."""
    stage = dist / "dmg"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    run("ditto", dist / "Annotator.app", stage / "Annotator.app")  # ditto keeps signatures and extended attributes
    (stage / "Applications").symlink_to("/Applications")
    dmg = dist / f"Annotator-{version}.dmg"
    dmg.unlink(missing_ok=True)
    run("hdiutil", "create", "-volname", f"Annotator {version}", "-srcfolder", stage, "-fs", "HFS+",
        "-format", "UDZO", "-ov", dmg)
    shutil.rmtree(stage)
    identity = os.environ.get("ANNOTATOR_CODESIGN_IDENTITY")
    if identity:
        run("codesign", "--sign", identity, "--timestamp", dmg)
    return dmg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--venv", type=Path, default=ROOT / "build" / "venv", help="the build venv (default %(default)s)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the results go (default %(default)s)")
    parser.add_argument("--bundle-only", action="store_true", help="only the folder bundle: no archive or installer")
    args = parser.parse_args(argv)
    began = time.monotonic()
    python = prepare_venv(args.venv)
    venv_done = time.monotonic()
    # Both run outside the checkout: `python -m` puts the working folder first on sys.path, and there the source
    # tree's annotator/ (without resources/, sample_transcripts/ or metadata) would stand in for the installed one.
    work = ROOT / "build" / "pyinstaller"
    work.mkdir(parents=True, exist_ok=True)
    version = subprocess.run([python, "-c", "import annotator; print(annotator.__version__)"], check=True,
                             capture_output=True, text=True, cwd=work).stdout.strip()
    run(python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", args.dist.resolve(),
        "--workpath", work, PACKAGING / "annotator.spec", cwd=work,
        env={**os.environ, "ANNOTATOR_BUILD_DIR": str(work)})
    bundle_done = time.monotonic()
    bundle = args.dist / ("Annotator.app" if MACOS else "annotator")
    made = {"bundle": str(bundle), "bundle_mb": round(folder_size(bundle) / 1e6, 1)}
    if not args.bundle_only:
        package = (windows_installer(args.dist, version) if WINDOWS else macos_dmg(args.dist, version) if MACOS
                   else linux_tarball(args.dist, version))
        if package is not None:
            made.update(package=str(package), package_mb=round(package.stat().st_size / 1e6, 1))
    end = time.monotonic()
    print("BUILD " + json.dumps({"version": version, **made, "seconds": {
        "venv": round(venv_done - began), "pyinstaller": round(bundle_done - venv_done),
        "package": round(end - bundle_done), "total": round(end - began)}}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
