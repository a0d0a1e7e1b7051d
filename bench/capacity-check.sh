#!/usr/bin/env bash
# The check of issue 18: `capacity` against `serve --capacity R` at a few rates and against
# `serve --guardrails`, with 6 s steps and a 2 s warm-up; prints the answer, the true capacity,
# their ratio and how long each search took. Run from the package root:
#   bench/capacity-check.sh [BINARY] [RATE ...]
# All on 127.0.0.1; each serve is stopped (by its pid) when its search ends.
set -euo pipefail
BIN=${1:-.build/release/pendo-replay}
shift || true
RATES=("${@:-240 530 870}")
WORK=$(mktemp -d)
PORT=18800
search() { # $1 name, $2 true capacity, rest: serve flags
  local name=$1 truth=$2; shift 2
  PORT=$((PORT + 1))
  "$BIN" serve --port $PORT --data "$WORK/$name-data" "$@" > "$WORK/$name-serve.log" 2>&1 &
  local serve=$!
  sleep 2
  "$BIN" provision --flow-service http://127.0.0.1:$PORT --corpus corpora/pendo-seed --save "$WORK/$name-flow.json" > /dev/null
  local start=$(date +%s.%N)
  set +e
  "$BIN" capacity --flow "$WORK/$name-flow.json" --corpus corpora/pendo-seed \
    --slo 'p99<250ms' --slo 'error_rate<1%' --start 100 --step 6s --warmup 2s --precision 5% \
    --concurrency 64 --max-in-flight 2048 --out "$WORK/$name" --quiet
  local code=$?
  set -e
  local end=$(date +%s.%N)
  kill "$serve"; wait "$serve" 2>/dev/null || true
  python3 - "$WORK/$name/capacity.json" "$truth" "$code" "$start" "$end" "$name" <<'PY'
import json, sys
path, truth, code, start, end, name = sys.argv[1], float(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
r = json.load(open(path))
answer = r.get("maxSustainableRate")
ratio = f"{answer / truth * 100:.1f} %" if answer else "-"
print(f"{name}: answer {answer} /s, true {truth:g} /s, ratio {ratio}, bracket {r['bracket']}, limitedBy {r['limitedBy']}, "
      f"{len(r['steps'])} steps, {float(end) - float(start):.0f} s, exit {code}")
for s in r["steps"]:
    print(f"  {s['offered']:g}/s {s['verdict']}: delivered {s['delivered']:.1f}/s, lag p99 {s['scheduleLagP99Milliseconds']:.1f} ms; {s.get('reason') or ''}")
PY
}
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for rate in ${RATES[@]}; do search "capacity-$rate" "$rate" --capacity "$rate"; done
search guardrails 1000 --guardrails
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK"
