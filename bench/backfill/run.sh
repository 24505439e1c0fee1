#!/usr/bin/env bash
# The start-up backfill benchmark (docs/benchmarks.md, "Backfill at start"): 24 h of the demo
# service's metrics for 100 services x 2 tracks, scraped every 60 s, written into a Prometheus data
# directory with promtool; Prometheus started on it; `lumen run --stage bench --once` timed with
# hyperfine from an empty state directory (so every run backfills the whole day). Needs prometheus,
# promtool (Debian package prometheus), hyperfine and python3. Uses /tmp/lumen-bench and port 19090.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${WORK:-/tmp/lumen-bench}
services=${SERVICES:-100}
mkdir -p "$work/config"
cd "$work"
if [ ! -d data ]; then
  python3 "$here/make-history.py" "$services" 24 60 "$(date +%s)" > history.om
  promtool tsdb create-blocks-from openmetrics history.om data
  rm -f history.om
fi
python3 "$here/make-config.py" "$services" "$work/config"
dotnet build "$here/../../src/Lumen.Cli" -c Release -nologo -v quiet -o "$work/lumen-release"
printf 'global:\n  scrape_interval: 15s\nscrape_configs: []\n' > prom.yml
prometheus --config.file=prom.yml --storage.tsdb.path=data --storage.tsdb.retention.time=30d \
  --web.listen-address=127.0.0.1:19090 --log.level=warn > prom.log 2>&1 &
prom=$!
trap 'kill $prom' EXIT
until curl -sf 127.0.0.1:19090/-/ready > /dev/null; do sleep 0.5; done
cat > run-once.sh <<RUN
#!/bin/sh
rm -rf "$work/state"
LUMEN_CONFIG_DIR="$work/config" LUMEN_STATE_DIR="$work/state" dotnet "$work/lumen-release/lumen.dll" run --stage bench --once 2>&1 | grep -E "^backfill: read" >> "$work/backfill-times.txt"
RUN
chmod +x run-once.sh
rm -f backfill-times.txt
hyperfine --runs 5 --export-markdown hyperfine.md ./run-once.sh
cat backfill-times.txt
