#!/usr/bin/env bash
# Durable appends against the C reference, interleaved (docs/benchmarks.md, "Group commit"):
# per round and per directory, the C loop (write + fsync every line, then every 100 lines) and the
# ledger store with 1, 16 and 64 closed-loop writers (`Lumen.Benchmarks append-loop`), for each
# build given, after a 6 s warm-up (shorter ones measured the JIT still compiling: half the CPU per
# append at 64 writers). Prints one line per run, prefixed with the round, the directory and the build.
#
#   bench/append-loop/run.sh ROUNDS DIR... [-- NAME=Lumen.Benchmarks.dll ...]
#
# Default build: after=artifacts/bench-after/Lumen.Benchmarks.dll (dotnet build bench/Lumen.Benchmarks
# -c Release -o artifacts/bench-after). Give two builds (before=… after=…) to compare them in the same rounds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="$1"; shift
dirs=(); builds=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do dirs+=("$1"); shift; done
[ $# -gt 0 ] && shift
builds=("$@")
[ ${#builds[@]} -eq 0 ] && builds=("after=$root/artifacts/bench-after/Lumen.Benchmarks.dll")
mkdir -p "$root/artifacts"
gcc -O2 -o "$root/artifacts/fsync_ref" "$root/bench/fsync-reference/fsync_ref.c"
for round in $(seq 1 "$rounds"); do
  for dir in "${dirs[@]}"; do
    echo "round $round $dir: $(uptime | sed 's/.*load average/load average/')"
    # Fewer unbatched lines where an fsync takes milliseconds.
    probe=$("$root/artifacts/fsync_ref" "$dir" 50 1 | sed 's/.*: \([0-9.]*\) us.*/\1/')
    lines=$(awk -v us="$probe" 'BEGIN { n = int(2e6 / us); print (n < 300 ? 300 : (n > 20000 ? 20000 : n)) }')
    echo "round $round $dir C: $("$root/artifacts/fsync_ref" "$dir" "$lines" 1)"
    echo "round $round $dir C: $("$root/artifacts/fsync_ref" "$dir" $((lines * 10)) 100)"
    for writers in 1 16 64; do
      appends=$((lines * (writers == 1 ? 1 : (writers == 16 ? 4 : 10))))
      for build in "${builds[@]}"; do
        echo "round $round $dir ${build%%=*}: $(dotnet "${build#*=}" append-loop "$dir" "$writers" "$appends" 6)"
      done
    done
  done
done
