#!/usr/bin/env bash
# Data Prep benchmarks (issue 3): `validate` over a synthesized 1M-event .jsonl.gz with the
# pendo-seed and the pendo-xdm bundles' mapping sets, in events/s, as ratios to the peers of
# /work/shared/bench/corpus-peers.sh (zcat | wc -l, and jq projecting the seed's five fields) run
# on the same file just before, plus validate's peak RSS. Because the build machine is shared,
# each round also reports CPU seconds (user+sys) of zcat, jq and validate, whose ratios do not
# depend on how much of the machine the other processes took.
# usage: bench/validate.sh [EVENTS] [ROUNDS]   (default 1000000 events, 2 rounds; corpus in /tmp)
# Needs a release build: swift build -c release --product pendo-replay
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
rounds=${2:-2}
bin=${PENDO_REPLAY:-$(swift build -c release --show-bin-path)/pendo-replay}
peers=${PEERS:-/work/shared/bench/corpus-peers.sh}
corpus=/tmp/pendo-validate-$n.jsonl.gz
rate() { python3 -c "print(int($1/($3-$2)))"; }
cpu() { /usr/bin/time -f "%U %S" -o /tmp/pendo-validate-cpu.txt "$@" >/dev/null 2>&1 || true; awk '{print $1+$2}' /tmp/pendo-validate-cpu.txt | tail -1; }
jqp='{_extconndev:{accountid:.accountId,uniqueid:.uniqueId,name1:.properties.guideProperties.name,timestamp1:.timestamp,visitorid:.visitorId}}'

if [ ! -f "$corpus" ]; then
  echo "== synth --events $n --seed 7 --span 24h -> $corpus"
  "$bin" synth --events "$n" --seed 7 --span 24h --output "$corpus" >/dev/null
fi
echo "corpus $corpus $(stat -c %s "$corpus") bytes, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

for round in $(seq 1 "$rounds"); do
  echo "== round $round"
  peer=$("$peers" "$corpus")
  echo "$peer"
  zr=$(echo "$peer" | awk '/^zcat/ {split($3,a,"="); print a[2]}')
  jr=$(echo "$peer" | awk '/^jq/ {split($3,a,"="); print a[2]}')
  zc=$(cpu sh -c "zcat '$corpus' | wc -l")
  jc=$(cpu sh -c "zcat '$corpus' | jq -c '$jqp' | wc -l")
  echo "cpu seconds: zcat=$zc jq=$jc"
  for bundle in pendo-seed pendo-xdm; do
    t0=$(date +%s.%N)
    set +e
    /usr/bin/time -f "peak_rss_kb=%M cpu_s=%U+%S" "$bin" validate --corpus "$corpus" \
      --mapping "corpora/$bundle/mapping.json" --schema "corpora/$bundle/schema.json" \
      --out "/tmp/pendo-validate-report-$bundle" >/tmp/pendo-validate-$bundle.out 2>/tmp/pendo-validate-$bundle.err
    status=$?
    set -e
    t1=$(date +%s.%N)
    vr=$(rate "$n" "$t0" "$t1")
    vc=$(grep -o 'cpu_s=[0-9.+]*' /tmp/pendo-validate-$bundle.err | cut -d= -f2 | python3 -c "import sys; print(round(eval(sys.stdin.read()),2))")
    echo "validate[$bundle] exit=$status events_per_sec=$vr  vs_zcat=$(python3 -c "print(round($vr/$zr, 2))")  vs_jq=$(python3 -c "print(round($vr/$jr, 2))")" \
         " cpu_s=$vc  cpu_vs_zcat=$(python3 -c "print(round($zc/$vc, 2))")  cpu_vs_jq=$(python3 -c "print(round($jc/$vc, 2))")  $(grep -o 'peak_rss_kb=[0-9]*' /tmp/pendo-validate-$bundle.err)"
  done
done
