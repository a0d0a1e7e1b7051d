#!/usr/bin/env bash
# Memory over a long run: pendo-replay streams a large corpus at the nginx sink while its RSS is sampled
# every 5 s from /proc. Prints the samples, the peak, and the report's counts.
# usage: bench/soak-rss.sh CORPUS.jsonl [SECONDS=600] [CONNECTIONS=64] [extra run flags...]
#   (make a 10M-event corpus with: python3 bench/make-bench-corpus.py 10000000 /tmp/c10m.jsonl)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED_BENCH:-/work/shared/bench}
corpus=$1 secs=${2:-600} conns=${3:-64}
shift $(( $# < 3 ? $# : 3 ))
port=${PORT:-18080}
bin="$root/.build/release/pendo-replay"
[ -x "$bin" ] || { echo "build first: swift build -c release --product pendo-replay" >&2; exit 2; }
out=$(mktemp -d)
trap 'bash "$shared/sink.sh" stop $port >/dev/null 2>&1 || true' EXIT
bash "$shared/sink.sh" start $port >/dev/null
"$bin" run --inlet "http://127.0.0.1:$port/collection/soak" --corpus "$corpus" --concurrency "$conns" \
  --duration "${secs}s" --out "$out" --quiet "$@" &
pid=$!
peak=0
while kill -0 $pid 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
  [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss
  echo "t=$(date +%s) rss_kb=$rss"
  sleep 5
done
wait $pid || true
echo "peak_rss_mb=$((peak / 1024))"
python3 -c "
import json; r = json.load(open('$out/report.json'))
print('events', r['events']); print('rps %.0f' % r['throughput']['requestsPerSecond'], 'duration %.1f' % r['durationSeconds'])"
