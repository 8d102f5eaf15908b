#!/bin/sh
# Installs Annotator from this folder: the app, a menu entry, its icon, and the .annotator file type, so that
# double-clicking a project opens it. For you alone by default (nothing needs root); --system installs it for
# everyone (run as root). --uninstall removes what the same kind of install put there; projects are never touched.
set -eu

usage() {
    echo "usage: ./install.sh [--system] [--uninstall]"
    echo "  (default)     install for this user: ~/.local/opt/annotator, ~/.local/bin/annotator, ~/.local/share"
    echo "  --system      install for everyone (as root): /opt/annotator, /usr/local/bin/annotator, /usr/local/share"
    echo "  --uninstall   remove it again (with --system for a system install)"
}

here=$(cd "$(dirname "$0")" && pwd)
mode=user
action=install
for arg in "$@"; do
    case $arg in
        --system) mode=system ;;
        --uninstall) action=uninstall ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

if [ "$mode" = system ]; then
    prefix=/opt/annotator
    bindir=/usr/local/bin
    datadir=/usr/local/share
else
    : "${HOME:?HOME is not set}"
    prefix=$HOME/.local/opt/annotator
    bindir=$HOME/.local/bin
    datadir=${XDG_DATA_HOME:-$HOME/.local/share}
fi
mime=application/x-annotator-project
icons=$datadir/icons/hicolor/scalable

# The desktop's caches: each tool is optional (a machine without it still gets the files), and none may fail the
# install.
refresh() {
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$datadir/mime" || true; fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$datadir/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t -f "$datadir/icons/hicolor" >/dev/null 2>&1 || true
    fi
}

if [ "$action" = uninstall ]; then
    rm -rf "$prefix"
    [ "$(readlink "$bindir/annotator" 2>/dev/null || true)" = "$prefix/annotator" ] && rm -f "$bindir/annotator"
    rm -f "$datadir/applications/annotator.desktop" "$datadir/mime/packages/annotator.xml" \
          "$icons/apps/annotator.svg" "$icons/mimetypes/application-x-annotator-project.svg"
    refresh
    config=${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list
    if [ "$mode" = user ] && [ -f "$config" ]; then
        sed -i "\\|^$mime=annotator.desktop;*\$|d" "$config"
    fi
    echo "Annotator is uninstalled. Your projects are where you left them."
    exit 0
fi

[ -x "$here/annotator/annotator" ] || { echo "install.sh: no annotator/ app folder beside this script" >&2; exit 1; }
rm -rf "$prefix"
mkdir -p "$prefix" "$bindir" "$datadir/applications" "$datadir/mime/packages" "$icons/apps" "$icons/mimetypes"
cp -a "$here/annotator/." "$prefix/"
ln -sf "$prefix/annotator" "$bindir/annotator"
# The menu entry names the app by its full path, so it works whether or not the bin folder is on PATH.
sed "s|^Exec=annotator |Exec=\"$prefix/annotator\" |" "$here/annotator.desktop" > "$datadir/applications/annotator.desktop"
cp "$here/annotator-mime.xml" "$datadir/mime/packages/annotator.xml"
cp "$here/annotator.svg" "$icons/apps/annotator.svg"
cp "$here/annotator.svg" "$icons/mimetypes/application-x-annotator-project.svg"
refresh
# Make Annotator the program that opens .annotator files (it is the only one that can).
if [ "$mode" = user ] && command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default annotator.desktop "$mime" || true
fi
echo "Annotator is installed: find it in your applications menu, double-click a .annotator project, or run"
echo "  $bindir/annotator"
case ":${PATH:-}:" in *":$bindir:"*) ;; *) echo "($bindir is not on your PATH: the menu entry works all the same.)" ;; esac
