#!/bin/sh
# Removes what install.sh installed. It does not touch your vault
# (~/.local/share/kintrace/vault.kintrace): delete that yourself if you mean to.
set -eu
bindir=${BINDIR:-$HOME/.local/bin}
datadir=${XDG_DATA_HOME:-$HOME/.local/share}

rm -f "$bindir/kintrace" "$datadir/applications/org.kintrace.app.desktop"
for d in "$datadir"/icons/hicolor/*/apps; do
  rm -f "$d/org.kintrace.app.png"
done
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$datadir/applications" 2>/dev/null || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$datadir/icons/hicolor" 2>/dev/null || true
echo "Removed Kintrace from $bindir and the menu. Your vault in $datadir/kintrace is still there."
