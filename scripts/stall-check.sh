#!/usr/bin/env bash
# A run through a stall, checked end to end: the emulator holds every answer for 3 s early in a 10 s
# run at 50 requests/s; the report must list every second (the stalled ones at zero), and
# the throughput chart of report.html, screenshotted with headless Chromium, must drop to the axis
# during the stall (a chart that joins the seconds around it with a straight line fails).
#   scripts/stall-check.sh [BINARY] [OUT_DIR]
# Defaults: .build/debug/pendo-replay, .build/stall-check. Loopback only; bounded in time.
# Installs chromium and python3-pil with apt-get when missing (root, as on CI).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/pendo-replay}
out=${2:-.build/stall-check}
rm -rf "$out"
mkdir -p "$out"

. scripts/chromium-deps.sh

# Provision once, then start serve again on the same data with a stall 3 s after its start: the run
# begins at once, so the stall falls in its middle whatever provisioning cost.
serve_on() {
  : > "$out/serve.out"
  "$bin" serve --port 0 --data "$out/data" "$@" > "$out/serve.out" 2> "$out/serve.err" &
  serve=$!
  for _ in $(seq 1 300); do [ -s "$out/serve.out" ] && break; sleep 0.1; done
  port=$("$py" -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["port"])' "$out/serve.out")
}
serve=
trap '[ -n "$serve" ] && kill $serve 2>/dev/null || true' EXIT
serve_on
timeout 60 "$bin" provision --flow-service "http://127.0.0.1:$port" --corpus corpora/pendo-seed --save "$out/flow.json" > /dev/null
kill "$serve"; wait "$serve" 2>/dev/null || true
# The saved flow names the first serve's port: the second one is reached through --flow-service.
flow_id=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["flowId"])' "$out/flow.json")
serve_on --stall 3s+3s
timeout 90 "$bin" run --flow-service "http://127.0.0.1:$port" --flow-id "$flow_id" --corpus corpora/pendo-seed \
  --rate 50 --duration 10s --loop --timeout 30s --quiet --out "$out/run"

"$py" - "$out/run/report.json" "$out/run/report.html" "$out/chart.html" <<'PY'
import json, re, sys
report = json.load(open(sys.argv[1]))
answered = {i["second"]: i["requests"] for i in report["intervals"]}
missing = [s for s in range(0, int(report["durationSeconds"])) if answered.get(s, 0) == 0]
print(f"stall-check: {report['durationSeconds']:.1f} s, answers per second {answered}, seconds with no answer {missing}")
if len(missing) < 2:
    print("stall-check: FAIL: the run shows no stall of 2 s or more; the check needs one", file=sys.stderr)
    sys.exit(1)
html = open(sys.argv[2]).read()
charts = re.findall(r"<svg .*?</svg>", html, re.S)
throughput = next(c for c in charts if "Throughput per second" in c)
style = re.search(r"<style>.*?</style>", html, re.S).group(0)
open(sys.argv[3], "w").write("<!DOCTYPE html><html><head>" + style + "</head><body style='margin:0;padding:0'>" + throughput + "</body></html>")
PY

png="$out/chart.png"
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --disable-dev-shm-usage \
  --window-size=880,320 --screenshot="$png" "file://$(realpath "$out/chart.html")" >/dev/null 2>&1 || true
[ -s "$png" ] || { echo "stall-check: chromium wrote no screenshot" >&2; exit 1; }

"$py" - "$png" <<'PY'
import sys
from PIL import Image
image = Image.open(sys.argv[1]).convert("RGB")
width, height = image.size
# The plot area of LineChart (880x320): x 64..864, y 40..272 (the x axis).
left, right, top, bottom = 64, 864, 40, 272
def near(p, rgb):
    return all(abs(a - b) < 40 for a, b in zip(p, rgb))
def blue(p):  # "requests completed" (#0072B2), or "accepted events" (#009E73) drawn over it
    return near(p, (0x00, 0x72, 0xB2)) or near(p, (0x00, 0x9E, 0x73))
columns = []
for x in range(left + 2, right - 2):
    ys = [y for y in range(top, bottom + 3) if blue(image.getpixel((x, y)))]
    columns.append(min(ys) if ys else None)
# A column whose blue line lies on the axis is a second at zero; one well above it, a second with answers.
at_zero = [c is not None and c >= bottom - 3 for c in columns]
above = [c is not None and c < bottom - 40 for c in columns]
runs, run = [], 0
for flag in at_zero:
    run = run + 1 if flag else 0
    runs.append(run)
longest = max(runs) if runs else 0
print(f"stall-check: {sys.argv[1]} {width}x{height}; longest stretch of the throughput line on the axis: {longest} px; "
      f"columns above it: {sum(above)}")
if longest < 60 or sum(above) < 100:
    print("stall-check: FAIL: the stall does not show as a gap in the throughput chart", file=sys.stderr)
    sys.exit(1)
print("stall-check: ok")
PY
