#!/usr/bin/env bash
# Builds Kintrace's release artifacts into dist/ (or $1):
#   kintrace-VERSION-windows-amd64.zip   kintrace.exe (GUI), kintrace-cli.exe (console), README.txt
#   kintrace-VERSION-linux-amd64.tar.xz  kintrace, .desktop file, icons, install.sh, uninstall.sh, README.txt
#   SHA256SUMS
#
# It always builds the committed HEAD, from a fresh clone in a temporary
# folder: uncommitted changes never reach a release (it says so when there
# are some). VERSION is FyneApp.toml's Version. Every timestamp in the
# archives is the commit's time (or SOURCE_DATE_EPOCH when set), names are
# sorted, owners and modes fixed, and Go builds with -trimpath and no build
# id, so building the same commit twice gives byte-identical files
# (scripts/dist-repro.sh checks it).
#
# Needs Go, git, Debian's gcc-mingw-w64-x86-64 and the Linux cgo headers
# (scripts/deps.sh --dist installs them); fetches nothing but Go modules.
set -euo pipefail

GOWINRES=github.com/tc-hib/go-winres@v0.3.3

repo=$(git rev-parse --show-toplevel)
out=${1:-$repo/dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ "$(go env GOHOSTARCH)" != amd64 ]; then
  echo "dist: builds on linux/amd64 only (this is $(go env GOHOSTOS)/$(go env GOHOSTARCH))" >&2
  exit 1
fi

commit=$(git -C "$repo" rev-parse HEAD)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "dist: note: the working tree has uncommitted changes; they are NOT in the release." >&2
  echo "dist: building the committed HEAD, $commit." >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kintrace-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT
src=$work/src
git clone -q --shared --no-checkout "$repo" "$src"
git -C "$src" -c advice.detachedHead=false checkout -q --detach "$commit"
# The .syso files are generated next to main.go; keep them out of git status,
# or Go would record the build as modified (vcs.modified=true).
mkdir -p "$src/.git/info"
printf '/rsrc_windows_*.syso\n' >>"$src/.git/info/exclude"
cd "$src"

VERSION=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml)
BUILD=$(sed -n 's/^[[:space:]]*Build[[:space:]]*=[[:space:]]*\([0-9][0-9]*\).*/\1/p' FyneApp.toml)
if ! [[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "dist: FyneApp.toml's Version \"$VERSION\" is not MAJOR.MINOR.PATCH" >&2
  exit 1
fi
EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct "$commit")}
short=${commit:0:12}
export SOURCE_DATE_EPOCH=$EPOCH TZ=UTC LC_ALL=C
# Command-line GOFLAGS override the machine's go env (which may say
# -buildvcs=false): the binaries must carry the commit and its time.
export GOFLAGS="-trimpath -buildvcs=true -mod=readonly"
export CGO_ENABLED=1 GOAMD64=v1
# A release must not depend on the builder's own compiler settings.
unset CGO_CFLAGS CGO_CPPFLAGS CGO_CXXFLAGS CGO_LDFLAGS GOEXPERIMENT
ldflags="-buildid= -s -w -X kintrace/cases.version=$VERSION"

echo "dist: Kintrace $VERSION, commit $short, timestamp $(date -u -d "@$EPOCH" +%FT%TZ)"
stage=$work/stage
mkdir -p "$stage"
helper=$work/disttool
go build -o "$helper" ./tools/dist

# --- Linux -------------------------------------------------------------------
lin=$stage/kintrace-$VERSION-linux-amd64
mkdir -p "$lin"
echo "dist: building linux/amd64"
GOOS=linux GOARCH=amd64 go build -ldflags "$ldflags" -o "$lin/kintrace" .
cp packaging/linux/org.kintrace.app.desktop packaging/linux/install.sh packaging/linux/uninstall.sh "$lin/"
sed -e "s/@VERSION@/$VERSION/g" -e "s/@COMMIT@/$short/g" packaging/linux/README.txt >"$lin/README.txt"
for size in 16 32 48 64 128 256 512; do
  d=$lin/icons/hicolor/${size}x${size}/apps
  mkdir -p "$d"
  if [ "$size" = 512 ]; then
    cp assets/icon.png "$d/org.kintrace.app.png"
  else
    "$helper" icon -size "$size" -o "$d/org.kintrace.app.png" assets/icon.png
  fi
done

# --- Windows -----------------------------------------------------------------
win=$stage/kintrace-$VERSION-windows-amd64
mkdir -p "$win"
export GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc
if ! command -v "$CC" >/dev/null; then
  echo "dist: $CC is missing: run  bash scripts/deps.sh --dist" >&2
  exit 1
fi
winres() { # EXE DESCRIPTION: the icon, version info and manifest as rsrc_windows_amd64.syso
  local cfg=$work/winres-$1
  mkdir -p "$cfg"
  cp assets/icon.png "$cfg/icon.png"
  sed -e "s/@VERSION4@/$VERSION.$BUILD/g" -e "s/@VERSION@/$VERSION/g" -e "s/@COMMIT@/$short/g" \
    -e "s/@EXE@/$1/g" -e "s/@DESCRIPTION@/$2/g" packaging/windows/winres.json.in >"$cfg/winres.json"
  GOOS= GOARCH= CC= GOFLAGS= go run "$GOWINRES" make --in "$cfg/winres.json" --arch amd64 --out rsrc
}
echo "dist: building windows/amd64 (kintrace.exe, the GUI)"
winres kintrace.exe "Kintrace"
go build -ldflags "$ldflags -H windowsgui" -o "$win/kintrace.exe" .
echo "dist: building windows/amd64 (kintrace-cli.exe, the console)"
winres kintrace-cli.exe "Kintrace command line"
go build -ldflags "$ldflags" -o "$win/kintrace-cli.exe" .
rm -f rsrc_windows_amd64.syso
sed -e "s/@VERSION@/$VERSION/g" -e "s/@COMMIT@/$short/g" -e 's/$/\r/' packaging/windows/README.txt >"$win/README.txt"
unset GOOS GOARCH CC

# --- Archives ----------------------------------------------------------------
# Modes: 0755 for folders and programs, 0644 for the rest, whatever the umask.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod 0644 {} +
chmod 0755 "$lin/kintrace" "$lin/install.sh" "$lin/uninstall.sh" "$win/kintrace.exe" "$win/kintrace-cli.exe"
find "$stage" -exec touch -h -d "@$EPOCH" {} +

zipname=kintrace-$VERSION-windows-amd64.zip
tarname=kintrace-$VERSION-linux-amd64.tar.xz
rm -f "$out/$zipname" "$out/$tarname" "$out/SHA256SUMS"
"$helper" zip -epoch "$EPOCH" -o "$out/$zipname" "$win"
tar -C "$stage" --sort=name --format=gnu --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner \
  -cf - "$(basename "$lin")" | xz -T1 -6e --check=crc64 >"$out/$tarname.tmp"
mv "$out/$tarname.tmp" "$out/$tarname"
(cd "$out" && sha256sum "$zipname" "$tarname" >SHA256SUMS)

echo "dist: wrote $out:"
(cd "$out" && ls -l "$zipname" "$tarname" SHA256SUMS && cat SHA256SUMS)
