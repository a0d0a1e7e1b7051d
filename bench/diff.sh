#!/usr/bin/env bash
# `pendo-replay diff` against `validate` (issue 19): over the synthesized 1M-event corpus of
# bench/validate.sh, for the pendo-seed and the pendo-xdm bundles, `validate` with the bundle's
# mapping set, then `diff` of the bundle's set against a changed copy (every record changes in
# pendo-xdm: the timestamp a second later and guide events renamed out of the eventType enum;
# guide events' name1 read from the guide id in pendo-seed), alternating, each under
# /usr/bin/time for CPU seconds and peak RSS. Prints events/s of both and their ratio.
# usage: bench/diff.sh [EVENTS] [ROUNDS]   (default 1000000 events, 2 rounds; corpus in /tmp)
# Needs a release build: swift build -c release --product pendo-replay
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
rounds=${2:-2}
bin=${PENDO_REPLAY:-$(swift build -c release --show-bin-path)/pendo-replay}
corpus=/tmp/pendo-validate-$n.jsonl.gz
if [ ! -f "$corpus" ]; then
  echo "== synth --events $n --seed 7 --span 24h -> $corpus"
  "$bin" synth --events "$n" --seed 7 --span 24h --output "$corpus" >/dev/null
fi
sed -e 's/dformat(timestamp \* 1000,/dformat(timestamp * 1000 + 1000,/' \
    -e 's/\\"guideDisplayed\\", \\"guide.displayed\\"/\\"guideDisplayed\\", \\"guide.shown\\"/' \
    corpora/pendo-xdm/mapping.json > /tmp/pendo-diff-new-pendo-xdm.json
sed -e 's/"sourceAttribute": "properties.guideProperties.name"/"sourceAttribute": "properties.guideId"/' \
    corpora/pendo-seed/mapping.json > /tmp/pendo-diff-new-pendo-seed.json
for bundle in pendo-seed pendo-xdm; do
  cmp -s "corpora/$bundle/mapping.json" "/tmp/pendo-diff-new-$bundle.json" && { echo "the changed copy of $bundle is unchanged"; exit 1; }
done
echo "corpus $corpus $(stat -c %s "$corpus") bytes, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure() { # NAME COMMAND...
  local name=$1; shift
  local t0 t1 status
  t0=$(date +%s.%N)
  set +e
  /usr/bin/time -f "peak_rss_kb=%M cpu_s=%U+%S" "$@" >/tmp/pendo-diff-bench.out 2>/tmp/pendo-diff-bench.err
  status=$?
  set -e
  t1=$(date +%s.%N)
  local rate cpu
  rate=$(python3 -c "print(int($n/($t1-$t0)))")
  cpu=$(grep -o 'cpu_s=[0-9.+]*' /tmp/pendo-diff-bench.err | cut -d= -f2 | python3 -c "import sys; print(round(eval(sys.stdin.read()),2))")
  echo "$name exit=$status events_per_sec=$rate cpu_s=$cpu $(grep -o 'peak_rss_kb=[0-9]*' /tmp/pendo-diff-bench.err)" >&2
  echo "$rate"
}
for round in $(seq 1 "$rounds"); do
  echo "== round $round (load $(cut -d' ' -f1 /proc/loadavg))"
  for bundle in pendo-seed pendo-xdm; do
    v=$(measure "validate[$bundle]" "$bin" validate --corpus "$corpus" --mapping "corpora/$bundle/mapping.json" \
          --schema "corpora/$bundle/schema.json" --out "/tmp/pendo-diff-bench-validate-$bundle")
    d=$(measure "diff[$bundle]" "$bin" diff --corpus "$corpus" --old "corpora/$bundle/mapping.json" \
          --old-schema "corpora/$bundle/schema.json" --new "/tmp/pendo-diff-new-$bundle.json" --out "/tmp/pendo-diff-bench-diff-$bundle")
    echo "ratio[$bundle] diff/validate=$(python3 -c "print(round($d/$v, 2))")"
  done
done
