#!/usr/bin/env bash
# Corpus benchmarks (issue 2): synth of N events (events/s, peak RSS) and inspect over the result
# as a ratio to `zcat FILE | wc -l` run just before (shared/bench/corpus-peers.sh's zcat line).
# usage: bench/corpus.sh [EVENTS]          (default 1000000; the corpus goes to /tmp, never committed)
# Needs a release build: swift build -c release --product pendo-replay
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
bin=${PENDO_REPLAY:-$(swift build -c release --show-bin-path)/pendo-replay}
out=/tmp/pendo-bench-$n.jsonl.gz
rate() { python3 -c "print(int($1/($3-$2)))"; }

echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
echo "== synth --events $n --seed 7 (release, gzip level 6)"
t0=$(date +%s.%N)
/usr/bin/time -f "peak_rss_kb=%M cpu_user_s=%U cpu_sys_s=%S" "$bin" synth --events "$n" --seed 7 --span 24h --output "$out" 2>/tmp/pendo-bench-synth.err
t1=$(date +%s.%N)
cat /tmp/pendo-bench-synth.err
echo "synth events_per_sec=$(rate "$n" "$t0" "$t1") file_bytes=$(stat -c %s "$out")"

for round in 1 2 3; do
  echo "== round $round: zcat | wc -l, then inspect"
  t0=$(date +%s.%N); z=$(zcat "$out" | wc -l); t1=$(date +%s.%N)
  zr=$(rate "$z" "$t0" "$t1")
  t2=$(date +%s.%N)
  /usr/bin/time -f "peak_rss_kb=%M cpu_user_s=%U" "$bin" inspect "$out" --json >/tmp/pendo-bench-inspect.json 2>/tmp/pendo-bench-inspect.err
  t3=$(date +%s.%N)
  ir=$(rate "$n" "$t2" "$t3")
  zcpu=$( { /usr/bin/time -f "%U" zcat "$out" >/dev/null; } 2>&1 )
  echo "zcat events_per_sec=$zr (zcat alone: cpu_user_s=$zcpu)   inspect events_per_sec=$ir   ratio=$(python3 -c "print(round($ir/$zr, 2))")   inspect $(cat /tmp/pendo-bench-inspect.err)"
done
