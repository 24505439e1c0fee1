#!/usr/bin/env bash
# The live loop benchmark (docs/benchmarks.md, "Live tick"): N services' histograms (the demo
# service's request and error counters and 15-bucket latency histogram, both tracks, scraped every
# 60 s for the last HOURS) written into a Prometheus data directory with
# `promtool tsdb create-blocks-from openmetrics`, Prometheus started on it on loopback, then
# `lumen bench loop --prometheus …` measures the loop's collect against the same batched queries sent
# raw, and counts the knob reads per target. Needs prometheus, promtool and python3.
# Uses $WORK (default /tmp/lumen-live-bench) and port $PORT (default 19091).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${WORK:-/tmp/lumen-live-bench}
services=${SERVICES:-1000}
hours=${HOURS:-1}
port=${PORT:-19091}
mkdir -p "$work"
cd "$work"
if [ ! -d "data-$services" ]; then
  end=$(date +%s)
  python3 "$root/bench/backfill/make-history.py" "$services" "$hours" 60 "$end" > history.om
  promtool tsdb create-blocks-from openmetrics history.om "data-$services" > /dev/null
  rm -f history.om
  echo "$end" > "data-$services/END"
fi
end=$(cat "data-$services/END")
printf 'global:\n  scrape_interval: 15s\nscrape_configs: []\n' > prom.yml
prometheus --config.file=prom.yml --storage.tsdb.path="data-$services" --storage.tsdb.retention.time=3650d \
  --web.listen-address=127.0.0.1:$port --log.level=warn > prom.log 2>&1 &
prom=$!
trap 'kill $prom' EXIT
until curl -sf "127.0.0.1:$port/-/ready" > /dev/null; do sleep 0.5; done
# The last measured tick reads 2 minutes before the data end (every 5 m window is full).
dotnet run -c Release --project "$root/src/Lumen.Cli" -- bench loop --prometheus "http://127.0.0.1:$port" \
  --services "$services" --at $((end - 120)) --ticks "${TICKS:-10}" --warmup 2 --json
