#!/usr/bin/env bash
# Data Prep benchmarks (issue 3): `validate` over a synthesized 1M-event .jsonl.gz with the
# pendo-seed and the pendo-xdm bundles' mapping sets, in events/s, as ratios to the peers of
# /work/shared/bench/corpus-peers.sh (zcat | wc -l, and jq projecting the seed's five fields) run
# on the same file just before, plus validate's peak RSS.
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

if [ ! -f "$corpus" ]; then
  echo "== synth --events $n --seed 7 --span 24h -> $corpus"
  "$bin" synth --events "$n" --seed 7 --span 24h --output "$corpus" >/dev/null
fi
echo "corpus $corpus $(stat -c %s "$corpus") bytes, $(nproc) cores"

for round in $(seq 1 "$rounds"); do
  echo "== round $round"
  peer=$("$peers" "$corpus")
  echo "$peer"
  zr=$(echo "$peer" | awk '/^zcat/ {split($3,a,"="); print a[2]}')
  jr=$(echo "$peer" | awk '/^jq/ {split($3,a,"="); print a[2]}')
  for bundle in pendo-seed pendo-xdm; do
    t0=$(date +%s.%N)
    set +e
    /usr/bin/time -f "peak_rss_kb=%M" "$bin" validate --corpus "$corpus" \
      --mapping "corpora/$bundle/mapping.json" --schema "corpora/$bundle/schema.json" \
      --out "/tmp/pendo-validate-report-$bundle" >/tmp/pendo-validate-$bundle.out 2>/tmp/pendo-validate-$bundle.err
    status=$?
    set -e
    t1=$(date +%s.%N)
    vr=$(rate "$n" "$t0" "$t1")
    echo "validate[$bundle] exit=$status events_per_sec=$vr  vs_zcat=$(python3 -c "print(round($vr/$zr, 2))")  vs_jq=$(python3 -c "print(round($vr/$jr, 2))")  $(grep peak_rss /tmp/pendo-validate-$bundle.err)"
  done
done
