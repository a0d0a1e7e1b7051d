#!/usr/bin/env bash
# 1 vs 2 vs 3 shards of one open-loop run on this machine, at the same total rate, against the nginx
# sink: the merged throughput, corrected p99 and schedule-lag p99 of each (docs/BENCHMARKS.md).
# usage: bench/shards.sh BINARY RATE DURATION [SHARD_COUNTS...]
#   e.g. bench/shards.sh .build/release/pendo-replay 20000 10s 1 2 3
# The sink must be up: bash /work/shared/bench/sink.sh start 18097 (SINK_PORT to change the port).
set -euo pipefail
bin=${1:?binary}; rate=${2:?rate}; duration=${3:?duration}; shift 3
counts=("$@"); [ ${#counts[@]} -gt 0 ] || counts=(1 2 3)
port=${SINK_PORT:-18097}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-7s %12s %14s %12s %14s %10s\n' shards planned 'merged req/s' 'p99 corr ms' 'lag p99 ms' 'vs 1 shard'
base=""
for n in "${counts[@]}"; do
  start=$(date -u -d '+3 seconds' +%Y-%m-%dT%H:%M:%SZ)
  pids=()
  for k in $(seq 0 $((n - 1))); do
    JOB_COMPLETION_INDEX=$k "$bin" run --inlet "http://127.0.0.1:$port/collection/x" --flow-id f \
      --corpus corpora/pendo-seed --loop --rate "$rate" --duration "$duration" --concurrency 64 \
      --shards "$n" --run-id "bench-$n" --start-at "$start" --quiet --out "$work/$n/shard-$k" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  "$bin" report merge "$work/$n"/shard-*/report.json --out "$work/$n/merged" 2>/dev/null
  row=$(python3 - "$work/$n/merged/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(r["events"]["planned"], "%.1f" % r["throughput"]["requestsPerSecond"], "%.3f" % r["latency"]["corrected"]["p99"],
      "%.3f" % r["schedule"]["lag"]["p99"])
PY
)
  read -r planned rps p99 lag <<<"$row"
  [ -n "$base" ] || base=$rps
  printf '%-7s %12s %14s %12s %14s %10s\n' "$n" "$planned" "$rps" "$p99" "$lag" "$(python3 -c "print('%.3f' % ($rps / $base))")"
done
