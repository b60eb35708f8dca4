#!/usr/bin/env bash
# Builds the release of HEAD twice, into two temporary folders, and fails
# unless both SHA256SUMS (and so every archive) are identical. The second
# build reuses Go's build cache, so it also catches anything that depends on
# the time, the temporary path or the order of files rather than the commit.
# DIST_REPRO_KEEP=1 keeps the two folders for a closer look (diffoscope).
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/kintrace-dist-repro.XXXXXX")
[ -n "${DIST_REPRO_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

for n in 1 2; do
  echo "dist-repro: build $n"
  bash "$repo/scripts/dist.sh" "$work/$n" >"$work/build-$n.log" 2>&1 || {
    cat "$work/build-$n.log" >&2
    echo "dist-repro: build $n failed" >&2
    exit 1
  }
  # A different moment for the second build: timestamps must not leak in.
  [ "$n" = 1 ] && sleep 2
done

if ! diff -u --label "build 1" --label "build 2" "$work/1/SHA256SUMS" "$work/2/SHA256SUMS"; then
  echo "dist-repro: FAIL: two builds of $(git -C "$repo" rev-parse --short=12 HEAD) differ." >&2
  echo "dist-repro: rerun with DIST_REPRO_KEEP=1 and compare $work/1 and $work/2 (e.g. diffoscope)." >&2
  exit 1
fi
echo "dist-repro: OK, both builds of $(git -C "$repo" rev-parse --short=12 HEAD) are byte-identical:"
cat "$work/1/SHA256SUMS"
