"""Two trims of the Linux bundle: the Qt plugins a desktop Annotator never loads, with the libraries only they
need; and the debug information that spaCy's, thinc's and blis's compiled modules ship with (about 150 MB).

PyInstaller collects every plugin of each Qt module the app imports. Two kinds cost more than their size: the GTK 3
platform theme would load a bundled GTK (built on the build machine) into a GNOME session beside the system's own
themes and modules; the VNC, EGLFS and framebuffer platforms and the network-information and TLS back ends serve
kiosks and networking the app does not do. xcb (X11), wayland, offscreen and minimal stay; so does the XDG desktop
portal theme, which gives native file dialogs on GNOME and KDE.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

DROPPED_PLUGINS = (
    "platformthemes/libqgtk3", "platforms/libqvnc", "platforms/libqeglfs", "platforms/libqlinuxfb",
    "platforms/libqminimalegl", "platforms/libqvkkhrdisplay", "egldeviceintegrations/", "networkinformation/",
    "tls/",
)


def _dropped(dest: str) -> bool:
    dest = dest.replace("\\", "/")
    return "/plugins/" in dest and any(f"/plugins/{p}" in dest for p in DROPPED_PLUGINS)


def prune(binaries: list[tuple[str, str, str]]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(kept binaries, names left out): the dropped plugins, and every library that only they link to."""
    from PyInstaller.depend.bindepend import get_imports

    by_name = {Path(entry[0]).name: entry for entry in binaries}

    def needed(entries) -> set[str]:
        seen: set[str] = set()
        todo = list(entries)
        while todo:
            _, src, _ = todo.pop()
            for name, _path in get_imports(src):
                base = Path(name).name
                if base in by_name and base not in seen:
                    seen.add(base)
                    todo.append(by_name[base])
        return seen

    dropped = [e for e in binaries if _dropped(e[0])]
    candidates = needed(dropped)  # what the dropped plugins link to, directly or through each other
    roots = [e for e in binaries if not _dropped(e[0]) and Path(e[0]).name not in candidates]
    orphans = candidates - needed(roots) - {Path(e[0]).name for e in roots}
    result = [e for e in binaries if not _dropped(e[0]) and Path(e[0]).name not in orphans]
    return result, sorted([Path(e[0]).name for e in dropped] + sorted(orphans))


def prune_links(datas: list[tuple[str, str, str]], left_out: list[str]) -> list[tuple[str, str, str]]:
    """The data TOC without the top-level symbolic links PyInstaller made to the libraries left out."""
    gone = set(left_out)
    return [e for e in datas if not (e[2] == "SYMLINK" and Path(e[1]).name in gone)]


def strip_debug_info(binaries: list[tuple[str, str, str]], cache: Path) -> tuple[list[tuple[str, str, str]], int]:
    """(binaries, bytes saved): each library or extension module that carries debug information replaced by a
    copy without it (`strip --strip-debug`, cached in `cache`). Files that auditwheel patched (an RPATH or RUNPATH,
    or vendored into a *.libs folder) are left alone: stripping a patchelf-edited file misaligns its segments
    (numpy's OpenBLAS then fails with "ELF load command address/offset not page-aligned"). PyInstaller's own
    strip=True option strips everything, and breaks exactly those."""
    if not (shutil.which("strip") and shutil.which("readelf")):
        print("strip/readelf (binutils) not found: the bundle keeps its debug information")
        return binaries, 0
    result, saved = [], 0
    for dest, src, typecode in binaries:
        if typecode in ("BINARY", "EXTENSION") and ".libs/" not in dest.replace("\\", "/"):
            elf = subprocess.run(["readelf", "-S", "-d", "-W", src], capture_output=True, text=True).stdout
            if ".debug_info" in elf and "RPATH" not in elf and "RUNPATH" not in elf:
                copy = cache / dest
                if not copy.exists() or copy.stat().st_mtime < Path(src).stat().st_mtime:
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, copy)
                    subprocess.run(["strip", "--strip-debug", str(copy)], check=True)
                saved += Path(src).stat().st_size - copy.stat().st_size
                src = str(copy)
        result.append((dest, src, typecode))
    return result, saved
