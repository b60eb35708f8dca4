#!/bin/sh
# Installs Kintrace for the current user, without root:
#   ~/.local/bin/kintrace
#   ~/.local/share/applications/org.kintrace.app.desktop
#   ~/.local/share/icons/hicolor/SIZExSIZE/apps/org.kintrace.app.png
# BINDIR and XDG_DATA_HOME move them. uninstall.sh removes exactly these.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bindir=${BINDIR:-$HOME/.local/bin}
datadir=${XDG_DATA_HOME:-$HOME/.local/share}

mkdir -p "$bindir" "$datadir/applications"
install -m 0755 "$here/kintrace" "$bindir/kintrace"
# The menu entry names the binary by its full path: ~/.local/bin is not on
# every desktop session's PATH.
sed "s|^Exec=kintrace\$|Exec=$bindir/kintrace|" "$here/org.kintrace.app.desktop" >"$datadir/applications/org.kintrace.app.desktop"
chmod 0644 "$datadir/applications/org.kintrace.app.desktop"
for f in "$here"/icons/hicolor/*/apps/org.kintrace.app.png; do
  size=$(basename "$(dirname "$(dirname "$f")")")
  mkdir -p "$datadir/icons/hicolor/$size/apps"
  install -m 0644 "$f" "$datadir/icons/hicolor/$size/apps/org.kintrace.app.png"
done
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$datadir/applications" 2>/dev/null || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$datadir/icons/hicolor" 2>/dev/null || true

echo "Installed Kintrace to $bindir/kintrace with a menu entry."
case ":$PATH:" in
*":$bindir:"*) ;;
*) echo "To run \"kintrace\" from a terminal, add $bindir to your PATH." ;;
esac
