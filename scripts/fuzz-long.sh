#!/usr/bin/env bash
# Runs every fuzz target in the module for FUZZTIME each (default 5m), one
# after another, and keeps going past a failure so that one run covers every
# target. A failing input is written by Go into the package's testdata/fuzz,
# where make test runs it from then on. Prints a summary and exits non-zero
# if any target failed.
set -u
fuzztime=${FUZZTIME:-5m}
go=${GO:-go}
log=${FUZZLOG:-fuzz-long.log}
: >"$log"
failed=()
count=0
start=$(date +%s)
for pkg in $($go list ./...); do
  dir=$($go list -f '{{.Dir}}' "$pkg")
  for f in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
    count=$((count + 1))
    echo "== $(date -u +%H:%M:%S) fuzz $pkg $f for $fuzztime" | tee -a "$log"
    if ! $go test -run '^$' -fuzz "^$f\$" -fuzztime "$fuzztime" -fuzzminimizetime 0 "$pkg" >>"$log" 2>&1; then
      failed+=("$pkg $f")
      echo "   FAILED (see $log)" | tee -a "$log"
    fi
    tail -n 3 "$log" | grep -E '^(ok|FAIL|--- FAIL)' || true
  done
done
echo "== $count targets, $(( ($(date +%s) - start) / 60 )) min, ${#failed[@]} failed" | tee -a "$log"
for t in "${failed[@]}"; do echo "   failed: $t" | tee -a "$log"; done
[ ${#failed[@]} -eq 0 ]
