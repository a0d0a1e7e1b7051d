#!/usr/bin/env bash
# The emulator's CPU a record at a fixed open-loop rate, for each binary in turn (alternated, ROUNDS
# times): `serve` with a fresh data folder, the bundle's chain provisioned, `run --rate RATE --loop`
# from CLIENT (default: the first binary) for SECONDS, and serve's CPU (user + system, from /proc)
# over the records it took. At a rate below capacity the figure is the work a record costs, not how
# fast the machine answered. The bundle's mapping set is corpora/pendo-xdm unless BUNDLE names another.
# usage: [CLIENT=path] [BUNDLE=corpora/pendo-xdm] bench/emulator-fixed-rate.sh RATE SECONDS ROUNDS BINARY...
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 4 ] || { echo "usage: bench/emulator-fixed-rate.sh RATE SECONDS ROUNDS BINARY..." >&2; exit 2; }
rate=$1 secs=$2 rounds=$3
shift 3
client=${CLIENT:-$1}
bundle=${BUNDLE:-corpora/pendo-xdm}
cpu() { python3 -c "import os,sys; f=open('/proc/%s/stat' % sys.argv[1]).read().rsplit(')',1)[1].split(); print((int(f[11])+int(f[12]))/os.sysconf('SC_CLK_TCK'))" "$1"; }
records() { curl -s "http://127.0.0.1:$1/metrics" | awk '$1 ~ /^emulator_records_(ingested|rejected)_total$/ {s+=$2} END {print s+0}'; }
for round in $(seq 1 "$rounds"); do
  for bin in "$@"; do
    work=$(mktemp -d)
    "$bin" serve --port 0 --data "$work/data" >"$work/serve.out" 2>"$work/serve.err" &
    spid=$!
    for _ in $(seq 1 300); do grep -q '"port"' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
    port=$(python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())['port'])" "$work/serve.out")
    "$bin" provision --flow-service "http://127.0.0.1:$port" --corpus "$bundle" --save "$work/flow.json" >/dev/null
    n0=$(records "$port") c0=$(cpu $spid)
    "$client" run --flow "$work/flow.json" --corpus "$bundle" --rate "$rate" --duration "${secs}s" --concurrency 64 \
      --loop --out "$work/run" >/dev/null 2>"$work/run.err" || true
    n1=$(records "$port") c1=$(cpu $spid)
    echo "binary=$bin round=$round records=$((n1 - n0)) serve_cpu_us_per_record=$(python3 -c "print(round(($c1 - $c0) / max(1, $n1 - $n0) * 1e6, 1))") load=$(cut -d' ' -f1 /proc/loadavg)"
    kill $spid
    wait $spid 2>/dev/null || true
    rm -rf "$work"
  done
done
