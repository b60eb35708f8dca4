#!/usr/bin/env bash
# Portable mode, as on a USB stick: copies a kintrace binary beside a
# kintrace-portable marker, points HOME and every per-user folder at one
# empty folder, runs a command-line session and then the GUI under Xvfb
# (until its window is on show, plus a few seconds of drawing), and fails if
# anything was written to that folder or the vault is not in kintrace-data.
# Usage: scripts/portable-check.sh [BINARY]   (default bin/kintrace)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-bin/kintrace}")
example=$(realpath cases/testdata/example.json)
work=$(mktemp -d)
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT

stick="$work/stick" profile="$work/profile"
mkdir -p "$stick" "$profile"
cp "$bin" "$stick/kintrace"
touch "$stick/kintrace-portable"

# run execs the program in the calling (sub)shell, so that a background
# GUI's $! is the program itself and kill and wait reach it.
run() {
  exec env -i PATH="$PATH" LANG=en_US.UTF-8 DISPLAY="${DISPLAY_FOR_GUI:-}" \
    HOME="$profile" USERPROFILE="$profile" APPDATA="$profile" LOCALAPPDATA="$profile" \
    XDG_CONFIG_HOME="$profile" XDG_CACHE_HOME="$profile" XDG_DATA_HOME="$profile" \
    XDG_STATE_HOME="$profile" XDG_RUNTIME_DIR="$work/runtime" TMPDIR="$profile" \
    KINTRACE_PASSPHRASE="copper lantern fjord tulip 7" "$@"
}
mkdir -m 700 "$work/runtime"

echo "portable: command line"
(cd "$profile" && run "$stick/kintrace" vault init >/dev/null 2>&1)
(cd "$profile" && run "$stick/kintrace" case add --json "$example" >/dev/null)
listed=$(cd "$profile" && run "$stick/kintrace" case list --query lebedev)
grep -q "Лебедев" <<<"$listed" || { echo "FAIL: case list in portable mode: $listed" >&2; exit 1; }
[ -f "$stick/kintrace-data/vault.kintrace" ] || { echo "FAIL: no vault in kintrace-data" >&2; exit 1; }

if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
  echo "portable: GUI under Xvfb"
  display=":$(( 90 + RANDOM % 100 ))"
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
  (cd "$profile" && DISPLAY_FOR_GUI="$display" run "$stick/kintrace" >"$work/gui.log" 2>&1) &
  gui_pid=$!
  if ! DISPLAY="$display" timeout 60 xdotool search --sync --name '^Kintrace' >/dev/null; then
    echo "FAIL: the GUI window did not appear in 60 s" >&2; cat "$work/gui.log" >&2; exit 1
  fi
  sleep 3 # let it draw, load fonts and compile shaders: what would write caches
  if [ -n "${PORTABLE_SCREENSHOT:-}" ]; then DISPLAY="$display" import -window root "$PORTABLE_SCREENSHOT"; fi
  kill "$gui_pid" 2>/dev/null || true
  wait "$gui_pid" 2>/dev/null || true # it has exited: whatever it wrote is on disk now
else
  echo "portable: GUI part skipped (needs Xvfb and xdotool: make screenshots installs them)"
fi

left=$(find "$profile" -mindepth 1)
if [ -n "$left" ]; then
  echo "FAIL: written to the user profile in portable mode:" >&2
  echo "$left" >&2
  exit 1
fi
echo "portable: the user profile stayed empty; data in $(ls "$stick/kintrace-data" | tr '\n' ' ')"
