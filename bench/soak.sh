#!/usr/bin/env bash
# Soak (issue 12, not in CI): open loop at 2,000 requests/s for 30 minutes against `serve` with 1 % 503s
# and 0.1 % resets, the RSS of both processes sampled every minute. Checks at the end: RSS growth under
# 10 % for each process (last sample against the one at minute 1, after warm-up), the identity
# (planned = sent + unsent, sent = accepted + rejected + failed + unknown) and stored = accepted, the
# stored count read from the emulator's own database (`pendo-replay reconcile` too, when the build has it).
# Exit 0 when all hold, 1 otherwise.
#
# usage: bench/soak.sh [DURATION=30m] [RATE=2000] [SAMPLE_SECONDS=60] [extra run flags...]
# Needs a release build: swift build -c release --product pendo-replay
# Writes into reports/soak-<UTC time>/ (rss.tsv, run/report.json, serve's data folder; removed at the
# end unless KEEP_DATA=1, as it holds millions of records).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-30m} rate=${2:-2000} every=${3:-60}
shift $(( $# < 3 ? $# : 3 ))
bin=${PENDO_REPLAY:-.build/release/pendo-replay}
[ -x "$bin" ] || { echo "build first: swift build -c release --product pendo-replay" >&2; exit 2; }
out=${OUT:-reports/soak-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
serve_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill -TERM "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  [ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$out/data"
}
trap cleanup EXIT

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" serve --port 0 --data "$out/data" --error-rate 503=0.01 --reset-rate 0.001 --fault-seed 12 \
  >"$out/serve.out" 2>"$out/serve.err" &
serve_pid=$!
for _ in $(seq 1 600); do
  grep -q '"port"' "$out/serve.out" 2>/dev/null && break
  sleep 0.1
done
port=$(python3 -c "import json,sys; print(json.loads(open('$out/serve.out').readline())['port'])")
base="http://127.0.0.1:$port"
"$bin" provision --flow-service "$base" --corpus corpora/pendo-seed --save "$out/flow.json" >/dev/null

outcomes=()
# The help is read whole first: `grep -q` on a pipe would end it early, and pipefail would fail the test.
run_help=$("$bin" run --help 2>&1 || true)
grep -q -- '--outcomes' <<<"$run_help" && outcomes=(--outcomes)
"$bin" run --flow "$out/flow.json" --corpus corpora/pendo-seed --loop --rate "$rate" --duration "$duration" \
  --retries 2 --concurrency 64 --quiet --out "$out/run" "${outcomes[@]}" "$@" >"$out/run.out" 2>"$out/run.err" &
run_pid=$!

rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
printf 'seconds\tserve_rss_kb\trun_rss_kb\n' >"$out/rss.tsv"
start=$(date +%s)
while kill -0 "$run_pid" 2>/dev/null; do
  printf '%s\t%s\t%s\n' "$(( $(date +%s) - start ))" "$(rss "$serve_pid")" "$(rss "$run_pid")" | tee -a "$out/rss.tsv"
  for _ in $(seq 1 "$every"); do kill -0 "$run_pid" 2>/dev/null || break; sleep 1; done
done
run_status=0
wait "$run_pid" || run_status=$?
echo "run exit status: $run_status (stderr: $out/run.err)"
metrics=$(curl -s "$base/metrics")
ingested=$(echo "$metrics" | awk '$1 == "emulator_records_ingested_total" {print $2}')
rejected=$(echo "$metrics" | awk '$1 == "emulator_records_rejected_total" {print $2}')
resets=$(echo "$metrics" | awk '$1 == "emulator_faults_injected_total{fault=\"reset\"}" {print $2}')
reconcile_status=skipped
if [ -f "$out/run/outcomes.jsonl.gz" ]; then
  kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=
  reconcile_status=0
  "$bin" reconcile --outcomes "$out/run/outcomes.jsonl.gz" --data "$out/data" >"$out/reconcile.txt" 2>&1 || reconcile_status=$?
  tail -n 20 "$out/reconcile.txt"
fi

python3 - "$out" "${ingested:-0}" "${rejected:-0}" "${resets:-0}" "$reconcile_status" <<'EOF'
import json, sys
out, ingested, rejected, resets, reconcile = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
r = json.load(open(f"{out}/run/report.json"))
e = r["events"]
unknown = e.get("unknown", 0)
rows = [l.split("\t") for l in open(f"{out}/rss.tsv").read().split("\n")[1:] if l]
samples = [(int(s), int(a), int(b)) for s, a, b in rows]
warm = next((x for x in samples if x[0] >= 60), samples[0])
last = samples[-1]
growth = lambda i: (last[i] - warm[i]) / warm[i] if warm[i] else float("inf")
stored = int(ingested + rejected)
identity = e["planned"] == e["sent"] + e["unsent"] and e["sent"] == e["accepted"] + e["rejected"] + e["failed"] + unknown
checks = {
    "identity": identity,
    "stored_equals_accepted": stored == e["accepted"] if unknown == 0 else e["accepted"] <= stored <= e["accepted"] + unknown,
    "serve_rss_growth_under_10pct": growth(1) < 0.10,
    "run_rss_growth_under_10pct": growth(2) < 0.10,
    "reconcile": reconcile in ("0", "skipped"),
    "report_reconciliation_holds": r.get("reconciliation", {}).get("holds", True),
}
print(json.dumps({
    "events": e, "requests": {k: r["requests"][k] for k in ("sent", "attempts", "retries")},
    "errors": {x["class"]: x["count"] for x in r["errors"]},
    "throughput_rps": round(r["throughput"]["requestsPerSecond"], 1), "duration_s": round(r["durationSeconds"], 1),
    "latency_ms": {k: r["latency"]["corrected"][k] for k in ("p50", "p99", "p999", "max")},
    "schedule": r["schedule"],
    "stored": stored, "resets_injected": int(resets), "reconcile_exit": reconcile,
    "reconciliation": r.get("reconciliation"),
    "rss_kb": {"serve": [warm[1], last[1], round(growth(1) * 100, 1)], "run": [warm[2], last[2], round(growth(2) * 100, 1)]},
    "samples": len(samples), "checks": checks,
}, indent=1))
sys.exit(0 if all(checks.values()) else 1)
EOF
