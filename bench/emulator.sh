#!/usr/bin/env bash
# Emulator throughput and memory (docs/BENCHMARKS.md, "Emulator (issue 4)").
# Starts `pendo-replay serve` (release build), provisions the seed's chain, then measures with wrk:
#   1. single-message ingest (mapping + SQLite group commit), 64 connections;
#   2. batches of 100 messages, 64 connections (messages/s = requests/s x 100);
#   3. peak RSS (VmHWM) after 1,000,000 ingested records.
# usage: [SERVE_FLAGS="--commit-window-ms 1"] [PEERS=0] bench/emulator.sh [SECONDS=8] [CONNECTIONS=64] [TOTAL_RECORDS=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-8} conns=${2:-64} total=${3:-1000000}
for tool in wrk hey curl python3; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install -y wrk hey curl)"; exit 1; }; done
bin=.build/release/pendo-replay
[ -x "$bin" ] || swift build -c release --product pendo-replay
data=$(mktemp -d) work=$(mktemp -d)
$bin serve --port 0 --data "$data" ${SERVE_FLAGS:-} >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data" "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/serve.out" ] && break; sleep 0.1; done
port=$(python3 -c "import json,sys;print(json.loads(open(sys.argv[1]).readline())['port'])" "$work/serve.out")
base=http://127.0.0.1:$port
H=(-s -H 'Authorization: Bearer bench' -H 'x-api-key: bench' -H 'x-gw-ims-org-id: BENCH@AdobeOrg' -H 'x-sandbox-name: prod' -H 'Content-Type: application/json')
j() { python3 -c "import json,sys;d=json.load(sys.stdin);print(eval(sys.argv[1]))" "$1"; }
schema=$(curl "${H[@]}" $base/data/foundation/schemaregistry/tenant/schemas -d '{"title":"Pendo","type":"object","properties":{"_extconndev":{"type":"object","properties":{"accountid":{"type":"string"},"uniqueid":{"type":"string","minLength":1},"name1":{"type":"string"},"timestamp1":{"type":"string"},"visitorid":{"type":"string"}},"required":["uniqueid"]}},"required":["_extconndev"]}' | j 'd["$id"]')
ds=$(curl "${H[@]}" $base/data/foundation/catalog/dataSets -d "{\"name\":\"bench\",\"schemaRef\":{\"id\":\"$schema\",\"contentType\":\"application/vnd.adobe.xed-full+json;version=1\"}}" | j 'd[0].split("/")[-1]')
sc=$(curl "${H[@]}" $base/data/foundation/flowservice/sourceConnections -d '{"name":"Streaming Source Connection for Pendo","providerId":"521eee4d-8cbe-4906-bb48-fb6bd4450033","connectionSpec":{"id":"6ff5654f-19d5-427d-bd3e-c0ebc802389a","version":"1.0"},"data":{"format":"json"}}' | j 'd["id"]')
tc=$(curl "${H[@]}" $base/data/foundation/flowservice/targetConnections -d "{\"name\":\"t\",\"connectionSpec\":{\"id\":\"c604ff05-7f1a-43c0-8e18-33bf874cb11c\",\"version\":\"1.0\"},\"data\":{\"format\":\"json\",\"schema\":{\"id\":\"$schema\",\"version\":\"application/vnd.adobe.xed-full+json;version=1\"}},\"params\":{\"dataSetId\":\"$ds\"}}" | j 'd["id"]')
ms=$(curl "${H[@]}" $base/data/foundation/conversion/mappingSets -d "{\"outputSchema\":{\"schemaRef\":{\"id\":\"$schema\",\"contentType\":\"application/vnd.adobe.xed-full+json;version=1\"}},\"mappings\":[{\"destinationXdmPath\":\"_extconndev.accountid\",\"sourceAttribute\":\"accountId\",\"identity\":false,\"version\":0},{\"destinationXdmPath\":\"_extconndev.uniqueid\",\"sourceAttribute\":\"uniqueId\",\"identity\":false,\"version\":0},{\"destinationXdmPath\":\"_extconndev.name1\",\"sourceAttribute\":\"properties.guideProperties.name\",\"identity\":false,\"version\":0},{\"destinationXdmPath\":\"_extconndev.timestamp1\",\"sourceAttribute\":\"timestamp\",\"identity\":false,\"version\":0},{\"destinationXdmPath\":\"_extconndev.visitorid\",\"sourceAttribute\":\"visitorId\",\"identity\":false,\"version\":0}]}" | j 'd["id"]')
flow=$(curl "${H[@]}" $base/data/foundation/flowservice/flows -d "{\"name\":\"Streaming Dataflow for Pendo\",\"flowSpec\":{\"id\":\"e77fde5a-22a8-11ed-861d-0242ac120002\",\"version\":\"1.0\"},\"sourceConnectionIds\":[\"$sc\"],\"targetConnectionIds\":[\"$tc\"],\"transformations\":[{\"name\":\"Mapping\",\"params\":{\"mappingId\":\"$ms\",\"mappingVersion\":0}}]}" | j 'd["id"]')
inlet=$(curl "${H[@]}" $base/data/foundation/flowservice/flows/$flow | j 'd["items"][0]["options"]["inletUrl"]')
inlet_id=${inlet##*/}

event='{"type":"guideSeen","event":"guideSeen","uniqueId":"8a7c9d3e-5b1f-4c2a-9e6d-1f0b2c3d4e5f","accountId":"acct-1042","visitorId":"visitor-88213","timestamp":1676875325841,"subscriptionId":"5629499534213120","appId":"-323232","properties":{"guideProperties":{"id":"gT3nRvXkY2","name":"Welcome guide","stepId":"sQ8wLm","stepIndex":0}},"metadata":{"agent":{"browser":"Chrome 120","os":"Mac OS X","url":"https://app.example.com/home"}}}'
# A real event of the seed corpus when the bundle is here (about 900 bytes), else the one above.
if [ -f corpora/pendo-seed/events.jsonl.gz ]; then event=$(set +o pipefail; zcat corpora/pendo-seed/events.jsonl.gz 2>/dev/null | head -1); fi
printf '%s' "$event" >"$work/event.json"
python3 - "$work" "$flow" <<'PY'
import json, sys
work, flow = sys.argv[1], sys.argv[2]
event = json.load(open(work + "/event.json"))
batch = {"messages": [{"header": {"flowId": flow}, "body": dict(event, uniqueId="m%d" % i)} for i in range(100)]}
open(work + "/batch.json", "w").write(json.dumps(batch))
for name in ("event", "batch"):
    body = open(work + "/%s.json" % name).read()
    open(work + "/%s.lua" % name, "w").write('wrk.method="POST"\nwrk.headers["Content-Type"]="application/json"\nwrk.body=%s\n' % json.dumps(body))
PY
rps() { awk '/Requests\/sec/ {print $2}'; }
echo "emulator pid=$pid port=$port flow=$flow"
single=$(wrk -t2 -c"$conns" -d"${secs}s" -s "$work/event.lua" "$inlet?x-adobe-flow-id=$flow" | tee "$work/wrk1.txt" | rps)
grep -E "Latency|Non-2xx|Socket errors" "$work/wrk1.txt" || true
echo "single  connections=$conns seconds=$secs requests_per_sec=$single"
batch=$(wrk -t2 -c"$conns" -d"${secs}s" -s "$work/batch.lua" "$base/collection/batch/$inlet_id" | tee "$work/wrk2.txt" | rps)
grep -E "Latency|Non-2xx|Socket errors" "$work/wrk2.txt" || true
echo "batch100 connections=$conns seconds=$secs requests_per_sec=$batch messages_per_sec=$(python3 -c "print(round($batch*100))")"
count() { curl "${H[@]}" "$base/data/foundation/flowservice/runs?property=flowId==$flow" | j 'd["items"][0]["metrics"]["recordSummary"]["inputRecordCount"]'; }
have=$(count)
need=$(( (total - have + 99) / 100 ))
if [ "$need" -gt 0 ]; then hey -n "$need" -c 32 -m POST -T application/json -D "$work/batch.json" "$base/collection/batch/$inlet_id" >/dev/null; fi
echo "records_ingested=$(count) rss_now_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status) peak_rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$pid/status) db_bytes=$(du -cb "$data" | tail -1 | cut -f1)"
if [ -x /work/shared/bench/peers.sh ] && [ "${PEERS:-1}" = 1 ]; then
  echo "peers (same URL, same body):"; /work/shared/bench/peers.sh "$inlet?x-adobe-flow-id=$flow" "$work/event.json" "$conns" "$secs"
fi
