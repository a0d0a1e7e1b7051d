#!/usr/bin/env bash
# Closed loop against the nginx sink (/work/shared/bench/sink.sh, or bench/../shared), side by side with wrk and hey
# (peers.sh, run just before), and an open-loop rate check. Prints the ratios quoted in docs/BENCHMARKS.md.
# usage: bench/run-vs-peers.sh [CONNECTIONS=64] [SECONDS=8] [RATE=5000] [RATE_SECONDS=10]
# Needs a release build: swift build -c release --product pendo-replay
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED_BENCH:-/work/shared/bench}
conns=${1:-64} secs=${2:-8} rate=${3:-5000} rate_secs=${4:-10}
port=${PORT:-18080}
bin="$root/.build/release/pendo-replay"
[ -x "$bin" ] || { echo "build first: swift build -c release --product pendo-replay" >&2; exit 2; }
work=$(mktemp -d)
trap 'bash "$shared/sink.sh" stop $port >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
corpus="$work/corpus.jsonl"
python3 "$here/make-bench-corpus.py" 50000 "$corpus"
head -1 "$corpus" > "$work/body.json"
bash "$shared/sink.sh" start $port >/dev/null
url="http://127.0.0.1:$port/collection/e389c18dbc7f5de8b95df07b1b89d76ddd9b1e88d5423abc71b6ac9161491373"
# This machine is shared: alternate peers and ours ROUNDS times and quote the median of the ratios.
rounds=${ROUNDS:-3}
ratios_wrk=() ratios_hey=()
for round in $(seq "$rounds"); do
  peers=$(bash "$shared/peers.sh" "$url" "$work/body.json" "$conns" "$secs")
  "$bin" run --inlet "$url" --corpus "$corpus" --concurrency "$conns" --duration "${secs}s" --loop --out "$work/closed" --quiet
  ours=$(python3 -c "import json;print(round(json.load(open('$work/closed/report.json'))['throughput']['requestsPerSecond'],1))")
  wrk_rps=$(echo "$peers" | awk '/^wrk/ {split($4,a,"="); print a[2]}')
  hey_rps=$(echo "$peers" | awk '/^hey/ {split($4,a,"="); print a[2]}')
  rw=$(python3 -c "print('%.2f' % ($ours/$wrk_rps))"); rh=$(python3 -c "print('%.2f' % ($ours/$hey_rps))")
  ratios_wrk+=("$rw"); ratios_hey+=("$rh")
  echo "round $round: wrk=$wrk_rps hey=$hey_rps pendo-replay=$ours (distinct corpus bodies) ratio_wrk=$rw ratio_hey=$rh"
done
python3 -c "import statistics,sys; w=[float(x) for x in sys.argv[1].split()]; h=[float(x) for x in sys.argv[2].split()]; print('median ratio vs wrk %.2f, vs hey %.2f (connections=$conns seconds=$secs rounds=$rounds)' % (statistics.median(w), statistics.median(h)))" "${ratios_wrk[*]}" "${ratios_hey[*]}"
"$bin" run --inlet "$url" --corpus "$corpus" --concurrency "$conns" --rate "$rate" --duration "${rate_secs}s" --loop --out "$work/open" --quiet
python3 - "$work/open/report.json" "$rate" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); target = float(sys.argv[2])
achieved = r['requests']['sent'] / r['configuration']['durationSeconds']
print("open loop target=%d/s achieved=%.1f/s (%.2f%% off) completed_rps=%.1f lag_p99_ms=%.3f lag_max_ms=%.3f corrected_p99_ms=%.3f" % (
    target, achieved, abs(achieved - target) / target * 100, r['throughput']['requestsPerSecond'],
    r['schedule']['lag']['p99'], r['schedule']['lag']['max'], r['latency']['corrected']['p99']))
PY
