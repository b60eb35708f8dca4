#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build Kintrace: the C
# toolchain and the X11/OpenGL headers that Fyne's cgo build needs, and
# strace, Xvfb, xdotool, gdb, sqlite3 and syncthing for the offline, memory,
# metadata and exchange tests. With
# "--gui-tools" it also installs Xvfb and ImageMagick for screenshots; with
# "--dist" or "--dist-check" what make dist and make dist-check need.
# It does nothing when everything is already there.
set -euo pipefail

# strace: make test's proof that the command line and the GUI open no
# network socket (TestOfflineSession, TestOfflineGUI); Xvfb, xauth and
# xdotool run and drive the GUI in those tests and in TestMemoryAfterLock,
# whose memory dumps gdb's gcore takes. sqlite3: the command line tool with
# which TestSQLiteShowsNoSealedFact reads a vault as someone without its key
# would. zbar-tools: zbarimg, with which TestQRCodeDecodes reads the contact
# QR code back as a phone would. syncthing: two instances on loopback carry
# one vault's exchange folder to another's in the exchange integration test
# (internal/syncthingtest), as a team without a server would.
pkgs=(gcc pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev strace
  xvfb xauth xdotool gdb sqlite3 zbar-tools syncthing)
if [ "${1:-}" = "--gui-tools" ]; then
  pkgs+=(xvfb xauth imagemagick xdotool poppler-utils)
fi
# "--dist": the Windows cross-compiler and xz for make dist; "--dist-check":
# also wine (with Xvfb and ImageMagick for its screenshot) for make dist-check.
if [ "${1:-}" = "--dist" ] || [ "${1:-}" = "--dist-check" ]; then
  pkgs+=(git gcc-mingw-w64-x86-64 xz-utils tar)
fi
if [ "${1:-}" = "--dist-check" ]; then
  pkgs+=(wine64 unzip xvfb xauth imagemagick xdotool diffutils desktop-file-utils)
fi

if ! command -v go >/dev/null 2>&1; then
  echo "Kintrace needs Go 1.26 or newer: https://go.dev/dl/ (then run this again)." >&2
  exit 1
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "This is not a Debian or Ubuntu system. Install with your package manager:" >&2
  echo "  a C compiler, pkg-config and the development headers of OpenGL, X11, Xcursor," >&2
  echo "  Xrandr, Xinerama, Xi and Xxf86vm (see https://docs.fyne.io/started/)." >&2
  exit 0
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Please install as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y --no-install-recommends -qq "${missing[@]}"
