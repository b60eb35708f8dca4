#!/usr/bin/env bash
# Smoke test of the release archives in dist/ (or $1), as make dist-check runs
# it after make dist:
#
#  1. SHA256SUMS matches the archives.
#  2. Windows: the zip is unpacked and kintrace-cli.exe runs under wine, in a
#     fresh throwaway wine prefix, through one session: vault init, case add
#     (scripts/dist-check-cases.json: the example of case-format.md and a
#     second case, Морозов), case list --query morozov and others, bundle
#     export to a passphrase, vault init of a second vault, bundle import of
#     the bundle into it (--trust the first vault's fingerprint), case list.
#  3. Linux: the tarball is unpacked, its install.sh installs into a
#     temporary HOME, the installed binary runs the same session, and
#     uninstall.sh must remove everything install.sh put there (but not a
#     vault).
#  4. The two sessions' outputs, with ids, fingerprints and times replaced by
#     placeholders, must be identical; a difference fails with a diff.
#
# Wine 8.0 (Debian 12) lacks bcryptprimitives.dll, which every Go >= 1.22
# Windows program needs; the test builds a stand-in from scripts/wine/ into
# the throwaway prefix only. It is never shipped: real Windows has the DLL.
#
# DIST_CHECK_SCREENSHOT=FILE also starts kintrace.exe (the GUI) under wine on
# Xvfb and saves a screenshot to FILE.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dist=${1:-$repo/dist}
dist=$(cd "$dist" && pwd)
fixture=$repo/scripts/dist-check-cases.json
export LANG=en_US.UTF-8 LC_ALL= TZ=UTC

fail() {
  echo "dist-check: FAIL: $*" >&2
  exit 1
}
step() { echo "dist-check: $*"; }

# --- 1. checksums ------------------------------------------------------------
cd "$dist"
[ -f SHA256SUMS ] || fail "no $dist/SHA256SUMS: run make dist first"
sha256sum --quiet -c SHA256SUMS || fail "SHA256SUMS does not match the files in $dist"
zip=$(awk '/-windows-amd64\.zip$/ {print $2}' SHA256SUMS)
tarball=$(awk '/-linux-amd64\.tar\.xz$/ {print $2}' SHA256SUMS)
[ -n "$zip" ] && [ -n "$tarball" ] || fail "SHA256SUMS does not list a Windows zip and a Linux tar.xz"
step "checksums match: $zip $tarball"

work=$(mktemp -d "${TMPDIR:-/tmp}/kintrace-dist-check.XXXXXX")
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  if [ -n "${WINEPREFIX:-}" ] && [ -n "${wineserver:-}" ]; then "$wineserver" -k 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/win" "$work/lin"
unzip -q "$dist/$zip" -d "$work/win"
tar -xJf "$dist/$tarball" -C "$work/lin"
windir=$work/win/${zip%.zip}
lindir=$work/lin/${tarball%.tar.xz}
for f in kintrace.exe kintrace-cli.exe README.txt; do
  [ -f "$windir/$f" ] || fail "$zip has no ${zip%.zip}/$f"
done
for f in kintrace org.kintrace.app.desktop install.sh uninstall.sh README.txt icons/hicolor/256x256/apps/org.kintrace.app.png; do
  [ -f "$lindir/$f" ] || fail "$tarball has no ${tarball%.tar.xz}/$f"
done
# The GUI exe must be a GUI-subsystem program and the CLI one a console program.
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | awk '$1 == "Subsystem" {print $2}'; }
[ "$(subsystem "$windir/kintrace.exe")" = 00000002 ] || fail "kintrace.exe is not a Windows GUI program"
[ "$(subsystem "$windir/kintrace-cli.exe")" = 00000003 ] || fail "kintrace-cli.exe is not a console program"

# --- the session both platforms run ------------------------------------------
# session DIR CMD...: runs CMD (the kintrace program, with any prefix) in DIR
# with relative paths only (wine maps the Unix working folder to Z:), writing
# each step's stdout to DIR/NN-step.out. Stdin is empty: nothing may prompt.
session() {
  local dir=$1
  shift
  mkdir -p "$dir"
  cp "$fixture" "$dir/cases.json"
  (
    cd "$dir"
    export KINTRACE_PASSPHRASE="dist-check vault passphrase"
    export KINTRACE_BUNDLE_PASSPHRASE="dist-check bundle passphrase"
    unset KINTRACE_VAULT KINTRACE_NEW_PASSPHRASE
    run() { # NAME ARGS...
      local name=$1
      shift
      if ! timeout 180 "$@" </dev/null >"$name.out" 2>"$name.err"; then
        echo "dist-check: '$*' failed in $dir:" >&2
        cat "$name.out" "$name.err" >&2
        exit 1
      fi
      tr -d '\r' <"$name.out" >"$name.tmp" && mv "$name.tmp" "$name.out"
    }
    run 00-version "$@" version
    run 01-init-a "$@" vault init --vault a.kintrace
    run 02-add "$@" case add --json cases.json --vault a.kintrace
    run 03-list-morozov "$@" case list --query morozov --vault a.kintrace
    run 04-list-phone "$@" case list --query "8 912 555" --vault a.kintrace
    run 05-list-all-a "$@" case list --vault a.kintrace
    run 06-show "$@" case show KT-2023-0011 --vault a.kintrace
    run 07-identity-a "$@" identity show --vault a.kintrace
    run 08-export "$@" bundle export --all --passphrase --out backup.age --vault a.kintrace
    run 09-init-b "$@" vault init --vault b.kintrace
    run 10-inspect "$@" bundle inspect backup.age --vault b.kintrace
    # The fingerprint is the line of "XXXX XXXX ..." groups that bundle
    # inspect prints after its label.
    fp=$(grep -i 'fingerprint' 10-inspect.out | head -1 | sed 's/^[^:]*:[[:space:]]*//')
    [ -n "$fp" ] || {
      echo "dist-check: no fingerprint in bundle inspect's output" >&2
      exit 1
    }
    # ...and it must be the first vault's, as identity show prints it.
    grep -qF "$fp" 07-identity-a.out || {
      echo "dist-check: the bundle's fingerprint $fp is not the first vault's:" >&2
      cat 07-identity-a.out >&2
      exit 1
    }
    run 11-import "$@" bundle import backup.age --trust "$fp" --yes --vault b.kintrace
    run 12-list-all-b "$@" case list --vault b.kintrace
    run 13-list-morozov-b "$@" case list --query morozov --vault b.kintrace
  )
}

# normalise DIR: the steps' outputs that must agree between platforms, with
# what differs by run or by platform replaced.
normalise() {
  local f
  for f in "$1"/*.out; do
    case $(basename "$f") in
    01-init-a.out | 09-init-b.out | 07-identity-a.out) continue ;; # keys and recovery codes: new every run
    esac
    echo "== $(basename "$f" .out)"
    sed -E \
      -e 's/\b[0-9A-HJKMNP-TV-Z]{26}\b/<ID>/g' \
      -e 's/\b[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:?[0-9]{2})?/<TIME>/g' \
      -e 's/\b([0-9A-Z]{4} ){3,}[0-9A-Z]{4}\b/<FINGERPRINT>/g' \
      -e 's#windows/amd64|linux/amd64#<PLATFORM>#g' \
      -e 's#\\#/#g' \
      "$f"
  done
}

# --- 2. Windows, under wine --------------------------------------------------
# Debian's wine64 package puts the loader in /usr/lib/wine; the wine package
# adds the wine64 command.
wine=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
[ -x "$wine" ] || fail "wine is not installed: bash scripts/deps.sh --dist-check"
wineserver=$(command -v wineserver64 || command -v wineserver || echo /usr/lib/wine/wineserver64)
export WINEPREFIX=$work/wineprefix WINEARCH=win64 WINEDEBUG=-all WINESERVER=$wineserver
# No Mono or Gecko installer prompts; our stand-in bcryptprimitives.dll.
export WINEDLLOVERRIDES="mscoree=;mshtml=;bcryptprimitives=n"
step "creating a wine prefix ($("$wine" --version 2>/dev/null || echo wine))"
t0=$SECONDS
DISPLAY= timeout 300 "$wine" wineboot -i >/dev/null 2>&1 || fail "wineboot could not create the wine prefix"
"$wineserver" -w || true
sys32=$WINEPREFIX/drive_c/windows/system32
[ -d "$sys32" ] || fail "the wine prefix has no system32"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$sys32/bcryptprimitives.dll" \
  "$repo/scripts/wine/bcryptprimitives.c" "$repo/scripts/wine/bcryptprimitives.def" -ladvapi32
step "running kintrace-cli.exe under wine (prefix ready in $((SECONDS - t0)) s)"
t0=$SECONDS
DISPLAY= session "$work/run-windows" "$wine" "$windir/kintrace-cli.exe" || fail "the Windows session failed under wine"
step "Windows session done in $((SECONDS - t0)) s"

# --- 3. Linux, installed into a temporary HOME --------------------------------
home=$work/home
mkdir -p "$home"
(
  export HOME=$home
  unset XDG_DATA_HOME BINDIR
  sh "$lindir/install.sh" >"$work/install.out"
) || fail "install.sh failed"
installed=(
  .local/bin/kintrace
  .local/share/applications/org.kintrace.app.desktop
)
for s in 16 32 48 64 128 256 512; do installed+=(".local/share/icons/hicolor/${s}x${s}/apps/org.kintrace.app.png"); done
for f in "${installed[@]}"; do [ -f "$home/$f" ] || fail "install.sh did not install ~/$f"; done
[ -x "$home/.local/bin/kintrace" ] || fail "~/.local/bin/kintrace is not executable"
grep -qx "Exec=$home/.local/bin/kintrace" "$home/.local/share/applications/org.kintrace.app.desktop" ||
  fail "the installed .desktop file does not start $home/.local/bin/kintrace"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$home/.local/share/applications/org.kintrace.app.desktop" || fail "desktop-file-validate"
fi
step "install.sh installed ${#installed[@]} files into a temporary HOME"
t0=$SECONDS
session "$work/run-linux" env HOME="$home" "$home/.local/bin/kintrace" || fail "the Linux session failed"
step "Linux session done in $((SECONDS - t0)) s"

# A vault in the default place must survive uninstall.sh.
mkdir -p "$home/.local/share/kintrace"
echo "not a real vault" >"$home/.local/share/kintrace/vault.kintrace"
(
  export HOME=$home
  unset XDG_DATA_HOME BINDIR
  sh "$lindir/uninstall.sh" >"$work/uninstall.out"
) || fail "uninstall.sh failed"
# (The desktop's shared caches, which update-desktop-database and
# gtk-update-icon-cache rebuild, may stay.)
left=$(cd "$home" && find . -type f ! -path ./.local/share/kintrace/vault.kintrace \
  ! -name mimeinfo.cache ! -name icon-theme.cache | sort)
[ -z "$left" ] || fail "uninstall.sh left files behind: $left"
[ -f "$home/.local/share/kintrace/vault.kintrace" ] || fail "uninstall.sh removed the vault"
step "uninstall.sh removed them and left the vault alone"

# --- 4. compare ----------------------------------------------------------------
normalise "$work/run-windows" >"$work/windows.txt"
normalise "$work/run-linux" >"$work/linux.txt"
if ! diff -u --label windows --label linux "$work/windows.txt" "$work/linux.txt"; then
  fail "the Windows and Linux builds disagree (normalised outputs above)"
fi
# Sanity: the session did what it should, not just the same on both.
grep -q 'KT-2023-0011' "$work/run-linux/03-list-morozov.out" || fail "case list --query morozov did not find KT-2023-0011"
grep -q 'KT-2022-0007' "$work/run-linux/03-list-morozov.out" && fail "case list --query morozov found KT-2022-0007 too"
grep -q 'KT-2022-0007' "$work/run-linux/04-list-phone.out" || fail "case list --query '8 912 555' did not find KT-2022-0007"
for n in KT-2022-0007 KT-2023-0011; do
  grep -q "$n" "$work/run-linux/12-list-all-b.out" || fail "the imported vault lacks $n"
done
version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$repo/FyneApp.toml")
# Both binaries must name the release and the commit that README.txt names,
# unmodified (Go stamps the commit only from a clean checkout).
commit=$(sed -n 's/.*built from commit \([0-9a-f]*\)\..*/\1/p' "$lindir/README.txt")
for os in windows linux; do
  v=$work/run-$os/00-version.out
  grep -q "Kintrace $version\b" "$v" || fail "the $os build's version is not $version: $(cat "$v")"
  grep -q "\b$commit\b" "$v" || fail "the $os build does not name commit $commit: $(cat "$v")"
  grep -Eq "$commit\+|modified|dirty" "$v" && fail "the $os build says it was built from a modified checkout: $(cat "$v")"
done
step "Windows and Linux agree ($(grep -c . "$work/linux.txt") normalised lines):"
sed 's/^/    /' "$work/linux.txt"

# --- portable mode, when the portable-mode check exists --------------------------
if [ -f "$repo/scripts/portable-check.sh" ]; then
  step "running scripts/portable-check.sh on the Linux build"
  KINTRACE_BIN="$lindir/kintrace" bash "$repo/scripts/portable-check.sh" "$lindir/kintrace" || fail "portable-check.sh"
fi

# --- optional: the GUI under wine ------------------------------------------------
# The window must appear (xdotool waits for it); then a screenshot of it.
if [ -n "${DIST_CHECK_SCREENSHOT:-}" ]; then
  shot=$(realpath -m "$DIST_CHECK_SCREENSHOT")
  disp=:$((100 + RANDOM % 100))
  Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  sleep 2
  mkdir -p "$work/gui"
  (cd "$work/gui" && KINTRACE_VAULT=gui.kintrace DISPLAY=$disp timeout 180 "$wine" "$windir/kintrace.exe" >/dev/null 2>&1 &)
  wid=$(DISPLAY=$disp timeout 120 xdotool search --sync --onlyvisible --name '^Kintrace' 2>/dev/null | head -1) || true
  [ -n "$wid" ] || fail "kintrace.exe opened no window under wine within 120 s"
  sleep "${DIST_CHECK_SCREENSHOT_WAIT:-10}" # let it draw
  DISPLAY=$disp import -window "$wid" "$shot" || fail "no screenshot"
  step "kintrace.exe opened its window under wine; screenshot: $shot"
  "$wineserver" -k 2>/dev/null || true
fi

echo "dist-check: OK"
