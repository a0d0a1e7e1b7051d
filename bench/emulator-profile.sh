#!/usr/bin/env bash
# One wrk run against the emulator's inlet with the bundle's first event (a new uniqueId a request),
# with serve's CPU a request and its group-commit metrics; MODE perf also samples serve for 5 s
# (`perf record -g`, the data file's path is printed), MODE strace counts its fsync/pwrite/futex calls.
# PERF_FREQ (default 999) and PERF_CG (default -g; e.g. "--call-graph dwarf,16384", which unwinds
# through the Swift runtime and libc as frame pointers do not) set the sampling.
# usage: [BUNDLE=corpora/pendo-xdm] bench/emulator-profile.sh BINARY SECONDS CONNECTIONS none|perf|strace [-- SERVE_ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 4 ] || { echo "usage: bench/emulator-profile.sh BINARY SECONDS CONNECTIONS none|perf|strace [-- SERVE_ARGS...]" >&2; exit 2; }
bin=$1 secs=$2 conns=$3 mode=$4
shift 4
[ "${1:-}" = "--" ] && shift
bundle=${BUNDLE:-corpora/pendo-xdm}
work=$(mktemp -d)
"$bin" serve --port 0 --data "$work/data" "$@" >"$work/serve.out" 2>"$work/serve.err" &
spid=$!
# The database goes (a 60 s run writes gigabytes); a perf data file stays, its path printed.
trap 'kill $spid 2>/dev/null; wait 2>/dev/null; rm -rf "$work/data"' EXIT
for _ in $(seq 1 300); do grep -q '"port"' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())['port'])" "$work/serve.out")
"$bin" provision --flow-service "http://127.0.0.1:$port" --corpus "$bundle" --save "$work/flow.json" >/dev/null
inlet=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['inletUrl'])" "$work/flow.json")
flow=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['flowId'])" "$work/flow.json")
python3 bench/wrk-event.py "$bundle" "$work/event.lua"
cpu() { awk '{print $14 + $15}' /proc/$spid/stat; }
c0=$(cpu)
case $mode in
  strace) (sleep 2; timeout 4 strace -f -c -e trace=fsync,fdatasync,pwrite64,futex -p $spid -o "$work/strace.txt") & ;;
  perf) (sleep 2; perf record -e cpu-clock -F ${PERF_FREQ:-999} ${PERF_CG:--g} -p $spid -o "$work/perf.data" -- sleep 5 >/dev/null 2>&1) & ;;
  none) ;;
  *) echo "MODE is none, perf or strace, not $mode" >&2; exit 2 ;;
esac
wrk -t2 -c"$conns" -d"${secs}s" -s "$work/event.lua" "$inlet?x-adobe-flow-id=$flow" >"$work/wrk.txt"
c1=$(cpu)
for job in $(jobs -p); do [ "$job" = "$spid" ] || wait "$job" 2>/dev/null || true; done
grep -E "Requests/sec|Latency|requests in" "$work/wrk.txt"
n=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
echo "emulator_cpu_us_per_request=$(python3 -c "import os; print(round(($c1 - $c0) / os.sysconf('SC_CLK_TCK') / $n * 1e6))")"
curl -s "http://127.0.0.1:$port/metrics" | grep -E "^emulator_(commit|ingest_latency)_[a-z_]*(sum|count)" || true
[ -f "$work/strace.txt" ] && cat "$work/strace.txt"
echo "work=$work"
