#!/usr/bin/env bash
# Writes PNGs of Kintrace's screens (first run, unlock, case list, search, and
# the case editor) in English and Russian to docs/screenshots/, by running the
# real GUI on a virtual X display over a fresh demo vault.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=en_US.UTF-8

display=":${SCREENSHOT_DISPLAY:-99}"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  DISPLAY="$display" xdpyinfo >/dev/null 2>&1 && break
  [ -e "/tmp/.X11-unix/X${display#:}" ] && break
  sleep 0.1
done

DISPLAY="$display" go run -buildvcs=auto ./tools/screenshots -out docs/screenshots "$@"
