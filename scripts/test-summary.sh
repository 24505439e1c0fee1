#!/usr/bin/env bash
# Adds up the counters of every TRX file under $1 and prints one closing line:
# "tests: N passed, N failed, N skipped". Exits 1 when a test failed or none ran.
set -euo pipefail
dir="$1"
passed=0; failed=0; total=0; executed=0
shopt -s nullglob globstar
for f in "$dir"/**/*.trx; do
  line=$(grep -o '<Counters [^>]*>' "$f" | head -n1)
  get() { printf '%s' "$line" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$((total + $(get total))); executed=$((executed + $(get executed)))
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
done
skipped=$((total - executed))
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
