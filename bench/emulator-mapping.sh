#!/usr/bin/env bash
# Single-message ingest of the emulator with a corpus bundle's mapping set (default: the rich
# corpora/pendo-xdm one: 23 mappings, calculated fields, date formats), measured with wrk, beside a
# bare Hummingbird POST handler (bench/bare-hummingbird: reads the body, answers 200, maps and stores
# nothing) measured with the same wrk command in the same sitting. Every request carries the bundle's
# first event with its own uniqueId (a wrk Lua counter), so each is a new record.
# usage: [PENDO_REPLAY=path] [SERVE_ARGS="--commit-window-ms 0 ..."] bench/emulator-mapping.sh [BUNDLE=corpora/pendo-xdm] [SECONDS=10] [CONNECTIONS=64] [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=${1:-corpora/pendo-xdm} secs=${2:-10} conns=${3:-64} rounds=${4:-3}
bin=${PENDO_REPLAY:-.build/release/pendo-replay}
[ -x "$bin" ] || { echo "build first: swift build -c release --product pendo-replay" >&2; exit 2; }
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 2; }
bare=bench/bare-hummingbird/.build/release/BareHummingbird
[ -x "$bare" ] || (cd bench/bare-hummingbird && swift build -c release >&2)
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"' EXIT

"$bin" serve --port 0 --data "$work/data" ${SERVE_ARGS:-} >"$work/serve.out" 2>"$work/serve.err" &
pids+=($!)
for _ in $(seq 1 300); do grep -q '"port"' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())['port'])" "$work/serve.out")
"$bin" provision --flow-service "http://127.0.0.1:$port" --corpus "$bundle" --save "$work/flow.json" >/dev/null
inlet=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['inletUrl'])" "$work/flow.json")
flow=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['flowId'])" "$work/flow.json")
# A port the kernel has just handed out and released: the emulator's port + 1 may be taken.
bare_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bare" "$bare_port" >"$work/bare.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -s -o /dev/null -X POST -d '{}' "http://127.0.0.1:$bare_port/collection/bare" && break; sleep 0.1; done
curl -sf -o /dev/null -X POST -d '{}' "http://127.0.0.1:$bare_port/collection/bare" ||
  { echo "the bare handler did not answer on port $bare_port:" >&2; cat "$work/bare.out" >&2; exit 1; }

python3 bench/wrk-event.py "$bundle" "$work/event.lua"
rps() { awk '/Requests\/sec/ {print $2}'; }
# wrk's median latency (its --latency distribution).
p50() { awk '$1 == "50%" {print $2}' "$1"; }
threads=$((conns < 2 ? conns : 2))
# CPU seconds (user + system) a process has used: per request, a figure that a busy machine changes
# far less than requests/s.
cpu() { python3 -c "import os,sys; f=open('/proc/%s/stat' % sys.argv[1]).read().rsplit(')',1)[1].split(); print((int(f[11])+int(f[12]))/os.sysconf('SC_CLK_TCK'))" "$1"; }
requests() { awk '/requests in/ {print $1}' "$1"; }
echo "bundle=$bundle connections=$conns seconds=$secs load_average_at_start=$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  before=$(cpu "${pids[0]}")
  emulator=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$work/event.lua" "$inlet?x-adobe-flow-id=$flow" | tee "$work/emulator-$round.txt" | rps)
  emulator_us=$(python3 -c "print(round(($(cpu "${pids[0]}") - $before) / $(requests "$work/emulator-$round.txt") * 1e6))")
  before=$(cpu "${pids[1]}")
  peer=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$work/event.lua" "http://127.0.0.1:$bare_port/collection/bare" | tee "$work/bare-$round.txt" | rps)
  peer_us=$(python3 -c "print(round(($(cpu "${pids[1]}") - $before) / $(requests "$work/bare-$round.txt") * 1e6))")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$work/emulator-$round.txt")
  echo "round=$round emulator_requests_per_sec=$emulator bare_hummingbird_requests_per_sec=$peer ratio=$(python3 -c "print(round($emulator/$peer, 3))") emulator_cpu_us_per_request=$emulator_us bare_cpu_us_per_request=$peer_us emulator_non_2xx=${non2xx:-0} emulator_p50=$(p50 "$work/emulator-$round.txt") bare_p50=$(p50 "$work/bare-$round.txt")"
done
echo "stored records: $(curl -s "http://127.0.0.1:$port/metrics" | awk '$1 == "emulator_records_ingested_total" {print $2}')"
